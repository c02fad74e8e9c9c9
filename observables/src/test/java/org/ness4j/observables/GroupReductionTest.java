package org.ness4j.observables;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.stream.LongStream;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.ness4j.core.stat.GroupedSums;
import org.ness4j.sde.ensemble.BatchInfo;

/**
 * The group sums of {@link GroupReduction} (which advances four groups at a time) are bit for bit
 * those of a plain serial sum of every group's lanes in lane order, for random batch sizes,
 * group sizes (groups of one; with and without a partial last group), columns and offsets,
 * and that {@code finish} leaves out exactly the groups holding a diverged trajectory.
 */
class GroupReductionTest {

    static LongStream seeds() {
        return LongStream.range(0, 60);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void sumsEveryGroupInLaneOrder(long seed) {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed + 500);
        int size = 1 + rng.nextInt(300);
        int g = seed % 4 == 0 ? 1 : 1 + rng.nextInt(Math.min(size, 40)); // every fourth: groups of one
        int width = 1 + rng.nextInt(5);
        int offset = rng.nextInt(11);
        int samples = 1 + rng.nextInt(5);
        String shape = "size " + size + ", group " + g + ", width " + width + ", offset " + offset
            + ", samples " + samples + ", seed " + seed;
        GroupReduction r = new GroupReduction(new BatchInfo(0, size, 1, g, 2, 0.01), width);
        int groups = (size + g - 1) / g;
        double[][] reference = new double[groups][width];
        double[] values = new double[offset + size];
        for (int s = 0; s < samples; s++) {
            for (int c = 0; c < width; c++) {
                for (int i = 0; i < values.length; i++) {
                    // wide range of magnitudes, so that the order of additions matters
                    values[i] = (rng.nextDouble() - 0.5) * Math.pow(10, 8 * rng.nextDouble());
                }
                r.add(c, values, offset);
                for (int k = 0; k < groups; k++) {
                    for (int b = k * g; b < Math.min(size, (k + 1) * g); b++) {
                        reference[k][c] += values[offset + b];
                    }
                }
            }
        }
        // a few diverged trajectories: their groups must be left out, the others kept whole
        boolean[] diverged = new boolean[size];
        int bad = rng.nextInt(4);
        for (int i = 0; i < bad; i++) {
            diverged[rng.nextInt(size)] = true;
        }
        GroupedSums target = new GroupedSums(width);
        r.finish(target, diverged, samples);
        java.util.List<Integer> kept = new java.util.ArrayList<>();
        for (int k = 0; k < groups; k++) {
            boolean ok = true;
            for (int b = k * g; b < Math.min(size, (k + 1) * g); b++) {
                ok &= !diverged[b];
            }
            if (ok) {
                kept.add(k);
            }
        }
        shape += ", diverged groups " + (groups - kept.size());
        assertEquals(kept.size(), target.groupCount(), shape);
        if (kept.isEmpty()) {
            return;
        }
        for (int c = 0; c < width; c++) {
            double[] means = target.groupMeans(c);
            for (int j = 0; j < kept.size(); j++) {
                int k = kept.get(j);
                double count = (double) samples * (Math.min(size, (k + 1) * g) - k * g);
                assertEquals(Double.doubleToLongBits(reference[k][c] / count),
                    Double.doubleToLongBits(means[j]),
                    "group " + k + ", column " + c + ": " + reference[k][c] / count + " vs "
                        + means[j] + "; " + shape);
            }
        }
    }

    /**
     * groups x width beyond the largest Java array is refused with a message, where the int
     * product used to overflow (NegativeArraySizeException, or a wrong size) in a worker.
     */
    @org.junit.jupiter.api.Test
    void groupsTimesWidthBeyondTheLargestArrayIsRefused() {
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(
            IllegalArgumentException.class,
            () -> new GroupReduction(new BatchInfo(0, 1000, 1, 1, 2, 0.01), 3_000_000));
        org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("largest Java array")
            && e.getMessage().contains("1000 groups x 3000000"), e.getMessage());
    }

    /** The ensemble refuses such a run before any work, naming the accumulator. */
    @org.junit.jupiter.api.Test
    void anEnsembleWhoseSeriesWouldOverflowAnArrayIsRefusedBeforeWork() {
        org.ness4j.sde.ensemble.Ensemble e = org.ness4j.sde.ensemble.Ensemble.builder(
                AccumulatorContract.CHAIN).trajectories(1000).batchSize(1000).groupSize(1)
            .dt(0.01).steps(1_000_000).build();
        long start = System.nanoTime();
        IllegalArgumentException x = org.junit.jupiter.api.Assertions.assertThrows(
            IllegalArgumentException.class, () -> e.run(SiteSeries.observer(
                new org.ness4j.sde.ensemble.SampleSchedule(0, 1), 1_000_000, 0.01,
                new int[] {0}, 1000)));
        org.junit.jupiter.api.Assertions.assertTrue(System.nanoTime() - start < 10_000_000_000L);
        org.junit.jupiter.api.Assertions.assertTrue(x.getMessage().contains("SiteSeries")
            && x.getMessage().contains("largest Java array"), x.getMessage());
    }
}
