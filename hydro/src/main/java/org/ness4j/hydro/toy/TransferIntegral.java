package org.ness4j.hydro.toy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.apache.commons.rng.UniformRandomProvider;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.decomposition.eig.SymmetricQRAlgorithmDecomposition_DDRM;
import org.ness4j.core.random.TrajectoryStreams;

/**
 * Exact stationary statistics of the toy model (paper 004, Eq. 15) with driven noise only, by
 * the transfer-integral method: one- and two-point functions, the correlation length, and
 * exact samples of whole configurations (for wall densities counted as the simulation counts
 * them).
 *
 * <p><b>The stationary measure of the discretized model.</b> Without the conserved noise
 * (\(2D\chi T = 0\)) the stepper ({@link ToyModelStepper}) integrates, in the limit
 * \(dt \to 0\), the system of SDEs on the periodic grid of \(N\) cells of width \(dx\)
 * \[ dm_i = \Big[\frac{D}{dx^2}(m_{i+1} - 2m_i + m_{i-1}) + f(m_i)\Big]dt
 *    + \sqrt{S/dx}\; dW_i,\qquad S = \nu a J\varepsilon(1-\gamma), \]
 * with independent Wiener processes \(W_i\) (the white noise averaged over a cell has variance
 * \(S\,dt/dx\) per step). With the lattice free energy
 * \[ F[m] = \sum_{i=0}^{N-1} dx\,\Big[\frac{D}{2}\Big(\frac{m_{i+1}-m_i}{dx}\Big)^2 + V(m_i)\Big],
 *    \qquad V(m) = -\int_0^m f = \varepsilon J\Big(-\big(\tfrac{\gamma}{4} - (1-\gamma)\big)
 *    \frac{m^2}{2} + \frac{\gamma}{16} m^4\Big), \]
 * one has \(\partial F/\partial m_i = -dx\,[D(m_{i+1}-2m_i+m_{i-1})/dx^2 + f(m_i)]\), so the
 * drift is exactly \(-\mu\,\partial F/\partial m_i\) with mobility \(\mu = 1/dx\): the
 * discretization is an exact gradient flow of the lattice functional \(F\). A gradient flow
 * with noise variance \(2\mu T\) per unit time has the Gibbs measure \(e^{-F/T}\) as its
 * stationary state (detailed balance of the Fokker-Planck equation); here
 * \(2\mu T = S/dx\), hence
 * \[ T = S/2 = \nu a J \varepsilon (1-\gamma)/2 \]
 * ({@link #temperature()}), independent of \(dx\). In units of \(T\) the lattice action is
 * \[ F/T = \sum_i \big[\kappa (m_{i+1}-m_i)^2 + u(m_i)\big],\qquad \kappa = \frac{D}{S\,dx},
 *    \qquad u(m) = \frac{2\,dx}{S} V(m). \]
 * This is the stationary measure of the continuous-time lattice SDE. The Heun step at finite
 * \(dt\) has a slightly different stationary measure: for a linear mode of rate \(\lambda\) its
 * stationary variance is the exact one times \(1 - (h^2/2)/(2 - h + h^2/2)\), \(h = \lambda dt\),
 * an \(O(dt^2)\) error; for the stiffest mode at the paper's \(dx = 0.25\), \(dt = 0.001\)
 * (\(h \approx 0.064\)) that is 0.1 %. The conserved noise is not covered: with it the
 * stationary state is not this Gibbs measure, so models with \(2D\chi T \ne 0\) are refused.
 *
 * <p><b>Transfer integral.</b> On the ring,
 * \(Z = \int \prod_i dm_i \prod_i K(m_i, m_{i+1}) = \mathrm{Tr}\,\hat K^N\) with the symmetric
 * kernel \(K(x, y) = e^{-u(x)/2 - \kappa(x-y)^2 - u(y)/2}\). The field is discretized on a
 * uniform grid \(x_k\) of spacing \(h\) on \([-R, R]\) (Nystr&ouml;m method, midpoint weights):
 * \(A_{kl} = h\,K(x_k, x_l)\), a symmetric \(M\times M\) matrix whose eigenpairs
 * \(\lambda_n, \phi_n\) (EJML's symmetric eigen-decomposition, sorted by \(|\lambda|\)
 * descending, \(\phi_n\) of unit norm) give every statistic exactly for the grid model in which
 * \(m_i\) takes the values \(x_k\):
 * <ul>
 *   <li>one-point distribution on a ring of \(N\) cells,
 *   \(P(m_0 = x_k) = \sum_n \lambda_n^N \phi_{n,k}^2 / \sum_n \lambda_n^N\); on the infinite
 *   chain \(\phi_{0,k}^2\) ({@link #marginal()}, {@link #marginal(int)});</li>
 *   <li>two-point function \(\langle m_0 m_r\rangle = \sum_{n,l}\lambda_n^{N-r}\lambda_l^r
 *   X_{nl}^2/\sum_n\lambda_n^N\), \(X_{nl} = \sum_k \phi_{n,k} x_k \phi_{l,k}\)
 *   ({@link #correlation(int, int)}; infinite chain: \(\sum_l (\lambda_l/\lambda_0)^r
 *   X_{0l}^2\));</li>
 *   <li>the correlation length \(\xi = dx/\ln(\lambda_0/\lambda_1)\) (units of \(a\)), the
 *   decay length of the sign correlations; in a dilute gas of walls it is
 *   \(1/(2 n_{DW})\) ({@link #correlationLength()}).</li>
 * </ul>
 * The grid is the only approximation. The kernel is a Gaussian of width
 * \(\sigma = 1/\sqrt{2\kappa + \max(0, u''(m_0))}\) in its second argument, for which the
 * midpoint rule converges faster than any power of \(h/\sigma\); the default grid uses
 * \(h = \sigma/3\) ({@link #DEFAULT_POINTS_PER_WIDTH}) and widens \(R\) until the marginal
 * probability in the outer tenth of the range is below \(10^{-12}\) ({@link #tailMass()}).
 * The convergence in \(h\) and \(R\) is checked in the tests and reported in docs/hydro.md.
 *
 * <p><b>Exact samples.</b> {@link #sampler(int)} draws configurations of the ring exactly from
 * the grid model: \(m_0\) from the ring marginal, then \(m_i\) given \(m_{i-1} = x\) with
 * probability \(\propto A(x, y)\,(A^{N-i})(y, m_0)\) (a bridge back to \(m_0\)), with
 * \((A^k)(y, m_0) = \sum_n \lambda_n^k\phi_{n}(y)\phi_n(m_0)\). Terms with
 * \(|\lambda_n/\lambda_0|^k &lt; 10^{-20}\) are dropped; once only \(n = 0\) is left, the step is
 * the stationary Markov chain \(A(x,y)\phi_0(y)/(\lambda_0\phi_0(x))\) of the infinite chain
 * (tabulated). The ring is the simulation's boundary condition (periodic stencil and periodic
 * wall counter), so the samples and the simulation's snapshots have the same distribution up to
 * the grid and the \(O(dt^2)\) step error. (An open chain, which the simulation does not use,
 * would need end weights; it is not implemented.) Configurations are independent; sample \(j\) of
 * {@link #wallDensities} uses the random stream {@code TrajectoryStreams.stream(seed, j)}, so
 * results are reproducible.
 *
 * <p>Cost: building is one dense symmetric eigen-decomposition of the \(M\times M\) grid matrix
 * (\(M\) = 200-1000 for \(\varepsilon\) = 0.4-0.01 at the paper's parameters; well under a
 * second to a few seconds), memory \(3M^2\) doubles. A sample costs \(O(N \log M)\) plus the
 * bridge, a few milliseconds for \(N = 8000\).
 *
 * <p>Thread safety: immutable; samplers are not thread-safe (one per thread).
 */
public final class TransferIntegral {

    /** Grid points per kernel width \(\sigma\) of the default grid. */
    public static final double DEFAULT_POINTS_PER_WIDTH = 3;
    /** Largest marginal probability allowed in the outer tenth of the automatic grid. */
    public static final double TAIL_TOLERANCE = 1e-12;
    /** Largest marginal probability allowed in the outer tenth of an explicit grid. */
    public static final double EXPLICIT_TAIL_LIMIT = 1e-6;
    /** Largest number of grid points (memory \(3M^2\) doubles). */
    public static final int MAX_POINTS = 2500;
    /** Terms \(|\lambda_n/\lambda_0|^k\) below this are dropped from the sampler's bridge. */
    static final double DROP = 1e-20;

    private final ToyModel model;
    private final double temperature;
    private final double kappa;
    private final double[] x;
    private final double h;
    private final int size;
    /** Eigenvalues sorted by modulus, descending. */
    private final double[] lambda;
    /** lambda[n] / lambda[0]. */
    private final double[] ratio;
    /** phi[n][k]: eigenvector n at grid point k, unit norm, phi[0] non-negative. */
    private final double[][] phi;
    /** A[k * size + l]. */
    private final double[] kernel;
    /** Row k: cumulative distribution of the stationary chain from x_k. */
    private final double[] stationaryCdf;
    private final double tailMass;

    private TransferIntegral(ToyModel model, double range, int points) {
        this.model = model;
        double s = model.drivenNoiseStrength();
        this.temperature = 0.5 * s;
        this.kappa = model.diffusion() / (s * model.dx());
        this.size = points;
        this.h = 2 * range / points;
        this.x = new double[points];
        double[] u = new double[points];
        for (int k = 0; k < points; k++) {
            x[k] = -range + (k + 0.5) * h;
            u[k] = 2 * model.dx() / s * potential(model, x[k]);
        }
        this.kernel = new double[points * points];
        DMatrixRMaj a = new DMatrixRMaj(points, points);
        double uMin = Double.POSITIVE_INFINITY;
        for (double v : u) {
            uMin = Math.min(uMin, v);
        }
        for (int k = 0; k < points; k++) {
            for (int l = 0; l < points; l++) {
                double d = x[k] - x[l];
                // u shifted by its minimum (the largest entry is h): scales every eigenvalue
                // by e^(uMin), ratios unchanged
                double v = h * Math.exp(-0.5 * (u[k] - uMin) - kappa * d * d
                    - 0.5 * (u[l] - uMin));
                kernel[k * points + l] = v;
                a.unsafe_set(k, l, v);
            }
        }
        // EJML's default iteration limit fails at M ~ 800 (eps = 0.0025): the spectrum spans
        // hundreds of orders of magnitude; a generous limit converges
        SymmetricQRAlgorithmDecomposition_DDRM eig =
            new SymmetricQRAlgorithmDecomposition_DDRM(true);
        eig.setMaxIterations(Math.max(1000, 100 * points));
        if (!eig.decompose(a)) {
            throw new IllegalStateException("eigen-decomposition of the transfer matrix failed ("
                + points + " points)");
        }
        Integer[] order = new Integer[points];
        double[] values = new double[points];
        for (int n = 0; n < points; n++) {
            order[n] = n;
            values[n] = eig.getEigenvalue(n).getReal();
        }
        Arrays.sort(order, (p, q) -> Double.compare(Math.abs(values[q]), Math.abs(values[p])));
        this.lambda = new double[points];
        this.ratio = new double[points];
        this.phi = new double[points][];
        for (int n = 0; n < points; n++) {
            lambda[n] = values[order[n]];
            phi[n] = eig.getEigenVector(order[n]).getData().clone();
        }
        // Perron-Frobenius: the leading eigenvector of a positive matrix has one sign
        double sum0 = 0;
        for (double v : phi[0]) {
            sum0 += v;
        }
        if (sum0 < 0) {
            for (int k = 0; k < points; k++) {
                phi[0][k] = -phi[0][k];
            }
        }
        if (!(lambda[0] > 0)) {
            throw new IllegalStateException("leading transfer eigenvalue not positive: " + lambda[0]);
        }
        for (int n = 0; n < points; n++) {
            ratio[n] = lambda[n] / lambda[0];
        }
        this.stationaryCdf = new double[points * points];
        for (int k = 0; k < points; k++) {
            double acc = 0;
            for (int l = 0; l < points; l++) {
                acc += kernel[k * points + l] * Math.max(0, phi[0][l]);
                stationaryCdf[k * points + l] = acc;
            }
            for (int l = 0; l < points; l++) {
                stationaryCdf[k * points + l] = acc > 0 ? stationaryCdf[k * points + l] / acc : 1;
            }
        }
        int outer = Math.max(1, points / 20);
        double tail = 0;
        for (int k = 0; k < outer; k++) {
            tail += phi[0][k] * phi[0][k] + phi[0][points - 1 - k] * phi[0][points - 1 - k];
        }
        this.tailMass = tail;
    }

    /**
     * The exact transfer integral of a model on the default grid: spacing \(\sigma\) divided by
     * {@link #DEFAULT_POINTS_PER_WIDTH} (class comment) and a range widened until
     * {@link #tailMass()} is below {@link #TAIL_TOLERANCE}.
     *
     * @param model a model with \(\varepsilon &gt; 0\), \(\nu &gt; 0\), \(D &gt; 0\) and no conserved
     *     noise
     * @return the transfer integral
     * @throws IllegalArgumentException if the model has conserved noise, no driven noise, no
     *     diffusion, or needs more than {@link #MAX_POINTS} grid points
     */
    public static TransferIntegral of(ToyModel model) {
        requireGibbs(model);
        double width = kernelWidth(model);
        double spacing = width / DEFAULT_POINTS_PER_WIDTH;
        double range = Math.max(1.0, 1.5 * model.m0()) + 10 * width;
        while (true) {
            int points = (int) Math.ceil(2 * range / spacing);
            if (points > MAX_POINTS) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "the default grid needs more than %d points (range %.4g, spacing %.4g) for %s",
                    MAX_POINTS, range, spacing, model));
            }
            TransferIntegral t = new TransferIntegral(model, range, points);
            if (t.tailMass <= TAIL_TOLERANCE) {
                return t;
            }
            range *= 1.25;
        }
    }

    /**
     * The transfer integral on an explicit grid of {@code points} cells of equal width covering
     * \([-R, R]\) (values at the cell midpoints), for convergence studies.
     *
     * @param model a model with \(\varepsilon &gt; 0\), \(\nu &gt; 0\), \(D &gt; 0\) and no conserved
     *     noise
     * @param range \(R &gt; 0\)
     * @param points number of grid points, in [3, {@link #MAX_POINTS}]
     * @return the transfer integral
     * @throws IllegalArgumentException on a bad model or grid, or if the range cuts the
     *     distribution: marginal probability in the outer tenth above {@link #EXPLICIT_TAIL_LIMIT}
     */
    public static TransferIntegral of(ToyModel model, double range, int points) {
        requireGibbs(model);
        if (!(range > 0) || !Double.isFinite(range)) {
            throw new IllegalArgumentException("range must be positive and finite: " + range);
        }
        if (points < 3 || points > MAX_POINTS) {
            throw new IllegalArgumentException("points must be in [3, " + MAX_POINTS + "]: "
                + points);
        }
        TransferIntegral t = new TransferIntegral(model, range, points);
        if (t.tailMass > EXPLICIT_TAIL_LIMIT) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                "range %s cuts the distribution: probability %.3g in its outer tenth (limit %s)",
                range, t.tailMass, EXPLICIT_TAIL_LIMIT));
        }
        return t;
    }

    private static void requireGibbs(ToyModel model) {
        Objects.requireNonNull(model, "model");
        if (model.thermalNoiseStrength() != 0) {
            throw new IllegalArgumentException("the stationary state is a Gibbs measure only "
                + "without the conserved noise: thermalNoiseStrength " + model.thermalNoiseStrength());
        }
        if (!(model.drivenNoiseStrength() > 0)) {
            throw new IllegalArgumentException("the driven noise strength must be positive (eps > 0,"
                + " nu > 0): " + model.drivenNoiseStrength());
        }
        if (!(model.diffusion() > 0)) {
            throw new IllegalArgumentException("diffusion must be positive: " + model.diffusion());
        }
    }

    /** Width of the kernel's Gaussian in its second argument near the minimum. */
    private static double kernelWidth(ToyModel model) {
        double s = model.drivenNoiseStrength();
        double k = model.diffusion() / (s * model.dx());
        double curvature = -2 * model.dx() / s * forceSlope(model, model.m0());
        return 1 / Math.sqrt(2 * k + Math.max(0, curvature));
    }

    /** \(V(m) = -\int_0^m f\). */
    static double potential(ToyModel model, double m) {
        double ej = model.eps() * model.coupling();
        double g = model.gamma();
        return ej * (-(0.25 * g - (1 - g)) * 0.5 * m * m + g / 16 * m * m * m * m);
    }

    private static double forceSlope(ToyModel model, double m) {
        double g = model.gamma();
        return model.eps() * model.coupling() * (0.25 * g * (1 - 3 * m * m) - (1 - g));
    }

    /** @return the model */
    public ToyModel model() {
        return model;
    }

    /**
     * The temperature of the Gibbs measure \(e^{-F/T}\) (class comment).
     *
     * @return \(T = \nu aJ\varepsilon(1-\gamma)/2\) (units of \(F\))
     */
    public double temperature() {
        return temperature;
    }

    /**
     * The gradient coupling of the lattice action in units of \(T\).
     *
     * @return \(\kappa = D/(S\,dx)\)
     */
    public double gradientCoupling() {
        return kappa;
    }

    /**
     * The on-site action in units of \(T\).
     *
     * @param m magnetization
     * @return \(u(m) = 2\,dx\,V(m)/S\)
     */
    public double onSiteAction(double m) {
        return 2 * model.dx() / model.drivenNoiseStrength() * potential(model, m);
    }

    /** @return the grid values \(x_k\) of the field (a copy) */
    public double[] values() {
        return x.clone();
    }

    /** @return the grid spacing \(h\) of the field values */
    public double spacing() {
        return h;
    }

    /** @return the number of grid points \(M\) */
    public int points() {
        return size;
    }

    /** @return the grid's half range \(R\) */
    public double range() {
        return 0.5 * h * size;
    }

    /**
     * Probability of the infinite-chain marginal in the outer tenth of the grid (both ends): the
     * check that the range does not cut the distribution.
     *
     * @return \(\sum_{\text{outer}} \phi_{0,k}^2\)
     */
    public double tailMass() {
        return tailMass;
    }

    /**
     * Ratio of a transfer eigenvalue to the leading one.
     *
     * @param n index, sorted by modulus descending (0 = leading)
     * @return \(\lambda_n/\lambda_0\)
     * @throws IllegalArgumentException if n is out of range
     */
    public double eigenvalueRatio(int n) {
        if (n < 0 || n >= size) {
            throw new IllegalArgumentException("n must be in [0, " + size + "): " + n);
        }
        return ratio[n];
    }

    /**
     * Correlation length of the infinite chain, the decay length of the sign correlations.
     *
     * @return \(\xi = dx/\ln(\lambda_0/\lambda_1)\) (units of \(a\)); +infinity if
     *     \(\lambda_1 = \lambda_0\) to rounding
     */
    public double correlationLength() {
        double r = Math.abs(ratio[1]);
        return r >= 1 ? Double.POSITIVE_INFINITY : -model.dx() / Math.log(r);
    }

    /**
     * One-point distribution of the infinite chain on the grid; divided by {@link #spacing()} it
     * is the probability density of \(m\) at the grid values {@link #values()}.
     *
     * @return probabilities \(\phi_{0,k}^2\) of \(m = x_k\) (sum 1)
     */
    public double[] marginal() {
        double[] p = new double[size];
        for (int k = 0; k < size; k++) {
            p[k] = phi[0][k] * phi[0][k];
        }
        return p;
    }

    /**
     * One-point distribution on a ring of {@code cells} cells (the simulation's geometry).
     *
     * @param cells ring length \(N \ge 1\)
     * @return probabilities of \(m_i = x_k\) (sum 1)
     * @throws IllegalArgumentException if cells &lt; 1
     */
    public double[] marginal(int cells) {
        requireCells(cells);
        double[] p = new double[size];
        double z = 0;
        for (int n = 0; n < size; n++) {
            double w = Math.pow(ratio[n], cells);
            if (Math.abs(w) < DROP) {
                continue;
            }
            z += w;
            for (int k = 0; k < size; k++) {
                p[k] += w * phi[n][k] * phi[n][k];
            }
        }
        for (int k = 0; k < size; k++) {
            p[k] /= z;
        }
        return p;
    }

    /**
     * A moment of the ring's one-point distribution.
     *
     * @param cells ring length \(N \ge 1\)
     * @param power the power \(p \ge 0\)
     * @return \(\langle m^p\rangle\)
     * @throws IllegalArgumentException if cells &lt; 1 or power &lt; 0
     */
    public double moment(int cells, int power) {
        if (power < 0) {
            throw new IllegalArgumentException("power must be non-negative: " + power);
        }
        double[] p = marginal(cells);
        double s = 0;
        for (int k = 0; k < size; k++) {
            s += p[k] * Math.pow(x[k], power);
        }
        return s;
    }

    /**
     * Two-point function of the infinite chain.
     *
     * @param maxDistance largest distance \(r\) in cells, non-negative
     * @return \(\langle m_0 m_r\rangle\) for \(r = 0, \ldots\), maxDistance
     * @throws IllegalArgumentException if maxDistance &lt; 0
     */
    public double[] correlation(int maxDistance) {
        if (maxDistance < 0) {
            throw new IllegalArgumentException("maxDistance must be non-negative: " + maxDistance);
        }
        double[] x0 = new double[size];
        for (int l = 0; l < size; l++) {
            x0[l] = matrixElement(0, l);
        }
        double[] c = new double[maxDistance + 1];
        for (int r = 0; r <= maxDistance; r++) {
            double s = 0;
            for (int l = 0; l < size; l++) {
                s += Math.pow(ratio[l], r) * x0[l] * x0[l];
            }
            c[r] = s;
        }
        return c;
    }

    /**
     * Two-point function on a ring of {@code cells} cells.
     *
     * @param cells ring length \(N \ge 1\)
     * @param maxDistance largest distance \(r\), in [0, cells]
     * @return \(\langle m_0 m_r\rangle\) for \(r = 0, \ldots\), maxDistance
     * @throws IllegalArgumentException on a bad ring length or distance
     */
    public double[] correlation(int cells, int maxDistance) {
        requireCells(cells);
        if (maxDistance < 0 || maxDistance > cells) {
            throw new IllegalArgumentException("maxDistance must be in [0, cells = " + cells + "]: "
                + maxDistance);
        }
        // pairs (n, l) with both |ratio|^(N/2) below DROP contribute less than DROP
        int lead = 0;
        while (lead < size && Math.pow(Math.abs(ratio[lead]), 0.5 * cells) >= DROP) {
            lead++;
        }
        double[][] xm = new double[lead][size];
        for (int n = 0; n < lead; n++) {
            for (int l = 0; l < size; l++) {
                xm[n][l] = matrixElement(n, l);
            }
        }
        double z = 0;
        for (int n = 0; n < lead; n++) {
            z += Math.pow(ratio[n], cells);
        }
        double[] c = new double[maxDistance + 1];
        for (int r = 0; r <= maxDistance; r++) {
            double s = 0;
            for (int n = 0; n < lead; n++) {
                double wn = Math.pow(ratio[n], cells - r);
                double wnr = Math.pow(ratio[n], r);
                for (int l = 0; l < size; l++) {
                    double e = xm[n][l] * xm[n][l];
                    s += wn * Math.pow(ratio[l], r) * e;
                    if (l >= lead) { // the pair (l, n) with l outside the leading set
                        s += Math.pow(ratio[l], cells - r) * wnr * e;
                    }
                }
            }
            c[r] = s / z;
        }
        return c;
    }

    private double matrixElement(int n, int l) {
        double[] a = phi[n];
        double[] b = phi[l];
        double s = 0;
        for (int k = 0; k < size; k++) {
            s += a[k] * x[k] * b[k];
        }
        return s;
    }

    private static void requireCells(int cells) {
        if (cells < 1) {
            throw new IllegalArgumentException("cells must be at least 1: " + cells);
        }
    }

    /**
     * An exact sampler of ring configurations of {@code cells} cells (class comment).
     *
     * @param cells ring length \(N \ge 2\)
     * @return a new sampler (not thread-safe)
     * @throws IllegalArgumentException if cells &lt; 2
     */
    public Sampler sampler(int cells) {
        if (cells < 2) {
            throw new IllegalArgumentException("cells must be at least 2: " + cells);
        }
        return new Sampler(cells);
    }

    /**
     * A wall density with its sampling error from independent exact configurations.
     *
     * @param density mean number of walls per unit length, \(\langle\text{walls}\rangle/L\)
     * @param standardError one-sigma error of {@code density}: the standard deviation of the
     *     per-configuration densities over \(\sqrt{\text{samples}}\)
     * @param samples number of configurations
     */
    public record WallDensity(double density, double standardError, int samples) {
    }

    /**
     * The exact wall density of the model's ring ({@link ToyModel#cells()} cells), counted with
     * the given counter.
     *
     * @param counter the wall counter (the one given to {@link DomainWallStatistics})
     * @param samples number of independent configurations, at least 2
     * @param seed master seed; configuration \(j\) uses {@code TrajectoryStreams.stream(seed, j)}
     * @return the density with its sampling error
     * @throws IllegalArgumentException if samples &lt; 2 or the ring is shorter than the window
     */
    public WallDensity wallDensity(DomainWallCounter counter, int samples, long seed) {
        return wallDensities(List.of(counter), model.cells(), samples, seed).get(0);
    }

    /**
     * Exact wall densities on a ring, several counters applied to the same configurations.
     *
     * @param counters the wall counters, non-empty
     * @param cells ring length \(N\), at least 2 and at least every counter's window
     * @param samples number of independent configurations, at least 2
     * @param seed master seed; configuration \(j\) uses {@code TrajectoryStreams.stream(seed, j)}
     * @return one density per counter, in order
     * @throws IllegalArgumentException on bad arguments
     */
    public List<WallDensity> wallDensities(List<DomainWallCounter> counters, int cells,
                                           int samples, long seed) {
        Objects.requireNonNull(counters, "counters");
        if (counters.isEmpty()) {
            throw new IllegalArgumentException("counters must not be empty");
        }
        if (samples < 2) {
            throw new IllegalArgumentException("samples must be at least 2: " + samples);
        }
        for (DomainWallCounter c : counters) {
            if (c.window() > cells) {
                throw new IllegalArgumentException("cells must be at least the window "
                    + c.window() + ": " + cells);
            }
        }
        Sampler sampler = sampler(cells);
        double length = cells * model.dx();
        int nc = counters.size();
        double[] sum = new double[nc];
        double[] sumSq = new double[nc];
        double[] m = new double[cells];
        double[] scratch = new double[cells];
        for (int j = 0; j < samples; j++) {
            sampler.sample(TrajectoryStreams.stream(seed, j), m);
            for (int c = 0; c < nc; c++) {
                double d = counters.get(c).count(m, 0, cells, scratch) / length;
                sum[c] += d;
                sumSq[c] += d * d;
            }
        }
        List<WallDensity> out = new ArrayList<>(nc);
        for (int c = 0; c < nc; c++) {
            double mean = sum[c] / samples;
            double var = Math.max(0, (sumSq[c] - samples * mean * mean) / (samples - 1));
            out.add(new WallDensity(mean, Math.sqrt(var / samples), samples));
        }
        return out;
    }

    /**
     * Draws independent exact configurations of a ring from the grid model (class comment).
     *
     * <p>Thread safety: not thread-safe (holds work arrays); use one per thread.
     */
    public final class Sampler {
        private final int cells;
        private final double[] startCdf;
        /** bridgeTerms[k]: number of eigen-terms kept at distance k from the closing cell. */
        private final int[] bridgeTerms;
        private final double[] coef;
        private final double[] weights;

        private Sampler(int cells) {
            this.cells = cells;
            double[] p = marginal(cells);
            startCdf = new double[size];
            double acc = 0;
            for (int k = 0; k < size; k++) {
                acc += p[k];
                startCdf[k] = acc;
            }
            for (int k = 0; k < size; k++) {
                startCdf[k] /= acc;
            }
            bridgeTerms = new int[cells];
            for (int k = 1; k < cells; k++) {
                int t = 1;
                while (t < size && Math.pow(Math.abs(ratio[t]), k) >= DROP) {
                    t++;
                }
                bridgeTerms[k] = t;
            }
            coef = new double[size];
            weights = new double[size];
        }

        /** @return the ring length \(N\) */
        public int cells() {
            return cells;
        }

        /**
         * Draws one configuration.
         *
         * @param rng source of randomness
         * @param out destination of length at least cells() (modified): \(m_0, \ldots, m_{N-1}\)
         * @return {@code out}
         * @throws IllegalArgumentException if out is too short
         */
        public double[] sample(UniformRandomProvider rng, double[] out) {
            if (out.length < cells) {
                throw new IllegalArgumentException("out must hold " + cells + " values: "
                    + out.length);
            }
            int start = search(startCdf, 0, rng.nextDouble());
            out[0] = x[start];
            int prev = start;
            for (int i = 1; i < cells; i++) {
                int k = cells - i; // steps left to close the ring at m_0
                int terms = bridgeTerms[k];
                int next;
                if (terms == 1) {
                    next = search(stationaryCdf, prev * size, rng.nextDouble());
                } else {
                    next = bridgeStep(prev, start, k, terms, rng.nextDouble());
                }
                out[i] = x[next];
                prev = next;
            }
            return out;
        }

        /** Draws m_i given m_{i-1} = x_prev, k steps before closing at x_start. */
        private int bridgeStep(int prev, int start, int k, int terms, double u) {
            for (int n = 0; n < terms; n++) {
                coef[n] = Math.pow(ratio[n], k) * phi[n][start];
            }
            double total = 0;
            double largestNegative = 0;
            int row = prev * size;
            for (int y = 0; y < size; y++) {
                double b = 0;
                for (int n = 0; n < terms; n++) {
                    b += coef[n] * phi[n][y];
                }
                double w = kernel[row + y] * b;
                if (w < 0) { // rounding of a vanishing weight: (A^k)(y, m0) >= 0 exactly
                    largestNegative = Math.max(largestNegative, -w);
                    w = 0;
                }
                total += w;
                weights[y] = total;
            }
            if (!(total > 0) || largestNegative > 1e-9 * total) {
                throw new IllegalStateException(String.format(Locale.ROOT,
                    "bridge weights lost to rounding (total %.3g, negative %.3g) at k = %d", total,
                    largestNegative, k));
            }
            double target = u * total;
            int lo = 0;
            int hi = size - 1;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (weights[mid] > target) {
                    hi = mid;
                } else {
                    lo = mid + 1;
                }
            }
            return lo;
        }

        /** Smallest k with cdf[offset + k] > u (the last point if rounding leaves none). */
        private int search(double[] cdf, int offset, double u) {
            int lo = 0;
            int hi = size - 1;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (cdf[offset + mid] > u) {
                    hi = mid;
                } else {
                    lo = mid + 1;
                }
            }
            return lo;
        }
    }
}
