package org.ness4j.core.random;

import java.util.Arrays;
import org.apache.commons.rng.RandomProviderState;
import org.apache.commons.rng.RestorableUniformRandomProvider;
import org.apache.commons.rng.core.RandomProviderDefaultState;
import org.apache.commons.rng.sampling.distribution.NormalizedGaussianSampler;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.apache.commons.rng.simple.RandomSource;

/**
 * The {@link TrajectoryStreams} of a batch of consecutive trajectories, drawn many at a time:
 * standard Gaussians bit-identical to {@link ZigguratSampler.NormalizedGaussian} on each
 * trajectory's own {@link TrajectoryStreams#stream stream}, at a fraction of the cost.
 *
 * <p><b>Same numbers.</b> Lane {@code b} holds the XoShiRo256++ state of trajectory
 * {@code first + b} (structure of arrays: one {@code long[]} per state word). {@link #fill}
 * advances all lanes by one output in one loop (additions, xors, shifts and rotations only, which
 * HotSpot's C2 vectorizes across lanes), then turns each lane's output into a Gaussian with the
 * fast path of Commons RNG's McFarland ziggurat (about 98.8 % of draws: one table look-up and one
 * multiplication). The rare remaining draws hand the output to the Commons sampler itself,
 * reading further outputs from that lane's state. Every lane therefore consumes its stream in
 * the same order and produces the same doubles as the Commons sampler on
 * {@code TrajectoryStreams.stream(masterSeed, first + b)}, independent of the batch, its size and
 * the thread (tested bit for bit). The fast path's table is not copied: it is read back from the
 * Commons sampler at class initialization (each entry probed with chosen generator outputs and
 * checked); should a Commons release change the algorithm so that the probe fails, every draw
 * takes the Commons sampler (same numbers, slower).
 *
 * <p>{@link #generator(int)} and {@link #sampler(int)} are views of one lane, for code that
 * draws trajectory by trajectory (initial states) and for checkpoints: their saved state has
 * the byte format of Commons RNG's XoShiRo256++ (the checkpoint format is unchanged).
 *
 * <p>Not thread-safe: one per batch and thread.
 */
public final class TrajectoryGaussians {

    /** Layers of the ziggurat that take the fast path (Commons RNG's {@code I_MAX}). */
    private static final int FAST_LAYERS = 253;
    /** Fast-path scale per layer, or {@code null} if it could not be verified. */
    private static final double[] X = probeTable();

    private final int size;
    private final long[] s0;
    private final long[] s1;
    private final long[] s2;
    private final long[] s3;
    /** One output per lane, the raw material of a row. */
    private final long[] out;
    /** Replays a lane's drawn output, then continues its stream: the Commons slow path. */
    private final Lane replay;
    private final NormalizedGaussianSampler slow;

    /**
     * Seeds the streams of trajectories {@code first, ..., first + size - 1}.
     *
     * @param masterSeed master seed of the ensemble
     * @param first global index of the batch's first trajectory (at least 0)
     * @param size number of trajectories (at least 1)
     * @throws IllegalArgumentException if {@code first < 0} or {@code size < 1}
     */
    public TrajectoryGaussians(long masterSeed, long first, int size) {
        if (first < 0) {
            throw new IllegalArgumentException("first must be >= 0, got " + first);
        }
        if (size < 1) {
            throw new IllegalArgumentException("size must be >= 1, got " + size);
        }
        this.size = size;
        this.s0 = new long[size];
        this.s1 = new long[size];
        this.s2 = new long[size];
        this.s3 = new long[size];
        this.out = new long[size];
        for (int b = 0; b < size; b++) {
            long[] s = TrajectoryStreams.seed(masterSeed, first + b);
            s0[b] = s[0];
            s1[b] = s[1];
            s2[b] = s[2];
            s3[b] = s[3];
        }
        this.replay = new Lane(-1);
        this.slow = ZigguratSampler.NormalizedGaussian.of(replay);
    }

    /** @return number of lanes (trajectories) */
    public int size() {
        return size;
    }

    /**
     * Writes {@code rows} rows of {@code scale} times a standard Gaussian for every lane:
     * {@code dst[offset + j * stride + b]} for row {@code j} and lane {@code b}. Lane {@code b}
     * draws its rows in the order {@code j = 0, 1, ...} from its own stream: the values are
     * those of {@code scale * sampler(b).sample()} called row by row.
     *
     * @param scale factor applied to every variate (for example \( \sqrt{dt} \))
     * @param dst destination
     * @param offset index of row 0, lane 0
     * @param rows number of rows (at least 0)
     * @param stride distance between rows (at least {@link #size()})
     * @throws IllegalArgumentException if rows or stride are out of range, or {@code dst} is too
     *     short
     */
    public void fill(double scale, double[] dst, int offset, int rows, int stride) {
        if (rows < 0 || stride < size || offset < 0
            || (rows > 0 && offset + (long) (rows - 1) * stride + size > dst.length)) {
            throw new IllegalArgumentException("rows " + rows + ", stride " + stride
                + " and offset " + offset + " do not fit " + size + " lanes into an array of "
                + dst.length);
        }
        final long[] o = out;
        final double[] x = X;
        for (int j = 0; j < rows; j++) {
            next();
            final int row = offset + j * stride;
            if (x == null) {
                for (int b = 0; b < size; b++) {
                    dst[row + b] = scale * edge(b, o[b]);
                }
                continue;
            }
            for (int b = 0; b < size; b++) {
                final long v = o[b];
                final int i = ((int) v) & 0xff;
                dst[row + b] = scale * (i < FAST_LAYERS ? x[i] * v : edge(b, v));
            }
        }
    }

    /** Advances every lane by one XoShiRo256++ output into {@link #out}. */
    private void next() {
        final long[] a = s0;
        final long[] bb = s1;
        final long[] c = s2;
        final long[] d = s3;
        final long[] o = out;
        for (int b = 0; b < size; b++) {
            final long w0 = a[b];
            final long w1 = bb[b];
            final long w2 = c[b] ^ w0;
            final long w3 = d[b] ^ w1;
            o[b] = Long.rotateLeft(w0 + d[b], 23) + w0;
            a[b] = w0 ^ w3;
            bb[b] = w1 ^ w2;
            c[b] = w2 ^ (w1 << 17);
            d[b] = Long.rotateLeft(w3, 45);
        }
    }

    /** One output of lane b alone (the same update as {@link #next}). */
    private long nextLong(int b) {
        final long w0 = s0[b];
        final long w1 = s1[b];
        final long w2 = s2[b] ^ w0;
        final long w3 = s3[b] ^ w1;
        final long r = Long.rotateLeft(w0 + s3[b], 23) + w0;
        s0[b] = w0 ^ w3;
        s1[b] = w1 ^ w2;
        s2[b] = w2 ^ (w1 << 17);
        s3[b] = Long.rotateLeft(w3, 45);
        return r;
    }

    /** The Commons sampler's result for lane b whose first output is v (already drawn). */
    private double edge(int b, long v) {
        replay.lane = b;
        replay.pending = v;
        replay.hasPending = true;
        double g = slow.sample();
        if (replay.hasPending) {
            throw new IllegalStateException("ziggurat sampler did not draw its first output");
        }
        return g;
    }

    /**
     * A view of lane b's generator: it shares the lane's state (draws from it advance the lane,
     * {@link RestorableUniformRandomProvider#restoreState} sets it).
     *
     * @param b lane, {@code 0 <= b < size()}
     * @return a generator equal, output for output, to the lane's XoShiRo256++ stream
     */
    public RestorableUniformRandomProvider generator(int b) {
        checkLane(b);
        return new Lane(b);
    }

    /**
     * A view of lane b as a Gaussian sampler: the same values as
     * {@code ZigguratSampler.NormalizedGaussian.of(generator(b))}, from the lane's state.
     *
     * @param b lane, {@code 0 <= b < size()}
     * @return a sampler drawing from the lane's stream
     */
    public NormalizedGaussianSampler sampler(int b) {
        checkLane(b);
        final double[] x = X;
        return () -> {
            long v = nextLong(b);
            int i = ((int) v) & 0xff;
            return x != null && i < FAST_LAYERS ? x[i] * v : edge(b, v);
        };
    }

    private void checkLane(int b) {
        if (b < 0 || b >= size) {
            throw new IllegalArgumentException("lane must be in [0, " + size + "), got " + b);
        }
    }

    /** Lane b's generator; with {@code hasPending}, first returns {@code pending}. */
    private final class Lane implements RestorableUniformRandomProvider {
        private int lane;
        private long pending;
        private boolean hasPending;

        Lane(int lane) {
            this.lane = lane;
        }

        @Override
        public long nextLong() {
            if (hasPending) {
                hasPending = false;
                return pending;
            }
            return TrajectoryGaussians.this.nextLong(lane);
        }

        @Override
        public RandomProviderState saveState() {
            RestorableUniformRandomProvider g = RandomSource.XO_SHI_RO_256_PP.create(
                new long[] {s0[lane], s1[lane], s2[lane], s3[lane]});
            return g.saveState();
        }

        @Override
        public void restoreState(RandomProviderState state) {
            byte[] bytes = ((RandomProviderDefaultState) state).getState();
            long[] s = decode(bytes);
            s0[lane] = s[0];
            s1[lane] = s[1];
            s2[lane] = s[2];
            s3[lane] = s[3];
        }
    }

    /**
     * The four state words of a saved XoShiRo256++ state, checked by re-encoding them (the
     * Commons byte format: the words first, in one of the two byte orders, then the cache of
     * the generator's int and boolean outputs, which the streams here never use).
     */
    static long[] decode(byte[] bytes) {
        for (int big = 0; big < 2; big++) {
            if (bytes.length < 32) {
                break;
            }
            long[] s = new long[4];
            for (int w = 0; w < 4; w++) {
                long v = 0;
                for (int k = 0; k < 8; k++) {
                    int shift = big == 1 ? 8 * (7 - k) : 8 * k;
                    v |= (bytes[8 * w + k] & 0xffL) << shift;
                }
                s[w] = v;
            }
            byte[] again = ((RandomProviderDefaultState) RandomSource.XO_SHI_RO_256_PP.create(
                s.clone()).saveState()).getState();
            if (Arrays.equals(again, bytes)) {
                return s;
            }
        }
        throw new IllegalArgumentException("not a saved XoShiRo256++ state with empty caches ("
            + bytes.length + " bytes)");
    }

    /**
     * Reads the fast-path table of Commons RNG's normalized-Gaussian ziggurat: for each layer
     * {@code i < 253} the output {@code 2^62 + i} (which converts to exactly \( 2^{62} \)) must
     * return \( X_i 2^{62} \) from a single draw; each entry is then checked on three more
     * outputs of that layer. Returns null if any check fails.
     */
    private static double[] probeTable() {
        double[] x = new double[FAST_LAYERS];
        Fixed fixed = new Fixed();
        NormalizedGaussianSampler s = ZigguratSampler.NormalizedGaussian.of(fixed);
        long[] extra = {-(1L << 62), 0x123456789abcdef0L, 0x8000000000000000L};
        try {
            return probe(x, fixed, s, extra);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static double[] probe(double[] x, Fixed fixed, NormalizedGaussianSampler s,
                                  long[] extra) {
        for (int i = 0; i < FAST_LAYERS; i++) {
            fixed.set((1L << 62) + i);
            x[i] = s.sample() / 0x1.0p62;
            if (fixed.draws != 1) {
                return null;
            }
            for (long e : extra) {
                long v = (e & ~0xffL) | i;
                fixed.set(v);
                double g = s.sample();
                if (fixed.draws != 1 || Double.doubleToLongBits(g)
                    != Double.doubleToLongBits(x[i] * v)) {
                    return null;
                }
            }
        }
        return x;
    }

    /** A generator that returns a set value once, then fails the probe by counting draws. */
    private static final class Fixed implements org.apache.commons.rng.UniformRandomProvider {
        private long value;
        private int draws;

        void set(long v) {
            value = v;
            draws = 0;
        }

        @Override
        public long nextLong() {
            draws++;
            if (draws > 64) {
                throw new IllegalStateException("probe: sampler keeps drawing");
            }
            return draws == 1 ? value : 0x5555555555555555L * draws;
        }
    }

    /** @return whether the fast path is in use (false only if the Commons probe failed) */
    static boolean fastPath() {
        return X != null;
    }
}
