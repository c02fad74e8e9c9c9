package org.ness4j.sde.ensemble;

import java.time.Duration;

/**
 * A progress report of an ensemble run.
 *
 * @param completedSteps trajectory-steps done so far
 * @param totalSteps trajectory-steps of the whole run
 * @param completedTrajectories trajectories finished
 * @param totalTrajectories trajectories of the run
 * @param elapsed wall time since the run started
 */
public record Progress(long completedSteps, long totalSteps, long completedTrajectories,
                       long totalTrajectories, Duration elapsed) {

    /** @return completed fraction in [0, 1] */
    public double fraction() {
        return totalSteps == 0 ? 1.0 : (double) completedSteps / totalSteps;
    }

    /** @return estimated remaining wall time, or {@code null} before any work is done */
    public Duration remaining() {
        if (completedSteps == 0) {
            return null;
        }
        double perStep = (double) elapsed.toNanos() / completedSteps;
        return Duration.ofNanos((long) (perStep * (totalSteps - completedSteps)));
    }
}
