package org.ness4j.core.quantum;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import org.apache.commons.rng.UniformRandomProvider;
import org.ness4j.core.Checks;
import org.ness4j.core.exec.LocalThreads;
import org.ness4j.core.exec.PartFile;
import org.ness4j.core.exec.ShardedPlan;
import org.ness4j.core.exec.Shards;
import org.ness4j.core.exec.TrajectoryRange;
import org.ness4j.core.random.TrajectoryStreams;
import org.ness4j.core.stat.Estimate;
import org.ness4j.core.stat.GroupedSums;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Monte Carlo wave-function (MCWF) quantum trajectories: the photon-counting unravelling of the
 * Lindblad equation (paper 000, SI Eq. 16-19; Dalibard, Castin and Mølmer, PRL 68, 580 (1992);
 * Daley, Adv. Phys. 63, 77 (2014)). An ensemble of pure states is evolved with the
 * non-Hermitian Hamiltonian \( H_{\rm nh} = H - \tfrac{i}{2}\sum_j L_j^\dagger L_j \) (Eq. 19),
 * interrupted by quantum jumps \( |\psi\rangle \to L_j|\psi\rangle / \|L_j|\psi\rangle\| \)
 * (Eq. 17) with channel probabilities \( p_j \propto \langle\psi|L_j^\dagger L_j|\psi\rangle \)
 * (Eq. 18). Ensemble and time averages of \( \langle\psi|O|\psi\rangle/\langle\psi|\psi\rangle \)
 * converge to \( \mathrm{Tr}(O\rho(t)) \) of the master equation (Eq. 36 for \( n \) and
 * \( \delta n \)).
 *
 * <p><b>Algorithm</b> (waiting-time or norm-decay method, equivalent in law to the first-order
 * jump rule of Eq. 17-19 but without its O(dt) bias): draw \( r \sim U(0,1) \); integrate the
 * unnormalised \( d\psi/dt = -iH_{\rm nh}\psi \) with the classical fourth-order Runge-Kutta
 * scheme (RK4) at a fixed step {@code dt}; when \( \|\psi\|^2 \) falls below \( r \) inside a step,
 * the crossing time is located by Illinois regula falsi on \( \ln\|\psi(\tau)\|^2 - \ln r \)
 * (each iterate one RK4 step of length \( \tau \) from the start of the step), the jump is applied
 * there, the state renormalised, a new \( r \) drawn and the rest of the step integrated. The
 * scheme is thus fourth order in {@code dt} between jumps and resolves jump times to
 * \( 10^{-12} \) in \( \ln\|\psi\|^2 \); observables use \( \psi/\|\psi\| \).
 *
 * <p><b>Time step.</b> The stability region of RK4 contains the closed left half-disc of radius
 * 2.6 (measured on a polar grid; it crosses the imaginary axis at \( 2\sqrt2 \)), and the
 * eigenvalues of \( -iH_{\rm nh} \) lie in the left half-plane within the Gershgorin radius
 * \( \rho = \max_i \sum_k |(H_{\rm nh})_{ik}| \). Hence {@code dt} must satisfy
 * \( \rho\,dt \le 2.6 \) ({@link #maxStableDt()}); larger values are rejected when the builder
 * builds. The default is \( \min(0.01, 1/\rho) \). For the Bose-Hubbard dimer \( \rho \) grows
 * like \( J(N_1 + N_2) + \tfrac U2 N^2 \) with the cutoffs \( N \), so large cutoffs cost
 * both a larger space and a smaller step. RK4 also damps slightly: on the imaginary axis
 * \( |R(iy)|^2 = 1 - y^6/72 + O(y^8) \), so a component of energy E loses about
 * \( (E\,dt)^6/72 \) of its norm per step beyond the physical decay (1.2 % at
 * \( E\,dt = 1 \), 2e-4 at 0.5): keep \( |E|\,dt \) of the occupied states well below 1 (a
 * constant energy offset in H counts). Where no jump channel can act on the state (no jump
 * operators, or all of them annihilate it) such a loss is only renormalised, never taken for a
 * jump. A trajectory whose norm grows (impossible in exact arithmetic) or turns non-finite is
 * stopped and reported in {@link Result#failures()}; it is excluded from the averages.
 *
 * <p><b>Observables.</b> For every mode \( m \) the samples are \( n_m \), \( n_m^2 \) (both from
 * the populations, exact up to the cutoff), \( \langle a_m\rangle \) and the population of the
 * mode's top Fock state (the truncation diagnostic, {@link Result#topPopulation}); a mode whose
 * top population exceeds the truncation tolerance ({@link Builder#truncationTolerance}, default
 * {@link FockTruncation#DEFAULT_TOLERANCE}) is logged as an SLF4J warning and listed in
 * {@link Result#truncatedModes()} (a warning, not a refusal: the run's work is kept). Samples are
 * taken every {@code sampleInterval} (rounded to a whole number of steps) on \( [0, T] \).
 * Time averages use the samples in the window \( [t_a, t_b] \); per-time estimates
 * ({@link Builder#timeResolved}) keep every sample time. Averages are stored per trajectory
 * group in {@link GroupedSums}; standard errors are delete-one-group jackknife errors
 * (independent groups of {@code groupSize} trajectories), so \( \delta n \) and ratios get
 * valid errors too.
 *
 * <p><b>Reproducibility and threads.</b> Trajectory {@code i} draws from
 * {@link TrajectoryStreams#stream(long, long) TrajectoryStreams.stream(seed, i)}; groups are
 * fixed by {@code groupSize}, each group is integrated by one thread in trajectory order, and the
 * group sums are combined in group order, so results are bit-for-bit identical for any number of
 * threads.
 *
 * <p>Thread safety: immutable; {@link #run()} may be called concurrently (each call uses its own
 * pool).
 */
public final class QuantumTrajectories {

    private static final Logger LOG = LoggerFactory.getLogger(QuantumTrajectories.class);

    /** Largest \( \rho\,dt \) accepted: the left half-disc of this radius is RK4-stable. */
    public static final double STABILITY_RADIUS = 2.6;

    /** Per mode: n, n^2, Re a, Im a and the population of the mode's top Fock state. */
    private static final int PER_MODE = 5;

    /** RK4 stage kinds of {@code Stepper.stage}: first, second or third, and fourth stage. */
    private static final int STAGE_FIRST = 0;
    private static final int STAGE_MIDDLE = 1;
    private static final int STAGE_LAST = 2;

    private final Lindbladian lindbladian;
    private final FockSpace space;
    private final double[] initialRe;
    private final double[] initialIm;
    private final double dt;
    private final long steps;
    private final long sampleEvery;
    private final long windowFirst;
    private final long windowLast;
    private final long trajectories;
    private final int groupSize;
    private final long seed;
    private final int threads;
    private final boolean timeResolved;
    private final double truncationTolerance;
    private final double gershgorin;
    private final Integrator integrator;
    private final double integratorTolerance;

    /**
     * Integrators of the no-jump evolution between jumps.
     */
    public enum Integrator {
        /**
         * Classical fourth-order Runge-Kutta at the fixed step {@code dt} (the default; cost per
         * unit time grows with the Gershgorin bound of \( H_{\rm nh} \), i.e. with the largest
         * Kerr energy of the truncated space).
         */
        RK4,
        /**
         * Error-controlled Krylov (Arnoldi) exponential steps with exact jump-time location on
         * the projected matrix ({@code KrylovPropagator}); {@code dt} is then only the grid of
         * sample times. The step is set by the energies of the occupied states, so the cost per
         * unit time grows about linearly in the Hilbert dimension (docs/quantum.md, "Krylov
         * trajectories"). Tolerance: {@link Builder#integratorTolerance}.
         */
        KRYLOV
    }

    /** Default absolute error of the state per unit time of {@link Integrator#KRYLOV}. */
    public static final double DEFAULT_INTEGRATOR_TOLERANCE = 1e-8;

    /** Largest Krylov dimension of {@link Integrator#KRYLOV}. */
    static final int KRYLOV_DIMENSION = 30;

    private QuantumTrajectories(Builder b, double dt, long steps, long sampleEvery,
                                long windowFirst, long windowLast, double gershgorin) {
        this.lindbladian = b.lindbladian;
        this.space = b.space;
        this.initialRe = b.initialRe;
        this.initialIm = b.initialIm;
        this.dt = dt;
        this.steps = steps;
        this.sampleEvery = sampleEvery;
        this.windowFirst = windowFirst;
        this.windowLast = windowLast;
        this.trajectories = b.trajectories;
        this.groupSize = b.groupSize;
        this.seed = b.seed;
        this.threads = b.threads;
        this.timeResolved = b.timeResolved;
        this.truncationTolerance = b.truncationTolerance;
        this.gershgorin = gershgorin;
        this.integrator = b.integrator;
        this.integratorTolerance = b.integratorTolerance;
    }

    /** @return the integrator of the no-jump evolution */
    public Integrator integrator() {
        return integrator;
    }

    /**
     * Starts a builder.
     *
     * @param lindbladian the master equation (Eq. 16): Hamiltonian and jump operators
     * @param space the Fock space the operators act on (its modes define the observables)
     * @return a new builder
     * @throws IllegalArgumentException if the dimensions differ
     */
    public static Builder builder(Lindbladian lindbladian, FockSpace space) {
        Objects.requireNonNull(lindbladian, "lindbladian");
        Objects.requireNonNull(space, "space");
        if (lindbladian.dimension() != space.dimension()) {
            throw new IllegalArgumentException("lindbladian.dimension must equal space.dimension = "
                + space.dimension() + ": " + lindbladian.dimension());
        }
        return new Builder(lindbladian, space);
    }

    /**
     * Gershgorin bound \( \rho = \max_i \sum_k |(H_{\rm nh})_{ik}| \) on the spectral radius of
     * the non-Hermitian Hamiltonian.
     *
     * @param lindbladian the generator
     * @return \( \rho \ge 0 \)
     */
    public static double spectralBound(Lindbladian lindbladian) {
        SparseOperator h = Objects.requireNonNull(lindbladian, "lindbladian")
            .effectiveHamiltonian();
        int[] rs = h.rowStartArray();
        double[] re = h.reArray();
        double[] im = h.imArray();
        double max = 0;
        for (int i = 0; i < h.dimension(); i++) {
            double s = 0;
            for (int k = rs[i]; k < rs[i + 1]; k++) {
                s += Math.hypot(re[k], im[k]);
            }
            max = Math.max(max, s);
        }
        return max;
    }

    /** @return the time step actually used (an integer number of steps reaches the end time) */
    public double dt() {
        return dt;
    }

    /** @return the number of RK4 steps per trajectory */
    public long steps() {
        return steps;
    }

    /** @return the end time \( T = \) {@code steps * dt} */
    public double endTime() {
        return steps * dt;
    }

    /** @return the largest stable step \( 2.6/\rho \) of this problem */
    public double maxStableDt() {
        return gershgorin > 0 ? STABILITY_RADIUS / gershgorin : Double.POSITIVE_INFINITY;
    }

    /** @return the number of trajectories */
    public long trajectories() {
        return trajectories;
    }

    /** @return trajectories per statistical group */
    public int groupSize() {
        return groupSize;
    }

    /** @return the master seed */
    public long seed() {
        return seed;
    }

    /** @return the number of sample times inside the averaging window */
    public long windowSampleCount() {
        long firstSample = ((windowFirst + sampleEvery - 1) / sampleEvery) * sampleEvery;
        return firstSample > windowLast ? 0 : (windowLast - firstSample) / sampleEvery + 1;
    }

    /** @return the sample times of the time-resolved estimates, a new array */
    public double[] sampleTimes() {
        int count = (int) (steps / sampleEvery) + 1;
        double[] t = new double[count];
        for (int k = 0; k < count; k++) {
            t[k] = k * sampleEvery * dt;
        }
        return t;
    }

    /**
     * Runs the ensemble on {@code threads} local threads ({@link LocalThreads}: ranges of whole
     * groups, combined in group order).
     *
     * @return the averages with standard errors
     * @throws IllegalStateException if the run is interrupted or a worker fails unexpectedly
     */
    public Result run() {
        long start = System.nanoTime();
        LOG.info("MCWF run: dimension {}, {} trajectories, dt {}, {} steps, {} threads, seed {}",
            space.dimension(), trajectories, dt, steps, threads, seed);
        Result result = run(TrajectoryRange.all(trajectories), threads);
        double seconds = (System.nanoTime() - start) / 1e9;
        LOG.info("MCWF run done in {} s: {} failures, {} jumps per trajectory",
            String.format(java.util.Locale.ROOT, "%.2f", seconds), result.failures().size(),
            String.format(java.util.Locale.ROOT, "%.1f", result.meanJumps()));
        warnTruncated(result);
        return result;
    }

    private void warnTruncated(Result result) {
        for (int m : result.truncatedModes()) {
            Estimate top = result.topPopulation(m);
            LOG.warn("MCWF run: mode {} at cutoff {} has a top-state population {} +- {} above "
                + "the truncation tolerance {}; its results depend on the cutoff (raise it)", m,
                space.cutoff(m), String.format(java.util.Locale.ROOT, "%.3g", top.value()),
                String.format(java.util.Locale.ROOT, "%.2g", top.standardError()),
                truncationTolerance);
        }
    }

    /**
     * Runs the trajectories of one range (global indices: trajectory {@code i} uses
     * {@code TrajectoryStreams.stream(seed, i)} and group {@code i / groupSize}, as in the whole
     * run), for sharding a run over machines. The partial results of disjoint ranges combine
     * with {@link #plan()}{@code .merge} into exactly (bit for bit) the result of {@link #run()}.
     *
     * @param range the range; its ends must be multiples of the group size (or the run's end)
     * @param threads local threads, at least 1 (does not change the result)
     * @return the partial result ({@link Result#range()}; {@link Result#trajectories()} is the
     *     range's size)
     * @throws IllegalArgumentException if the range is not a shard of this run
     * @throws IllegalStateException if the run is interrupted or a worker fails unexpectedly
     */
    public Result run(TrajectoryRange range, int threads) {
        Objects.requireNonNull(range, "range");
        Checks.atLeast("threads", threads, 1);
        Shards.requireShard(range, trajectories, groupSize);
        long groups = (range.size() + groupSize - 1) / groupSize;
        // a few ranges of whole groups per thread: balanced, one Stepper per range
        int count = (int) Math.min(groups, 8L * threads);
        List<TrajectoryRange> chunks = new ArrayList<>();
        long perChunk = (groups + count - 1) / count * groupSize;
        for (long from = range.from(); from < range.to(); from += perChunk) {
            chunks.add(new TrajectoryRange(from, Math.min(range.to(), from + perChunk)));
        }
        List<Result> parts = LocalThreads.map(chunks, threads, "ness4j-mcwf", this::runChunk);
        return merge(parts);
    }

    /** Integrates the groups of one range on the calling thread. */
    private Result runChunk(TrajectoryRange range) {
        int modes = space.modes();
        int width = PER_MODE * modes;
        int times = (int) (steps / sampleEvery) + 1;
        GroupedSums window = new GroupedSums(width);
        GroupedSums series = timeResolved ? new GroupedSums(width * times) : null;
        List<Failure> allFailures = new ArrayList<>();
        long totalJumps = 0;
        Stepper stepper = new Stepper(width, times);
        for (long grp = range.from() / groupSize; grp * groupSize < range.to(); grp++) {
            double[] ws = new double[width];
            double[] ss = timeResolved ? new double[width * times] : null;
            long first = grp * groupSize;
            long last = Math.min(trajectories, first + groupSize);
            int ok = 0;
            for (long traj = first; traj < last; traj++) {
                Failure f = stepper.run(traj, ws, ss);
                totalJumps += stepper.jumps;
                if (f == null) {
                    ok++;
                } else {
                    allFailures.add(f);
                }
            }
            if (ok > 0) {
                window.add(grp, (double) ok * windowSampleCount(), ws);
                if (series != null) {
                    series.add(grp, ok, ss);
                }
            }
        }
        return new Result(modes, window, series, sampleTimes(), totalJumps, allFailures,
            range.size(), truncationTolerance, range);
    }

    /** Combines partial results of disjoint ranges (any order) into one over their union. */
    private Result merge(List<Result> parts) {
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("no partial results to merge");
        }
        List<Result> sorted = new ArrayList<>(parts);
        sorted.sort((a, b) -> a.range().compareTo(b.range()));
        for (int i = 1; i < sorted.size(); i++) {
            if (sorted.get(i).range().from() < sorted.get(i - 1).range().to()) {
                throw new IllegalArgumentException("overlap: ranges " + sorted.get(i - 1).range()
                    + " and " + sorted.get(i).range() + " share trajectories");
            }
        }
        Result first = sorted.get(0);
        GroupedSums window = new GroupedSums(first.window.width());
        GroupedSums series = first.series == null ? null
            : new GroupedSums(first.series.width());
        long jumps = 0;
        long run = 0;
        List<Failure> failures = new ArrayList<>();
        for (Result p : sorted) {
            window.combine(p.window);
            if (series != null) {
                series.combine(p.series);
            }
            jumps += p.jumps;
            run += p.trajectories;
            failures.addAll(p.failures);
        }
        TrajectoryRange union = new TrajectoryRange(first.range().from(),
            sorted.get(sorted.size() - 1).range().to());
        return new Result(first.modes, window, series, first.times, jumps, failures, run,
            first.truncationTolerance, union);
    }

    /**
     * This run as a {@link ShardedPlan} for a {@link org.ness4j.core.exec.PlanExecutor} (local
     * threads, Spark): ranges run with {@link #run(TrajectoryRange, int)}, partial results
     * merge bit-identically to {@link #run()} and serialize to bytes.
     *
     * <p>Fingerprint: the dimension, modes, cutoffs, dt, steps, sampling and window, seed,
     * trajectories, group size, time resolution, truncation tolerance, a hash of the initial
     * state and of the effective Hamiltonian and jump operators' matrix entries.
     *
     * @return the plan
     */
    public ShardedPlan<Result> plan() {
        return new Plan();
    }

    /** The sharded view of this run ({@link #plan()}). */
    private final class Plan implements ShardedPlan<Result> {
        private final String fingerprint = QuantumTrajectories.this.fingerprint();

        @Override
        public long trajectories() {
            return trajectories;
        }

        @Override
        public int alignment() {
            return groupSize;
        }

        @Override
        public String fingerprint() {
            return fingerprint;
        }

        @Override
        public Result run(TrajectoryRange range, int threads) {
            return QuantumTrajectories.this.run(range, threads);
        }

        @Override
        public TrajectoryRange range(Result part) {
            return part.range();
        }

        @Override
        public Result merge(List<Result> parts) {
            return QuantumTrajectories.this.merge(parts);
        }

        @Override
        public Result mergeAll(List<Result> parts) {
            Result r = ShardedPlan.super.mergeAll(parts);
            warnTruncated(r);
            return r;
        }

        @Override
        public byte[] write(Result part) {
            try {
                java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
                java.io.DataOutputStream out = new java.io.DataOutputStream(bytes);
                out.writeInt(part.modes);
                part.window.writeTo(out);
                out.writeBoolean(part.series != null);
                if (part.series != null) {
                    part.series.writeTo(out);
                }
                out.writeLong(part.jumps);
                out.writeLong(part.trajectories);
                out.writeInt(part.failures.size());
                for (Failure f : part.failures) {
                    out.writeLong(f.trajectory());
                    out.writeDouble(f.time());
                    out.writeUTF(f.reason());
                }
                out.flush();
                return new PartFile(fingerprint, trajectories, part.range(), bytes.toByteArray())
                    .encode();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e); // in-memory streams do not fail
            }
        }

        @Override
        public Result read(byte[] bytes) {
            PartFile p = PartFile.decode(bytes).requirePlan(this);
            try {
                java.io.DataInputStream in = new java.io.DataInputStream(
                    new java.io.ByteArrayInputStream(p.payload()));
                int modes = in.readInt();
                GroupedSums window = GroupedSums.readFrom(in);
                GroupedSums series = in.readBoolean() ? GroupedSums.readFrom(in) : null;
                long jumps = in.readLong();
                long run = in.readLong();
                int n = in.readInt();
                List<Failure> failures = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    failures.add(new Failure(in.readLong(), in.readDouble(), in.readUTF()));
                }
                return new Result(modes, window, series, sampleTimes(), jumps, failures, run,
                    truncationTolerance, p.range());
            } catch (java.io.IOException e) {
                throw new IllegalArgumentException("corrupt MCWF partial result of "
                    + p.range() + ": " + e, e);
            }
        }
    }

    /** The fingerprint of {@link #plan()}. */
    private String fingerprint() {
        long h = 17;
        for (double v : initialRe) {
            h = 31 * h + Double.doubleToLongBits(v);
        }
        for (double v : initialIm) {
            h = 31 * h + Double.doubleToLongBits(v);
        }
        h = 31 * h + operatorHash(lindbladian.effectiveHamiltonian());
        for (SparseOperator j : lindbladian.jumps()) {
            h = 31 * h + operatorHash(j);
        }
        StringBuilder cut = new StringBuilder();
        for (int m = 0; m < space.modes(); m++) {
            cut.append(m == 0 ? "" : ",").append(space.cutoff(m));
        }
        return "ness4j-mcwf-v1 ness4j=" + org.ness4j.core.Version.current()
            + " streams=" + TrajectoryStreams.FORMAT + " dimension=" + space.dimension()
            + " cutoffs=" + cut + " dt=" + dt + " steps=" + steps + " sampleEvery=" + sampleEvery
            + " window=" + windowFirst + ".." + windowLast + " seed=" + seed
            + " trajectories=" + trajectories + " groupSize=" + groupSize
            + " timeResolved=" + timeResolved + " truncationTolerance=" + truncationTolerance
            + " operators=" + Long.toHexString(h);
    }

    private static long operatorHash(SparseOperator op) {
        long h = op.dimension();
        for (int v : op.rowStartArray()) {
            h = 31 * h + v;
        }
        for (int v : op.columnArray()) {
            h = 31 * h + v;
        }
        for (double v : op.reArray()) {
            h = 31 * h + Double.doubleToLongBits(v);
        }
        for (double v : op.imArray()) {
            h = 31 * h + Double.doubleToLongBits(v);
        }
        return h;
    }

    /**
     * A trajectory stopped by numerical trouble.
     *
     * @param trajectory trajectory index
     * @param time time at which the trouble was detected
     * @param reason what happened
     */
    public record Failure(long trajectory, double time, String reason) {
    }

    /**
     * Per-thread integrator of single trajectories (all scratch arrays preallocated; the
     * inner loops allocate nothing). Not thread-safe.
     */
    private final class Stepper {
        private final int d;
        private final int[] rs;
        private final int[] cs;
        private final double[] hr;
        private final double[] hi;
        private final SparseOperator[] jumpOps;
        private final SparseOperator[] annihilators;
        private final int[][] occupation;
        /** Highest occupation of each mode in the space. */
        private final int[] cutoffs;
        private final double[] yRe;
        private final double[] yIm;
        private final double[] oldRe;
        private final double[] oldIm;
        private final double[] aRe;
        private final double[] aIm;
        private final double[] t1Re;
        private final double[] t1Im;
        private final double[] t2Re;
        private final double[] t2Im;
        private final double[] sample;
        private final int width;
        private final KrylovPropagator krylov;
        long jumps;

        Stepper(int width, int times) {
            SparseOperator h = lindbladian.effectiveHamiltonian();
            this.d = h.dimension();
            this.rs = h.rowStartArray();
            this.cs = h.columnArray();
            this.hr = h.reArray();
            this.hi = h.imArray();
            this.jumpOps = lindbladian.jumps().toArray(new SparseOperator[0]);
            int modes = space.modes();
            this.annihilators = new SparseOperator[modes];
            this.occupation = new int[modes][d];
            this.cutoffs = new int[modes];
            for (int m = 0; m < modes; m++) {
                annihilators[m] = space.annihilation(m);
                for (int i = 0; i < d; i++) {
                    occupation[m][i] = space.occupation(i, m);
                    cutoffs[m] = Math.max(cutoffs[m], occupation[m][i]);
                }
            }
            this.yRe = new double[d];
            this.yIm = new double[d];
            this.oldRe = new double[d];
            this.oldIm = new double[d];
            this.aRe = new double[d];
            this.aIm = new double[d];
            this.t1Re = new double[d];
            this.t1Im = new double[d];
            this.t2Re = new double[d];
            this.t2Im = new double[d];
            this.sample = new double[width];
            this.width = width;
            this.krylov = integrator == Integrator.KRYLOV
                ? new KrylovPropagator(h, KRYLOV_DIMENSION, integratorTolerance,
                    sampleEvery * dt)
                : null;
        }

        /**
         * Integrates trajectory {@code traj}, adding its window samples to {@code windowSums}
         * and its per-time samples to {@code seriesSums} (if not null) only on success.
         */
        Failure run(long traj, double[] windowSums, double[] seriesSums) {
            if (krylov != null) {
                return runKrylov(traj, windowSums, seriesSums);
            }
            UniformRandomProvider rng = TrajectoryStreams.stream(seed, traj);
            System.arraycopy(initialRe, 0, yRe, 0, d);
            System.arraycopy(initialIm, 0, yIm, 0, d);
            jumps = 0;
            double threshold = nextThreshold(rng);
            // local sums so that a failed trajectory contributes nothing
            double[] localWindow = new double[width];
            double[] localSeries = seriesSums == null ? null : new double[seriesSums.length];
            double norm2 = 1.0;
            for (long s = 0; ; s++) {
                if (s % sampleEvery == 0) {
                    record(s, norm2, localWindow, localSeries);
                }
                if (s == steps) {
                    break;
                }
                double remaining = dt;
                double t0 = s * dt;
                while (true) {
                    double before = norm2;
                    System.arraycopy(yRe, 0, oldRe, 0, d);
                    System.arraycopy(yIm, 0, oldIm, 0, d);
                    norm2 = rk4(remaining);
                    if (!Double.isFinite(norm2) || norm2 > before * (1 + 1e-6)) {
                        return new Failure(traj, t0 + dt - remaining,
                            "norm grew from " + before + " to " + norm2
                                + "; reduce dt (max stable " + maxStableDt() + ")");
                    }
                    if (norm2 > threshold) {
                        break;
                    }
                    double tau = locate(before, norm2, remaining, threshold);
                    jumpOrRenormalise(rng);
                    norm2 = 1.0;
                    threshold = nextThreshold(rng);
                    remaining -= tau;
                    if (!(remaining > 1e-14 * dt)) {
                        break;
                    }
                }
            }
            commit(windowSums, seriesSums, localWindow, localSeries);
            return null;
        }

        /**
         * {@link #run} with {@link Integrator#KRYLOV}: the same random numbers in the same
         * order (thresholds and channel choices from the trajectory's stream), the same
         * sample times, Krylov steps between them.
         */
        private Failure runKrylov(long traj, double[] windowSums, double[] seriesSums) {
            UniformRandomProvider rng = TrajectoryStreams.stream(seed, traj);
            System.arraycopy(initialRe, 0, yRe, 0, d);
            System.arraycopy(initialIm, 0, yIm, 0, d);
            jumps = 0;
            double threshold = nextThreshold(rng);
            double[] localWindow = new double[width];
            double[] localSeries = seriesSums == null ? null : new double[seriesSums.length];
            double norm2 = 1.0;
            for (long s = 0; s <= steps; s += sampleEvery) {
                record(s, norm2, localWindow, localSeries);
                if (s + sampleEvery > steps) {
                    break;
                }
                double remaining = sampleEvery * dt;
                while (remaining > 1e-12 * dt) {
                    double before = norm2;
                    double used;
                    try {
                        used = krylov.advance(yRe, yIm, remaining, threshold);
                    } catch (IllegalStateException e) {
                        return new Failure(traj, s * dt, e.getMessage());
                    }
                    norm2 = krylov.norm2();
                    if (!Double.isFinite(norm2) || !(norm2 > 0)
                            || norm2 > before * (1 + 1e-6)) {
                        return new Failure(traj, s * dt + sampleEvery * dt - remaining,
                            "norm grew from " + before + " to " + norm2
                                + "; tighten the integrator tolerance");
                    }
                    remaining -= used;
                    if (krylov.reachedThreshold()) {
                        jumpOrRenormalise(rng);
                        norm2 = 1.0;
                        threshold = nextThreshold(rng);
                    }
                }
            }
            commit(windowSums, seriesSums, localWindow, localSeries);
            return null;
        }

        /**
         * Measures the state at sample step {@code s} into the trajectory's local window sums
         * (if {@code s} is in the window) and its local time series (if kept).
         */
        private void record(long s, double norm2, double[] localWindow, double[] localSeries) {
            measure(norm2);
            if (s >= windowFirst && s <= windowLast) {
                for (int q = 0; q < width; q++) {
                    localWindow[q] += sample[q];
                }
            }
            if (localSeries != null) {
                int off = (int) (s / sampleEvery) * width;
                System.arraycopy(sample, 0, localSeries, off, width);
            }
        }

        /** Adds a finished trajectory's local sums to its group's sums. */
        private void commit(double[] windowSums, double[] seriesSums, double[] localWindow,
                            double[] localSeries) {
            for (int q = 0; q < width; q++) {
                windowSums[q] += localWindow[q];
            }
            if (seriesSums != null) {
                for (int q = 0; q < seriesSums.length; q++) {
                    seriesSums[q] += localSeries[q];
                }
            }
        }

        private double nextThreshold(UniformRandomProvider rng) {
            double r;
            do {
                r = rng.nextDouble();
            } while (r == 0.0);
            return r;
        }

        /**
         * Finds \( \tau \in (0, h] \) with \( \|\psi(\tau)\|^2 = r \) by Illinois regula falsi in
         * \( \ln\|\psi\|^2 \), starting from the saved state; leaves \( \psi(\tau) \) in y.
         */
        private double locate(double normStart, double normEnd, double h, double threshold) {
            double lr = Math.log(threshold);
            double a = 0;
            double fa = Math.log(normStart) - lr;
            double b = h;
            double fb = Math.log(normEnd) - lr;
            int side = 0;
            double tau = b;
            double ftau = fb;
            for (int it = 0; it < 60; it++) {
                if (Math.abs(ftau) <= 1e-12 || b - a <= 1e-13 * h) {
                    break;
                }
                tau = (a * fb - b * fa) / (fb - fa);
                if (!(tau > a && tau < b)) {
                    tau = 0.5 * (a + b);
                }
                System.arraycopy(oldRe, 0, yRe, 0, d);
                System.arraycopy(oldIm, 0, yIm, 0, d);
                ftau = Math.log(rk4(tau)) - lr;
                if (ftau > 0) {
                    a = tau;
                    fa = ftau;
                    if (side == -1) {
                        fb *= 0.5;
                    }
                    side = -1;
                } else {
                    b = tau;
                    fb = ftau;
                    if (side == 1) {
                        fa *= 0.5;
                    }
                    side = 1;
                }
            }
            if (tau != b || ftau > 0) {
                // make sure y holds the state at the accepted crossing time b (norm <= r)
                System.arraycopy(oldRe, 0, yRe, 0, d);
                System.arraycopy(oldIm, 0, yIm, 0, d);
                rk4(b);
                tau = b;
            }
            return tau;
        }

        /**
         * Applies a jump chosen with probabilities of Eq. 18 and normalises the state. If no
         * channel can act (no jump operators, or all of them annihilate the state), the norm
         * decay was RK4's own (its amplification factor on the imaginary axis is below 1), not
         * a physical one: the state is only renormalised.
         */
        private void jumpOrRenormalise(UniformRandomProvider rng) {
            double total = 0;
            int count = jumpOps.length;
            for (int j = 0; j < count; j++) {
                jumpOps[j].apply(yRe, yIm, aRe, aIm);
                total += norm2(aRe, aIm);
            }
            if (!(total > 0)) {
                double scale = 1.0 / Math.sqrt(norm2(yRe, yIm));
                for (int i = 0; i < d; i++) {
                    yRe[i] *= scale;
                    yIm[i] *= scale;
                }
                return;
            }
            jumps++;
            double u = rng.nextDouble() * total;
            int chosen = count - 1;
            double acc = 0;
            double chosenNorm = 0;
            for (int j = 0; j < count; j++) {
                jumpOps[j].apply(yRe, yIm, aRe, aIm);
                double w = norm2(aRe, aIm);
                acc += w;
                if (u < acc && w > 0) {
                    chosen = j;
                    chosenNorm = w;
                    break;
                }
            }
            if (chosen == count - 1 && chosenNorm == 0) {
                jumpOps[chosen].apply(yRe, yIm, aRe, aIm);
                chosenNorm = norm2(aRe, aIm);
            }
            double scale = 1.0 / Math.sqrt(chosenNorm);
            for (int i = 0; i < d; i++) {
                yRe[i] = aRe[i] * scale;
                yIm[i] = aIm[i] * scale;
            }
        }

        private double norm2(double[] re, double[] im) {
            double s = 0;
            for (int i = 0; i < d; i++) {
                s += re[i] * re[i] + im[i] * im[i];
            }
            return s;
        }

        /** Observables of the normalised state into {@code sample}. */
        private void measure(double norm2) {
            double inv = 1.0 / norm2;
            int modes = annihilators.length;
            for (int m = 0; m < modes; m++) {
                int[] occ = occupation[m];
                int top = cutoffs[m];
                double n1 = 0;
                double n2 = 0;
                double pTop = 0;
                for (int i = 0; i < d; i++) {
                    double p = yRe[i] * yRe[i] + yIm[i] * yIm[i];
                    double n = occ[i];
                    n1 += n * p;
                    n2 += n * n * p;
                    if (occ[i] == top) {
                        pTop += p;
                    }
                }
                annihilators[m].apply(yRe, yIm, aRe, aIm);
                double fr = 0;
                double fi = 0;
                for (int i = 0; i < d; i++) {
                    // conj(y) . (a y)
                    fr += yRe[i] * aRe[i] + yIm[i] * aIm[i];
                    fi += yRe[i] * aIm[i] - yIm[i] * aRe[i];
                }
                int o = PER_MODE * m;
                sample[o] = n1 * inv;
                sample[o + 1] = n2 * inv;
                sample[o + 2] = fr * inv;
                sample[o + 3] = fi * inv;
                sample[o + 4] = pTop * inv;
            }
        }

        /**
         * One RK4 step of length h for \( dy/dt = -iH_{\rm nh} y \), in place; returns the new
         * \( \|y\|^2 \). Stage outputs are fused into the matrix-vector loops.
         */
        private double rk4(double h) {
            final double h2 = 0.5 * h;
            // stage 1: k = f(y); a = k; t1 = y + h/2 k   with f = -i H y = (Im Hy, -Re Hy)
            stage(yRe, yIm, STAGE_FIRST, h2, t1Re, t1Im);
            // stage 2: k = f(t1); a += 2k; t2 = y + h/2 k
            stage(t1Re, t1Im, STAGE_MIDDLE, h2, t2Re, t2Im);
            // stage 3: k = f(t2); a += 2k; t1 = y + h k
            stage(t2Re, t2Im, STAGE_MIDDLE, h, t1Re, t1Im);
            // stage 4: k = f(t1); y += h/6 (a + k)
            return stage(t1Re, t1Im, STAGE_LAST, h / 6.0, yRe, yIm);
        }

        /**
         * One fused RK4 stage: \( k = f(x) = -iH_{\rm nh}x \) row by row, combined at once with
         * the accumulator a and the state y. {@code STAGE_FIRST}: a = k, out = y + c k;
         * {@code STAGE_MIDDLE}: a += 2k, out = y + c k; {@code STAGE_LAST}: out = y + c (a + k)
         * (out is y itself) and the new \( \|y\|^2 \) is returned (0 for the other kinds).
         * x must not alias out.
         */
        private double stage(double[] xRe, double[] xIm, int kind, double c, double[] outRe,
                             double[] outIm) {
            final int n = d;
            final int[] rs = this.rs;
            final int[] cs = this.cs;
            final double[] hr = this.hr;
            final double[] hi = this.hi;
            final double[] yRe = this.yRe;
            final double[] yIm = this.yIm;
            final double[] aRe = this.aRe;
            final double[] aIm = this.aIm;
            double norm = 0;
            for (int i = 0; i < n; i++) {
                double sr = 0;
                double si = 0;
                final int end = rs[i + 1];
                for (int k = rs[i]; k < end; k++) {
                    final int col = cs[k];
                    final double xr = xRe[col];
                    final double xi = xIm[col];
                    sr += hr[k] * xr - hi[k] * xi;
                    si += hr[k] * xi + hi[k] * xr;
                }
                if (kind == STAGE_LAST) {
                    final double vr = yRe[i] + c * (aRe[i] + si);
                    final double vi = yIm[i] + c * (aIm[i] - sr);
                    outRe[i] = vr;
                    outIm[i] = vi;
                    norm += vr * vr + vi * vi;
                    continue;
                }
                if (kind == STAGE_FIRST) {
                    aRe[i] = si;
                    aIm[i] = -sr;
                } else {
                    aRe[i] += 2 * si;
                    aIm[i] -= 2 * sr;
                }
                outRe[i] = yRe[i] + c * si;
                outIm[i] = yIm[i] - c * sr;
            }
            return norm;
        }
    }

    /**
     * Ensemble averages of an MCWF run (paper 000, SI Eq. 36) with jackknife standard errors over
     * trajectory groups. Modes are the modes of the {@link FockSpace}; for a chain built with
     * {@link ChainOperators} mode {@code l} is site {@code l} (zero-based).
     *
     * <p>Thread safety: immutable after construction; safe for concurrent reads.
     */
    public static final class Result {
        private final int modes;
        private final GroupedSums window;
        private final GroupedSums series;
        private final double[] times;
        private final long jumps;
        private final List<Failure> failures;
        private final long trajectories;
        private final double truncationTolerance;
        private final TrajectoryRange range;

        private Result(int modes, GroupedSums window, GroupedSums series, double[] times,
                       long jumps, List<Failure> failures, long trajectories,
                       double truncationTolerance, TrajectoryRange range) {
            this.truncationTolerance = truncationTolerance;
            this.range = range;
            this.modes = modes;
            this.window = window;
            this.series = series;
            this.times = times;
            this.jumps = jumps;
            this.failures = Collections.unmodifiableList(failures);
            this.trajectories = trajectories;
        }

        /** @return the number of modes */
        public int modes() {
            return modes;
        }

        /**
         * @return the trajectories this result covers: all of the run for {@code run()}, one
         *     range for a partial result ({@code run(range, threads)})
         */
        public TrajectoryRange range() {
            return range;
        }

        /** @return the number of trajectories run (including failed ones) */
        public long trajectories() {
            return trajectories;
        }

        /** @return the trajectories stopped by numerical trouble (excluded from averages) */
        public List<Failure> failures() {
            return failures;
        }

        /** @return the mean number of quantum jumps per trajectory over the whole run */
        public double meanJumps() {
            return (double) jumps / trajectories;
        }

        /**
         * Time- and ensemble-averaged photon number \( n_m = \langle a_m^\dagger a_m\rangle \)
         * over the window (Eq. 36).
         *
         * @param mode mode index
         * @return the estimate
         */
        public Estimate photonNumber(int mode) {
            return window.estimate(offset(mode), 1, m -> m[0]);
        }

        /**
         * Time- and ensemble-averaged \( \langle n_m^2\rangle \) over the window.
         *
         * @param mode mode index
         * @return the estimate
         */
        public Estimate meanSquareNumber(int mode) {
            return window.estimate(offset(mode) + 1, 1, m -> m[0]);
        }

        /**
         * Photon-number fluctuation \( \delta n = \langle a^{\dagger2}a^2\rangle - n^2
         * = \langle n^2\rangle - n - n^2 \) (paper 000, Eq. 5 and 36) from the window averages.
         *
         * @param mode mode index
         * @return the estimate (jackknife error)
         */
        public Estimate numberFluctuation(int mode) {
            return window.estimate(offset(mode), 2, m -> m[1] - m[0] - m[0] * m[0]);
        }

        /**
         * Real part of the window-averaged field \( \langle a_m\rangle \).
         *
         * @param mode mode index
         * @return the estimate
         */
        public Estimate fieldRe(int mode) {
            return window.estimate(offset(mode) + 2, 1, m -> m[0]);
        }

        /**
         * Imaginary part of the window-averaged field \( \langle a_m\rangle \).
         *
         * @param mode mode index
         * @return the estimate
         */
        public Estimate fieldIm(int mode) {
            return window.estimate(offset(mode) + 3, 1, m -> m[0]);
        }

        /**
         * Window-averaged population of the mode's highest Fock state \( N_m \) (its cutoff):
         * the truncation diagnostic. The results are those of the untruncated model only if it is
         * negligible (compare runs at two cutoffs, as the Fig. 9 example does).
         *
         * @param mode mode index
         * @return the estimate of \( \langle |N_m\rangle\langle N_m| \rangle \)
         */
        public Estimate topPopulation(int mode) {
            return window.estimate(offset(mode) + 4, 1, m -> m[0]);
        }

        /** @return the truncation tolerance of the run (see {@link #truncatedModes()}) */
        public double truncationTolerance() {
            return truncationTolerance;
        }

        /**
         * Modes whose window-averaged top population ({@link #topPopulation(int)}) exceeds the
         * truncation tolerance; the run logged a warning for each (a run is never refused after
         * its work is done).
         *
         * @return the mode indices, ascending (empty if the truncation is negligible)
         */
        public int[] truncatedModes() {
            return java.util.stream.IntStream.range(0, modes)
                .filter(m -> topPopulation(m).value() > truncationTolerance).toArray();
        }

        /** @return whether per-time estimates were recorded */
        public boolean hasTimeSeries() {
            return series != null;
        }

        /** @return the sample times of the per-time estimates, a new array */
        public double[] sampleTimes() {
            return times.clone();
        }

        /**
         * Ensemble-averaged photon number at one sample time.
         *
         * @param mode mode index
         * @param timeIndex index into {@link #sampleTimes()}
         * @return the estimate
         * @throws IllegalStateException if the run was not time-resolved
         */
        public Estimate photonNumber(int mode, int timeIndex) {
            return series().estimate(seriesOffset(mode, timeIndex), 1, m -> m[0]);
        }

        /**
         * Ensemble-averaged \( \langle n_m^2\rangle \) at one sample time.
         *
         * @param mode mode index
         * @param timeIndex index into {@link #sampleTimes()}
         * @return the estimate
         * @throws IllegalStateException if the run was not time-resolved
         */
        public Estimate meanSquareNumber(int mode, int timeIndex) {
            return series().estimate(seriesOffset(mode, timeIndex) + 1, 1, m -> m[0]);
        }

        /**
         * Photon-number fluctuation \( \delta n_m(t) \) (Eq. 5) at one sample time.
         *
         * @param mode mode index
         * @param timeIndex index into {@link #sampleTimes()}
         * @return the estimate
         * @throws IllegalStateException if the run was not time-resolved
         */
        public Estimate numberFluctuation(int mode, int timeIndex) {
            return series().estimate(seriesOffset(mode, timeIndex), 2,
                m -> m[1] - m[0] - m[0] * m[0]);
        }

        /**
         * Population of the mode's highest Fock state at one sample time (see
         * {@link #topPopulation(int)}).
         *
         * @param mode mode index
         * @param timeIndex index into {@link #sampleTimes()}
         * @return the estimate
         * @throws IllegalStateException if the run was not time-resolved
         */
        public Estimate topPopulation(int mode, int timeIndex) {
            return series().estimate(seriesOffset(mode, timeIndex) + 4, 1, m -> m[0]);
        }

        /**
         * The raw window accumulator: per group, sample counts and sums of
         * {@code (n, n^2, Re a, Im a, p_top)} for every mode, mode-major.
         *
         * @return a copy
         */
        public GroupedSums windowSums() {
            return new GroupedSums(window.width()).combine(window);
        }

        private GroupedSums series() {
            if (series == null) {
                throw new IllegalStateException(
                    "no time series recorded; build with timeResolved(true)");
            }
            return series;
        }

        private int offset(int mode) {
            return PER_MODE * Checks.index("mode", mode, modes);
        }

        private int seriesOffset(int mode, int timeIndex) {
            Checks.index("timeIndex", timeIndex, times.length);
            return timeIndex * PER_MODE * modes + offset(mode);
        }
    }

    /**
     * Fluent builder; every setting is validated where it enters and the combination in
     * {@link #build()}, before any work starts. Not thread-safe.
     */
    public static final class Builder {
        private final Lindbladian lindbladian;
        private final FockSpace space;
        private double[] initialRe;
        private double[] initialIm;
        private double dt = Double.NaN;
        private double endTime = 10;
        private double windowStart = Double.NaN;
        private double windowEnd = Double.NaN;
        private double sampleInterval = 0.1;
        private long trajectories = 100;
        private int groupSize = 1;
        private long seed = 1;
        private int threads = Runtime.getRuntime().availableProcessors();
        private boolean timeResolved;
        private double truncationTolerance = FockTruncation.DEFAULT_TOLERANCE;
        private Integrator integrator = Integrator.RK4;
        private double integratorTolerance = DEFAULT_INTEGRATOR_TOLERANCE;

        private Builder(Lindbladian lindbladian, FockSpace space) {
            this.lindbladian = lindbladian;
            this.space = space;
        }

        /**
         * Initial pure state (default: the vacuum, basis state 0). It is normalised here.
         *
         * @param re real parts, length {@code dimension} (not modified)
         * @param im imaginary parts (not modified)
         * @return this builder
         * @throws IllegalArgumentException on a wrong length, non-finite entries or zero norm
         */
        public Builder initialState(double[] re, double[] im) {
            Objects.requireNonNull(re, "re");
            Objects.requireNonNull(im, "im");
            int d = space.dimension();
            if (re.length != d || im.length != d) {
                throw new IllegalArgumentException("initial state must have length " + d + ": "
                    + re.length + ", " + im.length);
            }
            Checks.allFinite("initialState.re", re);
            Checks.allFinite("initialState.im", im);
            double n = 0;
            for (int i = 0; i < d; i++) {
                n += re[i] * re[i] + im[i] * im[i];
            }
            if (!(n > 0)) {
                throw new IllegalArgumentException("initial state must have a positive norm: "
                    + n);
            }
            double s = 1 / Math.sqrt(n);
            double[] r = new double[d];
            double[] m = new double[d];
            for (int i = 0; i < d; i++) {
                r[i] = re[i] * s;
                m[i] = im[i] * s;
            }
            this.initialRe = r;
            this.initialIm = m;
            return this;
        }

        /**
         * Initial product of coherent states \( \bigotimes_m |\alpha_m\rangle \), truncated at
         * the cutoffs and renormalised (paper 000, Fig. 9b).
         *
         * @param alphaRe real parts of \( \alpha_m \), one per mode (not modified)
         * @param alphaIm imaginary parts (not modified)
         * @return this builder
         */
        public Builder coherentInitialState(double[] alphaRe, double[] alphaIm) {
            Objects.requireNonNull(alphaRe, "alphaRe");
            Objects.requireNonNull(alphaIm, "alphaIm");
            int modes = space.modes();
            if (alphaRe.length != modes || alphaIm.length != modes) {
                throw new IllegalArgumentException("alpha must have one entry per mode ("
                    + modes + "): " + alphaRe.length + ", " + alphaIm.length);
            }
            Checks.allFinite("alphaRe", alphaRe);
            Checks.allFinite("alphaIm", alphaIm);
            int d = space.dimension();
            double[] re = new double[d];
            double[] im = new double[d];
            for (int i = 0; i < d; i++) {
                double cr = 1;
                double ci = 0;
                for (int m = 0; m < modes; m++) {
                    int n = space.occupation(i, m);
                    // alpha^n / sqrt(n!) (the common factor exp(-|alpha|^2/2) drops out)
                    double mag = Math.exp(n * Math.log(Math.hypot(alphaRe[m], alphaIm[m]))
                        - 0.5 * logFactorial(n));
                    if (n == 0) {
                        mag = 1;
                    }
                    double ph = n * Math.atan2(alphaIm[m], alphaRe[m]);
                    double vr = mag * Math.cos(ph);
                    double vi = mag * Math.sin(ph);
                    double nr = cr * vr - ci * vi;
                    ci = cr * vi + ci * vr;
                    cr = nr;
                }
                re[i] = cr;
                im[i] = ci;
            }
            return initialState(re, im);
        }

        private static double logFactorial(int n) {
            double s = 0;
            for (int k = 2; k <= n; k++) {
                s += Math.log(k);
            }
            return s;
        }

        /**
         * RK4 time step (default \( \min(0.01, 1/\rho) \), see the class documentation). It is
         * reduced slightly so that an integer number of steps reaches the end time.
         *
         * @param h positive, finite, at most {@code 2.6 / rho} (checked in {@link #build()})
         * @return this builder
         */
        public Builder dt(double h) {
            this.dt = Checks.positive("dt", h);
            return this;
        }

        /**
         * End time T of every trajectory (default 10).
         *
         * @param t positive, finite
         * @return this builder
         */
        public Builder endTime(double t) {
            this.endTime = Checks.positive("endTime", t);
            return this;
        }

        /**
         * Averaging window \( [t_a, t_b] \) (default: the second half \( [T/2, T] \)).
         *
         * @param from start, non-negative
         * @param to end, at least {@code from} and at most the end time (checked in
         *     {@link #build()})
         * @return this builder
         */
        public Builder window(double from, double to) {
            Checks.nonNegative("window.from", from);
            Checks.nonNegative("window.to", to);
            if (to < from) {
                throw new IllegalArgumentException("window.to must be at least window.from = "
                    + from + ": " + to);
            }
            this.windowStart = from;
            this.windowEnd = to;
            return this;
        }

        /**
         * Time between samples (default 0.1), rounded to a whole number of steps (at least one).
         *
         * @param interval positive, finite
         * @return this builder
         */
        public Builder sampleInterval(double interval) {
            this.sampleInterval = Checks.positive("sampleInterval", interval);
            return this;
        }

        /**
         * Number of trajectories (default 100).
         *
         * @param n at least 1
         * @return this builder
         */
        public Builder trajectories(long n) {
            this.trajectories = Checks.atLeast("trajectories", n, 1L);
            return this;
        }

        /**
         * Trajectories per statistical group (default 1: every trajectory its own group). Does
         * not change the averages, only the jackknife error estimate.
         *
         * @param n at least 1
         * @return this builder
         */
        public Builder groupSize(int n) {
            this.groupSize = Checks.atLeast("groupSize", n, 1);
            return this;
        }

        /**
         * Master seed (default 1); trajectory {@code i} uses
         * {@code TrajectoryStreams.stream(seed, i)}.
         *
         * @param masterSeed any value
         * @return this builder
         */
        public Builder seed(long masterSeed) {
            this.seed = masterSeed;
            return this;
        }

        /**
         * Worker threads (default: available processors). Does not change the result.
         *
         * @param n at least 1
         * @return this builder
         */
        public Builder threads(int n) {
            this.threads = Checks.atLeast("threads", n, 1);
            return this;
        }

        /**
         * Sets the truncation tolerance (default {@value FockTruncation#DEFAULT_TOLERANCE}): a
         * mode whose window-averaged top population exceeds it is reported in
         * {@link Result#truncatedModes()} and logged as a warning (the run is not refused).
         *
         * @param value in \( (0, \) {@value FockTruncation#MAX_TOLERANCE}\( ] \)
         * @return this builder
         */
        public Builder truncationTolerance(double value) {
            this.truncationTolerance = FockTruncation.checkTolerance(value);
            return this;
        }

        /**
         * Whether to keep per-time ensemble estimates at every sample time (default false;
         * memory {@code 40 * modes * samples} bytes per group).
         *
         * @param on true to record
         * @return this builder
         */
        public Builder timeResolved(boolean on) {
            this.timeResolved = on;
            return this;
        }

        /**
         * @param value integrator of the no-jump evolution (default {@link Integrator#RK4})
         * @return this builder
         */
        public Builder integrator(Integrator value) {
            this.integrator = Objects.requireNonNull(value, "integrator");
            return this;
        }

        /**
         * @param value absolute error of the (unnormalized) state per unit time of
         *     {@link Integrator#KRYLOV}, in (0, 1e-2] (default
         *     {@value QuantumTrajectories#DEFAULT_INTEGRATOR_TOLERANCE}); ignored by RK4
         * @return this builder
         */
        public Builder integratorTolerance(double value) {
            if (!(value > 0 && value <= 1e-2)) {
                throw new IllegalArgumentException("integratorTolerance must be in (0, 1e-2]: "
                    + value);
            }
            this.integratorTolerance = value;
            return this;
        }

        /**
         * Validates the combination and builds the immutable run description.
         *
         * @return the configured ensemble
         * @throws IllegalArgumentException if dt exceeds the RK4 stability bound (RK4 only) or
         *     the window lies outside {@code [0, endTime]}
         */
        public QuantumTrajectories build() {
            double rho = spectralBound(lindbladian);
            double maxDt = rho > 0 ? STABILITY_RADIUS / rho : Double.POSITIVE_INFINITY;
            boolean krylov = integrator == Integrator.KRYLOV;
            // with KRYLOV, dt is only the grid of the sample times (no stability bound)
            double h = Double.isNaN(dt)
                ? (krylov ? 0.01 : Math.min(0.01, rho > 0 ? 1.0 / rho : 0.01)) : dt;
            if (!krylov && h > maxDt) {
                throw new IllegalArgumentException("dt must be at most 2.6 / rho = " + maxDt
                    + " for RK4 stability (rho = " + rho + " is the Gershgorin bound of H_nh; "
                    + "lower the cutoffs or dt): " + h);
            }
            long n = (long) Math.ceil(endTime / h - 1e-9);
            n = Math.max(n, 1);
            double step = endTime / n;
            double from = Double.isNaN(windowStart) ? 0.5 * endTime : windowStart;
            double to = Double.isNaN(windowEnd) ? endTime : windowEnd;
            if (to > endTime * (1 + 1e-12)) {
                throw new IllegalArgumentException("window.to must be at most endTime = "
                    + endTime + ": " + to);
            }
            long every = Math.max(1, Math.round(sampleInterval / step));
            long first = (long) Math.ceil(from / step - 1e-9);
            long last = Math.min(n, (long) Math.floor(to / step + 1e-9));
            // at least one sample in the window
            long firstSample = ((first + every - 1) / every) * every;
            if (firstSample > last) {
                throw new IllegalArgumentException("window [" + from + ", " + to
                    + "] contains no sample time (sample interval " + every * step + ")");
            }
            if (initialRe == null) {
                initialRe = new double[space.dimension()];
                initialIm = new double[space.dimension()];
                initialRe[0] = 1.0;
            }
            return new QuantumTrajectories(this, step, n, every, first, last, rho);
        }
    }
}
