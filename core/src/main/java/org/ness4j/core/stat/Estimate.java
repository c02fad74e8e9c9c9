package org.ness4j.core.stat;

/**
 * A statistical estimate with its one-sigma standard error.
 *
 * @param value the estimate
 * @param standardError its standard error; {@code NaN} only when fewer than two independent
 *     groups were available
 */
public record Estimate(double value, double standardError) {

    @Override
    public String toString() {
        return value + " +- " + standardError;
    }
}
