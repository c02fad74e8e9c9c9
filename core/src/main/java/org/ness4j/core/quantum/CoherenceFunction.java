package org.ness4j.core.quantum;

/**
 * Sampled first-order two-time correlation \( G(\tau) = \langle a^\dagger(\tau) a(0)\rangle \)
 * of a steady state, at \( \tau_k = k\,\Delta\tau,\ k = 0..K \), with
 * \( g^{(1)}(\tau) = G(\tau)/G(0) \) and \( G(0) = n \).
 *
 * <p>Thread safety: immutable, safe for concurrent use (accessors return copies).
 */
public final class CoherenceFunction {

    private final double[] tau;
    private final double[] re;
    private final double[] im;

    CoherenceFunction(double[] tau, double[] re, double[] im) {
        this.tau = tau;
        this.re = re;
        this.im = im;
    }

    /** @return number of samples {@code K + 1} */
    public int size() {
        return tau.length;
    }

    /** @return the delays \( \tau_k \) (a copy) */
    public double[] delays() {
        return tau.clone();
    }

    /** @return \( \mathrm{Re}\, G(\tau_k) \) (a copy) */
    public double[] re() {
        return re.clone();
    }

    /** @return \( \mathrm{Im}\, G(\tau_k) \) (a copy) */
    public double[] im() {
        return im.clone();
    }

    /**
     * @return \( |g^{(1)}(\tau_k)| = |G(\tau_k)| / G(0) \) (a new array)
     * @throws IllegalStateException if \( G(0) = n = 0 \) (vacuum)
     */
    public double[] g1Abs() {
        double g0 = re[0];
        if (!(g0 > 0)) {
            throw new IllegalStateException("g1 is undefined: G(0) = n = " + g0);
        }
        double[] out = new double[tau.length];
        for (int k = 0; k < out.length; k++) {
            out[k] = Math.hypot(re[k], im[k]) / g0;
        }
        return out;
    }
}
