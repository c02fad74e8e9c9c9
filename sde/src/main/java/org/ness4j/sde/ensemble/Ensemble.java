package org.ness4j.sde.ensemble;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.commons.rng.RestorableUniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.NormalizedGaussianSampler;
import org.ness4j.core.Checks;
import org.ness4j.core.Version;
import org.ness4j.core.exec.Shards;
import org.ness4j.core.exec.TrajectoryRange;
import org.ness4j.core.random.TrajectoryGaussians;
import org.ness4j.core.random.TrajectoryStreams;
import org.ness4j.core.stat.Accumulator;
import org.ness4j.core.table.Provenance;
import org.ness4j.sde.Heun;
import org.ness4j.sde.SdeAlgorithm;
import org.ness4j.sde.SdeProblem;
import org.ness4j.sde.SdeStepper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A reproducible, parallel ensemble of trajectories of an {@link SdeProblem} with fixed steps,
 * observed by streaming accumulators (SciML's {@code EnsembleProblem} + {@code solve}).
 *
 * <p><b>Reproducibility.</b> Trajectory {@code i} draws its initial state and then, step by step
 * and channel by channel, its Wiener increments (and any extra variates the scheme needs, see
 * {@link SdeStepper#incrementsPerChannel()}) from its own generator
 * {@link TrajectoryStreams#stream(long, long) stream(masterSeed, i)}. Its path therefore depends
 * only on {@code (masterSeed, i)}. Batches are independent tasks whose partial results are
 * combined in trajectory order, and ness4j accumulators are keyed by trajectory group, so the
 * result is bit-identical for any number of threads and any batch size (both tested).
 *
 * <p><b>Data flow.</b> For each batch of {@code batchSize} trajectories (a multiple of
 * {@code groupSize}): allocate the structure-of-arrays state, sample initial states, then per
 * step draw the increments, call the {@link SdeStepper}, check for divergence every
 * {@code checkEvery} steps and at every sampled step, and hand sampled states to the
 * {@link BatchObserver}. Nothing is allocated inside the step loop.
 *
 * <p><b>Divergence.</b> A trajectory with a non-finite component, or one whose magnitude exceeds
 * {@code divergenceThreshold}, is reported as a {@link Divergence} (trajectory, time, component),
 * reset to zero so that it cannot poison the batch, and its statistical group is left out;
 * the run ends with {@link ReturnCode#DIVERGED}.
 *
 * <p>Thread safety: immutable; {@link #run} may be called from several threads, each run uses
 * its own worker pool.
 */
public final class Ensemble {

    private static final Logger LOG = LoggerFactory.getLogger(Ensemble.class);
    /** Minimum time between progress lines in the log. */
    private static final Duration LOG_EVERY = Duration.ofSeconds(60);
    /** Steps between updates of the shared progress counter by a worker. */
    static final int PROGRESS_EVERY = 64;

    private final SdeProblem problem;
    private final SdeAlgorithm algorithm;
    private final long trajectories;
    private final double dt;
    private final long steps;
    private final long seed;
    private final int threads;
    private final int batchSize;
    private final int groupSize;
    private final int checkEvery;
    private final double divergenceThreshold;
    private final Duration progressInterval;
    private final ProgressListener progress;
    private final CancellationToken cancellation;
    private final int replicas;
    private final long perturbationStep;
    private final Perturbation perturbation;
    private final Path checkpointFile;
    private final Duration checkpointInterval;
    private final ErrorBudget errorBudget;

    private Ensemble(Builder b) {
        this.problem = b.problem;
        this.algorithm = b.algorithm;
        this.trajectories = b.trajectories;
        this.dt = b.dt;
        this.steps = b.steps;
        this.seed = b.seed;
        this.threads = b.threads;
        this.groupSize = b.groupSize;
        this.batchSize = b.batchSize > 0 ? b.batchSize : defaultBatchSize(b);
        // a batch's state is one double[] of dimension x batch x replicas values
        if ((long) batchSize * b.replicas * problem.dimension() > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("batchSize " + batchSize + " x replicas "
                + b.replicas + " x dimension " + problem.dimension() + " exceeds the "
                + "largest Java array; use a smaller batchSize");
        }
        // and its noise buffer one double[] of channels x increments per channel x lanes
        int variates = problem.noiseComponents().length
            * algorithm.stepper(problem, 1).incrementsPerChannel();
        if ((long) batchSize * b.replicas * variates > MemoryEstimate.MAX_ARRAY) {
            throw new IllegalArgumentException("batchSize " + batchSize + " x replicas "
                + b.replicas + " x noise variates " + variates + " (" + problem.noiseComponents()
                .length + " channels x " + variates / Math.max(1, problem.noiseComponents().length)
                + " increments per channel of " + algorithm.name() + ") exceeds the largest "
                + "Java array for the batch's noise buffer; use a smaller batchSize");
        }
        this.checkEvery = b.checkEvery;
        this.divergenceThreshold = b.divergenceThreshold;
        this.progressInterval = b.progressInterval;
        this.progress = b.progress;
        this.cancellation = b.cancellation;
        this.replicas = b.replicas;
        this.perturbationStep = b.perturbationStep;
        this.perturbation = b.perturbation;
        this.checkpointFile = b.checkpointFile;
        this.checkpointInterval = b.checkpointInterval;
        this.errorBudget = b.errorBudget;
    }

    /**
     * A copy for one task of a sharded plan ({@link EnsemblePlan}): {@code threads} threads,
     * the same batch size; without the progress listener and checkpoint file unless
     * {@code keepControls} (a range run elsewhere must not write the caller's file).
     */
    private Ensemble(Ensemble o, int threads, boolean keepControls) {
        this.problem = o.problem;
        this.algorithm = o.algorithm;
        this.trajectories = o.trajectories;
        this.dt = o.dt;
        this.steps = o.steps;
        this.seed = o.seed;
        this.threads = threads;
        this.batchSize = o.batchSize;
        this.groupSize = o.groupSize;
        this.checkEvery = o.checkEvery;
        this.divergenceThreshold = o.divergenceThreshold;
        this.progressInterval = o.progressInterval;
        this.progress = keepControls ? o.progress : null;
        this.cancellation = o.cancellation;
        this.replicas = o.replicas;
        this.perturbationStep = o.perturbationStep;
        this.perturbation = o.perturbation;
        this.checkpointFile = keepControls ? o.checkpointFile : null;
        this.checkpointInterval = o.checkpointInterval;
        this.errorBudget = keepControls ? o.errorBudget : null;
    }

    /** This ensemble on {@code threads} threads (see the copy constructor). */
    Ensemble forTask(int threads, boolean keepControls) {
        return new Ensemble(this, threads, keepControls);
    }

    /** State bytes of a default batch: about one L2 cache of a current server or laptop core. */
    private static final long L2_STATE_BYTES = 1L << 20;

    private static int defaultBatchSize(Builder b) {
        // Enough batches to keep every thread busy; a batch's state (dimension x size x replicas
        // doubles) within L2_STATE_BYTES so that it stays in a core's L2 cache along a step, but
        // at least 64 trajectories for the vectorized kernels and at most 1024
        // (docs/benchmarks.md).
        long perThread = (b.trajectories + b.threads - 1) / b.threads;
        long cacheLanes = Math.max(64,
            L2_STATE_BYTES / (8L * b.problem.dimension() * b.replicas));
        long size = Math.min(Math.min(1024, cacheLanes), Math.max(1, perThread));
        size = (size + b.groupSize - 1) / b.groupSize * b.groupSize;
        return (int) Math.min(size, Integer.MAX_VALUE / 2);
    }

    /**
     * Starts a builder.
     *
     * @param problem the equations
     * @return a builder with Heun, 1 trajectory, all available processors and seed 0
     */
    public static Builder builder(SdeProblem problem) {
        return new Builder(Objects.requireNonNull(problem, "problem"));
    }

    /** @return the problem */
    public SdeProblem problem() {
        return problem;
    }

    /** @return the algorithm */
    public SdeAlgorithm algorithm() {
        return algorithm;
    }

    /** @return number of trajectories */
    public long trajectories() {
        return trajectories;
    }

    /** @return step size */
    public double dt() {
        return dt;
    }

    /** @return number of steps per trajectory */
    public long steps() {
        return steps;
    }

    /** @return batch size (a multiple of the group size) */
    public int batchSize() {
        return batchSize;
    }

    /** @return trajectories per statistical group */
    public int groupSize() {
        return groupSize;
    }

    /** @return master seed */
    public long seed() {
        return seed;
    }

    /** @return the error budget, or {@code null} if none was requested */
    public ErrorBudget errorBudget() {
        return errorBudget;
    }

    // what the error budget's re-run (StepErrorBudget) shares with the main run

    int threads() {
        return threads;
    }

    int replicas() {
        return replicas;
    }

    int checkEvery() {
        return checkEvery;
    }

    long perturbationStep() {
        return perturbationStep;
    }

    Perturbation perturbation() {
        return perturbation;
    }

    CancellationToken cancellation() {
        return cancellation;
    }

    Path checkpointFile() {
        return checkpointFile;
    }

    Duration checkpointInterval() {
        return checkpointInterval;
    }

    double divergenceThreshold() {
        return divergenceThreshold;
    }

    ProgressListener progressListener() {
        return progress;
    }

    Duration progressInterval() {
        return progressInterval;
    }

    /** Extra trajectory-steps of the error budget: subset x (1 + 2) x steps. */
    long budgetSteps() {
        return errorBudget == null ? 0
            : errorBudget.subsetSize(trajectories, groupSize) * 3 * steps;
    }

    /**
     * Seeds lane {@code b} of a batch with {@link TrajectoryStreams#stream(long, long)
     * stream(seed, first + b)}, samples its initial state and copies it to the replicas.
     * {@code rngs} and {@code gauss} receive views of the lanes of the returned streams
     * (checkpoints save and restore the generators through them).
     */
    TrajectoryGaussians seedBatch(long first, double[] x, RestorableUniformRandomProvider[] rngs,
                                  NormalizedGaussianSampler[] gauss) {
        final int size = rngs.length;
        final TrajectoryGaussians noise = new TrajectoryGaussians(seed, first, size);
        for (int b = 0; b < size; b++) {
            rngs[b] = noise.generator(b);
            gauss[b] = noise.sampler(b);
            problem.initialState(gauss[b], x, size * replicas, b);
        }
        copyToReplicas(x, problem.dimension(), size);
        return noise;
    }

    /**
     * Draws {@code rows} rows of independent {@code N(0, scale^2)} variates for a batch and
     * copies them to the replicas' lanes. Trajectory b draws its variates in the order
     * j = 0, 1, ... from its own stream ({@link TrajectoryGaussians#fill}: the values of the
     * Commons ziggurat sampler on that stream), so the values do not depend on the batch.
     */
    void drawIncrements(TrajectoryGaussians noise, double scale, double[] dW, int rows) {
        final int size = noise.size();
        noise.fill(scale, dW, 0, rows, size * replicas);
        copyToReplicas(dW, rows, size);
    }

    /**
     * Runs the ensemble.
     *
     * @param observer what to measure
     * @param <A> accumulator type
     * @return the combined statistics and the run's return code
     * @throws IllegalArgumentException before any work, if the observer's schedule gives it too
     *     few samples in this run ({@link EnsembleObserver#validate}), if the algorithm cannot
     *     integrate the problem, or if the observer (or the perturbation) refuses the probe
     *     batch of one trajectory that is opened up front (see {@link EnsembleObserver#open})
     * @throws IllegalArgumentException if the run would not fit into the heap (the message
     *     names the largest accumulator, the estimate, the heap and what to change; see
     *     {@link EnsembleObserver#memory}), or a batch would need an array beyond the largest
     *     Java array
     * @throws IllegalStateException if a worker fails with an exception (its cause attached)
     */
    public <A extends Accumulator<A>> EnsembleResult<A> run(EnsembleObserver<A> observer) {
        return run(observer, TrajectoryRange.all(trajectories));
    }

    /**
     * Runs one range of this ensemble's trajectories, for sharding a run over processes or
     * machines: trajectory {@code i} of the range is trajectory {@code i} of the whole run
     * (same random stream {@code TrajectoryStreams.stream(seed, i)}, same group
     * {@code i / groupSize}, and the observer configured for the whole run,
     * {@link EnsembleObserver#forRun forRun(trajectories(), groupSize())}). The statistics of
     * disjoint ranges combine ({@link Accumulator#combine}, or {@link EnsemblePlan#mergeAll}
     * with the gap and overlap checks) in any order into exactly, bit for bit, the statistics
     * of {@link #run(EnsembleObserver)}. A checkpoint of a range run records the range in its
     * fingerprint.
     *
     * @param observer what to measure
     * @param range the trajectories to run; its ends must be multiples of the group size (or
     *     the run's end)
     * @param <A> accumulator type
     * @return the range's statistics, divergences and completed trajectories
     * @throws IllegalArgumentException as {@link #run(EnsembleObserver)}, or if the range is
     *     not a shard of this run, or if an error budget is requested for a part of the run
     *     (the budget re-runs the first trajectories of the whole run: run it on the whole
     *     run)
     * @throws IllegalStateException if a worker fails with an exception (its cause attached)
     */
    public <A extends Accumulator<A>> EnsembleResult<A> run(EnsembleObserver<A> observer,
                                                            TrajectoryRange range) {
        Objects.requireNonNull(observer, "observer");
        Objects.requireNonNull(range, "range");
        Shards.requireShard(range, trajectories, groupSize);
        if (errorBudget != null && !range.isAll(trajectories)) {
            throw new IllegalArgumentException("an error budget cannot be run on the range "
                + range + " of " + trajectories + " trajectories: it re-runs the first "
                + "trajectories of the whole run; build the ensemble without errorBudget for "
                + "sharded runs");
        }
        return new LocalEnsembleRun(this, range).run(observer.forRun(trajectories, groupSize));
    }

    /**
     * Checks, before any work, that a run can start: the observer gets enough samples, the
     * algorithm integrates the problem, the observer and perturbation accept a probe batch and
     * the run fits into the heap.
     */
    void validateRun(EnsembleObserver<?> observer) {
        observer.validate(steps);
        // Fail before any work if the algorithm cannot integrate the problem, or the observer
        // not observe it (sites outside the state, missing replicas, ...).
        algorithm.stepper(problem, 1);
        BatchInfo probe = new BatchInfo(0, 1, replicas, groupSize, problem.dimension(), dt);
        observer.open(probe);
        if (perturbation != null) {
            perturbation.validate(probe);
        }
        checkMemory(observer);
    }

    /** Fraction of the free heap a run may plan to use (the rest: collector headroom). */
    private static final double HEAP_USE = 0.75;
    /** A stepper's working arrays, in state vectors (SRA with three stages holds six). */
    private static final int STEPPER_STATES = 6;
    /** Heap per trajectory for its generator and Gaussian sampler (and their saved state). */
    private static final long GENERATOR_BYTES = 256;

    /**
     * The heap a batch of {@code size} trajectories needs besides its observer: state vector,
     * noise buffer, the stepper's working arrays ({@link #STEPPER_STATES} state vectors, a
     * bound for the schemes in this library), generators and, with checkpoints, the saved
     * state.
     */
    MemoryEstimate batchMemory(int size) {
        long lanes = (long) size * replicas;
        long state = lanes * problem.dimension();
        long noise = lanes * problem.noiseComponents().length
            * algorithm.stepper(problem, 1).incrementsPerChannel();
        long bytes = 8 * (state * (1 + STEPPER_STATES) + noise) + GENERATOR_BYTES * size + lanes;
        return new MemoryEstimate("state and noise buffers", bytes, 0, Math.max(state, noise),
            8 * state + GENERATOR_BYTES * size);
    }

    /**
     * Refuses, before any work, a run that would not fit into the heap: the observer's
     * estimates ({@link EnsembleObserver#memoryParts}) per batch in flight (with checkpoints
     * plus its saved state) and combined, plus the ensemble's own
     * per-batch state ({@link #batchMemory}), must fit into {@link #HEAP_USE} of the free heap
     * (maximum heap minus what is in use, measured again after a garbage collection before
     * refusing); and no batch may need an array beyond the largest Java array.
     */
    private void checkMemory(EnsembleObserver<?> observer) {
        int size = (int) Math.min(batchSize, trajectories);
        BatchInfo batch = new BatchInfo(0, size, replicas, groupSize, problem.dimension(), dt);
        List<MemoryEstimate> parts = observer.memoryParts(batch, trajectories);
        for (MemoryEstimate p : parts) {
            if (p.largestArray() > MemoryEstimate.MAX_ARRAY) {
                throw new IllegalArgumentException(p.accumulator() + " would need an array of "
                    + p.largestArray() + " values per batch of " + size + " trajectories "
                    + "(groups of the batch x values per group), more than the largest Java "
                    + "array (" + MemoryEstimate.MAX_ARRAY + "); use larger groups "
                    + "(groupSize), a smaller batchSize, coarser sampling or fewer sites");
            }
        }
        long batches = (trajectories + batchSize - 1) / batchSize;
        long running = Math.min(threads, batches);
        boolean saving = checkpointFile != null;
        MemoryEstimate own = batchMemory(size);
        long need = own.total(running, saving);
        MemoryEstimate largest = null;
        for (MemoryEstimate p : parts) {
            need = MemoryEstimate.add(need, p.total(running, saving));
            if (largest == null || p.total(running, saving) > largest.total(running, saving)) {
                largest = p;
            }
        }
        if (need <= HEAP_USE * freeHeap()) {
            return;
        }
        System.gc(); // garbage of earlier runs counts as in use until collected
        long free = freeHeap();
        if (need <= HEAP_USE * free) {
            return;
        }
        long max = Runtime.getRuntime().maxMemory();
        StringBuilder m = new StringBuilder(String.format(Locale.ROOT,
            "not enough heap memory for this run: it needs about %s, but the heap (-Xmx) is %s "
            + "of which %s is free, and a run may plan with %.0f %% of that. ",
            bytes(need), bytes(max), bytes(free), 100 * HEAP_USE));
        if (largest != null && largest.total(running, saving) >= own.total(running, saving)) {
            m.append(String.format(Locale.ROOT, "The largest accumulator is %s: %s per batch "
                + "x %d batches in flight%s + %s combined. ", largest.accumulator(),
                bytes(largest.perBatch() + (saving ? largest.savedState() : 0)), running,
                saving ? " (with its saved state for the checkpoint)" : "",
                bytes(largest.combined())));
        } else {
            m.append(String.format(Locale.ROOT, "The largest part is the batches' state and "
                + "noise buffers: %s per batch x %d batches in flight. ",
                bytes(own.perBatch() + (saving ? own.savedState() : 0)), running));
        }
        m.append("To fit: sample more coarsely (a larger sampling interval, fewer time points), "
            + "observe fewer sites, use larger groups (groupSize) or fewer threads or smaller "
            + "batches, or give the JVM more heap (-Xmx).");
        throw new IllegalArgumentException(m.toString());
    }

    private static long freeHeap() {
        Runtime r = Runtime.getRuntime();
        return r.maxMemory() - (r.totalMemory() - r.freeMemory());
    }

    /** A byte count for messages: "512 MB". */
    private static String bytes(long b) {
        if (b >= 1L << 30) {
            return String.format(Locale.ROOT, "%.1f GB", b / (double) (1L << 30));
        }
        return String.format(Locale.ROOT, "%.0f MB", Math.ceil(b / (double) (1L << 20)));
    }

    /**
     * The configuration a checkpoint must match to be resumed: everything that determines the
     * result (problem, algorithm, sizes, seed, divergence threshold and check period, the
     * observer with its schedule and settings), the library version and the format version.
     * The perturbation function itself cannot be compared (only its step): resuming with a
     * different one is the caller's responsibility.
     */
    String fingerprint(EnsembleObserver<?> observer) {
        return "ness4j-checkpoint-v5 ness4j=" + Version.current() + " streams="
            + TrajectoryStreams.FORMAT + " problem=" + problem
            + " algorithm=" + algorithm.name() + " trajectories=" + trajectories + " dt=" + dt
            + " steps=" + steps + " seed=" + seed
            + " batchSize=" + batchSize + " groupSize=" + groupSize + " replicas=" + replicas
            + " perturbationStep=" + perturbationStep
            + " divergenceThreshold=" + divergenceThreshold + " checkEvery=" + checkEvery
            + " observer=" + observer.describe();
    }

    /** The checkpoint fingerprint of a run of {@code range}: a part records its range. */
    String fingerprint(EnsembleObserver<?> observer, TrajectoryRange range) {
        return fingerprint(observer) + (range.isAll(trajectories) ? "" : " range=" + range);
    }

    /**
     * The fingerprint of this ensemble as a sharded plan ({@link EnsemblePlan}): as the
     * checkpoint's, without the batch size and with the observer configured for the whole run
     * (the batch size does not change the result, and its default depends on the machine).
     */
    String planFingerprint(EnsembleObserver<?> configured) {
        return "ness4j-plan-v1 ness4j=" + Version.current() + " streams="
            + TrajectoryStreams.FORMAT + " problem=" + problem
            + " algorithm=" + algorithm.name() + " trajectories=" + trajectories + " dt=" + dt
            + " steps=" + steps + " seed=" + seed + " groupSize=" + groupSize
            + " replicas=" + replicas + " perturbationStep=" + perturbationStep
            + " divergenceThreshold=" + divergenceThreshold + " checkEvery=" + checkEvery
            + " observer=" + configured.describe();
    }

    /**
     * Logs progress at INFO at most every {@link #LOG_EVERY} (the first after one interval), so
     * that long runs leave a trace in the log without flooding it.
     */
    static void logProgress(Progress p, AtomicLong lastLog) {
        long now = System.nanoTime();
        long last = lastLog.get();
        if (now - last >= LOG_EVERY.toNanos() && lastLog.compareAndSet(last, now)) {
            LOG.info("ensemble progress: {}% ({} of {} trajectories done), {} trajectory-steps/s, "
                + "about {} s left", String.format(Locale.ROOT, "%.1f", 100 * p.fraction()),
                p.completedTrajectories(), p.totalTrajectories(),
                String.format(Locale.ROOT, "%.3g", p.rate()),
                p.remaining() == null ? "?" : p.remaining().toSeconds());
        }
    }

    /** Copies lanes 0..size-1 of every row into the other replicas' lanes. */
    void copyToReplicas(double[] a, int rows, int size) {
        if (replicas == 1) {
            return;
        }
        final int lanes = size * replicas;
        for (int i = 0; i < rows; i++) {
            for (int r = 1; r < replicas; r++) {
                System.arraycopy(a, i * lanes, a, i * lanes + r * size, size);
            }
        }
    }

    void checkDivergence(double t, long first, double[] x, int size, boolean[] dead,
                                 List<Divergence> divergences) {
        final int n = problem.dimension();
        final int lanes = size * replicas;
        final double limit = divergenceThreshold;
        for (int i = 0; i < n; i++) {
            final int off = i * lanes;
            for (int k = 0; k < lanes; k++) {
                double v = x[off + k];
                int b = k % size;
                // !(|v| <= limit) is true for NaN as well
                if (!(Math.abs(v) <= limit) && !dead[b]) {
                    dead[b] = true;
                    divergences.add(new Divergence(first + b, t, i, problem.componentName(i), v));
                }
            }
        }
        for (int b = 0; b < size; b++) {
            if (dead[b]) {
                for (int i = 0; i < n; i++) {
                    for (int r = 0; r < replicas; r++) {
                        x[i * lanes + r * size + b] = 0.0;
                    }
                }
            }
        }
    }

    /**
     * Fluent builder of an {@link Ensemble}. Setters validate at once; {@link #build()} checks
     * the combination (batch size a multiple of the group size, the algorithm suits the
     * problem).
     *
     * <p>Not thread-safe.
     */
    public static final class Builder {
        private final SdeProblem problem;
        private SdeAlgorithm algorithm = Heun.create();
        private long trajectories = 1;
        private double dt = Double.NaN;
        private long steps = -1;
        private long seed;
        private int threads = Runtime.getRuntime().availableProcessors();
        private int batchSize;
        private int groupSize = 1;
        private int checkEvery = 256;
        private double divergenceThreshold = 1e100;
        private Duration progressInterval = Duration.ofSeconds(2);
        private ProgressListener progress;
        private CancellationToken cancellation;
        private int replicas = 1;
        private long perturbationStep = -1;
        private Perturbation perturbation;
        private Path checkpointFile;
        private Duration checkpointInterval = Duration.ofMinutes(5);
        private ErrorBudget errorBudget;

        private Builder(SdeProblem problem) {
            this.problem = problem;
        }

        /**
         * @param a integration scheme (default {@link Heun})
         * @return this builder
         */
        public Builder algorithm(SdeAlgorithm a) {
            this.algorithm = Objects.requireNonNull(a, "algorithm");
            return this;
        }

        /**
         * @param n number of trajectories, at least 1
         * @return this builder
         */
        public Builder trajectories(long n) {
            this.trajectories = Checks.atLeast("trajectories", n, 1L);
            return this;
        }

        /**
         * @param h step size, positive and finite
         * @return this builder
         */
        public Builder dt(double h) {
            this.dt = Checks.positive("dt", h);
            return this;
        }

        /**
         * @param n number of steps per trajectory, at least 1 (run time {@code n * dt})
         * @return this builder
         */
        public Builder steps(long n) {
            this.steps = Checks.atLeast("steps", n, 1L);
            return this;
        }

        /**
         * @param masterSeed master seed fixing every random number of the run
         * @return this builder
         */
        public Builder seed(long masterSeed) {
            this.seed = masterSeed;
            return this;
        }

        /**
         * @param n worker threads, at least 1 (default: available processors); does not change
         *     the result
         * @return this builder
         */
        public Builder threads(int n) {
            this.threads = Checks.atLeast("threads", n, 1);
            return this;
        }

        /**
         * @param n trajectories per batch (a multiple of the group size); default: enough
         *     batches for all threads, with at most 1024 trajectories and about 1 MiB of state
         *     each (but at least 64 trajectories), so that a batch stays in a core's L2 cache.
         *     Does not change the result.
         * @return this builder
         */
        public Builder batchSize(int n) {
            this.batchSize = Checks.atLeast("batchSize", n, 1);
            return this;
        }

        /**
         * @param n trajectories per statistical group (default 1: every trajectory is its own
         *     group). Standard errors are computed from the scatter between groups; larger groups
         *     use less accumulator memory.
         * @return this builder
         */
        public Builder groupSize(int n) {
            this.groupSize = Checks.atLeast("groupSize", n, 1);
            return this;
        }

        /**
         * @param n steps between divergence checks (default 256; sampled steps are always
         *     checked)
         * @return this builder
         */
        public Builder checkEvery(int n) {
            this.checkEvery = Checks.atLeast("checkEvery", n, 1);
            return this;
        }

        /**
         * @param threshold magnitude beyond which a component counts as diverged (default 1e100)
         * @return this builder
         */
        public Builder divergenceThreshold(double threshold) {
            this.divergenceThreshold = Checks.positive("divergenceThreshold", threshold);
            return this;
        }

        /**
         * @param listener receives progress reports (default none)
         * @param interval minimum time between reports, positive
         * @return this builder
         */
        public Builder progress(ProgressListener listener, Duration interval) {
            this.progress = Objects.requireNonNull(listener, "listener");
            if (interval.isNegative() || interval.isZero()) {
                throw new IllegalArgumentException("progress interval must be positive: "
                    + interval);
            }
            this.progressInterval = interval;
            return this;
        }

        /**
         * @param token token that cancels the run when triggered
         * @return this builder
         */
        public Builder cancellation(CancellationToken token) {
            this.cancellation = Objects.requireNonNull(token, "cancellation");
            return this;
        }

        /**
         * Makes the run resumable: the results of the completed batches, and the saved state
         * of every batch in flight (state vector, generator states, divergences and the
         * observer's running sums), are streamed to {@code file} (atomically, with a checksum)
         * at most every {@code interval} while the run goes on, as soon as the last batch
         * completes (before the final combine) and when the run is cancelled. At each interval
         * every batch in flight is asked to save at its next divergence-check step and the file
         * is written once all have (or after at most 30 s), so it holds every batch as of then.
         * If the file exists when the run starts, its completed batches are not run again, the
         * batches in flight continue from their saved step, and the result is bit-for-bit that
         * of an uninterrupted run. Batches in flight are saved only if the observer supports it
         * ({@link BatchObserver#canSaveState()}; all ness4j accumulators do); otherwise they are
         * rerun from their start. A checkpoint of a different configuration (problem, algorithm,
         * sizes, seed, batch size, divergence threshold and check period, the observer's
         * schedule and settings; {@link EnsembleObserver#describe}) is refused with a message
         * showing both. The perturbation of {@link #replicas} is compared by its step only
         * (a function has no comparable description): resume with the same one. Set the
         * batch size explicitly for resumable runs: the default depends on the thread count.
         * The observer must support {@link EnsembleObserver#read}.
         *
         * @param file checkpoint file
         * @param interval minimum time between checkpoints while running, positive
         * @return this builder
         */
        public Builder checkpoint(Path file, Duration interval) {
            this.checkpointFile = Objects.requireNonNull(file, "file");
            if (interval.isNegative() || interval.isZero()) {
                throw new IllegalArgumentException("checkpoint interval must be positive: "
                    + interval);
            }
            this.checkpointInterval = interval;
            return this;
        }

        /**
         * Runs every trajectory as {@code count} replicas that share the initial state and every
         * noise increment (paper 000, Eq. 6: "evolved with the same quantum noise realization"),
         * and applies a perturbation once, after step {@code atStep} (0: to the initial state).
         * Observers see all replicas in the lane layout of {@link BatchInfo}.
         *
         * @param count number of replicas, at least 2
         * @param atStep step after which the perturbation is applied, {@code >= 0}
         * @param kick the perturbation (typically changes replicas {@code >= 1} only)
         * @return this builder
         */
        public Builder replicas(int count, long atStep, Perturbation kick) {
            this.replicas = Checks.atLeast("replicas", count, 2);
            this.perturbationStep = Checks.atLeast("perturbation step", atStep, 0L);
            this.perturbation = Objects.requireNonNull(kick, "kick");
            return this;
        }

        /**
         * Estimates the step-size (discretization) error of every estimate next to its
         * statistical error: after the main run, a subset of its trajectories is run again at
         * {@code dt} and at {@code dt/2} on the same Brownian paths, and the difference is
         * extrapolated with the scheme's weak order (method, blocks and order:
         * {@link ErrorBudget}). The result is {@link EnsembleResult#stepErrors()};
         * {@link EnsembleResult#estimates} attaches the step errors to estimates and warns
         * when one exceeds the statistical error.
         *
         * <p>Cost: {@code subset x (1 + 2) x steps} extra trajectory-steps (37.5 % of the main
         * run with the default subset of an eighth of the trajectories, at least 64), included
         * in the progress reports; it is skipped if the main run does not succeed, and not
         * checkpointed (a resumed run repeats it). Does not change the main run's result.
         *
         * @param budget what to re-run
         * @return this builder
         */
        public Builder errorBudget(ErrorBudget budget) {
            this.errorBudget = Objects.requireNonNull(budget, "budget");
            return this;
        }

        /**
         * {@link #errorBudget(ErrorBudget)} re-running the first {@code n} trajectories
         * ({@link ErrorBudget#trajectories(long)}).
         *
         * @param n trajectories to re-run, at least 2 (rounded up to whole groups)
         * @return this builder
         */
        public Builder errorBudget(long n) {
            return errorBudget(ErrorBudget.trajectories(n));
        }

        /**
         * Builds the ensemble.
         *
         * @return the immutable ensemble
         * @throws IllegalArgumentException if dt or steps are missing, the batch size is not a
         *     multiple of the group size, or the algorithm does not suit the problem
         */
        public Ensemble build() {
            if (Double.isNaN(dt)) {
                throw new IllegalArgumentException("dt must be set");
            }
            if (steps < 0) {
                throw new IllegalArgumentException("steps must be set");
            }
            if (perturbation != null && perturbationStep > steps) {
                throw new IllegalArgumentException("perturbation step must not exceed steps "
                    + steps + ": " + perturbationStep);
            }
            if (batchSize > 0 && batchSize % groupSize != 0) {
                throw new IllegalArgumentException("batchSize must be a multiple of groupSize "
                    + groupSize + ": " + batchSize);
            }
            algorithm.stepper(problem, 1);
            if (errorBudget != null) {
                StepErrorBudget.validate(errorBudget, problem, algorithm, trajectories,
                    groupSize);
            }
            return new Ensemble(this);
        }
    }

    /**
     * The settings of this ensemble as provenance for result tables: library and Java
     * versions, master seed ({@link #seed()}), dt, steps, algorithm ({@code algorithm().name()}),
     * the problem's parameters ({@link SdeProblem#provenanceParameters()}) followed by
     * {@code groupSize} (trajectories per statistical group), trajectories (requested) and
     * groups (requested trajectories / group size, rounded up). No start or end: those belong
     * to a run ({@link EnsembleResult#provenance()}).
     *
     * Parameter values of other types than {@code Provenance} takes (or non-finite numbers) are
     * recorded as their {@code String.valueOf} text, so that a run never fails at its end over
     * them.
     *
     * @return the provenance
     */
    public Provenance provenance() {
        return provenanceBuilder(trajectories).build();
    }

    private Provenance.Builder provenanceBuilder(long trajectoryCount) {
        long groups = (trajectoryCount + groupSize - 1) / groupSize;
        Provenance.Builder b = Provenance.builder().masterSeed(seed).dt(dt).steps(steps)
            .algorithm(algorithm.name());
        // never fail at the end of a long run over a problem's parameter types: values that
        // Provenance does not take are recorded as text, entries without a name are logged
        for (Map.Entry<String, Object> e : problem.provenanceParameters().entrySet()) {
            Object v = e.getValue();
            if (e.getKey() == null || e.getKey().isEmpty()) {
                LOG.warn("problem parameter without a name left out of the provenance: {}", v);
            } else if (v instanceof Float && Float.isFinite((Float) v)) {
                b.parameter(e.getKey(), (double) (Float) v);
            } else if (v instanceof String || v instanceof Long || v instanceof Integer
                || v instanceof Boolean || (v instanceof Double && Double.isFinite((Double) v))) {
                b.parameters(Map.of(e.getKey(), v));
            } else {
                b.parameter(e.getKey(), String.valueOf(v));
            }
        }
        b.parameter("groupSize", (long) groupSize).trajectories(trajectoryCount);
        if (groups >= 1 && groups <= Integer.MAX_VALUE) {
            b.groups((int) groups);
        }
        return b;
    }

    /**
     * The result with this ensemble's settings added to its provenance (which holds the run's
     * start and end): trajectories and groups are those completed.
     */
    <A extends Accumulator<A>> EnsembleResult<A> withRunProvenance(EnsembleResult<A> r) {
        Provenance own = r.provenance();
        Provenance.Builder b = provenanceBuilder(r.completedTrajectories());
        if (own.start().isPresent()) {
            b.interval(own.start().get(), own.end().get());
        }
        return r.withProvenance(b.build());
    }
}
