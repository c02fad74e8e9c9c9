package org.ness4j.sde;

import java.util.Objects;
import java.util.Optional;
import org.apache.commons.rng.sampling.distribution.NormalizedGaussianSampler;
import org.ness4j.core.Checks;

/**
 * An {@link SdeProblem} from per-trajectory lambdas, for small systems (a few components) that
 * need no hand-written batch loops: the adapter gathers each trajectory's state from the batch
 * layout into a small scratch vector, calls the lambda, and scatters the result back. Scalar
 * problems ({@link #scalar}) skip the gather and call a {@code (t, x) -> value} lambda per lane.
 *
 * <pre>{@code
 * SdeProblem gbm = SmallSdeProblem.scalar((t, x) -> 1.01 * x, (t, x) -> 0.87 * x,
 *     NoiseKind.DIAGONAL, 0.5);
 * SdeProblem twoByTwo = SmallSdeProblem.builder(2)
 *     .drift((t, x, f) -> { f[0] = -x[0]; f[1] = -x[1]; })
 *     .noise(NoiseKind.NON_DIAGONAL, NoiseMatrix.dense(2, 2),
 *         (t, x, g) -> { g[0] = x[0]; g[1] = 0.5 * x[0]; g[2] = 0.3 * x[1]; g[3] = x[1]; })
 *     .initialState(1, 1).build();
 * }</pre>
 *
 * <p>Cost: the gather/scatter is a few loads and stores per component, and a
 * {@code ThreadLocal} lookup per call (per batch, not per lane); measured against hand-written
 * batched problems in {@code SmallSdeProblemTest} (see {@code docs/sde.md}).
 *
 * <p>Thread safety: immutable; the lambdas must be thread-safe (pure functions), since the
 * ensemble calls them from several threads.
 */
public final class SmallSdeProblem implements SdeProblem {

    /** A vector field of one trajectory: drift (length n) or diffusion nonzeros. */
    @FunctionalInterface
    public interface Field {
        /**
         * @param t time
         * @param x state of one trajectory, length n (not modified)
         * @param out values, length n for the drift or {@code noiseMatrix().nonzeros()} for
         *     the diffusion (zero on entry; modified)
         */
        void evaluate(double t, double[] x, double[] out);
    }

    /** A scalar function of time and a scalar state. */
    @FunctionalInterface
    public interface ScalarField {
        /**
         * @param t time
         * @param x state
         * @return the value
         */
        double value(double t, double x);
    }

    /** Samples the initial state of one trajectory. */
    @FunctionalInterface
    public interface InitialState {
        /**
         * @param gaussian the trajectory's standard normal sampler
         * @param x0 initial state, length n (modified)
         */
        void sample(NormalizedGaussianSampler gaussian, double[] x0);
    }

    private final String name;
    private final int n;
    private final Field drift;
    private final Field diffusion;
    private final ScalarField scalarDrift;
    private final ScalarField scalarDiffusion;
    private final NoiseKind kind;
    private final NoiseMatrix pattern;
    private final Calculus calculus;
    private final InitialState initial;
    private final AnalyticSolution solution;
    private final int scratch;
    private final ThreadLocal<double[][]> buffers;

    private SmallSdeProblem(Builder b) {
        this.name = b.name;
        this.n = b.n;
        this.drift = b.drift;
        this.diffusion = b.diffusion;
        this.scalarDrift = b.scalarDrift;
        this.scalarDiffusion = b.scalarDiffusion;
        this.kind = b.kind;
        this.pattern = b.pattern;
        this.calculus = b.calculus;
        this.initial = b.initial;
        this.solution = b.solution;
        this.scratch = Math.max(n, pattern.nonzeros());
        this.buffers = ThreadLocal.withInitial(() -> new double[][] {new double[n],
            new double[scratch]});
    }

    /**
     * A scalar SDE \( dX = f(t, X)\,dt + g(t, X)\,dW \) with a fixed initial value.
     *
     * @param drift f
     * @param diffusion g
     * @param kind {@link NoiseKind#ADDITIVE} (g independent of x) or {@link NoiseKind#DIAGONAL}
     * @param x0 initial value, finite
     * @return the problem (Itô calculus; {@link #withCalculus} for Stratonovich)
     */
    public static SmallSdeProblem scalar(ScalarField drift, ScalarField diffusion, NoiseKind kind,
                                         double x0) {
        Builder b = builder(1);
        b.scalarDrift = Objects.requireNonNull(drift, "drift");
        b.scalarDiffusion = Objects.requireNonNull(diffusion, "diffusion");
        b.drift = (t, x, out) -> out[0] = drift.value(t, x[0]);
        b.diffusion = (t, x, out) -> out[0] = diffusion.value(t, x[0]);
        if (!Objects.requireNonNull(kind, "kind").isDiagonal()) {
            throw new IllegalArgumentException("a scalar problem has diagonal noise: " + kind);
        }
        b.kind = kind;
        b.pattern = NoiseMatrix.diagonal(1, new int[] {0});
        return b.initialState(x0).build();
    }

    /**
     * @param dimension number of state components n, at least 1
     * @return a builder
     */
    public static Builder builder(int dimension) {
        return new Builder(Checks.atLeast("dimension", dimension, 1));
    }

    /**
     * @param c the calculus the equations are written in
     * @return a copy with this calculus
     */
    public SmallSdeProblem withCalculus(Calculus c) {
        Builder b = toBuilder();
        b.calculus = Objects.requireNonNull(c, "calculus");
        return b.build();
    }

    /**
     * @param s the exact solution
     * @return a copy with this analytic solution
     */
    public SmallSdeProblem withAnalyticSolution(AnalyticSolution s) {
        Builder b = toBuilder();
        b.solution = Objects.requireNonNull(s, "solution");
        return b.build();
    }

    private Builder toBuilder() {
        Builder b = new Builder(n);
        b.name = name;
        b.drift = drift;
        b.diffusion = diffusion;
        b.scalarDrift = scalarDrift;
        b.scalarDiffusion = scalarDiffusion;
        b.kind = kind;
        b.pattern = pattern;
        b.calculus = calculus;
        b.initial = initial;
        b.solution = solution;
        return b;
    }

    @Override
    public int dimension() {
        return n;
    }

    @Override
    public int[] noiseComponents() {
        return kind.isDiagonal() ? pattern.rows() : pattern.channelComponents();
    }

    @Override
    public NoiseKind noiseKind() {
        return kind;
    }

    @Override
    public NoiseMatrix noiseMatrix() {
        return pattern;
    }

    @Override
    public Calculus calculus() {
        return calculus;
    }

    @Override
    public Optional<AnalyticSolution> analyticSolution() {
        return Optional.ofNullable(solution);
    }

    @Override
    public void drift(double t, double[] x, double[] out, int batch) {
        if (scalarDrift != null) {
            for (int b = 0; b < batch; b++) {
                out[b] = scalarDrift.value(t, x[b]);
            }
            return;
        }
        // one call site per field, so that it stays monomorphic and the lambda is inlined
        double[][] buf = buffers.get();
        double[] xs = buf[0];
        double[] ys = buf[1];
        for (int b = 0; b < batch; b++) {
            gather(x, xs, b, batch);
            drift.evaluate(t, xs, ys);
            scatter(ys, n, out, b, batch);
        }
    }

    @Override
    public void diffusion(double t, double[] x, double[] out, int batch) {
        if (scalarDiffusion != null) {
            for (int b = 0; b < batch; b++) {
                out[b] = scalarDiffusion.value(t, x[b]);
            }
            return;
        }
        double[][] buf = buffers.get();
        double[] xs = buf[0];
        double[] ys = buf[1];
        int outputs = pattern.nonzeros();
        for (int b = 0; b < batch; b++) {
            gather(x, xs, b, batch);
            diffusion.evaluate(t, xs, ys);
            scatter(ys, outputs, out, b, batch);
        }
    }

    /** Copies lane b into xs. */
    private void gather(double[] x, double[] xs, int b, int batch) {
        for (int i = 0; i < n; i++) {
            xs[i] = x[i * batch + b];
        }
    }

    /** Copies ys into lane b of out and zeroes ys for the next call (unwritten entries: 0). */
    private static void scatter(double[] ys, int outputs, double[] out, int b, int batch) {
        for (int i = 0; i < outputs; i++) {
            out[i * batch + b] = ys[i];
            ys[i] = 0;
        }
    }

    @Override
    public void initialState(NormalizedGaussianSampler gaussian, double[] x, int batch,
                             int lane) {
        double[] x0 = new double[n];
        initial.sample(gaussian, x0);
        for (int i = 0; i < n; i++) {
            x[i * batch + lane] = x0[i];
        }
    }

    @Override
    public String toString() {
        return name;
    }

    /** Builder of a {@link SmallSdeProblem}; not thread-safe. */
    public static final class Builder {
        private final int n;
        private String name = "SmallSdeProblem";
        private Field drift;
        private Field diffusion;
        private ScalarField scalarDrift;
        private ScalarField scalarDiffusion;
        private NoiseKind kind;
        private NoiseMatrix pattern;
        private Calculus calculus = Calculus.ITO;
        private InitialState initial;
        private AnalyticSolution solution;

        private Builder(int n) {
            this.n = n;
        }

        /**
         * @param f the drift of one trajectory (writes all n entries)
         * @return this builder
         */
        public Builder drift(Field f) {
            this.drift = Objects.requireNonNull(f, "drift");
            return this;
        }

        /**
         * Diagonal noise on every component: Wiener process i drives component i.
         *
         * @param noiseKind {@link NoiseKind#ADDITIVE} or {@link NoiseKind#DIAGONAL}
         * @param g amplitudes {@code out[i]} of component i (n values)
         * @return this builder
         */
        public Builder diagonalNoise(NoiseKind noiseKind, Field g) {
            int[] all = new int[n];
            for (int i = 0; i < n; i++) {
                all[i] = i;
            }
            return noise(noiseKind, NoiseMatrix.diagonal(n, all), g);
        }

        /**
         * The noise term \( G\,dW \) with the pattern {@code matrix}.
         *
         * @param noiseKind the kind (must agree with the pattern: diagonal kinds need a
         *     diagonal pattern, {@link NoiseKind#SCALAR} one column)
         * @param matrix the pattern of G, n rows
         * @param g values of the nonzeros of one trajectory, in the pattern's order
         * @return this builder
         */
        public Builder noise(NoiseKind noiseKind, NoiseMatrix matrix, Field g) {
            this.kind = Objects.requireNonNull(noiseKind, "noiseKind");
            this.pattern = Objects.requireNonNull(matrix, "matrix");
            this.diffusion = Objects.requireNonNull(g, "g");
            if (matrix.dimension() != n) {
                throw new IllegalArgumentException("matrix has " + matrix.dimension()
                    + " rows, the problem " + n + " components");
            }
            return this;
        }

        /**
         * @param c the calculus the equations are written in (default Itô)
         * @return this builder
         */
        public Builder calculus(Calculus c) {
            this.calculus = Objects.requireNonNull(c, "calculus");
            return this;
        }

        /**
         * @param x0 the fixed initial state, n finite values (copied)
         * @return this builder
         */
        public Builder initialState(double... x0) {
            if (x0.length != n) {
                throw new IllegalArgumentException("x0 must have " + n + " values: "
                    + x0.length);
            }
            double[] copy = Checks.allFinite("x0", x0.clone());
            this.initial = (g, out) -> System.arraycopy(copy, 0, out, 0, n);
            return this;
        }

        /**
         * @param s samples each trajectory's initial state from its own Gaussian stream
         * @return this builder
         */
        public Builder initialState(InitialState s) {
            this.initial = Objects.requireNonNull(s, "initialState");
            return this;
        }

        /**
         * @param s the exact solution, if known
         * @return this builder
         */
        public Builder analyticSolution(AnalyticSolution s) {
            this.solution = Objects.requireNonNull(s, "solution");
            return this;
        }

        /**
         * @param problemName name used in {@code toString()} and provenance
         * @return this builder
         */
        public Builder name(String problemName) {
            this.name = Objects.requireNonNull(problemName, "name");
            return this;
        }

        /**
         * @return the problem
         * @throws IllegalArgumentException if the drift, noise or initial state is missing or
         *     the noise declaration is inconsistent
         */
        public SmallSdeProblem build() {
            if (drift == null) {
                throw new IllegalArgumentException("drift is missing");
            }
            if (kind == null) {
                throw new IllegalArgumentException("noise is missing (diagonalNoise or noise)");
            }
            if (initial == null) {
                throw new IllegalArgumentException("initialState is missing");
            }
            SmallSdeProblem p = new SmallSdeProblem(this);
            AlgorithmChecks.requireConsistentNoise(p);
            return p;
        }
    }
}
