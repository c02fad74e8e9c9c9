package org.ness4j.core.random;

import org.apache.commons.rng.RestorableUniformRandomProvider;
import org.apache.commons.rng.core.source64.Philox4x64;
import org.apache.commons.rng.simple.RandomSource;

/**
 * Reproducible random streams: the stream of trajectory {@code i} depends only on
 * {@code (masterSeed, i)}, never on the thread, tile, batch, shard or order in which
 * trajectories run.
 *
 * <p><b>Construction (stream format 2).</b> The 256-bit state of trajectory {@code i}'s
 * {@link RandomSource#XO_SHI_RO_256_PP XoShiRo256++} generator is one block of the keyed,
 * counter-based Philox4x64-10 generator (Salmon, Moraes, Dror and Shaw, SC11, 2011): the
 * encryption of the counter \( (1, 0, i, 0) \) under the 128-bit key
 * \( (\mathrm{masterSeed}, K) \), where \( K \) is the fixed constant {@link #KEY_DOMAIN}. (It is
 * the first output block of Commons RNG's {@link Philox4x64} seeded with
 * {@code {masterSeed, K, 0, 0, i, 0}}, which increments its counter before encrypting.)
 * <ul>
 *   <li>For one master seed, distinct indices give distinct counters, and Philox encrypts a
 *       counter by a bijection under a fixed key, so distinct trajectories of one ensemble
 *       <em>always</em> start from distinct states.</li>
 *   <li>Seed and index enter through different inputs (key and counter) of a function built to be
 *       indistinguishable from random, so there is no algebraic relation such as the symmetry of
 *       the stream format 1 (there, {@code stream((a + 1) G, b)} equalled
 *       {@code stream((b + 1) G, a)} for the golden-ratio constant {@code G}).</li>
 *   <li>Philox4x64-10 and XoShiRo256++ both pass BigCrush. XoShiRo256++'s period
 *       2<sup>256</sup> - 1 makes overlaps of two streams' sequences over any run here
 *       negligible.</li>
 * </ul>
 *
 * <p><b>Why not Philox for every variate.</b> Philox costs one keyed block per four outputs: in
 * Commons RNG 1.7 about 8.6 ns per 64-bit output against 0.8-1.0 ns for XoShiRo256++ on the
 * project's 2-core AMD EPYC machine (measured 2026-12-07, one JVM per generator; the LXM
 * generator {@code L64_X128_MIX}, made for splitting, 1.7 ns). Gaussian noise already dominates
 * the run time of a chain with loss on every site, so Philox is used once per trajectory, as a
 * keyed hash. XoShiRo256++ is also the generator that can be vectorized across trajectories:
 * its update is 64-bit adds, xors, shifts and rotations only (no 64-bit multiplication, which
 * LXM's linear congruential part and Philox need and which few vector units provide), so a
 * structure-of-arrays implementation that steps many trajectories' states at once can reproduce
 * these streams bit for bit.
 *
 * <p>Thread safety: stateless; the returned generators are not thread-safe (one per
 * trajectory).
 */
public final class TrajectoryStreams {

    /**
     * Version of the stream construction. Format 1 (before 2026-12-07) seeded XoRoShiRo128++
     * from a SplitMix64 hash that was symmetric in (seed, index); format 2 is described in the
     * class documentation. Checkpoints and results record it, since every random number
     * depends on it.
     */
    public static final int FORMAT = 2;

    /**
     * The second word of the Philox key: a fixed domain constant (the ASCII bytes of
     * "ness4jTS"), so that the trajectory streams differ from any other use of Philox keyed by
     * the master seed alone.
     */
    public static final long KEY_DOMAIN = 0x6e657373346a5453L;

    private TrajectoryStreams() {
    }

    /**
     * Creates the generator of one trajectory.
     *
     * @param masterSeed master seed of the whole ensemble (any value)
     * @param index global trajectory index (any value; ensembles use {@code 0, 1, ...})
     * @return a new XoShiRo256++ generator whose output depends only on
     *     {@code (masterSeed, index)}; its state can be saved and restored (checkpoints of
     *     trajectories in flight)
     */
    public static RestorableUniformRandomProvider stream(long masterSeed, long index) {
        return RandomSource.XO_SHI_RO_256_PP.create(seed(masterSeed, index));
    }

    /**
     * The 256-bit XoShiRo256++ state (four longs, never all zero) of trajectory {@code index}:
     * the Philox4x64-10 block described in the class documentation.
     *
     * @param masterSeed master seed of the whole ensemble
     * @param index global trajectory index
     * @return a new four-element state array
     */
    public static long[] seed(long masterSeed, long index) {
        Philox4x64 philox = new Philox4x64(new long[] {masterSeed, KEY_DOMAIN, 0, 0, index, 0});
        long[] s = {philox.nextLong(), philox.nextLong(), philox.nextLong(), philox.nextLong()};
        if ((s[0] | s[1] | s[2] | s[3]) == 0) {
            s[3] = KEY_DOMAIN; // XoShiRo's one forbidden state; probability 2^-256
        }
        return s;
    }
}
