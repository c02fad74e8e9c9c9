package org.ness4j.sde.ensemble;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import org.ness4j.core.stat.Accumulator;

/**
 * Observes one batch of trajectories while it runs and turns what it saw into an accumulator.
 * Created by {@link EnsembleObserver#open}; the only mutable per-run object besides the stepper.
 *
 * <p>Observers that implement {@link #saveState} and {@link #restoreState} let a checkpoint hold
 * batches still in flight, so an interrupted run of long batches loses at most one checkpoint
 * interval of work ({@link Ensemble.Builder#checkpoint}); the others are checkpointed per
 * completed batch.
 *
 * <p>Not thread-safe: used by one worker thread.
 *
 * @param <A> accumulator type
 */
public interface BatchObserver<A extends Accumulator<A>> {

    /**
     * Called at every step of the observer's {@link SampleSchedule}. Must not allocate or log.
     *
     * @param step step index (0 = initial state)
     * @param t time
     * @param x batch state in the problem's layout (not modified)
     */
    void observe(long step, double t, double[] x);

    /**
     * Ends the batch.
     *
     * @param diverged per lane, whether that trajectory diverged; the statistical groups
     *     containing such trajectories must be left out of the result (not modified)
     * @return the batch's partial result
     */
    A finish(boolean[] diverged);

    /**
     * Whether this observer implements {@link #saveState} and {@link #restoreState}.
     *
     * @return {@code false} unless overridden
     */
    default boolean canSaveState() {
        return false;
    }

    /**
     * Writes everything this observer has accumulated so far (not its scratch space), so that
     * an observer opened for the same batch and given this state by {@link #restoreState}
     * continues bit-for-bit as this one would.
     *
     * @param out destination
     * @throws IOException if writing fails
     * @throws UnsupportedOperationException if {@link #canSaveState()} is {@code false}
     */
    default void saveState(DataOutput out) throws IOException {
        throw new UnsupportedOperationException(getClass().getName() + " cannot save its state");
    }

    /**
     * Replaces the accumulated state of this freshly opened observer with one written by
     * {@link #saveState}.
     *
     * @param in source
     * @throws IOException if reading fails or the state does not fit this observer's batch
     * @throws UnsupportedOperationException if {@link #canSaveState()} is {@code false}
     */
    default void restoreState(DataInput in) throws IOException {
        throw new UnsupportedOperationException(getClass().getName()
            + " cannot restore a state");
    }

    /**
     * Writes an array as its length followed by its values; the counterpart of
     * {@link #readArray}, for implementations of {@link #saveState}.
     *
     * @param out destination
     * @param values the values
     * @throws IOException if writing fails
     */
    static void writeArray(DataOutput out, double[] values) throws IOException {
        out.writeInt(values.length);
        for (double v : values) {
            out.writeDouble(v);
        }
    }

    /**
     * Reads an array written by {@link #writeArray} into {@code values}, which must have the
     * written length.
     *
     * @param in source
     * @param values destination (modified)
     * @throws IOException if reading fails or the lengths differ
     */
    static void readArray(DataInput in, double[] values) throws IOException {
        int n = in.readInt();
        if (n != values.length) {
            throw new IOException("saved state holds " + n + " values where this observer has "
                + values.length);
        }
        for (int i = 0; i < n; i++) {
            values[i] = in.readDouble();
        }
    }
}
