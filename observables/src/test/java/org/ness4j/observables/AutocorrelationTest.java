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
}
