package org.ness4j.sde;

/**
 * The mutable per-run object of an {@link SdeAlgorithm}: advances a batch of trajectories by one
 * step with Wiener increments supplied by the caller ("noise is drawn outside the stepper", so
 * replicas can share one noise realization and convergence studies can reuse a Brownian path).
 *
 * <p>Not thread-safe: one stepper per thread (it owns scratch arrays sized for one batch).
 */
public interface SdeStepper {

    /**
     * Advances {@code x} from {@code t} to {@code t + dt} in place.
     *
     * @param t current time
     * @param dt step size
     * @param x batch states (modified)
     * @param dW Wiener increments over the step, {@code dW[j * batch + b]}, each
     *     \( \sim N(0, dt) \) (not modified)
     */
    void step(double t, double dt, double[] x, double[] dW);

    /** @return the batch size this stepper was created for */
    int batchSize();

    /**
     * Number of drift evaluations per step (per trajectory), the cost measure of work-precision
     * studies.
     *
     * @return evaluations per step
     */
    int driftEvaluationsPerStep();
}
