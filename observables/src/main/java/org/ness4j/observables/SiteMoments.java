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
 * Single-site photon statistics of a chain from Wigner samples, averaged over trajectories and
 * over the sampled times (paper 000, Methods table and Eq. 5): for each chosen site the moments
 * \( \langle \mathrm{Re}\,\alpha \rangle, \langle \mathrm{Im}\,\alpha \rangle,
 * \langle|\alpha|^2\rangle, \langle|\alpha|^4\rangle, \langle\cos\varphi\rangle,
 * \langle\sin\varphi\rangle, \langle(\mathrm{Im}\,\alpha)^2\rangle \) of the symmetrically
 * ordered field, from which
 * <ul>
 *   <li>field \( \langle a_\ell\rangle = \langle\alpha_\ell\rangle \);</li>
 *   <li>photon number \( n_\ell = \langle|\alpha_\ell|^2\rangle - 1/2 \);</li>
 *   <li>\( \langle a^{\dagger 2}a^2\rangle = \langle|\alpha|^4\rangle - 2\langle|\alpha|^2\rangle
 *       + 1/2 \) (Weyl symbol);</li>
 *   <li>\( \delta n_\ell = \langle a^{\dagger 2}a^2\rangle - n_\ell^2 \) (Eq. 5) and
 *       \( g^{(2)}_\ell = \langle a^{\dagger 2}a^2\rangle / n_\ell^2 \);</li>
 *   <li>circular variance \( 1 - |\langle e^{i\varphi_\ell}\rangle| \),
 *       \( \varphi = \arg\alpha \);</li>
 *   <li>equipartition temperature \( |\Delta|\langle p^2\rangle \) (Eq. 40).</li>
 * </ul>
 * Each estimate carries a jackknife standard error over independent trajectory groups (see
 * {@link GroupedSums}). In the classical limit (no vacuum fluctuations) use
 * {@link #meanSquare} and {@link #meanFourth} directly instead of the Weyl-ordered estimators.
 *
 * <p>Streaming: {@link #observer} accumulates per-trajectory time sums inside a batch (no
 * trajectory is stored) and hands them over per group at the end of the batch. Memory:
 * {@code 7 * sites * 8} bytes per group, plus {@code 7 * sites * batch * 8} bytes per running
 * batch.
 *
 * <p>Not thread-safe; combine per-batch results ({@link Accumulator} contract).
 */
public final class SiteMoments implements Accumulator<SiteMoments>, Tabular {

    /** Moments kept per site. */
    static final int MOMENTS = 7;
    private static final int RE = 0;
    private static final int IM = 1;
    private static final int R2 = 2;
    private static final int R4 = 3;
    private static final int COS = 4;
    private static final int SIN = 5;
    private static final int IM2 = 6;

    private final int[] sites;
    private final GroupedSums sums;

    private SiteMoments(int[] sites, GroupedSums sums) {
        this.sites = sites;
        this.sums = sums;
    }

    /**
     * An empty accumulator for the given sites.
     *
     * @param sites zero-based site indices, distinct and non-negative (not modified)
     * @return a new accumulator
     */
    public static SiteMoments of(int... sites) {
        if (sites.length == 0) {
            throw new IllegalArgumentException("sites must not be empty");
        }
        int[] s = sites.clone();
        for (int i = 0; i < s.length; i++) {
            Checks.atLeast("sites[" + i + "]", s[i], 0);
            for (int k = 0; k < i; k++) {
                if (s[k] == s[i]) {
                    throw new IllegalArgumentException("sites must be distinct: " + s[i]
                        + " appears twice");
                }
            }
        }
        return new SiteMoments(s, new GroupedSums(MOMENTS * s.length));
    }

    /**
     * An empty accumulator for all sites {@code 0 .. length - 1}.
     *
     * @param length chain length
     * @return a new accumulator
     */
    public static SiteMoments allSites(int length) {
        Checks.atLeast("length", length, 1);
        int[] s = new int[length];
        for (int l = 0; l < length; l++) {
            s[l] = l;
        }
        return of(s);
    }

    /**
     * The ensemble observer filling this kind of accumulator.
     *
     * @param schedule when to sample (e.g. from the end of the transient, every k steps)
     * @param sites zero-based sites to observe (not modified)
     * @return an observer
     */
    public static EnsembleObserver<SiteMoments> observer(SampleSchedule schedule, int... sites) {
        Objects.requireNonNull(schedule, "schedule");
        SiteMoments template = of(sites);
        return EnsembleObserver.of(schedule, info -> template.new Batch(info),
            () -> new SiteMoments(template.sites, new GroupedSums(template.sums.width())),
            SiteMoments::readFrom);
    }

    /**
     * Adds one sample (one trajectory at one time) to a group.
     *
     * @param group statistical group index
     * @param field the field at the accumulator's sites, {@code {Re alpha, Im alpha}} per site in
     *     the order of {@link #sites()} (not modified)
     */
    public void accept(long group, double[] field) {
        if (field.length != 2 * sites.length) {
            throw new IllegalArgumentException("field must have length " + 2 * sites.length
                + ": " + field.length);
        }
        double[] v = new double[MOMENTS * sites.length];
        for (int s = 0; s < sites.length; s++) {
            moments(field[2 * s], field[2 * s + 1], v, MOMENTS * s);
        }
        sums.add(group, 1, v);
    }

    private static void moments(double re, double im, double[] out, int off) {
        double r2 = re * re + im * im;
        double inv = 1.0 / Math.sqrt(Math.max(r2, Double.MIN_NORMAL));
        out[off + RE] = re;
        out[off + IM] = im;
        out[off + R2] = r2;
        out[off + R4] = r2 * r2;
        out[off + COS] = re * inv;
        out[off + SIN] = im * inv;
        out[off + IM2] = im * im;
    }

    /** @return a copy of the observed sites */
    public int[] sites() {
        return sites.clone();
    }

    /** @return number of statistical groups with data */
    public int groupCount() {
        return sums.groupCount();
    }

    /** @return number of samples (trajectories times sampled times) */
    public double sampleCount() {
        return sums.sampleCount();
    }

    private int slot(int site) {
        for (int s = 0; s < sites.length; s++) {
            if (sites[s] == site) {
                return MOMENTS * s;
            }
        }
        throw new IllegalArgumentException("site " + site + " is not observed; observed: "
            + Arrays.toString(sites));
    }

    /**
     * @param site zero-based site
     * @return \( \mathrm{Re}\langle a_\ell\rangle \)
     */
    public Estimate fieldRe(int site) {
        return sums.estimate(slot(site), MOMENTS, m -> m[RE]);
    }

    /**
     * @param site zero-based site
     * @return \( \mathrm{Im}\langle a_\ell\rangle \)
     */
    public Estimate fieldIm(int site) {
        return sums.estimate(slot(site), MOMENTS, m -> m[IM]);
    }

    /**
     * @param site zero-based site
     * @return \( \langle|\alpha_\ell|^2\rangle \) (symmetrically ordered; the classical
     *     intensity in the Gross-Pitaevskii limit)
     */
    public Estimate meanSquare(int site) {
        return sums.estimate(slot(site), MOMENTS, m -> m[R2]);
    }

    /**
     * Photon number averaged within each statistical group separately, in group order. With
     * {@code groupSize(1)} these are the time-averaged photon numbers of the individual
     * trajectories, whose histogram reveals metastability (paper 000, Fig. 7(c)).
     *
     * @param site zero-based site
     * @return one value per group
     */
    public double[] groupPhotonNumbers(int site) {
        double[] m = sums.groupMeans(slot(site) + R2);
        for (int i = 0; i < m.length; i++) {
            m[i] -= 0.5;
        }
        return m;
    }

    /**
     * @param site zero-based site
     * @return \( \langle|\alpha_\ell|^4\rangle \)
     */
    public Estimate meanFourth(int site) {
        return sums.estimate(slot(site), MOMENTS, m -> m[R4]);
    }

    /**
     * @param site zero-based site
     * @return the field variance \( \langle|\alpha_\ell - \langle\alpha_\ell\rangle|^2\rangle
     *     = \langle|\alpha_\ell|^2\rangle - |\langle\alpha_\ell\rangle|^2 \), i.e. the Wigner
     *     covariance \( \langle\delta\alpha^*\delta\alpha\rangle \) (1/2 in a coherent state)
     */
    public Estimate fieldVariance(int site) {
        return sums.estimate(slot(site), MOMENTS, m -> m[R2] - m[RE] * m[RE] - m[IM] * m[IM]);
    }

    /**
     * @param site zero-based site
     * @return photon number \( n_\ell = \langle|\alpha_\ell|^2\rangle - 1/2 \)
     */
    public Estimate photonNumber(int site) {
        return sums.estimate(slot(site), MOMENTS, m -> m[R2] - 0.5);
    }

    /**
     * @param site zero-based site
     * @return \( \langle a^{\dagger 2}a^2\rangle = \langle|\alpha|^4\rangle
     *     - 2\langle|\alpha|^2\rangle + 1/2 \)
     */
    public Estimate pairCorrelation(int site) {
        return sums.estimate(slot(site), MOMENTS, SiteMoments::adag2a2);
    }

    /**
     * @param site zero-based site
     * @return \( \delta n_\ell = \langle a^{\dagger 2}a^2\rangle - n_\ell^2 \) (Eq. 5)
     */
    public Estimate numberFluctuation(int site) {
        return sums.estimate(slot(site), MOMENTS, m -> {
            double n = m[R2] - 0.5;
            return adag2a2(m) - n * n;
        });
    }

    /**
     * @param site zero-based site
     * @return \( g^{(2)}_\ell = \langle a^{\dagger 2}a^2\rangle / n_\ell^2 \)
     */
    public Estimate g2(int site) {
        return sums.estimate(slot(site), MOMENTS, m -> {
            double n = m[R2] - 0.5;
            return adag2a2(m) / (n * n);
        });
    }

    /**
     * @param site zero-based site
     * @return the mean phase \( \arg\langle e^{i\varphi_\ell}\rangle \) in \( (-\pi, \pi] \)
     *     (ill-defined where the circular variance is close to 1)
     */
    public Estimate meanPhase(int site) {
        return meanPhase(sums, slot(site), MOMENTS, COS, SIN);
    }

    /**
     * The circular mean \( \arg(\langle\cos\varphi\rangle + i\langle\sin\varphi\rangle) \)
     * with its jackknife error, measured from the pooled mean phase \( \varphi_0 \): the
     * leave-one-group-out phases are taken as \( \varphi_0 \) plus their (small) angle to it,
     * so they do not jump by \( 2\pi \) when the mean phase is near \( \pm\pi \) (which
     * would inflate the error bar to about \( \pi \)).
     *
     * @param sums the accumulator storage
     * @param offset first column of the block passed to the estimator
     * @param count columns in the block
     * @param cos index of the mean cosine within the block
     * @param sin index of the mean sine within the block
     * @return the mean phase in \( (-\pi, \pi] \) and its standard error
     */
    static Estimate meanPhase(GroupedSums sums, int offset, int count, int cos, int sin) {
        double phi0 = sums.estimate(offset, count, m -> Math.atan2(m[sin], m[cos])).value();
        double c0 = Math.cos(phi0);
        double s0 = Math.sin(phi0);
        Estimate e = sums.estimate(offset, count,
            m -> phi0 + Math.atan2(m[sin] * c0 - m[cos] * s0, m[cos] * c0 + m[sin] * s0));
        double v = e.value();
        if (v > Math.PI) {
            v -= 2 * Math.PI;
        } else if (v <= -Math.PI) {
            v += 2 * Math.PI;
        }
        return new Estimate(v, e.standardError());
    }

    /**
     * @param site zero-based site
     * @return circular variance \( 1 - |\langle e^{i\varphi_\ell}\rangle| \)
     */
    public Estimate circularVariance(int site) {
        return sums.estimate(slot(site), MOMENTS, m -> 1.0 - Math.hypot(m[COS], m[SIN]));
    }

    /**
     * Equipartition temperature (paper 000, Eq. 40): \( T_\ell = |\Delta|\langle p_\ell^2\rangle \)
     * with the momentum \( p = \sqrt 2\,\mathrm{Im}\,\alpha \).
     *
     * @param site zero-based site
     * @param detuning \( \Delta \) of the chain
     * @return \( T_\ell = 2|\Delta|\langle(\mathrm{Im}\,\alpha_\ell)^2\rangle \)
     */
    public Estimate equipartitionTemperature(int site, double detuning) {
        double d = Math.abs(Checks.finite("detuning", detuning));
        return sums.estimate(slot(site), MOMENTS, m -> 2 * d * m[IM2]);
    }

    private static double adag2a2(double[] m) {
        return m[R4] - 2 * m[R2] + 0.5;
    }

    @Override
    public SiteMoments combine(SiteMoments other) {
        if (!Arrays.equals(sites, other.sites)) {
            throw new IllegalArgumentException("cannot combine sites " + Arrays.toString(
                other.sites) + " into " + Arrays.toString(sites));
        }
        sums.combine(other.sums);
        return this;
    }

    @Override
    public void writeTo(DataOutput out) throws IOException {
        out.writeUTF("SiteMoments");
        Formats.writeSites(out, sites);
        sums.writeTo(out);
    }

    /**
     * Reads an accumulator written by {@link #writeTo}.
     *
     * @param in source
     * @return the accumulator
     * @throws IOException if reading fails or the data is not a {@code SiteMoments}
     */
    public static SiteMoments readFrom(DataInput in) throws IOException {
        Formats.readTag(in, "SiteMoments");
        int n = in.readInt();
        if (n < 1) {
            throw new IOException("corrupt SiteMoments: " + n + " sites");
        }
        int[] s = Formats.readSites(in, n);
        GroupedSums g = GroupedSums.readFrom(in);
        if (g.width() != MOMENTS * n) {
            throw new IOException("corrupt SiteMoments: width " + g.width() + " for " + n
                + " sites");
        }
        return new SiteMoments(s, g);
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
        return o instanceof SiteMoments && Arrays.equals(sites, ((SiteMoments) o).sites)
            && sums.equals(((SiteMoments) o).sums);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(sites) + sums.hashCode();
    }

    /**
     * Per-batch observer: per-trajectory time sums, handed over per group at the end. With
     * replicas, only replica 0 is observed.
     */
    private final class Batch implements BatchObserver<SiteMoments> {
        private final BatchInfo info;
        private final double[] laneSums;
        private long samples;

        Batch(BatchInfo info) {
            this.info = info;
            Formats.requireInside(sites, info);
            this.laneSums = new double[MOMENTS * sites.length * info.size()];
        }

        @Override
        public void observe(long step, double t, double[] x) {
            final int n = info.size();
            final int lanes = info.lanes();
            for (int s = 0; s < sites.length; s++) {
                final int re = 2 * sites[s] * lanes;
                final int im = re + lanes;
                final int o = MOMENTS * s * n;
                for (int b = 0; b < n; b++) {
                    double ar = x[re + b];
                    double ai = x[im + b];
                    double r2 = ar * ar + ai * ai;
                    double inv = 1.0 / Math.sqrt(Math.max(r2, Double.MIN_NORMAL));
                    laneSums[o + RE * n + b] += ar;
                    laneSums[o + IM * n + b] += ai;
                    laneSums[o + R2 * n + b] += r2;
                    laneSums[o + R4 * n + b] += r2 * r2;
                    laneSums[o + COS * n + b] += ar * inv;
                    laneSums[o + SIN * n + b] += ai * inv;
                    laneSums[o + IM2 * n + b] += ai * ai;
                }
            }
            samples++;
        }

        @Override
        public boolean canSaveState() {
            return true;
        }

        @Override
        public void saveState(java.io.DataOutput out) throws java.io.IOException {
            BatchObserver.writeArray(out, laneSums);
            out.writeLong(samples);
        }

        @Override
        public void restoreState(java.io.DataInput in) throws java.io.IOException {
            BatchObserver.readArray(in, laneSums);
            samples = in.readLong();
        }

        @Override
        public SiteMoments finish(boolean[] diverged) {
            SiteMoments result = new SiteMoments(sites, new GroupedSums(sums.width()));
            final int n = info.size();
            final int g = info.groupSize();
            final int width = MOMENTS * sites.length;
            double[] v = new double[width];
            for (int start = 0; start < n; start += g) {
                int end = Math.min(n, start + g);
                boolean bad = false;
                for (int b = start; b < end; b++) {
                    bad |= diverged[b];
                }
                if (bad || samples == 0) {
                    continue;
                }
                Arrays.fill(v, 0.0);
                for (int k = 0; k < width; k++) {
                    for (int b = start; b < end; b++) {
                        v[k] += laneSums[k * n + b];
                    }
                }
                long group = (info.firstTrajectory() + start) / g;
                result.sums.add(group, (double) samples * (end - start), v);
            }
            return result;
        }
    }

    /**
     * The estimates as a table in long form, named {@code site_moments}: one row per observed
     * site (in {@link #sites()} order), one column per quantity with its jackknife error.
     *
     * <p>Columns: {@code site} (long, zero-based; the paper's \( \ell \) is {@code site + 1}),
     * then, each followed by its {@code _err} column: {@code field_re}, {@code field_im}
     * ({@link #fieldRe}, {@link #fieldIm}), {@code mean_square}, {@code mean_fourth}
     * ({@link #meanSquare}, {@link #meanFourth}), {@code field_variance}, {@code n}
     * ({@link #photonNumber}), {@code pair_correlation}, {@code number_fluctuation},
     * {@code g2}, {@code mean_phase} (radians, in \( (-\pi, \pi] \)) and
     * {@code circular_variance}. The field is in units of \( \sqrt{\text{photons}} \),
     * numbers in photons. Value and error columns allow missing values (empty CSV fields):
     * an error is missing with fewer than two groups, a value where it is undefined (e.g.
     * {@code g2} at zero photon number). The equipartition temperature needs the detuning and
     * is in {@link #toTable(double)}. The values equal the accessors'
     * bit for bit.
     *
     * @return the table, with {@link org.ness4j.core.table.Provenance#minimal() minimal}
     *     provenance (attach the run's with {@code EnsembleResult.table})
     * @throws IllegalStateException if the accumulator holds no data (as the accessors)
     */
    @Override
    public Table toTable() {
        EstimateColumns q = new EstimateColumns();
        for (int site : sites) {
            q.add("field_re", fieldRe(site)).add("field_im", fieldIm(site))
                .add("mean_square", meanSquare(site)).add("mean_fourth", meanFourth(site))
                .add("field_variance", fieldVariance(site)).add("n", photonNumber(site))
                .add("pair_correlation", pairCorrelation(site))
                .add("number_fluctuation", numberFluctuation(site)).add("g2", g2(site))
                .add("mean_phase", meanPhase(site))
                .add("circular_variance", circularVariance(site));
        }
        return q.into(Table.builder("site_moments").ints("site", sites)).build();
    }

    /**
     * {@link #toTable()} with the equipartition temperature (paper 000, Eq. 40) as two more
     * columns at the end: {@code temperature} and {@code temperature_err}
     * ({@link #equipartitionTemperature(int, double)}, in the units of the detuning).
     *
     * @param detuning \( \Delta \) of the chain
     * @return the table, with minimal provenance
     * @throws IllegalArgumentException if the detuning is not finite
     * @throws IllegalStateException if the accumulator holds no data (as the accessors)
     */
    public Table toTable(double detuning) {
        Checks.finite("detuning", detuning);
        Table base = toTable();
        Table.Builder b = Table.builder(base.name());
        base.columns().forEach(b::column);
        java.util.List<Estimate> t = new java.util.ArrayList<>();
        for (int site : sites) {
            t.add(equipartitionTemperature(site, detuning));
        }
        return b.estimatesWithMissing("temperature", t).build();
    }
}
