package org.ness4j.sde;

/**
 * Structure of the noise term of an {@link SdeProblem}. Every noise channel j drives exactly one
 * state component ({@link SdeProblem#noiseComponents()}), i.e. the diffusion matrix is
 * diagonal in the driven components.
 */
public enum NoiseKind {
    /** Diffusion independent of the state: \( dX_i = f_i\,dt + g_i(t)\,dW_i \). */
    ADDITIVE,
    /** Diffusion depending on the driven component: \( dX_i = f_i\,dt + g_i(t, X_i)\,dW_i \). */
    DIAGONAL
}
