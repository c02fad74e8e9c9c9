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
 * Local Wigner functions \( W_\ell(\alpha, \alpha^*) \) as normalized 2D histograms of the
 * Wigner samples \( \alpha_\ell \) on a square grid (paper 000, Eq. 33; Methods: 5x10^7 samples
 * from 100 trajectories over a window of 10^4), and their marginal, the momentum distribution
 * \( P(p_\ell) \) with \( p = \sqrt 2\,\mathrm{Im}\,\alpha \) (Fig. 13, 14). The
 * equipartition temperature is {@link SiteMoments#equipartitionTemperature}.
 *
 * <p>The grid covers \( [-R, R]^2 \) in {@code bins x bins} cells; samples outside it are counted
 * (so that the normalization is over all samples) but not binned.
 *
 * <p>Clipping check: the fraction of a site's samples outside the grid
 * ({@link #clippedFraction(int)}, with its error {@link #outsideFraction(int)}) must not exceed
 * the clip tolerance ({@link #DEFAULT_CLIP_TOLERANCE} \( = 10^{-3} \), settable with
 * {@link #clipTolerance(double)}). The check is made when an estimate is read, never while
 * samples are accumulated, so a long run's work is kept: the estimate accessors
 * ({@link #density(int)}, {@link #density(int, int, int)}, {@link #cut},
 * {@link #leaveOneOutDensities}, {@link #momentumDistribution}) and
 * {@link #requireUnclipped(int)} throw an {@link IllegalStateException} naming the site, the
 * clipped fraction, the tolerance and the grid range to widen. The tolerance is a reading
 * setting, not part of the accumulated data: it is not serialized, combined or compared.
 *
 * <p>Density of cell (i, j) (i along Re, j along Im): count / (samples * cell area), with a
 * jackknife error over groups (jackknife blocks in an ensemble run). Counts are integers, so
 * accumulation is exact.
 *
 * <p>Memory: {@code sites * (bins^2 + 1)} doubles per jackknife block (an ensemble run folds
 * its groups into at most {@link #DEFAULT_BLOCKS} blocks of consecutive groups, a number that
 * depends only on the run's trajectories and group size, so that the result is bit-identical
 * for any thread count and batch size; {@link #observer(SampleSchedule, int, double, int[], int)}
 * sets another bound) and as many per group of a running batch. Filled with {@link #accept},
 * it keeps one row per group.
 *
 * <p>Not thread-safe; combine per-batch results.
 */
public final class WignerHistogram implements Accumulator<WignerHistogram>, Tabular {

    /** Most jackknife blocks of an ensemble run by default. */
    public static final int DEFAULT_BLOCKS = 32;
    /** Serialization tag; "WignerHistogram" (still readable) before jackknife blocks. */
    private static final String TAG = "WignerHistogram2";

    private final int[] sites;
    private final int bins;
    private final double range;
    /**
     * Default largest fraction of a site's samples that may fall outside the grid before the
     * estimates are refused, \( 10^{-3} \).
     */
    public static final double DEFAULT_CLIP_TOLERANCE = 1e-3;

    private final GroupedSums sums;
    private double clipTolerance = DEFAULT_CLIP_TOLERANCE;

    private WignerHistogram(int[] sites, int bins, double range, GroupedSums sums) {
        this.sites = sites;
        this.bins = bins;
        this.range = range;
        this.sums = sums;
    }

    private int stride() {
        return bins * bins + 1;
    }

    /**
     * An empty histogram.
     *
     * @param bins cells per axis, at least 2
     * @param range half-width R of the grid, positive
     * @param sites zero-based sites (not modified)
     * @return a new accumulator
     */
    public static WignerHistogram of(int bins, double range, int... sites) {
        Checks.atLeast("bins", bins, 2);
        Checks.positive("range", range);
        int[] s = SiteMoments.of(sites).sites();
        long width = s.length * ((long) bins * bins + 1);
        if (width > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException("bins " + bins + " for " + s.length + " sites "
                + "need " + width + " cells, more than a Java array holds");
        }
        return new WignerHistogram(s, bins, range, new GroupedSums((int) width));
    }

    /**
     * The observer filling this accumulator.
     *
     * @param schedule when to sample
     * @param bins cells per axis
     * @param range half-width of the grid
     * @param sites zero-based sites (not modified)
     * @return the observer
     */
    public static EnsembleObserver<WignerHistogram> observer(SampleSchedule schedule, int bins,
                                                             double range, int... sites) {
        return observer(schedule, bins, range, sites, DEFAULT_BLOCKS);
    }

    /**
     * The observer with at most {@code maxBlocks} jackknife blocks in an ensemble run: the
     * groups are folded into blocks of consecutive groups (a number that depends on the run's
     * trajectories and group size only, {@link EnsembleObserver#forRun}; results are
     * bit-identical for any thread count and batch size). The blocks are the units of the error
     * bars and of {@link #leaveOneOutDensities}; a {@code maxBlocks} of at least the number of
     * groups keeps one row per group (per trajectory with {@code groupSize(1)}).
     *
     * @param schedule when to sample
     * @param bins cells per axis
     * @param range half-width of the grid
     * @param sites zero-based sites (not modified)
     * @param maxBlocks most jackknife blocks, at least 2
     * @return the observer
     */
    public static EnsembleObserver<WignerHistogram> observer(SampleSchedule schedule, int bins,
                                                             double range, int[] sites,
                                                             int maxBlocks) {
        Objects.requireNonNull(schedule, "schedule");
        WignerHistogram unblocked = of(bins, range, sites);
        int width = unblocked.sums.width();
        return Blocked.map("WignerHistogram", schedule, maxBlocks, width,
            perBlock -> new WignerHistogram(unblocked.sites, bins, range,
                new GroupedSums(width, perBlock)),
            (template, info) -> template.new Batch(info), WignerHistogram::readFrom,
            batch -> 0);
    }

    /** An empty accumulator configured as this one. */
    private WignerHistogram emptyCopy() {
        return new WignerHistogram(sites, bins, range,
            new GroupedSums(sums.width(), sums.groupsPerBlock()));
    }

    /**
     * Adds one sample (all observed sites at one time of one trajectory) to a group.
     *
     * @param group group index
     * @param field {@code {Re alpha, Im alpha}} per observed site, in the order of
     *     {@link #sites()} (not modified)
     */
    public void accept(long group, double[] field) {
        if (field.length != 2 * sites.length) {
            throw new IllegalArgumentException("field must have length " + 2 * sites.length
                + ": " + field.length);
        }
        Checks.allFinite("field", field);
        double[] row = new double[sums.width()];
        for (int s = 0; s < sites.length; s++) {
            int o = s * stride();
            int cell = cell(field[2 * s], field[2 * s + 1]);
            row[cell >= 0 ? o + cell : o + bins * bins] = 1;
        }
        sums.add(group, 1, row);
    }

    private int cell(double re, double im) {
        double scale = bins / (2 * range);
        int i = (int) Math.floor((re + range) * scale);
        int j = (int) Math.floor((im + range) * scale);
        if (i < 0 || i >= bins || j < 0 || j >= bins) {
            return -1;
        }
        return i * bins + j;
    }

    private int slot(int site) {
        for (int s = 0; s < sites.length; s++) {
            if (sites[s] == site) {
                return s * stride();
            }
        }
        throw new IllegalArgumentException("site " + site + " is not observed; observed: "
            + Arrays.toString(sites));
    }

    /** @return a copy of the observed sites */
    public int[] sites() {
        return sites.clone();
    }

    /** @return cells per axis */
    public int bins() {
        return bins;
    }

    /**
     * @param i cell index
     * @return centre of cell {@code i} along either axis
     */
    public double center(int i) {
        return -range + (Checks.index("cell", i, bins) + 0.5) * 2 * range / bins;
    }

    /** @return total number of samples (per site) */
    public double sampleCount() {
        return sums.sampleCount();
    }

    /** @return the half-width R of the grid */
    public double range() {
        return range;
    }

    /**
     * Sets the clip tolerance used by the estimate accessors (class documentation).
     *
     * @param tolerance largest accepted fraction of samples outside the grid, in
     *     \( (0, 1] \) (1 disables the check)
     * @return this histogram
     */
    public WignerHistogram clipTolerance(double tolerance) {
        if (!(tolerance > 0 && tolerance <= 1)) {
            throw new IllegalArgumentException("clip tolerance must be in (0, 1]: " + tolerance);
        }
        this.clipTolerance = tolerance;
        return this;
    }

    /** @return the clip tolerance (default {@value #DEFAULT_CLIP_TOLERANCE}) */
    public double clipTolerance() {
        return clipTolerance;
    }

    /**
     * Fraction of the site's samples that fell outside the grid (pooled over all groups;
     * {@link #outsideFraction(int)} gives it with its jackknife error).
     *
     * @param site an observed site
     * @return clipped samples / all samples (NaN without samples)
     */
    public double clippedFraction(int site) {
        return sums.means()[slot(site) + bins * bins];
    }

    /**
     * Refuses a site whose clipped fraction exceeds the clip tolerance.
     *
     * @param site an observed site
     * @throws IllegalStateException naming the site, the clipped fraction, the tolerance and the
     *     grid range to widen
     */
    public void requireUnclipped(int site) {
        double f = clippedFraction(site);
        if (f > clipTolerance) {
            throw new IllegalStateException(String.format(java.util.Locale.ROOT,
                "WignerHistogram, site %d (zero-based): a fraction %.3g of the %.0f samples fell "
                + "outside the grid [-%s, %s]^2, above the clip tolerance %.3g; widen the range "
                + "R = %s (or raise the tolerance with clipTolerance)", site, f, sums.sampleCount(),
                range, range, clipTolerance, range));
        }
    }

    /**
     * Normalized Wigner function on the grid (\( \int W = 1 \) up to samples outside it).
     *
     * @param site an observed site
     * @return {@code w[i][j]} at {@code (center(i), center(j))} = (Re, Im)
     * @throws IllegalStateException if the site's clipped fraction exceeds the clip tolerance
     */
    public double[][] density(int site) {
        requireUnclipped(site);
        int o = slot(site);
        double[] m = sums.means();
        double area = (2 * range / bins) * (2 * range / bins);
        double[][] w = new double[bins][bins];
        for (int i = 0; i < bins; i++) {
            for (int j = 0; j < bins; j++) {
                w[i][j] = m[o + i * bins + j] / area;
            }
        }
        return w;
    }

    /**
     * Jackknife replicas of one site's normalized Wigner function: for each trajectory group
     * (in index order; for each jackknife block in an ensemble run, see
     * {@link #observer(SampleSchedule, int, double, int[], int)}), the density of all other
     * groups, normalized by their own sample count.
     * For statistics that are too costly to recompute per quantity, such as a fit; combine
     * the replica values with {@link Estimate#jackknife}.
     *
     * @param site an observed site
     * @return {@code replicas[g][i * bins + j]} at {@code (center(i), center(j))}; no rows with
     *     fewer than two groups (blocks)
     * @throws IllegalStateException if the site's clipped fraction exceeds the clip tolerance
     */
    public double[][] leaveOneOutDensities(int site) {
        requireUnclipped(site);
        double area = (2 * range / bins) * (2 * range / bins);
        double[][] r = sums.leaveOneOutMeans(slot(site), bins * bins);
        for (double[] row : r) {
            for (int c = 0; c < row.length; c++) {
                row[c] /= area;
            }
        }
        return r;
    }

    /**
     * @return the sample count (per site) of each replica of {@link #leaveOneOutDensities}
     */
    public double[] leaveOneOutSampleCounts() {
        return sums.leaveOneOutCounts();
    }

    /**
     * Cut of the Wigner function through the origin (paper 000, Fig. 17): along Re alpha at
     * the Im cell nearest to 0, or along Im alpha at the Re cell nearest to 0.
     *
     * @param site an observed site
     * @param alongRe {@code true} for \( W(x, 0) \) versus x = Re alpha, {@code false} for
     *     \( W(0, y) \) versus y = Im alpha
     * @return values at {@link #center(int) center(0 .. bins - 1)}
     * @throws IllegalStateException if the site's clipped fraction exceeds the clip tolerance
     */
    public double[] cut(int site, boolean alongRe) {
        double[][] w = density(site);
        int zero = 0;
        for (int i = 1; i < bins; i++) {
            if (Math.abs(center(i)) < Math.abs(center(zero))) {
                zero = i;
            }
        }
        double[] c = new double[bins];
        for (int i = 0; i < bins; i++) {
            c[i] = alongRe ? w[i][zero] : w[zero][i];
        }
        return c;
    }

    /**
     * One cell of the Wigner function with its jackknife error.
     *
     * @param site an observed site
     * @param i cell along Re
     * @param j cell along Im
     * @return the density estimate
     * @throws IllegalStateException if the site's clipped fraction exceeds the clip tolerance
     */
    public Estimate density(int site, int i, int j) {
        requireUnclipped(site);
        Checks.index("i", i, bins);
        Checks.index("j", j, bins);
        double area = (2 * range / bins) * (2 * range / bins);
        return sums.estimate(slot(site) + i * bins + j, 1, m -> m[0] / area);
    }

    /**
     * @param site an observed site
     * @return fraction of samples outside the grid with its jackknife error (see
     *     {@link #clippedFraction(int)})
     */
    public Estimate outsideFraction(int site) {
        return sums.estimate(slot(site) + bins * bins, 1, m -> m[0]);
    }

    /**
     * Momentum distribution \( P(p) \) with \( p = \sqrt 2\,\mathrm{Im}\,\alpha \), the marginal
     * of the histogram along Re.
     *
     * @param site an observed site
     * @return {@code P[j]} at \( p_j = \sqrt 2 \) {@code center(j)}, normalized in p
     * @throws IllegalStateException if the site's clipped fraction exceeds the clip tolerance
     */
    public double[] momentumDistribution(int site) {
        double[][] w = density(site);
        double cell = 2 * range / bins;
        double[] p = new double[bins];
        for (int j = 0; j < bins; j++) {
            double s = 0;
            for (int i = 0; i < bins; i++) {
                s += w[i][j];
            }
            // integrate over Re, change variable Im -> p = sqrt(2) Im
            p[j] = s * cell / Math.sqrt(2);
        }
        return p;
    }

    @Override
    public WignerHistogram combine(WignerHistogram other) {
        if (!Arrays.equals(sites, other.sites) || bins != other.bins
            || Double.compare(range, other.range) != 0) {
            throw new IllegalArgumentException("cannot combine differently configured histograms");
        }
        sums.combine(other.sums);
        return this;
    }

    @Override
    public void writeTo(DataOutput out) throws IOException {
        out.writeUTF(TAG);
        out.writeInt(bins);
        out.writeDouble(range);
        Formats.writeSites(out, sites);
        sums.writeTo(out);
    }

    /**
     * Reads an accumulator written by {@link #writeTo}.
     *
     * @param in source
     * @return the accumulator
     * @throws IOException if reading fails or the data is not a {@code WignerHistogram}
     */
    public static WignerHistogram readFrom(DataInput in) throws IOException {
        Formats.readTag(in, TAG, "WignerHistogram");
        int bins = in.readInt();
        double range = in.readDouble();
        int n = in.readInt();
        if (bins < 2 || !(range > 0) || n < 1) {
            throw new IOException("corrupt WignerHistogram header");
        }
        int[] s = Formats.readSites(in, n);
        GroupedSums g = GroupedSums.readFrom(in);
        if (g.width() != n * (bins * bins + 1)) {
            throw new IOException("corrupt WignerHistogram: width " + g.width());
        }
        return new WignerHistogram(s, bins, range, g);
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
        if (!(o instanceof WignerHistogram)) {
            return false;
        }
        WignerHistogram h = (WignerHistogram) o;
        return Arrays.equals(sites, h.sites) && bins == h.bins
            && Double.compare(range, h.range) == 0 && sums.equals(h.sums);
    }

    @Override
    public int hashCode() {
        return Objects.hash(Arrays.hashCode(sites), bins, range, sums);
    }

    private final class Batch extends ReducingBatch<WignerHistogram> {

        Batch(BatchInfo info) {
            super(info, WignerHistogram.this.sums.width());
            Formats.requireInside(sites, info);
        }

        @Override
        public void observe(long step, double t, double[] x) {
            final int n = info.size();
            final int lanes = info.lanes();
            final int g = info.groupSize();
            for (int s = 0; s < sites.length; s++) {
                final int re = 2 * sites[s] * lanes;
                final int im = re + lanes;
                final int o = s * stride();
                // counts: one per lane into its cell; integer sums are exact in any order
                for (int b = 0; b < n; b++) {
                    int cell = cell(x[re + b], x[im + b]);
                    reduction.addOne(cell >= 0 ? o + cell : o + bins * bins, b / g);
                }
            }
            samples++;
        }

        @Override
        public WignerHistogram finish(boolean[] diverged) {
            WignerHistogram r = emptyCopy();
            reduction.finish(r.sums, diverged, samples);
            return r;
        }
    }

    /**
     * The histogram as a table in long form, named {@code wigner_histogram}: one row per site
     * and cell, sites in {@link #sites()} order, then {@code i}, then {@code j}.
     *
     * <p>Columns: {@code site} (long, zero-based), {@code i}, {@code j} (long, cell indices
     * along Re and Im alpha), {@code re}, {@code im} (the cell centre, {@link #center}, in
     * \( \sqrt{\text{photons}} \)), {@code density} and {@code density_err}
     * ({@link #density(int, int, int)}, per unit area of the alpha plane; the error column is
     * missing with fewer than two groups). The values equal the accessor's bit for bit. The
     * fraction of samples outside the grid is {@link #outsideFraction}.
     *
     * @return the table, with minimal provenance
     * @throws IllegalStateException if a site's clipped fraction exceeds the clip tolerance
     *     (as {@link #density(int, int, int)})
     * @throws IllegalStateException if the accumulator holds no data (as the accessors)
     */
    @Override
    public Table toTable() {
        int rows = sites.length * bins * bins;
        int[] site = new int[rows];
        int[] ci = new int[rows];
        int[] cj = new int[rows];
        double[] re = new double[rows];
        double[] im = new double[rows];
        EstimateColumns q = new EstimateColumns();
        int r = 0;
        for (int s : sites) {
            for (int i = 0; i < bins; i++) {
                for (int j = 0; j < bins; j++) {
                    site[r] = s;
                    ci[r] = i;
                    cj[r] = j;
                    re[r] = center(i);
                    im[r] = center(j);
                    q.add("density", density(s, i, j));
                    r++;
                }
            }
        }
        return q.into(Table.builder("wigner_histogram").ints("site", site).ints("i", ci)
            .ints("j", cj).doubles("re", re).doubles("im", im)).build();
    }
}
