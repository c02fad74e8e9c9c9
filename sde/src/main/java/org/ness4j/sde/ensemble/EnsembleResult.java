package org.ness4j.sde.ensemble;

import java.time.Duration;
import java.util.List;
import org.ness4j.core.stat.Accumulator;

/**
 * The outcome of {@link Ensemble#run}.
 *
 * @param statistics the combined accumulator of all completed, non-diverged groups
 * @param returnCode how the run ended
 * @param divergences trajectories that diverged, in trajectory order
 * @param completedTrajectories trajectories that ran to the end (diverged ones included)
 * @param masterSeed the master seed of the run
 * @param elapsed wall time
 * @param <A> accumulator type
 */
public record EnsembleResult<A extends Accumulator<A>>(
    A statistics, ReturnCode returnCode, List<Divergence> divergences,
    long completedTrajectories, long masterSeed, Duration elapsed) {

    /**
     * The statistics, provided that the run succeeded.
     *
     * @return {@link #statistics()}
     * @throws IllegalStateException naming the first diverged trajectory (time, component) if
     *     any diverged, or if the run was cancelled
     */
    public A requireSuccess() {
        if (returnCode == ReturnCode.DIVERGED) {
            throw new IllegalStateException(divergences.size() + " trajectories diverged; first: "
                + divergences.get(0) + ". Reduce dt or check the parameters.");
        }
        if (returnCode == ReturnCode.CANCELLED) {
            throw new IllegalStateException("run was cancelled after "
                + completedTrajectories + " trajectories");
        }
        return statistics;
    }
}
