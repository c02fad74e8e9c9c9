package org.ness4j.sde.ensemble;

import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import org.ness4j.core.stat.Accumulator;
import org.ness4j.core.stat.Estimate;

/**
 * The outcome of {@link Ensemble#run}.
 *
 * @param statistics the combined accumulator of all completed, non-diverged groups
 * @param returnCode how the run ended
 * @param divergences trajectories that diverged, in trajectory order
 * @param completedTrajectories trajectories that ran to the end (diverged ones included)
 * @param masterSeed the master seed of the run
 * @param elapsed wall time (error budget included)
 * @param stepErrors the error budget's re-runs ({@link Ensemble.Builder#errorBudget}), or
 *     {@code null} if none was requested or the run did not succeed
 * @param <A> accumulator type
 */
public record EnsembleResult<A extends Accumulator<A>>(
    A statistics, ReturnCode returnCode, List<Divergence> divergences,
    long completedTrajectories, long masterSeed, Duration elapsed, StepErrors<A> stepErrors) {

    /**
     * A result without an error budget.
     *
     * @param statistics the combined accumulator of all completed, non-diverged groups
     * @param returnCode how the run ended
     * @param divergences trajectories that diverged, in trajectory order
     * @param completedTrajectories trajectories that ran to the end (diverged ones included)
     * @param masterSeed the master seed of the run
     * @param elapsed wall time
     */
    public EnsembleResult(A statistics, ReturnCode returnCode, List<Divergence> divergences,
                          long completedTrajectories, long masterSeed, Duration elapsed) {
        this(statistics, returnCode, divergences, completedTrajectories, masterSeed, elapsed,
            null);
    }

    /** @return whether an error budget was run ({@link #stepErrors()} is not null) */
    public boolean hasStepErrors() {
        return stepErrors != null;
    }

    /**
     * Estimates from the statistics of a successful run, each with its step-size error attached
     * ({@link Estimate#stepError()}) if an error budget was run; a WARN log line reports the
     * estimates whose step error exceeds their statistical error. Evaluate all estimates of
     * interest in one call: each call evaluates the estimator on {@code 2 (blocks + 1)}
     * combinations of the error budget's accumulators.
     *
     * @param estimator computes the estimates from an accumulator (e.g. a profile over sites)
     * @return the estimates, with step errors if available
     * @throws IllegalStateException as {@link #requireSuccess()}
     */
    public Estimate[] estimates(Function<A, Estimate[]> estimator) {
        A s = requireSuccess();
        return stepErrors == null ? estimator.apply(s) : stepErrors.attach(s, estimator);
    }

    /**
     * One estimate with its step error ({@link #estimates}).
     *
     * @param estimator computes the estimate from an accumulator
     * @return the estimate, with a step error if available
     * @throws IllegalStateException as {@link #requireSuccess()}
     */
    public Estimate estimate(Function<A, Estimate> estimator) {
        return estimates(a -> new Estimate[] {estimator.apply(a)})[0];
    }

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
