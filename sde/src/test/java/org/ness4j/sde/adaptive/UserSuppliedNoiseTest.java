package org.ness4j.sde.adaptive;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.rng.sampling.distribution.NormalizedGaussianSampler;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;
import org.ness4j.sde.EulerMaruyama;
import org.ness4j.sde.SdeProblem;
import org.ness4j.sde.SdeStepper;
import org.ness4j.sde.StandardProblems;
import org.ness4j.sde.srk.EmbeddedAlgorithm;
import org.ness4j.sde.srk.Sra;
import org.ness4j.sde.srk.Sri;

/**
 * User-supplied noise: replaying an adaptive solve from its recorded path, fixed-step and
 * adaptive runs on a given grid of W values, and the law of the integrals a W grid leaves open.
 */
class UserSuppliedNoiseTest {

    private static NormalizedGaussianSampler gaussian(long seed) {
        return ZigguratSampler.NormalizedGaussian.of(
            RandomSource.XO_RO_SHI_RO_128_PP.create(seed));
    }

    /**
     * A second solve on the recorded path reproduces the first to about 1e-7: the record keeps
     * the boundaries of rejected trial steps, but a trial step over two recorded intervals sums
     * two increments that were one before the split (equal up to rounding), so step sizes can
     * differ in the last bits and slivers below the path's tolerance (1e-12 h) get bridged, each
     * moving W by about sqrt(1e-12 h) ~ 2e-8 at h ~ 3e-4. Tolerance 1e-6 relative, against
     * the solve's own tolerance 1e-4 and about 0.4 to a solve on an independent path.
     */
    @Test
    void adaptiveSolveOnItsRecordedPathReproducesItUpToRounding() {
        SdeProblem p = StandardProblems.linear();
        AdaptiveSolver solver = AdaptiveSolver.of(Sri.sosri()).withTolerances(1e-4, 1e-4);
        double[] x0 = {0.5};
        BrownianPath path = new BrownianPath(1, 0, gaussian(3));
        path.startRecording();
        AdaptiveSolution first = solver.solve(p, x0, 1.0, path, new double[0], null);
        assertTrue(first.isSuccess() && first.rejectedSteps() > 0,
            "the replay must cover rejected trial steps: " + first);
        assertTrue(path.recordedIntervals() >= first.acceptedSteps());
        BrownianPath replay = BrownianPath.of(1, 0, path.recordedLengths(),
            path.recordedIncrements(), path.recordedIntegrals(), gaussian(4));
        AdaptiveSolution second = solver.solve(p, x0, 1.0, replay, new double[0], null);
        assertEquals(first.state(0), second.state(0), 1e-6 * Math.abs(first.state(0)));
        assertEquals(first.acceptedSteps(), second.acceptedSteps(), 2);
        // the same record bridged as the fixed-step Euler-Maruyama path: the recorded path ends
        // at T = 1, so a path without Gaussian source refuses to go beyond it
        assertThrows(IllegalStateException.class,
            () -> solver.solve(p, x0, 1.5, BrownianPath.of(1, 0, path.recordedLengths(),
                path.recordedIncrements(), path.recordedIntegrals(), null), new double[0], null));
    }

    /**
     * {@link BrownianPath#replay} reproduces an adaptive solve bit for bit: final state, step
     * counts and every output state, with rejected trial steps, on one and on two Wiener
     * processes, without any Gaussian source; and a recording of the replay replays the same.
     */
    @Test
    void adaptiveSolveOnItsReplayIsBitIdentical() {
        Object[][] cases = {{StandardProblems.linear(), Sri.sosri(), new double[] {0.5}},
            {StandardProblems.nonDiagonalAdditive(), Sra.sosra(), new double[] {1, 1, 1}}};
        for (Object[] c : cases) {
            SdeProblem p = (SdeProblem) c[0];
            AdaptiveSolver solver = AdaptiveSolver.of((EmbeddedAlgorithm) c[1])
                .withTolerances(1e-4, 1e-4);
            double[] x0 = (double[]) c[2];
            int m = p.noiseComponents().length;
            double[] times = {0.25, 0.5, 0.75};
            double[][] seen = new double[times.length][];
            BrownianPath path = new BrownianPath(m, 0, gaussian(3));
            path.startRecording();
            AdaptiveSolution first = solver.solve(p, x0, 1.0, path, times,
                (k, t, x) -> seen[k] = x.clone());
            assertTrue(first.isSuccess() && first.rejectedSteps() > 0,
                "the replay must cover rejected trial steps: " + first);
            BrownianPath replay = path.replay(null);
            replay.startRecording();
            double[][] again = new double[times.length][];
            AdaptiveSolution second = solver.solve(p, x0, 1.0, replay, times,
                (k, t, x) -> again[k] = x.clone());
            String msg = p + ": " + first + " vs " + second;
            assertTrue(replay.isReplayingExactly(), msg);
            assertArrayEquals(first.state(), second.state(), 0.0, msg);
            assertEquals(first.acceptedSteps(), second.acceptedSteps(), msg);
            assertEquals(first.rejectedSteps(), second.rejectedSteps(), msg);
            assertEquals(first.lastStepSize(), second.lastStepSize(), 0.0, msg);
            for (int k = 0; k < times.length; k++) {
                assertArrayEquals(seen[k], again[k], 0.0, msg + " at output " + k);
            }
            AdaptiveSolution third = solver.solve(p, x0, 1.0, replay.replay(null), times,
                (k, t, x) -> { });
            assertArrayEquals(first.state(), third.state(), 0.0, "replay of a replay: " + msg);
        }
    }

    /**
     * A solve that asks other queries (another tolerance) leaves the replay's tape and runs on
     * the recorded path: W(1) over its own record equals the recorded solve's to rounding.
     */
    @Test
    void replayWithOtherQueriesRunsOnTheRecordedPath() {
        SdeProblem p = StandardProblems.linear();
        BrownianPath path = new BrownianPath(1, 0, gaussian(5));
        path.startRecording();
        AdaptiveSolver.of(Sri.sosri()).withTolerances(1e-4, 1e-4)
            .solve(p, new double[] {0.5}, 1.0, path, new double[0], null);
        assertThrows(IllegalStateException.class,
            () -> new BrownianPath(1, 0, gaussian(1)).replay(null));
        BrownianPath replay = path.replay(gaussian(6));
        replay.startRecording();
        AdaptiveSolution other = AdaptiveSolver.of(Sri.sosri()).withTolerances(1e-3, 1e-3)
            .solve(p, new double[] {0.5}, 1.0, replay, new double[0], null);
        assertTrue(other.isSuccess(), other.toString());
        assertTrue(!replay.isReplayingExactly());
        // the replay's record refines the recorded one (its steps split recorded intervals):
        // at every recorded boundary before the last, W agrees to rounding. The last differs
        // by a sliver: each path's time is the sum of its step lengths, which misses T = 1 by
        // rounding (1e-15), and W over such a sliver is about sqrt(1e-15)
        double[] l1 = path.recordedLengths();
        double[] l2 = replay.recordedLengths();
        double[] w1 = path.recordedIncrements();
        double[] w2 = replay.recordedIncrements();
        assertTrue(l2.length > l1.length / 2, l1.length + " " + l2.length);
        int j = 0;
        double t1 = 0;
        double t2 = 0;
        double s1 = 0;
        double s2 = 0;
        for (int i = 0; i < l1.length - 1; i++) {
            t1 += l1[i];
            s1 += w1[i];
            while (j < l2.length && t2 + l2[j] <= t1 + 1e-12) {
                t2 += l2[j];
                s2 += w2[j];
                j++;
            }
            assertEquals(t1, t2, 1e-12, "boundary " + i);
            assertEquals(s1, s2, 1e-12, "W at boundary " + i + ", t = " + t1);
        }
        assertEquals(1.0, replay.time(), 1e-12);
    }

    @Test
    void fixedStepRunOnAWienerGridUsesTheGridIncrementsExactly() {
        SdeProblem p = StandardProblems.linear();
        int points = 257;
        double h = 1.0 / 256;
        double[][] w = new double[1][points];
        NormalizedGaussianSampler g = gaussian(9);
        for (int k = 1; k < points; k++) {
            w[0][k] = w[0][k - 1] + Math.sqrt(h) * g.sample();
        }
        for (int stride : new int[] {1, 4}) {
            double[] viaPath = FixedStepOnPath.solve(EulerMaruyama.create(), p, new double[] {0.5},
                stride * h, 256 / stride, BrownianPath.ofWienerValues(0, h, w, gaussian(1)));
            SdeStepper st = EulerMaruyama.create().stepper(p, 1);
            double[] x = {0.5};
            for (int s = 0; s < 256 / stride; s++) {
                double dw = 0;
                for (int k = s * stride; k < (s + 1) * stride; k++) {
                    dw += w[0][k + 1] - w[0][k];
                }
                st.step(s * stride * h, stride * h, x, new double[] {dw});
            }
            assertArrayEquals(x, viaPath, 0.0, "stride " + stride);
        }
    }

    /**
     * An adaptive SRI solve on a given W grid (spacing 1/4096) follows that path: at tolerance
     * 1e-5 its mean error against the exact GBM on the grid's W(1) is far below the mean
     * distance to the exact solution on an independent path (about 0.4 here).
     */
    @Test
    void adaptiveSolveOnAWienerGridFollowsIt() {
        SdeProblem p = StandardProblems.linear();
        int points = 4097;
        double h = 1.0 / 4096;
        NormalizedGaussianSampler g = gaussian(17);
        AdaptiveSolver solver = AdaptiveSolver.of(Sri.sriw1()).withTolerances(1e-5, 1e-5);
        double err = 0;
        double other = 0;
        int paths = 40;
        for (int i = 0; i < paths; i++) {
            double[][] w = new double[1][points];
            for (int k = 1; k < points; k++) {
                w[0][k] = w[0][k - 1] + Math.sqrt(h) * g.sample();
            }
            AdaptiveSolution s = solver.solve(p, new double[] {0.5}, 1.0,
                BrownianPath.ofWienerValues(0, h, w, g), new double[0], null);
            double exact = 0.5 * Math.exp(0.63155 + 0.87 * w[0][points - 1]);
            double independent = 0.5 * Math.exp(0.63155 + 0.87 * g.sample());
            err += Math.abs(s.state(0) - exact) / paths;
            other += Math.abs(s.state(0) - independent) / paths;
        }
        assertTrue(err < 0.01 && other > 0.1, "error " + err + " vs independent " + other);
    }

    /**
     * The integrals a W grid leaves open are drawn from their conditional law:
     * dZ - h dW / 2 has mean 0, variance h^3/12 and is uncorrelated with dW (20 000 intervals;
     * 5 standard errors, false-failure probability below 1e-6 per assertion).
     */
    @Test
    void integralsBetweenGridPointsHaveTheirConditionalLaw() {
        int k = 20_000;
        double h = 0.5;
        double[][] w = new double[1][k + 1];
        NormalizedGaussianSampler g = gaussian(23);
        for (int i = 1; i <= k; i++) {
            w[0][i] = w[0][i - 1] + Math.sqrt(h) * g.sample();
        }
        BrownianPath path = BrownianPath.ofWienerValues(0, h, w, g);
        double[] dW = new double[1];
        double[] dZ = new double[1];
        double s1 = 0;
        double s2 = 0;
        double s4 = 0;
        double sx = 0;
        for (int i = 0; i < k; i++) {
            path.pairs(h, dW, dZ);
            path.advance();
            assertEquals(w[0][i + 1] - w[0][i], dW[0], 0.0);
            double r = dZ[0] - 0.5 * h * dW[0];
            s1 += r / k;
            s2 += r * r / k;
            s4 += r * r * r * r / k;
            sx += r * dW[0] / k;
        }
        double var = h * h * h / 12;
        assertEquals(0, s1, 5 * Math.sqrt(var / k));
        assertEquals(var, s2, 5 * Math.sqrt((s4 - s2 * s2) / k));
        assertEquals(0, sx, 5 * Math.sqrt(var * h / k));
    }

    @Test
    void badPathsAreRefused() {
        assertThrows(IllegalArgumentException.class,
            () -> BrownianPath.of(2, 0, new double[] {0.1}, new double[] {1}, new double[] {1},
                null));
        assertThrows(IllegalArgumentException.class,
            () -> BrownianPath.ofWienerValues(0, 0.1, new double[][] {{0}}, gaussian(1)));
        SdeProblem p = StandardProblems.linear();
        assertThrows(IllegalArgumentException.class, () -> AdaptiveSolver.of(Sri.sriw1())
            .solve(p, new double[] {1}, 1, new BrownianPath(2, 0, gaussian(1)), new double[0],
                null));
        assertThrows(IllegalArgumentException.class, () -> FixedStepOnPath.solve(
            EulerMaruyama.create(), p, new double[] {1, 2}, 0.1, 1,
            new BrownianPath(1, 0, gaussian(1))));
    }
}
