package org.ness4j.sde.ensemble;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.commons.rng.RestorableUniformRandomProvider;
import org.apache.commons.rng.core.RandomProviderDefaultState;
import org.apache.commons.rng.sampling.distribution.NormalizedGaussianSampler;
import org.ness4j.core.Checks;
import org.ness4j.core.Version;
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

    ProgressListener progressListener() {
        return progress;
    }

    Duration progressInterval() {
        return progressInterval;
    }

    /** Extra trajectory-steps of the error budget: subset x (1 + 2) x steps. */
    private long budgetSteps() {
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
        Objects.requireNonNull(observer, "observer");
        return runConfigured(observer.forRun(trajectories, groupSize));
    }

    private <A extends Accumulator<A>> EnsembleResult<A> runConfigured(
        EnsembleObserver<A> observer) {
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
        long start = System.nanoTime();
        long batches = (trajectories + batchSize - 1) / batchSize;
        LOG.info("ensemble start: {} trajectories x {} steps (dt = {}), {}, {} batches of {}, "
            + "{} threads, seed {}", trajectories, steps, dt, algorithm.name(), batches,
            batchSize, threads, seed);
        AtomicLong done = new AtomicLong();
        AtomicLong doneTrajectories = new AtomicLong();
        AtomicLong lastLog = new AtomicLong(start);
        String fingerprint = fingerprint(observer);
        Checkpoint<A> restored = checkpointFile != null && Files.exists(checkpointFile)
            ? readCheckpoint(observer, fingerprint) : null;
        long restoredSteps = 0;
        if (restored != null) {
            LOG.info("resuming from {}: {} of {} batches already done", checkpointFile,
                restored.batches.size(), batches);
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "ness4j-ensemble");
            t.setDaemon(true);
            return t;
        });
        List<Future<BatchOutcome<A>>> futures = new ArrayList<>();
        ConcurrentHashMap<Long, byte[]> inFlight = new ConcurrentHashMap<>();
        if (restored != null) {
            inFlight.putAll(restored.inFlight);
        }
        // checkpoint epochs: the run's clock asks (saveRequest) and the running batches that
        // can save answer (saved: batch -> the last request it saved for)
        AtomicLong saveRequest = new AtomicLong();
        ConcurrentHashMap<Long, Long> answered = new ConcurrentHashMap<>();
        try {
            for (long k = 0; k < batches; k++) {
                long first = k * batchSize;
                int size = (int) Math.min(batchSize, trajectories - first);
                if (restored != null && restored.batches.contains(k)) {
                    futures.add(null);
                    restoredSteps += size * steps;
                    doneTrajectories.addAndGet(size);
                    continue;
                }
                long index = k;
                byte[] saved = inFlight.get(k);
                if (saved != null) {
                    // the steps the saved batch has done, as its worker will count them
                    long savedStep = savedStep(saved);
                    restoredSteps += (savedStep - savedStep % PROGRESS_EVERY) * size;
                }
                futures.add(pool.submit(() -> runBatch(observer, index, first, size, done,
                    doneTrajectories, inFlight, saveRequest, answered)));
            }
            done.addAndGet(restoredSteps);
            long total = trajectories * steps + budgetSteps();
            // outcomes are combined in batch order as they arrive, so that the list of all of
            // them is never held; the checkpoint writes the combined part and the finished
            // batches not yet combined as they are, without a second copy
            Combined<A> combined = new Combined<>(restored != null ? restored.statistics
                : observer.empty());
            if (restored != null) {
                combined.batches.addAll(restored.batches);
                combined.divergences.addAll(restored.divergences);
            }
            int lastRunning = futures.size() - 1;
            while (lastRunning >= 0 && futures.get(lastRunning) == null) {
                lastRunning--;
            }
            long[] lastCheckpoint = {System.nanoTime()};
            boolean cancelled = false;
            boolean finalCheckpoint = false;
            long completed = 0;
            for (int k = 0; k < futures.size(); k++) {
                Future<BatchOutcome<A>> f = futures.get(k);
                if (f == null) {
                    completed += Math.min(batchSize, trajectories - (long) k * batchSize);
                    continue;
                }
                BatchOutcome<A> o = await(f, futures, start, done, doneTrajectories, total,
                    restoredSteps, lastLog, () -> maybeCheckpoint(fingerprint, combined, futures,
                        inFlight, saveRequest, answered, lastCheckpoint));
                if (o == null) {
                    cancelled = true;
                    continue;
                }
                if (k == lastRunning && checkpointFile != null) {
                    // every batch is done: keep their results on disk before the last combine
                    writeCheckpoint(fingerprint, combined, futures, inFlight);
                    finalCheckpoint = true;
                }
                combined.statistics.combine(o.statistics);
                combined.divergences.addAll(o.divergences);
                combined.batches.add((long) k);
                completed += o.size;
            }
            if (checkpointFile != null && !finalCheckpoint) {
                writeCheckpoint(fingerprint, combined, futures, inFlight);
            }
            A statistics = combined.statistics;
            List<Divergence> divergences = combined.divergences;
            divergences.sort(Comparator.comparingLong(Divergence::trajectory));
            ReturnCode code = cancelled ? ReturnCode.CANCELLED
                : divergences.isEmpty() ? ReturnCode.SUCCESS : ReturnCode.DIVERGED;
            StepErrors<A> stepErrors = errorBudget == null || code != ReturnCode.SUCCESS ? null
                : new StepErrorBudget<>(this, observer).run(start, done, total, restoredSteps);
            // an error budget that never started (the run did not succeed) is not work to do
            long work = code == ReturnCode.SUCCESS ? total : total - budgetSteps();
            Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
            if (progress != null) {
                progress.onProgress(new Progress(done.get(), work, doneTrajectories.get(),
                    trajectories, elapsed, restoredSteps));
            }
            LOG.info("ensemble end: {} in {} s, {} trajectories completed, {} diverged", code,
                elapsed.toMillis() / 1000.0, completed, divergences.size());
            return withRunProvenance(new EnsembleResult<>(statistics, code,
                List.copyOf(divergences), completed, seed, elapsed, stepErrors));
        } finally {
            pool.shutdownNow();
        }
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

    private <A extends Accumulator<A>> Checkpoint<A> readCheckpoint(
        EnsembleObserver<A> observer, String fingerprint) {
        try {
            return Checkpoint.read(checkpointFile, fingerprint, observer);
        } catch (IOException e) {
            throw new IllegalStateException("cannot resume: " + e.getMessage(), e);
        }
    }

    /**
     * The results of the batches combined so far (in batch order), their indices and their
     * divergences.
     */
    private static final class Combined<A> {
        final A statistics;
        final java.util.TreeSet<Long> batches = new java.util.TreeSet<>();
        final List<Divergence> divergences = new ArrayList<>();

        Combined(A statistics) {
            this.statistics = statistics;
        }
    }

    /** Longest wait of a checkpoint for the batches in flight to save their state. */
    private static final Duration SAVE_WAIT = Duration.ofSeconds(30);

    /**
     * Writes a checkpoint if the interval has passed since the last one: first asks every batch
     * in flight to save its state at its next divergence-check step and waits for the saves (at
     * most the interval, {@link #SAVE_WAIT} and at least one second), so that the file holds
     * every batch as of now, not as of its previous save.
     */
    private <A extends Accumulator<A>> void maybeCheckpoint(
        String fingerprint, Combined<A> combined, List<Future<BatchOutcome<A>>> futures,
        Map<Long, byte[]> inFlight, AtomicLong saveRequest, Map<Long, Long> saved, long[] last) {
        if (checkpointFile == null
            || System.nanoTime() - last[0] < checkpointInterval.toNanos()) {
            return;
        }
        long request = saveRequest.incrementAndGet();
        long wait = Math.max(Duration.ofSeconds(1).toNanos(),
            Math.min(SAVE_WAIT.toNanos(), checkpointInterval.toNanos()));
        long deadline = System.nanoTime() + wait;
        while (System.nanoTime() < deadline && !allSaved(saved, request)) {
            try {
                Thread.sleep(2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        if (!allSaved(saved, request)) {
            LOG.warn("checkpoint {}: not every batch in flight saved its state within {} s; "
                + "those are written as of their previous save", checkpointFile,
                wait / 1_000_000_000L);
        }
        writeCheckpoint(fingerprint, combined, futures, inFlight);
        last[0] = System.nanoTime();
    }

    private static boolean allSaved(Map<Long, Long> saved, long request) {
        for (long answered : saved.values()) {
            if (answered < request) {
                return false;
            }
        }
        return true;
    }

    /**
     * Writes the checkpoint file: the combined result, the finished batches not yet combined
     * (as separate parts, so that nothing is copied), and the saved states of the batches in
     * flight. A failure to write is logged; the run goes on.
     */
    private <A extends Accumulator<A>> void writeCheckpoint(
        String fingerprint, Combined<A> combined, List<Future<BatchOutcome<A>>> futures,
        Map<Long, byte[]> inFlight) {
        List<A> parts = new ArrayList<>();
        parts.add(combined.statistics);
        java.util.TreeSet<Long> batchesDone = new java.util.TreeSet<>(combined.batches);
        List<Divergence> divergences = new ArrayList<>(combined.divergences);
        TreeMap<Long, byte[]> running = new TreeMap<>();
        for (int k = 0; k < futures.size(); k++) {
            Future<BatchOutcome<A>> f = futures.get(k);
            if (f == null || combined.batches.contains((long) k)) {
                continue; // completed before the restart, or combined: in combined
            }
            BatchOutcome<A> o;
            try {
                // null while running and for a cancelled batch
                o = f.isDone() && !f.isCancelled() ? f.get() : null;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (ExecutionException e) {
                return; // reported by await
            }
            if (o != null) {
                parts.add(o.statistics);
                divergences.addAll(o.divergences);
                batchesDone.add((long) k);
            } else {
                byte[] state = inFlight.get((long) k);
                if (state != null) {
                    running.put((long) k, state);
                }
            }
        }
        try {
            Checkpoint.write(checkpointFile, fingerprint, batchesDone, divergences, parts,
                running);
            LOG.debug("checkpoint {}: {} batches done, {} in flight", checkpointFile,
                batchesDone.size(), running.size());
        } catch (IOException e) {
            LOG.error("cannot write checkpoint {}: {}; the run goes on, but cannot be resumed "
                + "from this point", checkpointFile, e.toString());
        }
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

    /**
     * Waits for one batch, reporting progress and writing checkpoints meanwhile; a failure of
     * any other batch is reported as soon as it is seen, not when its turn comes.
     */
    private <A extends Accumulator<A>> BatchOutcome<A> await(
        Future<BatchOutcome<A>> f, List<Future<BatchOutcome<A>>> all, long start, AtomicLong done,
        AtomicLong doneTrajectories, long total, long restoredSteps, AtomicLong lastLog,
        Runnable tick) {
        long interval = Math.max(1, progressInterval.toMillis());
        while (true) {
            try {
                BatchOutcome<A> o = f.get(interval, TimeUnit.MILLISECONDS);
                tick.run();
                return o;
            } catch (TimeoutException e) {
                for (Future<BatchOutcome<A>> other : all) {
                    if (other != null && other.isDone() && !other.isCancelled()) {
                        result(other); // throws if that batch failed
                    }
                }
                tick.run();
                Progress p = new Progress(done.get(), total, doneTrajectories.get(),
                    trajectories, Duration.ofNanos(System.nanoTime() - start), restoredSteps);
                if (progress != null) {
                    progress.onProgress(p);
                }
                logProgress(p, lastLog);
            } catch (InterruptedException | ExecutionException e) {
                throw waitFailed(e);
            }
        }
    }

    /** The outcome of a finished batch; a failed batch's exception as IllegalStateException. */
    private static <A extends Accumulator<A>> BatchOutcome<A> result(
        Future<BatchOutcome<A>> f) {
        try {
            return f.get();
        } catch (InterruptedException | ExecutionException e) {
            throw waitFailed(e);
        }
    }

    /** The exception to throw when waiting for a batch was interrupted or the batch failed. */
    private static IllegalStateException waitFailed(Exception e) {
        if (e instanceof InterruptedException) {
            Thread.currentThread().interrupt();
            return new IllegalStateException("interrupted while waiting for the ensemble", e);
        }
        return new IllegalStateException("ensemble worker failed: " + e.getCause(),
            e.getCause());
    }

    private <A extends Accumulator<A>> BatchOutcome<A> runBatch(
        EnsembleObserver<A> observer, long index, long first, int size, AtomicLong done,
        AtomicLong doneTrajectories, Map<Long, byte[]> inFlight, AtomicLong saveRequest,
        Map<Long, Long> saved) {
        if (cancellation != null && cancellation.isCancelled()) {
            return null;
        }
        try {
            return runBatch(observer, index, first, size, done, doneTrajectories, inFlight,
                saveRequest, saved, saveRequest.get());
        } finally {
            saved.remove(index);
        }
    }

    private <A extends Accumulator<A>> BatchOutcome<A> runBatch(
        EnsembleObserver<A> observer, long index, long first, int size, AtomicLong done,
        AtomicLong doneTrajectories, Map<Long, byte[]> inFlight, AtomicLong saveRequest,
        Map<Long, Long> saved, long startRequest) {
        final int n = problem.dimension();
        final int lanes = size * replicas;
        final SdeStepper stepper = algorithm.stepper(problem, lanes);
        final int m = problem.noiseComponents().length * stepper.incrementsPerChannel();
        final double[] x = new double[n * lanes];
        final double[] dW = new double[m * lanes];
        final RestorableUniformRandomProvider[] rngs = new RestorableUniformRandomProvider[size];
        final NormalizedGaussianSampler[] gauss = new NormalizedGaussianSampler[size];
        final TrajectoryGaussians noise = seedBatch(first, x, rngs, gauss);
        final BatchInfo info = new BatchInfo(first, size, replicas, groupSize, n, dt);
        final BatchObserver<A> obs = observer.open(info);
        final SampleSchedule schedule = observer.schedule();
        final boolean[] dead = new boolean[size];
        final List<Divergence> divergences = new ArrayList<>();
        final double sqrtDt = Math.sqrt(dt);
        final boolean saving = checkpointFile != null && obs.canSaveState();
        // a batch that starts after a checkpoint's request has nothing to save for it
        long answered = startRequest;
        if (saving) {
            saved.put(index, answered);
        }
        final byte[] resume = inFlight.get(index);
        long startStep = 1;
        if (resume != null) {
            startStep = restoreBatch(resume, index, x, rngs, dead, divergences, obs) + 1;
        } else {
            checkDivergence(0.0, first, x, size, dead, divergences);
            if (perturbation != null && perturbationStep == 0) {
                perturbation.apply(0.0, x, info);
            }
            if (schedule.isSample(0)) {
                obs.observe(0, 0.0, x);
            }
        }
        for (long step = startStep; step <= steps; step++) {
            final double t = (step - 1) * dt;
            drawIncrements(noise, sqrtDt, dW, m);
            stepper.step(t, dt, x, dW);
            boolean sample = schedule.isSample(step);
            boolean check = step % checkEvery == 0;
            if (sample || check || step == steps) {
                checkDivergence(step * dt, first, x, size, dead, divergences);
            }
            if (perturbation != null && step == perturbationStep) {
                perturbation.apply(step * dt, x, info);
            }
            if (sample) {
                obs.observe(step, step * dt, x);
            }
            if (saving && check && step < steps && saveRequest.get() != answered) {
                // the checkpoint clock asked: save now, the checkpoint waits for it
                answered = saveRequest.get();
                byte[] state = saveBatch(step, x, rngs, dead, divergences, obs,
                    inFlight.get(index));
                inFlight.put(index, state);
                saved.put(index, answered);
            }
            if (step % PROGRESS_EVERY == 0) {
                done.addAndGet((long) PROGRESS_EVERY * size);
                if (Thread.currentThread().isInterrupted()) {
                    return null; // the run is over (another batch failed, or the caller left)
                }
                if (cancellation != null && cancellation.isCancelled()) {
                    if (saving) {
                        inFlight.put(index, saveBatch(step, x, rngs, dead, divergences, obs,
                            inFlight.get(index)));
                    }
                    return null;
                }
            }
        }
        done.addAndGet((steps % PROGRESS_EVERY) * size);
        doneTrajectories.addAndGet(size);
        BatchOutcome<A> outcome = new BatchOutcome<>(obs.finish(dead), divergences, size);
        inFlight.remove(index);
        return outcome;
    }

    /**
     * The state of a batch in flight after {@code step} (all of that step's checks, perturbation
     * and sampling done): what a checkpoint needs to continue it bit-for-bit. The steppers hold
     * no state between steps ({@link SdeStepper}), so the state vector, the generators, the
     * divergence flags and the observer's accumulated values are all of it.
     */
    private byte[] saveBatch(long step, double[] x, RestorableUniformRandomProvider[] rngs,
                             boolean[] dead, List<Divergence> divergences,
                             BatchObserver<?> obs, byte[] previous) {
        try {
            // sized as the previous save, so that the buffer is neither grown nor copied
            SavedBytes bytes = new SavedBytes(previous != null ? previous.length
                : 64 + 8 * x.length + 64 * rngs.length);
            DataOutputStream out = new DataOutputStream(bytes);
            out.writeLong(step);
            BatchObserver.writeArray(out, x);
            out.writeInt(rngs.length);
            for (int b = 0; b < rngs.length; b++) {
                byte[] state = ((RandomProviderDefaultState) rngs[b].saveState()).getState();
                out.writeInt(state.length);
                out.write(state);
                out.writeBoolean(dead[b]);
            }
            out.writeInt(divergences.size());
            for (Divergence d : divergences) {
                Checkpoint.writeDivergence(out, d);
            }
            obs.saveState(out);
            out.flush();
            return bytes.bytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // in-memory streams do not fail
        }
    }

    /** A byte stream whose result is its buffer when that is full (no copy). */
    private static final class SavedBytes extends ByteArrayOutputStream {
        SavedBytes(int capacity) {
            super(capacity);
        }

        byte[] bytes() {
            return count == buf.length ? buf : toByteArray();
        }
    }

    /** The step a state written by {@link #saveBatch} was saved after (its first field). */
    private static long savedStep(byte[] saved) {
        return ByteBuffer.wrap(saved).getLong();
    }

    /** Restores what {@link #saveBatch} wrote; returns the step it was saved after. */
    private long restoreBatch(byte[] saved, long index, double[] x,
                              RestorableUniformRandomProvider[] rngs, boolean[] dead,
                              List<Divergence> divergences, BatchObserver<?> obs) {
        try {
            DataInputStream in = new DataInputStream(new ByteArrayInputStream(saved));
            long step = in.readLong();
            BatchObserver.readArray(in, x);
            int size = in.readInt();
            if (size != rngs.length) {
                throw new IOException("saved batch holds " + size + " trajectories, expected "
                    + rngs.length);
            }
            for (int b = 0; b < size; b++) {
                byte[] state = new byte[in.readInt()];
                in.readFully(state);
                rngs[b].restoreState(new RandomProviderDefaultState(state));
                dead[b] = in.readBoolean();
            }
            int count = in.readInt();
            for (int i = 0; i < count; i++) {
                divergences.add(Checkpoint.readDivergence(in));
            }
            obs.restoreState(in);
            if (in.available() != 0) {
                throw new IOException(in.available() + " unread bytes");
            }
            LOG.info("batch {} resumes after step {}", index, step);
            return step;
        } catch (IOException e) {
            throw new IllegalStateException("cannot resume batch " + index
                + " from the checkpoint: " + e.getMessage(), e);
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

    private static final class BatchOutcome<A> {
        final A statistics;
        final List<Divergence> divergences;
        final int size;

        BatchOutcome(A statistics, List<Divergence> divergences, int size) {
            this.statistics = statistics;
            this.divergences = divergences;
            this.size = size;
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
    private <A extends Accumulator<A>> EnsembleResult<A> withRunProvenance(EnsembleResult<A> r) {
        Provenance own = r.provenance();
        Provenance.Builder b = provenanceBuilder(r.completedTrajectories());
        if (own.start().isPresent()) {
            b.interval(own.start().get(), own.end().get());
        }
        return r.withProvenance(b.build());
    }
}
