package org.ness4j.sde;

/**
 * Structure of the noise term of an {@link SdeProblem}: how the m Wiener processes drive the
 * n state components (the pattern of the n x m diffusion matrix, {@link SdeProblem#noiseMatrix()})
 * and whether the diffusion depends on the state.
 *
 * <p>{@link #ADDITIVE} and {@link #DIAGONAL} are diagonal: every Wiener process (channel) j
 * drives exactly one state component {@link SdeProblem#noiseComponents()}{@code [j]}.
 * {@link #SCALAR}, {@link #NON_DIAGONAL_ADDITIVE} and {@link #NON_DIAGONAL} are not: the
 * diffusion matrix has the (possibly sparse) pattern of {@link SdeProblem#noiseMatrix()}.
 * Each algorithm declares the kinds it integrates ({@link SdeAlgorithm#noiseKinds()}) and refuses
 * the others before any work, naming an alternative.
 */
public enum NoiseKind {
    /** Diffusion independent of the state: \( dX_i = f_i\,dt + g_i(t)\,dW_i \). */
    ADDITIVE,
    /** Diffusion depending on the driven component: \( dX_i = f_i\,dt + g_i(t, X_i)\,dW_i \). */
    DIAGONAL,
    /**
     * One Wiener process driving several components, amplitudes depending on the state:
     * \( dX_i = f_i\,dt + g_i(t, X)\,dW \) (m = 1; commutative noise).
     */
    SCALAR,
    /**
     * m Wiener processes and a state-independent n x m diffusion matrix:
     * \( dX = f\,dt + G(t)\,dW \) (commutative; Itô and Stratonovich readings coincide).
     */
    NON_DIAGONAL_ADDITIVE,
    /**
     * m Wiener processes and a state-dependent n x m diffusion matrix:
     * \( dX_i = f_i\,dt + \sum_j G_{ij}(t, X)\,dW_j \) (in general not commutative).
     */
    NON_DIAGONAL;

    /** @return whether the diffusion is independent of the state (then Itô = Stratonovich) */
    public boolean isAdditive() {
        return this == ADDITIVE || this == NON_DIAGONAL_ADDITIVE;
    }

    /** @return whether every Wiener process drives exactly one component of its own */
    public boolean isDiagonal() {
        return this == ADDITIVE || this == DIAGONAL;
    }
}
