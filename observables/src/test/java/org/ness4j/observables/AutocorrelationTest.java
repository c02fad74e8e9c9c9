package org.ness4j.observables;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.ness4j.core.chain.BoseHubbardChain;
import org.ness4j.core.stat.Estimate;
import org.ness4j.sde.chain.ChainProblem;
import org.ness4j.sde.chain.SplitStep;
import org.ness4j.sde.ensemble.Ensemble;
import org.ness4j.sde.ensemble.SampleSchedule;

class AutocorrelationTest {

    @Test
    void freeRotationGivesACosine() {
        // one isolated linear site from alpha = 1: alpha(t) = e^{i Delta t}, so
        // C(tau) = Re e^{-i Delta tau} / 1 = cos(Delta tau); the split-step rotation is exact
        BoseHubbardChain chain = BoseHubbardChain.builder(1).interaction(0).boundaryLoss(0)
            .detuning(1.7).build();
        double dt = 0.01;
        Autocorrelation c = Ensemble.builder(ChainProblem.grossPitaevskii(chain)
                .withInitialField(new double[] {1, 0})).algorithm(SplitStep.create())
            .trajectories(1).dt(dt).steps(5000).build()
            .run(Autocorrelation.observer(new SampleSchedule(0, 10), 50, dt, 0))
            .requireSuccess();
        for (int k = 0; k < 50; k++) {
            assertEquals(Math.cos(1.7 * c.lag(k)), c.value(0, k).value(), 1e-10, "lag " + k);
        }
    }

    @Test
    void vacuumFluctuationsDecorrelateAtTheLossRate() {
        // a single lossy site in the vacuum: alpha is an OU process with rate kappa/2, so
        // E[alpha*(t+tau) alpha(t) / |alpha(t)|^2] = e^{-kappa tau / 2} exactly
        BoseHubbardChain chain = BoseHubbardChain.builder(1).interaction(0).detuning(0)
            .boundaryLoss(0.5).build(); // kappa = 1 on the single site
        double dt = 0.01;
        Autocorrelation c = Ensemble.builder(ChainProblem.truncatedWigner(chain))
            .algorithm(SplitStep.create()).trajectories(64).groupSize(4).dt(dt).steps(200_000)
            .seed(2).build()
            .run(Autocorrelation.observer(new SampleSchedule(1000, 20), 20, dt, 0))
            .requireSuccess();
        for (int k = 0; k < 20; k++) {
            Estimate e = c.value(0, k);
            assertTrue(Math.abs(e.value() - Math.exp(-0.5 * c.lag(k))) <= 5 * e.standardError(),
                "lag " + c.lag(k) + ": " + e + " vs " + Math.exp(-0.5 * c.lag(k)));
        }
    }

    /**
     * 96 groups of one trajectory fold into at most 8 blocks: the serialized result is about
     * 12 times smaller than with one row per trajectory, and the values are the same up to
     * rounding (a block's sums are the same sums, added in group order).
     */
    @Test
    void groupsFoldIntoBlocksWithTheSameValues() throws java.io.IOException {
        BoseHubbardChain chain = BoseHubbardChain.builder(3).boundaryDrive(2).build();
        SampleSchedule schedule = new SampleSchedule(50, 5);
        Ensemble e = Ensemble.builder(ChainProblem.truncatedWigner(chain)).trajectories(96)
            .batchSize(20).threads(2).dt(0.01).steps(300).seed(8).build();
        Autocorrelation blocked = e.run(Autocorrelation.observer(schedule, 5, 0.01,
            new int[] {0, 2}, 8)).requireSuccess();
        Autocorrelation rows = e.run(Autocorrelation.observer(schedule, 5, 0.01,
            new int[] {0, 2}, 1000)).requireSuccess();
        assertTrue(size(blocked) * 8 < size(rows), size(blocked) + " vs " + size(rows));
        for (int k = 0; k < 5; k++) {
            double a = blocked.value(2, k).value();
            double b = rows.value(2, k).value();
            assertEquals(b, a, 1e-12 * Math.abs(b), "lag " + k);
        }
    }

    private static int size(Autocorrelation a) throws java.io.IOException {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        a.writeTo(new java.io.DataOutputStream(bytes));
        return bytes.size();
    }
}
