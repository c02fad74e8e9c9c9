package org.ness4j.sde;

import java.util.Set;

/**
 * An SDE integration scheme: an immutable value that declares its properties and creates
 * per-run {@link SdeStepper}s. Compatibility with a problem is checked before any work starts.
 */
public interface SdeAlgorithm {

    /** @return short name used on command lines, e.g. {@code "heun"} */
    String name();

    /** @return strong order of convergence for the noise kinds it supports */
    double strongOrder();

    /** @return weak order of convergence */
    double weakOrder();

    /**
     * The strong order of convergence on problems with the given noise kind (e.g.
     * Euler-Maruyama: 1 for additive, 0.5 for state-dependent noise).
     *
     * @param kind the noise kind of the problem
     * @return the strong order for that noise kind; by default {@link #strongOrder()}
     */
    default double strongOrder(NoiseKind kind) {
        return strongOrder();
    }

    /**
     * The weak order of convergence on problems with the given noise kind: the exponent
     * \( p \) of the step-size error \( E f(X^h_T) - E f(X_T) = C h^p + o(h^p) \) of smooth
     * observables, which the ensemble's error budget uses for Richardson extrapolation
     * ({@code ensemble.Ensemble.Builder#errorBudget}). Schemes whose order is higher for
     * additive noise than in general (e.g. {@link Heun}: 2 instead of 1) override this.
     *
     * @param kind the noise kind of the problem
     * @return the weak order for that noise kind; by default {@link #weakOrder()}
     */
    default double weakOrder(NoiseKind kind) {
        return weakOrder();
    }

    /**
     * Combines the variates of two consecutive steps of length {@code h} into those of one step
     * of length {@code 2h} on the same Brownian path, in the layout the stepper consumes
     * ({@link SdeStepper#step}: {@code blocks} blocks of channels x lanes values). The ensemble's
     * error budget runs a trajectory at {@code dt/2} and at {@code dt} on one path with it.
     *
     * <p>The default handles steppers that take only Wiener increments ({@code blocks == 1}):
     * the coarse increment is the sum of the two fine ones. Schemes whose extra variates stand
     * for other path functionals override it ({@link BrownianIncrements}).
     *
     * @param h the fine step, positive
     * @param blocks the stepper's {@link SdeStepper#incrementsPerChannel()}
     * @param first variates over \( [t, t+h] \) (not modified)
     * @param second variates over \( [t+h, t+2h] \) (not modified)
     * @param coarse variates over \( [t, t+2h] \) (modified; distinct from the inputs, all
     *     three of one length)
     * @throws UnsupportedOperationException if the scheme does not say how its extra variates
     *     combine ({@code blocks > 1} and no override)
     */
    default void coarsenIncrements(double h, int blocks, double[] first, double[] second,
                                   double[] coarse) {
        if (blocks != 1) {
            throw new UnsupportedOperationException(name() + " takes " + blocks + " variates per "
                + "channel and does not say how two steps' variates combine into one "
                + "(SdeAlgorithm.coarsenIncrements)");
        }
        BrownianIncrements.sum(first, second, coarse);
    }

    /** @return whether the scheme adapts its step size */
    boolean isAdaptive();

    /** @return noise kinds this scheme integrates correctly */
    Set<NoiseKind> noiseKinds();

    /**
     * Whether the scheme integrates only problems whose noise commutes
     * ({@link SdeProblem#hasCommutativeNoise()}), in addition to {@link #noiseKinds()}: its
     * {@link #stepper} refuses the others ({@link AlgorithmChecks#requireCommutativeNoise}).
     *
     * @return false by default; true for {@link RkMilCommute}
     */
    default boolean requiresCommutativeNoise() {
        return false;
    }

    /**
     * Creates a stepper for a batch of trajectories of {@code problem}.
     *
     * @param problem the equations
     * @param batch number of trajectories per batch, at least 1
     * @return a new stepper
     * @throws IllegalArgumentException if the problem's noise kind or calculus is not supported,
     *     naming a suitable algorithm
     */
    SdeStepper stepper(SdeProblem problem, int batch);
}
