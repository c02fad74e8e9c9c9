package org.ness4j.core;

/**
 * Argument checks that fail fast with an {@link IllegalArgumentException} naming the parameter and
 * the offending value, e.g. {@code "dt must be positive and finite: NaN"}.
 *
 * <p>All comparisons are NaN-safe: a NaN argument is always rejected by the numeric checks.
 * This class is the single place where ness4j formats such messages; every builder and factory
 * uses it so that messages look the same throughout the library.
 *
 * <p>Thread safety: stateless, safe for concurrent use.
 */
public final class Checks {

    private Checks() {
    }

    /**
     * Requires a finite value.
     *
     * @param name parameter name used in the message
     * @param value value to check
     * @return {@code value}
     * @throws IllegalArgumentException if {@code value} is NaN or infinite
     */
    public static double finite(String name, double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(name + " must be finite: " + value);
        }
        return value;
    }

    /**
     * Requires a finite value {@code >= 0}.
     *
     * @param name parameter name used in the message
     * @param value value to check
     * @return {@code value}
     * @throws IllegalArgumentException if {@code value} is negative, NaN or infinite
     */
    public static double nonNegative(String name, double value) {
        if (!(value >= 0) || value == Double.POSITIVE_INFINITY) {
            throw new IllegalArgumentException(name + " must be non-negative and finite: " + value);
        }
        return value;
    }

    /**
     * Requires a finite value {@code > 0}.
     *
     * @param name parameter name used in the message
     * @param value value to check
     * @return {@code value}
     * @throws IllegalArgumentException if {@code value} is not positive, NaN or infinite
     */
    public static double positive(String name, double value) {
        if (!(value > 0) || value == Double.POSITIVE_INFINITY) {
            throw new IllegalArgumentException(name + " must be positive and finite: " + value);
        }
        return value;
    }

    /**
     * Requires an integer {@code >= min}.
     *
     * @param name parameter name used in the message
     * @param value value to check
     * @param min smallest allowed value
     * @return {@code value}
     * @throws IllegalArgumentException if {@code value < min}
     */
    public static int atLeast(String name, int value, int min) {
        if (value < min) {
            throw new IllegalArgumentException(name + " must be at least " + min + ": " + value);
        }
        return value;
    }

    /**
     * Requires a long {@code >= min}.
     *
     * @param name parameter name used in the message
     * @param value value to check
     * @param min smallest allowed value
     * @return {@code value}
     * @throws IllegalArgumentException if {@code value < min}
     */
    public static long atLeast(String name, long value, long min) {
        if (value < min) {
            throw new IllegalArgumentException(name + " must be at least " + min + ": " + value);
        }
        return value;
    }

    /**
     * Requires an index in {@code [0, size)}.
     *
     * @param name parameter name used in the message
     * @param index value to check
     * @param size number of valid indices
     * @return {@code index}
     * @throws IllegalArgumentException if {@code index} is out of range
     */
    public static int index(String name, int index, int size) {
        if (index < 0 || index >= size) {
            throw new IllegalArgumentException(
                name + " must be in [0, " + (size - 1) + "]: " + index);
        }
        return index;
    }

    /**
     * Requires every entry of an array to be finite.
     *
     * @param name parameter name used in the message; the index is appended
     * @param values values to check (not modified)
     * @return {@code values}
     * @throws IllegalArgumentException naming the first non-finite entry
     */
    public static double[] allFinite(String name, double[] values) {
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                throw new IllegalArgumentException(name + "[" + i + "] must be finite: " + values[i]);
            }
        }
        return values;
    }

    /**
     * Requires every entry of an array to be finite and {@code >= 0}.
     *
     * @param name parameter name used in the message; the index is appended
     * @param values values to check (not modified)
     * @return {@code values}
     * @throws IllegalArgumentException naming the first bad entry
     */
    public static double[] allNonNegative(String name, double[] values) {
        for (int i = 0; i < values.length; i++) {
            nonNegative(name + "[" + i + "]", values[i]);
        }
        return values;
    }
}
