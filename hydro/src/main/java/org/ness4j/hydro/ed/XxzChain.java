package org.ness4j.hydro.ed;

/**
 * The unperturbed chain \(H_0\) of paper 004 (Sec. 2), periodic, in Pauli operators:
 * \[ H_0 = J\sum_j\big(\sigma^+_j\sigma^-_{j+1} + \sigma^-_j\sigma^+_{j+1} + \Delta\,\sigma^z_j
 *    \sigma^z_{j+1}\big) + J'\sum_j\big(\sigma^+_j\sigma^-_{j+2} + \sigma^-_j\sigma^+_{j+2}\big), \]
 * \(\sigma^\pm = (\sigma^x \pm i\sigma^y)/2 = |\!\mathrm{up}\rangle\langle\mathrm{dn}\!|\) (unit
 * matrix elements), \(\sigma^z = \pm 1\). Sums run over \(j = 0..N-1\) with indices mod \(N\),
 * literally (for \(N = 4\) the \(J'\) bonds therefore appear twice).
 *
 * <p><b>Why Pauli.</b> The paper writes \(\sigma\) throughout, its fixed points \(m \approx \pm 0.7\)
 * match \(m_0 = \sqrt{5-4/\gamma} = 0.745\) only for \(m = \langle\sigma^z\rangle \in [-1, 1]\),
 * and its infinite-temperature noise \(4\Gamma\) (App. A.2) is \(|[\sigma^x, \sigma^z]|^2 = 4\);
 * with spin-1/2 operators both would change by factors of 2. This does not fix the Ising term,
 * though: read as spin-1/2 (\(\Delta s^z s^z = (\Delta/4)\sigma^z\sigma^z\), i.e.
 * {@code anisotropy} 0.25), the model at \(\gamma = 0.9\) has the paper's fixed-point topology
 * (see {@code docs/hydro.md}).
 *
 * @param sites number of sites \(N\), 4 to 14
 * @param exchange \(J\) (energy unit)
 * @param anisotropy \(\Delta\)
 * @param nextNearest \(J'\)
 */
public record XxzChain(int sites, double exchange, double anisotropy, double nextNearest) {

    /** Largest chain: dense diagonalization of the sector of C(N, N/2) states. */
    public static final int MAX_SITES = 14;

    /**
     * Validates the parameters.
     *
     * @param sites number of sites \(N\), 4 to 14
     * @param exchange \(J\) (energy unit), finite
     * @param anisotropy \(\Delta\), finite
     * @param nextNearest \(J'\), finite
     * @throws IllegalArgumentException naming the bad parameter
     */
    public XxzChain {
        if (sites < 4 || sites > MAX_SITES) {
            throw new IllegalArgumentException("sites must be in [4, " + MAX_SITES + "] (dense "
                + "diagonalization of the largest magnetization sector, C(N, N/2)^2 doubles: "
                + "94 MB at N = 14, 1.3 GB at 16): " + sites);
        }
        if (!Double.isFinite(exchange)) {
            throw new IllegalArgumentException("exchange must be finite: " + exchange);
        }
        if (!Double.isFinite(anisotropy)) {
            throw new IllegalArgumentException("anisotropy must be finite: " + anisotropy);
        }
        if (!Double.isFinite(nextNearest)) {
            throw new IllegalArgumentException("nextNearest must be finite: " + nextNearest);
        }
    }

    /**
     * The parameters of Fig. 2 with a chosen size: \(J = \Delta = 1\), \(J' = 0.01\).
     *
     * @param sites number of sites (paper: 12)
     * @return the chain
     */
    public static XxzChain paper(int sites) {
        return new XxzChain(sites, 1.0, 1.0, 0.01);
    }

    /**
     * Diagonal energy \(J\Delta\sum_j\sigma^z_j\sigma^z_{j+1}\) of a basis state.
     *
     * @param state bit string, bit \(j\) set = spin up at site \(j\)
     * @return diagonal matrix element
     */
    public double diagonal(int state) {
        int n = sites;
        int rotated = ((state >>> 1) | (state << (n - 1))) & ((1 << n) - 1);
        int anti = Integer.bitCount(state ^ rotated);
        return exchange * anisotropy * (n - 2 * anti);
    }
}
