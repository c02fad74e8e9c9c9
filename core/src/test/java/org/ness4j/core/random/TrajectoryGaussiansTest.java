package org.ness4j.core.random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.stream.Stream;
import org.apache.commons.rng.RestorableUniformRandomProvider;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.core.RandomProviderDefaultState;
import org.apache.commons.rng.sampling.distribution.NormalizedGaussianSampler;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.apache.commons.rng.simple.RandomSource;
import org.hipparchus.distribution.continuous.NormalDistribution;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TrajectoryGaussiansTest {

    @Test
    void fastPathIsInUse() {
        assertTrue(TrajectoryGaussians.fastPath(), "the Commons ziggurat probe failed");
    }

    /**
     * fill is bit-identical to the Commons ziggurat on each trajectory's own stream, drawn row by
     * row; the rows are long enough to reach the sampler's slow path (about 1.2 % of draws).
     */
    @ParameterizedTest
    @MethodSource("shapes")
    void fillEqualsTheCommonsSamplerOnEachStream(long seed, long first, int size, int rows,
                                                 int pad) {
        int stride = size + pad;
        double scale = 0.1;
        TrajectoryGaussians g = new TrajectoryGaussians(seed, first, size);
        double[] dst = new double[3 + rows * stride];
        int half = rows / 2;
        g.fill(scale, dst, 3, half, stride);
        g.fill(scale, dst, 3 + half * stride, rows - half, stride);
        int slow = 0;
        for (int b = 0; b < size; b++) {
            UniformRandomProvider rng = TrajectoryStreams.stream(seed, first + b);
            Counting counting = new Counting(rng);
            NormalizedGaussianSampler ref = ZigguratSampler.NormalizedGaussian.of(counting);
            for (int j = 0; j < rows; j++) {
                long before = counting.draws;
                double expected = scale * ref.sample();
                slow += counting.draws - before > 1 ? 1 : 0;
                assertEquals(Double.doubleToLongBits(expected),
                    Double.doubleToLongBits(dst[3 + j * stride + b]),
                    "seed " + seed + " first " + first + " size " + size + " lane " + b
                        + " row " + j);
            }
            for (int p = 0; p < pad; p++) {
                assertEquals(0.0, dst[3 + size + p], "padding written");
            }
        }
        assertTrue(slow > 0, "no draw took the slow path: test too short");
    }

    /** The lane views (sampler, generator, saved state) continue the same streams. */
    @ParameterizedTest
    @MethodSource("shapes")
    void laneViewsShareTheStreamAndRestore(long seed, long first, int size, int rows, int pad) {
        TrajectoryGaussians g = new TrajectoryGaussians(seed, first, size);
        int b = size / 2;
        RestorableUniformRandomProvider ref = TrajectoryStreams.stream(seed, first + b);
        NormalizedGaussianSampler refGauss = ZigguratSampler.NormalizedGaussian.of(ref);
        NormalizedGaussianSampler lane = g.sampler(b);
        for (int i = 0; i < rows; i++) {
            assertEquals(refGauss.sample(), lane.sample(), "sampler view, draw " + i);
        }
        double[] row = new double[size];
        g.fill(1.0, row, 0, 1, size);
        assertEquals(refGauss.sample(), row[b], "fill after the sampler view");
        assertEquals(ref.nextLong(), g.generator(b).nextLong(), "generator view");
        byte[] saved = ((RandomProviderDefaultState) g.generator(b).saveState()).getState();
        assertArrayEquals(((RandomProviderDefaultState) ref.saveState()).getState(), saved,
            "saved state in the Commons format");
        // restore into another lane: it continues lane b's stream
        int other = (b + 1) % size;
        g.generator(other).restoreState(new RandomProviderDefaultState(saved));
        for (int i = 0; i < 20; i++) {
            g.fill(1.0, row, 0, 1, size);
            double expected = refGauss.sample();
            assertEquals(expected, row[other], "restored lane, draw " + i);
            if (other != b) {
                assertEquals(expected, row[b], "source lane, draw " + i);
            }
        }
    }

    /**
     * The variates are standard normal: mean, variance, fourth moment and the tail fraction
     * beyond 3 within 4.5 standard errors (false failure about 7e-6 each), and the
     * Kolmogorov-Smirnov statistic sqrt(n) D below 1.95 (asymptotic false-failure probability
     * 0.001), on 2^20 draws from 64 trajectories of a fixed seed.
     */
    @Test
    void variatesAreStandardNormal() {
        int size = 64;
        int rows = 1 << 14;
        TrajectoryGaussians g = new TrajectoryGaussians(20261208L, 1000, size);
        double[] v = new double[size * rows];
        g.fill(1.0, v, 0, rows, size);
        int n = v.length;
        double m1 = 0;
        double m2 = 0;
        double m4 = 0;
        long tail = 0;
        for (double x : v) {
            m1 += x;
            m2 += x * x;
            m4 += x * x * x * x;
            tail += Math.abs(x) > 3 ? 1 : 0;
        }
        m1 /= n;
        m2 /= n;
        m4 /= n;
        double z = 4.5;
        assertTrue(Math.abs(m1) < z * Math.sqrt(1.0 / n), "mean " + m1);
        assertTrue(Math.abs(m2 - 1) < z * Math.sqrt(2.0 / n), "variance " + m2);
        assertTrue(Math.abs(m4 - 3) < z * Math.sqrt(96.0 / n), "fourth moment " + m4);
        NormalDistribution normal = new NormalDistribution(0, 1);
        double p3 = 2 * normal.cumulativeProbability(-3);
        assertTrue(Math.abs(tail - n * p3) < z * Math.sqrt(n * p3 * (1 - p3)),
            "tail beyond 3: " + tail + " against " + n * p3);
        Arrays.sort(v);
        double d = 0;
        for (int i = 0; i < n; i++) {
            double f = normal.cumulativeProbability(v[i]);
            d = Math.max(d, Math.max(f - (double) i / n, (double) (i + 1) / n - f));
        }
        assertTrue(Math.sqrt(n) * d < 1.95, "KS sqrt(n) D = " + Math.sqrt(n) * d);
    }

    @Test
    void badArgumentsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new TrajectoryGaussians(1, -1, 4));
        assertThrows(IllegalArgumentException.class, () -> new TrajectoryGaussians(1, 0, 0));
        TrajectoryGaussians g = new TrajectoryGaussians(1, 0, 4);
        assertThrows(IllegalArgumentException.class, () -> g.fill(1, new double[7], 0, 2, 4));
        assertThrows(IllegalArgumentException.class, () -> g.fill(1, new double[8], 0, 2, 3));
        assertThrows(IllegalArgumentException.class, () -> g.sampler(4));
        assertThrows(IllegalArgumentException.class, () -> g.generator(-1));
        assertThrows(IllegalArgumentException.class,
            () -> TrajectoryGaussians.decode(new byte[5]));
    }

    /** Seeded shapes: seed, first trajectory, lanes, rows, row padding. */
    static Stream<Arguments> shapes() {
        UniformRandomProvider r = RandomSource.SPLIT_MIX_64.create(2112L);
        Stream.Builder<Arguments> s = Stream.builder();
        s.add(Arguments.of(0L, 0L, 1, 400, 0));
        for (int k = 0; k < 12; k++) {
            s.add(Arguments.of(r.nextLong(), (long) r.nextInt(100000), 1 + r.nextInt(300),
                100 + r.nextInt(200), r.nextInt(3)));
        }
        return s.build();
    }

    /** Counts the outputs a sampler draws. */
    private static final class Counting implements UniformRandomProvider {
        private final UniformRandomProvider rng;
        private long draws;

        Counting(UniformRandomProvider rng) {
            this.rng = rng;
        }

        @Override
        public long nextLong() {
            draws++;
            return rng.nextLong();
        }
    }
}
