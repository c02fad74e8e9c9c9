package org.ness4j.core.random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.api.Test;

class TrajectoryStreamsTest {

    @Test
    void streamDependsOnlyOnSeedAndIndex() {
        UniformRandomProvider a = TrajectoryStreams.stream(42, 7);
        UniformRandomProvider b = TrajectoryStreams.stream(42, 7);
        for (int i = 0; i < 100; i++) {
            assertEquals(a.nextLong(), b.nextLong());
        }
    }

    @Test
    void neighbouringIndicesAndSeedsGiveDistinctStreams() {
        Set<Long> first = new HashSet<>();
        for (long seed = 0; seed < 50; seed++) {
            for (long i = 0; i < 200; i++) {
                first.add(TrajectoryStreams.stream(seed, i).nextLong());
            }
        }
        // 10^4 draws from 2^64 values: a collision has probability ~3e-12
        assertEquals(50 * 200, first.size());
        assertNotEquals(TrajectoryStreams.stream(1, 0).nextLong(),
            TrajectoryStreams.stream(0, 1).nextLong());
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
}
