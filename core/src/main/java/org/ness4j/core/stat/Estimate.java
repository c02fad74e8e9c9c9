package org.ness4j.core.stat;

import java.util.Objects;

/**
 * A statistical estimate with its one-sigma standard error and, when it was estimated, the
 * systematic error of the time step next to it (the error budget of an ensemble,
 * {@code Ensemble.Builder.errorBudget}).
 *
 * <p>{@link #value()} and {@link #standardError()} are what they always were: the estimate and
 * its statistical (jackknife) error. The step-size part is a separate component,
 * {@link #stepError()}: its value is the estimated difference between this estimate's
 * expectation at the run's time step and its limit {@code dt -> 0} (subtract it to correct the
 * estimate), with its own standard error. An estimate without an error budget carries
 * {@link StepError#NOT_ESTIMATED} (both parts NaN; {@link #hasStepError()} is false); the
 * two-argument constructor creates such an estimate, so code written before the error budget
 * existed is unchanged. Equality compares all three components (NaN equals NaN, as for every
 * record with double components).
 *
 * @param value the estimate
 * @param standardError its standard error; {@code NaN} when fewer than two independent groups
 *     were available, or when a leave-one-group-out replica is not finite (see
 *     {@link #jackknife})
 * @param stepError the estimated step-size (discretization) error, or
 *     {@link StepError#NOT_ESTIMATED}; never null
 */
public record Estimate(double value, double standardError, StepError stepError) {

    /**
     * The systematic error of an estimate due to the finite time step: its expectation at the
     * run's step size minus its limit for vanishing step size, estimated by Richardson
     * extrapolation, with the standard error of that estimate.
     *
     * @param value the step error (same units as the estimate); NaN if not estimated
     * @param standardError its one-sigma statistical error; NaN if not estimated or if it
     *     could not be computed (fewer than two blocks)
     */
    public record StepError(double value, double standardError) {

        /** No step error was estimated: both parts NaN. */
        public static final StepError NOT_ESTIMATED = new StepError(Double.NaN, Double.NaN);

        /** @return whether a step error was estimated ({@link #value()} is not NaN) */
        public boolean isEstimated() {
            return !Double.isNaN(value);
        }

        @Override
        public String toString() {
            return isEstimated() ? value + " +- " + standardError : "not estimated";
        }
    }

    /**
     * The canonical constructor.
     *
     * @param value the estimate
     * @param standardError its standard error (NaN if unavailable)
     * @param stepError the step-size error, {@link StepError#NOT_ESTIMATED} if none
     * @throws NullPointerException if {@code stepError} is null
     */
    public Estimate {
        Objects.requireNonNull(stepError, "stepError");
    }

    /**
     * An estimate without a step-size error ({@link StepError#NOT_ESTIMATED}).
     *
     * @param value the estimate
     * @param standardError its standard error (NaN if unavailable)
     */
    public Estimate(double value, double standardError) {
        this(value, standardError, StepError.NOT_ESTIMATED);
    }

    /**
     * The jackknife estimate from leave-one-group-out replicas: the standard error is
     * \( \sqrt{(n-1)/n \sum_g (v_g - \bar v)^2} \) over the n replicas \( v_g \).
     *
     * @param value the estimate from all groups
     * @param leaveOneOut the estimate with each group left out in turn (not modified)
     * @return the estimate; its standard error is NaN with fewer than two replicas or if a
     *     replica is NaN (the statistic was undefined without some group)
     */
    public static Estimate jackknife(double value, double[] leaveOneOut) {
        int n = leaveOneOut.length;
        if (n < 2) {
            return new Estimate(value, Double.NaN);
        }
        double mean = 0;
        for (double v : leaveOneOut) {
            mean += v;
        }
        mean /= n;
        double ss = 0;
        for (double v : leaveOneOut) {
            ss += (v - mean) * (v - mean);
        }
        return new Estimate(value, Math.sqrt((n - 1.0) / n * ss));
    }

    /**
     * This estimate with a step-size error attached (value and standard error unchanged).
     *
     * @param error the step error
     * @return a new estimate
     */
    public Estimate withStepError(StepError error) {
        return new Estimate(value, standardError, error);
    }

    /** @return whether a step-size error was estimated for this estimate */
    public boolean hasStepError() {
        return stepError.isEstimated();
    }

    /**
     * Whether the time step, not the ensemble size, limits this estimate: the estimated step
     * error is resolved (its magnitude exceeds twice its own standard error) and exceeds the
     * statistical standard error.
     *
     * @return {@code true} if a step error was estimated, {@code |e| > 2 se(e)} and
     *     {@code |e| > standardError} (also when the standard error is NaN); {@code false}
     *     without a step error
     */
    public boolean stepErrorDominates() {
        double e = Math.abs(stepError.value());
        return hasStepError() && e > 2 * stepError.standardError() && !(e <= standardError);
    }

    /**
     * Whether the error budget could not tell if the time step limits this estimate: the step
     * error does not {@linkplain #stepErrorDominates() dominate}, but its own standard error
     * exceeds the statistical error (re-run more trajectories in the budget to resolve it).
     *
     * @return {@code true} if a step error was estimated, does not dominate, and
     *     {@code se(e) > standardError} (or either is NaN)
     */
    public boolean stepErrorUnresolved() {
        return hasStepError() && !stepErrorDominates()
            && !(stepError.standardError() <= standardError);
    }

    /**
     * {@code "value +- standardError"}, followed by {@code " (step error e +- s)"} if a step
     * error was estimated.
     */
    @Override
    public String toString() {
        String s = value + " +- " + standardError;
        return hasStepError() ? s + " (step error " + stepError + ")" : s;
    }
}
