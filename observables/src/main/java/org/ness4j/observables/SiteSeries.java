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
import org.ness4j.sde.ensemble.MemoryEstimate;
import org.ness4j.sde.ensemble.SampleSchedule;

/**
 * Time series of ensemble averages at chosen sites (paper 000, Fig. 5 and 7(a)): at each sampled
 * time \( t_j \) the ensemble means of \( \mathrm{Re}\,\alpha, \mathrm{Im}\,\alpha,
 * |\alpha|^2, \cos\varphi, \sin\varphi \), giving \( n_\ell(t) \), the mean phase
 * \( \langle\varphi_\ell\rangle(t) = \arg\langle e^{i\varphi_\ell}\rangle \), the circular
 * variance and the field, each with a jackknife error over trajectory groups.
 * {@link #steadyStateTime} detects when a series has reached its final plateau.
 *
 * <p><b>Jackknife blocks.</b> A time series needs no per-trajectory values, so in an ensemble
 * run the groups are folded into at most {@link #DEFAULT_BLOCKS} (or the given number of)
 * jackknife blocks of consecutive groups ({@link GroupedSums#GroupedSums(int, int)}); the
 * number of blocks is a function of the run's trajectories and group size only
 * ({@link EnsembleObserver#forRun}), so the result is bit-identical for any thread count and
 * batch size. A block holding a diverged trajectory keeps its other groups.
 *
 * <p>Memory: {@code 5 * sites * times} doubles per block (at most {@code maxBlocks} blocks),
 * and per batch in flight as many per group of the batch ({@link EnsembleObserver#memory});
 * for long, finely sampled maps sample more coarsely or observe fewer sites. Not thread-safe.
 */
public final class SiteSeries implements Accumulator<SiteSeries>, Tabular {

    private static final int K = 5;
    /** Most jackknife blocks of a series by default: error bars good to about 13 %. */
    public static final int DEFAULT_BLOCKS = 32;
    private static final String TAG = "SiteSeries2";
    private final int[] sites;
    private final int times;
    private final double t0;
    private final double spacing;
    private final GroupedSums sums;

    private SiteSeries(int[] sites, int times, double t0, double spacing, GroupedSums sums) {
        this.sites = sites;
        this.times = times;
        this.t0 = t0;
        this.spacing = spacing;
        this.sums = sums;
    }

    /**
     * The observer: samples at {@code schedule} steps, {@code times} of them. A run must reach
     * all of them ({@link EnsembleObserver#validate}); later samples are ignored.
     *
     * @param schedule first step and spacing of the samples
     * @param times number of sampled times, at least 1
     * @param dt time step of the ensemble
     * @param sites zero-based sites (not modified)
     * @return the observer
     */
    public static EnsembleObserver<SiteSeries> observer(SampleSchedule schedule, int times,
                                                        double dt, int... sites) {
        return observer(schedule, times, dt, sites, DEFAULT_BLOCKS);
    }

    /**
     * The observer with at most {@code maxBlocks} jackknife blocks in an ensemble run (see the
     * class documentation); {@link #observer(SampleSchedule, int, double, int...)} uses
     * {@link #DEFAULT_BLOCKS}. Opened outside an ensemble run (before
     * {@link EnsembleObserver#forRun}), every group is its own block.
     *
     * @param schedule first step and spacing of the samples
     * @param times number of sampled times, at least 1
     * @param dt time step of the ensemble
     * @param sites zero-based sites (not modified)
     * @param maxBlocks most jackknife blocks, at least 2
     * @return the observer
     * @throws IllegalArgumentException for invalid arguments, or if {@code 5 * sites * times}
     *     exceeds the largest Java array
     */
    public static EnsembleObserver<SiteSeries> observer(SampleSchedule schedule, int times,
                                                        double dt, int[] sites, int maxBlocks) {
        Objects.requireNonNull(schedule, "schedule");
        Checks.atLeast("times", times, 1);
        Checks.positive("dt", dt);
        Checks.atLeast("maxBlocks", maxBlocks, 2);
        int[] s = SiteMoments.of(sites).sites();
        if ((long) K * s.length * times > MemoryEstimate.MAX_ARRAY) {
            throw new IllegalArgumentException("SiteSeries of " + s.length + " sites x " + times
                + " times x " + K + " sums exceeds the largest Java array; sample more "
                + "coarsely or observe fewer sites");
        }
        return new Observer(schedule, times, dt, s, maxBlocks, 1);
    }

    /** The observer: {@link EnsembleObserver#forRun} chooses the groups per block. */
    private static final class Observer implements EnsembleObserver<SiteSeries> {
        private final SampleSchedule schedule;
        private final int times;
        private final double dt;
        private final int maxBlocks;
        private final SiteSeries template;

        Observer(SampleSchedule schedule, int times, double dt, int[] sites, int maxBlocks,
                 int groupsPerBlock) {
            this.schedule = schedule;
            this.times = times;
            this.dt = dt;
            this.maxBlocks = maxBlocks;
            this.template = new SiteSeries(sites, times, schedule.first() * dt,
                schedule.every() * dt, new GroupedSums(K * sites.length * times,
                    groupsPerBlock));
        }

        @Override
        public SampleSchedule schedule() {
            return schedule;
        }

        @Override
        public void validate(long steps) {
            EnsembleObserver.requireSamples(schedule, times, steps);
        }

        @Override
        public BatchObserver<SiteSeries> open(BatchInfo info) {
            return template.new Batch(info, schedule);
        }

        @Override
        public SiteSeries empty() {
            return template.emptyCopy();
        }

        @Override
        public SiteSeries read(DataInput in) throws IOException {
            return readFrom(in);
        }

        @Override
        public EnsembleObserver<SiteSeries> forRun(long trajectories, int groupSize) {
            int perBlock = GroupedSums.groupsPerBlock(
                MemoryEstimate.groups(trajectories, groupSize), maxBlocks);
            return new Observer(schedule, times, dt, template.sites, maxBlocks, perBlock);
        }

        @Override
        public MemoryEstimate memory(BatchInfo batch, long trajectories) {
            long width = template.sums.width();
            long groups = MemoryEstimate.groups(batch.size(), batch.groupSize());
            long all = MemoryEstimate.groups(trajectories, batch.groupSize());
            int perBlock = template.sums.groupsPerBlock();
            long blocks = (all + perBlock - 1) / perBlock;
            // the batch's result: its blocks, and the groups of a block begun in an earlier
            // batch, pending
            long rows = Math.min(groups, (groups + perBlock - 1) / perBlock + 1
                + Math.min(perBlock - 1, groups));
            // running sums per group of the batch, its result, the combined blocks; scratch:
            // 5 values per lane and GroupReduction.finish's row buffer
            long sums = groups * width;
            long scratch = K * (long) batch.size()
                + GroupReduction.finishRows(groups, width) * width;
            long row = 8 * (width + 1) + MemoryEstimate.ROW_OVERHEAD;
            return new MemoryEstimate("SiteSeries", 8 * sums + rows * row + 8 * scratch,
                blocks * row, Math.max(sums, scratch), 8 * sums + 64);
        }
    }

    /** An empty accumulator configured as this one. */
    private SiteSeries emptyCopy() {
        return new SiteSeries(sites, times, t0, spacing,
            new GroupedSums(sums.width(), sums.groupsPerBlock()));
    }

    /**
     * Doubles stored per jackknife block (group, outside an ensemble run).
     *
     * @return {@code 5 * sites * times + 1}
     */
    @Override
    public long valuesPerGroup() {
        return sums.valuesPerGroup();
    }

    /**
     * @return number of jackknife blocks holding data (of groups, with one group per block):
     *     the units of the error bars
     */
    public int groups() {
        return sums.groupCount();
    }

    /** @return number of sampled times */
    public int times() {
        return times;
    }

    /**
     * @param j time index
     * @return \( t_j \)
     */
    public double time(int j) {
        return t0 + Checks.index("time index", j, times) * spacing;
    }

    private int column(int site, int j) {
        Checks.index("time index", j, times);
        for (int s = 0; s < sites.length; s++) {
            if (sites[s] == site) {
                return (s * times + j) * K;
            }
        }
        throw new IllegalArgumentException("site " + site + " is not observed; observed: "
            + Arrays.toString(sites));
    }

    /**
     * @param site observed site
     * @param j time index
     * @return \( n_\ell(t_j) = \langle|\alpha_\ell|^2\rangle - 1/2 \)
     */
    public Estimate photonNumber(int site, int j) {
        return sums.estimate(column(site, j), K, m -> m[2] - 0.5);
    }

    /**
     * @param site observed site
     * @param j time index
     * @return the mean phase \( \arg\langle e^{i\varphi_\ell(t_j)}\rangle \) in \( (-\pi, \pi] \)
     */
    public Estimate meanPhase(int site, int j) {
        return SiteMoments.meanPhase(sums, column(site, j), K, 3, 4);
    }

    /**
     * @param site observed site
     * @param j time index
     * @return circular variance \( 1 - |\langle e^{i\varphi}\rangle| \) at \( t_j \)
     */
    public Estimate circularVariance(int site, int j) {
        return sums.estimate(column(site, j), K, m -> 1 - Math.hypot(m[3], m[4]));
    }

    /**
     * @param site observed site
     * @param j time index
     * @return \( \mathrm{Re}\langle a_\ell(t_j)\rangle \)
     */
    public Estimate fieldRe(int site, int j) {
        return sums.estimate(column(site, j), K, m -> m[0]);
    }

    /**
     * Convergence time of \( n_\ell(t) \) (Fig. 7(b)): the first sampled time after which the
     * series stays within {@code tolerance} (relative) of its mean over the last
     * {@code plateau} samples, widened at each time by three standard errors of that sample so
     * that statistical scatter alone does not count as unsettled.
     *
     * @param site observed site
     * @param plateau number of final samples defining the plateau, in [1, times]
     * @param tolerance relative tolerance, positive
     * @return \( t_{ss} \), or NaN if the series never settles before the plateau window
     */
    public double steadyStateTime(int site, int plateau, double tolerance) {
        Checks.atLeast("plateau", plateau, 1);
        if (plateau > times) {
            throw new IllegalArgumentException("plateau must be at most " + times + ": "
                + plateau);
        }
        Checks.positive("tolerance", tolerance);
        double[] n = new double[times];
        double[] se = new double[times];
        for (int j = 0; j < times; j++) {
            Estimate e = photonNumber(site, j);
            n[j] = e.value();
            se[j] = Double.isNaN(e.standardError()) ? 0 : e.standardError();
        }
        double level = 0;
        for (int j = times - plateau; j < times; j++) {
            level += n[j] / plateau;
        }
        int last = -1;
        for (int j = 0; j < times; j++) {
            if (Math.abs(n[j] - level) > tolerance * Math.abs(level) + 3 * se[j]) {
                last = j;
            }
        }
        return last + 1 >= times - plateau + 1 && last >= 0 ? Double.NaN : time(last + 1);
    }

    @Override
    public SiteSeries combine(SiteSeries other) {
        if (!Arrays.equals(sites, other.sites) || times != other.times
            || Double.compare(t0, other.t0) != 0 || Double.compare(spacing, other.spacing) != 0) {
            throw new IllegalArgumentException("cannot combine differently configured series");
        }
        sums.combine(other.sums);
        return this;
    }

    @Override
    public void writeTo(DataOutput out) throws IOException {
        out.writeUTF(TAG);
        out.writeInt(times);
        out.writeDouble(t0);
        out.writeDouble(spacing);
        Formats.writeSites(out, sites);
        sums.writeTo(out);
    }

    /**
     * Reads an accumulator written by {@link #writeTo}.
     *
     * @param in source
     * @return the accumulator
     * @throws IOException if reading fails or the data is not a {@code SiteSeries}
     */
    public static SiteSeries readFrom(DataInput in) throws IOException {
        // "SiteSeries": before jackknife blocks (its sums are per group; still readable)
        Formats.readTag(in, TAG, "SiteSeries");
        int times = in.readInt();
        double t0 = in.readDouble();
        double spacing = in.readDouble();
        int n = in.readInt();
        if (times < 1 || n < 1 || !(spacing > 0)) {
            throw new IOException("corrupt SiteSeries header");
        }
        int[] s = Formats.readSites(in, n);
        GroupedSums g = GroupedSums.readFrom(in);
        if (g.width() != K * n * times) {
            throw new IOException("corrupt SiteSeries: width " + g.width());
        }
        return new SiteSeries(s, times, t0, spacing, g);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof SiteSeries)) {
            return false;
        }
        SiteSeries p = (SiteSeries) o;
        return Arrays.equals(sites, p.sites) && times == p.times
            && Double.compare(t0, p.t0) == 0 && Double.compare(spacing, p.spacing) == 0
            && sums.equals(p.sums);
    }

    @Override
    public int hashCode() {
        return Objects.hash(Arrays.hashCode(sites), times, t0, spacing, sums);
    }

    private final class Batch extends ReducingBatch<SiteSeries> {
        private final SampleSchedule schedule;
        private final double[] v;

        Batch(BatchInfo info, SampleSchedule schedule) {
            super(info, SiteSeries.this.sums.width());
            Formats.requireInside(sites, info);
            this.schedule = schedule;
            this.v = new double[K * info.size()];
        }

        @Override
        public void observe(long step, double t, double[] x) {
            long j = (step - schedule.first()) / schedule.every();
            if (j >= times) {
                return;
            }
            final int n = info.size();
            final int lanes = info.lanes();
            for (int s = 0; s < sites.length; s++) {
                final int re = 2 * sites[s] * lanes;
                final int im = re + lanes;
                for (int b = 0; b < n; b++) {
                    double ar = x[re + b];
                    double ai = x[im + b];
                    double r2 = ar * ar + ai * ai;
                    double inv = 1.0 / Math.sqrt(Math.max(r2, Double.MIN_NORMAL));
                    v[b] = ar;
                    v[n + b] = ai;
                    v[2 * n + b] = r2;
                    v[3 * n + b] = ar * inv;
                    v[4 * n + b] = ai * inv;
                }
                int col = (s * times + (int) j) * K;
                for (int k = 0; k < K; k++) {
                    reduction.add(col + k, v, k * n);
                }
            }
        }

        @Override
        public SiteSeries finish(boolean[] diverged) {
            SiteSeries r = emptyCopy();
            reduction.finish(r.sums, diverged, 1);
            return r;
        }
    }

    /**
     * The series as a table in long form, named {@code site_series}: one row per sampled time
     * and site, time-major ({@code time_index} 0 with every site, then 1, ...), sites in the
     * order given.
     *
     * <p>Columns: {@code time_index} (long, j), {@code t} (double, \( t_j \) = {@link #time},
     * in the model's time unit, 1/J for the chain), {@code site} (long, zero-based), then, each
     * followed by its {@code _err} column: {@code n} ({@link #photonNumber}, photons),
     * {@code mean_phase} ({@link #meanPhase}, radians), {@code circular_variance}
     * ({@link #circularVariance}) and {@code field_re} ({@link #fieldRe}). Errors are missing
     * with fewer than two groups. The values equal the accessors' bit for bit.
     *
     * @return the table, with minimal provenance
     * @throws IllegalStateException if the accumulator holds no data (as the accessors)
     */
    @Override
    public Table toTable() {
        int rows = times * sites.length;
        int[] index = new int[rows];
        double[] t = new double[rows];
        int[] site = new int[rows];
        EstimateColumns q = new EstimateColumns();
        int r = 0;
        for (int j = 0; j < times; j++) {
            for (int s : sites) {
                index[r] = j;
                t[r] = time(j);
                site[r] = s;
                q.add("n", photonNumber(s, j)).add("mean_phase", meanPhase(s, j))
                    .add("circular_variance", circularVariance(s, j))
                    .add("field_re", fieldRe(s, j));
                r++;
            }
        }
        return q.into(Table.builder("site_series").ints("time_index", index).doubles("t", t)
            .ints("site", site)).build();
    }
}
