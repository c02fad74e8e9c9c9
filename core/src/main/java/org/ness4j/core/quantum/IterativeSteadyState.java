package org.ness4j.core.quantum;

import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import org.ness4j.core.Checks;

/**
 * Steady states \( \mathcal{L}\rho = 0,\ \mathrm{Tr}\rho = 1 \) by restarted GMRES on the
 * density matrix itself (no vectorized \( d^2 \times d^2 \) superoperator is formed, except by
 * the optional {@link Preconditioner#ILU0}). It extends {@link SteadyStates#direct} (at most
 * {@value SteadyStates#MAX_DIMENSION} states) to a few hundred states; it does NOT reach the
 * thousands of states of a strongly driven dimer (measured below).
 *
 * <p>Method. Hermitian matrices are stored compactly as one real {@code d x d} array (the
 * diagonal, the real parts of the upper triangle above it and the imaginary parts of the
 * upper triangle below it); {@link Lindbladian} maps Hermitian matrices to Hermitian matrices,
 * so it is a real linear map on these {@code d^2} numbers. The trace condition is added as a
 * rank-one border: the solver solves the non-singular system
 * \[ \mathcal{A}(\rho) = \mathcal{L}(\rho) - \sigma\, \mathrm{Tr}(\rho)\, |0\rangle\langle 0|
 *    = -\sigma |0\rangle\langle 0|, \]
 * with \( \sigma \) the largest jump rate \( \max_k \|L_k^\dagger L_k\| \) (if
 * \( \mathcal{A}\rho = 0 \) then taking the trace gives \( \mathrm{Tr}\rho = 0 \), so
 * \( \mathcal{L}\rho = 0 \) and \( \rho = 0 \) for a unique steady state); its solution is the
 * steady state with trace 1. Basis state 0 is the vacuum of a {@link FockSpace} (the initial
 * guess). The system is solved by restarted GMRES(m) with optional right preconditioning and
 * modified Gram-Schmidt. Preconditioners: {@link Preconditioner#JACOBI} (the diagonal of the
 * superoperator in the Fock basis, \( -i(h_p - \bar h_q) + \sum_k L_{k,pp}\bar L_{k,qq} \)
 * with \( h = \mathrm{diag}\, H_{\rm eff} \)); {@link Preconditioner#GAUSS_SEIDEL} (a backward
 * sweep that keeps, in the equation for \( \rho_{pq} \), every term coupling it to an entry
 * \( \rho_{ij} \) with \( i \ge p,\ j \ge q \): exact for a diagonal Hamiltonian with
 * annihilation jumps); {@link Preconditioner#ILU0}; {@link Preconditioner#UNDRIVEN} (the exact
 * inverse of the bordered undriven Liouvillian, for models whose jumps lower the total photon
 * number: the best measured on the Fig. 9 dimer at F = 2, 114-142 iterations from 169 to 1175
 * states, but poor at F = 6).
 *
 * <p>Measured (Kerr oscillator and dimer of paper 000, \( \Delta = 2.5, U = 0.1, J = 2,
 * \gamma = 1 \), on a shared 2-core machine at load 6-9; docs/quantum.md, "Iterative steady
 * states"): plain GMRES(100) needs 4100 iterations (24 s) for the dimer at F = 2, cutoffs
 * 12, 12 (169 states); the shifted {@link Preconditioner#ILU0} needs 266 (2.4 s) there and 600
 * (34 s) at cutoffs 20, 20 (441 states); Jacobi and Gauss-Seidel were slower than none, and on
 * the single Kerr oscillator ILU(0) was not better than none (the default stays none). One
 * iteration costs about 0.3 s at {@code d = 1175}: the dimer at F = 6, cutoffs 24, 46 did not
 * converge within 285 s with ILU(0), so the target (F = 2 and 6 there in 120 s) is not
 * reached; with {@link Preconditioner#UNDRIVEN} F = 2 there takes 114 iterations (47 s), F = 6
 * still does not converge within minutes. Two reasons: the spectrum of \( \mathcal{L} \) is
 * spread along the imaginary axis (Kerr frequencies up to \( U N^2/2 \)), and the models are
 * metastable (mean-field bistability), so the Liouvillian gap is small and a small residual
 * does not mean a small error: for the Kerr oscillator at F = 3, cutoff 40, a residual of
 * {@code 6.9e-8} left {@code n} wrong by {@code 1.2e-4}, a residual of {@code 1e-10} by
 * {@code 2e-7} (an error of about 2000 times the residual). Use a tight tolerance and compare
 * results at two tolerances.
 *
 * <p>Cost per iteration: one application of \( \mathcal{L} \) ({@code O(d^2)} times the
 * number of stored entries per row of the operators) and the orthogonalization against up to
 * {@code restart} vectors of {@code d^2} doubles; memory {@code 8 d^2 (restart + 12)} bytes
 * (1 GB at {@code d = 1175} with the default restart).
 *
 * <p>Convergence is measured by the residual \( \|\mathcal{L}\rho\|_F / \|\rho\|_F \) (in
 * the units of the rates) of the returned (Hermitian, trace-1) state, recomputed from
 * \( \rho \) at every restart; a run that does not reach the tolerance within the iteration
 * limit, or that stagnates (no 1% reduction of the residual over
 * {@value #STAGNATION_RESTARTS} restarts; measured: GMRES can stall near residuals of
 * {@code 1e-10}), is refused with an {@link IllegalStateException} naming the iterations, the
 * residual reached and the tolerance. Truncation ({@link FockTruncation}): the top population of every
 * mode is checked with the chosen policy (default {@link FockTruncation.Policy#REFUSE} at
 * {@link FockTruncation#DEFAULT_TOLERANCE}); a refusal names the mode, the cutoff and the top
 * populations (the cutoff needed is not searched: every solve is expensive).
 *
 * <p>Thread safety: instances (built by {@link #builder}) are immutable; {@link #solve()}
 * allocates its own work arrays and may be called concurrently.
 */
public final class IterativeSteadyState {

    /** Default tolerance of the residual \( \|\mathcal{L}\rho\|_F/\|\rho\|_F \). */
    public static final double DEFAULT_TOLERANCE = 1e-9;

    /** Restarts without a 1% reduction of the residual after which a run is refused. */
    static final int STAGNATION_RESTARTS = 10;

    private static final double STAGNATION = 0.99;

    /** Reorthogonalize when a Gram-Schmidt pass leaves less than this fraction of the norm. */
    private static final double REORTHOGONALIZE = 0.7071067811865476;

    private static final org.slf4j.Logger LOG =
        org.slf4j.LoggerFactory.getLogger(IterativeSteadyState.class);

    /**
     * Default shift of {@link Preconditioner#ILU0}, in the units of the Lindbladian's rates
     * (measured best of 0.5, 2, 5, 10, 20 on the dimer with loss rate 1 at cutoffs 12, 12).
     */
    public static final double DEFAULT_ILU_SHIFT = 10;

    /** Default Krylov dimension before a restart. */
    public static final int DEFAULT_RESTART = 100;

    /** Default limit of the number of GMRES iterations (applications of the Lindbladian). */
    public static final int DEFAULT_MAX_ITERATIONS = 20000;

    /** Preconditioners of the Krylov solve. */
    public enum Preconditioner {
        /** None: plain GMRES (the default: the only choice that never stagnated when measured). */
        NONE,
        /** The diagonal of the superoperator in the Fock basis. */
        JACOBI,
        /**
         * Backward Gauss-Seidel sweep in the Fock basis (see the class documentation): exact
         * (one iteration) for a diagonal Hamiltonian with annihilation jumps, but measured to
         * slow GMRES down on driven Kerr models.
         */
        GAUSS_SEIDEL,
        /**
         * Incomplete LU factorization without fill, ILU(0), of the assembled bordered
         * superoperator shifted by {@code -iluShift} (memory about {@code 250 d^2}
         * bytes); measured on the dimer: 266 iterations at 169 states (none: 4100), 600 at 441
         * states; not better than none on the single Kerr oscillator.
         */
        ILU0,
        /**
         * The exact inverse of the bordered undriven Liouvillian: every term that conserves the
         * total photon number (Kerr, detuning, hopping) and every jump, applied by block
         * back-substitution over the total photon numbers of ket and bra with per-block
         * eigendecompositions of the Hamiltonian (the coherent drive is left to GMRES). Only
         * for Lindbladians whose jumps lower the total photon number by a fixed amount, with
         * equal loss rates on all modes ({@code sum_k L_k^dag L_k} a multiple of the identity
         * at each total photon number) and a real number-conserving Hamiltonian part (the
         * Bose-Hubbard chains of {@link ChainOperators}, the Kerr oscillator); other models are
         * refused by {@link Builder#build()} with an {@link IllegalArgumentException} naming
         * the violated requirement. Memory {@code 32 d^2} bytes; cost of one application
         * about {@code 16 sum_{N >= M} s_N s_M (s_N + s_M)} flops for blocks of {@code s_N}
         * states (docs/quantum.md, "Undriven preconditioner", for measured iterations).
         */
        UNDRIVEN
    }

    private final Lindbladian lindbladian;
    private final FockSpace space;
    private final double tolerance;
    private final int restart;
    private final int maxIterations;
    private final Preconditioner preconditioner;
    private final double truncationTolerance;
    private final FockTruncation.Policy policy;
    private final DensityMatrix initial;
    private final double iluShift;
    private final double undrivenShift;

    private IterativeSteadyState(Builder b) {
        this.iluShift = b.iluShift;
        this.undrivenShift = b.undrivenShift;
        this.lindbladian = b.lindbladian;
        this.space = b.space;
        this.tolerance = b.tolerance;
        this.restart = b.restart;
        this.maxIterations = b.maxIterations;
        this.preconditioner = b.preconditioner;
        this.truncationTolerance = b.truncationTolerance;
        this.policy = b.policy;
        this.initial = b.initial;
    }

    /**
     * Starts a builder.
     *
     * @param lindbladian generator with a unique steady state on {@code space}
     * @param space its Fock space (basis state 0 is the vacuum)
     * @return a builder with the defaults
     * @throws IllegalArgumentException if the dimensions differ
     */
    public static Builder builder(Lindbladian lindbladian, FockSpace space) {
        Objects.requireNonNull(lindbladian, "lindbladian");
        Objects.requireNonNull(space, "space");
        if (lindbladian.dimension() != space.dimension()) {
            throw new IllegalArgumentException("lindbladian.dimension must be space.dimension = "
                + space.dimension() + ": " + lindbladian.dimension());
        }
        return new Builder(lindbladian, space);
    }

    /**
     * Solves with the defaults (tolerance {@value #DEFAULT_TOLERANCE}, truncation refused above
     * {@link FockTruncation#DEFAULT_TOLERANCE}).
     *
     * @param lindbladian generator with a unique steady state on {@code space}
     * @param space its Fock space
     * @return the converged steady state
     * @throws IllegalStateException if GMRES does not converge
     * @throws TruncationException if a mode's top population exceeds the tolerance
     */
    public static Result solve(Lindbladian lindbladian, FockSpace space) {
        return builder(lindbladian, space).build().solve();
    }

    /**
     * Runs the solver.
     *
     * @return the converged steady state with its residual and top populations
     * @throws IllegalStateException if the residual does not reach the tolerance within the
     *     iteration limit (the message names the iterations, the residual and the tolerance)
     * @throws TruncationException with {@link FockTruncation.Policy#REFUSE} if a mode's top
     *     population exceeds the truncation tolerance
     */
    public Result solve() {
        long t0 = System.nanoTime();
        Operator op = new Operator(lindbladian, space, preconditioner, iluShift, undrivenShift);
        int d = op.d;
        int n = d * d;
        double[] x = new double[n];
        if (initial != null) {
            Packing.pack(d, initial.reArray(), initial.imArray(), x);
        } else {
            x[0] = 1; // the vacuum
        }
        double[] b = new double[n];
        b[0] = -op.sigma;
        double bnorm = op.sigma;
        double[][] v = new double[restart + 1][];
        double[][] h = new double[restart + 1][restart];
        double[] cs = new double[restart];
        double[] sn = new double[restart];
        double[] g = new double[restart + 1];
        double[] w = new double[n];
        double[] z = new double[n];
        int iterations = 0;
        double residual = op.residual(x);
        double lastResidual = Double.POSITIVE_INFINITY;
        int stalled = 0;
        while (true) {
            if (residual <= tolerance) {
                break;
            }
            if (residual > STAGNATION * lastResidual) {
                stalled++;
            } else {
                stalled = 0;
            }
            lastResidual = residual;
            LOG.info("IterativeSteadyState on {}: residual {} after {} iterations ({} s)", space,
                String.format(Locale.ROOT, "%.3g", residual), iterations,
                String.format(Locale.ROOT, "%.1f", (System.nanoTime() - t0) * 1e-9));
            if (stalled >= STAGNATION_RESTARTS) {
                throw new IllegalStateException(String.format(Locale.ROOT,
                    "IterativeSteadyState on %s stagnated: residual ||L rho||/||rho|| = %.3g "
                    + "after %d GMRES iterations, not reduced by 1%% over %d restarts "
                    + "(restart %d, preconditioner %s), tolerance %.3g; loosen the tolerance "
                    + "or raise restart", space, residual, iterations, STAGNATION_RESTARTS,
                    restart, preconditioner, tolerance));
            }
            if (iterations >= maxIterations) {
                throw new IllegalStateException(String.format(Locale.ROOT,
                    "IterativeSteadyState on %s did not converge: residual ||L rho||/||rho|| = "
                    + "%.3g after %d GMRES iterations (restart %d, preconditioner %s), tolerance "
                    + "%.3g; raise maxIterations or restart, or loosen the tolerance",
                    space, residual, iterations, restart, preconditioner, tolerance));
            }
            // r = b - A x
            op.apply(x, w);
            for (int k = 0; k < n; k++) {
                w[k] = b[k] - w[k];
            }
            double beta = norm(w);
            if (v[0] == null) {
                v[0] = new double[n];
            }
            scaleInto(w, 1 / beta, v[0]);
            Arrays.fill(g, 0);
            g[0] = beta;
            int j = 0;
            // inner tolerance: a little below the outer one (the residuals differ in scale)
            // and at least 100 times below this restart's start: near round-off GMRES's
            // estimate can run ahead of the true residual, and restarts of one iteration stall
            double inner = Math.min(0.1 * tolerance * bnorm, 0.01 * beta);
            for (; j < restart && iterations < maxIterations; j++) {
                op.precondition(v[j], z);
                op.apply(z, w);
                iterations++;
                // modified Gram-Schmidt, twice: the Krylov basis of these ill-conditioned
                // operators loses orthogonality in one pass and GMRES's residual estimate then
                // runs ahead of the true residual (measured: stagnation after restarts)
                for (int i = 0; i <= j; i++) {
                    h[i][j] = 0;
                }
                // the second pass only when the first cancelled more than 1 - 1/sqrt(2) of
                // the norm (Daniel-Gragg-Kaufman-Stewart criterion): the passes dominate the
                // cost of an iteration at large d (measured at d = 1175: one pass over 50
                // vectors 0.3 s, the Lindbladian 0.15 s, the ILU(0) solve 0.2 s)
                double before = norm(w);
                double hn = before;
                for (int pass = 0; pass < 2; pass++) {
                    if (pass == 1 && hn > REORTHOGONALIZE * before) {
                        break;
                    }
                    for (int i = 0; i <= j; i++) {
                        double hij = dot(w, v[i]);
                        h[i][j] += hij;
                        axpy(-hij, v[i], w);
                    }
                    hn = norm(w);
                }
                h[j + 1][j] = hn;
                if (v[j + 1] == null) {
                    v[j + 1] = new double[n];
                }
                if (hn > 0) {
                    scaleInto(w, 1 / hn, v[j + 1]);
                }
                for (int i = 0; i < j; i++) {
                    double t = cs[i] * h[i][j] + sn[i] * h[i + 1][j];
                    h[i + 1][j] = -sn[i] * h[i][j] + cs[i] * h[i + 1][j];
                    h[i][j] = t;
                }
                double r = Math.hypot(h[j][j], h[j + 1][j]);
                cs[j] = h[j][j] / r;
                sn[j] = h[j + 1][j] / r;
                h[j][j] = r;
                h[j + 1][j] = 0;
                g[j + 1] = -sn[j] * g[j];
                g[j] = cs[j] * g[j];
                if (Math.abs(g[j + 1]) <= inner || hn == 0) {
                    j++;
                    break;
                }
            }
            // y = H^-1 g (upper triangular), x += M^-1 (V y)
            double[] y = new double[j];
            for (int i = j - 1; i >= 0; i--) {
                double s = g[i];
                for (int k = i + 1; k < j; k++) {
                    s -= h[i][k] * y[k];
                }
                y[i] = s / h[i][i];
            }
            Arrays.fill(w, 0);
            for (int i = 0; i < j; i++) {
                axpy(y[i], v[i], w);
            }
            op.precondition(w, z);
            for (int k = 0; k < n; k++) {
                x[k] += z[k];
            }
            residual = op.residual(x);
        }
        double[] re = new double[n];
        double[] im = new double[n];
        Packing.unpack(d, x, re, im);
        double tr = 0;
        for (int i = 0; i < d; i++) {
            tr += re[i * d + i];
        }
        for (int k = 0; k < n; k++) {
            re[k] /= tr;
            im[k] /= tr;
        }
        DensityMatrix rho = DensityMatrix.of(d, re, im);
        double[] top = FockTruncation.topPopulations(rho, space);
        int worst = 0;
        for (int m = 1; m < top.length; m++) {
            if (top[m] > top[worst]) {
                worst = m;
            }
        }
        boolean ok = FockTruncation.check(policy, "IterativeSteadyState on " + space + ", mode "
                + worst, space.cutoff(worst), top[worst], truncationTolerance, () -> -1,
            "rebuild the Lindbladian with a larger cutoff of mode " + worst
                + " (top populations " + Arrays.toString(top) + ")");
        return new Result(rho, residual, iterations, top, ok, (System.nanoTime() - t0) * 1e-9);
    }

    private static double dot(double[] a, double[] b) {
        double s0 = 0;
        double s1 = 0;
        int n = a.length;
        int k = 0;
        for (; k + 1 < n; k += 2) {
            s0 += a[k] * b[k];
            s1 += a[k + 1] * b[k + 1];
        }
        for (; k < n; k++) {
            s0 += a[k] * b[k];
        }
        return s0 + s1;
    }

    private static double norm(double[] a) {
        return Math.sqrt(dot(a, a));
    }

    private static void axpy(double s, double[] x, double[] y) {
        for (int k = 0; k < x.length; k++) {
            y[k] += s * x[k];
        }
    }

    private static void scaleInto(double[] x, double s, double[] y) {
        for (int k = 0; k < x.length; k++) {
            y[k] = s * x[k];
        }
    }

    /**
     * The result of a solve.
     *
     * @param state the steady state (Hermitian, trace 1)
     * @param residual \( \|\mathcal{L}\rho\|_F / \|\rho\|_F \) of {@code state} (in the units of
     *     the Lindbladian's rates), at most the tolerance
     * @param iterations GMRES iterations used (applications of the Lindbladian)
     * @param topPopulations population of the top Fock state of every mode
     * @param truncationWithinTolerance whether every top population is within the truncation
     *     tolerance (always true with {@link FockTruncation.Policy#REFUSE})
     * @param seconds wall time of the solve
     */
    public record Result(DensityMatrix state, double residual, int iterations,
                         double[] topPopulations, boolean truncationWithinTolerance,
                         double seconds) {
        /**
         * Canonical constructor; copies the top populations.
         *
         * @param state the steady state
         * @param residual its residual
         * @param iterations GMRES iterations
         * @param topPopulations top populations per mode
         * @param truncationWithinTolerance whether the truncation check passed
         * @param seconds wall time
         */
        public Result {
            Objects.requireNonNull(state, "state");
            topPopulations = topPopulations.clone();
        }

        /** @return a copy of the top population of every mode */
        @Override
        public double[] topPopulations() {
            return topPopulations.clone();
        }
    }

    /** Fluent builder with validated settings. Not thread-safe. */
    public static final class Builder {
        private final Lindbladian lindbladian;
        private final FockSpace space;
        private double tolerance = DEFAULT_TOLERANCE;
        private int restart = DEFAULT_RESTART;
        private int maxIterations = DEFAULT_MAX_ITERATIONS;
        private Preconditioner preconditioner = Preconditioner.NONE;
        private double truncationTolerance = FockTruncation.DEFAULT_TOLERANCE;
        private FockTruncation.Policy policy = FockTruncation.Policy.REFUSE;
        private DensityMatrix initial;
        private double iluShift = DEFAULT_ILU_SHIFT;
        private double undrivenShift;

        private Builder(Lindbladian lindbladian, FockSpace space) {
            this.lindbladian = lindbladian;
            this.space = space;
        }

        /**
         * @param value tolerance of the residual \( \|\mathcal{L}\rho\|_F/\|\rho\|_F \), in
         *     {@code [1e-14, 1e-2]} (default {@value #DEFAULT_TOLERANCE})
         * @return this builder
         */
        public Builder tolerance(double value) {
            if (!(value >= 1e-14 && value <= 1e-2)) {
                throw new IllegalArgumentException("tolerance must be in [1e-14, 1e-2]: "
                    + value);
            }
            this.tolerance = value;
            return this;
        }

        /**
         * @param value Krylov dimension before a restart, at least 2 (default
         *     {@value #DEFAULT_RESTART})
         * @return this builder
         */
        public Builder restart(int value) {
            this.restart = Checks.atLeast("restart", value, 2);
            return this;
        }

        /**
         * @param value limit of GMRES iterations, at least 1 (default
         *     {@value #DEFAULT_MAX_ITERATIONS})
         * @return this builder
         */
        public Builder maxIterations(int value) {
            this.maxIterations = Checks.atLeast("maxIterations", value, 1);
            return this;
        }

        /**
         * @param value the preconditioner (default {@link Preconditioner#NONE}, the most robust
         *     measured on driven Kerr models)
         * @return this builder
         */
        public Builder preconditioner(Preconditioner value) {
            this.preconditioner = Objects.requireNonNull(value, "preconditioner");
            return this;
        }

        /**
         * @param value truncation tolerance of the top populations, in
         *     \( (0, \) {@value FockTruncation#MAX_TOLERANCE}\( ] \)
         * @param onExceeded what to do above it
         * @return this builder
         */
        public Builder truncation(double value, FockTruncation.Policy onExceeded) {
            this.truncationTolerance = FockTruncation.checkTolerance(value);
            this.policy = Objects.requireNonNull(onExceeded, "onExceeded");
            return this;
        }

        /**
         * @param value initial guess (a density matrix of the space's dimension; default the
         *     vacuum), for example the steady state at a nearby parameter
         * @return this builder
         */
        public Builder initialGuess(DensityMatrix value) {
            Objects.requireNonNull(value, "initialGuess");
            if (value.dimension() != space.dimension()) {
                throw new IllegalArgumentException("initialGuess.dimension must be "
                    + space.dimension() + ": " + value.dimension());
            }
            this.initial = value;
            return this;
        }

        /**
         * @param value shift of {@link Preconditioner#ILU0}, in the units of the rates: the
         *     factorization is of \( \mathcal{A} - s I \); finite, non-negative (default
         *     {@value #DEFAULT_ILU_SHIFT})
         * @return this builder
         */
        public Builder iluShift(double value) {
            this.iluShift = Checks.nonNegative("iluShift", value);
            return this;
        }

        /**
         * @param value damping shift of {@link Preconditioner#UNDRIVEN}, in the units of the
         *     rates: every block but the vacuum's is solved with its decay rate raised by
         *     {@code value}; finite, non-negative (default 0, the exact inverse). Measured on
         *     the dimer (docs/quantum.md): at F = 2 a shift slows GMRES down (441 states: 129
         *     iterations at 0, 138 at 3, 226 at 10), at F = 6 it helps (405 states: residual
         *     1.5 after 300 iterations at 0, 0.53 at 10, 0.49 at 30)
         * @return this builder
         */
        public Builder undrivenShift(double value) {
            this.undrivenShift = Checks.nonNegative("undrivenShift", value);
            return this;
        }

        /**
         * @return the solver
         * @throws IllegalArgumentException if the preconditioner is
         *     {@link Preconditioner#UNDRIVEN} and the Lindbladian does not have its structure
         *     (the message names the violated requirement)
         */
        public IterativeSteadyState build() {
            if (preconditioner == Preconditioner.UNDRIVEN) {
                UndrivenPreconditioner.check(lindbladian, space);
            }
            return new IterativeSteadyState(this);
        }
    }

    /** Compact storage of Hermitian matrices in one real d x d array. */
    static final class Packing {
        private Packing() {
        }

        static void pack(int d, double[] re, double[] im, double[] out) {
            for (int p = 0; p < d; p++) {
                int row = p * d;
                out[row + p] = re[row + p];
                for (int q = p + 1; q < d; q++) {
                    // upper: Re rho_pq (= mean of (p,q) and conj (q,p) for round-off)
                    out[row + q] = 0.5 * (re[row + q] + re[q * d + p]);
                    out[q * d + p] = 0.5 * (im[row + q] - im[q * d + p]);
                }
            }
        }

        static void unpack(int d, double[] in, double[] re, double[] im) {
            for (int p = 0; p < d; p++) {
                int row = p * d;
                re[row + p] = in[row + p];
                im[row + p] = 0;
                for (int q = p + 1; q < d; q++) {
                    double r = in[row + q];
                    double i = in[q * d + p];
                    re[row + q] = r;
                    im[row + q] = i;
                    re[q * d + p] = r;
                    im[q * d + p] = -i;
                }
            }
        }
    }

    /** The bordered operator A, its preconditioner and the residual, with work arrays. */
    static final class Operator {
        final int d;
        final double sigma;
        final double iluShift;
        private final SparseOperator heff;
        private final SparseOperator[] jumps;
        private final Preconditioner kind;
        private final double[] dRe;
        private final double[] dIm;
        private final double[] re;
        private final double[] im;
        private final double[] oRe;
        private final double[] oIm;
        private final double[] tRe;
        private final double[] tIm;
        private final double[] uRe;
        private final double[] uIm;
        private final Ilu ilu;
        private final UndrivenPreconditioner undriven;

        Operator(Lindbladian l, FockSpace space, Preconditioner kind, double iluShift,
                 double undrivenShift) {
            this.iluShift = iluShift;
            this.d = l.dimension();
            this.heff = l.effectiveHamiltonian();
            this.jumps = l.jumps().toArray(new SparseOperator[0]);
            this.kind = kind;
            double s = 0;
            for (SparseOperator j : jumps) {
                s = Math.max(s, j.adjoint().times(j).maxAbs());
            }
            this.sigma = s > 0 ? s : Math.max(1.0, l.hamiltonian().maxAbs());
            int n = d * d;
            re = new double[n];
            im = new double[n];
            oRe = new double[n];
            oIm = new double[n];
            tRe = new double[n];
            tIm = new double[n];
            uRe = new double[n];
            uIm = new double[n];
            // diagonal of the superoperator: -i h_p + i conj(h_q) + sum_k L_pp conj(L_qq)
            double[] hRe = new double[d];
            double[] hIm = new double[d];
            for (int p = 0; p < d; p++) {
                hRe[p] = heff.re(p, p);
                hIm[p] = heff.im(p, p);
            }
            dRe = new double[n];
            dIm = new double[n];
            for (int p = 0; p < d; p++) {
                for (int q = 0; q < d; q++) {
                    // -i (a + ib) + i (c - id) = (b + d) + i (c - a)
                    dRe[p * d + q] = hIm[p] + hIm[q];
                    dIm[p * d + q] = hRe[q] - hRe[p];
                }
            }
            for (SparseOperator j : jumps) {
                for (int p = 0; p < d; p++) {
                    double ar = j.re(p, p);
                    double ai = j.im(p, p);
                    if (ar == 0 && ai == 0) {
                        continue;
                    }
                    for (int q = 0; q < d; q++) {
                        double br = j.re(q, q);
                        double bi = -j.im(q, q);
                        dRe[p * d + q] += ar * br - ai * bi;
                        dIm[p * d + q] += ar * bi + ai * br;
                    }
                }
            }
            // the border -sigma Tr(rho) |0><0| adds -sigma to entry (0, 0)
            dRe[0] -= sigma;
            this.ilu = kind == Preconditioner.ILU0 ? new Ilu(this) : null;
            this.undriven = kind == Preconditioner.UNDRIVEN
                ? new UndrivenPreconditioner(l, space, sigma, undrivenShift) : null;
            double floor = 1e-12 * sigma;
            for (int k = 0; k < n; k++) {
                if (Math.hypot(dRe[k], dIm[k]) < floor) {
                    dRe[k] = -sigma; // no damping and no frequency: any non-zero scale
                    dIm[k] = 0;
                }
            }
        }

        /** out = A(x) for compact Hermitian x (out compact). */
        void apply(double[] x, double[] out) {
            Packing.unpack(d, x, re, im);
            lindblad(re, im, oRe, oIm);
            Packing.pack(d, oRe, oIm, out);
            double tr = 0;
            for (int p = 0; p < d; p++) {
                tr += x[p * d + p];
            }
            out[0] -= sigma * tr;
        }

        /** ||L(rho)||_F / ||rho||_F for compact Hermitian x. */
        double residual(double[] x) {
            Packing.unpack(d, x, re, im);
            lindblad(re, im, oRe, oIm);
            double a = 0;
            double b = 0;
            for (int k = 0; k < re.length; k++) {
                a += oRe[k] * oRe[k] + oIm[k] * oIm[k];
                b += re[k] * re[k] + im[k] * im[k];
            }
            return b == 0 ? Double.POSITIVE_INFINITY : Math.sqrt(a / b);
        }

        /** L(rho) for Hermitian rho given in full (re, im) arrays. */
        private void lindblad(double[] xr, double[] xi, double[] outRe, double[] outIm) {
            // Y = Heff x; out = -i Y + i Y^dag  (x Hermitian: x Heff^dag = (Heff x)^dag)
            heff.leftMultiplyDense(xr, xi, tRe, tIm);
            for (int i0 = 0; i0 < d; i0 += 32) {
                int i1 = Math.min(d, i0 + 32);
                for (int j0 = 0; j0 < d; j0 += 32) {
                    int j1 = Math.min(d, j0 + 32);
                    for (int i = i0; i < i1; i++) {
                        for (int j = j0; j < j1; j++) {
                            int a = i * d + j;
                            int c = j * d + i;
                            outRe[a] = tIm[a] + tIm[c];
                            outIm[a] = tRe[c] - tRe[a];
                        }
                    }
                }
            }
            // L x L^dag = L (L x)^dag
            for (SparseOperator l : jumps) {
                l.leftMultiplyDense(xr, xi, tRe, tIm);
                adjointInto(tRe, tIm, uRe, uIm);
                l.leftMultiplyDense(uRe, uIm, tRe, tIm);
                for (int k = 0; k < tRe.length; k++) {
                    outRe[k] += tRe[k];
                    outIm[k] += tIm[k];
                }
            }
        }

        private void adjointInto(double[] ar, double[] ai, double[] br, double[] bi) {
            for (int i0 = 0; i0 < d; i0 += 32) {
                int i1 = Math.min(d, i0 + 32);
                for (int j0 = 0; j0 < d; j0 += 32) {
                    int j1 = Math.min(d, j0 + 32);
                    for (int i = i0; i < i1; i++) {
                        for (int j = j0; j < j1; j++) {
                            br[j * d + i] = ar[i * d + j];
                            bi[j * d + i] = -ai[i * d + j];
                        }
                    }
                }
            }
        }

        /** z = M^-1 r for compact Hermitian r (z compact). */
        void precondition(double[] r, double[] z) {
            if (kind == Preconditioner.NONE) {
                System.arraycopy(r, 0, z, 0, r.length);
                return;
            }
            Packing.unpack(d, r, re, im);
            if (kind == Preconditioner.ILU0) {
                ilu.solve(re, im, oRe, oIm);
            } else if (kind == Preconditioner.UNDRIVEN) {
                undriven.solve(re, im, oRe, oIm);
            } else if (kind == Preconditioner.JACOBI) {
                for (int k = 0; k < re.length; k++) {
                    divide(k, re[k], im[k], oRe, oIm);
                }
            } else {
                sweep(re, im, oRe, oIm);
            }
            Packing.pack(d, oRe, oIm, z);
        }

        private void divide(int k, double br, double bi, double[] xr, double[] xi) {
            double ar = dRe[k];
            double ai = dIm[k];
            double den = ar * ar + ai * ai;
            xr[k] = (br * ar + bi * ai) / den;
            xi[k] = (bi * ar - br * ai) / den;
        }

        /** Backward Gauss-Seidel: rows p from d-1 down, columns q from d-1 down. */
        private void sweep(double[] br, double[] bi, double[] xr, double[] xi) {
            int[] hs = heff.rowStartArray();
            int[] hc = heff.columnArray();
            double[] hr = heff.reArray();
            double[] hi = heff.imArray();
            for (int p = d - 1; p >= 0; p--) {
                for (int q = d - 1; q >= 0; q--) {
                    int a = p * d + q;
                    double sr = br[a];
                    double si = bi[a];
                    // -i Heff[p][k] x[k][q], k > p
                    for (int t = hs[p]; t < hs[p + 1]; t++) {
                        int k = hc[t];
                        if (k > p) {
                            double vr = xr[k * d + q];
                            double vi = xi[k * d + q];
                            // -i (hr + i hi)(vr + i vi) = (hi vr + hr vi)... computed as
                            // (hr vr - hi vi) + i (hr vi + hi vr), times -i
                            double pr = hr[t] * vr - hi[t] * vi;
                            double pi = hr[t] * vi + hi[t] * vr;
                            sr -= pi;
                            si += pr;
                        }
                    }
                    // +i x[p][j] conj(Heff[q][j]), j > q
                    for (int t = hs[q]; t < hs[q + 1]; t++) {
                        int j = hc[t];
                        if (j > q) {
                            double vr = xr[p * d + j];
                            double vi = xi[p * d + j];
                            double pr = vr * hr[t] + vi * hi[t];
                            double pi = vi * hr[t] - vr * hi[t];
                            // i (pr + i pi) = -pi + i pr
                            sr += pi;
                            si -= pr;
                        }
                    }
                    // L[p][i] x[i][j] conj(L[q][j]), i >= p, j >= q, (i, j) != (p, q)
                    for (SparseOperator l : jumps) {
                        int[] ls = l.rowStartArray();
                        int[] lc = l.columnArray();
                        double[] lr = l.reArray();
                        double[] li = l.imArray();
                        for (int t = ls[p]; t < ls[p + 1]; t++) {
                            int i = lc[t];
                            if (i < p) {
                                continue;
                            }
                            for (int u = ls[q]; u < ls[q + 1]; u++) {
                                int j = lc[u];
                                if (j < q || (i == p && j == q)) {
                                    continue;
                                }
                                double vr = xr[i * d + j];
                                double vi = xi[i * d + j];
                                // (lr + i li)(vr + i vi)(lr' - i li')
                                double mr = lr[t] * vr - li[t] * vi;
                                double mi = lr[t] * vi + li[t] * vr;
                                sr -= mr * lr[u] + mi * li[u];
                                si -= mi * lr[u] - mr * li[u];
                            }
                        }
                    }
                    if (a == 0) {
                        // the border -sigma Tr(x) |0><0|: the other diagonal entries are known
                        for (int k = 1; k < d; k++) {
                            sr += sigma * xr[k * d + k];
                        }
                    }
                    divide(a, sr, si, xr, xi);
                }
            }
        }
    }

    /**
     * The rows of a sparse complex matrix assembled one at a time: {@link #slot} finds or
     * appends the entry of a column in the current row (from {@link #begin}), growing the arrays.
     */
    private static final class Rows {
        int[] c;
        double[] ar;
        double[] ai;
        /** Position of each column's entry in the current row ({@code < begin}: none yet). */
        final int[] mark;
        int size;
        int begin;

        Rows(int capacity, int columns) {
            c = new int[capacity];
            ar = new double[capacity];
            ai = new double[capacity];
            mark = new int[columns];
            Arrays.fill(mark, -1);
        }

        /** The index of column {@code col}'s entry in the current row, appended as 0 if new. */
        int slot(int col) {
            int at = mark[col];
            if (at >= begin) {
                return at;
            }
            if (size + 1 > c.length) {
                c = Arrays.copyOf(c, 2 * c.length);
                ar = Arrays.copyOf(ar, 2 * ar.length);
                ai = Arrays.copyOf(ai, 2 * ai.length);
            }
            at = size++;
            mark[col] = at;
            c[at] = col;
            ar[at] = 0;
            ai[at] = 0;
            return at;
        }

        /** Sorts the current row's entries by column (insertion sort: rows are short). */
        void sortRow() {
            SparseOperator.sortByColumn(c, ar, ai, begin, size);
        }
    }

    /** ILU(0) of the bordered superoperator in the row-major vectorization (p, q) -> p d + q. */
    static final class Ilu {
        private final int n;
        private final int[] start;
        private final int[] cols;
        private final int[] diag;
        private final double[] vr;
        private final double[] vi;

        Ilu(Operator op) {
            int d = op.d;
            n = d * d;
            SparseOperator heff = op.heff;
            int[] hs = heff.rowStartArray();
            int[] hc = heff.columnArray();
            double[] hr = heff.reArray();
            double[] hi = heff.imArray();
            int[] rowStart = new int[n + 1];
            Rows m = new Rows(16 * n + d, n);
            for (int p = 0; p < d; p++) {
                for (int q = 0; q < d; q++) {
                    int row = p * d + q;
                    rowStart[row] = m.size;
                    m.begin = m.size;
                    // -i Heff[p][k] x[k][q]
                    for (int t = hs[p]; t < hs[p + 1]; t++) {
                        int at = m.slot(hc[t] * d + q);
                        m.ar[at] += hi[t];
                        m.ai[at] += -hr[t];
                    }
                    // +i x[p][j] conj(Heff[q][j]): i (hr - i hi) = hi + i hr
                    for (int t = hs[q]; t < hs[q + 1]; t++) {
                        int at = m.slot(p * d + hc[t]);
                        m.ar[at] += hi[t];
                        m.ai[at] += hr[t];
                    }
                    for (SparseOperator l : op.jumps) {
                        int[] ls = l.rowStartArray();
                        int[] lc = l.columnArray();
                        double[] lr = l.reArray();
                        double[] li = l.imArray();
                        for (int t = ls[p]; t < ls[p + 1]; t++) {
                            for (int u = ls[q]; u < ls[q + 1]; u++) {
                                int at = m.slot(lc[t] * d + lc[u]);
                                m.ar[at] += lr[t] * lr[u] + li[t] * li[u];
                                m.ai[at] += li[t] * lr[u] - lr[t] * li[u];
                            }
                        }
                    }
                    if (row == 0) {
                        for (int k = 0; k < d; k++) {
                            m.ar[m.slot(k * d + k)] -= op.sigma;
                        }
                    }
                    // make sure the diagonal is stored, then sort the row by column
                    m.slot(row);
                    m.sortRow();
                }
            }
            int size = m.size;
            int[] c = m.c;
            double[] ar = m.ar;
            double[] ai = m.ai;
            int[] mark = m.mark;
            rowStart[n] = size;
            this.start = rowStart;
            this.cols = Arrays.copyOf(c, size);
            this.vr = Arrays.copyOf(ar, size);
            this.vi = Arrays.copyOf(ai, size);
            this.diag = new int[n];
            for (int i = 0; i < n; i++) {
                diag[i] = Arrays.binarySearch(cols, start[i], start[i + 1], i);
            }
            // shifted ILU(0): factor A - s I (s > 0 adds damping); without the shift the
            // factors are unstable and GMRES stagnates from about 169 states on (measured)
            double shift = op.iluShift;
            for (int i = 0; i < n; i++) {
                vr[diag[i]] -= shift;
            }
            factor(mark);
        }

        private void factor(int[] pos) {
            Arrays.fill(pos, -1);
            for (int i = 0; i < n; i++) {
                for (int t = start[i]; t < start[i + 1]; t++) {
                    pos[cols[t]] = t;
                }
                for (int t = start[i]; t < diag[i]; t++) {
                    int k = cols[t];
                    // a_ik /= a_kk
                    int dk = diag[k];
                    double den = vr[dk] * vr[dk] + vi[dk] * vi[dk];
                    double mr = (vr[t] * vr[dk] + vi[t] * vi[dk]) / den;
                    double mi = (vi[t] * vr[dk] - vr[t] * vi[dk]) / den;
                    vr[t] = mr;
                    vi[t] = mi;
                    for (int u = dk + 1; u < start[k + 1]; u++) {
                        int at = pos[cols[u]];
                        if (at >= 0) {
                            vr[at] -= mr * vr[u] - mi * vi[u];
                            vi[at] -= mr * vi[u] + mi * vr[u];
                        }
                    }
                }
                for (int t = start[i]; t < start[i + 1]; t++) {
                    pos[cols[t]] = -1;
                }
                int di = diag[i];
                if (vr[di] == 0 && vi[di] == 0) {
                    vr[di] = 1e-12; // zero pivot
                }
            }
        }

        void solve(double[] br, double[] bi, double[] xr, double[] xi) {
            for (int i = 0; i < n; i++) {
                double sr = br[i];
                double si = bi[i];
                for (int t = start[i]; t < diag[i]; t++) {
                    int k = cols[t];
                    sr -= vr[t] * xr[k] - vi[t] * xi[k];
                    si -= vr[t] * xi[k] + vi[t] * xr[k];
                }
                xr[i] = sr;
                xi[i] = si;
            }
            for (int i = n - 1; i >= 0; i--) {
                double sr = xr[i];
                double si = xi[i];
                for (int t = diag[i] + 1; t < start[i + 1]; t++) {
                    int k = cols[t];
                    sr -= vr[t] * xr[k] - vi[t] * xi[k];
                    si -= vr[t] * xi[k] + vi[t] * xr[k];
                }
                int di = diag[i];
                double den = vr[di] * vr[di] + vi[di] * vi[di];
                xr[i] = (sr * vr[di] + si * vi[di]) / den;
                xi[i] = (si * vr[di] - sr * vi[di]) / den;
            }
        }
    }
}
