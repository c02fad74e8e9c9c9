package org.ness4j.sde;

import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
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
 * <p>Cost: for up to 4 components and 4 diffusion nonzeros, about that of a hand-written
 * batched problem (JMH {@code SmallProblemBenchmark}, {@code docs/sde.md}) when the lambdas are
 * small enough for the JIT to inline: each field is evaluated by its own copy of a lane loop (a
 * hidden class per field, defined on first use and shared by the copies {@link #withCalculus}
 * and {@link #withAnalyticSolution} make), in which the per-trajectory arrays are replaced by
 * registers and the loop over trajectories vectorizes. Write lambdas that index the arrays at
 * constant positions ({@code f[0] = ...; f[1] = ...}): a loop over components keeps the arrays
 * in memory (then each trajectory is gathered into and scattered from them, a few nanoseconds
 * per trajectory and field, as for larger problems).
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
    private final LaneCache lanes;
    private final boolean commutative;

    /** Evaluates a field over the lanes of a batch (implemented by {@link LaneKernel}). */
    interface Lanes {
        /**
         * @param t time
         * @param x batch state, {@code x[i * batch + b]}
         * @param y values, {@code y[k * batch + b]} (overwritten)
         * @param batch lanes
         */
        void evaluate(double t, double[] x, double[] y, int batch);
    }

    /**
     * The lane loops of the drift and the diffusion, created on first use and shared by copies
     * with the same fields. Racy single-check: a {@link LaneKernel} has only final fields, so
     * a thread that sees the reference sees it fully built; two threads may both build one.
     */
    private static final class LaneCache {
        private Lanes drift;
        private Lanes diffusion;
    }

    /** The class file of {@link LaneKernel}, or null if it cannot be read. */
    private static final byte[] KERNEL_BYTES = kernelBytes();

    private static byte[] kernelBytes() {
        try (InputStream in = LaneKernel.class.getResourceAsStream("LaneKernel.class")) {
            return in == null ? null : in.readAllBytes();
        } catch (IOException e) {
            return null;
        }
    }

    /**
     * A lane loop of its own for one field: a hidden class defined from {@link LaneKernel}'s
     * bytes, so that its call of the field has a profile of its own (and is inlined however
     * many problems the JVM runs); a shared {@link LaneKernel} if hidden classes are not
     * available (same results, possibly slower).
     */
    static Lanes spawn(Field field, ScalarField scalar, int in, int out) {
        if (KERNEL_BYTES != null) {
            try {
                MethodHandles.Lookup hidden = MethodHandles.lookup()
                    .defineHiddenClass(KERNEL_BYTES, true);
                MethodHandle c = hidden.findConstructor(hidden.lookupClass(), MethodType
                    .methodType(void.class, Field.class, ScalarField.class, int.class,
                        int.class));
                return (Lanes) c.invoke(field, scalar, in, out);
            } catch (Throwable e) {
                // fall through: the shared class computes the same values
            }
        }
        return new LaneKernel(field, scalar, in, out);
    }

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
        this.lanes = b.lanes != null ? b.lanes : new LaneCache();
        this.commutative = b.commutative;
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
        b.lanes = lanes;
        b.commutative = commutative;
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

    /**
     * @return true unless the noise is {@link NoiseKind#NON_DIAGONAL} and was not declared
     *     commutative ({@link Builder#commutativeNoise()})
     */
    @Override
    public boolean hasCommutativeNoise() {
        return kind != NoiseKind.NON_DIAGONAL || commutative;
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
        Lanes l = lanes.drift;
        if (l == null) {
            l = spawn(drift, scalarDrift, n, n);
            lanes.drift = l;
        }
        l.evaluate(t, x, out, batch);
    }

    @Override
    public void diffusion(double t, double[] x, double[] out, int batch) {
        Lanes l = lanes.diffusion;
        if (l == null) {
            l = spawn(diffusion, scalarDiffusion, n, pattern.nonzeros());
            lanes.diffusion = l;
        }
        l.evaluate(t, x, out, batch);
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
        private LaneCache lanes;
        private boolean commutative;

        private Builder(int n) {
            this.n = n;
        }

        /**
         * @param f the drift of one trajectory (writes all n entries)
         * @return this builder
         */
        public Builder drift(Field f) {
            this.drift = Objects.requireNonNull(f, "drift");
            this.lanes = null;
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
            this.lanes = null;
            if (matrix.dimension() != n) {
                throw new IllegalArgumentException("matrix has " + matrix.dimension()
                    + " rows, the problem " + n + " components");
            }
            return this;
        }

        /**
         * Declares the {@link NoiseKind#NON_DIAGONAL} noise commutative
         * ({@link SdeProblem#hasCommutativeNoise()}: \( L^j G_{\cdot k} = L^k G_{\cdot j} \)),
         * which lets {@link RkMilCommute} integrate it with strong order 1. Not checked: a wrong
         * declaration costs that order. Other kinds are always commutative.
         *
         * @return this builder
         */
        public Builder commutativeNoise() {
            this.commutative = true;
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
