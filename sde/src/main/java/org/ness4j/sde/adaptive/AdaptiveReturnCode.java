package org.ness4j.sde.adaptive;

/**
 * How an adaptive solve ended. Numerical trouble is reported here rather than thrown, so that an
 * ensemble of adaptive solves can count and report it per trajectory.
 */
public enum AdaptiveReturnCode {
    /** Reached the end time. */
    SUCCESS,
    /** The step budget ({@link AdaptiveSolver#maxSteps()}, accepted plus rejected) ran out. */
    MAX_STEPS,
    /** The controller asked for a step below {@link AdaptiveSolver#dtMin()} (too stiff or too
     * tight a tolerance). */
    DT_BELOW_MIN,
    /** The state became non-finite even at the smallest step. */
    DIVERGED
}
