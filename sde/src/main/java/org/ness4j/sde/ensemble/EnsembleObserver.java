package org.ness4j.sde.ensemble;

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
}
