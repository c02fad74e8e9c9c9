package org.ness4j.core.quantum;

import java.util.Locale;

/**
 * Thrown when a Fock-space result would depend on its cutoff: the population of the top Fock
 * state (the truncation diagnostic) exceeds the tolerance (see {@link FockTruncation}). The
 * message names the result, the cutoff, the top population, the tolerance and, where it could
 * be computed by growing the cutoff, the smallest cutoff that meets the tolerance.
 *
 * <p>It is an {@link IllegalArgumentException} because the cause is an argument: an explicit
 * cutoff that is too small (or a model whose populations do not decay, for which no cutoff
 * helps; then {@link #neededCutoff()} is {@code -1}).
 *
 * <p>Thread safety: immutable.
 */
public final class TruncationException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /** The cutoff that was used. */
    private final int cutoff;
    /** The population of the top Fock state at that cutoff. */
    private final double topPopulation;
    /** The tolerance it exceeded. */
    private final double tolerance;
    /** The smallest cutoff that meets the tolerance, or -1 if unknown. */
    private final int neededCutoff;

    /**
     * Creates the exception with the standard message.
     *
     * @param what the result that was refused (for example {@code "TwoPhotonDecayModel"} and
     *     its parameters)
     * @param cutoff the cutoff that was too small
     * @param topPopulation the population of the top Fock state at that cutoff
     * @param tolerance the tolerance it exceeded
     * @param neededCutoff the smallest cutoff that meets the tolerance, or {@code -1} if it is
     *     unknown (the result cannot be rebuilt at another cutoff) or does not exist
     * @param hint what to do, appended to the message (may be empty)
     */
    public TruncationException(String what, int cutoff, double topPopulation, double tolerance,
                               int neededCutoff, String hint) {
        super(message(what, cutoff, topPopulation, tolerance, neededCutoff, hint));
        this.cutoff = cutoff;
        this.topPopulation = topPopulation;
        this.tolerance = tolerance;
        this.neededCutoff = neededCutoff;
    }

    static String message(String what, int cutoff, double topPopulation, double tolerance,
                          int neededCutoff, String hint) {
        String s = String.format(Locale.ROOT, "%s: cutoff %d is too small: the population of "
            + "the top Fock state is %.3g, above the truncation tolerance %.3g", what, cutoff,
            topPopulation, tolerance);
        if (neededCutoff > 0) {
            s += String.format(Locale.ROOT, "; a cutoff of at least %d is needed", neededCutoff);
        }
        return hint == null || hint.isEmpty() ? s : s + "; " + hint;
    }

    /** @return the cutoff that was refused */
    public int cutoff() {
        return cutoff;
    }

    /** @return the population of the top Fock state at {@link #cutoff()} */
    public double topPopulation() {
        return topPopulation;
    }

    /** @return the tolerance that was exceeded */
    public double tolerance() {
        return tolerance;
    }

    /**
     * @return the smallest cutoff whose top population is within the tolerance (found by
     *     growing the cutoff), or {@code -1} if unknown or nonexistent
     */
    public int neededCutoff() {
        return neededCutoff;
    }
}
