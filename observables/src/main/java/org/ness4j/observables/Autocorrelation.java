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
 * The two-time autocorrelation of paper 000, Eq. (46), along stationary trajectories:
 * \[ C_\ell(\tau) = \mathrm{Re}\,\frac{1}{T}\int dt'\,
 *    \frac{\alpha_\ell^*(t'+\tau)\,\alpha_\ell(t')}{|\alpha_\ell(t')|^2} , \]
 * time-averaged along each trajectory (the paper uses one long trajectory; averaging over an
 * ensemble as well only reduces the error) for lags \( \tau_k = k \cdot every \cdot dt \),
 * k = 0 .. lags - 1. The first {@code lags - 1} samples of each trajectory only fill the history,
 * so every lag is averaged over the same number of pairs, with the same later times
 * \( t' + \tau \) (the earlier times \( t' \) shift with the lag). Its fit by two damped
 * cosines (Eq. 47) belongs to the fitting module.
 *
 * <p>Memory: {@code sites * lags} doubles per jackknife block (an ensemble run folds its groups
 * into at most {@link #DEFAULT_BLOCKS} blocks) and per group of a running batch, plus a history of
 * {@code 2 * sites * lags} doubles per trajectory of a running batch. Not thread-safe.
 */
public final class Autocorrelation implements Accumulator<Autocorrelation>, Tabular {

    /** Most jackknife blocks of an ensemble run by default. */
    public static final int DEFAULT_BLOCKS = 32;
    private static final String TAG = "Autocorrelation2";

    private final int[] sites;
    private final int lags;
    private final double lagStep;
    private final GroupedSums sums;

    private Autocorrelation(int[] sites, int lags, double lagStep, GroupedSums sums) {
        this.sites = sites;
        this.lags = lags;
        this.lagStep = lagStep;
        this.sums = sums;
    }

    /**
     * The observer.
     *
     * @param schedule sampling times (the lag spacing is {@code schedule.every() * dt})
     * @param lags number of lags, at least 1
     * @param dt time step of the ensemble
     * @param sites zero-based sites (not modified)
     * @return the observer
     */
    public static EnsembleObserver<Autocorrelation> observer(SampleSchedule schedule, int lags,
                                                             double dt, int... sites) {
        return observer(schedule, lags, dt, sites, DEFAULT_BLOCKS);
    }

    /**
     * The observer with at most {@code maxBlocks} jackknife blocks in an ensemble run: the
     * groups are folded into blocks of consecutive groups (a number that depends on the run's
     * trajectories and group size only, {@link EnsembleObserver#forRun}; results are
     * bit-identical for any thread count and batch size).
     *
     * @param schedule sampling times (the lag spacing is {@code schedule.every() * dt})
     * @param lags number of lags, at least 1
     * @param dt time step of the ensemble
     * @param sites zero-based sites (not modified)
     * @param maxBlocks most jackknife blocks, at least 2
     * @return the observer
     */
    public static EnsembleObserver<Autocorrelation> observer(SampleSchedule schedule, int lags,
                                                             double dt, int[] sites,
                                                             int maxBlocks) {
        Objects.requireNonNull(schedule, "schedule");
        Checks.atLeast("lags", lags, 1);
        Checks.positive("dt", dt);
        Checks.atLeast("maxBlocks", maxBlocks, 2);
        int[] s = SiteMoments.of(sites).sites();
        int width = s.length * lags;
        double lagStep = schedule.every() * dt;
        return Blocked.of(maxBlocks, perBlock -> {
            Autocorrelation template = new Autocorrelation(s, lags, lagStep,
                new GroupedSums(width, perBlock));
            return EnsembleObserver.of(schedule, info -> template.new Batch(info),
                template::emptyCopy, Autocorrelation::readFrom);
        }, (batch, trajectories, blocks) -> {
            // scratch: the history ring of 2 * sites * lags values per trajectory (saved too)
            long groups = MemoryEstimate.groups(batch.size(), batch.groupSize());
            return MemoryEstimate.grouped("Autocorrelation", width + 1L, groups, blocks,
                (2L * width + 1) * batch.size())
                .withSavedState(8 * (groups + 2L * batch.size()) * width + 64);
        });
    }

    /** An empty accumulator configured as this one. */
    private Autocorrelation emptyCopy() {
        return new Autocorrelation(sites, lags, lagStep,
            new GroupedSums(sums.width(), sums.groupsPerBlock()));
    }

    /** @return number of lags */
    public int lags() {
        return lags;
    }

    /**
     * @param k lag index
     * @return \( \tau_k \)
     */
    public double lag(int k) {
        return Checks.index("lag index", k, lags) * lagStep;
    }

    /**
     * @param site observed site
     * @param k lag index
     * @return \( C_\ell(\tau_k) \) with its jackknife error over groups
     */
    public Estimate value(int site, int k) {
        Checks.index("lag index", k, lags);
        for (int s = 0; s < sites.length; s++) {
            if (sites[s] == site) {
                return sums.estimate(s * lags + k, 1, m -> m[0]);
            }
        }
        throw new IllegalArgumentException("site " + site + " is not observed; observed: "
            + Arrays.toString(sites));
    }

    @Override
    public Autocorrelation combine(Autocorrelation other) {
        if (!Arrays.equals(sites, other.sites) || lags != other.lags
            || Double.compare(lagStep, other.lagStep) != 0) {
            throw new IllegalArgumentException("cannot combine differently configured "
                + "autocorrelations");
        }
        sums.combine(other.sums);
        return this;
    }

    @Override
    public void writeTo(DataOutput out) throws IOException {
        out.writeUTF(TAG);
        out.writeInt(lags);
        out.writeDouble(lagStep);
        Formats.writeSites(out, sites);
        sums.writeTo(out);
    }

    /**
     * Reads an accumulator written by {@link #writeTo}.
     *
     * @param in source
     * @return the accumulator
     * @throws IOException if reading fails or the data is not an {@code Autocorrelation}
     */
    public static Autocorrelation readFrom(DataInput in) throws IOException {
        // "Autocorrelation": before jackknife blocks (its sums are per group; still readable)
        Formats.readTag(in, TAG, "Autocorrelation");
        int lags = in.readInt();
        double step = in.readDouble();
        int n = in.readInt();
        if (lags < 1 || n < 1 || !(step > 0)) {
            throw new IOException("corrupt Autocorrelation header");
        }
        int[] s = Formats.readSites(in, n);
        GroupedSums g = GroupedSums.readFrom(in);
        if (g.width() != n * lags) {
            throw new IOException("corrupt Autocorrelation: width " + g.width());
        }
        return new Autocorrelation(s, lags, step, g);
    }

    /**
     * Doubles stored per trajectory group (for the ensemble's memory estimate).
     *
     * @return the sums and the sample count of one group
     */
    @Override
    public long valuesPerGroup() {
        return sums.valuesPerGroup();
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Autocorrelation)) {
            return false;
        }
        Autocorrelation a = (Autocorrelation) o;
        return Arrays.equals(sites, a.sites) && lags == a.lags
            && Double.compare(lagStep, a.lagStep) == 0 && sums.equals(a.sums);
    }

    @Override
    public int hashCode() {
        return Objects.hash(Arrays.hashCode(sites), lags, lagStep, sums);
    }

    private final class Batch extends ReducingBatch<Autocorrelation> {
        /** history[((s * lags + slot) * 2 + c) * n + b]: field at past samples (ring). */
        private final double[] history;
        private final double[] v;

        Batch(BatchInfo info) {
            super(info, sites.length * lags);
            Formats.requireInside(sites, info);
            this.history = new double[2 * sites.length * lags * info.size()];
            this.v = new double[info.size()];
        }

        @Override
        public void observe(long step, double t, double[] x) {
            final int n = info.size();
            final int lanes = info.lanes();
            final int now = (int) (samples % lags);
            for (int s = 0; s < sites.length; s++) {
                final int re = 2 * sites[s] * lanes;
                final int im = re + lanes;
                final int h = (s * lags + now) * 2 * n;
                System.arraycopy(x, re, history, h, n);
                System.arraycopy(x, im, history, h + n, n);
                if (samples < lags - 1) {
                    continue;
                }
                for (int k = 0; k < lags; k++) {
                    // past sample at lag k: alpha(t') with t' = t - tau_k
                    final int p = (s * lags + (int) ((samples - k) % lags)) * 2 * n;
                    for (int b = 0; b < n; b++) {
                        double pr = history[p + b];
                        double pi = history[p + n + b];
                        double cr = x[re + b];
                        double ci = x[im + b];
                        // Re[alpha*(t' + tau) alpha(t')] / |alpha(t')|^2
                        v[b] = (cr * pr + ci * pi) / Math.max(pr * pr + pi * pi,
                            Double.MIN_NORMAL);
                    }
                    reduction.add(s * lags + k, v);
                }
            }
            samples++;
        }

        @Override
        void saveExtra(java.io.DataOutput out) throws java.io.IOException {
            BatchObserver.writeArray(out, history);
        }

        @Override
        void restoreExtra(java.io.DataInput in) throws java.io.IOException {
            BatchObserver.readArray(in, history);
        }

        @Override
        public Autocorrelation finish(boolean[] diverged) {
            Autocorrelation r = emptyCopy();
            reduction.finish(r.sums, diverged, Math.max(0, samples - (lags - 1)));
            return r;
        }
    }

    /**
     * The autocorrelation as a table in long form, named {@code autocorrelation}: one row per
     * observed site and lag, sites in the order given.
     *
     * <p>Columns: {@code site} (long, zero-based), {@code lag_index} (long, k), {@code lag}
     * (double, \( \tau_k \) = {@link #lag}, in the model's time unit), {@code c} and
     * {@code c_err} ({@link #value}, \( C_\ell(\tau_k) \); the error missing with fewer than
     * two groups). The values equal the accessor's bit for bit.
     *
     * @return the table, with minimal provenance
     * @throws IllegalStateException if the accumulator holds no data (as the accessors)
     */
    @Override
    public Table toTable() {
        return EstimateColumns.siteGrid("autocorrelation", sites, lags, "lag_index", "lag",
            this::lag, "c", this::value);
    }
}
