package org.ness4j.core.chain;

/**
 * Which semiclassical equations of motion a {@link BoseHubbardChain} is integrated with.
 */
public enum ChainLimit {

    /**
     * Truncated Wigner approximation, paper 000 Eq. (4) = (31): Kerr shift
     * \( U(|\alpha|^2 - 1) \), boundary noise \( -i\sqrt{\kappa_\ell/2}\,dZ_\ell \) and vacuum
     * initial conditions with \( \langle|\alpha|^2\rangle = 1/2 \).
     */
    TRUNCATED_WIGNER(1.0, true),

    /**
     * Classical Gross-Pitaevskii limit, paper 000 Eq. (35): Kerr shift \( U|\alpha|^2 \), no
     * noise, and the classical vacuum \( \alpha_\ell(0) = 0 \) as initial condition.
     */
    GROSS_PITAEVSKII(0.0, false);

    private final double kerrOffset;
    private final boolean noisy;

    ChainLimit(double kerrOffset, boolean noisy) {
        this.kerrOffset = kerrOffset;
        this.noisy = noisy;
    }

    /**
     * The constant \( c \) in the Kerr frequency shift \( U(|\alpha|^2 - c) \): 1 for the
     * truncated Wigner equations (Weyl ordering of \( a^{\dagger 2} a^2 \)), 0 for the classical
     * limit.
     *
     * @return 1 or 0
     */
    public double kerrOffset() {
        return kerrOffset;
    }

    /**
     * Whether the equations carry quantum noise (and vacuum fluctuations in the initial state).
     *
     * @return {@code true} for {@link #TRUNCATED_WIGNER}
     */
    public boolean isNoisy() {
        return noisy;
    }
}
