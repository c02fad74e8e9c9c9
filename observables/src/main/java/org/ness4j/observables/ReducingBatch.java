package org.ness4j.observables;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import org.ness4j.core.stat.Accumulator;
import org.ness4j.sde.ensemble.BatchInfo;
import org.ness4j.sde.ensemble.BatchObserver;

/**
 * Base of the batch observers that keep their running sums in a {@link GroupReduction}: holds
 * the batch, the sums and the sample count, and saves and restores them for checkpoints of
 * batches in flight ({@link BatchObserver#saveState}). Subclasses with further running state
 * (not scratch space) override {@link #saveExtra} and {@link #restoreExtra}.
 *
 * @param <A> accumulator type
 */
abstract class ReducingBatch<A extends Accumulator<A>> implements BatchObserver<A> {

    /** The batch. */
    final BatchInfo info;
    /** Running group sums. */
    final GroupReduction reduction;
    /** Samples observed so far (maintained by the subclass). */
    long samples;

    ReducingBatch(BatchInfo info, int width) {
        this.info = info;
        this.reduction = new GroupReduction(info, width);
    }

    @Override
    public final boolean canSaveState() {
        return true;
    }

    @Override
    public final void saveState(DataOutput out) throws IOException {
        reduction.saveState(out);
        out.writeLong(samples);
        saveExtra(out);
    }

    @Override
    public final void restoreState(DataInput in) throws IOException {
        reduction.restoreState(in);
        samples = in.readLong();
        restoreExtra(in);
    }

    /**
     * Writes running state beyond the sums and the sample count.
     *
     * @param out destination
     * @throws IOException if writing fails
     */
    void saveExtra(DataOutput out) throws IOException {
    }

    /**
     * Reads what {@link #saveExtra} wrote.
     *
     * @param in source
     * @throws IOException if reading fails or the state does not fit
     */
    void restoreExtra(DataInput in) throws IOException {
    }
}
