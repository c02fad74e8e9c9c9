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

    /** @return whether the scheme adapts its step size */
    boolean isAdaptive();

    /** @return noise kinds this scheme integrates correctly */
    Set<NoiseKind> noiseKinds();

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
