package org.ness4j.sde;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.NormalizedGaussianSampler;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link SmallSdeProblem} evaluates exactly what a hand-written batched problem evaluates, and
 * its cost (printed; not asserted, the machine is shared) is measured against one.
 */
class SmallSdeProblemTest {

    /** Hand-written batched 2-component damped oscillator with diagonal noise. */
    static final class Oscillator implements SdeProblem {
        public int dimension() {
            return 2;
        }

        public int[] noiseComponents() {
            return new int[] {0, 1};
        }

        public NoiseKind noiseKind() {
            return NoiseKind.DIAGONAL;
        }

        public void drift(double t, double[] x, double[] out, int batch) {
            for (int b = 0; b < batch; b++) {
                double q = x[b];
                double p = x[batch + b];
                out[b] = p - 0.1 * q;
                out[batch + b] = -q - 0.1 * p;
            }
        }

        public void diffusion(double t, double[] x, double[] out, int batch) {
            for (int b = 0; b < batch; b++) {
                out[b] = 0.2 * x[b];
                out[batch + b] = 0.3;
            }
        }

        public void initialState(NormalizedGaussianSampler g, double[] x, int batch, int lane) {
            x[lane] = 1;
            x[batch + lane] = 0;
        }
    }

    static SmallSdeProblem smallOscillator() {
        return SmallSdeProblem.builder(2)
            .drift((t, x, f) -> {
                f[0] = x[1] - 0.1 * x[0];
                f[1] = -x[0] - 0.1 * x[1];
            })
            .diagonalNoise(NoiseKind.DIAGONAL, (t, x, g) -> {
                g[0] = 0.2 * x[0];
                g[1] = 0.3;
            })
            .initialState(1, 0).build();
    }

    static SmallSdeProblem smallOu() {
        return SmallSdeProblem.scalar((t, x) -> -1.3 * x, (t, x) -> 0.7, NoiseKind.ADDITIVE, 2.0);
    }

    @Test
    void evaluatesExactlyWhatTheHandWrittenProblemsEvaluate() {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(8L);
        int batch = 37;
        SdeProblem[][] pairs = {{new Oscillator(), smallOscillator()},
            {TestProblems.ornsteinUhlenbeck(1.3, 0.7, 2.0), smallOu()}};
        for (SdeProblem[] pair : pairs) {
            int n = pair[0].dimension();
            double[] x = new double[n * batch];
            for (int i = 0; i < x.length; i++) {
                x[i] = rng.nextDouble() * 4 - 2;
            }
            double[][] f = new double[2][n * batch];
            double[][] g = new double[2][n * batch];
            double[][] x0 = new double[2][n * batch];
            for (int k = 0; k < 2; k++) {
                pair[k].drift(0.3, x, f[k], batch);
                pair[k].diffusion(0.3, x, g[k], batch);
                for (int b = 0; b < batch; b++) {
                    pair[k].initialState(null, x0[k], batch, b);
                }
            }
            assertArrayEquals(f[0], f[1], pair[1].toString());
            assertArrayEquals(g[0], g[1], pair[1].toString());
            assertArrayEquals(x0[0], x0[1], pair[1].toString());
            assertArrayEquals(pair[0].noiseComponents(), pair[1].noiseComponents());
            assertEquals(pair[0].noiseKind(), pair[1].noiseKind());
        }
    }

    /** Every lane-loop size (1..4 inputs x 1..4 outputs written out, 5 and 6 generic). */
    static Stream<Arguments> sizes() {
        Stream.Builder<Arguments> s = Stream.builder();
        for (int in = 1; in <= 6; in++) {
            for (int out = 1; out <= 6; out++) {
                if (in == out || (in <= 4 && out <= 4) || in == 5) {
                    s.add(Arguments.of(in, out));
                }
            }
        }
        return s.build();
    }

    /**
     * The lane loop of every size evaluates exactly what calling the field on each lane's
     * gathered state gives, with unwritten outputs 0 (inputs from a seeded generator; the
     * field writes the odd outputs only where the lane's first component is positive).
     */
    @ParameterizedTest(name = "in {0}, out {1}")
    @MethodSource("sizes")
    void laneLoopsOfEverySizeEvaluateTheFieldPerLane(int in, int out) {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(31L * in + out);
        SmallSdeProblem.Field field = (t, x, y) -> {
            for (int k = 0; k < y.length; k++) {
                if (k % 2 == 0 || x[0] > 0) {
                    y[k] = t * (k + 1) + x[k % x.length] * x[(k + 1) % x.length];
                }
            }
        };
        int batch = 13;
        double[] x = new double[in * batch];
        for (int i = 0; i < x.length; i++) {
            x[i] = rng.nextDouble() * 2 - 1;
        }
        double[] y = new double[out * batch];
        java.util.Arrays.fill(y, Double.NaN);
        SmallSdeProblem.spawn(field, null, in, out).evaluate(0.7, x, y, batch);
        for (int b = 0; b < batch; b++) {
            double[] xs = new double[in];
            for (int i = 0; i < in; i++) {
                xs[i] = x[i * batch + b];
            }
            double[] ys = new double[out];
            field.evaluate(0.7, xs, ys);
            for (int k = 0; k < out; k++) {
                assertEquals(ys[k], y[k * batch + b], 0.0, "lane " + b + " output " + k
                    + " of x " + java.util.Arrays.toString(xs));
            }
        }
    }

    /**
     * Each field gets a lane loop of its own class, so that the JIT profiles, and inlines, each
     * lambda separately (a shared loop is megamorphic once several problems have run).
     */
    @Test
    void eachFieldHasItsOwnLaneLoopClass() {
        SmallSdeProblem.Field f = (t, x, y) -> y[0] = x[0];
        SmallSdeProblem.Lanes a = SmallSdeProblem.spawn(f, null, 1, 1);
        SmallSdeProblem.Lanes b = SmallSdeProblem.spawn(f, null, 1, 1);
        assertTrue(a.getClass().isHidden(), a.getClass().getName());
        assertTrue(a.getClass() != b.getClass(), a.getClass() + " " + b.getClass());
    }

    /** Entries a lambda leaves unwritten are 0, never the previous lane's values. */
    @Test
    void unwrittenEntriesAreZeroNotStale() {
        SmallSdeProblem p = SmallSdeProblem.builder(2)
            .drift((t, x, f) -> f[x[0] > 0 ? 0 : 1] = 1)
            .noise(NoiseKind.NON_DIAGONAL, NoiseMatrix.dense(2, 1),
                (t, x, g) -> g[x[0] > 0 ? 0 : 1] = 2)
            .initialState(0, 0).build();
        double[] x = {1, -1, 0, 0};
        double[] f = new double[4];
        double[] g = new double[4];
        p.drift(0, x, f, 2);
        p.diffusion(0, x, g, 2);
        assertArrayEquals(new double[] {1, 0, 0, 1}, f);
        assertArrayEquals(new double[] {2, 0, 0, 2}, g);
    }

    @Test
    void missingPartsAndBadInitialStatesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> SmallSdeProblem.builder(0));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> SmallSdeProblem.builder(2).drift((t, x, f) -> { }).initialState(0, 0).build());
        assertTrue(e.getMessage().startsWith("noise is missing"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
            () -> SmallSdeProblem.builder(2).initialState(1, 2, 3));
        assertThrows(IllegalArgumentException.class,
            () -> SmallSdeProblem.builder(1).initialState(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> SmallSdeProblem.scalar(
            (t, x) -> x, (t, x) -> x, NoiseKind.SCALAR, 1));
    }

    /**
     * Nanoseconds per trajectory-step of Euler-Maruyama, batch 1024, for the hand-written and the
     * lambda problems (best of 40 repetitions; printed for docs/sde.md, not asserted).
     */
    @Test
    void costAgainstHandWrittenBatchedProblems() {
        SdeProblem[][] pairs = {{new Oscillator(), smallOscillator()},
            {TestProblems.ornsteinUhlenbeck(1.3, 0.7, 2.0), smallOu()}};
        for (SdeProblem[] pair : pairs) {
            double[] ns = new double[2];
            for (int k = 0; k < 2; k++) {
                ns[k] = timeEuler(pair[k]);
            }
            System.out.printf("SmallSdeProblem cost: n=%d hand-written %.2f ns, lambdas %.2f ns"
                + " per trajectory-step (ratio %.2f)%n", pair[0].dimension(), ns[0], ns[1],
                ns[1] / ns[0]);
            assertTrue(ns[0] > 0 && ns[1] > 0);
        }
    }

    private static double timeEuler(SdeProblem p) {
        int batch = 1024;
        int steps = 200;
        SdeStepper st = EulerMaruyama.create().stepper(p, batch);
        double[] x = new double[p.dimension() * batch];
        double[] dW = new double[p.noiseComponents().length * batch];
        java.util.Arrays.fill(dW, 0.01);
        double best = Double.MAX_VALUE;
        for (int rep = 0; rep < 40; rep++) {
            java.util.Arrays.fill(x, 0.5);
            long t0 = System.nanoTime();
            for (int s = 0; s < steps; s++) {
                st.step(s * 0.01, 0.01, x, dW);
            }
            best = Math.min(best, (System.nanoTime() - t0) / (double) (batch * steps));
            assertTrue(Double.isFinite(x[0]));
        }
        return best;
    }
}
