package org.ness4j.observables;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;
import java.util.Objects;
import org.ness4j.core.Checks;
import org.ness4j.core.quantum.FockStates;
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
 * Local Fock populations from Wigner samples (paper 000, Methods table): \( p_n = \langle
 * 2(-1)^n e^{-2|\alpha|^2} L_n(4|\alpha|^2) \rangle \), the average of the Weyl symbol of
 * \( |n\rangle\langle n| \) ({@link FockStates#weylSymbols}, stable for n in the hundreds), for
 * \( n = 0 .. n_{\max} \), and the entropy \( S = -\sum_n p_n \ln p_n \) of a U(1)-symmetric
 * local state (diagonal in the Fock basis).
 *
 * <p>The estimator of \( p_n \) is unbiased but its variance grows with n (the Weyl symbol
 * oscillates between -2 and 2); small negative estimates are statistical. {@link #entropy} cuts
 * the noisy tail and uses only positive estimates; {@link #truncation} reports the missing weight
 * \( 1 - \sum_{n \le n_{\max}} p_n \), which must be small for S to be meaningful.
 *
 * <p>The cutoff {@code maxN}: Wigner samples are not in a Fock basis, and no sample is clipped.
 * Every \( p_n \) with \( n \le n_{\max} \) is an unbiased estimate whatever
 * \( n_{\max} \) is; the cutoff only decides which levels are estimated. What lies beyond it is
 * the weight \( 1 - \sum_{n \le n_{\max}} p_n \) ({@link #truncation}), the analogue of a
 * clipped fraction. It matters for sums over all levels: {@link #entropy} refuses (an
 * {@link IllegalStateException} naming the site, the missing weight with its error, the
 * tolerance and {@code maxN}) when the missing weight exceeds the truncation tolerance
 * ({@link #DEFAULT_TRUNCATION_TOLERANCE} \( = 10^{-3} \), settable with
 * {@link #truncationTolerance(double)}) by more than three of its standard errors
 * (the estimate is noisy, see {@link #truncation}); {@link #requireCovered(int)} makes the same
 * check. The check is made when the estimate is read, so a run's work is never lost; the
 * tolerance is a reading setting and is not serialized.
 *
 * <p>Memory: {@code sites * (nMax + 1)} doubles per jackknife block (an ensemble run folds its
 * groups into at most {@link #DEFAULT_BLOCKS} blocks of consecutive groups, a number that
 * depends only on the run's trajectories and group size, so that the result is bit-identical
 * for any thread count and batch size; {@link #observer(SampleSchedule, int, int[], int)} sets
 * another bound), as many per group of a running batch, and {@code nMax + 1} per trajectory of
 * a running batch. Filled with {@link #accept}, it keeps one row per group. Errors are
 * jackknife errors over the blocks. Not thread-safe.
 */
public final class FockPopulations implements Accumulator<FockPopulations>, Tabular {

    /** Most jackknife blocks of an ensemble run by default. */
    public static final int DEFAULT_BLOCKS = 32;
    /** Serialization tag; "FockPopulations" (still readable) before jackknife blocks. */
    private static final String TAG = "FockPopulations2";

    private final int[] sites;
    private final int maxN;
    /**
     * Default largest weight beyond the cutoff, \( 1 - \sum_{n \le n_{\max}} p_n \), accepted
     * by {@link #entropy}: \( 10^{-3} \).
     */
    public static final double DEFAULT_TRUNCATION_TOLERANCE = 1e-3;

    private final GroupedSums sums;
    private double truncationTolerance = DEFAULT_TRUNCATION_TOLERANCE;

    private FockPopulations(int[] sites, int maxN, GroupedSums sums) {
        this.sites = sites;
        this.maxN = maxN;
        this.sums = sums;
    }

    /**
     * An empty accumulator.
     *
     * @param maxN largest photon number, {@code >= 0}
     * @param sites zero-based sites (not modified)
     * @return a new accumulator
     */
    public static FockPopulations of(int maxN, int... sites) {
        Checks.atLeast("maxN", maxN, 0);
        int[] s = SiteMoments.of(sites).sites();
        return new FockPopulations(s, maxN, new GroupedSums(s.length * (maxN + 1)));
    }

    /**
     * The observer filling this accumulator.
     *
     * @param schedule when to sample
     * @param maxN largest photon number
     * @param sites zero-based sites (not modified)
     * @return the observer
     */
    public static EnsembleObserver<FockPopulations> observer(SampleSchedule schedule, int maxN,
                                                             int... sites) {
        return observer(schedule, maxN, sites, DEFAULT_BLOCKS);
    }

    /**
     * The observer with at most {@code maxBlocks} jackknife blocks in an ensemble run: the
     * groups are folded into blocks of consecutive groups (a number that depends on the run's
     * trajectories and group size only, {@link EnsembleObserver#forRun}; results are
     * bit-identical for any thread count and batch size). A {@code maxBlocks} of at least the
     * number of groups keeps one row per group.
     *
     * @param schedule when to sample
     * @param maxN largest photon number
     * @param sites zero-based sites (not modified)
     * @param maxBlocks most jackknife blocks, at least 2
     * @return the observer
     */
    public static EnsembleObserver<FockPopulations> observer(SampleSchedule schedule, int maxN,
                                                             int[] sites, int maxBlocks) {
        FockPopulations unblocked = of(maxN, sites);
        int width = unblocked.sums.width();
        // scratch: the Weyl symbols of every trajectory of the batch (Batch.values, Batch.w)
        return Blocked.map("FockPopulations", schedule, maxBlocks, width,
            perBlock -> new FockPopulations(unblocked.sites, maxN,
                new GroupedSums(width, perBlock)),
            (template, info) -> template.new Batch(info), FockPopulations::readFrom,
            batch -> (maxN + 1L) * (batch.size() + 1L));
    }

    /** An empty accumulator configured as this one. */
    private FockPopulations emptyCopy() {
        return new FockPopulations(sites, maxN,
            new GroupedSums(sums.width(), sums.groupsPerBlock()));
    }

    /**
     * Adds one sample (all observed sites) to a group.
     *
     * @param group group index
     * @param field {@code {Re alpha, Im alpha}} per observed site (not modified)
     */
    public void accept(long group, double[] field) {
        if (field.length != 2 * sites.length) {
            throw new IllegalArgumentException("field must have length " + 2 * sites.length
                + ": " + field.length);
        }
        Checks.allFinite("field", field);
        double[] row = new double[sums.width()];
        double[] w = new double[maxN + 1];
        for (int s = 0; s < sites.length; s++) {
            FockStates.weylSymbols(field[2 * s] * field[2 * s] + field[2 * s + 1]
                * field[2 * s + 1], w);
            System.arraycopy(w, 0, row, s * (maxN + 1), maxN + 1);
        }
        sums.add(group, 1, row);
    }

    private int slot(int site) {
        for (int s = 0; s < sites.length; s++) {
            if (sites[s] == site) {
                return s * (maxN + 1);
            }
        }
        throw new IllegalArgumentException("site " + site + " is not observed; observed: "
            + Arrays.toString(sites));
    }

    /** @return largest photon number */
    public int maxN() {
        return maxN;
    }

    /**
     * @param site an observed site
     * @param n photon number, {@code 0 .. maxN}
     * @return \( p_n \) with its jackknife error
     */
    public Estimate population(int site, int n) {
        Checks.index("n", n, maxN + 1);
        return sums.estimate(slot(site) + n, 1, m -> m[0]);
    }

    /**
     * The weight missing below the cutoff, a diagnostic for {@link #entropy}.
     *
     * <p>Per sample, the sum of the Weyl symbols up to \( n_{\max} \) is a partial sum of an
     * alternating series whose full sum is 1; the remainder is about minus half the last
     * symbol, \( -2(-1)^{n_{\max}} e^{-2|\alpha|^2} L_{n_{\max}}(4|\alpha|^2)/2 \), which
     * oscillates in \( |\alpha|^2 \) with amplitude about 0.05-0.2 for
     * \( n_{\max} = 400 \), \( |\alpha|^2 \le 10 \) (up to 1 near the origin). It averages out
     * over the samples, but makes this a noisy estimate: its standard error was
     * \( 2-4 \cdot 10^{-4} \) for 40 trajectories of 500 samples each in the Fig. 3
     * example.
     *
     * @param site an observed site
     * @return \( 1 - \sum_{n \le n_{\max}} p_n \) with its jackknife error
     */
    public Estimate truncation(int site) {
        return sums.estimate(slot(site), maxN + 1, m -> {
            double s = 0;
            for (double v : m) {
                s += v;
            }
            return 1 - s;
        });
    }

    /**
     * Sets the truncation tolerance used by {@link #entropy} (class documentation).
     *
     * @param tolerance largest accepted weight beyond the cutoff, in \( (0, 1] \)
     * @return this accumulator
     */
    public FockPopulations truncationTolerance(double tolerance) {
        if (!(tolerance > 0 && tolerance <= 1)) {
            throw new IllegalArgumentException("truncation tolerance must be in (0, 1]: "
                + tolerance);
        }
        this.truncationTolerance = tolerance;
        return this;
    }

    /** @return the truncation tolerance (default {@value #DEFAULT_TRUNCATION_TOLERANCE}) */
    public double truncationTolerance() {
        return truncationTolerance;
    }

    /**
     * Refuses a site whose weight beyond the cutoff ({@link #truncation}) exceeds the truncation
     * tolerance by more than three standard errors.
     *
     * @param site an observed site
     * @throws IllegalStateException naming the site, the missing weight, the tolerance and
     *     {@code maxN}
     */
    public void requireCovered(int site) {
        Estimate t = truncation(site);
        double err = Double.isFinite(t.standardError()) ? t.standardError() : 0;
        if (t.value() - 3 * err > truncationTolerance) {
            throw new IllegalStateException(String.format(java.util.Locale.ROOT,
                "FockPopulations, site %d (zero-based): the weight beyond the cutoff maxN = %d "
                + "is %.3g +- %.2g, above the truncation tolerance %.3g; raise maxN (or the "
                + "tolerance with truncationTolerance)", site, maxN, t.value(), t.standardError(),
                truncationTolerance));
        }
    }

    /**
     * Entropy \( S = -\sum_n p_n \ln p_n \) of a U(1)-symmetric local state.
     *
     * <p>The sum runs over \( n \le n_c \), where \( n_c \) is the smallest n at which the
     * pooled cumulative population reaches \( 1 - 10^{-4} \) (fixed for all jackknife
     * samples), and over positive estimates only. Summing the statistically noisy far tail
     * instead would add a spurious positive entropy of order
     * \( (n_{\max} - n_c) \cdot \sigma \ln(1/\sigma) \) for a noise level \( \sigma \) of the
     * single-level estimates. If the cumulative population never reaches \( 1 - 10^{-4} \)
     * (see {@link #truncation}), all levels up to {@code maxN} are used.
     *
     * @param site an observed site
     * @return S with its jackknife error
     * @throws IllegalStateException if the weight beyond the cutoff is above the truncation
     *     tolerance ({@link #requireCovered(int)})
     */
    public Estimate entropy(int site) {
        requireCovered(site);
        int o = slot(site);
        double[] m = sums.means();
        int cut = maxN;
        double cumulative = 0;
        for (int n = 0; n <= maxN; n++) {
            cumulative += m[o + n];
            if (cumulative >= 1 - 1e-4) {
                cut = n;
                break;
            }
        }
        return sums.estimate(o, cut + 1, p -> {
            double s = 0;
            for (double v : p) {
                if (v > 0) {
                    s -= v * Math.log(v);
                }
            }
            return s;
        });
    }

    @Override
    public FockPopulations combine(FockPopulations other) {
        if (!Arrays.equals(sites, other.sites) || maxN != other.maxN) {
            throw new IllegalArgumentException("cannot combine differently configured "
                + "populations");
        }
        sums.combine(other.sums);
        return this;
    }

    @Override
    public void writeTo(DataOutput out) throws IOException {
        out.writeUTF(TAG);
        out.writeInt(maxN);
        Formats.writeSites(out, sites);
        sums.writeTo(out);
    }

    /**
     * Reads an accumulator written by {@link #writeTo}.
     *
     * @param in source
     * @return the accumulator
     * @throws IOException if reading fails or the data is not a {@code FockPopulations}
     */
    public static FockPopulations readFrom(DataInput in) throws IOException {
        Formats.readTag(in, TAG, "FockPopulations");
        int maxN = in.readInt();
        int n = in.readInt();
        if (maxN < 0 || n < 1) {
            throw new IOException("corrupt FockPopulations header");
        }
        int[] s = Formats.readSites(in, n);
        GroupedSums g = GroupedSums.readFrom(in);
        if (g.width() != n * (maxN + 1)) {
            throw new IOException("corrupt FockPopulations: width " + g.width());
        }
        return new FockPopulations(s, maxN, g);
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
        return o instanceof FockPopulations && Arrays.equals(sites, ((FockPopulations) o).sites)
            && maxN == ((FockPopulations) o).maxN && sums.equals(((FockPopulations) o).sums);
    }

    @Override
    public int hashCode() {
        return Objects.hash(Arrays.hashCode(sites), maxN, sums);
    }

    private final class Batch extends ReducingBatch<FockPopulations> {
        private final double[] values;
        private final double[] w;

        Batch(BatchInfo info) {
            super(info, FockPopulations.this.sums.width());
            Formats.requireInside(sites, info);
            this.values = new double[(maxN + 1) * info.size()];
            this.w = new double[maxN + 1];
        }

        @Override
        public void observe(long step, double t, double[] x) {
            final int n = info.size();
            final int lanes = info.lanes();
            for (int s = 0; s < sites.length; s++) {
                final int re = 2 * sites[s] * lanes;
                final int im = re + lanes;
                for (int b = 0; b < n; b++) {
                    double ar = x[re + b];
                    double ai = x[im + b];
                    FockStates.weylSymbols(ar * ar + ai * ai, w);
                    for (int k = 0; k <= maxN; k++) {
                        values[k * n + b] = w[k];
                    }
                }
                for (int k = 0; k <= maxN; k++) {
                    reduction.add(s * (maxN + 1) + k, values, k * n);
                }
            }
            samples++;
        }

        @Override
        public FockPopulations finish(boolean[] diverged) {
            FockPopulations r = emptyCopy();
            reduction.finish(r.sums, diverged, samples);
            return r;
        }
    }

    /**
     * The populations as a table in long form, named {@code fock_populations}: one row per
     * observed site and photon number {@code 0 .. maxN}, sites in the order given.
     *
     * <p>Columns: {@code site} (long, zero-based), {@code n} (long, Fock level),
     * {@code population} and {@code population_err} ({@link #population}; probabilities, the
     * error missing with fewer than two groups). The values equal the accessor's bit for bit.
     * The weight beyond the cutoff is {@link #truncation} and the entropy {@link #entropy}.
     *
     * @return the table, with minimal provenance
     * @throws IllegalStateException if the accumulator holds no data (as the accessors)
     */
    @Override
    public Table toTable() {
        int rows = sites.length * (maxN + 1);
        int[] site = new int[rows];
        int[] level = new int[rows];
        EstimateColumns q = new EstimateColumns();
        int r = 0;
        for (int s : sites) {
            for (int n = 0; n <= maxN; n++) {
                site[r] = s;
                level[r] = n;
                q.add("population", population(s, n));
                r++;
            }
        }
        return q.into(Table.builder("fock_populations").ints("site", site).ints("n", level))
            .build();
    }
}
