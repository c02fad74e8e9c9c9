package org.ness4j.sde.ensemble;

import org.ness4j.core.stat.Accumulator;

/**
 * Observes one batch of trajectories while it runs and turns what it saw into an accumulator.
 * Created by {@link EnsembleObserver#open}; the only mutable per-run object besides the stepper.
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
}
