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
 * Time series of ensemble averages at chosen sites (paper 000, Fig. 5 and 7(a)): at each sampled
 * time \( t_j \) the ensemble means of \( \mathrm{Re}\,\alpha, \mathrm{Im}\,\alpha,
 * |\alpha|^2, \cos\varphi, \sin\varphi \), giving \( n_\ell(t) \), the mean phase
 * \( \langle\varphi_\ell\rangle(t) = \arg\langle e^{i\varphi_\ell}\rangle \), the circular
 * variance and the field, each with a jackknife error over trajectory groups.
 * {@link #steadyStateTime} detects when a series has reached its final plateau.
 *
 * <p>Memory: {@code 5 * sites * times} doubles per group; for long series use large groups.
 * Not thread-safe.
 */
public final class SiteSeries implements Accumulator<SiteSeries>, Tabular {

    private static final int K = 5;
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
        Objects.requireNonNull(schedule, "schedule");
        Checks.atLeast("times", times, 1);
        Checks.positive("dt", dt);
        int[] s = SiteMoments.of(sites).sites();
        SiteSeries template = new SiteSeries(s, times, schedule.first() * dt,
            schedule.every() * dt, new GroupedSums(K * s.length * times));
        return EnsembleObserver.of(schedule, times, info -> template.new Batch(info, schedule),
            () -> new SiteSeries(s, times, template.t0, template.spacing,
                new GroupedSums(template.sums.width())), SiteSeries::readFrom);
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
        out.writeUTF("SiteSeries");
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
        Formats.readTag(in, "SiteSeries");
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
            SiteSeries r = new SiteSeries(sites, times, t0, spacing,
                new GroupedSums(sums.width()));
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
