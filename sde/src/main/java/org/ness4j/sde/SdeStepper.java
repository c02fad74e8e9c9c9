package org.ness4j.sde;

/**
 * The mutable per-run object of an {@link SdeAlgorithm}: advances a batch of trajectories by one
 * step with Wiener increments supplied by the caller ("noise is drawn outside the stepper", so
 * replicas can share one noise realization and convergence studies can reuse a Brownian path).
 *
 * <p>A stepper holds no state from one step to the next other than scratch space and
 * coefficients that depend only on the step size, so a batch can be checkpointed mid-run by
 * saving its state vector and generators alone (implementations must keep it so).
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
     * @param dW independent Gaussian increments over the step, each \( \sim N(0, dt) \):
     *     {@code incrementsPerChannel()} blocks of {@code m * batch} values; block 0,
     *     {@code dW[j * batch + b]}, is the Wiener increment of channel {@code j}, further blocks
     *     {@code dW[(k * m + j) * batch + b]} are the extra independent variates a scheme needs to
     *     sample iterated integrals (not modified)
     */
    void step(double t, double dt, double[] x, double[] dW);

    /**
     * Number of independent \( N(0, dt) \) variates per noise channel and step this stepper
     * consumes: 1 for schemes that need only \( \Delta W \), 2 for schemes that also sample
     * \( \Delta Z = \int_t^{t+h}(W(s) - W(t))\,ds \) (Rößler's SRA/SRI families).
     *
     * @return variates per channel and step, at least 1
     */
    default int incrementsPerChannel() {
        return 1;
    }

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
