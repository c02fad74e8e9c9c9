package org.ness4j.sde.ensemble;

/** How an ensemble run ended (in the spirit of SciML's return codes). */
public enum ReturnCode {
    /** All trajectories completed without numerical trouble. */
    SUCCESS,
    /**
     * All trajectories ran, but some diverged (NaN or overflow); their statistical groups are
     * excluded from the result and listed in {@link EnsembleResult#divergences()}.
     */
    DIVERGED,
    /** The run was cancelled; the result holds the batches completed before. */
    CANCELLED
}
