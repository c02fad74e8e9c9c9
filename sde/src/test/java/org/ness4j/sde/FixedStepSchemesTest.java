package org.ness4j.sde;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Contract tests shared by the fixed-step schemes: exact discrete-time moments on the
 * Ornstein-Uhlenbeck process, strong order on a shared Brownian path, and compatibility checks.
 */
class FixedStepSchemesTest {

    static Stream<SdeAlgorithm> schemes() {
        return Stream.of(EulerMaruyama.create(), Heun.create());
    }

    /**
     * Per-step map X -> a X + b dW of each scheme on dX = -theta X dt + sigma dW: Euler
     * a = 1 - theta h, b = sigma; Heun a = 1 - theta h + (theta h)^2 / 2,
     * b = sigma (1 - theta h / 2).
     */
    private static double[] linearMap(SdeAlgorithm s, double theta, double sigma, double h) {
        if (s == EulerMaruyama.create()) {
            return new double[] {1 - theta * h, sigma};
        }
        return new double[] {1 - theta * h + 0.5 * theta * theta * h * h,
            sigma * (1 - 0.5 * theta * h)};
    }

    @ParameterizedTest
    @MethodSource("schemes")
    void ornsteinUhlenbeckMomentsMatchTheExactDiscreteRecursion(SdeAlgorithm scheme) {
        double theta = 1.3;
        double sigma = 0.7;
        double x0 = 2.0;
        double h = 0.05;
        int steps = 40;
        int n = 20_000;
        SdeProblem p = TestProblems.ornsteinUhlenbeck(theta, sigma, x0);
        SdeStepper stepper = scheme.stepper(p, n);
        double[] x = new double[n];
        java.util.Arrays.fill(x, x0);
        double[] dW = new double[n];
        ZigguratSampler.NormalizedGaussian g = ZigguratSampler.NormalizedGaussian.of(
            RandomSource.XO_RO_SHI_RO_128_PP.create(99L));
        for (int s = 0; s < steps; s++) {
            for (int b = 0; b < n; b++) {
                dW[b] = Math.sqrt(h) * g.sample();
            }
            stepper.step(s * h, h, x, dW);
        }
        double[] ab = linearMap(scheme, theta, sigma, h);
        double mean = x0;
        double var = 0;
        for (int s = 0; s < steps; s++) {
            mean *= ab[0];
            var = ab[0] * ab[0] * var + ab[1] * ab[1] * h;
        }
        double m = 0;
        for (double v : x) {
            m += v;
        }
        m /= n;
        double ss = 0;
        double s4 = 0;
        for (double v : x) {
            ss += (v - m) * (v - m);
            s4 += Math.pow(v - m, 4);
        }
        double sampleVar = ss / (n - 1);
        double seMean = Math.sqrt(sampleVar / n);
        double seVar = Math.sqrt((s4 / n - sampleVar * sampleVar) / n);
        // 5 standard errors: false-failure probability < 1e-6 per assertion
        assertEquals(mean, m, 5 * seMean, scheme + " mean");
        assertEquals(var, sampleVar, 5 * seVar, scheme + " variance");
    }

    @ParameterizedTest
    @MethodSource("schemes")
    void strongOrderOneOnAdditiveNoise(SdeAlgorithm scheme) {
        // Nonlinear additive SDE dX = -sin(X) dt + 0.5 dW; reference: same scheme at h/64 on
        // the same Brownian path (the coarse increments are sums of the fine ones).
        SdeProblem p = new SdeProblem() {
            public int dimension() {
                return 1;
            }

            public int[] noiseComponents() {
                return new int[] {0};
            }

            public NoiseKind noiseKind() {
                return NoiseKind.ADDITIVE;
            }

            public void drift(double t, double[] x, double[] out, int batch) {
                for (int b = 0; b < batch; b++) {
                    out[b] = -Math.sin(x[b]) + Math.cos(3 * t);
                }
            }

            public void diffusion(double t, double[] x, double[] out, int batch) {
                java.util.Arrays.fill(out, 0, batch, 0.5);
            }

            public void initialState(
                org.apache.commons.rng.sampling.distribution.NormalizedGaussianSampler g,
                double[] x, int batch, int lane) {
                x[lane] = 1;
            }
        };
        int paths = 400;
        double tEnd = 1.0;
        int fine = 2048;
        double hf = tEnd / fine;
        double[][] w = new double[paths][fine];
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(7L);
        ZigguratSampler.NormalizedGaussian g = ZigguratSampler.NormalizedGaussian.of(rng);
        for (double[] row : w) {
            for (int k = 0; k < fine; k++) {
                row[k] = Math.sqrt(hf) * g.sample();
            }
        }
        double[] ref = solve(scheme, p, w, fine / 1);
        int[] coarse = {16, 32, 64, 128};
        double[] logH = new double[coarse.length];
        double[] logE = new double[coarse.length];
        for (int c = 0; c < coarse.length; c++) {
            double[] xs = solve(scheme, p, w, coarse[c]);
            double err = 0;
            for (int i = 0; i < paths; i++) {
                err += Math.abs(xs[i] - ref[i]);
            }
            logH[c] = Math.log(tEnd / coarse[c]);
            logE[c] = Math.log(err / paths);
        }
        double slope = Fits.slope(logH, logE);
        assertTrue(Math.abs(slope - scheme.strongOrder()) < 0.2,
            scheme + " strong order slope " + slope);
    }

    private static double[] solve(SdeAlgorithm scheme, SdeProblem p, double[][] w, int steps) {
        int paths = w.length;
        int ratio = w[0].length / steps;
        double h = 1.0 / steps;
        SdeStepper st = scheme.stepper(p, paths);
        double[] x = new double[paths];
        java.util.Arrays.fill(x, 1.0);
        double[] dW = new double[paths];
        for (int s = 0; s < steps; s++) {
            for (int i = 0; i < paths; i++) {
                double sum = 0;
                for (int k = s * ratio; k < (s + 1) * ratio; k++) {
                    sum += w[i][k];
                }
                dW[i] = sum;
            }
            st.step(s * h, h, x, dW);
        }
        return x;
    }

    @Test
    void heunConvergesToStratonovichGeometricBrownianMotion() {
        // Stratonovich GBM: X(T) = exp(mu T + sigma W(T)), so E X(T) = exp((mu + sigma^2/2) T)
        double mu = -0.3;
        double sigma = 0.6;
        int n = 40_000;
        int steps = 50;
        double h = 1.0 / steps;
        SdeStepper st = Heun.create().stepper(
            TestProblems.geometricBrownian(mu, sigma, Calculus.STRATONOVICH), n);
        double[] x = new double[n];
        java.util.Arrays.fill(x, 1.0);
        double[] dW = new double[n];
        ZigguratSampler.NormalizedGaussian g = ZigguratSampler.NormalizedGaussian.of(
            RandomSource.XO_RO_SHI_RO_128_PP.create(3L));
        for (int s = 0; s < steps; s++) {
            for (int b = 0; b < n; b++) {
                dW[b] = Math.sqrt(h) * g.sample();
            }
            st.step(s * h, h, x, dW);
        }
        double m = 0;
        double m2 = 0;
        for (double v : x) {
            m += v / n;
            m2 += v * v / n;
        }
        double se = Math.sqrt((m2 - m * m) / n);
        double exact = Math.exp(mu + 0.5 * sigma * sigma);
        // weak bias of Heun O(h) ~ 1e-2 relative would be visible: 5 se ~ 0.008
        assertEquals(exact, m, 5 * se + 0.01 * exact, "Stratonovich mean");
    }

    @Test
    void incompatibleCalculusFailsBeforeRunningWithARemedy() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> Heun.create().stepper(TestProblems.geometricBrownian(0, 1, Calculus.ITO), 4));
        assertTrue(e.getMessage().contains("EulerMaruyama"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> EulerMaruyama.create().stepper(
            TestProblems.geometricBrownian(0, 1, Calculus.STRATONOVICH), 4));
        assertTrue(e.getMessage().contains("Heun"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Heun.create().stepper(
            TestProblems.ornsteinUhlenbeck(1, 1, 0), 0));
        assertEquals("batch must be at least 1: 0", e.getMessage());
    }

    @Test
    void declaredProperties() {
        assertEquals(1.0, Heun.create().strongOrder());
        assertEquals(2, Heun.create().stepper(TestProblems.ornsteinUhlenbeck(1, 1, 0), 1)
            .driftEvaluationsPerStep());
        assertEquals(1, EulerMaruyama.create().stepper(TestProblems.ornsteinUhlenbeck(1, 1, 0),
            1).driftEvaluationsPerStep());
        assertTrue(!Heun.create().isAdaptive() && !EulerMaruyama.create().isAdaptive());
    }
}
