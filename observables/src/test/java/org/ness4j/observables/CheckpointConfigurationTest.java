package org.ness4j.observables;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ness4j.core.chain.BoseHubbardChain;
import org.ness4j.sde.chain.ChainProblem;
import org.ness4j.sde.ensemble.Ensemble;
import org.ness4j.sde.ensemble.SampleSchedule;

/**
 * A checkpoint is not resumed with an observer of other settings (here the sites), even where
 * the sums have the same size: the fingerprint holds the observer's description.
 */
class CheckpointConfigurationTest {

    @Test
    void anObserverWithOtherSitesIsRefusedBeforeWork(@TempDir Path dir) {
        Path file = dir.resolve("run.ckpt");
        Ensemble.Builder b = Ensemble.builder(ChainProblem.truncatedWigner(
                BoseHubbardChain.builder(5).boundaryDrive(3).build()))
            .trajectories(8).batchSize(4).groupSize(2).threads(1).dt(0.01).steps(200).seed(4)
            .checkpoint(file, Duration.ofMillis(1));
        SampleSchedule schedule = new SampleSchedule(100, 10);
        b.build().run(SiteMoments.observer(schedule, 0, 3)).requireSuccess();
        IllegalStateException e = assertThrows(IllegalStateException.class,
            () -> b.build().run(SiteMoments.observer(schedule, 1, 2)));
        assertTrue(e.getMessage().contains("different configuration"), e.getMessage());
    }
}
