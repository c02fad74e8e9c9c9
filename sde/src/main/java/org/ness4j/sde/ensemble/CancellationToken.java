package org.ness4j.sde.ensemble;

/**
 * Cooperative cancellation of a running ensemble: {@link #cancel()} may be called from any
 * thread; workers poll it every few steps, finish nothing more, and the run returns
 * {@link ReturnCode#CANCELLED} with the batches completed so far.
 *
 * <p>Thread-safe.
 */
public final class CancellationToken {

    private volatile boolean cancelled;

    /** Requests cancellation. */
    public void cancel() {
        cancelled = true;
    }

    /** @return whether cancellation was requested */
    public boolean isCancelled() {
        return cancelled;
    }
}
