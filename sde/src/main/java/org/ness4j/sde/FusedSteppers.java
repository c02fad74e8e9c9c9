package org.ness4j.sde;

/**
 * Optional capability of an {@link SdeProblem}: a hand-fused kernel for a given algorithm that
 * is faster than the generic stepper built from {@link SdeProblem#drift} (for example a single
 * cache-friendly pass over a chain). A fused stepper must integrate exactly the same scheme, so
 * results agree with the generic stepper to rounding; each implementation is tested against it.
 */
public interface FusedSteppers {

    /**
     * Returns a fused stepper for {@code algorithm}, or {@code null} when there is none.
     *
     * @param algorithm the scheme requested
     * @param batch batch size
     * @return a stepper or {@code null}
     */
    SdeStepper fusedStepper(SdeAlgorithm algorithm, int batch);

    /**
     * The fused stepper {@code problem} offers for {@code algorithm}, if any: the one dispatch
     * every algorithm uses before falling back to its generic stepper.
     *
     * @param problem the equations
     * @param algorithm the scheme requested
     * @param batch batch size
     * @return a fused stepper, or {@code null} if the problem has none for this scheme
     */
    static SdeStepper lookup(SdeProblem problem, SdeAlgorithm algorithm, int batch) {
        return problem instanceof FusedSteppers
            ? ((FusedSteppers) problem).fusedStepper(algorithm, batch) : null;
    }
}
