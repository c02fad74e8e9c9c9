package org.ness4j.hydro.ed;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Generalized forces, noise and fixed points of the weakly driven XXZ chain (paper 004,
 * Eq. 8-10, 19, App. A), from exact diagonalization: the perturbation is
 * \(\varepsilon\hat L_1 = \varepsilon[(1-\gamma)\hat D_1 + \gamma\hat D_2]\) (Eq. 3) with the
 * channels of {@link LindbladChannel}.
 *
 * <p><b>Forces</b> (Eq. 9, A.1): \(f_i = (\varepsilon/N)\mathrm{Tr}[\hat L_1^\dagger(Q_i)\rho_0]\).
 * For \(Q_1\) this is \(f_1 = 2\varepsilon J[\gamma\langle P^\mathrm{up}_{j-1}P^\mathrm{dn}_jP^\mathrm{up}_{j+1}
 * - P^\mathrm{dn}_{j-1}P^\mathrm{up}_jP^\mathrm{dn}_{j+1}\rangle - (1-\gamma)m]\), which at infinite
 * temperature (\(\lambda_2 = 0\), a product state) is
 * \(2\varepsilon J(\gamma(1-m^2)/4 - (1-\gamma))m\): twice the toy force quoted at the end of
 * App. A.1, whose general formula has the factor 2 (the limit drops it). The fixed-point
 * magnetization \(\sqrt{5-4/\gamma}\) is unaffected.
 *
 * <p><b>Noise</b> (Eq. 19): with \(\mathcal L[O] = i[H_0,O] + \varepsilon\hat L_1^\dagger[O]\) and
 * conserved \(Q_i\), the Einstein relation reduces to the "carré du champ"
 * \(N_{ij} = (\varepsilon J/N)\sum_{c,j}w_c\,\mathrm{Re}\langle[L^{(c)}_j,Q_i]^\dagger[L^{(c)}_j,Q_j]
 * \rangle\), \(w = (1-\gamma, \gamma)\). The spin-flip channel alone gives \(N_{11} = 4\Gamma\)
 * per site, \(\Gamma = J\varepsilon(1-\gamma)\), as in App. A.2. Contrary to the sentence in A.2,
 * the aligning channel does contribute: \(4\varepsilon J\gamma\langle P^\mathrm{up} P^\mathrm{dn}
 * P^\mathrm{up} + P^\mathrm{dn} P^\mathrm{up} P^\mathrm{dn}\rangle\), which at infinite temperature is
 * \(\varepsilon J\gamma(1-m^2)\) and equals \(4\Gamma\) exactly at the toy fixed point \(m_0\);
 * so \(N_{11} = 4\varepsilon J[(1-\gamma) + \gamma(1-m^2)/4]\) there.
 *
 * <p>Thread safety: immutable.
 */
public final class DrivenXxzHydrodynamics {

    private static final int MAX_ITER = 200;
    private static final double MAX_LAMBDA = 60;

    private final XxzSpectrum spectrum;
    private final double gamma;
    private final double[] g1;
    private final double[] g2;
    private final double[] n11;
    private final double[] n12;
    private final double[] n22;

    /**
     * Creates the hydrodynamics for a spectrum and a channel weight, with the exact energy force.
     *
     * @param spectrum ED of the chain
     * @param gamma weight \(\gamma \in [0,1]\) of the aligning channel
     * @throws IllegalArgumentException if gamma is outside [0, 1]
     */
    public DrivenXxzHydrodynamics(XxzSpectrum spectrum, double gamma) {
        this(spectrum, gamma, false);
    }

    /**
     * Creates the hydrodynamics for a spectrum and a channel weight.
     *
     * <p>With {@code isingEnergyForce} the energy force is \(\mathrm{Tr}[\hat L_1^\dagger(H_I)
     * \rho_0]/N\) with only the Ising part \(H_I = J\Delta\sum_j\sigma^z_j\sigma^z_{j+1}\): this is
     * what the formula for \(f_2\) printed in App. A.1 evaluates (it has only
     * \(\langle\sigma^z\sigma^z\rangle\) and projector terms and no hopping terms). The exact
     * \(\hat D_1^\dagger(H_0)\) also contains \(-2J\) times the hopping energy. The noise matrix and
     * the ensemble are unchanged. Provided only to compare with Fig. 2.
     *
     * @param spectrum ED of the chain
     * @param gamma weight \(\gamma \in [0,1]\) of the aligning channel
     * @param isingEnergyForce use the App. A.1 (Ising-only) energy force
     * @throws IllegalArgumentException if gamma is outside [0, 1]
     */
    public DrivenXxzHydrodynamics(XxzSpectrum spectrum, double gamma, boolean isingEnergyForce) {
        this.spectrum = Objects.requireNonNull(spectrum, "spectrum");
        if (!(gamma >= 0 && gamma <= 1)) {
            throw new IllegalArgumentException("gamma must be in [0, 1]: " + gamma);
        }
        this.gamma = gamma;
        double j = spectrum.chain().exchange();
        int size = spectrum.size();
        g1 = combine(XxzSpectrum.G1, j, size);
        g2 = combine(isingEnergyForce ? XxzSpectrum.G2_ISING : XxzSpectrum.G2, j, size);
        n11 = combine(XxzSpectrum.N11, j, size);
        n12 = combine(XxzSpectrum.N12, j, size);
        n22 = combine(XxzSpectrum.N22, j, size);
    }

    private double[] combine(int q, double j, int size) {
        double[] a = spectrum.table(LindbladChannel.SPIN_FLIP, q);
        double[] b = spectrum.table(LindbladChannel.ALIGNING, q);
        double[] out = new double[size];
        for (int i = 0; i < size; i++) {
            out[i] = j * ((1 - gamma) * a[i] + gamma * b[i]);
        }
        return out;
    }

    /** @return the spectrum */
    public XxzSpectrum spectrum() {
        return spectrum;
    }

    /** @return \(\gamma\) */
    public double gamma() {
        return gamma;
    }

    /**
     * Evaluates the Gibbs state at given Lagrange parameters.
     *
     * @param lambda1 \(\lambda_1\), finite
     * @param lambda2 \(\lambda_2\), finite
     * @return densities, covariance, forces, noise and their derivatives
     */
    public GibbsPoint at(double lambda1, double lambda2) {
        if (!Double.isFinite(lambda1) || !Double.isFinite(lambda2)) {
            throw new IllegalArgumentException("lambdas must be finite: " + lambda1 + ", " + lambda2);
        }
        double[] mag = spectrum.magnetizations();
        double[] en = spectrum.energies();
        int size = mag.length;
        double nSites = spectrum.chain().sites();
        double shift = Double.POSITIVE_INFINITY;
        for (int i = 0; i < size; i++) {
            shift = Math.min(shift, lambda1 * mag[i] + lambda2 * en[i]);
        }
        double z = 0;
        double sm = 0;
        double se = 0;
        double sg1 = 0;
        double sg2 = 0;
        double s11 = 0;
        double s12 = 0;
        double s22 = 0;
        double r1 = 0;
        double r2 = 0;
        double[] ra = spectrum.table(LindbladChannel.SPIN_FLIP, XxzSpectrum.RATE);
        double[] rb = spectrum.table(LindbladChannel.ALIGNING, XxzSpectrum.RATE);
        for (int i = 0; i < size; i++) {
            double w = Math.exp(shift - lambda1 * mag[i] - lambda2 * en[i]);
            z += w;
            sm += w * mag[i];
            se += w * en[i];
            sg1 += w * g1[i];
            sg2 += w * g2[i];
            s11 += w * n11[i];
            s12 += w * n12[i];
            s22 += w * n22[i];
            r1 += w * ra[i];
            r2 += w * rb[i];
        }
        double mM = sm / z;
        double mE = se / z;
        double mg1 = sg1 / z;
        double mg2 = sg2 / z;
        double cMM = 0;
        double cME = 0;
        double cEE = 0;
        double c1M = 0;
        double c1E = 0;
        double c2M = 0;
        double c2E = 0;
        for (int i = 0; i < size; i++) {
            double w = Math.exp(shift - lambda1 * mag[i] - lambda2 * en[i]) / z;
            double dm = mag[i] - mM;
            double de = en[i] - mE;
            double d1 = g1[i] - mg1;
            double d2 = g2[i] - mg2;
            cMM += w * dm * dm;
            cME += w * dm * de;
            cEE += w * de * de;
            c1M += w * d1 * dm;
            c1E += w * d1 * de;
            c2M += w * d2 * dm;
            c2E += w * d2 * de;
        }
        double[][] cov = {{cMM / nSites, cME / nSites}, {cME / nSites, cEE / nSites}};
        double[][] grad = {{-c1M, -c1E}, {-c2M, -c2E}};
        // stability = Cov(g, Q) * cov^{-1}
        double det = cov[0][0] * cov[1][1] - cov[0][1] * cov[1][0];
        double[][] inv = {{cov[1][1] / det, -cov[0][1] / det}, {-cov[1][0] / det, cov[0][0] / det}};
        double[][] stab = new double[2][2];
        for (int a = 0; a < 2; a++) {
            for (int b = 0; b < 2; b++) {
                stab[a][b] = -(grad[a][0] * inv[0][b] + grad[a][1] * inv[1][b]);
            }
        }
        double[][] noise = {{s11 / z, s12 / z}, {s12 / z, s22 / z}};
        return new GibbsPoint(lambda1, lambda2, mM / nSites, mE / nSites, cov,
            new double[] {mg1, mg2}, grad, stab, noise, new double[] {r1 / z, r2 / z});
    }

    /**
     * Inverts \((\lambda_1,\lambda_2)\mapsto(m,e)\) by Newton's method on the convex function
     * \(\Phi(\lambda) = \ln Z/N + \lambda_1 m + \lambda_2 e\) (Hessian = covariance, exact),
     * with Armijo backtracking; globally convergent for targets inside the achievable region.
     *
     * @param m target magnetization per site
     * @param e target energy per site
     * @param tolerance absolute tolerance on \(|q(\lambda) - q^*|\), positive
     * @return the Gibbs state, or {@code null} if the target is outside (or numerically on the
     *     boundary of) the region reachable with \(|\lambda_i| \le 60\)
     */
    public GibbsPoint solve(double m, double e, double tolerance) {
        if (!Double.isFinite(m) || !Double.isFinite(e)) {
            throw new IllegalArgumentException("m and e must be finite: " + m + ", " + e);
        }
        if (!(tolerance > 0)) {
            throw new IllegalArgumentException("tolerance must be positive: " + tolerance);
        }
        double l1 = 0;
        double l2 = 0;
        GibbsPoint p = at(l1, l2);
        double phi = phi(l1, l2, m, e);
        for (int it = 0; it < MAX_ITER; it++) {
            double r1 = p.m() - m;
            double r2 = p.e() - e;
            if (Math.hypot(r1, r2) < tolerance) {
                return p;
            }
            double[][] c = p.covariance();
            double det = c[0][0] * c[1][1] - c[0][1] * c[1][0];
            // gradient of Phi is (m - <m>, e - <e>) = -r; Newton step = C^{-1} r
            double d1 = (c[1][1] * r1 - c[0][1] * r2) / det;
            double d2 = (-c[1][0] * r1 + c[0][0] * r2) / det;
            double slope = -(r1 * d1 + r2 * d2);
            double t = 1;
            double nl1;
            double nl2;
            double nphi;
            do {
                nl1 = l1 + t * d1;
                nl2 = l2 + t * d2;
                nphi = phi(nl1, nl2, m, e);
                t *= 0.5;
            } while (nphi > phi + 1e-4 * 2 * t * slope + 1e-14 * Math.abs(phi) && t > 1e-12);
            l1 = nl1;
            l2 = nl2;
            phi = nphi;
            if (Math.abs(l1) > MAX_LAMBDA || Math.abs(l2) > MAX_LAMBDA || !Double.isFinite(det)) {
                return null;
            }
            p = at(l1, l2);
        }
        return null;
    }

    private double phi(double l1, double l2, double m, double e) {
        double[] mag = spectrum.magnetizations();
        double[] en = spectrum.energies();
        double shift = Double.POSITIVE_INFINITY;
        for (int i = 0; i < mag.length; i++) {
            shift = Math.min(shift, l1 * mag[i] + l2 * en[i]);
        }
        double z = 0;
        for (int i = 0; i < mag.length; i++) {
            z += Math.exp(shift - l1 * mag[i] - l2 * en[i]);
        }
        double n = spectrum.chain().sites();
        return (Math.log(z) - shift) / n + l1 * m + l2 * e;
    }

    /**
     * Finds the fixed points \(f = 0\) by damped Newton iterations in \(\lambda\) space (exact
     * Jacobian \(\partial f/\partial\lambda\)) from a grid of starting points
     * \(\lambda_i \in \{-2, -1.5, \ldots, 2\}\), keeping distinct converged roots.
     *
     * @return fixed points sorted by magnetization
     */
    public List<FixedPoint> fixedPoints() {
        List<FixedPoint> out = new ArrayList<>();
        for (double s1 = -2; s1 <= 2; s1 += 0.5) {
            for (double s2 = -2; s2 <= 2; s2 += 0.5) {
                GibbsPoint p = newtonRoot(s1, s2);
                if (p == null) {
                    continue;
                }
                boolean dup = false;
                for (FixedPoint f : out) {
                    if (Math.hypot(f.point().m() - p.m(), f.point().e() - p.e()) < 1e-6) {
                        dup = true;
                        break;
                    }
                }
                if (!dup) {
                    double[] re = p.stabilityRealParts();
                    out.add(new FixedPoint(p, re[0] < 0));
                }
            }
        }
        out.sort((a, b) -> Double.compare(a.point().m(), b.point().m()));
        return out;
    }

    private GibbsPoint newtonRoot(double l1, double l2) {
        GibbsPoint p = at(l1, l2);
        double norm = Math.hypot(p.force()[0], p.force()[1]);
        for (int it = 0; it < MAX_ITER; it++) {
            if (norm < 1e-13) {
                return p;
            }
            double[][] g = p.forceGradient();
            double det = g[0][0] * g[1][1] - g[0][1] * g[1][0];
            double f1 = p.force()[0];
            double f2 = p.force()[1];
            double d1 = -(g[1][1] * f1 - g[0][1] * f2) / det;
            double d2 = -(-g[1][0] * f1 + g[0][0] * f2) / det;
            if (!Double.isFinite(d1) || !Double.isFinite(d2)) {
                return null;
            }
            double t = 1;
            GibbsPoint q;
            double qn;
            do {
                double a = l1 + t * d1;
                double b = l2 + t * d2;
                if (Math.abs(a) > MAX_LAMBDA || Math.abs(b) > MAX_LAMBDA) {
                    qn = Double.POSITIVE_INFINITY;
                    q = null;
                } else {
                    q = at(a, b);
                    qn = Math.hypot(q.force()[0], q.force()[1]);
                }
                t *= 0.5;
            } while (!(qn < norm) && t > 1e-10);
            if (q == null || !(qn < norm)) {
                return null;
            }
            p = q;
            l1 = q.lambda1();
            l2 = q.lambda2();
            norm = qn;
        }
        return null;
    }

    /**
     * Integrates the homogeneous flow \(\dot q = f(q)/\varepsilon\) (time in units of
     * \(1/\varepsilon\)) with fourth-order Runge-Kutta in \(\lambda\) space,
     * \(\dot\lambda = -C^{-1}f\), e.g. from an unstable fixed point displaced along its unstable
     * direction (the red paths of Fig. 2).
     *
     * @param start starting state
     * @param step time step (units of \(1/(\varepsilon J)\)), positive
     * @param steps number of steps, positive
     * @return path as {@code {m[], e[]}} including the start
     */
    public double[][] flow(GibbsPoint start, double step, int steps) {
        Objects.requireNonNull(start, "start");
        if (!(step > 0) || steps < 1) {
            throw new IllegalArgumentException("step and steps must be positive: " + step + ", " + steps);
        }
        double[] m = new double[steps + 1];
        double[] e = new double[steps + 1];
        double l1 = start.lambda1();
        double l2 = start.lambda2();
        m[0] = start.m();
        e[0] = start.e();
        for (int k = 1; k <= steps; k++) {
            double[] k1 = rate(l1, l2);
            double[] k2 = rate(l1 + 0.5 * step * k1[0], l2 + 0.5 * step * k1[1]);
            double[] k3 = rate(l1 + 0.5 * step * k2[0], l2 + 0.5 * step * k2[1]);
            double[] k4 = rate(l1 + step * k3[0], l2 + step * k3[1]);
            l1 += step / 6 * (k1[0] + 2 * k2[0] + 2 * k3[0] + k4[0]);
            l2 += step / 6 * (k1[1] + 2 * k2[1] + 2 * k3[1] + k4[1]);
            GibbsPoint p = at(l1, l2);
            m[k] = p.m();
            e[k] = p.e();
        }
        return new double[][] {m, e};
    }

    private double[] rate(double l1, double l2) {
        GibbsPoint p = at(l1, l2);
        double[][] c = p.covariance();
        double det = c[0][0] * c[1][1] - c[0][1] * c[1][0];
        double f1 = p.force()[0];
        double f2 = p.force()[1];
        return new double[] {-(c[1][1] * f1 - c[0][1] * f2) / det,
                             -(-c[1][0] * f1 + c[0][0] * f2) / det};
    }

    /**
     * Starting point on the unstable manifold of a fixed point: displaced by {@code delta}
     * along the eigenvector of the stability matrix with the largest real eigenvalue, oriented
     * so that its m component is non-negative (its e component if that is zero): a positive
     * {@code delta} moves towards larger m.
     *
     * @param fixedPoint the fixed point
     * @param delta signed displacement in \((m,e)\) space
     * @return the displaced Gibbs state, or null if not reachable
     * @throws IllegalArgumentException if the stability matrix has complex eigenvalues (no
     *     real unstable direction)
     */
    public GibbsPoint unstableStart(FixedPoint fixedPoint, double delta) {
        GibbsPoint p = fixedPoint.point();
        double[][] a = p.stability();
        double disc = (a[0][0] - a[1][1]) * (a[0][0] - a[1][1]) + 4 * a[0][1] * a[1][0];
        if (disc < 0) {
            throw new IllegalArgumentException("the stability matrix at " + fixedPoint
                + " has complex eigenvalues: no real unstable direction");
        }
        double lam = p.stabilityRealParts()[0];
        // eigenvector of A for lam: orthogonal to a row of A - lam I; take the row of larger
        // norm (at a symmetric point one row is rounding noise)
        double r0 = Math.hypot(a[0][0] - lam, a[0][1]);
        double r1 = Math.hypot(a[1][0], a[1][1] - lam);
        double v1;
        double v2;
        if (r0 >= r1) {
            v1 = a[0][1];
            v2 = lam - a[0][0];
        } else {
            v1 = lam - a[1][1];
            v2 = a[1][0];
        }
        double nrm = Math.hypot(v1, v2);
        if (nrm == 0) {
            v1 = 1;
            v2 = 0;
            nrm = 1;
        }
        if (v1 < 0 || v1 == 0 && v2 < 0) {
            v1 = -v1;
            v2 = -v2;
        }
        return solve(p.m() + delta * v1 / nrm, p.e() + delta * v2 / nrm, 1e-10);
    }
}
