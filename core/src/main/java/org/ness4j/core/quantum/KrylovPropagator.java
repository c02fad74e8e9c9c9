package org.ness4j.core.quantum;

import java.util.Objects;

/**
 * Error-controlled Krylov (Arnoldi) propagator of the no-jump evolution
 * \( d\psi/dt = -iH_{\rm nh}\psi \) of quantum trajectories (paper 000, SI Eq. 19), with exact
 * location of the time at which \( \|\psi\|^2 \) falls to a threshold (the jump time of the
 * waiting-time method, as QuTiP's mcsolve does with its ODE solver).
 *
 * <p>Method (Saad, SIAM J. Numer. Anal. 29, 209 (1992); Sidje, ACM TOMS 24, 130 (1998),
 * Expokit): from \( v_1 = \psi/\beta \), \( \beta = \|\psi\| \), Arnoldi with modified
 * Gram-Schmidt builds an orthonormal basis \( V_m \) of the Krylov space of
 * \( A = -iH_{\rm nh} \) and the Hessenberg matrix \( H_m = V_m^\dagger A V_m \); then
 * \( \psi(\tau) \approx \beta V_m e^{\tau H_m} e_1 \). The error is estimated by
 * \( \beta\, |[e^{\tau \bar H}]_{m+1,1}| \) with \( \bar H \) the Hessenberg matrix augmented
 * by the row \( h_{m+1,m} e_m^T \) (Saad's \( \varphi_1 \) estimate); the step is accepted if
 * this is at most {@code tolerance * tau} (an absolute error of the unnormalized state per
 * unit time). The Krylov dimension grows (checked every {@value #CHECK_EVERY} vectors) up to
 * {@code maxDimension}; beyond it the step is shortened by the usual controller
 * \( \tau \leftarrow 0.9\,\tau\,(\mathrm{tol}\,\tau/\mathrm{err})^{1/m} \). Because
 * \( V_m \) is orthonormal, \( \|\psi(\tau)\|^2 = \beta^2 \|e^{\tau H_m} e_1\|^2 \) costs
 * nothing in the Hilbert dimension, so the jump time is found by Illinois regula falsi on the
 * small matrix alone.
 *
 * <p>Cost: the step size is set by the energies that the Krylov space reaches from the state
 * (the occupied states and a few Fock states above them), not by the largest energy of the
 * truncated space as for an explicit fixed step, so the cost per unit time grows about linearly
 * in the Hilbert dimension {@code d} (work {@code O(m d)} per sparse product plus
 * {@code O(m^2 d)} Gram-Schmidt per step; measured in docs/quantum.md, "Krylov trajectories").
 *
 * <p>Thread safety: not thread-safe (scratch arrays); use one instance per thread.
 */
final class KrylovPropagator {

    /** The error estimate is evaluated every this many Arnoldi vectors. */
    static final int CHECK_EVERY = 5;

    private final int d;
    private final int[] rs;
    private final int[] cs;
    private final double[] hr;
    private final double[] hi;
    private final int maxDim;
    private final double tolerance;
    /** Krylov basis: vRe[j], vIm[j]. */
    private final double[][] vRe;
    private final double[][] vIm;
    /** Hessenberg matrix (row-major, (maxDim + 1) x maxDim), complex. */
    private final double[][] hRe;
    private final double[][] hIm;
    private final double[] wRe;
    private final double[] wIm;
    private double lastStep;
    private boolean reachedThreshold;
    private double norm2;
    private long products;

    /**
     * @param heff the non-Hermitian effective Hamiltonian \( H_{\rm nh} \)
     * @param maxDimension largest Krylov dimension, at least 4
     * @param tolerance absolute error of the state per unit time, in (0, 1e-2]
     * @param initialStep first trial step (in units of 1/gamma), positive
     */
    KrylovPropagator(SparseOperator heff, int maxDimension, double tolerance,
                     double initialStep) {
        Objects.requireNonNull(heff, "heff");
        if (maxDimension < 4) {
            throw new IllegalArgumentException("maxDimension must be at least 4: "
                + maxDimension);
        }
        if (!(tolerance > 0 && tolerance <= 1e-2)) {
            throw new IllegalArgumentException("tolerance must be in (0, 1e-2]: " + tolerance);
        }
        if (!(initialStep > 0 && Double.isFinite(initialStep))) {
            throw new IllegalArgumentException("initialStep must be positive: " + initialStep);
        }
        this.d = heff.dimension();
        this.rs = heff.rowStartArray();
        this.cs = heff.columnArray();
        this.hr = heff.reArray();
        this.hi = heff.imArray();
        this.maxDim = Math.min(maxDimension, d);
        this.tolerance = tolerance;
        this.vRe = new double[maxDim + 1][d];
        this.vIm = new double[maxDim + 1][d];
        this.hRe = new double[maxDim + 2][maxDim + 1];
        this.hIm = new double[maxDim + 2][maxDim + 1];
        this.wRe = new double[d];
        this.wIm = new double[d];
        this.lastStep = initialStep;
    }

    /** @return whether the last {@link #advance} stopped at the norm threshold */
    boolean reachedThreshold() {
        return reachedThreshold;
    }

    /** @return \( \|\psi\|^2 \) after the last {@link #advance} */
    double norm2() {
        return norm2;
    }

    /** @return sparse matrix-vector products so far (the cost measure) */
    long products() {
        return products;
    }

    /**
     * Advances \( \psi \) (in place, unnormalized) by one accepted Krylov step of at most
     * {@code maxTime}, stopping earlier at the time where \( \|\psi\|^2 \) falls to
     * {@code threshold} ({@link #reachedThreshold()} then true).
     *
     * @param re real parts of psi
     * @param im imaginary parts of psi
     * @param maxTime largest time to advance, positive
     * @param threshold norm-squared threshold (the waiting-time method's uniform number)
     * @return the time advanced
     */
    double advance(double[] re, double[] im, double maxTime, double threshold) {
        reachedThreshold = false;
        double beta = 0;
        for (int i = 0; i < d; i++) {
            beta += re[i] * re[i] + im[i] * im[i];
        }
        beta = Math.sqrt(beta);
        if (!(beta > 0) || !Double.isFinite(beta)) {
            norm2 = beta * beta;
            return maxTime;
        }
        double inv = 1 / beta;
        for (int i = 0; i < d; i++) {
            vRe[0][i] = re[i] * inv;
            vIm[0][i] = im[i] * inv;
        }
        double tau = Math.min(maxTime, 1.5 * lastStep);
        int m = 0; // number of basis vectors whose products are in H
        boolean exact = false;
        double[][] e = null;
        double err = Double.POSITIVE_INFINITY;
        while (m < maxDim) {
            // w = A v_m = -i Heff v_m
            multiply(vRe[m], vIm[m], wRe, wIm);
            products++;
            for (int i = 0; i <= m + 1; i++) {
                hRe[i][m] = 0;
                hIm[i][m] = 0;
            }
            double before = 0;
            for (int i = 0; i < d; i++) {
                before += wRe[i] * wRe[i] + wIm[i] * wIm[i];
            }
            double s = 0;
            for (int pass = 0; pass < 2; pass++) {
                if (pass == 1 && s > 0.5 * before) {
                    break; // no cancellation: one pass kept orthogonality (DGKS criterion)
                }
                for (int k = 0; k <= m; k++) {
                    double[] ar = vRe[k];
                    double[] ai = vIm[k];
                    double sr = 0;
                    double si = 0;
                    for (int i = 0; i < d; i++) {
                        // conj(v) . w
                        sr += ar[i] * wRe[i] + ai[i] * wIm[i];
                        si += ar[i] * wIm[i] - ai[i] * wRe[i];
                    }
                    hRe[k][m] += sr;
                    hIm[k][m] += si;
                    for (int i = 0; i < d; i++) {
                        wRe[i] -= sr * ar[i] - si * ai[i];
                        wIm[i] -= sr * ai[i] + si * ar[i];
                    }
                }
                s = 0;
                for (int i = 0; i < d; i++) {
                    s += wRe[i] * wRe[i] + wIm[i] * wIm[i];
                }
            }
            s = Math.sqrt(s);
            hRe[m + 1][m] = s;
            m++;
            double diag = Math.abs(hRe[m - 1][m - 1]) + Math.abs(hIm[m - 1][m - 1]);
            if (s <= 1e-13 * Math.max(1, diag)) {
                exact = true; // invariant subspace: exact for any time
                tau = maxTime;
                break;
            }
            double sInv = 1 / s;
            for (int i = 0; i < d; i++) {
                vRe[m][i] = wRe[i] * sInv;
                vIm[m][i] = wIm[i] * sInv;
            }
            if (m == 1 && threshold > 0 && threshold < beta * beta) {
                // aim just past the expected jump: |psi|^2 decays at rate -2 Re h_00 now
                // (the jump rate sum <L^dag L>), so the threshold is reached near
                // ln(beta^2 / r) / rate; a longer step would be built only to be cut there
                double rate = -2 * hRe[0][0];
                if (rate > 0) {
                    double expected = Math.log(beta * beta / threshold) / rate;
                    tau = Math.min(tau, Math.max(1.5 * expected, 1e-3 * maxTime));
                }
            }
            if (m % CHECK_EVERY == 0 || m == maxDim) {
                e = augmentedExp(m, tau);
                err = beta * Math.hypot(e[0][m], e[1][m]);
                if (err <= tolerance * tau) {
                    break;
                }
            }
        }
        if (!exact) {
            // shrink the step until accepted (no new products needed)
            for (int it = 0; err > tolerance * tau && it < 200; it++) {
                double factor = 0.9 * Math.pow(tolerance * tau / err, 1.0 / m);
                tau *= Math.max(0.05, Math.min(0.95, factor));
                e = augmentedExp(m, tau);
                err = beta * Math.hypot(e[0][m], e[1][m]);
            }
            if (err > tolerance * tau) {
                throw new IllegalStateException("Krylov propagator: no step with error below "
                    + tolerance + " per unit time (error " + err + " at step " + tau + ")");
            }
        }
        // the state at tau: coefficients c = beta exp(tau H_m) e_1
        double[] c;
        if (e != null && !exact) {
            // the augmented matrix is block lower triangular: its first column's leading m
            // entries are exp(tau H_m) e_1
            c = new double[2 * m];
            for (int k = 0; k < m; k++) {
                c[2 * k] = e[0][k];
                c[2 * k + 1] = e[1][k];
            }
        } else {
            c = firstColumn(m, tau);
        }
        double f = beta * beta * sumSquares(c, m);
        double used = tau;
        if (!(f > threshold)) {
            used = locate(m, tau, beta, threshold);
            c = firstColumn(m, used); // one full evaluation at the root
            reachedThreshold = true;
        }
        for (int i = 0; i < d; i++) {
            re[i] = 0;
            im[i] = 0;
        }
        for (int k = 0; k < m; k++) {
            double cr = beta * c[2 * k];
            double ci = beta * c[2 * k + 1];
            double[] ar = vRe[k];
            double[] ai = vIm[k];
            for (int i = 0; i < d; i++) {
                re[i] += cr * ar[i] - ci * ai[i];
                im[i] += cr * ai[i] + ci * ar[i];
            }
        }
        double n2 = 0;
        for (int i = 0; i < d; i++) {
            n2 += re[i] * re[i] + im[i] * im[i];
        }
        norm2 = n2;
        if (!exact && !reachedThreshold) {
            // next trial: the controller's proposal (grow at most 2x)
            double grow = err > 0 ? 0.9 * Math.pow(tolerance * tau / err, 1.0 / m) : 2;
            lastStep = tau * Math.max(0.2, Math.min(2, grow));
        } else if (!reachedThreshold) {
            lastStep = Math.max(lastStep, tau);
        }
        return used;
    }

    /**
     * The root of ln ||psi(s)||^2 - ln r in (0, tau]: marches over {@value #SUBSTEPS} sub-steps
     * with exp(delta H_m) to bracket it, then Illinois regula falsi inside the bracket with
     * Taylor-series propagation of the small vector over at most one sub-step.
     */
    private double locate(int m, double tau, double beta, double threshold) {
        double lr = Math.log(threshold);
        double lb = 2 * Math.log(beta);
        int sub = SUBSTEPS;
        double delta = tau / sub;
        double[] step = stepMatrix(m, delta);
        double[] ur = new double[m];
        double[] ui = new double[m];
        ur[0] = 1;
        double[] pr = new double[m];
        double[] pi = new double[m];
        double fPrev = lb - lr;
        int k = 0;
        for (; k < sub; k++) {
            SmallComplexMatrices.apply(m, step, ur, ui, pr, pi);
            double f = lb + Math.log(sumSquares(pr, pi, m)) - lr;
            if (f <= 0 || k == sub - 1) {
                break;
            }
            System.arraycopy(pr, 0, ur, 0, m);
            System.arraycopy(pi, 0, ui, 0, m);
            fPrev = f;
        }
        double base = k * delta;
        double a = 0;
        double fa = fPrev;
        double b = delta;
        double fb = lb + Math.log(sumSquares(pr, pi, m)) - lr;
        bracketRe = ur;
        bracketIm = ui;
        bracketM = m;
        int side = 0;
        for (int it = 0; it < 100; it++) {
            if (b - a <= 1e-14 * tau) {
                break;
            }
            double s = (a * fb - b * fa) / (fb - fa);
            if (!(s > a && s < b)) {
                s = 0.5 * (a + b);
            }
            double fs = lb + Math.log(taylorNorm2(s)) - lr;
            if (Math.abs(fs) <= 1e-13) {
                return base + s;
            }
            if (fs > 0) {
                a = s;
                fa = fs;
                if (side == -1) {
                    fb *= 0.5;
                }
                side = -1;
            } else {
                b = s;
                fb = fs;
                if (side == 1) {
                    fa *= 0.5;
                }
                side = 1;
            }
        }
        return base + b; // norm at or below the threshold
    }

    /** Sub-steps of the bracketing march of {@link #locate}. */
    private static final int SUBSTEPS = 32;

    private double[] bracketRe;
    private double[] bracketIm;
    private int bracketM;

    /** ||exp(s H_m) u||^2 for the bracket's start vector u, by a Taylor series in s H_m. */
    private double taylorNorm2(double s) {
        int m = bracketM;
        double[] vr = bracketRe.clone();
        double[] vi = bracketIm.clone();
        double[] tr = bracketRe.clone();
        double[] ti = bracketIm.clone();
        double[] nr = new double[m];
        double[] ni = new double[m];
        for (int k = 1; k <= 30; k++) {
            double size = 0;
            for (int i = 0; i < m; i++) {
                double ar = 0;
                double ai = 0;
                for (int j = Math.max(0, i - 1); j < m; j++) {
                    ar += hRe[i][j] * tr[j] - hIm[i][j] * ti[j];
                    ai += hRe[i][j] * ti[j] + hIm[i][j] * tr[j];
                }
                nr[i] = ar * s / k;
                ni[i] = ai * s / k;
                size += nr[i] * nr[i] + ni[i] * ni[i];
            }
            double[] sw = tr;
            tr = nr;
            nr = sw;
            sw = ti;
            ti = ni;
            ni = sw;
            for (int i = 0; i < m; i++) {
                vr[i] += tr[i];
                vi[i] += ti[i];
            }
            if (size < 1e-34) {
                break;
            }
        }
        return sumSquares(vr, vi, m);
    }

    /** exp(delta H_m) as a row-major interleaved-free pair (re then im, m x m each). */
    private double[] stepMatrix(int m, double delta) {
        double[] mr = new double[m * m];
        double[] mi = new double[m * m];
        double norm = 0;
        for (int j = 0; j < m; j++) {
            double colSum = 0;
            for (int i = 0; i < m; i++) {
                mr[i * m + j] = delta * hRe[i][j];
                mi[i * m + j] = delta * hIm[i][j];
                colSum += Math.hypot(mr[i * m + j], mi[i * m + j]);
            }
            norm = Math.max(norm, colSum);
        }
        return SmallComplexMatrices.exp(m, mr, mi, norm);
    }

    private static double sumSquares(double[] re, double[] im, int m) {
        double s = 0;
        for (int k = 0; k < m; k++) {
            s += re[k] * re[k] + im[k] * im[k];
        }
        return s;
    }

    private static double sumSquares(double[] c, int m) {
        double s = 0;
        for (int k = 0; k < 2 * m; k++) {
            s += c[k] * c[k];
        }
        return s;
    }

    /** y = -i Heff x. */
    private void multiply(double[] xRe, double[] xIm, double[] yRe, double[] yIm) {
        for (int i = 0; i < d; i++) {
            double sr = 0;
            double si = 0;
            int end = rs[i + 1];
            for (int k = rs[i]; k < end; k++) {
                int col = cs[k];
                sr += hr[k] * xRe[col] - hi[k] * xIm[col];
                si += hr[k] * xIm[col] + hi[k] * xRe[col];
            }
            yRe[i] = si;
            yIm[i] = -sr;
        }
    }

    /** First column of exp(t H_m), interleaved (re, im) of length 2m. */
    private double[] firstColumn(int m, double t) {
        double[][] e = exp(m, m, t);
        double[] c = new double[2 * m];
        for (int k = 0; k < m; k++) {
            c[2 * k] = e[0][k];
            c[2 * k + 1] = e[1][k];
        }
        return c;
    }

    /** First column of exp(t Hbar) with Hbar the (m+1) x (m+1) augmented matrix. */
    private double[][] augmentedExp(int m, double t) {
        return exp(m + 1, m, t);
    }

    /**
     * First column of exp(t M), M the leading n x n block of the Hessenberg matrix with its
     * columns beyond {@code cols} zero (n = m + 1 gives the augmented matrix). Returns
     * {re[], im[]}.
     */
    private double[][] exp(int n, int cols, double t) {
        double[] mr = new double[n * n];
        double[] mi = new double[n * n];
        double norm = 0;
        for (int j = 0; j < Math.min(n, cols); j++) {
            double colSum = 0;
            for (int i = 0; i < n; i++) {
                mr[i * n + j] = t * hRe[i][j];
                mi[i * n + j] = t * hIm[i][j];
                colSum += Math.hypot(mr[i * n + j], mi[i * n + j]);
            }
            norm = Math.max(norm, colSum);
        }
        return SmallComplexMatrices.expFirstColumn(n, mr, mi, norm);
    }
}
