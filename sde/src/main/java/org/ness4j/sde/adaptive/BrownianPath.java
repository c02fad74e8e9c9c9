package org.ness4j.sde.adaptive;

import java.util.Objects;
import org.apache.commons.rng.sampling.distribution.NormalizedGaussianSampler;
import org.ness4j.core.Checks;
import org.ness4j.sde.BrownianIncrements;

/**
 * The future of one trajectory's m-channel Brownian path, with memory: rejection sampling with
 * memory (RSwM; Rackauckas and Nie 2017, "Adaptive methods for stochastic differential equations
 * via natural embeddings and rejection sampling with memory", Discrete Contin. Dyn. Syst. B
 * 22(7), 2731-2761) for schemes that need both \( \Delta W \) and
 * \( \Delta Z = \int_t^{t+h}(W(s) - W(t))\,ds \).
 *
 * <p><b>State.</b> The already sampled future is a list of consecutive intervals starting at
 * {@link #time()}, each holding per channel the exact pair \( (\Delta W, \Delta Z) \) of the
 * path over it. {@link #increments(double, double[])} answers a query for \( [t, t+h] \) from
 * this list: whole intervals are combined exactly, an interval straddling \( t+h \) is split by
 * the Brownian bridge of the pair (below), and beyond the list fresh independent values are drawn
 * from the sampler and appended. The query does not consume anything: after a rejected step the
 * solver simply asks again with a smaller \( h \) and the refined intervals stay in the list, so
 * no sampled information is ever discarded (the guarantee of RSwM3; the list plays the role of
 * RSwM's stacks). {@link #advance()} consumes the intervals of the last query after an accepted
 * step.
 *
 * <p><b>Combining</b> ({@link BrownianIncrements}, shared with the schemes and the ensemble's
 * error budget). For consecutive intervals of lengths \( h_1, h_2 \):
 * \( \Delta W = \Delta W_1 + \Delta W_2 \),
 * \( \Delta Z = \Delta Z_1 + \Delta Z_2 + h_2\,\Delta W_1 \) (since
 * \( \int_{t+h_1}^{t+h}(W(s) - W(t))ds = \Delta Z_2 + h_2 \Delta W_1 \)). Over several
 * intervals \( [s_k, s_{k+1}] \subset [t, t+H] \):
 * \( \Delta Z = \sum_k [\Delta Z_k + (t + H - s_{k+1})\,\Delta W_k] \).
 *
 * <p><b>Bridge.</b> Splitting an interval of length h with pair \( (\Delta W, \Delta Z) \) at
 * \( h_1 = qh \) (\( r = 1 - q \)): \( (\Delta W_1, \Delta Z_1) \) is Gaussian with mean
 * \[ E\,\Delta W_1 = q(q - 2r)\,\Delta W + \tfrac{6qr}{h}\,\Delta Z, \qquad
 *    E\,\Delta Z_1 = -q^2 r h\,\Delta W + q^2(q + 3r)\,\Delta Z \]
 * and covariance
 * \[ \mathrm{Var}\,\Delta W_1 = qr(q^2 - qr + r^2)\,h, \quad
 *    \mathrm{Cov}(\Delta W_1, \Delta Z_1) = \tfrac12 q^2 r^2 (r - q)\,h^2, \quad
 *    \mathrm{Var}\,\Delta Z_1 = \tfrac13 q^3 r^3 h^3 \]
 * (Gaussian conditioning of the Markov pair \( (W, \int W) \); determinant
 * \( q^4 r^4 h^4/12 \)); the second part follows from the combining rule. For \( q = 1/2 \) and
 * \( \Delta Z = h\Delta W/2 \) this reduces to the ordinary Brownian bridge mean
 * \( \Delta W/2 \). Tested in {@code BrownianPathTest}.
 *
 * <p><b>Stepper convention.</b> Queries are returned as the two blocks an
 * {@link org.ness4j.sde.SdeStepper} with {@code incrementsPerChannel() == 2} expects for a batch
 * of one: {@code out[j]} \( = \Delta W_j \) and {@code out[m + j]}
 * \( = \xi_j = \sqrt 3\,(2\Delta Z_j / h - \Delta W_j) \), an \( N(0, h) \) variate independent
 * of \( \Delta W_j \), so that \( \Delta Z_j = \tfrac h2(\Delta W_j + \xi_j/\sqrt 3) \).
 *
 * <p>Storage grows by doubling (amortized; no allocation in the steady state). Not thread-safe:
 * one path per trajectory.
 */
public final class BrownianPath {

    private static final double HALF_INV_SQRT3 = 0.5 / Math.sqrt(3);

    private final int m;
    private final NormalizedGaussianSampler gaussian;
    private double time;
    private int size;
    private double[] len;
    private double[] w;
    private double[] z;
    private int pending;
    private double pendingLength;
    private final double[] accW;
    private final double[] accZ;
    private final double[] split = new double[2];
    private boolean recording;
    private int recorded;
    private double[] recLen = new double[0];
    private double[] recW = new double[0];
    private double[] recZ = new double[0];
    private double recStart;
    /**
     * The queries and advances of a recording, in order: a query as {@code h, dW[m], dZ[m]}
     * (h positive), an advance as {@code -count} (the intervals it consumed).
     */
    private double[] tape = new double[0];
    private int tapeLength;
    /** A replay's tape ({@link #replay}), its read position, and whether it still applies. */
    private double[] replayTape;
    private int replayLength;
    private int cursor;
    private boolean following;
    /** The last query was answered from the replay tape (the intervals were not touched). */
    private boolean pendingFromTape;

    /**
     * Creates an empty path starting at {@code t0}.
     *
     * @param channels number of independent Wiener processes, at least 1
     * @param t0 start time, finite
     * @param gaussian standard normal source of this trajectory (used for every fresh value and
     *     bridge)
     */
    public BrownianPath(int channels, double t0, NormalizedGaussianSampler gaussian) {
        this(channels, t0, Objects.requireNonNull(gaussian, "gaussian"), true);
    }

    private BrownianPath(int channels, double t0, NormalizedGaussianSampler gaussian,
                         boolean unused) {
        this.m = Checks.atLeast("channels", channels, 1);
        this.time = Checks.finite("t0", t0);
        this.gaussian = gaussian;
        int cap = 8;
        this.len = new double[cap];
        this.w = new double[cap * m];
        this.z = new double[cap * m];
        this.accW = new double[m];
        this.accZ = new double[m];
    }

    /**
     * A path that starts with given intervals: user-supplied noise, or a replay of a recorded
     * path ({@link #startRecording()}). Queries are answered from these intervals (exactly when
     * they fall on interval boundaries, by the (W, Z) bridge otherwise); beyond the last one the
     * path continues with fresh values from {@code gaussian}.
     *
     * @param channels number of Wiener processes m, at least 1
     * @param t0 start time, finite
     * @param lengths interval lengths, positive and finite (copied)
     * @param dW \( \Delta W \) of interval k and channel j at {@code [k * m + j]} (copied)
     * @param dZ \( \Delta Z = \int (W(s) - W(s_k))ds \) over interval k, same layout (copied)
     * @param gaussian source of bridges and of the continuation, or {@code null} for a path that
     *     is queried on its interval boundaries only and not beyond its end; then any other
     *     query throws {@link IllegalStateException}
     * @return the path
     * @throws IllegalArgumentException if the lengths are inconsistent or a value is not finite
     */
    public static BrownianPath of(int channels, double t0, double[] lengths, double[] dW,
                                  double[] dZ, NormalizedGaussianSampler gaussian) {
        BrownianPath p = new BrownianPath(channels, t0, gaussian, true);
        int k = lengths.length;
        if (dW.length != k * channels || dZ.length != k * channels) {
            throw new IllegalArgumentException("dW and dZ must have lengths.length x channels = "
                + k * channels + " values: " + dW.length + ", " + dZ.length);
        }
        for (int i = 0; i < k; i++) {
            Checks.positive("lengths[" + i + "]", lengths[i]);
        }
        Checks.allFinite("dW", dW);
        Checks.allFinite("dZ", dZ);
        p.ensureCapacity(Math.max(k, 1));
        System.arraycopy(lengths, 0, p.len, 0, k);
        System.arraycopy(dW, 0, p.w, 0, k * channels);
        System.arraycopy(dZ, 0, p.z, 0, k * channels);
        p.size = k;
        return p;
    }

    /**
     * A path through given values of the Wiener processes on a uniform grid,
     * {@code values[j][k]} \( = W_j(t_0 + kh) \) (only differences matter). The integrals
     * \( \Delta Z \) the grid does not determine are drawn from their law given the grid,
     * \( \Delta Z_k = h\Delta W_k/2 + \sqrt{h^3/12}\,g \), so the path is an exact Brownian
     * path through the given values; finer queries are bridged and queries beyond the grid
     * continue with fresh noise, both from {@code gaussian}.
     *
     * @param t0 time of {@code values[j][0]}, finite
     * @param h grid spacing, positive and finite
     * @param values per Wiener process, the values on the grid (at least 2, all of one length,
     *     finite; not modified)
     * @param gaussian standard normal source, not null
     * @return the path
     */
    public static BrownianPath ofWienerValues(double t0, double h, double[][] values,
                                              NormalizedGaussianSampler gaussian) {
        Checks.positive("h", h);
        Objects.requireNonNull(gaussian, "gaussian");
        int m = values.length;
        Checks.atLeast("values.length (channels)", m, 1);
        int points = values[0].length;
        Checks.atLeast("values[0].length (grid points)", points, 2);
        int k = points - 1;
        double[] lengths = new double[k];
        java.util.Arrays.fill(lengths, h);
        double[] dW = new double[k * m];
        double[] dZ = new double[k * m];
        double sd = Math.sqrt(h * h * h / 12);
        for (int j = 0; j < m; j++) {
            if (values[j].length != points) {
                throw new IllegalArgumentException("values[" + j + "] must have " + points
                    + " grid points: " + values[j].length);
            }
            Checks.allFinite("values[" + j + "]", values[j]);
        }
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < m; j++) {
                double dw = values[j][i + 1] - values[j][i];
                dW[i * m + j] = dw;
                dZ[i * m + j] = 0.5 * h * dw + sd * gaussian.sample();
            }
        }
        return of(m, t0, lengths, dW, dZ, gaussian);
    }

    /**
     * Records the path consumed from now on ({@link #advance()}), so that the path a solve used
     * can be read back ({@link #recordedLengths()}, {@link #recordedIncrements()},
     * {@link #recordedIntegrals()}) and replayed: {@link #replay} reproduces the solve bit for
     * bit; {@link #of} of the record gives the same path to another scheme or solve (the record
     * keeps the stored intervals, including the boundaries of rejected trial steps, so an
     * adaptive solve on it takes nearly the same steps, and a fixed-step run whose steps fall on
     * recorded boundaries needs no Gaussian source). Call it before the solve (not between a
     * query and its advance).
     */
    public void startRecording() {
        if (!recording) {
            recStart = time;
        }
        recording = true;
    }

    /**
     * A path that replays this recording bit for bit: a solve on it that asks the same queries
     * in the same order as the recorded solve (same problem, scheme, solver settings and initial
     * state: the adaptive solver is deterministic given its increments) gets the same
     * increments, bit for bit, and therefore takes the same steps and reaches the same states,
     * bit for bit. It holds the recorded intervals ({@link #of}) and, in memory, the sequence of
     * answered queries (each step length with its \( (\Delta W, \Delta Z) \), rejected trial
     * steps included) and advances. From the first query that differs from the recorded one
     * (another scheme, tolerance or start state) it answers from the recorded intervals, exactly
     * consistent with everything answered so far up to rounding (as a path from {@link #of}:
     * bridged, and continued beyond the record, from {@code gaussian}).
     *
     * <p>Why not {@link #of} of the record alone: there a trial step over two recorded
     * intervals sums increments that were one before a later split, so the error estimate and
     * the next step size can differ in the last bits, after which slivers below 1e-12 h get
     * bridged: close (about 1e-8 relative), not exact.
     *
     * @param gaussian source of bridges and of the continuation once the replay leaves the
     *     recorded queries, or {@code null} (then such queries throw
     *     {@link IllegalStateException})
     * @return a new path at the time recording started
     * @throws IllegalStateException if {@link #startRecording()} was not called
     */
    public BrownianPath replay(NormalizedGaussianSampler gaussian) {
        if (!recording) {
            throw new IllegalStateException("replay() needs startRecording() before the solve");
        }
        BrownianPath p = of(m, recStart, recordedLengths(), recordedIncrements(),
            recordedIntegrals(), gaussian);
        p.replayTape = java.util.Arrays.copyOf(tape, tapeLength);
        p.replayLength = tapeLength;
        p.following = true;
        return p;
    }

    /** @return whether this replay ({@link #replay}) has answered every query from its tape */
    public boolean isReplayingExactly() {
        return following;
    }

    /** @return number of recorded intervals (at least one per accepted step) */
    public int recordedIntervals() {
        return recorded;
    }

    /** @return the lengths of the recorded intervals, in order (a copy) */
    public double[] recordedLengths() {
        return java.util.Arrays.copyOf(recLen, recorded);
    }

    /** @return \( \Delta W \) of recorded interval k, channel j at {@code [k * m + j]} (a copy) */
    public double[] recordedIncrements() {
        return java.util.Arrays.copyOf(recW, recorded * m);
    }

    /** @return \( \Delta Z \) of the recorded intervals, same layout (a copy) */
    public double[] recordedIntegrals() {
        return java.util.Arrays.copyOf(recZ, recorded * m);
    }

    /** @return number of channels m */
    public int channels() {
        return m;
    }

    /** @return start of the unconsumed future (the time of the last accepted step's end) */
    public double time() {
        return time;
    }

    /** @return number of stored future intervals (memory held after rejections) */
    public int storedIntervals() {
        return size;
    }

    /**
     * The increments over \( [\mathrm{time}(), \mathrm{time}() + h] \), consistent with every
     * earlier query of this path. Does not advance the path.
     *
     * @param h interval length, positive and finite
     * @param out {@code 2m} values: \( \Delta W_j \) then \( \xi_j \) (see class comment)
     *     (modified)
     */
    public void increments(double h, double[] out) {
        query(h);
        for (int j = 0; j < m; j++) {
            out[j] = accW[j];
            out[m + j] = BrownianIncrements.xi(h, accW[j], accZ[j]);
        }
    }

    private void query(double h) {
        Checks.positive("h", h);
        pendingFromTape = false;
        if (following && cursor < replayLength && replayTape[cursor] == h) {
            // the recorded answer to the same query, bit for bit; intervals untouched
            System.arraycopy(replayTape, cursor + 1, accW, 0, m);
            System.arraycopy(replayTape, cursor + 1 + m, accZ, 0, m);
            cursor += 1 + 2 * m;
            pendingFromTape = true;
            pending = 0;
            pendingLength = h;
        } else {
            following = false;
            intervalQuery(h);
        }
        if (recording) {
            int at = growTape(1 + 2 * m);
            tape[at] = h;
            System.arraycopy(accW, 0, tape, at + 1, m);
            System.arraycopy(accZ, 0, tape, at + 1 + m, m);
        }
    }

    /** Room for {@code k} more tape values; returns where they go. */
    private int growTape(int k) {
        if (tapeLength + k > tape.length) {
            tape = java.util.Arrays.copyOf(tape, Math.max(tapeLength + k,
                Math.max(64, 2 * tape.length)));
        }
        int at = tapeLength;
        tapeLength += k;
        return at;
    }

    /** Answers a query from the stored intervals (bridging and appending as needed). */
    private void intervalQuery(double h) {
        double remaining = h;
        double tol = 1e-12 * h;
        java.util.Arrays.fill(accW, 0.0);
        java.util.Arrays.fill(accZ, 0.0);
        int k = 0;
        double used = 0;
        while (remaining > tol) {
            if (k == size) {
                appendFresh(remaining);
            }
            double l = len[k];
            if (l > remaining + tol) {
                splitInterval(k, remaining);
                l = len[k];
            }
            // append interval k: Z += z_k + l * W_acc ... combining (acc, k)
            int base = k * m;
            for (int j = 0; j < m; j++) {
                accZ[j] = BrownianIncrements.combinedIntegral(accW[j], accZ[j], z[base + j], l);
                accW[j] += w[base + j];
            }
            used += l;
            remaining = h - used;
            k++;
        }
        pending = k;
        pendingLength = h;
    }

    /**
     * The same query returning the pair \( (\Delta W_j, \Delta Z_j) \) directly.
     *
     * @param h interval length, positive and finite
     * @param dW Wiener increments, length m (modified)
     * @param dZ \( \int (W(s) - W(t))\,ds \) per channel, length m (modified)
     */
    public void pairs(double h, double[] dW, double[] dZ) {
        query(h);
        for (int j = 0; j < m; j++) {
            dW[j] = accW[j];
            dZ[j] = accZ[j];
        }
    }

    /**
     * Accepts the interval of the last {@link #increments} query: drops it from the stored
     * future and moves {@link #time()} to its end.
     *
     * @throws IllegalStateException if there was no query since the last advance
     */
    public void advance() {
        if (pendingFromTape) {
            pendingFromTape = false;
            if (following && cursor < replayLength && replayTape[cursor] < 0) {
                // the recorded advance: consume the intervals the recorded solve consumed
                pending = (int) -replayTape[cursor];
                cursor++;
            } else {
                // the replay advances where the recording did not: leave the tape and
                // answer the pending query from the intervals
                following = false;
                intervalQuery(pendingLength);
            }
        }
        if (pending == 0) {
            throw new IllegalStateException("advance() without a preceding increments() query");
        }
        if (recording) {
            int at = growTape(1);
            tape[at] = -pending;
            // the stored intervals themselves, not their combination: every boundary a
            // rejected trial step created stays in the record, so a replay needs no bridge
            if (recorded + pending > recLen.length) {
                int cap = Math.max(recorded + pending, Math.max(16, 2 * recLen.length));
                recLen = java.util.Arrays.copyOf(recLen, cap);
                recW = java.util.Arrays.copyOf(recW, cap * m);
                recZ = java.util.Arrays.copyOf(recZ, cap * m);
            }
            System.arraycopy(len, 0, recLen, recorded, pending);
            System.arraycopy(w, 0, recW, recorded * m, pending * m);
            System.arraycopy(z, 0, recZ, recorded * m, pending * m);
            recorded += pending;
        }
        int rest = size - pending;
        System.arraycopy(len, pending, len, 0, rest);
        System.arraycopy(w, pending * m, w, 0, rest * m);
        System.arraycopy(z, pending * m, z, 0, rest * m);
        size = rest;
        time += pendingLength;
        pending = 0;
    }

    private void requireSampler(String what) {
        if (gaussian == null) {
            throw new IllegalStateException("this given path has no Gaussian source: " + what
                + " at t = " + time + " (give one to BrownianPath.of, or query on the recorded "
                + "interval boundaries only)");
        }
    }

    private void appendFresh(double l) {
        requireSampler("queried beyond its end");
        ensureCapacity(size + 1);
        len[size] = l;
        double sq = Math.sqrt(l);
        double scaleZ = l * sq;
        int base = size * m;
        for (int j = 0; j < m; j++) {
            double g1 = gaussian.sample();
            double g2 = gaussian.sample();
            w[base + j] = sq * g1;
            z[base + j] = scaleZ * (0.5 * g1 + HALF_INV_SQRT3 * g2);
        }
        size++;
    }

    /** Splits interval k at length h1 (0 < h1 < len[k]) into k (length h1) and k+1. */
    private void splitInterval(int k, double h1) {
        requireSampler("queried inside a given interval");
        ensureCapacity(size + 1);
        System.arraycopy(len, k + 1, len, k + 2, size - k - 1);
        System.arraycopy(w, (k + 1) * m, w, (k + 2) * m, (size - k - 1) * m);
        System.arraycopy(z, (k + 1) * m, z, (k + 2) * m, (size - k - 1) * m);
        double h = len[k];
        double h2 = h - h1;
        int first = k * m;
        int second = (k + 1) * m;
        for (int j = 0; j < m; j++) {
            double dw = w[first + j];
            double dz = z[first + j];
            bridge(h, h1, dw, dz, gaussian.sample(), gaussian.sample(), split);
            w[first + j] = split[0];
            z[first + j] = split[1];
            w[second + j] = dw - split[0];
            // dz = combinedIntegral(dW1, dZ1, dZ2, h2) solved for dZ2
            z[second + j] = dz - split[1] - h2 * split[0];
        }
        len[k] = h1;
        len[k + 1] = h2;
        size++;
    }

    private void ensureCapacity(int n) {
        if (n > len.length) {
            int cap = Math.max(n, 2 * len.length);
            len = java.util.Arrays.copyOf(len, cap);
            w = java.util.Arrays.copyOf(w, cap * m);
            z = java.util.Arrays.copyOf(z, cap * m);
        }
    }

    /**
     * One draw of the (W, Z) Brownian bridge: the pair over the first part \( [0, h_1] \) of an
     * interval of length h with known \( (\Delta W, \Delta Z) \), given two independent
     * standard normals (formulas in the class comment).
     *
     * @param h interval length, positive
     * @param h1 length of the first part, in \( (0, h) \)
     * @param dW \( \Delta W \) over the interval
     * @param dZ \( \Delta Z \) over the interval
     * @param g1 standard normal
     * @param g2 standard normal independent of {@code g1}
     * @param out {@code {dW1, dZ1}} (modified, length at least 2)
     */
    public static void bridge(double h, double h1, double dW, double dZ, double g1, double g2,
                              double[] out) {
        double q = h1 / h;
        double r = 1 - q;
        double meanW = q * (q - 2 * r) * dW + 6 * q * r / h * dZ;
        double meanZ = -q * q * r * h * dW + q * q * (q + 3 * r) * dZ;
        double varW = q * r * (q * q - q * r + r * r) * h;
        double cov = 0.5 * q * q * r * r * (r - q) * h * h;
        double l11 = Math.sqrt(varW);
        double l21 = l11 > 0 ? cov / l11 : 0;
        // det = varW varZ - cov^2 = q^4 r^4 h^4 / 12, so l22 = sqrt(det) / l11 (no cancellation)
        double l22 = l11 > 0 ? q * q * r * r * h * h / Math.sqrt(12) / l11 : 0;
        out[0] = meanW + l11 * g1;
        out[1] = meanZ + l21 * g1 + l22 * g2;
    }
}
