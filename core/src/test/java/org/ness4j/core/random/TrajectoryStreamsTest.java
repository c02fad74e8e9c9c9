package org.ness4j.core.random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.apache.commons.rng.RestorableUniformRandomProvider;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TrajectoryStreamsTest {

    private static final long GOLDEN_GAMMA = 0x9e3779b97f4a7c15L;

    @Test
    void streamDependsOnlyOnSeedAndIndex() {
        UniformRandomProvider a = TrajectoryStreams.stream(42, 7);
        UniformRandomProvider b = TrajectoryStreams.stream(42, 7);
        for (int i = 0; i < 100; i++) {
            assertEquals(a.nextLong(), b.nextLong());
        }
    }

    /**
     * The state is the Philox4x64-10 block of counter (1, 0, index, 0) under the key
     * (seed, KEY_DOMAIN), computed here from the published round function; the reference itself
     * is checked against Random123's known-answer vector (zero key and counter).
     */
    @ParameterizedTest
    @MethodSource("seededPairs")
    void stateIsThePhiloxBlockOfTheIndexUnderTheSeed(long seed, long index) {
        assertArrayEquals(philox(new long[] {1, 0, index, 0},
                new long[] {seed, TrajectoryStreams.KEY_DOMAIN}),
            TrajectoryStreams.seed(seed, index), "seed " + seed + ", index " + index);
        UniformRandomProvider expected =
            RandomSource.XO_SHI_RO_256_PP.create(TrajectoryStreams.seed(seed, index));
        UniformRandomProvider actual = TrajectoryStreams.stream(seed, index);
        for (int i = 0; i < 8; i++) {
            assertEquals(expected.nextLong(), actual.nextLong());
        }
    }

    @Test
    void philoxReferenceMatchesRandom123KnownAnswer() {
        assertArrayEquals(new long[] {0x16554d9eca36314cL, 0xdb20fe9d672d0fdcL,
                0xd7e772cee186176bL, 0x7e68b68aec7ba23bL},
            philox(new long[4], new long[2]));
    }

    /** Seeds and indices from a seeded generator, plus the extremes. */
    static Stream<Arguments> seededPairs() {
        UniformRandomProvider rng = RandomSource.SPLIT_MIX_64.create(20261207L);
        List<Arguments> out = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            out.add(Arguments.of(rng.nextLong(), rng.nextLong(1_000_000)));
        }
        out.add(Arguments.of(Long.MIN_VALUE, Long.MAX_VALUE));
        out.add(Arguments.of(-1L, -1L));
        out.add(Arguments.of(0L, 0L));
        return out.stream();
    }

    /**
     * Distinct (seed, index) pairs over a 1000 x 1000 grid give distinct first outputs. 10^6
     * draws from 2^64 values collide with probability 10^12 / 2^65 = 3e-8.
     */
    @Test
    void gridOfSeedsAndIndicesGivesDistinctStreams() {
        int n = 1000;
        long[] first = new long[n * n];
        for (int s = 0; s < n; s++) {
            for (int i = 0; i < n; i++) {
                first[s * n + i] = TrajectoryStreams.stream(s, i).nextLong();
            }
        }
        long[] sorted = first.clone();
        Arrays.sort(sorted);
        for (int k = 1; k < sorted.length; k++) {
            if (sorted[k] == sorted[k - 1]) {
                int a = indexOf(first, sorted[k], 0);
                int b = indexOf(first, sorted[k], a + 1);
                throw new AssertionError("(seed " + a / n + ", index " + a % n + ") and (seed "
                    + b / n + ", index " + b % n + ") start with the same output");
            }
        }
    }

    private static int indexOf(long[] a, long v, int from) {
        for (int k = from; k < a.length; k++) {
            if (a[k] == v) {
                return k;
            }
        }
        return -1;
    }

    /**
     * Pairs built to collide under simple seed/index mixing: the golden-ratio pairs on which the
     * stream format 1 collided (stream((a + 1) G, b) == stream((b + 1) G, a)), swapped seed and
     * index, seeds one bit apart, and seed/index offsets that cancel in a sum or a xor.
     */
    @Test
    void adversarialPairsGiveDistinctStreams() {
        for (long a = 0; a < 20; a++) {
            for (long b = 0; b < 20; b++) {
                if (a == b) {
                    continue;
                }
                assertDistinct((a + 1) * GOLDEN_GAMMA, b, (b + 1) * GOLDEN_GAMMA, a);
                assertDistinct(a, b, b, a);
                assertDistinct(a + b, 0, a, b);
                assertDistinct(a ^ b, 0, 0, a ^ b);
                assertDistinct(a - b, b, a, 0);
            }
        }
        for (int bit = 0; bit < 64; bit++) {
            assertDistinct(0, 5, 1L << bit, 5);
            assertDistinct(7, 0, 7, 1L << bit);
            assertDistinct(1L << bit, 0, 0, 1L << bit);
        }
    }

    private static void assertDistinct(long seedA, long indexA, long seedB, long indexB) {
        if (seedA == seedB && indexA == indexB) {
            return; // the same pair (e.g. a + b with b = 0)
        }
        UniformRandomProvider a = TrajectoryStreams.stream(seedA, indexA);
        UniformRandomProvider b = TrajectoryStreams.stream(seedB, indexB);
        boolean same = a.nextLong() == b.nextLong() && a.nextLong() == b.nextLong();
        assertTrue(!same, "stream(" + seedA + ", " + indexA + ") equals stream(" + seedB + ", "
            + indexB + ")");
    }

    /**
     * Neighbouring indices (and neighbouring seeds) are uncorrelated: the Pearson correlation r
     * of the first K = 1024 uniforms of streams i and i + 1, for 400 neighbours, gives
     * z = r sqrt(K), independent and standard normal to O(1/K) for independent streams. The test
     * checks sum z^2 (chi-square with 400 degrees of freedom: mean 400, sd 28.3) within 5 sd and
     * the mean of z (sd 1/20) within 5 sd: false-failure probability about 1e-6.
     */
    @ParameterizedTest
    @MethodSource("neighbours")
    void neighbouringStreamsAreUncorrelated(String what, long seedStep, long indexStep) {
        int k = 1024;
        int pairs = 400;
        double sumZ = 0;
        double sumZ2 = 0;
        for (int p = 0; p < pairs; p++) {
            long seed = 977 + p * seedStep;
            long index = 31 + p * indexStep;
            double r = correlation(TrajectoryStreams.stream(seed, index),
                TrajectoryStreams.stream(seed + seedStep, index + indexStep), k);
            double z = r * Math.sqrt(k);
            sumZ += z;
            sumZ2 += z * z;
        }
        double sd = Math.sqrt(2.0 * pairs);
        assertTrue(Math.abs(sumZ2 - pairs) < 5 * sd, what + ": sum z^2 = " + sumZ2);
        assertTrue(Math.abs(sumZ / pairs) < 5 / Math.sqrt(pairs), what + ": mean z = "
            + sumZ / pairs);
    }

    static Stream<Arguments> neighbours() {
        return Stream.of(Arguments.of("neighbouring indices", 0L, 1L),
            Arguments.of("neighbouring seeds", 1L, 0L));
    }

    private static double correlation(UniformRandomProvider a, UniformRandomProvider b, int k) {
        double sa = 0;
        double sb = 0;
        double saa = 0;
        double sbb = 0;
        double sab = 0;
        for (int i = 0; i < k; i++) {
            double x = a.nextDouble();
            double y = b.nextDouble();
            sa += x;
            sb += y;
            saa += x * x;
            sbb += y * y;
            sab += x * y;
        }
        double cov = sab - sa * sb / k;
        return cov / Math.sqrt((saa - sa * sa / k) * (sbb - sb * sb / k));
    }

    @Test
    void firstOutputsOfConsecutiveStreamsAreUniform() {
        // mean of 10^4 uniforms is 1/2 with sd 1/sqrt(12e4) = 0.0029; 5 sd: false-failure 6e-7
        double sum = 0;
        int n = 10_000;
        for (int i = 0; i < n; i++) {
            sum += TrajectoryStreams.stream(123, i).nextDouble();
        }
        assertTrue(Math.abs(sum / n - 0.5) < 5 * Math.sqrt(1.0 / (12.0 * n)), "mean " + sum / n);
    }

    @Test
    void stateCanBeSavedAndRestored() {
        RestorableUniformRandomProvider a = TrajectoryStreams.stream(3, 4);
        a.nextLong();
        var saved = a.saveState();
        long next = a.nextLong();
        RestorableUniformRandomProvider b = TrajectoryStreams.stream(9, 9);
        b.restoreState(saved);
        assertEquals(next, b.nextLong());
        assertNotEquals(TrajectoryStreams.stream(1, 0).nextLong(),
            TrajectoryStreams.stream(0, 1).nextLong());
    }

    /**
     * Philox4x64-10 (Salmon et al., SC11), written from the published round function: ten rounds
     * of two 64 x 64 -> 128-bit products with the multipliers 0xD2E7470EE14C6C93 and
     * 0xCA5A826395121157, the key bumped by the Weyl constants 0x9E3779B97F4A7C15 and
     * 0xBB67AE8584CAA73B.
     */
    private static long[] philox(long[] counter, long[] key) {
        long c0 = counter[0];
        long c1 = counter[1];
        long c2 = counter[2];
        long c3 = counter[3];
        long k0 = key[0];
        long k1 = key[1];
        final long m0 = 0xD2E7470EE14C6C93L;
        final long m1 = 0xCA5A826395121157L;
        for (int r = 0; r < 10; r++) {
            long hi0 = unsignedMultiplyHigh(m0, c0);
            long lo0 = m0 * c0;
            long hi1 = unsignedMultiplyHigh(m1, c2);
            long lo1 = m1 * c2;
            long n0 = hi1 ^ c1 ^ k0;
            long n2 = hi0 ^ c3 ^ k1;
            c0 = n0;
            c1 = lo1;
            c2 = n2;
            c3 = lo0;
            k0 += 0x9E3779B97F4A7C15L;
            k1 += 0xBB67AE8584CAA73BL;
        }
        return new long[] {c0, c1, c2, c3};
    }

    /** Unsigned high word of a 64 x 64-bit product (Math.unsignedMultiplyHigh is Java 18+). */
    private static long unsignedMultiplyHigh(long a, long b) {
        return Math.multiplyHigh(a, b) + ((a >> 63) & b) + ((b >> 63) & a);
    }
}
