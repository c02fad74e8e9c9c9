package org.ness4j.sde.adaptive;

/**
 * Receives the state of an adaptive solve at the requested output times (the solver steps
 * exactly onto them, so no interpolation is involved).
 *
 * <p>Called from the solving thread only.
 */
@FunctionalInterface
public interface OutputObserver {

    /**
     * Observes one output.
     *
     * @param index index of the output time in the requested array
     * @param t the output time
     * @param x the state at {@code t} (not to be modified; valid only during the call)
     */
    void observe(int index, double t, double[] x);
}
