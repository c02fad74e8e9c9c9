package org.ness4j.examples.bench;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.apache.commons.rng.sampling.distribution.NormalizedGaussianSampler;
import org.ness4j.sde.EulerMaruyama;
import org.ness4j.sde.NoiseKind;
import org.ness4j.sde.SdeProblem;
import org.ness4j.sde.SdeStepper;
import org.ness4j.sde.SmallSdeProblem;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One Euler-Maruyama step of a small problem written with {@link SmallSdeProblem}'s
 * per-trajectory lambdas against the same problem written as a batched {@link SdeProblem} by
 * hand (a damped oscillator with multiplicative and additive noise, 2 components), the cost
 * of the lambda adapter (docs/sde.md). Score: time per step of {@code batch} trajectories.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class SmallProblemBenchmark {

    /** {@code "lambdas"} (SmallSdeProblem) or {@code "batched"} (hand-written). */
    @Param({"lambdas", "batched"})
    public String form;

    /**
     * {@code "clean"}: this problem is the only one the JVM has run; {@code "polluted"}: four
     * other lambda problems ran first (a convergence study, a scan), which makes a call site
     * shared by all {@link SmallSdeProblem}s megamorphic.
     */
    @Param({"clean", "polluted"})
    public String profile;

    /** Trajectories per batch. */
    @Param({"64", "1024"})
    public int batch;

    private SdeStepper stepper;
    private double[] x;
    private double[] dW;
    private long step;

    /** The hand-written batched oscillator. */
    static final class Oscillator implements SdeProblem {
        @Override
        public int dimension() {
            return 2;
        }

        @Override
        public int[] noiseComponents() {
            return new int[] {0, 1};
        }

        @Override
        public NoiseKind noiseKind() {
            return NoiseKind.DIAGONAL;
        }

        @Override
        public void drift(double t, double[] x, double[] out, int batch) {
            for (int b = 0; b < batch; b++) {
                double q = x[b];
                double p = x[batch + b];
                out[b] = p - 0.1 * q;
                out[batch + b] = -q - 0.1 * p;
            }
        }

        @Override
        public void diffusion(double t, double[] x, double[] out, int batch) {
            for (int b = 0; b < batch; b++) {
                out[b] = 0.2 * x[b];
                out[batch + b] = 0.3;
            }
        }

        @Override
        public void initialState(NormalizedGaussianSampler g, double[] x, int batch, int lane) {
            x[lane] = 1;
            x[batch + lane] = 0;
        }
    }

    /** Runs four other lambda problems (scalar and 2-component) for a while. */
    static void pollute(int batch) {
        SdeProblem[] others = {
            SmallSdeProblem.scalar((t, y) -> -y, (t, y) -> 0.5 * y, NoiseKind.DIAGONAL, 1),
            SmallSdeProblem.scalar((t, y) -> 1 - y * y * y, (t, y) -> 0.1, NoiseKind.ADDITIVE, 1),
            SmallSdeProblem.builder(2)
                .drift((t, y, f) -> {
                    f[0] = -y[0] * y[1];
                    f[1] = y[0] - y[1];
                })
                .diagonalNoise(NoiseKind.DIAGONAL, (t, y, g) -> {
                    g[0] = 0.1 * y[1];
                    g[1] = 0.1 * y[0];
                })
                .initialState(1, 1).build(),
            SmallSdeProblem.builder(2)
                .drift((t, y, f) -> {
                    f[0] = y[1];
                    f[1] = -Math.sin(y[0]);
                })
                .diagonalNoise(NoiseKind.ADDITIVE, (t, y, g) -> {
                    g[0] = 0;
                    g[1] = 0.2;
                })
                .initialState(0.5, 0).build()};
        for (SdeProblem p : others) {
            SdeStepper s = EulerMaruyama.create().stepper(p, batch);
            double[] y = new double[p.dimension() * batch];
            double[] w = new double[p.dimension() * batch];
            for (int i = 0; i < 20_000; i++) {
                s.step(0.0, 0.001, y, w);
            }
        }
    }

    /** Builds the stepper, the state and the noise. */
    @Setup
    public void setUp() {
        if ("polluted".equals(profile)) {
            pollute(batch);
        }
        SdeProblem problem = "batched".equals(form) ? new Oscillator()
            : SmallSdeProblem.builder(2)
                .drift((t, y, f) -> {
                    f[0] = y[1] - 0.1 * y[0];
                    f[1] = -y[0] - 0.1 * y[1];
                })
                .diagonalNoise(NoiseKind.DIAGONAL, (t, y, g) -> {
                    g[0] = 0.2 * y[0];
                    g[1] = 0.3;
                })
                .initialState(1, 0).build();
        stepper = EulerMaruyama.create().stepper(problem, batch);
        x = new double[2 * batch];
        dW = new double[2 * batch];
        SplittableRandom r = new SplittableRandom(1);
        for (int i = 0; i < dW.length; i++) {
            dW[i] = 0.1 * (r.nextDouble() - 0.5);
        }
    }

    /**
     * One step.
     *
     * @return the state (consumed by JMH)
     */
    @Benchmark
    public double[] step() {
        if (++step % 2000 == 0) {
            java.util.Arrays.fill(x, 0.0);
        }
        stepper.step(0.0, 0.01, x, dW);
        return x;
    }
}
