package org.ness4j.observables;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
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
 * The local density matrix \( \rho_{nm} = \langle n|\rho_\ell|m\rangle \) of one site in the Fock
 * basis, \( 0 \le m, n \lt d \), from Wigner samples (paper 000, Methods: "the general local
 * \( \rho_{mn} \) likewise from Weyl symbols"): \( \rho_{nm} = \langle \pi W_{|m\rangle\langle n|}
 * (\alpha) \rangle \) with the Wigner function of the operator \( |m\rangle\langle n| \),
 * \[ \pi W_{|m\rangle\langle n|}(\alpha) = 2(-1)^m \sqrt{m!/n!}\,(2\alpha)^{n-m}
 *    e^{-2|\alpha|^2} L_m^{(n-m)}(4|\alpha|^2) \quad (n \ge m), \]
 * (the sign of the phase checked against coherent states in a test) and
 * \( \rho_{mn} = \rho_{nm}^* \). The diagonal is {@link FockPopulations}' estimator.
 * Generalized Laguerre polynomials are evaluated by their three-term recurrence and the
 * prefactors in log space, so that nothing overflows for d up to a few hundred.
 *
 * <p>Cost per sample and trajectory \( O(d^2) \) (one Laguerre recurrence per diagonal, a
 * log-gamma prefactor per entry). Memory: \( d(d+1) \) doubles per jackknife block (an
 * ensemble run folds its groups into at most {@link #DEFAULT_BLOCKS} blocks of consecutive
 * groups, a number that depends only on the run's trajectories and group size, so that the
 * result is bit-identical for any thread count and batch size;
 * {@link #observer(SampleSchedule, int, int, int)} sets another bound), as many per group and
 * per trajectory of a running batch. Filled with {@link #accept}, it keeps one row per group.
 * Errors are jackknife errors over the blocks. Not thread-safe.
 */
public final class LocalDensityMatrix implements Accumulator<LocalDensityMatrix>, Tabular {

    /** Most jackknife blocks of an ensemble run by default. */
    public static final int DEFAULT_BLOCKS = 32;
    /** Serialization tag; "LocalDensityMatrix" (still readable) before jackknife blocks. */
    private static final String TAG = "LocalDensityMatrix2";

    private final int site;
    private final int dimension;
    private final GroupedSums sums;

    private LocalDensityMatrix(int site, int dimension, GroupedSums sums) {
        this.site = site;
        this.dimension = dimension;
        this.sums = sums;
    }

    /**
     * Largest Fock cutoff d accepted: the largest d with d (d + 1) running sums per group at
     * most {@code Integer.MAX_VALUE - 16} (the largest Java array): 46340.
     */
    static final int MAX_DIMENSION = 46340;

    /**
     * An empty accumulator.
     *
     * @param site zero-based site
     * @param dimension Fock cutoff d (levels 0 .. d - 1), at least 1 and at most 46340
     * @return a new accumulator
     */
    public static LocalDensityMatrix of(int site, int dimension) {
        Checks.atLeast("site", site, 0);
        Checks.atLeast("dimension", dimension, 1);
        if (dimension > MAX_DIMENSION) {
            throw new IllegalArgumentException("dimension must be at most " + MAX_DIMENSION
                + " (d (d + 1) running sums per group): " + dimension);
        }
        return new LocalDensityMatrix(site, dimension,
            new GroupedSums(dimension * (dimension + 1)));
    }

    /**
     * The observer filling this accumulator.
     *
     * @param schedule when to sample
     * @param site zero-based site
     * @param dimension Fock cutoff
     * @return the observer
     */
    public static EnsembleObserver<LocalDensityMatrix> observer(SampleSchedule schedule,
                                                                int site, int dimension) {
        return observer(schedule, site, dimension, DEFAULT_BLOCKS);
    }

    /**
     * The observer with at most {@code maxBlocks} jackknife blocks in an ensemble run: the
     * groups are folded into blocks of consecutive groups (a number that depends on the run's
     * trajectories and group size only, {@link EnsembleObserver#forRun}; results are
     * bit-identical for any thread count and batch size). A {@code maxBlocks} of at least the
     * number of groups keeps one row per group.
     *
     * @param schedule when to sample
     * @param site zero-based site
     * @param dimension Fock cutoff
     * @param maxBlocks most jackknife blocks, at least 2
     * @return the observer
     */
    public static EnsembleObserver<LocalDensityMatrix> observer(SampleSchedule schedule,
                                                                int site, int dimension,
                                                                int maxBlocks) {
        int width = of(site, dimension).sums.width();
        // scratch: the Weyl symbols of every trajectory of the batch (Batch.values, Batch.w)
        return Blocked.map("LocalDensityMatrix", schedule, maxBlocks, width,
            perBlock -> new LocalDensityMatrix(site, dimension, new GroupedSums(width, perBlock)),
            (template, info) -> template.new Batch(info), LocalDensityMatrix::readFrom,
            batch -> width * (batch.size() + 1L));
    }

    /** An empty accumulator configured as this one. */
    private LocalDensityMatrix emptyCopy() {
        return new LocalDensityMatrix(site, dimension,
            new GroupedSums(sums.width(), sums.groupsPerBlock()));
    }

    /** Index of Re rho_{nm} (n >= m) in a row; Im follows. */
    private static int column(int n, int m) {
        return 2 * (n * (n + 1) / 2 + m);
    }

    /**
     * Evaluates \( \pi W_{|m\rangle\langle n|}(\alpha) \) for all \( 0 \le m \le n < d \).
     *
     * @param re Re alpha
     * @param im Im alpha
     * @param d cutoff
     * @param out receives Re and Im at {@code column(n, m)} (modified)
     */
    static void weylSymbols(double re, double im, int d, double[] out) {
        double r2 = re * re + im * im;
        double x = 4 * r2;
        double logR = 0.5 * Math.log(Math.max(r2, Double.MIN_NORMAL));
        double phase = Math.atan2(im, re); // alpha = |alpha| e^{i phi}
        for (int k = 0; k < d; k++) {
            // L_m^{(k)}(x) for m = 0 .. d - 1 - k by recurrence, with exponent tracking
            double prev = 0;
            double cur = 1;
            double logScale = 0;
            double cosK = Math.cos(k * phase);
            double sinK = Math.sin(k * phase);
            for (int m = 0; m + k < d; m++) {
                if (m == 1) {
                    prev = cur;
                    cur = 1 + k - x;
                } else if (m > 1) {
                    double next = ((2 * m - 1 + k - x) * cur - (m - 1 + k) * prev) / m;
                    prev = cur;
                    cur = next;
                }
                if (Math.abs(cur) > 1e150) {
                    cur *= 1e-150;
                    prev *= 1e-150;
                    logScale += Math.log(1e150);
                }
                int n = m + k;
                // log of 2 sqrt(m!/n!) (2|alpha|)^k e^{-2|alpha|^2}
                double logMag = Math.log(2) + 0.5 * (lgamma(m + 1) - lgamma(n + 1))
                    + k * (Math.log(2) + logR) - 2 * r2 + logScale;
                double v = (m % 2 == 0 ? 1 : -1) * cur * Math.exp(logMag);
                if (k > 0 && r2 == 0) {
                    v = 0;
                }
                out[column(n, m)] = v * cosK;
                out[column(n, m) + 1] = v * sinK;
            }
        }
    }

    private static double lgamma(int n) {
        return org.hipparchus.special.Gamma.logGamma(n);
    }

    /**
     * Adds one sample of the site's field to a group.
     *
     * @param group group index
     * @param re Re alpha
     * @param im Im alpha
     */
    public void accept(long group, double re, double im) {
        Checks.finite("re", re);
        Checks.finite("im", im);
        double[] row = new double[sums.width()];
        weylSymbols(re, im, dimension, row);
        sums.add(group, 1, row);
    }

    /** @return Fock cutoff d */
    public int dimension() {
        return dimension;
    }

    /**
     * @param n row, {@code 0 .. d - 1}
     * @param m column, {@code 0 .. d - 1}
     * @return \( \mathrm{Re}\,\rho_{nm} \)
     */
    public Estimate re(int n, int m) {
        Checks.index("n", n, dimension);
        Checks.index("m", m, dimension);
        return sums.estimate(column(Math.max(n, m), Math.min(n, m)), 1, v -> v[0]);
    }

    /**
     * @param n row
     * @param m column
     * @return \( \mathrm{Im}\,\rho_{nm} \) (antisymmetric: \( \rho_{mn} = \rho_{nm}^* \))
     */
    public Estimate im(int n, int m) {
        Checks.index("n", n, dimension);
        Checks.index("m", m, dimension);
        double sign = n >= m ? 1 : -1;
        return sums.estimate(column(Math.max(n, m), Math.min(n, m)) + 1, 1, v -> sign * v[0]);
    }

    /**
     * The weight beyond the cutoff, \( 1 - \mathrm{Tr}\,\rho \) over the levels
     * {@code 0 .. d - 1}. Wigner samples are not in a Fock basis and none is clipped: every
     * entry is an unbiased estimate whatever d is, and this is the population the d levels do
     * not hold (compare {@link FockPopulations#truncation}). Statistical noise makes it
     * fluctuate around its mean; it should be small for the matrix to describe the whole state.
     *
     * @return \( 1 - \sum_{n &lt; d} \rho_{nn} \) with its jackknife error
     */
    public Estimate truncation() {
        int[] diag = new int[dimension];
        for (int n = 0; n < dimension; n++) {
            diag[n] = column(n, n);
        }
        return sums.estimate(0, sums.width(), v -> {
            double s = 0;
            for (int c : diag) {
                s += v[c];
            }
            return 1 - s;
        });
    }

    @Override
    public LocalDensityMatrix combine(LocalDensityMatrix other) {
        if (site != other.site || dimension != other.dimension) {
            throw new IllegalArgumentException("cannot combine differently configured "
                + "density matrices");
        }
        sums.combine(other.sums);
        return this;
    }

    @Override
    public void writeTo(DataOutput out) throws IOException {
        out.writeUTF(TAG);
        out.writeInt(site);
        out.writeInt(dimension);
        sums.writeTo(out);
    }

    /**
     * Reads an accumulator written by {@link #writeTo}.
     *
     * @param in source
     * @return the accumulator
     * @throws IOException if reading fails or the data is not a {@code LocalDensityMatrix}
     */
    public static LocalDensityMatrix readFrom(DataInput in) throws IOException {
        Formats.readTag(in, TAG, "LocalDensityMatrix");
        int site = in.readInt();
        int d = in.readInt();
        if (site < 0 || d < 1) {
            throw new IOException("corrupt LocalDensityMatrix header");
        }
        GroupedSums g = GroupedSums.readFrom(in);
        if (g.width() != d * (d + 1)) {
            throw new IOException("corrupt LocalDensityMatrix: width " + g.width());
        }
        return new LocalDensityMatrix(site, d, g);
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
        return o instanceof LocalDensityMatrix && site == ((LocalDensityMatrix) o).site
            && dimension == ((LocalDensityMatrix) o).dimension
            && sums.equals(((LocalDensityMatrix) o).sums);
    }

    @Override
    public int hashCode() {
        return Objects.hash(site, dimension, sums);
    }

    private final class Batch extends ReducingBatch<LocalDensityMatrix> {
        private final double[] values;
        private final double[] w;

        Batch(BatchInfo info) {
            super(info, LocalDensityMatrix.this.sums.width());
            Formats.requireInside(new int[] {site}, info);
            this.values = new double[sums.width() * info.size()];
            this.w = new double[sums.width()];
        }

        @Override
        public void observe(long step, double t, double[] x) {
            final int n = info.size();
            final int lanes = info.lanes();
            final int re = 2 * site * lanes;
            final int im = re + lanes;
            final int width = sums.width();
            for (int b = 0; b < n; b++) {
                weylSymbols(x[re + b], x[im + b], dimension, w);
                for (int k = 0; k < width; k++) {
                    values[k * n + b] = w[k];
                }
            }
            for (int k = 0; k < width; k++) {
                reduction.add(k, values, k * n);
            }
            samples++;
        }

        @Override
        public LocalDensityMatrix finish(boolean[] diverged) {
            LocalDensityMatrix r = emptyCopy();
            reduction.finish(r.sums, diverged, samples);
            return r;
        }
    }

    /**
     * The matrix as a table in long form, named {@code local_density_matrix}: one row per
     * element \( (n, m) \), {@code n} then {@code m} from 0 to {@code d - 1} (both triangles,
     * \( \rho_{mn} = \rho_{nm}^* \)).
     *
     * <p>Columns: {@code site} (long, zero-based, the same on every row), {@code n}, {@code m}
     * (long, Fock levels), then {@code re}, {@code re_err}, {@code im}, {@code im_err}
     * ({@link #re}, {@link #im}; dimensionless, errors missing with fewer than two groups). The
     * values equal the accessors' bit for bit. The weight beyond the cutoff is
     * {@link #truncation}.
     *
     * @return the table, with minimal provenance
     * @throws IllegalStateException if the accumulator holds no data (as the accessors)
     */
    @Override
    public Table toTable() {
        int rows = dimension * dimension;
        int[] siteColumn = new int[rows];
        int[] rowN = new int[rows];
        int[] colM = new int[rows];
        EstimateColumns q = new EstimateColumns();
        int r = 0;
        for (int n = 0; n < dimension; n++) {
            for (int m = 0; m < dimension; m++) {
                siteColumn[r] = site;
                rowN[r] = n;
                colM[r] = m;
                q.add("re", re(n, m)).add("im", im(n, m));
                r++;
            }
        }
        return q.into(Table.builder("local_density_matrix").ints("site", siteColumn)
            .ints("n", rowN).ints("m", colM)).build();
    }
}
