package org.ness4j.sde.srk;

import org.ness4j.sde.SdeStepper;

/**
 * A stepper whose scheme carries a natural embedded error estimate (Rackauckas and Nie 2017,
 * "Adaptive methods for stochastic differential equations via natural embeddings and rejection
 * sampling with memory", Discrete Contin. Dyn. Syst. B 22(7), 2731-2761): besides the new state
 * it returns, per component, the deterministic part \( E_D \) and the noise part \( E_N \) of
 * the local error estimate. An adaptive driver combines them as
 * \( E = \delta |E_D| + |E_N| \) (see {@code org.ness4j.sde.adaptive.AdaptiveSolver}).
 *
 * <p>Not thread-safe: one stepper per thread.
 */
public interface EmbeddedStepper extends SdeStepper {

    /**
     * Advances {@code x} from {@code t} to {@code t + dt} exactly like
     * {@link #step(double, double, double[], double[])} and writes the error estimate.
     *
     * @param t current time
     * @param dt step size
     * @param x batch states (modified)
     * @param dW increments as in {@link SdeStepper#step} (not modified)
     * @param errorDrift \( E_D \), same layout as {@code x} (modified)
     * @param errorNoise \( E_N \), same layout as {@code x}; zero in components without noise
     *     (modified)
     */
    void step(double t, double dt, double[] x, double[] dW, double[] errorDrift,
              double[] errorNoise);
}
