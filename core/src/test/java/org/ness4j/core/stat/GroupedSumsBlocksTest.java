package org.ness4j.core.stat;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.LongStream;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Jackknife blocks of {@link GroupedSums}: the fold does not depend on the split. */
class GroupedSumsBlocksTest {

    static LongStream seeds() {
        return LongStream.range(0, 40);
    }

    /** Random group rows: values of very different magnitude, so that the order shows. */
    private static double[][] rows(UniformRandomProvider rng, int groups, int width) {
        double[][] r = new double[groups][width + 1];
        for (int g = 0; g < groups; g++) {
            r[g][0] = 1 + rng.nextInt(3);
            for (int i = 1; i <= width; i++) {
                r[g][i] = (rng.nextDouble() - 0.3) * Math.pow(10, rng.nextInt(12) - 6);
            }
        }
        return r;
    }

    private static void add(GroupedSums s, long group, double[] row) {
        s.add(group, row[0], java.util.Arrays.copyOfRange(row, 1, row.length));
    }

    /**
     * The groups, split into random contiguous parts (batches) that are combined in a random
     * order, give the accumulator (and the estimates) of adding them one by one in group order,
     * bit for bit; and that is the fold of each block's groups in group order.
     */
    @ParameterizedTest
    @MethodSource("seeds")
    void anySplitAndCombineOrderGivesTheSameBlocks(long seed) {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
        int width = 1 + rng.nextInt(4);
        int groups = 2 + rng.nextInt(60);
        int perBlock = 2 + rng.nextInt(7);
        double[][] r = rows(rng, groups, width);
        GroupedSums whole = new GroupedSums(width, perBlock);
        for (int g = 0; g < groups; g++) {
            add(whole, g, r[g]);
        }
        List<GroupedSums> parts = new ArrayList<>();
        for (int g = 0; g < groups; ) {
            int size = 1 + rng.nextInt(10);
            GroupedSums p = new GroupedSums(width, perBlock);
            for (int k = g; k < Math.min(groups, g + size); k++) {
                add(p, k, r[k]);
            }
            parts.add(p);
            g += size;
        }
        Collections.shuffle(parts, new java.util.Random(seed));
        GroupedSums combined = new GroupedSums(width, perBlock);
        for (GroupedSums p : parts) {
            combined.combine(p);
        }
        assertEquals(whole, combined, "seed " + seed);
        int blocks = (groups + perBlock - 1) / perBlock;
        assertEquals(blocks, combined.groupCount(), "seed " + seed);
        // block means: the left fold of the block's rows in group order
        double[] means = combined.groupMeans(0);
        for (int b = 0; b < blocks; b++) {
            double count = 0;
            double sum = 0;
            for (int g = b * perBlock; g < Math.min(groups, (b + 1) * perBlock); g++) {
                count += r[g][0];
                sum += r[g][1];
            }
            assertEquals(sum / count, means[b], 0.0, "seed " + seed + ", block " + b);
        }
        assertEquals(whole.estimate(m -> m[0] / (1 + m[0] * m[0])),
            combined.estimate(m -> m[0] / (1 + m[0] * m[0])), "seed " + seed);
    }

    /** A group never added (left out after a divergence) is skipped within its block. */
    @ParameterizedTest
    @MethodSource("seeds")
    void aMissingGroupIsSkippedWhateverTheOrder(long seed) {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed + 1000);
        int width = 2;
        int groups = 8 + rng.nextInt(20);
        int perBlock = 3;
        int missing = rng.nextInt(groups);
        double[][] r = rows(rng, groups, width);
        List<Integer> order = new ArrayList<>();
        for (int g = 0; g < groups; g++) {
            if (g != missing) {
                order.add(g);
            }
        }
        GroupedSums ordered = new GroupedSums(width, perBlock);
        for (int g : order) {
            add(ordered, g, r[g]);
        }
        Collections.shuffle(order, new java.util.Random(seed));
        GroupedSums shuffled = new GroupedSums(width, perBlock);
        for (int g : order) {
            GroupedSums one = new GroupedSums(width, perBlock);
            add(one, g, r[g]);
            shuffled.combine(one);
        }
        assertEquals(ordered, shuffled, "seed " + seed);
        assertArrayEquals(ordered.means(), shuffled.means(), "seed " + seed);
        assertEquals(ordered.estimate(m -> m[1]), shuffled.estimate(m -> m[1]), "seed " + seed);
        double count = 0;
        for (int g = 0; g < groups; g++) {
            count += g == missing ? 0 : r[g][0];
        }
        assertEquals(count, shuffled.sampleCount(), 0.0, "seed " + seed);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void serializationRoundTripWithPendingRows(long seed) throws IOException {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed + 2000);
        int groups = 3 + rng.nextInt(30);
        double[][] r = rows(rng, groups, 3);
        GroupedSums s = new GroupedSums(3, 4);
        for (int g = 0; g < groups; g++) {
            if (rng.nextInt(4) != 0) { // gaps leave rows pending
                add(s, g, r[g]);
            }
        }
        if (s.groupCount() == 0) {
            add(s, 0, r[0]);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        s.writeTo(new DataOutputStream(bytes));
        GroupedSums back = GroupedSums.readFrom(new DataInputStream(
            new ByteArrayInputStream(bytes.toByteArray())));
        assertEquals(s, back, "seed " + seed);
        byte[] cut = java.util.Arrays.copyOf(bytes.toByteArray(), bytes.size() - 3);
        assertThrows(IOException.class, () -> GroupedSums.readFrom(
            new DataInputStream(new ByteArrayInputStream(cut))));
    }

    @Test
    void overlapsAndMismatchesAreRefused() {
        GroupedSums a = new GroupedSums(1, 4);
        a.add(0, 1, new double[] {1});
        a.add(5, 1, new double[] {1});
        assertThrows(IllegalArgumentException.class, () -> a.add(0, 1, new double[] {2}));
        assertThrows(IllegalArgumentException.class, () -> a.add(5, 1, new double[] {2}));
        GroupedSums b = new GroupedSums(1, 4);
        b.add(5, 1, new double[] {3});
        assertThrows(IllegalArgumentException.class, () -> a.combine(b));
        GroupedSums c = new GroupedSums(1, 4);
        c.add(0, 1, new double[] {3});
        assertThrows(IllegalArgumentException.class, () -> a.combine(c));
        assertThrows(IllegalArgumentException.class, () -> a.combine(new GroupedSums(1, 2)));
        assertThrows(IllegalArgumentException.class, () -> a.combine(new GroupedSums(1)));
        // a refused combine leaves the accumulator unchanged
        assertEquals(2.0, a.sampleCount(), 0.0);
    }

    @Test
    void groupsPerBlockBoundsTheBlockCount() {
        for (long groups : new long[] {1, 2, 31, 32, 33, 64, 1000, 1_000_000_007L}) {
            int perBlock = GroupedSums.groupsPerBlock(groups, 32);
            long blocks = (groups + perBlock - 1) / perBlock;
            assertEquals(true, blocks <= 32 && blocks >= Math.min(groups, 16),
                groups + " groups: " + blocks + " blocks of " + perBlock);
        }
        assertEquals(1, GroupedSums.groupsPerBlock(20, 32));
    }
}
