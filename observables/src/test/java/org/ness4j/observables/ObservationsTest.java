package org.ness4j.observables;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.ness4j.core.chain.BoseHubbardChain;
import org.ness4j.sde.chain.ChainProblem;
import org.ness4j.sde.ensemble.Ensemble;
import org.ness4j.sde.ensemble.Observations;
import org.ness4j.sde.ensemble.SampleSchedule;

class ObservationsTest {

    @Test
    void partsWithDifferentSchedulesEqualSeparateRuns() {
        Ensemble e = Ensemble.builder(ChainProblem.truncatedWigner(
                BoseHubbardChain.builder(3).boundaryDrive(5).build()))
            .trajectories(10).dt(0.01).steps(400).seed(12).build();
        SampleSchedule a = new SampleSchedule(100, 6);
        SampleSchedule b = new SampleSchedule(250, 15);
        Observations both = e.run(Observations.observer(SiteMoments.observer(a, 0, 2),
            SeriesOf.observer(b))).requireSuccess();
        assertEquals(e.run(SiteMoments.observer(a, 0, 2)).requireSuccess(),
            both.get(0, SiteMoments.class));
        assertEquals(e.run(SeriesOf.observer(b)).requireSuccess(),
            both.get(1, SiteSeries.class));
    }

    /** A time series of site 1 at 11 times. */
    private static final class SeriesOf {
        static org.ness4j.sde.ensemble.EnsembleObserver<SiteSeries> observer(SampleSchedule s) {
            return SiteSeries.observer(s, 11, 0.01, 1);
        }
    }
}
