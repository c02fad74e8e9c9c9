package org.ness4j.core.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Cutting runs into ranges and refusing sets of ranges with a gap or an overlap. */
class ShardsTest {

    static Stream<Arguments> runs() {
        UniformRandomProvider rng = RandomSource.SPLIT_MIX_64.create(18L);
        List<Arguments> a = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            long n = 1 + rng.nextInt(500);
            int align = 1 + rng.nextInt(7);
            int count = 1 + rng.nextInt(12);
            a.add(Arguments.of(n, align, count, rng.nextLong()));
        }
        return a.stream();
    }

    @ParameterizedTest
    @MethodSource("runs")
    void evenSplitsCoverAndAlignAndAnyDefectIsRefused(long n, int align, int count, long seed) {
        String input = "n=" + n + " align=" + align + " count=" + count;
        List<TrajectoryRange> r = Shards.evenly(n, count, align);
        assertTrue(r.size() <= count, input);
        for (TrajectoryRange x : r) {
            Shards.requireShard(x, n, align);
        }
        List<TrajectoryRange> shuffled = new ArrayList<>(r);
        Collections.shuffle(shuffled, new java.util.Random(seed));
        assertEquals(r, Shards.requireCover(shuffled, n), input);
        if (r.size() > 1) {
            List<TrajectoryRange> gap = new ArrayList<>(shuffled);
            gap.remove(0);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Shards.requireCover(gap, n), input);
            assertTrue(e.getMessage().startsWith("gap"), input + ": " + e.getMessage());
        }
        List<TrajectoryRange> overlap = new ArrayList<>(shuffled);
        overlap.add(r.get(r.size() - 1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> Shards.requireCover(overlap, n), input);
        assertTrue(e.getMessage().startsWith("overlap"), input + ": " + e.getMessage());
    }
}
