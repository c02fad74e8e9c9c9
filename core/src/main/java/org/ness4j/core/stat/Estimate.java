package org.ness4j.core.stat;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
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
 * <p>{@link #toString()} uses the concise notation of metrology: {@code 6.54(18)} is
 * 6.54 with standard error 0.18 (the error in units of the value's last digits, rounded to two
 * significant digits, the value rounded to the same digit); see {@link #toString()} for the
 * rules. It is for reading; files get the numbers themselves ({@link #value()},
 * {@link #standardError()}).
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

        /**
         * {@code "not estimated"}, or the step error in the notation of
         * {@link Estimate#toString()}, for example {@code 0.020(10)}.
         */
        @Override
        public String toString() {
            return isEstimated() ? concise(value, standardError) : "not estimated";
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
     * The estimate in concise notation: {@code 6.54(18)} means 6.54 with standard error 0.18.
     * The error is rounded to two significant digits and written in units of the last digit of
     * the value, which is rounded to the same digit ({@code -0.0312(47)}, {@code 1.20(10)}).
     * Exponent notation is used when the last digit lies left of the decimal point or the
     * number is below 10^-4 or at least 10^6 in magnitude: {@code 1.234(56)e-7},
     * {@code 1.2346(18)e5}. Special cases: a zero error is {@code (0)} after the value's
     * shortest exact decimal ({@code 2.5(0)}); a NaN or infinite error is written as such after
     * the value rounded to six significant digits ({@code 6.54321(NaN)}); a NaN or infinite value
     * as Java writes it, with the error after {@code +-} ({@code NaN +- 0.18}). A step error,
     * when estimated, follows in the same notation after {@code " step "}:
     * {@code 6.54(18) step 0.020(10)}. {@link #value()}, {@link #standardError()} and
     * {@link #stepError()} give the numbers themselves.
     *
     * @return the estimate in concise notation
     */
    @Override
    public String toString() {
        String s = concise(value, standardError);
        return hasStepError() ? s + " step " + stepError : s;
    }

    /** Digits shown for a value whose error is NaN or infinite. */
    private static final MathContext UNKNOWN_ERROR_DIGITS =
        new MathContext(6, RoundingMode.HALF_EVEN);
    /** Significant digits of a finite, positive error. */
    private static final MathContext ERROR_DIGITS = new MathContext(2, RoundingMode.HALF_UP);

    /**
     * {@code value(error)} as described in {@link #toString()}.
     *
     * @param value the value
     * @param error its (non-negative) error
     * @return the concise notation
     */
    static String concise(double value, double error) {
        if (!Double.isFinite(value)) {
            return value + " +- " + error;
        }
        BigDecimal v;
        String digits;
        if (error > 0 && Double.isFinite(error)) {
            BigDecimal e = new BigDecimal(error).round(ERROR_DIGITS);
            if (e.precision() < 2) { // an error such as 1.0 or 0.5 exactly: show two digits
                e = e.setScale(e.scale() + 2 - e.precision(), RoundingMode.UNNECESSARY);
            }
            v = new BigDecimal(value).setScale(e.scale(), RoundingMode.HALF_EVEN);
            digits = e.unscaledValue().toString();
        } else if (error == 0) {
            v = new BigDecimal(Double.toString(value)).stripTrailingZeros();
            digits = "0";
        } else {
            v = new BigDecimal(value).round(UNKNOWN_ERROR_DIGITS).stripTrailingZeros();
            digits = Double.toString(Math.abs(error)); // NaN or Infinity
        }
        int last = -v.scale(); // decimal exponent of the last digit shown
        // decimal exponent of the leading digit of the value (or of the error, if larger)
        int lead = v.signum() == 0 ? last : v.precision() - v.scale() - 1;
        if (error > 0 && Double.isFinite(error)) {
            lead = Math.max(lead, last + 1);
        }
        if (last <= 0 && lead >= -4 && lead < 6) {
            return v.toPlainString() + "(" + digits + ")";
        }
        BigDecimal mantissa = v.movePointLeft(lead);
        return mantissa.toPlainString() + "(" + digits + ")e" + lead;
    }
}
