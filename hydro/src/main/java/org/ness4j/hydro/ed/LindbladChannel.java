package org.ness4j.hydro.ed;

/**
 * The two Lindblad channels of paper 004 (Eq. 4-6), each acting with
 * \(\hat D_i\rho = J\sum_j\big(L_j\rho L_j^\dagger - \tfrac12\{L_j^\dagger L_j, \rho\}\big)\) and
 * adjoint \(\hat D_i^\dagger(O) = J\sum_j\big(L_j^\dagger O L_j - \tfrac12\{L_j^\dagger L_j, O\}\big)\).
 *
 * <p>Thread safety: immutable.
 */
public enum LindbladChannel {
    /** \(L^{(1)}_j = \sigma^x_j\) (Eq. 5): spin flips, heating and noise; weight \(1-\gamma\). */
    SPIN_FLIP,
    /**
     * \(L^{(2)}_j = P^\mathrm{up}_{j-1}\sigma^+_jP^\mathrm{up}_{j+1} + P^\mathrm{dn}_{j-1}\sigma^-_j
     * P^\mathrm{dn}_{j+1}\) (Eq. 6): aligns a spin with two equal neighbours; weight \(\gamma\).
     */
    ALIGNING
}
