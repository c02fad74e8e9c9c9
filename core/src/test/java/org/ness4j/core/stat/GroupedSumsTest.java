package org.ness4j.core.stat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.stream.LongStream;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class GroupedSumsTest {

    static LongStream seeds() {
        return LongStream.range(0, 25);
    }

    private static GroupedSums random(UniformRandomProvider rng, int width, long[] groups) {
        GroupedSums s = new GroupedSums(width);
        for (long g : groups) {
            double[] v = new double[width];
            for (int i = 0; i < width; i++) {
                v[i] = rng.nextDouble() * 10 - 5;
            }
            s.add(g, 1 + rng.nextInt(5), v);
        }
        return s;
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void combineOfAnySplitEqualsWholeBitForBit(long seed) {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
        int width = 1 + rng.nextInt(4);
        int n = 2 + rng.nextInt(30);
        long[] groups = LongStream.range(0, n).toArray();
        GroupedSums whole = random(RandomSource.XO_RO_SHI_RO_128_PP.create(seed + 100), width,
            groups);
        // the same data, split at a random point and combined in either order
        int cut = 1 + rng.nextInt(n - 1);
        GroupedSums a = random(RandomSource.XO_RO_SHI_RO_128_PP.create(seed + 100), width,
            java.util.Arrays.copyOf(groups, n));
        GroupedSums left = new GroupedSums(width);
        GroupedSums right = new GroupedSums(width);
        UniformRandomProvider data = RandomSource.XO_RO_SHI_RO_128_PP.create(seed + 100);
        for (int k = 0; k < n; k++) {
            GroupedSums one = random(data, width, new long[] {groups[k]});
            (k < cut ? left : right).combine(one);
        }
        GroupedSums ab = new GroupedSums(width).combine(left).combine(right);
        GroupedSums ba = new GroupedSums(width).combine(right).combine(left);
        assertEquals(whole, ab, "seed " + seed);
        assertEquals(whole, ba, "seed " + seed);
        assertEquals(a, whole);
        assertEquals(whole.estimate(m -> m[0] * m[0]), ba.estimate(m -> m[0] * m[0]),
            "seed " + seed);
        assertEquals(whole.estimate(m -> m[0]), ab.estimate(m -> m[0]), "seed " + seed);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void serializationRoundTrip(long seed) throws IOException {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
        GroupedSums s = random(rng, 1 + rng.nextInt(5), LongStream.range(3, 3 + rng.nextInt(9))
            .toArray());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        s.writeTo(new DataOutputStream(bytes));
        GroupedSums r = GroupedSums.readFrom(new DataInputStream(
            new ByteArrayInputStream(bytes.toByteArray())));
        assertEquals(s, r, "seed " + seed);
    }

    @Test
    void truncatedStreamIsDetected() throws IOException {
        GroupedSums s = random(RandomSource.XO_RO_SHI_RO_128_PP.create(5), 3, new long[] {0, 1});
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        s.writeTo(new DataOutputStream(bytes));
        byte[] cut = java.util.Arrays.copyOf(bytes.toByteArray(), bytes.size() - 4);
        assertThrows(IOException.class, () -> GroupedSums.readFrom(
            new DataInputStream(new ByteArrayInputStream(cut))));
    }

    @Test
    void jackknifeOfMeanIsStandardErrorOfEqualGroups() {
        // equal-count groups: the jackknife error of the mean is sd(group means)/sqrt(G)
        GroupedSums s = new GroupedSums(1);
        double[] x = {1.0, 4.0, 2.5, -1.0, 3.0};
        for (int g = 0; g < x.length; g++) {
            s.add(g, 2, new double[] {2 * x[g]});
        }
        double mean = (1.0 + 4.0 + 2.5 - 1.0 + 3.0) / 5;
        double ss = 0;
        for (double v : x) {
            ss += (v - mean) * (v - mean);
        }
        Estimate e = s.estimate(m -> m[0]);
        assertEquals(mean, e.value(), 1e-15);
        assertEquals(Math.sqrt(ss / 4 / 5), e.standardError(), 1e-14);
    }

    @Test
    void leaveOneOutReplicasReproduceTheJackknife() {
        // unequal groups of two quantities; a nonlinear statistic (ratio of the means)
        GroupedSums s = new GroupedSums(3);
        double[][] sums = {{1, 2, 3}, {4, 1, 0.5}, {2.5, 2, 1}, {-1, 3, 2}};
        double[] counts = {2, 3, 1, 4};
        for (int g = 0; g < sums.length; g++) {
            s.add(10 - 3 * g, counts[g], sums[g]); // group indices out of insertion order
        }
        double[][] replicas = s.leaveOneOutMeans(1, 2);
        double[] n = s.leaveOneOutCounts();
        assertEquals(4, replicas.length);
        double[] ratio = new double[replicas.length];
        for (int g = 0; g < replicas.length; g++) {
            ratio[g] = replicas[g][0] / replicas[g][1];
        }
        double[] m = s.means();
        Estimate direct = s.estimate(1, 2, v -> v[0] / v[1]);
        Estimate fromReplicas = Estimate.jackknife(m[1] / m[2], ratio);
        assertEquals(direct.value(), fromReplicas.value(), 0);
        assertEquals(direct.standardError(), fromReplicas.standardError(), 1e-15);
        // group order is index order: index 1 (the last added, 4 samples) comes first
        assertEquals(10 - 4, n[0], 0);
        assertEquals((2 + 1 + 2) / 6.0, replicas[0][0], 1e-15);
        assertEquals((3 + 0.5 + 1) / 6.0, replicas[0][1], 1e-15);
        assertThrows(IllegalArgumentException.class, () -> s.leaveOneOutMeans(2, 2));
        GroupedSums one = new GroupedSums(1);
        one.add(0, 1, new double[] {1});
        assertEquals(0, one.leaveOneOutMeans(0, 1).length);
        assertTrue(Double.isNaN(Estimate.jackknife(1, new double[] {1}).standardError()));
    }

    @Test
    void rejectsNonFiniteAndDuplicateGroups() {
        GroupedSums s = new GroupedSums(2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> s.add(0, 1, new double[] {1, Double.NaN}));
        assertEquals("sums[1] must be finite: NaN", e.getMessage());
        s.add(0, 1, new double[] {1, 2});
        GroupedSums t = new GroupedSums(2);
        t.add(0, 1, new double[] {1, 2});
        assertThrows(IllegalArgumentException.class, () -> s.combine(t));
        assertThrows(IllegalStateException.class, () -> new GroupedSums(1).means());
        assertTrue(Double.isNaN(t.estimate(m -> m[0]).standardError()));
    }
}
