package org.ness4j.sde;

import java.util.Set;

/**
 * Shared compatibility checks and dispatch of the fixed-step schemes.
 */
abstract class AbstractFixedStepAlgorithm implements SdeAlgorithm {

    private final Set<NoiseKind> kinds;
    private final Calculus diagonalCalculus;
    private final String alternative;

    AbstractFixedStepAlgorithm(Set<NoiseKind> kinds, Calculus diagonalCalculus,
                               String alternative) {
        this.kinds = Set.copyOf(kinds);
        this.diagonalCalculus = diagonalCalculus;
        this.alternative = alternative;
    }

    @Override
    public final boolean isAdaptive() {
        return false;
    }

    @Override
    public final Set<NoiseKind> noiseKinds() {
        return kinds;
    }

    @Override
    public final SdeStepper stepper(SdeProblem problem, int batch) {
        AlgorithmChecks.requireCompatible(this, problem, batch, kinds, diagonalCalculus,
            alternative);
        if (requiresCommutativeNoise()) {
            AlgorithmChecks.requireCommutativeNoise(this, problem);
        }
        SdeStepper fused = FusedSteppers.lookup(problem, this, batch);
        return fused != null ? fused : genericStepper(problem, batch);
    }

    /**
     * The scheme written in terms of {@link SdeProblem#drift} and {@link SdeProblem#diffusion}.
     *
     * @param problem the equations
     * @param batch batch size
     * @return a new stepper
     */
    abstract SdeStepper genericStepper(SdeProblem problem, int batch);

    @Override
    public String toString() {
        return name();
    }
}
