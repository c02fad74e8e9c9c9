package org.ness4j.fitting;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.ness4j.core.chain.BoseHubbardChain;
import org.ness4j.observables.WignerHistogram;
import org.ness4j.sde.chain.ChainProblem;
import org.ness4j.sde.ensemble.Ensemble;
import org.ness4j.sde.ensemble.SampleSchedule;

/**
 * {@link WignerData#of(WignerHistogram, int)} on a histogram from an ensemble run: its
 * jackknife replicas are the histogram's blocks (96 groups of one trajectory in 32 blocks of 3),
 * or one per trajectory with a {@code maxBlocks} of at least the trajectories; the pooled
 * densities are the same either way (integer counts, exact in any grouping).
 */
class WignerDataBlocksTest {

    private static WignerHistogram run(int maxBlocks) {
        BoseHubbardChain chain = BoseHubbardChain.builder(3).boundaryDrive(2).build();
        return Ensemble.builder(ChainProblem.truncatedWigner(chain)).trajectories(96)
            .groupSize(1).threads(2).batchSize(20).dt(0.01).steps(200).seed(5).build()
            .run(WignerHistogram.observer(new SampleSchedule(50, 10), 8, 4.0, new int[] {2},
                maxBlocks)).requireSuccess().clipTolerance(1);
    }

    @Test
    void replicasAreTheHistogramsBlocks() {
        WignerData blocked = WignerData.of(run(WignerHistogram.DEFAULT_BLOCKS), 2);
        WignerData rows = WignerData.of(run(1000), 2);
        assertEquals(32, blocked.replicaCount());
        assertEquals(96, rows.replicaCount());
        assertArrayEquals(rows.densities(), blocked.densities());
        assertEquals(rows.samples(), blocked.samples());
    }
}
