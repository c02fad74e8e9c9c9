package org.ness4j.sde.ensemble;

import java.io.ByteArrayOutputStream;
import java.io.DataInput;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;
import org.ness4j.core.Checks;
import org.ness4j.core.stat.Accumulator;

/**
 * Describes what to measure on an ensemble: a sampling schedule, a per-batch
 * {@link BatchObserver}, and the empty accumulator the batch results are combined into.
 * Implementations are immutable and thread-safe (batches are opened concurrently).
 *
 * @param <A> accumulator type
 */
public interface EnsembleObserver<A extends Accumulator<A>> {

    /** @return when to sample */
    SampleSchedule schedule();

    /**
     * Opens an observer for one batch.
     *
     * <p><b>Probe.</b> Before any work, {@link Ensemble#run} calls this method once on a probe
     * batch, {@code new BatchInfo(0, 1, replicas, groupSize, dimension, dt)} (first trajectory
     * 0, one trajectory, the run's replicas, group size, state dimension and step), and discards
     * the result without calling {@code observe} or {@code finish}: a configuration the observer
     * cannot handle (sites outside the state, missing replicas, ...) is thereby refused before
     * the run starts. Implementations must therefore check their configuration here and throw
     * {@link IllegalArgumentException} naming the problem, must be free of side effects (no
     * files, counters or registrations: the probe is opened in addition to the real batches, and
     * its {@code firstTrajectory} 0 does not mean that the batch of trajectory 0 has started),
     * and should allocate little until the first sample.
     *
     * @param info the batch
     * @return a new batch observer
     * @throws IllegalArgumentException if the observer cannot observe batches of this shape
     */
    BatchObserver<A> open(BatchInfo info);

    /** @return an accumulator holding no data (identity of {@code combine}) */
    A empty();

    /**
     * Reads an accumulator of this observer's kind written by {@link Accumulator#writeTo}; needed
     * to resume a run from a checkpoint.
     *
     * @param in source
     * @return the accumulator
     * @throws IOException if reading fails or the data is corrupt
     * @throws UnsupportedOperationException if this observer cannot be checkpointed
     */
    default A read(DataInput in) throws IOException {
        throw new UnsupportedOperationException(getClass().getName()
            + " does not support checkpoints (no read method)");
    }

    /**
     * A description of everything about this observer that determines its results: its
     * schedule, its accumulator type and the settings the empty accumulator carries (sites,
     * bins, delays, ...; as a SHA-256 of its serialized form). Part of a checkpoint's
     * fingerprint, so that a run is never resumed with another observer configuration.
     *
     * @return the description (stable across JVM runs)
     */
    default String describe() {
        return schedule() + " " + configuration(empty());
    }

    /**
     * The class and a SHA-256 of the serialized form of an (empty) accumulator.
     *
     * @param accumulator the accumulator
     * @return {@code "ClassName#hex"}
     */
    static String configuration(Accumulator<?> accumulator) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            accumulator.writeTo(new DataOutputStream(bytes));
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(bytes.toByteArray());
            StringBuilder hex = new StringBuilder(accumulator.getClass().getName()).append('#');
            for (int i = 0; i < 12; i++) {
                hex.append(String.format(Locale.ROOT, "%02x", hash[i]));
            }
            return hex.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // in-memory streams do not fail
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }

    /**
     * This observer configured for a run of {@code trajectories} trajectories in groups of
     * {@code groupSize}: the ensemble calls it once at the start of {@link Ensemble#run} and
     * uses the returned observer for everything else (batches, the empty accumulator, the
     * checkpoint fingerprint). Accumulators that fold the ensemble's groups into a bounded
     * number of jackknife blocks (time series and maps: {@code SiteSeries}) choose the block
     * size here, from these parameters only, so that the result does not depend on the heap,
     * the thread count or the batch size. The default returns this observer unchanged; an
     * observer that wraps another (as {@link #of} does not) should delegate it, or be built
     * from {@code inner.forRun(...)}, else the inner observer keeps one row per group.
     *
     * @param trajectories trajectories of the run, at least 1
     * @param groupSize trajectories per statistical group of the run, at least 1
     * @return the observer for this run
     */
    default EnsembleObserver<A> forRun(long trajectories, int groupSize) {
        return this;
    }

    /**
     * The heap this observer needs in a run: per batch in flight (running sums, scratch space,
     * the batch's result) and for the combined result; see {@link MemoryEstimate}. The ensemble
     * adds its own per-batch state (state vector, noise buffers, generators) and refuses, before
     * any work, a run that does not fit into the heap. The default counts
     * {@link Accumulator#valuesPerGroup()} of the empty accumulator per group of the batch and
     * of the run, and one value per sum and lane of scratch space (as {@code SiteMoments} and
     * {@code LocalDensityMatrix} keep); accumulators whose batch observers need more override
     * it. Observers that do not report {@code valuesPerGroup} count as 0.
     *
     * @param batch a batch of the run (the largest)
     * @param trajectories trajectories of the run
     * @return the estimate
     */
    default MemoryEstimate memory(BatchInfo batch, long trajectories) {
        A e = empty();
        long values = e.valuesPerGroup();
        if (values == 0) {
            return new MemoryEstimate(e.getClass().getSimpleName(), 0, 0, 0); // unknown
        }
        return MemoryEstimate.grouped(e.getClass().getSimpleName(), values,
            MemoryEstimate.groups(batch.size(), batch.groupSize()),
            MemoryEstimate.groups(trajectories, batch.groupSize()),
            MemoryEstimate.mul(Math.max(0, values - 1), batch.size()));
    }

    /**
     * The estimates of this observer's accumulators, one per part of a composite
     * ({@link Observations}); used to name the largest in a refusal.
     *
     * @param batch a batch of the run (the largest)
     * @param trajectories trajectories of the run
     * @return the parts' estimates; the default is {@link #memory} alone
     */
    default List<MemoryEstimate> memoryParts(BatchInfo batch, long trajectories) {
        return List.of(memory(batch, trajectories));
    }

    /**
     * Checks, before any work, that a run of {@code steps} steps gives this observer the samples
     * it needs. The default requires one sample; observers that report one value per sampled
     * time (a time series, the delays of an OTOC) require all of them, so that a time point the
     * run never reached cannot come out as a plausible-looking number.
     *
     * @param steps number of steps of the run
     * @throws IllegalArgumentException if the schedule gives too few samples in this run
     */
    default void validate(long steps) {
        requireSamples(schedule(), 1, steps);
    }

    /**
     * Throws unless {@code schedule} samples at least {@code needed} times in a run of
     * {@code steps} steps.
     *
     * @param schedule the sampling schedule
     * @param needed samples required, at least 1
     * @param steps number of steps of the run
     * @throws IllegalArgumentException naming the numbers if there are too few samples
     */
    static void requireSamples(SampleSchedule schedule, long needed, long steps) {
        long n = schedule.count(steps);
        if (n == 0) {
            throw new IllegalArgumentException("observer samples nothing: first sample step "
                + schedule.first() + " is after the last step " + steps);
        }
        if (n < needed) {
            throw new IllegalArgumentException("observer needs " + needed + " samples (one per "
                + "time point it reports) but its schedule (first step " + schedule.first()
                + ", every " + schedule.every() + ") gives " + n + " in a run of " + steps
                + " steps; run at least " + (schedule.first() + (needed - 1) * schedule.every())
                + " steps");
        }
    }

    /**
     * {@code observer} with another memory estimate (for observers assembled by {@link #of}
     * whose batches need more scratch space than the default {@link #memory} assumes, or less).
     *
     * @param observer the observer (its every other method is kept)
     * @param memory the estimate: {@code (batch, trajectories) -> estimate}
     * @param <A> accumulator type
     * @return the observer with that estimate
     */
    static <A extends Accumulator<A>> EnsembleObserver<A> withMemory(
        EnsembleObserver<A> observer, BiFunction<BatchInfo, Long, MemoryEstimate> memory) {
        Objects.requireNonNull(observer, "observer");
        Objects.requireNonNull(memory, "memory");
        return new EnsembleObserver<>() {
            @Override
            public SampleSchedule schedule() {
                return observer.schedule();
            }

            @Override
            public List<MemoryEstimate> memoryParts(BatchInfo batch, long trajectories) {
                return List.of(memory(batch, trajectories));
            }

            @Override
            public BatchObserver<A> open(BatchInfo info) {
                return observer.open(info);
            }

            @Override
            public A empty() {
                return observer.empty();
            }

            @Override
            public A read(DataInput in) throws IOException {
                return observer.read(in);
            }

            @Override
            public String describe() {
                return observer.describe();
            }

            @Override
            public void validate(long steps) {
                observer.validate(steps);
            }

            @Override
            public EnsembleObserver<A> forRun(long trajectories, int groupSize) {
                return withMemory(observer.forRun(trajectories, groupSize), memory);
            }

            @Override
            public MemoryEstimate memory(BatchInfo batch, long trajectories) {
                return memory.apply(batch, trajectories);
            }
        };
    }

    /**
     * An observer assembled from its parts, the usual way accumulators provide theirs.
     *
     * @param schedule when to sample
     * @param open opens the per-batch observer
     * @param empty creates the empty accumulator
     * @param read reads a serialized accumulator (for checkpoints)
     * @param <A> accumulator type
     * @return the observer
     */
    static <A extends Accumulator<A>> EnsembleObserver<A> of(
        SampleSchedule schedule, Function<BatchInfo, BatchObserver<A>> open, Supplier<A> empty,
        Observations.Reader<A> read) {
        return of(schedule, 1, open, empty, read);
    }

    /**
     * An observer assembled from its parts that needs {@code samplesNeeded} samples in a run
     * (see {@link #validate}): one per time point of a time-resolved accumulator.
     *
     * @param schedule when to sample
     * @param samplesNeeded samples a run must give, at least 1
     * @param open opens the per-batch observer
     * @param empty creates the empty accumulator
     * @param read reads a serialized accumulator (for checkpoints)
     * @param <A> accumulator type
     * @return the observer
     */
    static <A extends Accumulator<A>> EnsembleObserver<A> of(
        SampleSchedule schedule, long samplesNeeded, Function<BatchInfo, BatchObserver<A>> open,
        Supplier<A> empty, Observations.Reader<A> read) {
        Objects.requireNonNull(schedule, "schedule");
        Checks.atLeast("samplesNeeded", samplesNeeded, 1L);
        return new EnsembleObserver<>() {
            @Override
            public SampleSchedule schedule() {
                return schedule;
            }

            @Override
            public void validate(long steps) {
                requireSamples(schedule, samplesNeeded, steps);
            }

            @Override
            public BatchObserver<A> open(BatchInfo info) {
                return open.apply(info);
            }

            @Override
            public A empty() {
                return empty.get();
            }

            @Override
            public A read(DataInput in) throws IOException {
                return read.read(in);
            }
        };
    }

}
