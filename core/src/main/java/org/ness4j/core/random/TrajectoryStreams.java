package org.ness4j.core.random;

import org.apache.commons.rng.RestorableUniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;

/**
 * Reproducible random streams: the stream of trajectory {@code i} depends only on
 * {@code (masterSeed, i)}, never on the thread, batch or order in which trajectories run.
 *
 * <p>The 128-bit state of a {@link RandomSource#XO_RO_SHI_RO_128_PP} generator is derived from
 * the pair by two rounds of the SplitMix64 finaliser (Steele, Lea and Flood 2014), which maps
 * neighbouring indices to statistically unrelated states. XoRoShiRo128++ passes BigCrush and
 * PractRand, is fast, and its period 2<sup>128</sup> - 1 is far beyond any run here.
 *
 * <p>Thread safety: stateless; the returned generators are not thread-safe (one per
 * trajectory).
 */
public final class TrajectoryStreams {

    private static final long GOLDEN_GAMMA = 0x9e3779b97f4a7c15L;

    private TrajectoryStreams() {
    }

    /**
     * Creates the generator of one trajectory.
     *
     * @param masterSeed master seed of the whole ensemble
     * @param index trajectory index (any value; ensembles use {@code 0, 1, ...})
     * @return a new generator whose output depends only on {@code (masterSeed, index)}; its
     *     state can be saved and restored (checkpoints of trajectories in flight)
     */
    public static RestorableUniformRandomProvider stream(long masterSeed, long index) {
        return RandomSource.XO_RO_SHI_RO_128_PP.create(seed(masterSeed, index));
    }

    /**
     * The 128-bit seed (two longs, never both zero) of trajectory {@code index}.
     *
     * @param masterSeed master seed of the whole ensemble
     * @param index trajectory index
     * @return a new two-element seed array
     */
    public static long[] seed(long masterSeed, long index) {
        long z = mix(masterSeed) ^ mix(index * GOLDEN_GAMMA + GOLDEN_GAMMA);
        long s0 = mix(z + GOLDEN_GAMMA);
        long s1 = mix(z + 2 * GOLDEN_GAMMA);
        if (s0 == 0 && s1 == 0) {
            s1 = GOLDEN_GAMMA;
        }
        return new long[] {s0, s1};
    }

    /**
     * SplitMix64 finaliser ("mix64"): a bijection of the 64-bit integers with good avalanche.
     *
     * @param x input
     * @return mixed value
     */
    static long mix(long x) {
        long z = x;
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
