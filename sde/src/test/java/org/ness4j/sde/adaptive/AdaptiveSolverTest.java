package org.ness4j.sde.adaptive;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.rng.sampling.distribution.NormalizedGaussianSampler;
import org.junit.jupiter.api.Test;
import org.ness4j.sde.Calculus;
import org.ness4j.sde.NoiseKind;
import org.ness4j.sde.SdeProblem;
import org.ness4j.sde.srk.EmbeddedAlgorithm;
import org.ness4j.sde.srk.Sra;
import org.ness4j.sde.srk.Sri;
import org.ness4j.sde.srk.SrkTestProblems;

/**
 * Adaptive solves: distribution at T against exact moments (5 standard errors, false-failure
 * probability below 6e-7 per assertion), output times, reproducibility, return codes and
 * argument checks.
 */
class AdaptiveSolverTest {

    private static double[] moments(AdaptiveSolver solver, SdeProblem p, double tEnd, int n,
                                    long seed, long[] steps) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            AdaptiveSolution s = solver.solve(p, 0, tEnd, AdaptiveSolver.gaussian(seed, i));
            assertTrue(s.isSuccess(), s.toString());
            assertEquals(tEnd, s.time(), 0);
            x[i] = s.state(0);
            steps[0] += s.acceptedSteps();
            steps[1] += s.rejectedSteps();
        }
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
        double var = ss / (n - 1);
        return new double[] {m, Math.sqrt(var / n), var, Math.sqrt((s4 / n - var * var) / n)};
    }

    @Test
    void adaptiveOrnsteinUhlenbeckHasTheExactDistributionAtT() {
        double theta = 2.0;
        double sigma = 1.0;
        double x0 = 3.0;
        double tEnd = 1.0;
        SdeProblem ou = SrkTestProblems.ornsteinUhlenbeck(theta, sigma, x0);
        for (EmbeddedAlgorithm a : List.of(Sra.sosra(), Sra.sra1(), Sri.sriw1())) {
            long[] steps = new long[2];
            AdaptiveSolver solver = AdaptiveSolver.of(a).withTolerances(1e-2, 1e-2);
            double[] r = moments(solver, ou, tEnd, 20_000, 42L, steps);
            double mean = x0 * Math.exp(-theta * tEnd);
            double var = sigma * sigma * (1 - Math.exp(-2 * theta * tEnd)) / (2 * theta);
            String info = a + " accepted " + steps[0] + " rejected " + steps[1];
            assertEquals(mean, r[0], 5 * r[1], "mean, " + info);
            assertEquals(var, r[2], 5 * r[3], "variance, " + info);
            assertTrue(steps[1] > 0, "no rejection exercised the path memory: " + info);
        }
    }

    @Test
    void adaptiveItoGeometricBrownianMotionHasTheExactMoments() {
        double mu = 0.5;
        double sigma = 0.8;
        SdeProblem gbm = SrkTestProblems.geometricBrownian(mu, sigma, Calculus.ITO);
        long[] steps = new long[2];
        double[] r = moments(AdaptiveSolver.of(Sri.sosri()), gbm, 1.0, 20_000, 7L, steps);
        assertEquals(Math.exp(mu), r[0], 5 * r[1], "mean");
        double var = Math.exp(2 * mu) * (Math.exp(sigma * sigma) - 1);
        assertEquals(var, r[2], 5 * r[3], "variance");
        assertTrue(steps[1] > 0);
    }

    @Test
    void tighterToleranceTakesMoreSteps() {
        SdeProblem p = SrkTestProblems.sineAdditive(1.0);
        long loose = 0;
        long tight = 0;
        for (int i = 0; i < 50; i++) {
            loose += AdaptiveSolver.of(Sra.sra3()).withTolerances(1e-2, 1e-2)
                .solve(p, 0, 2, AdaptiveSolver.gaussian(3, i)).acceptedSteps();
            tight += AdaptiveSolver.of(Sra.sra3()).withTolerances(1e-4, 1e-4)
                .solve(p, 0, 2, AdaptiveSolver.gaussian(3, i)).acceptedSteps();
        }
        assertTrue(tight > 5 * loose, "loose " + loose + " tight " + tight);
    }

    /** Allocation per solve does not grow with the number of steps (none per step). */
    @Test
    void solveAllocatesPerSolveNotPerStep() {
        java.lang.management.ThreadMXBean bean =
            java.lang.management.ManagementFactory.getThreadMXBean();
        org.junit.jupiter.api.Assumptions.assumeTrue(
            bean instanceof com.sun.management.ThreadMXBean);
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) bean;
        SdeProblem p = SrkTestProblems.sineAdditive(1.0);
        AdaptiveSolver loose = AdaptiveSolver.of(Sra.sosra()).withTolerances(1e-2, 1e-2);
        AdaptiveSolver tight = AdaptiveSolver.of(Sra.sosra()).withTolerances(1e-5, 1e-5);
        for (int i = 0; i < 200; i++) {
            loose.solve(p, 0, 1, AdaptiveSolver.gaussian(9, i));
            tight.solve(p, 0, 1, AdaptiveSolver.gaussian(9, i));
        }
        long id = Thread.currentThread().getId();
        long b0 = mx.getThreadAllocatedBytes(id);
        AdaptiveSolution a = loose.solve(p, 0, 1, AdaptiveSolver.gaussian(9, 1000));
        long b1 = mx.getThreadAllocatedBytes(id);
        AdaptiveSolution b = tight.solve(p, 0, 1, AdaptiveSolver.gaussian(9, 1000));
        long b2 = mx.getThreadAllocatedBytes(id);
        assertTrue(b.acceptedSteps() > 100 * a.acceptedSteps(), a + " " + b);
        assertTrue(b2 - b1 < (b1 - b0) + 8192, "loose " + (b1 - b0) + " bytes, tight "
            + (b2 - b1) + " bytes for " + b.acceptedSteps() + " steps");
    }

    @Test
    void sameSeedAndIndexGiveIdenticalResults() {
        SdeProblem p = SrkTestProblems.sineAdditive(1.0);
        AdaptiveSolver s = AdaptiveSolver.of(Sra.sosra()).withTolerances(1e-3, 1e-3);
        AdaptiveSolution a = s.solve(p, 0, 3, AdaptiveSolver.gaussian(11, 5));
        AdaptiveSolution b = s.solve(p, 0, 3, AdaptiveSolver.gaussian(11, 5));
        assertArrayEquals(a.state(), b.state());
        assertEquals(a.acceptedSteps(), b.acceptedSteps());
        assertEquals(a.rejectedSteps(), b.rejectedSteps());
        AdaptiveSolution c = s.solve(p, 0, 3, AdaptiveSolver.gaussian(11, 6));
        assertTrue(c.state(0) != a.state(0));
    }

    @Test
    void outputTimesAreHitExactly() {
        List<double[]> seen = new ArrayList<>();
        double[] times = {0.0, 0.25, 1.0, 1.7, 2.0};
        AdaptiveSolution s = AdaptiveSolver.of(Sri.sriw1()).solve(
            SrkTestProblems.geometricBrownian(0.1, 0.5, Calculus.ITO), 0, null, 2.0,
            AdaptiveSolver.gaussian(1, 1), times,
            (index, t, x) -> seen.add(new double[] {index, t, x[0]}));
        assertEquals(times.length, seen.size());
        for (int k = 0; k < times.length; k++) {
            assertEquals(k, seen.get(k)[0]);
            assertEquals(times[k], seen.get(k)[1], 0);
        }
        assertEquals(1.0, seen.get(0)[2], 0);
        assertEquals(s.state(0), seen.get(4)[2], 0);
    }

    @Test
    void returnCodesInsteadOfExceptions() {
        SdeProblem p = SrkTestProblems.sineAdditive(1.0);
        AdaptiveSolution s = AdaptiveSolver.of(Sra.sra1()).withMaxSteps(3)
            .solve(p, 0, 10, AdaptiveSolver.gaussian(1, 1));
        assertEquals(AdaptiveReturnCode.MAX_STEPS, s.returnCode());
        assertEquals(3, s.acceptedSteps() + s.rejectedSteps());
        // dX = X^2 dt + 0.01 dW blows up near t = 1
        SdeProblem blowUp = new SdeProblem() {
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
                    out[b] = x[b] * x[b];
                }
            }

            public void diffusion(double t, double[] x, double[] out, int batch) {
                java.util.Arrays.fill(out, 0, batch, 0.01);
            }

            public void initialState(NormalizedGaussianSampler g, double[] x, int batch,
                                     int lane) {
                x[lane] = 1;
            }
        };
        AdaptiveSolution b = AdaptiveSolver.of(Sra.sra3()).solve(blowUp, 0, 2,
            AdaptiveSolver.gaussian(1, 2));
        assertTrue(b.returnCode() == AdaptiveReturnCode.DT_BELOW_MIN
            || b.returnCode() == AdaptiveReturnCode.DIVERGED, b.toString());
        assertTrue(b.time() < 1.1, b.toString());
    }

    @Test
    void argumentsAndCompatibilityFailBeforeAnyWork() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> AdaptiveSolver.of(Sra.sra1()).withTolerances(Double.NaN, 1e-3));
        assertEquals("abstol must be positive and finite: NaN", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
            () -> AdaptiveSolver.of(Sra.sra1()).withTolerances(1e-3, -1));
        assertEquals("reltol must be non-negative and finite: -1.0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
            () -> AdaptiveSolver.of(Sra.sra1()).withMaxSteps(0));
        assertEquals("maxSteps must be at least 1: 0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
            () -> AdaptiveSolver.of(Sra.sra1()).withDtMax(0));
        assertEquals("dtMax must be positive and finite: 0.0", e.getMessage());
        NormalizedGaussianSampler untouched = () -> {
            throw new AssertionError("sampled before the compatibility check");
        };
        e = assertThrows(IllegalArgumentException.class, () -> AdaptiveSolver.of(Sra.sosra())
            .solve(SrkTestProblems.geometricBrownian(0, 1, Calculus.ITO), 0, 1, untouched));
        assertTrue(e.getMessage().contains("Sri"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> AdaptiveSolver.of(Sri.sosri())
            .solve(SrkTestProblems.ornsteinUhlenbeck(1, 1, 0), 1, 1, untouched));
        assertEquals("tEnd must be greater than t0 = 1.0: 1.0", e.getMessage());
    }

    /**
     * A trial state that overflows to infinity is rejected, not accepted with a zero error
     * (its error scale was infinite too): dX = 1e307 dt + dW from 1.7e308 ends DIVERGED at a
     * finite state.
     */
    @Test
    void anInfiniteTrialStateIsNeverAccepted() {
        SdeProblem huge = SrkTestProblems.ornsteinUhlenbeck(-1e307 / 1.7e308, 1, 1.7e308);
        for (EmbeddedAlgorithm a : new EmbeddedAlgorithm[] {Sra.sra1(), Sra.sra3(), Sra.sosra()}) {
            AdaptiveSolution s = AdaptiveSolver.of(a).solve(huge, 0, null, 2.0,
                AdaptiveSolver.gaussian(1, 1), new double[0], null);
            assertEquals(AdaptiveReturnCode.DIVERGED, s.returnCode(), a.name() + ": " + s);
            assertTrue(Double.isFinite(s.state(0)), a.name() + ": " + s);
        }
    }

    /**
     * dtMax bounds every step, the last one onto the end time included: with loose tolerances
     * and steps of dtMax = 0.1 from the start, reaching 0.2009 takes 0.1, 0.1 and 0.0009 (not
     * 0.1 and a stretched 0.1009).
     */
    @Test
    void noStepExceedsDtMax() {
        AdaptiveSolution s = AdaptiveSolver.of(Sra.sra3()).withDtMax(0.1).withInitialDt(0.1)
            .withTolerances(10, 10).solve(SrkTestProblems.ornsteinUhlenbeck(1, 0.1, 0), 0,
                0.2009, AdaptiveSolver.gaussian(1, 1));
        assertEquals(AdaptiveReturnCode.SUCCESS, s.returnCode());
        assertEquals(0, s.rejectedSteps(), s.toString());
        assertEquals(3, s.acceptedSteps(), s.toString());
        assertEquals(0.2009, s.time(), 0);
    }

    @Test
    void inconsistentSettingsAndNoiseFreeProblemsFailBeforeAnyWork() {
        NormalizedGaussianSampler untouched = () -> {
            throw new AssertionError("sampled before the checks");
        };
        SdeProblem ou = SrkTestProblems.ornsteinUhlenbeck(1, 1, 0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> AdaptiveSolver.of(Sra.sra3()).withDtMin(0.5).withDtMax(0.1)
                .solve(ou, 0, new double[] {0}, 1, untouched, new double[0], null));
        assertEquals("dtMin 0.5 must not exceed dtMax 0.1", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> AdaptiveSolver.of(Sra.sra3())
            .solve(ou, 0, new double[] {Double.NaN}, 1, untouched, new double[0], null));
        assertTrue(e.getMessage().startsWith("x0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> AdaptiveSolver.of(Sra.sra3())
            .solve(org.ness4j.sde.chain.ChainProblem.grossPitaevskii(
                org.ness4j.core.chain.BoseHubbardChain.builder(3).build()), 0, 1, untouched));
        assertTrue(e.getMessage().contains("no noise channel"), e.getMessage());
    }
}
