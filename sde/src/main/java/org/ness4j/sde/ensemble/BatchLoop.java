package org.ness4j.sde.ensemble;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.commons.rng.RestorableUniformRandomProvider;
import org.apache.commons.rng.core.RandomProviderDefaultState;
import org.apache.commons.rng.sampling.distribution.NormalizedGaussianSampler;
import org.ness4j.core.random.TrajectoryGaussians;
import org.ness4j.core.stat.Accumulator;
import org.ness4j.sde.SdeAlgorithm;
import org.ness4j.sde.SdeProblem;
import org.ness4j.sde.SdeStepper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The stepping loop of one batch of an {@link Ensemble} (moved out of {@code Ensemble} as a
 * unit): seeds the batch's trajectories from their global indices, steps them, checks for
 * divergence, applies the perturbation, hands samples to the batch observer, and saves or
 * restores the batch's state for checkpoints. Every executor (local threads, Spark tasks via
 * {@link EnsemblePlan}) runs batches through this class, so a trajectory's path depends only on
 * {@code (seed, index)}.
 *
 * <p>Thread safety: immutable; one call of {@code runBatch} per batch, from any thread.
 */
final class BatchLoop {

    private static final Logger LOG = LoggerFactory.getLogger(BatchLoop.class);
    private static final int PROGRESS_EVERY = Ensemble.PROGRESS_EVERY;

    private final Ensemble ensemble;
    private final SdeProblem problem;
    private final SdeAlgorithm algorithm;
    private final int replicas;
    private final int groupSize;
    private final double dt;
    private final long steps;
    private final int checkEvery;
    private final Perturbation perturbation;
    private final long perturbationStep;
    private final Path checkpointFile;
    private final CancellationToken cancellation;

    BatchLoop(Ensemble ensemble) {
        this.ensemble = ensemble;
        this.problem = ensemble.problem();
        this.algorithm = ensemble.algorithm();
        this.replicas = ensemble.replicas();
        this.groupSize = ensemble.groupSize();
        this.dt = ensemble.dt();
        this.steps = ensemble.steps();
        this.checkEvery = ensemble.checkEvery();
        this.perturbation = ensemble.perturbation();
        this.perturbationStep = ensemble.perturbationStep();
        this.checkpointFile = ensemble.checkpointFile();
        this.cancellation = ensemble.cancellation();
    }

    private TrajectoryGaussians seedBatch(long first, double[] x,
                                          RestorableUniformRandomProvider[] rngs,
                                          NormalizedGaussianSampler[] gauss) {
        return ensemble.seedBatch(first, x, rngs, gauss);
    }

    private void drawIncrements(TrajectoryGaussians noise, double scale, double[] dW, int rows) {
        ensemble.drawIncrements(noise, scale, dW, rows);
    }

    private void checkDivergence(double t, long first, double[] x, int size, boolean[] dead,
                                 List<Divergence> divergences) {
        ensemble.checkDivergence(t, first, x, size, dead, divergences);
    }

    <A extends Accumulator<A>> BatchOutcome<A> runBatch(
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

    <A extends Accumulator<A>> BatchOutcome<A> runBatch(
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
    static long savedStep(byte[] saved) {
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

    /** The result of one batch: its statistics, divergences and size. */
    static final class BatchOutcome<A> {
        final A statistics;
        final List<Divergence> divergences;
        final int size;

        BatchOutcome(A statistics, List<Divergence> divergences, int size) {
            this.statistics = statistics;
            this.divergences = divergences;
            this.size = size;
        }
    }

}
