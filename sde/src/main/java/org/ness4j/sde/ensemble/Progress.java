package org.ness4j.sde.ensemble;

import java.time.Duration;

/**
 * A progress report of an ensemble run.
 *
 * @param completedSteps trajectory-steps done so far, including those restored from a
 *     checkpoint
 * @param totalSteps trajectory-steps of the whole run
 * @param completedTrajectories trajectories finished
 * @param totalTrajectories trajectories of the run
 * @param elapsed wall time since this run (or resumed run) started
 * @param restoredSteps trajectory-steps that were already done when this run started (restored
 *     from a checkpoint); they count towards {@link #fraction()} but not towards the rate
 */
public record Progress(long completedSteps, long totalSteps, long completedTrajectories,
                       long totalTrajectories, Duration elapsed, long restoredSteps) {

    /**
     * A report of a run that did not resume from a checkpoint.
     *
     * @param completedSteps trajectory-steps done so far
     * @param totalSteps trajectory-steps of the whole run
     * @param completedTrajectories trajectories finished
     * @param totalTrajectories trajectories of the run
     * @param elapsed wall time since the run started
     */
    public Progress(long completedSteps, long totalSteps, long completedTrajectories,
                    long totalTrajectories, Duration elapsed) {
        this(completedSteps, totalSteps, completedTrajectories, totalTrajectories, elapsed, 0);
    }

    /** @return completed fraction in [0, 1] */
    public double fraction() {
        return totalSteps == 0 ? 1.0 : (double) completedSteps / totalSteps;
    }

    /**
     * @return trajectory-steps per second done by this run (restored work excluded), or NaN
     *     before any time has passed
     */
    public double rate() {
        long nanos = elapsed.toNanos();
        return nanos <= 0 ? Double.NaN : (completedSteps - restoredSteps) * 1e9 / nanos;
    }

    /**
     * @return estimated remaining wall time at this run's rate, or {@code null} before this run
     *     has done any work
     */
    public Duration remaining() {
        long done = completedSteps - restoredSteps;
        if (done <= 0) {
            return null;
        }
        double perStep = (double) elapsed.toNanos() / done;
        return Duration.ofNanos((long) (perStep * (totalSteps - completedSteps)));
    }
}
