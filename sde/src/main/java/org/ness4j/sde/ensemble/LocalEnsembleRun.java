package org.ness4j.sde.ensemble;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.ness4j.core.exec.TrajectoryRange;
import org.ness4j.core.stat.Accumulator;
import org.ness4j.sde.SdeAlgorithm;
import org.ness4j.sde.SdeProblem;
import org.ness4j.sde.ensemble.BatchLoop.BatchOutcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local-threads runner of an {@link Ensemble} over one range of its trajectories (moved
 * out of {@code Ensemble}): batches of the range on a fixed pool, their outcomes combined in
 * batch order as they arrive, progress reports and log lines, cluster-free checkpoints of the
 * batches in flight and done, cancellation, and the error budget's re-run. Each batch is
 * stepped by {@link BatchLoop}.
 *
 * <p>Thread safety: one instance per run; not shared.
 */
final class LocalEnsembleRun {

    private static final Logger LOG = LoggerFactory.getLogger(Ensemble.class);
    private static final int PROGRESS_EVERY = Ensemble.PROGRESS_EVERY;

    private final Ensemble ensemble;
    private final TrajectoryRange range;
    /** Trajectories of this run: the range's size. */
    private final long trajectories;
    private final SdeProblem problem;
    private final SdeAlgorithm algorithm;
    private final double dt;
    private final long steps;
    private final long seed;
    private final int threads;
    private final int batchSize;
    private final Duration progressInterval;
    private final ProgressListener progress;
    private final Path checkpointFile;
    private final Duration checkpointInterval;
    private final ErrorBudget errorBudget;

    LocalEnsembleRun(Ensemble ensemble, TrajectoryRange range) {
        this.ensemble = ensemble;
        this.range = range;
        this.trajectories = range.size();
        this.problem = ensemble.problem();
        this.algorithm = ensemble.algorithm();
        this.dt = ensemble.dt();
        this.steps = ensemble.steps();
        this.seed = ensemble.seed();
        this.threads = ensemble.threads();
        this.batchSize = ensemble.batchSize();
        this.progressInterval = ensemble.progressInterval();
        this.progress = ensemble.progressListener();
        this.checkpointFile = ensemble.checkpointFile();
        this.checkpointInterval = ensemble.checkpointInterval();
        this.errorBudget = ensemble.errorBudget();
    }

    /**
     * Runs the range on the ensemble's threads.
     *
     * @param observer the observer configured for the whole run ({@link EnsembleObserver#forRun})
     * @param <A> accumulator type
     * @return the statistics of the range's trajectories
     */
    <A extends Accumulator<A>> EnsembleResult<A> run(EnsembleObserver<A> observer) {
        ensemble.validateRun(observer);
        long start = System.nanoTime();
        long batches = (trajectories + batchSize - 1) / batchSize;
        BatchLoop loop = new BatchLoop(ensemble);
        LOG.info("ensemble start: {} trajectories{} x {} steps (dt = {}), {}, {} batches of {}, "
            + "{} threads, seed {}", trajectories, range.isAll(ensemble.trajectories()) ? ""
            : " " + range, steps, dt, algorithm.name(), batches,
            batchSize, threads, seed);
        AtomicLong done = new AtomicLong();
        AtomicLong doneTrajectories = new AtomicLong();
        AtomicLong lastLog = new AtomicLong(start);
        String fingerprint = ensemble.fingerprint(observer, range);
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
                long first = range.from() + k * batchSize;
                int size = (int) Math.min(batchSize, range.to() - first);
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
                    long savedStep = BatchLoop.savedStep(saved);
                    restoredSteps += (savedStep - savedStep % PROGRESS_EVERY) * size;
                }
                futures.add(pool.submit(() -> loop.runBatch(observer, index, first, size, done,
                    doneTrajectories, inFlight, saveRequest, answered)));
            }
            done.addAndGet(restoredSteps);
            long total = trajectories * steps + ensemble.budgetSteps();
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
                : new StepErrorBudget<>(ensemble, observer).run(start, done, total, restoredSteps);
            // an error budget that never started (the run did not succeed) is not work to do
            long work = code == ReturnCode.SUCCESS ? total : total - ensemble.budgetSteps();
            Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
            if (progress != null) {
                progress.onProgress(new Progress(done.get(), work, doneTrajectories.get(),
                    trajectories, elapsed, restoredSteps));
            }
            LOG.info("ensemble end: {} in {} s, {} trajectories completed, {} diverged", code,
                elapsed.toMillis() / 1000.0, completed, divergences.size());
            return ensemble.withRunProvenance(new EnsembleResult<>(statistics, code,
                List.copyOf(divergences), completed, seed, elapsed, stepErrors));
        } finally {
            pool.shutdownNow();
        }
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
                Ensemble.logProgress(p, lastLog);
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

}
