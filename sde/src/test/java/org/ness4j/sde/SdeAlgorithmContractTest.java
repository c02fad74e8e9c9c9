package org.ness4j.sde;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.ness4j.sde.srk.Sra;
import org.ness4j.sde.srk.Sri;

/**
 * The contract every general-purpose {@link SdeAlgorithm} passes (the chain-only SplitStep has
 * its own tests): declared properties are consistent, bad batch sizes and unsupported noise kinds
 * fail before running with a remedy, and the Ornstein-Uhlenbeck process reaches its exact mean
 * and variance at T = 1 within 5 standard errors of 20 000 paths (false-failure probability below
 * 1e-6 per assertion). At h = 0.005 the largest discretization bias, Euler-Maruyama's relative
 * variance bias of about theta h / 2 = 0.3 %, is far below the 5-standard-error tolerance of about
 * 5 %.
 */
class SdeAlgorithmContractTest {

    static Stream<SdeAlgorithm> algorithms() {
        return Stream.of(EulerMaruyama.create(), Heun.create(), RkMilstein.create(),
            RkMilCommute.create(), RkMilCommute.create(Calculus.STRATONOVICH), Sra.sra1(), Sra.sra3(),
            Sra.sosra(), Sri.sriw1(), Sri.sosri());
    }

    @ParameterizedTest
    @MethodSource("algorithms")
    void declaredPropertiesAreConsistent(SdeAlgorithm a) {
        assertTrue(a.strongOrder() > 0 && a.weakOrder() >= a.strongOrder() - 0.5, a.name());
        assertTrue(a.noiseKinds().contains(NoiseKind.ADDITIVE), a.name());
        SdeStepper s = a.stepper(TestProblems.ornsteinUhlenbeck(1, 1, 0), 3);
        assertEquals(3, s.batchSize());
        assertTrue(s.incrementsPerChannel() >= 1 && s.driftEvaluationsPerStep() >= 1);
        assertTrue(a.name().matches("[a-z0-9]+"), "command-line name: " + a.name());
    }

    @ParameterizedTest
    @MethodSource("algorithms")
    void badInputFailsBeforeRunningWithARemedy(SdeAlgorithm a) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> a.stepper(TestProblems.ornsteinUhlenbeck(1, 1, 0), 0));
        assertEquals("batch must be at least 1: 0", e.getMessage());
        // a diagonal problem in the calculus the scheme does not converge to, or a kind it
        // does not support: the message names an alternative
        for (Calculus c : Calculus.values()) {
            SdeProblem p = TestProblems.geometricBrownian(0.1, 0.2, c);
            try {
                a.stepper(p, 1);
            } catch (IllegalArgumentException ex) {
                assertTrue(ex.getMessage().contains("use "), a.name() + ": " + ex.getMessage());
            }
        }
    }

    @ParameterizedTest
    @MethodSource("algorithms")
    void ornsteinUhlenbeckReachesItsExactMoments(SdeAlgorithm a) {
        double theta = 1.3;
        double sigma = 0.7;
        double x0 = 2;
        double h = 0.005;
        int steps = 200;
        int n = 20_000;
        SdeProblem p = TestProblems.ornsteinUhlenbeck(theta, sigma, x0);
        SdeStepper st = a.stepper(p, n);
        int k = st.incrementsPerChannel();
        double[] x = new double[n];
        java.util.Arrays.fill(x, x0);
        double[] dW = new double[k * n];
        ZigguratSampler.NormalizedGaussian g = ZigguratSampler.NormalizedGaussian.of(
            RandomSource.XO_RO_SHI_RO_128_PP.create(123L));
        for (int s = 0; s < steps; s++) {
            for (int i = 0; i < dW.length; i++) {
                dW[i] = Math.sqrt(h) * g.sample();
            }
            st.step(s * h, h, x, dW);
        }
        double t = steps * h;
        double mean = x0 * Math.exp(-theta * t);
        double var = sigma * sigma / (2 * theta) * (1 - Math.exp(-2 * theta * t));
        double m = 0;
        for (double v : x) {
            m += v / n;
        }
        double ss = 0;
        double s4 = 0;
        for (double v : x) {
            ss += (v - m) * (v - m);
            s4 += Math.pow(v - m, 4);
        }
        double sv = ss / (n - 1);
        assertEquals(mean, m, 5 * Math.sqrt(sv / n), a.name() + " mean");
        assertEquals(var, sv, 5 * Math.sqrt((s4 / n - sv * sv) / n), a.name() + " variance");
    }
}
