package org.ness4j.sde.ensemble;

import java.io.DataInput;
import java.io.IOException;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;
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
     * @param info the batch
     * @return a new batch observer
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
        Objects.requireNonNull(schedule, "schedule");
        return new EnsembleObserver<>() {
            @Override
            public SampleSchedule schedule() {
                return schedule;
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
