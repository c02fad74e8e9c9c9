package org.ness4j.sde;

/** Access to the generic (non-fused) steppers for tests of fused kernels. */
public final class GenericSteppers {

    private GenericSteppers() {
    }

    /**
     * @param algorithm a fixed-step scheme
     * @param problem the equations
     * @param batch batch size
     * @return the generic stepper, bypassing any fused kernel
     */
    public static SdeStepper of(SdeAlgorithm algorithm, SdeProblem problem, int batch) {
        return ((AbstractFixedStepAlgorithm) algorithm).genericStepper(problem, batch);
    }
}
