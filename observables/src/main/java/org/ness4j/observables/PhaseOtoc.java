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
import org.ness4j.sde.ensemble.Perturbation;
import org.ness4j.sde.ensemble.SampleSchedule;

/**
 * The semiclassical phase out-of-time-order correlator of paper 000 (Eq. 6, 14-15):
 * \[ D_{k,\ell}(\tau) = 1 - \langle \cos(\varphi^{(a)}_\ell(t+\tau) - \varphi^{(b)}_\ell(t+\tau))
 *    \rangle , \]
 * where replica b is a copy of replica a whose phase at site k was shifted by \( \varepsilon \) at
 * the stationary time t, and both evolve with the same noise.
 *
 * <p>Use with an ensemble of two replicas:
 * <pre>{@code
 * Ensemble.builder(problem)....steps(kickStep + every * (delays - 1))
 *     .replicas(2, kickStep, PhaseOtoc.kick(k, 1e-3))
 *     .build().run(PhaseOtoc.observer(kickStep, every, delays, dt, sites));
 * }</pre>
 * Delay {@code j} is \( \tau_j = j \cdot every \cdot dt \). Each trajectory contributes one value
 * per (site, delay); standard errors are jackknife errors over trajectory groups, which an
 * ensemble run folds into at most {@link #DEFAULT_BLOCKS} jackknife blocks (the accumulator
 * keeps {@code sites * delays} doubles per block, and each running batch as many per group in
 * it).
 *
 * <p>Each sample contributes \( 1 - \cos\Delta\varphi \), computed as
 * \( \sin^2\Delta\varphi / (1 + \cos\Delta\varphi) \) when the phases are close, so
 * that D keeps its relative precision far below the double-precision resolution of
 * \( \cos\Delta\varphi \) near 1 (about 1e-16): the exponential growth ahead of the light
 * cone starts from \( D \sim \varepsilon^2 \) and smaller.
 *
 * <p>Derived quantities: saturation value over a late window, Lyapunov exponent \( \lambda \)
 * from a log-linear fit of \( D \) in a growth window, and the butterfly velocity from the
 * light cone \( \tau^*(\ell) \) at which \( D_{k,\ell} \) first reaches a threshold.
 *
 * <p>Not thread-safe; combine per-batch results.
 */
public final class PhaseOtoc implements Accumulator<PhaseOtoc>, Tabular {

    /**
     * Serialization tag; "-v2" since the sums hold \( 1 - \cos\Delta\varphi \) (version 1
     * held the cosine, and is refused rather than misread).
     */
    private static final String TAG = "PhaseOtoc-v3";
    /** The tag before jackknife blocks (its sums are per group; still readable). */
    private static final String TAG_V2 = "PhaseOtoc-v2";
    /** Most jackknife blocks of an ensemble run by default. */
    public static final int DEFAULT_BLOCKS = 32;

    private final int[] sites;
    private final int delays;
    private final double delayStep;
    private final GroupedSums sums;

    private PhaseOtoc(int[] sites, int delays, double delayStep, GroupedSums sums) {
        this.sites = sites;
        this.delays = delays;
        this.delayStep = delayStep;
        this.sums = sums;
    }

    /**
     * An empty accumulator.
     *
     * @param delays number of delays, at least 1
     * @param delayStep time between delays, positive
     * @param sites zero-based observed sites, distinct (not modified)
     * @return a new accumulator
     */
    public static PhaseOtoc of(int delays, double delayStep, int... sites) {
        Checks.atLeast("delays", delays, 1);
        Checks.positive("delayStep", delayStep);
        int[] s = SiteMoments.of(sites).sites();
        return new PhaseOtoc(s, delays, delayStep, new GroupedSums(s.length * delays));
    }

    /**
     * The phase kick \( \varphi_k \to \varphi_k + \varepsilon \) (modulus kept) applied to
     * replica 1 of every trajectory.
     *
     * @param site zero-based kicked site k
     * @param epsilon phase shift (finite; \( \varepsilon \ll 1 \))
     * @return the perturbation
     */
    public static Perturbation kick(int site, double epsilon) {
        Checks.atLeast("site", site, 0);
        Checks.finite("epsilon", epsilon);
        final double c = Math.cos(epsilon);
        final double s = Math.sin(epsilon);
        return new Perturbation() {
            @Override
            public void validate(BatchInfo info) {
                if (info.replicas() < 2) {
                    throw new IllegalArgumentException("the phase kick needs 2 replicas: "
                        + info.replicas());
                }
                Formats.requireInside(new int[] {site}, info);
            }

            @Override
            public void apply(double t, double[] x, BatchInfo info) {
                validate(info);
                int lanes = info.lanes();
                int re = 2 * site * lanes + info.size();
                int im = re + lanes;
                for (int b = 0; b < info.size(); b++) {
                    double ar = x[re + b];
                    double ai = x[im + b];
                    x[re + b] = ar * c - ai * s;
                    x[im + b] = ar * s + ai * c;
                }
            }
        };
    }

    /**
     * The observer filling this accumulator. A run must reach all delays (at least
     * {@code kickStep + every * (delays - 1)} steps; {@link EnsembleObserver#validate}).
     *
     * @param kickStep step of the kick (delay 0 is sampled right after it)
     * @param every steps between delays
     * @param delays number of delays
     * @param dt time step of the ensemble
     * @param sites zero-based observed sites (not modified)
     * @return the observer
     */
    public static EnsembleObserver<PhaseOtoc> observer(long kickStep, long every, int delays,
                                                       double dt, int... sites) {
        return observer(kickStep, every, delays, dt, sites, DEFAULT_BLOCKS);
    }

    /**
     * The observer with at most {@code maxBlocks} jackknife blocks in an ensemble run: each
     * trajectory gives one value per (site, delay), so per-trajectory groups are not needed,
     * and the groups are folded into blocks of consecutive groups (a number that depends on
     * the run's trajectories and group size only, {@link EnsembleObserver#forRun}; results are
     * bit-identical for any thread count and batch size). Memory: {@code sites * delays}
     * doubles per block, and per running batch as many per group in it.
     *
     * @param kickStep step of the kick (delay 0 is sampled right after it)
     * @param every steps between delays
     * @param delays number of delays
     * @param dt time step of the ensemble
     * @param sites zero-based observed sites (not modified)
     * @param maxBlocks most jackknife blocks, at least 2
     * @return the observer
     */
    public static EnsembleObserver<PhaseOtoc> observer(long kickStep, long every, int delays,
                                                       double dt, int[] sites, int maxBlocks) {
        SampleSchedule schedule = new SampleSchedule(kickStep, every);
        PhaseOtoc unblocked = of(delays, every * Checks.positive("dt", dt), sites);
        Checks.atLeast("maxBlocks", maxBlocks, 2);
        int width = unblocked.sums.width();
        return Blocked.of(maxBlocks, perBlock -> {
            PhaseOtoc template = new PhaseOtoc(unblocked.sites, delays, unblocked.delayStep,
                new GroupedSums(width, perBlock));
            return EnsembleObserver.of(schedule, delays, info -> {
                if (info.replicas() < 2) {
                    throw new IllegalArgumentException(
                        "PhaseOtoc needs an ensemble with 2 replicas: " + info.replicas());
                }
                return template.new Batch(info, schedule);
            }, template::emptyCopy, PhaseOtoc::readFrom);
        }, (batch, trajectories, blocks) -> MemoryEstimate.grouped("PhaseOtoc", width + 1L,
            MemoryEstimate.groups(batch.size(), batch.groupSize()), blocks,
            batch.size() + GroupReduction.finishRows(MemoryEstimate.groups(batch.size(),
                batch.groupSize()), width) * (long) width));
    }

    /** An empty accumulator configured as this one. */
    private PhaseOtoc emptyCopy() {
        return new PhaseOtoc(sites, delays, delayStep,
            new GroupedSums(sums.width(), sums.groupsPerBlock()));
    }

    /** @return a copy of the observed sites */
    public int[] sites() {
        return sites.clone();
    }

    /** @return number of delays */
    public int delays() {
        return delays;
    }

    /**
     * @param j delay index
     * @return \( \tau_j \)
     */
    public double delay(int j) {
        return Checks.index("delay index", j, delays) * delayStep;
    }

    /** @return number of trajectory groups with data */
    public int groupCount() {
        return sums.groupCount();
    }

    private int slot(int site) {
        for (int s = 0; s < sites.length; s++) {
            if (sites[s] == site) {
                return s * delays;
            }
        }
        throw new IllegalArgumentException("site " + site + " is not observed; observed: "
            + Arrays.toString(sites));
    }

    /**
     * @param site observed site l
     * @param j delay index
     * @return \( D_{k,\ell}(\tau_j) \)
     */
    public Estimate decorrelation(int site, int j) {
        Checks.index("delay index", j, delays);
        return sums.estimate(slot(site) + j, 1, m -> m[0]);
    }

    /**
     * Saturation value: \( D_{k,\ell} \) averaged over the delays {@code from .. delays - 1}
     * (paper: a late window of length 25).
     *
     * @param site observed site
     * @param from first delay index of the window
     * @return the window average
     */
    public Estimate saturation(int site, int from) {
        Checks.index("from", from, delays);
        return sums.estimate(slot(site) + from, delays - from, m -> {
            double s = 0;
            for (double v : m) {
                s += v;
            }
            return s / m.length;
        });
    }

    /**
     * Lyapunov exponent: slope of a least-squares fit of \( \ln D_{k,\ell}(\tau) \) against
     * \( \tau \) over the delays {@code from .. to} (inclusive), chosen inside the exponential
     * growth regime \( D \sim e^{\lambda(\tau - \ell/v)} \) (Eq. 15).
     *
     * @param site observed site
     * @param from first delay index
     * @param to last delay index, {@code > from}
     * @return \( \lambda \) with its jackknife standard error; NaN if D is zero anywhere in
     *     the window (the growth is not resolved there), in the value or, if only some groups
     *     are left out to zero, in the error
     */
    public Estimate lyapunovExponent(int site, int from, int to) {
        Checks.index("from", from, delays);
        Checks.index("to", to, delays);
        if (to <= from) {
            throw new IllegalArgumentException("to must exceed from " + from + ": " + to);
        }
        return sums.estimate(slot(site) + from, to - from + 1, m -> {
            double[] x = new double[m.length];
            double[] y = new double[m.length];
            for (int i = 0; i < m.length; i++) {
                x[i] = (from + i) * delayStep;
                if (!(m[i] > 0)) {
                    return Double.NaN;
                }
                y[i] = Math.log(m[i]);
            }
            return LeastSquares.slope(x, y);
        });
    }

    /**
     * Butterfly velocity: the arrival delay \( \tau^*(\ell) \) at which \( D_{k,\ell} \) first
     * reaches {@code threshold} (linear interpolation between delays) is fitted by
     * \( \tau^* = \tau_0 + |\ell - k| / v \) over the given sites.
     *
     * @param kickedSite the kicked site k
     * @param threshold arrival threshold, in (0, 1)
     * @param fitSites observed sites to use (at least 2, not modified)
     * @return v with its jackknife standard error (NaN if a site is never reached)
     */
    public Estimate butterflyVelocity(int kickedSite, double threshold, int... fitSites) {
        if (!(threshold > 0 && threshold < 1)) {
            throw new IllegalArgumentException("threshold must be in (0, 1): " + threshold);
        }
        if (fitSites.length < 2) {
            throw new IllegalArgumentException("fitSites needs at least 2 sites: "
                + fitSites.length);
        }
        int[] slots = new int[fitSites.length];
        double[] dist = new double[fitSites.length];
        for (int i = 0; i < fitSites.length; i++) {
            slots[i] = slot(fitSites[i]);
            dist[i] = Math.abs(fitSites[i] - kickedSite);
        }
        return sums.estimate(m -> {
            double[] arrival = new double[slots.length];
            for (int i = 0; i < slots.length; i++) {
                arrival[i] = Double.NaN;
                for (int j = 0; j < delays; j++) {
                    double d = m[slots[i] + j];
                    if (d >= threshold) {
                        if (j == 0) {
                            arrival[i] = 0;
                        } else {
                            double prev = m[slots[i] + j - 1];
                            arrival[i] = (j - 1 + (threshold - prev) / (d - prev)) * delayStep;
                        }
                        break;
                    }
                }
            }
            return 1 / LeastSquares.slope(dist, arrival);
        });
    }

    @Override
    public PhaseOtoc combine(PhaseOtoc other) {
        if (!Arrays.equals(sites, other.sites) || delays != other.delays
            || Double.compare(delayStep, other.delayStep) != 0) {
            throw new IllegalArgumentException("cannot combine differently configured OTOCs");
        }
        sums.combine(other.sums);
        return this;
    }

    @Override
    public void writeTo(DataOutput out) throws IOException {
        out.writeUTF(TAG);
        out.writeInt(delays);
        out.writeDouble(delayStep);
        Formats.writeSites(out, sites);
        sums.writeTo(out);
    }

    /**
     * Reads an accumulator written by {@link #writeTo}.
     *
     * @param in source
     * @return the accumulator
     * @throws IOException if reading fails or the data is not a {@code PhaseOtoc}
     */
    public static PhaseOtoc readFrom(DataInput in) throws IOException {
        Formats.readTag(in, TAG, TAG_V2);
        int delays = in.readInt();
        double step = in.readDouble();
        int n = in.readInt();
        if (delays < 1 || !(step > 0) || n < 1) {
            throw new IOException("corrupt PhaseOtoc header");
        }
        int[] s = Formats.readSites(in, n);
        GroupedSums g = GroupedSums.readFrom(in);
        if (g.width() != n * delays) {
            throw new IOException("corrupt PhaseOtoc: width " + g.width());
        }
        return new PhaseOtoc(s, delays, step, g);
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
        if (!(o instanceof PhaseOtoc)) {
            return false;
        }
        PhaseOtoc p = (PhaseOtoc) o;
        return Arrays.equals(sites, p.sites) && delays == p.delays
            && Double.compare(delayStep, p.delayStep) == 0 && sums.equals(p.sums);
    }

    @Override
    public int hashCode() {
        return Objects.hash(Arrays.hashCode(sites), delays, delayStep, sums);
    }

    /**
     * \( 1 - \cos\Delta\varphi \) from the cosine and sine of the phase difference, without
     * the cancellation of {@code 1 - cos} when the phases are close.
     *
     * @param cos \( \cos\Delta\varphi \)
     * @param sin \( \sin\Delta\varphi \)
     * @return \( 1 - \cos\Delta\varphi \), at full relative precision for small angles
     */
    static double oneMinusCosine(double cos, double sin) {
        return cos > 0 ? sin * sin / (1 + cos) : 1 - cos;
    }

    private final class Batch extends ReducingBatch<PhaseOtoc> {
        private final SampleSchedule schedule;
        private final double[] values;

        Batch(BatchInfo info, SampleSchedule schedule) {
            super(info, sites.length * delays);
            Formats.requireInside(sites, info);
            this.schedule = schedule;
            this.values = new double[info.size()];
        }

        @Override
        public void observe(long step, double t, double[] x) {
            long j = (step - schedule.first()) / schedule.every();
            if (j >= delays) {
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
                    double br = x[re + n + b];
                    double bi = x[im + n + b];
                    double norm = Math.sqrt(Math.max((ar * ar + ai * ai) * (br * br + bi * bi),
                        Double.MIN_NORMAL));
                    values[b] = oneMinusCosine((ar * br + ai * bi) / norm,
                        (ar * bi - ai * br) / norm);
                }
                reduction.add(s * delays + (int) j, values);
            }
        }

        @Override
        public PhaseOtoc finish(boolean[] diverged) {
            PhaseOtoc r = emptyCopy();
            reduction.finish(r.sums, diverged, 1);
            return r;
        }
    }

    /**
     * The decorrelation as a table in long form, named {@code phase_otoc}: one row per
     * observed site and delay, sites in {@link #sites()} order.
     *
     * <p>Columns: {@code site} (long, zero-based observed site l), {@code delay_index} (long,
     * j), {@code delay} (double, \( \tau_j \) = {@link #delay}, in the model's time unit),
     * {@code decorrelation} and {@code decorrelation_err} ({@link #decorrelation},
     * \( D_{k,\ell}(\tau_j) \), dimensionless; the error missing with fewer than two groups).
     * The kicked site is a setting of the observer, not of the accumulator: record it in the
     * provenance's parameters. The values equal the accessor's bit for bit.
     *
     * @return the table, with minimal provenance
     * @throws IllegalStateException if the accumulator holds no data (as the accessors)
     */
    @Override
    public Table toTable() {
        return EstimateColumns.siteGrid("phase_otoc", sites, delays, "delay_index", "delay",
            this::delay, "decorrelation", this::decorrelation);
    }
}
