package org.ness4j.sde.srk;

import org.ness4j.sde.SdeAlgorithm;
import org.ness4j.sde.SdeProblem;

/**
 * An {@link SdeAlgorithm} with a natural embedded error estimate, usable for adaptive time
 * stepping ({@code org.ness4j.sde.adaptive.AdaptiveSolver}).
 *
 * <p>Implementations are immutable and thread-safe; their steppers are not.
 */
public interface EmbeddedAlgorithm extends SdeAlgorithm {

    /**
     * Creates a generic stepper that also reports the embedded error estimate (never a fused
     * kernel).
     *
     * @param problem the equations
     * @param batch batch size, at least 1
     * @return a new stepper
     * @throws IllegalArgumentException as {@link #stepper(SdeProblem, int)}
     */
    EmbeddedStepper embeddedStepper(SdeProblem problem, int batch);
}
