package org.ness4j.observables;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;
import java.util.Objects;
import org.ness4j.core.Checks;
import org.ness4j.core.stat.Accumulator;
import org.ness4j.core.stat.Estimate;
import org.ness4j.core.stat.GroupedSums;
import org.ness4j.core.table.Table;
import org.ness4j.core.table.Tabular;
import org.ness4j.sde.ensemble.BatchInfo;
import org.ness4j.sde.ensemble.BatchObserver;
import org.ness4j.sde.ensemble.EnsembleObserver;
import org.ness4j.sde.ensemble.SampleSchedule;

/**
 * Equal-time two-site correlations from Wigner samples (paper 000, Methods table and Eq. 7):
 * \( \langle a_k^\dagger a_\ell\rangle = \langle\alpha_k^*\alpha_\ell\rangle - \delta_{k\ell}/2 \)
 * and the first-order coherence \( g^{(1)}_{k,\ell} = \langle a_k^\dagger a_\ell\rangle /
 * \sqrt{n_k n_\ell} \), for a list of site pairs (e.g. a reference site against the whole chain,
 * {@link #reference}).
 *
 * <p>Per pair the accumulator keeps \( \mathrm{Re}, \mathrm{Im}\,\alpha_k^*\alpha_\ell \),
 * \( |\alpha_k|^2 \) and \( |\alpha_\ell|^2 \): 4 doubles per pair and jackknife block (an
 * ensemble run folds its groups into at most {@link #DEFAULT_BLOCKS} blocks of consecutive
 * groups, a number that depends only on the run's trajectories and group size, so that the
 * result is bit-identical for any thread count and batch size;
 * {@link #observer(SampleSchedule, Correlations, int)} sets another bound), and as many per
 * group of a running batch. Filled with {@link #accept}, it keeps one row per group. Errors are
 * jackknife errors over the blocks. Not thread-safe.
 */
public final class Correlations implements Accumulator<Correlations>, Tabular {

    /** Most jackknife blocks of an ensemble run by default. */
    public static final int DEFAULT_BLOCKS = 32;
    /** Serialization tag; "Correlations" (still readable) before jackknife blocks. */
    private static final String TAG = "Correlations2";
    private static final int WIDTH = 4;
    private final int[] first;
    private final int[] second;
    private final GroupedSums sums;

    private Correlations(int[] first, int[] second, GroupedSums sums) {
        this.first = first;
        this.second = second;
        this.sums = sums;
    }

    /**
     * An empty accumulator for the pairs {@code (k[i], l[i])}.
     *
     * @param k first sites (not modified)
     * @param l second sites, same length (not modified)
     * @return a new accumulator
     */
    public static Correlations of(int[] k, int[] l) {
        if (k.length != l.length || k.length == 0) {
            throw new IllegalArgumentException("pair lists must be non-empty and of equal "
                + "length: " + k.length + ", " + l.length);
        }
        for (int i = 0; i < k.length; i++) {
            Checks.atLeast("k[" + i + "]", k[i], 0);
            Checks.atLeast("l[" + i + "]", l[i], 0);
        }
        return new Correlations(k.clone(), l.clone(), new GroupedSums(WIDTH * k.length));
    }

    /**
     * Pairs {@code (reference, l)} for every given site l.
     *
     * @param reference the reference site k
     * @param sites the sites l (not modified)
     * @return a new accumulator
     */
    public static Correlations reference(int reference, int... sites) {
        int[] k = new int[sites.length];
        Arrays.fill(k, reference);
        return of(k, sites);
    }

    /**
     * The observer filling an accumulator configured like {@code template}.
     *
     * @param schedule when to sample
     * @param template an empty accumulator fixing the pairs
     * @return the observer
     */
    public static EnsembleObserver<Correlations> observer(SampleSchedule schedule,
                                                          Correlations template) {
        return observer(schedule, template, DEFAULT_BLOCKS);
    }

    /**
     * The observer with at most {@code maxBlocks} jackknife blocks in an ensemble run: the
     * groups are folded into blocks of consecutive groups (a number that depends on the run's
     * trajectories and group size only, {@link EnsembleObserver#forRun}; results are
     * bit-identical for any thread count and batch size). A {@code maxBlocks} of at least the
     * number of groups keeps one row per group.
     *
     * @param schedule when to sample
     * @param template an accumulator fixing the pairs (only its pairs are used)
     * @param maxBlocks most jackknife blocks, at least 2
     * @return the observer
     */
    public static EnsembleObserver<Correlations> observer(SampleSchedule schedule,
                                                          Correlations template, int maxBlocks) {
        Objects.requireNonNull(template, "template");
        int[] k = template.first;
        int[] l = template.second;
        int width = template.sums.width();
        return Blocked.map("Correlations", schedule, maxBlocks, width,
            perBlock -> new Correlations(k, l, new GroupedSums(width, perBlock)),
            (empty, info) -> empty.new Batch(info), Correlations::readFrom, batch -> 0);
    }

    /** An empty accumulator configured as this one. */
    private Correlations emptyCopy() {
        return new Correlations(first, second,
            new GroupedSums(sums.width(), sums.groupsPerBlock()));
    }

    /**
     * Adds one sample to a group.
     *
     * @param group group index
     * @param field {@code {Re alpha_0, Im alpha_0, Re alpha_1, ...}} of the whole chain
     *     (not modified)
     */
    public void accept(long group, double[] field) {
        Checks.allFinite("field", field);
        requirePairsInside(field.length, "a field");
        double[] row = new double[sums.width()];
        for (int p = 0; p < first.length; p++) {
            double kr = field[2 * first[p]];
            double ki = field[2 * first[p] + 1];
            double lr = field[2 * second[p]];
            double li = field[2 * second[p] + 1];
            row[WIDTH * p] = kr * lr + ki * li;
            row[WIDTH * p + 1] = kr * li - ki * lr;
            row[WIDTH * p + 2] = kr * kr + ki * ki;
            row[WIDTH * p + 3] = lr * lr + li * li;
        }
        sums.add(group, 1, row);
    }

    /**
     * @param components real components of the field or state (two per site)
     * @param what "a field" or "a state", for the message
     * @throws IllegalArgumentException naming the first pair with a site outside
     */
    private void requirePairsInside(int components, String what) {
        for (int p = 0; p < first.length; p++) {
            if (2 * Math.max(first[p], second[p]) + 1 >= components) {
                throw new IllegalArgumentException("pair (" + first[p] + ", " + second[p]
                    + ") is outside " + what + " of " + components / 2 + " sites");
            }
        }
    }

    private int slot(int k, int l) {
        for (int p = 0; p < first.length; p++) {
            if (first[p] == k && second[p] == l) {
                return WIDTH * p;
            }
        }
        throw new IllegalArgumentException("pair (" + k + ", " + l + ") is not observed");
    }

    /**
     * @param k first site
     * @param l second site
     * @return \( \mathrm{Re}\langle a_k^\dagger a_\ell\rangle \)
     */
    public Estimate correlationRe(int k, int l) {
        double diag = k == l ? 0.5 : 0.0;
        return sums.estimate(slot(k, l), WIDTH, m -> m[0] - diag);
    }

    /**
     * @param k first site
     * @param l second site
     * @return \( \mathrm{Im}\langle a_k^\dagger a_\ell\rangle \)
     */
    public Estimate correlationIm(int k, int l) {
        return sums.estimate(slot(k, l), WIDTH, m -> m[1]);
    }

    /**
     * @param k first site
     * @param l second site
     * @return \( |g^{(1)}_{k,\ell}| = |\langle a_k^\dagger a_\ell\rangle| / \sqrt{n_k n_\ell} \)
     */
    public Estimate g1Abs(int k, int l) {
        double diag = k == l ? 0.5 : 0.0;
        return sums.estimate(slot(k, l), WIDTH, m ->
            Math.hypot(m[0] - diag, m[1]) / Math.sqrt((m[2] - 0.5) * (m[3] - 0.5)));
    }

    @Override
    public Correlations combine(Correlations other) {
        if (!Arrays.equals(first, other.first) || !Arrays.equals(second, other.second)) {
            throw new IllegalArgumentException("cannot combine different pair lists");
        }
        sums.combine(other.sums);
        return this;
    }

    @Override
    public void writeTo(DataOutput out) throws IOException {
        out.writeUTF(TAG);
        out.writeInt(first.length);
        for (int p = 0; p < first.length; p++) {
            out.writeInt(first[p]);
            out.writeInt(second[p]);
        }
        sums.writeTo(out);
    }

    /**
     * Reads an accumulator written by {@link #writeTo}.
     *
     * @param in source
     * @return the accumulator
     * @throws IOException if reading fails or the data is not a {@code Correlations}: a wrong
     *     tag, a pair count below 1 or above 2^24, a negative site, group sums whose width does
     *     not match the pairs, or corrupt group sums
     */
    public static Correlations readFrom(DataInput in) throws IOException {
        Formats.readTag(in, TAG, "Correlations");
        int n = in.readInt();
        int[][] pairs = Formats.readPairs(in, n);
        int[] k = pairs[0];
        int[] l = pairs[1];
        GroupedSums g = GroupedSums.readFrom(in);
        if (g.width() != WIDTH * n) {
            throw new IOException("corrupt Correlations: width " + g.width());
        }
        return new Correlations(k, l, g);
    }

    /**
     * Doubles stored per trajectory group or jackknife block (for the ensemble's memory
     * estimate).
     *
     * @return the sums and the sample count of one group
     */
    @Override
    public long valuesPerGroup() {
        return sums.valuesPerGroup();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Correlations && Arrays.equals(first, ((Correlations) o).first)
            && Arrays.equals(second, ((Correlations) o).second)
            && sums.equals(((Correlations) o).sums);
    }

    @Override
    public int hashCode() {
        return Objects.hash(Arrays.hashCode(first), Arrays.hashCode(second), sums);
    }

    private final class Batch extends ReducingBatch<Correlations> {

        Batch(BatchInfo info) {
            super(info, Correlations.this.sums.width());
            requirePairsInside(info.dimension(), "a state");
        }

        /**
         * Adds the four products of every pair straight into the group sums, lane by lane in
         * lane order (the same sums as one {@code GroupReduction.add} per column, without
         * storing and reloading four rows of products: 1.4-1.7x faster). With groups of one
         * trajectory the sums of a column are one per-lane row, updated in a plain lane loop.
         */
        @Override
        public void observe(long step, double t, double[] x) {
            final int lanes = info.lanes();
            final double[] s = reduction.sums();
            final int groups = reduction.groups();
            final boolean single = info.groupSize() == 1;
            for (int p = 0; p < first.length; p++) {
                final int kr = 2 * first[p] * lanes;
                final int ki = kr + lanes;
                final int lr = 2 * second[p] * lanes;
                final int li = lr + lanes;
                final int cRe = reduction.index(0, WIDTH * p);
                final int cIm = reduction.index(0, WIDTH * p + 1);
                final int cK = reduction.index(0, WIDTH * p + 2);
                final int cL = reduction.index(0, WIDTH * p + 3);
                if (single) {
                    for (int b = 0; b < groups; b++) {
                        double ar = x[kr + b];
                        double ai = x[ki + b];
                        double br = x[lr + b];
                        double bi = x[li + b];
                        s[cRe + b] += ar * br + ai * bi;
                        s[cIm + b] += ar * bi - ai * br;
                        s[cK + b] += ar * ar + ai * ai;
                        s[cL + b] += br * br + bi * bi;
                    }
                    continue;
                }
                for (int k = 0; k < groups; k++) {
                    double re = s[cRe + k];
                    double im = s[cIm + k];
                    double nk = s[cK + k];
                    double nl = s[cL + k];
                    final int end = reduction.endLane(k);
                    for (int b = reduction.firstLane(k); b < end; b++) {
                        double ar = x[kr + b];
                        double ai = x[ki + b];
                        double br = x[lr + b];
                        double bi = x[li + b];
                        re += ar * br + ai * bi;
                        im += ar * bi - ai * br;
                        nk += ar * ar + ai * ai;
                        nl += br * br + bi * bi;
                    }
                    s[cRe + k] = re;
                    s[cIm + k] = im;
                    s[cK + k] = nk;
                    s[cL + k] = nl;
                }
            }
            samples++;
        }

        @Override
        public Correlations finish(boolean[] diverged) {
            Correlations r = emptyCopy();
            reduction.finish(r.sums, diverged, samples);
            return r;
        }
    }

    /**
     * The estimates as a table in long form, named {@code correlations}: one row per observed
     * pair, in the order the pairs were given.
     *
     * <p>Columns: {@code k}, {@code l} (long, zero-based sites of
     * \( \langle a_k^\dagger a_\ell\rangle \); the paper numbers sites from 1), then, each
     * followed by its {@code _err} column: {@code re} ({@link #correlationRe}), {@code im}
     * ({@link #correlationIm}), in photons, and {@code g1_abs} ({@link #g1Abs}, dimensionless).
     * Value and error columns allow missing values (an error with fewer than two groups). The
     * values equal the accessors' bit for bit.
     *
     * @return the table, with minimal provenance
     * @throws IllegalStateException if the accumulator holds no data (as the accessors)
     */
    @Override
    public Table toTable() {
        EstimateColumns q = new EstimateColumns();
        for (int i = 0; i < first.length; i++) {
            q.add("re", correlationRe(first[i], second[i]))
                .add("im", correlationIm(first[i], second[i]))
                .add("g1_abs", g1Abs(first[i], second[i]));
        }
        return q.into(Table.builder("correlations").ints("k", first).ints("l", second))
            .build();
    }
}
