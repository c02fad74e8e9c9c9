package org.ness4j.sde;

/**
 * The exact solution of an SDE as a function of time, initial state and the Wiener processes'
 * values: \( X(t) = \Phi(t, X(0), W(t)) \) (e.g. \( X_0 e^{(\mu - \sigma^2/2)t + \sigma W(t)} \)
 * for Itô geometric Brownian motion). Only problems whose solution depends on the path through
 * \( W(t) \) alone have one ({@link SdeProblem#analyticSolution()}).
 *
 * <p>Implementations must be thread-safe (pure functions).
 */
@FunctionalInterface
public interface AnalyticSolution {

    /**
     * Evaluates the solution of one trajectory.
     *
     * @param t time, {@code >= 0} (the problem starts at 0)
     * @param x0 initial state, length n (not modified)
     * @param w \( W_j(t) \) of each Wiener process j, length m (not modified)
     * @param out \( X(t) \), length n (modified)
     */
    void evaluate(double t, double[] x0, double[] w, double[] out);
}
