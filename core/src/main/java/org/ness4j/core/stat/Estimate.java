package org.ness4j.core.stat;

/**
 * A statistical estimate with its one-sigma standard error.
 *
 * @param value the estimate
 * @param standardError its standard error; {@code NaN} when fewer than two independent groups
 *     were available, or when a leave-one-group-out replica is not finite (see
 *     {@link #jackknife})
 */
public record Estimate(double value, double standardError) {

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

    @Override
    public String toString() {
        return value + " +- " + standardError;
    }
}
