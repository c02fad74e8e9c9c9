package org.ness4j.sde.ensemble;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.commons.rng.RestorableUniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.NormalizedGaussianSampler;
import org.ness4j.core.random.TrajectoryGaussians;
import org.ness4j.core.stat.Accumulator;
import org.ness4j.sde.SdeAlgorithm;
import org.ness4j.sde.SdeProblem;
import org.ness4j.sde.SdeStepper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the error budget of an {@link Ensemble} ({@link ErrorBudget}): the subset's trajectories
 * at {@code dt} and at {@code dt/2} on one Brownian path each, side by side in one pass per
 * batch. Per coarse step it draws two rows of fine variates from the trajectory's stream
 * (after the initial state, like the main run), takes two fine steps with them and one coarse
 * step with their combination ({@link SdeAlgorithm#coarsenIncrements}), and lets both observers
 * sample at the coarse step number, so that step-based schedules mean the same times. A
 * trajectory that diverges in either run is left out of both (its group is dropped by both
 * observers).
 *
 * <p>Used by one {@link Ensemble#run} call; its batches run on their own pool of the ensemble's
 * thread count after the main run.
 *
 * @param <A> accumulator type
 */
final class StepErrorBudget<A extends Accumulator<A>> {

    private static final Logger LOG = LoggerFactory.getLogger(StepErrorBudget.class);

    private final Ensemble ensemble;
    private final EnsembleObserver<A> observer;
    private final SdeProblem problem;
    private final SdeAlgorithm algorithm;
    private final double dt;
    private final long steps;

    StepErrorBudget(Ensemble ensemble, EnsembleObserver<A> observer) {
        this.ensemble = ensemble;
        this.observer = observer;
        this.problem = ensemble.problem();
        this.algorithm = ensemble.algorithm();
        this.dt = ensemble.dt();
        this.steps = ensemble.steps();
    }

    /**
     * Checks a budget before any work: at least two groups in the subset, a scheme that says
     * how its variates combine, and a usable order.
     *
     * @throws IllegalArgumentException naming what is missing
     */
    static void validate(ErrorBudget budget, SdeProblem problem, SdeAlgorithm algorithm,
                         long trajectories, int groupSize) {
        long subset = budget.subsetSize(trajectories, groupSize);
        if ((subset + groupSize - 1) / groupSize < 2) {
            throw new IllegalArgumentException("the error budget needs at least 2 statistical "
                + "groups for its standard error, but its subset of " + subset + " trajectories "
                + "is " + ((subset + groupSize - 1) / groupSize) + " group(s) of " + groupSize
                + "; run more trajectories or use smaller groups");
        }
        SdeStepper stepper = algorithm.stepper(problem, 1);
        int blocks = stepper.incrementsPerChannel();
        int length = blocks * problem.noiseComponents().length;
        try {
            algorithm.coarsenIncrements(1.0, blocks, new double[length], new double[length],
                new double[length]);
        } catch (UnsupportedOperationException e) {
            throw new IllegalArgumentException("no error budget for " + algorithm.name() + ": "
                + e.getMessage(), e);
        }
        order(budget, problem, algorithm);
    }

    /** The weak order used for the extrapolation: the budget's, or the scheme's. */
    static double order(ErrorBudget budget, SdeProblem problem, SdeAlgorithm algorithm) {
        double p = Double.isNaN(budget.order()) ? algorithm.weakOrder(problem.noiseKind())
            : budget.order();
        if (!(p > 0) || Double.isInfinite(p)) {
            throw new IllegalArgumentException("error budget: weak order of " + algorithm.name()
                + " must be positive and finite: " + p);
        }
        return p;
    }

    /**
     * Runs the subset and adds its trajectory-steps to {@code done}.
     *
     * @return the step errors, or {@code null} if the run was cancelled
     */
    StepErrors<A> run(long start, AtomicLong done, long total, long restoredSteps) {
        ErrorBudget budget = ensemble.errorBudget();
        int groupSize = ensemble.groupSize();
        long subset = budget.subsetSize(ensemble.trajectories(), groupSize);
        long groups = (subset + groupSize - 1) / groupSize;
        long perBlock = (groups + budget.blocks() - 1) / budget.blocks();
        int blocks = (int) ((groups + perBlock - 1) / perBlock);
        double order = order(budget, problem, algorithm);
        LOG.info("error budget: {} trajectories in {} blocks at dt = {} and dt/2 on common noise "
            + "({} extra trajectory-steps), weak order {}", subset, blocks, dt, 3 * subset * steps,
            order);
        long began = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(ensemble.threads(), r -> {
            Thread t = new Thread(r, "ness4j-error-budget");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<Pair<A>>> futures = new ArrayList<>();
            List<Integer> blockOf = new ArrayList<>();
            int batch = ensemble.batchSize();
            for (int k = 0; k < blocks; k++) {
                long from = k * perBlock * groupSize;
                long to = Math.min(subset, (k + 1) * perBlock * groupSize);
                for (long first = from; first < to; first += batch) {
                    long f = first;
                    int size = (int) Math.min(batch, to - first);
                    futures.add(pool.submit(() -> runPair(f, size, done)));
                    blockOf.add(k);
                }
            }
            List<A> coarse = new ArrayList<>();
            List<A> fine = new ArrayList<>();
            for (int k = 0; k < blocks; k++) {
                coarse.add(observer.empty());
                fine.add(observer.empty());
            }
            int diverged = 0;
            AtomicLong lastLog = new AtomicLong(start);
            for (int i = 0; i < futures.size(); i++) {
                Pair<A> p = await(futures.get(i), start, done, total, restoredSteps, lastLog);
                if (p == null) {
                    LOG.warn("error budget cancelled: the result has no step errors");
                    return null;
                }
                coarse.get(blockOf.get(i)).combine(p.coarse);
                fine.get(blockOf.get(i)).combine(p.fine);
                diverged += p.diverged;
            }
            if (diverged > 0) {
                LOG.warn("error budget: {} of {} trajectories diverged at dt or dt/2; their groups "
                    + "are left out of the step errors", diverged, subset);
            }
            LOG.info("error budget end: {} s", (System.nanoTime() - began) / 1e9);
            return new StepErrors<>(coarse, fine, observer::empty, order, dt, subset, diverged);
        } finally {
            pool.shutdownNow();
        }
    }

    private Pair<A> await(Future<Pair<A>> f, long start, AtomicLong done, long total,
                          long restoredSteps, AtomicLong lastLog) {
        long interval = Math.max(1, ensemble.progressInterval().toMillis());
        long trajectories = ensemble.trajectories();
        while (true) {
            try {
                return f.get(interval, TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                Progress p = new Progress(done.get(), total, trajectories, trajectories,
                    Duration.ofNanos(System.nanoTime() - start), restoredSteps);
                if (ensemble.progressListener() != null) {
                    ensemble.progressListener().onProgress(p);
                }
                Ensemble.logProgress(p, lastLog);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the error budget",
                    e);
            } catch (ExecutionException e) {
                throw new IllegalStateException("error budget worker failed: " + e.getCause(),
                    e.getCause());
            }
        }
    }

    /** One batch of the subset at dt and dt/2 on common noise. */
    private Pair<A> runPair(long first, int size, AtomicLong done) {
        CancellationToken cancellation = ensemble.cancellation();
        final int replicas = ensemble.replicas();
        final int n = problem.dimension();
        final int lanes = size * replicas;
        final SdeStepper coarseStepper = algorithm.stepper(problem, lanes);
        final SdeStepper fineStepper = algorithm.stepper(problem, lanes);
        final int blocks = coarseStepper.incrementsPerChannel();
        final int m = problem.noiseComponents().length * blocks;
        final double[] coarse = new double[n * lanes];
        final double[] fine = new double[n * lanes];
        final double[] w1 = new double[m * lanes];
        final double[] w2 = new double[m * lanes];
        final double[] wc = new double[m * lanes];
        final RestorableUniformRandomProvider[] rngs = new RestorableUniformRandomProvider[size];
        final NormalizedGaussianSampler[] gauss = new NormalizedGaussianSampler[size];
        final TrajectoryGaussians noise = ensemble.seedBatch(first, coarse, rngs, gauss);
        System.arraycopy(coarse, 0, fine, 0, coarse.length);
        final BatchInfo info = new BatchInfo(first, size, replicas, ensemble.groupSize(), n, dt);
        final BatchObserver<A> coarseObs = observer.open(info);
        final BatchObserver<A> fineObs = observer.open(info);
        final SampleSchedule schedule = observer.schedule();
        final boolean[] coarseDead = new boolean[size];
        final boolean[] fineDead = new boolean[size];
        final List<Divergence> divergences = new ArrayList<>();
        final Perturbation perturbation = ensemble.perturbation();
        final long perturbationStep = ensemble.perturbationStep();
        final int checkEvery = ensemble.checkEvery();
        final double h = 0.5 * dt;
        final double sqrtH = Math.sqrt(h);
        ensemble.checkDivergence(0.0, first, coarse, size, coarseDead, divergences);
        ensemble.checkDivergence(0.0, first, fine, size, fineDead, divergences);
        if (perturbation != null && perturbationStep == 0) {
            perturbation.apply(0.0, coarse, info);
            perturbation.apply(0.0, fine, info);
        }
        if (schedule.isSample(0)) {
            coarseObs.observe(0, 0.0, coarse);
            fineObs.observe(0, 0.0, fine);
        }
        for (long step = 1; step <= steps; step++) {
            final double t = (step - 1) * dt;
            ensemble.drawIncrements(noise, sqrtH, w1, m);
            ensemble.drawIncrements(noise, sqrtH, w2, m);
            algorithm.coarsenIncrements(h, blocks, w1, w2, wc);
            fineStepper.step(t, h, fine, w1);
            fineStepper.step(t + h, h, fine, w2);
            coarseStepper.step(t, dt, coarse, wc);
            final double now = step * dt;
            boolean sample = schedule.isSample(step);
            if (sample || step % checkEvery == 0 || step == steps) {
                ensemble.checkDivergence(now, first, coarse, size, coarseDead, divergences);
                ensemble.checkDivergence(now, first, fine, size, fineDead, divergences);
            }
            if (perturbation != null && step == perturbationStep) {
                perturbation.apply(now, coarse, info);
                perturbation.apply(now, fine, info);
            }
            if (sample) {
                coarseObs.observe(step, now, coarse);
                fineObs.observe(step, now, fine);
            }
            if (step % Ensemble.PROGRESS_EVERY == 0) {
                done.addAndGet(3L * Ensemble.PROGRESS_EVERY * size);
                if (Thread.currentThread().isInterrupted()
                    || (cancellation != null && cancellation.isCancelled())) {
                    return null;
                }
            }
        }
        done.addAndGet(3 * (steps % Ensemble.PROGRESS_EVERY) * size);
        boolean[] dead = new boolean[size];
        int diverged = 0;
        for (int b = 0; b < size; b++) {
            dead[b] = coarseDead[b] || fineDead[b];
            diverged += dead[b] ? 1 : 0;
        }
        return new Pair<>(coarseObs.finish(dead), fineObs.finish(dead), diverged);
    }

    /** A batch's accumulators at dt and at dt/2, and how many of its trajectories diverged. */
    private record Pair<A>(A coarse, A fine, int diverged) {
    }
}
