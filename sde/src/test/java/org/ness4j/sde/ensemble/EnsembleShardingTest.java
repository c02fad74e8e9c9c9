package org.ness4j.sde.ensemble;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.ness4j.core.exec.LocalExecutor;
import org.ness4j.core.exec.TrajectoryRange;

/**
 * Sharded ensembles: ranges of trajectories run separately with global indices, serialized and
 * merged in any order give exactly the statistics of one run; gaps, overlaps, ranges that
 * split a group and an error budget on a part are refused.
 */
class EnsembleShardingTest {

    private static Ensemble.Builder ensemble() {
        return Ensemble.builder(CheckpointKillMain.PROBLEM).trajectories(62).groupSize(2)
            .batchSize(6).threads(2).dt(0.01).steps(300).seed(18);
    }

    private static EnsembleObserver<StateMoments> observer() {
        return StateMoments.observer(CheckpointKillMain.PROBLEM.dimension(),
            new SampleSchedule(100, 50));
    }

    @Test
    void rangesMergedInAnyOrderEqualOneRunBitForBit() {
        EnsembleResult<StateMoments> whole = ensemble().build().run(observer());
        EnsemblePlan<StateMoments> plan = EnsemblePlan.of(ensemble().threads(1).batchSize(4)
            .build(), observer());
        List<EnsemblePlan.Part<StateMoments>> parts = new ArrayList<>();
        for (TrajectoryRange r : List.of(new TrajectoryRange(40, 62), new TrajectoryRange(0, 10),
            new TrajectoryRange(10, 40))) {
            parts.add(plan.read(plan.write(plan.run(r, 1))));
        }
        EnsembleResult<StateMoments> merged = plan.mergeAll(parts).result();
        assertEquals(whole.statistics().sums, merged.statistics().sums);
        assertEquals(whole.completedTrajectories(), merged.completedTrajectories());
        assertEquals(whole.returnCode(), merged.returnCode());
        assertEquals(whole.divergences(), merged.divergences());
        assertEquals(62, merged.provenance().trajectories().orElseThrow());
        // the comparison is not vacuous: every group holds data
        assertEquals(31, merged.statistics().sums.groupCount());
        EnsembleResult<StateMoments> local = EnsemblePlan.execute(new LocalExecutor(2),
            () -> EnsemblePlan.of(ensemble().build(), observer()), null);
        assertEquals(whole.statistics().sums, local.statistics().sums);
    }

    private static byte[] bytes(org.ness4j.core.stat.Accumulator<?> a) {
        try {
            java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream();
            a.writeTo(new java.io.DataOutputStream(b));
            return b.toByteArray();
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    private static EnsembleObserver<Observations> observations() {
        int n = CheckpointKillMain.PROBLEM.dimension();
        return Observations.observer(StateMoments.observer(n, new SampleSchedule(100, 50)),
            StateMoments.observer(n, new SampleSchedule(0, 30)));
    }

    @Test
    void observationsOfSeveralObserversAreShardedBitForBit() {
        EnsembleResult<Observations> whole = ensemble().build().run(observations());
        EnsemblePlan<Observations> plan = EnsemblePlan.of(ensemble().build(), observations());
        List<EnsemblePlan.Part<Observations>> parts = new ArrayList<>();
        for (TrajectoryRange r : List.of(new TrajectoryRange(20, 62),
            new TrajectoryRange(0, 20))) {
            parts.add(plan.read(plan.write(plan.run(r, 2))));
        }
        Observations merged = plan.mergeAll(parts).result().statistics();
        byte[] expected = bytes(whole.statistics());
        org.junit.jupiter.api.Assertions.assertArrayEquals(expected, bytes(merged));
        // the two parts alone differ from the whole: the comparison can fail
        assertTrue(!java.util.Arrays.equals(expected, bytes(parts.get(0).result().statistics())));
    }

    @Test
    void gapsOverlapsSplitGroupsAndPartialErrorBudgetsAreRefused() {
        EnsemblePlan<StateMoments> plan = EnsemblePlan.of(ensemble().build(), observer());
        EnsemblePlan.Part<StateMoments> a = plan.run(new TrajectoryRange(0, 20), 1);
        EnsemblePlan.Part<StateMoments> b = plan.run(new TrajectoryRange(30, 62), 1);
        EnsemblePlan.Part<StateMoments> c = plan.run(new TrajectoryRange(10, 30), 1);
        IllegalArgumentException gap = assertThrows(IllegalArgumentException.class,
            () -> plan.mergeAll(List.of(b, a)));
        assertTrue(gap.getMessage().contains("gap: trajectories [20, 30)"), gap.getMessage());
        IllegalArgumentException overlap = assertThrows(IllegalArgumentException.class,
            () -> plan.mergeAll(List.of(a, b, c)));
        assertTrue(overlap.getMessage().contains("overlap"), overlap.getMessage());
        IllegalArgumentException split = assertThrows(IllegalArgumentException.class,
            () -> ensemble().build().run(observer(), new TrajectoryRange(1, 20)));
        assertTrue(split.getMessage().contains("splits a statistical group"), split.getMessage());
        IllegalArgumentException budget = assertThrows(IllegalArgumentException.class,
            () -> ensemble().errorBudget(8).build().run(observer(), new TrajectoryRange(0, 20)));
        assertTrue(budget.getMessage().contains("error budget"), budget.getMessage());
    }
}
