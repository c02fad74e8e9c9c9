package org.ness4j.core.quantum;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ness4j.core.exec.LocalExecutor;
import org.ness4j.core.exec.MergeTool;
import org.ness4j.core.exec.ShardedPlan;
import org.ness4j.core.exec.TrajectoryRange;

/**
 * Sharding of MCWF runs: ranges of trajectories run separately (with global indices), written
 * to bytes and merged in any order give exactly the bytes and estimates of one run; gaps,
 * overlaps and ranges that split a group are refused.
 */
class QuantumTrajectoriesShardingTest {

    static QuantumTrajectories kerr(int threads) {
        DrivenKerrOscillator kerr = DrivenKerrOscillator.of(1.0, 0.5, 1.0, 1.0);
        return QuantumTrajectories.builder(kerr.lindbladian(8), FockSpace.of(8)).endTime(4)
            .window(1, 4).sampleInterval(0.5).trajectories(42).groupSize(4).seed(5)
            .threads(threads).timeResolved(true).build();
    }

    private static void assertSame(QuantumTrajectories.Result a, QuantumTrajectories.Result b) {
        assertEquals(a.range(), b.range());
        assertEquals(a.trajectories(), b.trajectories());
        assertEquals(a.meanJumps(), b.meanJumps());
        assertEquals(a.failures(), b.failures());
        assertEquals(a.photonNumber(0), b.photonNumber(0));
        assertEquals(a.numberFluctuation(0), b.numberFluctuation(0));
        for (int t = 0; t < a.sampleTimes().length; t++) {
            assertEquals(a.photonNumber(0, t), b.photonNumber(0, t), "time index " + t);
        }
    }

    @Test
    void rangesMergedInAnyOrderEqualOneRunBitForBit() {
        QuantumTrajectories q = kerr(2);
        ShardedPlan<QuantumTrajectories.Result> plan = q.plan();
        QuantumTrajectories.Result whole = q.run();
        // the run must be non-trivial for the comparison to mean something
        assertTrue(whole.meanJumps() > 0, "no jumps");
        List<QuantumTrajectories.Result> parts = new ArrayList<>();
        // last range first, a short last range, through bytes
        for (TrajectoryRange r : List.of(new TrajectoryRange(28, 42), new TrajectoryRange(0, 12),
            new TrajectoryRange(12, 28))) {
            parts.add(plan.read(plan.write(kerr(1).run(r, 1))));
        }
        QuantumTrajectories.Result merged = plan.mergeAll(parts);
        assertSame(whole, merged);
        assertArrayEquals(plan.write(whole), plan.write(merged));
        // and through the executor seam
        assertArrayEquals(plan.write(whole),
            plan.write(new LocalExecutor(3).execute(() -> kerr(1).plan(), null)));
    }

    @Test
    void gapOverlapAndSplitGroupAreRefused() {
        QuantumTrajectories q = kerr(1);
        ShardedPlan<QuantumTrajectories.Result> plan = q.plan();
        QuantumTrajectories.Result a = q.run(new TrajectoryRange(0, 12), 1);
        QuantumTrajectories.Result b = q.run(new TrajectoryRange(8, 20), 1);
        QuantumTrajectories.Result c = q.run(new TrajectoryRange(20, 42), 1);
        QuantumTrajectories.Result d = q.run(new TrajectoryRange(16, 42), 1);
        IllegalArgumentException gap = assertThrows(IllegalArgumentException.class,
            () -> plan.mergeAll(List.of(a, c)));
        assertTrue(gap.getMessage().contains("gap: trajectories [12, 20)"), gap.getMessage());
        IllegalArgumentException overlap = assertThrows(IllegalArgumentException.class,
            () -> plan.mergeAll(List.of(a, b, d)));
        assertTrue(overlap.getMessage().contains("overlap"), overlap.getMessage());
        IllegalArgumentException split = assertThrows(IllegalArgumentException.class,
            () -> q.run(new TrajectoryRange(0, 10), 1));
        assertTrue(split.getMessage().contains("splits a statistical group"), split.getMessage());
    }

    @Test
    void mergeToolChecksAndMergesPartFiles(@TempDir Path dir) throws Exception {
        QuantumTrajectories q = kerr(1);
        ShardedPlan<QuantumTrajectories.Result> plan = q.plan();
        Path p1 = dir.resolve("a.part");
        Path p2 = dir.resolve("b.part");
        MergeTool.write(plan, q.run(new TrajectoryRange(0, 20), 1), p1);
        MergeTool.write(plan, q.run(new TrajectoryRange(20, 42), 1), p2);
        assertArrayEquals(plan.write(q.run()), plan.write(MergeTool.merge(plan, List.of(p2, p1))));
        assertEquals(0, MergeTool.run(new String[] {dir.resolve("out").toString(),
            p1.toString(), p2.toString()}));
        assertEquals(1, MergeTool.run(new String[] {dir.resolve("out").toString(),
            p2.toString()}));
        // the command line with the run's plan writes the merged part
        Path out = dir.resolve("merged.part");
        assertEquals(0, MergeTool.run(new String[] {"--plan", KerrPlanSource.class.getName(),
            out.toString(), p2.toString(), p1.toString()}));
        assertArrayEquals(plan.write(q.run()), Files.readAllBytes(out));
        // a part of another run (other seed) is refused
        QuantumTrajectories other = QuantumTrajectories.builder(
            DrivenKerrOscillator.of(1.0, 0.5, 1.0, 1.0).lindbladian(8), FockSpace.of(8))
            .endTime(4).window(1, 4).sampleInterval(0.5).trajectories(42).groupSize(4).seed(6)
            .timeResolved(true).build();
        byte[] foreign = other.plan().write(other.run(new TrajectoryRange(0, 20), 1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> plan.read(foreign));
        assertTrue(e.getMessage().contains("another run"), e.getMessage());
        Files.delete(p1);
    }
}
