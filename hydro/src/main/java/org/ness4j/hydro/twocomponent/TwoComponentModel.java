package org.ness4j.hydro.twocomponent;

import java.util.Locale;
import java.util.Objects;
import org.ness4j.core.Checks;

/**
 * The general two-component hydrodynamics of paper 004 (Eq. 11) with tabulated ED forces and
 * noise and a constant diffusion matrix, together with its discretization: an immutable value
 * built with {@link #builder(TabulatedHydrodynamics)}.
 *
 * <p>Model, for \(q = (q_1, q_2) = (m, e)\) per lattice site:
 * \[ \partial_t q_i - \sum_j D_{ij}\,\partial_r^2 q_j = \varepsilon\tilde f_i(q) + \xi_i
 *    + \partial_r\xi^{th}_i, \]
 * \[ \langle\xi_i\xi_j\rangle = \kappa\,\varepsilon\tilde N_{ij}(q)\,a\,
 *    \delta(r-r')\delta(t-t'), \qquad
 *    \langle\xi^{th}_i\xi^{th}_j\rangle = \theta\,(D\chi T + \chi T D^{\mathsf T})_{ij}(q)\,
 *    \delta(r-r')\delta(t-t'), \]
 * with \(\tilde f\), \(\tilde N\) and \(\chi T\) from the {@link TabulatedHydrodynamics table}
 * (Eq. 9, 19 and the Gibbs covariance; \(a = 1\)). The paper's Eq. 12 writes
 * \((D\chi + \chi D)T\); the transpose makes the matrix symmetric for a constant \(D\) that does
 * not satisfy the Onsager relation \(D\chi = \chi D^{\mathsf T}\) at every \(q\), and the two
 * agree when it does (e.g. \(D \propto 1\)). \(\kappa\) ({@link #drivenNoiseScale()}) is 1 for
 * Eq. 19 and 0 for the noise-free equations; \(\theta\) ({@link #thermalNoiseScale()}) is 1 for
 * Eq. 12 and 0 to switch the conserved noise off. The paper replaces the \(q\)-dependent
 * \(D_{ij}(q)\) by constants in its toy model (Eq. 15); here the constant is a full
 * \(2\times2\) matrix.
 *
 * <p>Units: \(J = a = 1\) (the table's units), time in \(1/J\). Dividing by \(\varepsilon\)
 * gives the rescaled Eq. 13: only the noise strengths depend on \(\varepsilon\), as
 * \(\sqrt\varepsilon\) (Eq. 14).
 *
 * <p>Defaults: \(\varepsilon = 0.05\), \(D = 1\) (identity), \(\kappa = 1\), \(\theta = 0\)
 * (the conserved noise is opt-in: on a grid of the lattice constant its per-cell fluctuations,
 * \(\chi T/dx \sim 1\), carry m out of the table, where the functions are clamped; with
 * \(\theta = 1\) and these defaults 85 % of the evaluations were), \(dx = 1\), \(dt = 0.1\),
 * \(L = 1000\).
 *
 * <p>Thread safety: immutable.
 */
public final class TwoComponentModel {

    /** Largest \(\lambda_{max}(D)\,dt/dx^2\) accepted (Heun's limit 1/2 less a margin). */
    static final double MAX_DIFFUSION_NUMBER = 0.45;

    /**
     * The conserved-noise covariance of Eq. 12 without its scale \(\theta\),
     * \(S = D\chi T + \chi T D^{\mathsf T}\), for symmetric \(\chi T\): the one formula the
     * builder's check and the stepper's sampling share.
     *
     * @param d11 \(D_{11}\)
     * @param d12 \(D_{12}\)
     * @param d21 \(D_{21}\)
     * @param d22 \(D_{22}\)
     * @param x11 \((\chi T)_{11}\)
     * @param x12 \((\chi T)_{12}\)
     * @param x22 \((\chi T)_{22}\)
     * @param out receives \(S_{11}, S_{12}, S_{22}\) (modified)
     */
    static void conservedNoiseCovariance(double d11, double d12, double d21, double d22,
                                         double x11, double x12, double x22, double[] out) {
        out[0] = 2 * (d11 * x11 + d12 * x12);
        out[1] = d11 * x12 + d12 * x22 + x11 * d21 + x12 * d22;
        out[2] = 2 * (d21 * x12 + d22 * x22);
    }

    private final TabulatedHydrodynamics table;
    private final double eps;
    private final double[] diffusion;
    private final double drivenNoiseScale;
    private final double thermalNoiseScale;
    private final double dx;
    private final double dt;
    private final int cells;

    private TwoComponentModel(Builder b) {
        this.table = b.table;
        this.eps = b.eps;
        this.diffusion = b.diffusion.clone();
        this.drivenNoiseScale = b.drivenNoiseScale;
        this.thermalNoiseScale = b.thermalNoiseScale;
        this.dx = b.dx;
        this.dt = b.dt;
        double n = Math.rint(b.length / b.dx);
        if (n < 3 || n > Integer.MAX_VALUE / 8 || Math.abs(n * b.dx - b.length) > 1e-9 * b.length) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                "length must be an integer multiple (>= 3) of dx: length %s, dx %s",
                b.length, b.dx));
        }
        this.cells = (int) n;
    }

    /**
     * A builder with the defaults of the class comment.
     *
     * @param table tabulated ED forces and noise
     * @return a new builder
     */
    public static Builder builder(TabulatedHydrodynamics table) {
        return new Builder(Objects.requireNonNull(table, "table"));
    }

    /**
     * A builder initialized with this model's values.
     *
     * @return a new builder
     */
    public Builder toBuilder() {
        Builder b = new Builder(table);
        b.eps = eps;
        b.diffusion = diffusion.clone();
        b.drivenNoiseScale = drivenNoiseScale;
        b.thermalNoiseScale = thermalNoiseScale;
        b.dx = dx;
        b.dt = dt;
        b.length = cells * dx;
        return b;
    }

    /** @return the tabulated forces and noise */
    public TabulatedHydrodynamics table() {
        return table;
    }

    /** @return coupling \(\varepsilon\) to the bath */
    public double eps() {
        return eps;
    }

    /**
     * Diffusion matrix entry.
     *
     * @param i row, 0 or 1
     * @param j column, 0 or 1
     * @return \(D_{ij}\) (units \(a^2 J\))
     */
    public double diffusion(int i, int j) {
        return diffusion[2 * i + j];
    }

    /** @return \(\kappa\), the scale of the driven noise relative to Eq. 19 (0 = off) */
    public double drivenNoiseScale() {
        return drivenNoiseScale;
    }

    /** @return \(\theta\), the scale of the conserved noise relative to Eq. 12 (0 = off) */
    public double thermalNoiseScale() {
        return thermalNoiseScale;
    }

    /** @return grid spacing \(dx\) (units of \(a\)) */
    public double dx() {
        return dx;
    }

    /** @return time step \(dt\) (units of \(1/J\)) */
    public double dt() {
        return dt;
    }

    /** @return number of grid cells (periodic) */
    public int cells() {
        return cells;
    }

    /** @return system length \(L = \) cells \(\cdot dx\) */
    public double length() {
        return cells * dx;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT,
            "TwoComponentModel[eps=%s, D=[[%s, %s], [%s, %s]], kappa=%s, theta=%s, dx=%s,"
                + " dt=%s, cells=%d, %s]", eps, diffusion[0], diffusion[1], diffusion[2],
            diffusion[3], drivenNoiseScale, thermalNoiseScale, dx, dt, cells, table);
    }

    /**
     * Fluent builder of {@link TwoComponentModel}; every setter validates at once and throws
     * {@link IllegalArgumentException} naming the parameter and value.
     *
     * <p>Thread safety: not thread-safe.
     */
    public static final class Builder {
        private final TabulatedHydrodynamics table;
        private double eps = 0.05;
        private double[] diffusion = {1, 0, 0, 1};
        private double drivenNoiseScale = 1;
        private double thermalNoiseScale = 0;
        private double dx = 1;
        private double dt = 0.1;
        private double length = 1000;

        private Builder(TabulatedHydrodynamics table) {
            this.table = table;
        }

        /**
         * @param v \(\varepsilon\), non-negative and finite
         * @return this builder
         */
        public Builder eps(double v) {
            eps = Checks.nonNegative("eps", v);
            return this;
        }

        /**
         * Sets a diagonal diffusion matrix \(D\cdot 1\).
         *
         * @param v \(D\), non-negative and finite
         * @return this builder
         */
        public Builder diffusion(double v) {
            Checks.nonNegative("diffusion", v);
            diffusion = new double[] {v, 0, 0, v};
            return this;
        }

        /**
         * Sets a general constant diffusion matrix. Its eigenvalues must be real and
         * non-negative (a relaxing, non-oscillating diffusion, as for \(D = L\chi^{-1}\) with
         * positive-definite Onsager matrix \(L\) and susceptibility \(\chi\)).
         *
         * @param d11 \(D_{11}\)
         * @param d12 \(D_{12}\)
         * @param d21 \(D_{21}\)
         * @param d22 \(D_{22}\)
         * @return this builder
         */
        public Builder diffusion(double d11, double d12, double d21, double d22) {
            double tr = d11 + d22;
            double det = d11 * d22 - d12 * d21;
            double disc = 0.25 * (d11 - d22) * (d11 - d22) + d12 * d21;
            if (!(Double.isFinite(tr) && Double.isFinite(det) && tr >= 0 && det >= 0
                && disc >= 0)) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "diffusion matrix must have real non-negative eigenvalues:"
                        + " [[%s, %s], [%s, %s]]", d11, d12, d21, d22));
            }
            diffusion = new double[] {d11, d12, d21, d22};
            return this;
        }

        /**
         * @param v \(\kappa\): 1 = driven noise of Eq. 19, 0 = off (noise-free forces);
         *     non-negative and finite
         * @return this builder
         */
        public Builder drivenNoiseScale(double v) {
            drivenNoiseScale = Checks.nonNegative("drivenNoiseScale", v);
            return this;
        }

        /**
         * @param v \(\theta\): 1 = conserved noise of Eq. 12, 0 = off (the default);
         *     non-negative and finite
         * @return this builder
         */
        public Builder thermalNoiseScale(double v) {
            thermalNoiseScale = Checks.nonNegative("thermalNoiseScale", v);
            return this;
        }

        /**
         * @param v grid spacing, positive and finite
         * @return this builder
         */
        public Builder dx(double v) {
            dx = Checks.positive("dx", v);
            return this;
        }

        /**
         * @param v time step, positive and finite
         * @return this builder
         */
        public Builder dt(double v) {
            dt = Checks.positive("dt", v);
            return this;
        }

        /**
         * @param v system length \(L\) (units of \(a\)), an integer multiple of dx
         * @return this builder
         */
        public Builder length(double v) {
            length = Checks.positive("length", v);
            return this;
        }

        /**
         * Builds the model. Checks the stability of the explicit Heun step,
         * \(\lambda_{max}(D)\,dt/dx^2 \le 0.45\) (Heun's limit for the checkerboard mode is
         * 1/2; the margin is for the forces, whose slopes add to the diffusion inside a
         * domain), and, with conserved noise, that its covariance
         * \(\theta(D\chi T + \chi T D^T)\) (Eq. 12) is positive semi-definite at every table
         * node (then everywhere in the table, since it is linear in \(\chi T\) and the
         * interpolation is a convex combination of nodes): not every D with non-negative
         * eigenvalues gives a covariance, and sampling an indefinite one would silently give
         * another.
         *
         * @return the immutable model
         * @throws IllegalArgumentException if length is not a multiple of dx, the step is
         *     unstable, or the conserved-noise covariance is indefinite somewhere
         */
        public TwoComponentModel build() {
            double a = diffusion[0];
            double d = diffusion[3];
            double lambdaMax = 0.5 * (a + d)
                + Math.sqrt(Math.max(0, 0.25 * (a - d) * (a - d) + diffusion[1] * diffusion[2]));
            double mu = lambdaMax * dt / (dx * dx);
            if (mu > MAX_DIFFUSION_NUMBER) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "dt must satisfy lambda_max(D) dt / dx^2 <= %s for the explicit scheme:"
                        + " dt %s gives %s; use dt <= %s", MAX_DIFFUSION_NUMBER, dt, mu,
                    MAX_DIFFUSION_NUMBER * dx * dx / lambdaMax));
            }
            if (thermalNoiseScale > 0) {
                requireConservedNoiseCovariance();
            }
            return new TwoComponentModel(this);
        }

        private void requireConservedNoiseCovariance() {
            double d11 = diffusion[0];
            double d12 = diffusion[1];
            double d21 = diffusion[2];
            double d22 = diffusion[3];
            double[] cov = new double[3];
            for (int i = 0; i < table.mPoints(); i++) {
                for (int j = 0; j < table.sPoints(); j++) {
                    conservedNoiseCovariance(d11, d12, d21, d22,
                        table.nodeValue(i, j, TabulatedHydrodynamics.C11),
                        table.nodeValue(i, j, TabulatedHydrodynamics.C11 + 1),
                        table.nodeValue(i, j, TabulatedHydrodynamics.C11 + 2), cov);
                    double s11 = cov[0];
                    double s12 = cov[1];
                    double s22 = cov[2];
                    double tol = 1e-12 * (Math.abs(s11) + Math.abs(s22))
                        * (Math.abs(s11) + Math.abs(s22));
                    if (s11 < 0 || s22 < 0 || s11 * s22 - s12 * s12 < -tol) {
                        throw new IllegalArgumentException(String.format(Locale.ROOT,
                            "the conserved-noise covariance D chiT + chiT D^T of Eq. 12 is not "
                                + "positive semi-definite for D = [[%s, %s], [%s, %s]] at "
                                + "(m, e) = (%.4g, %.4g): choose another D or "
                                + "thermalNoiseScale(0)", d11, d12, d21, d22, table.nodeM(i),
                            table.nodeE(i, j)));
                    }
                }
            }
        }
    }
}
