package org.ness4j.hydro.ed;

import java.util.Arrays;
import java.util.Objects;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Exact diagonalization of {@link XxzChain} in magnetization sectors, with everything the
 * generalized Gibbs ensemble needs tabulated per eigenstate.
 *
 * <p><b>Method.</b> \(H_0\) conserves \(Q_1 = \sum_j\sigma^z_j\), so it is built as a dense
 * symmetric matrix in each sector of \(k\) up spins (dimension \(\binom{N}{k}\)) and diagonalized
 * with EJML's symmetric eigen-decomposition. \(N = 12\) (largest sector 924) takes seconds;
 * \(N = 14\) (largest sector 3432, cost growing as its cube) took 664 s and 1192 s of wall time
 * in two runs on a loaded 2-core machine, with about 700 MB of heap in use afterwards (see
 * {@code docs/hydro.md}).
 *
 * <p><b>Tables.</b> Every state \(\rho_0 = e^{-\lambda_1Q_1-\lambda_2Q_2}/Z\) of the ensemble
 * is diagonal in the eigenbasis \(|n\rangle\) with weights depending only on
 * \((M_n, E_n)\), and it is translation invariant. Hence every needed expectation is
 * \(\sum_n p_n X_n\) with a per-state number \(X_n\) computed once. For the site-0 Lindblad
 * operator \(L\) of each channel, with \(\varphi = L|n\rangle\):
 * <ul>
 *   <li>force tables \(g_{i,n} = \langle n|L^\dagger[Q_i, L]|n\rangle\); since \([\rho_0, Q_i] = 0\),
 *       \(\mathrm{Tr}[\rho_0\hat D^\dagger(Q_i)]/N = J\sum_n p_n g_{i,n}\);</li>
 *   <li>noise tables \(n_{ij,n} = \langle n|[L, Q_i]^\dagger[L, Q_j]|n\rangle\), from the identity
 *       \(\hat D^\dagger(AB) - \hat D^\dagger(A)B - A\hat D^\dagger(B) = J\sum_j[L_j,A]^\dagger
 *       [L_j,B]\) that turns the Einstein relation (Eq. 19) into an expectation value;</li>
 *   <li>the jump rate \(\langle n|L^\dagger L|n\rangle\).</li>
 * </ul>
 * Translation invariance turns \(\sum_j\) into \(N\times\) site 0 (exact for the trace with a
 * translation-invariant \(\rho_0\), whatever basis the eigen-solver picks inside degenerate
 * multiplets).
 *
 * <p>Thread safety: immutable after construction.
 */
public final class XxzSpectrum {

    private static final Logger LOG = LoggerFactory.getLogger(XxzSpectrum.class);

    private final XxzChain chain;
    private final double[] magnetization;
    private final double[] energy;
    /** [channel][quantity][state]; quantities: g1, g2, n11, n12, n22, rate. */
    private final double[][][] tables;

    /** Index of the force table of Q1. */
    static final int G1 = 0;
    /** Index of the force table of Q2. */
    static final int G2 = 1;
    /** Index of the noise table (1,1). */
    static final int N11 = 2;
    /** Index of the noise table (1,2). */
    static final int N12 = 3;
    /** Index of the noise table (2,2). */
    static final int N22 = 4;
    /** Index of the jump-rate table. */
    static final int RATE = 5;
    /** Index of the force table of the Ising part \(J\Delta\sum\sigma^z\sigma^z\) of Q2 only. */
    static final int G2_ISING = 6;

    private XxzSpectrum(XxzChain chain, double[] magnetization, double[] energy,
                        double[][][] tables) {
        this.chain = chain;
        this.magnetization = magnetization;
        this.energy = energy;
        this.tables = tables;
    }

    /**
     * Diagonalizes the chain and tabulates forces and noise.
     *
     * @param chain the chain
     * @return the spectrum
     */
    public static XxzSpectrum compute(XxzChain chain) {
        Objects.requireNonNull(chain, "chain");
        long t0 = System.nanoTime();
        int n = chain.sites();
        int full = 1 << n;
        double[] diag = new double[full];
        for (int s = 0; s < full; s++) {
            diag[s] = chain.diagonal(s);
        }
        double[] mag = new double[full];
        double[] en = new double[full];
        double[][][] tab = new double[2][7][full];
        double[] phi = new double[full];
        double[] psi = new double[full];
        int[] local = new int[full];
        int next = 0;
        for (int k = 0; k <= n; k++) {
            int[] basis = sector(n, k);
            int dim = basis.length;
            for (int i = 0; i < dim; i++) {
                local[basis[i]] = i;
            }
            DMatrixRMaj h = new DMatrixRMaj(dim, dim);
            for (int i = 0; i < dim; i++) {
                int s = basis[i];
                h.unsafe_set(i, i, diag[s]);
                for (int j = 0; j < n; j++) {
                    hop(h, local, i, s, j, (j + 1) % n, chain.exchange());
                    hop(h, local, i, s, j, (j + 2) % n, chain.nextNearest());
                }
            }
            double[][] vectors = new double[dim][];
            double[] values = new double[dim];
            if (dim == 1) {
                vectors[0] = new double[] {1.0};
                values[0] = h.get(0, 0);
            } else {
                EigenDecomposition_F64<DMatrixRMaj> eig =
                    DecompositionFactory_DDRM.eig(dim, true, true);
                if (!eig.decompose(h)) {
                    throw new IllegalStateException("eigen-decomposition failed in sector k=" + k);
                }
                for (int i = 0; i < dim; i++) {
                    values[i] = eig.getEigenvalue(i).getReal();
                    vectors[i] = eig.getEigenVector(i).getData().clone();
                }
            }
            for (int i = 0; i < dim; i++) {
                int idx = next++;
                mag[idx] = 2 * k - n;
                en[idx] = values[i];
                double[] v = vectors[i];
                for (LindbladChannel c : LindbladChannel.values()) {
                    apply(c, n, basis, v, phi);
                    applyH(chain, diag, phi, psi);
                    double g1 = 0;
                    double g2 = 0;
                    double n11 = 0;
                    double n12 = 0;
                    double n22 = 0;
                    double rate = 0;
                    double gi = 0;
                    for (int q = 0; q < dim; q++) {
                        int s = basis[q];
                        gi -= v[q] * v[q] * jumpRate(c, n, s) * diag[s];
                    }
                    for (int s = 0; s < full; s++) {
                        double p = phi[s];
                        double b = psi[s] - values[i] * p;
                        n22 += b * b; // psi may be non-zero where phi is zero
                        if (p == 0) {
                            continue;
                        }
                        double a = (2 * Integer.bitCount(s) - n - mag[idx]) * p;
                        g1 += p * a;
                        g2 += p * b;
                        n11 += a * a;
                        n12 += a * b;
                        rate += p * p;
                        gi += p * p * diag[s];
                    }
                    double[][] t = tab[c.ordinal()];
                    t[G1][idx] = g1;
                    t[G2][idx] = g2;
                    t[N11][idx] = n11;
                    t[N12][idx] = n12;
                    t[N22][idx] = n22;
                    t[RATE][idx] = rate;
                    t[G2_ISING][idx] = gi;
                    Arrays.fill(phi, 0);
                    Arrays.fill(psi, 0);
                }
            }
        }
        LOG.debug("ED of {} done in {} s", chain, (System.nanoTime() - t0) * 1e-9);
        return new XxzSpectrum(chain, mag, en, tab);
    }

    private static void hop(DMatrixRMaj h, int[] local, int i, int s, int a, int b, double amp) {
        if (amp == 0 || ((s >>> a) & 1) == ((s >>> b) & 1)) {
            return;
        }
        int t = s ^ (1 << a) ^ (1 << b);
        int jIdx = local[t];
        h.unsafe_set(i, jIdx, h.unsafe_get(i, jIdx) + amp);
    }

    /** All n-bit strings with k bits set, ascending. */
    static int[] sector(int n, int k) {
        int count = 0;
        for (int s = 0; s < (1 << n); s++) {
            if (Integer.bitCount(s) == k) {
                count++;
            }
        }
        int[] out = new int[count];
        int c = 0;
        for (int s = 0; s < (1 << n); s++) {
            if (Integer.bitCount(s) == k) {
                out[c++] = s;
            }
        }
        return out;
    }

    /** phi = L_0 v, v given in the sector basis; phi must be zero on entry. */
    static void apply(LindbladChannel c, int n, int[] basis, double[] v, double[] phi) {
        int left = 1 << (n - 1);
        for (int i = 0; i < basis.length; i++) {
            int s = basis[i];
            if (c == LindbladChannel.SPIN_FLIP) {
                phi[s ^ 1] += v[i];
            } else {
                boolean up0 = (s & 1) != 0;
                boolean upR = (s & 2) != 0;
                boolean upL = (s & left) != 0;
                if (!up0 && upR && upL) {
                    phi[s | 1] += v[i];
                } else if (up0 && !upR && !upL) {
                    phi[s & ~1] += v[i];
                }
            }
        }
    }

    /** Diagonal of L_0^dagger L_0 in the computational basis. */
    static double jumpRate(LindbladChannel c, int n, int s) {
        if (c == LindbladChannel.SPIN_FLIP) {
            return 1;
        }
        int left = 1 << (n - 1);
        boolean up0 = (s & 1) != 0;
        boolean upR = (s & 2) != 0;
        boolean upL = (s & left) != 0;
        return (upR == upL && up0 != upR) ? 1 : 0;
    }

    /** psi = H0 phi (scatter over the non-zero entries of phi); psi must be zero on entry. */
    static void applyH(XxzChain chain, double[] diag, double[] phi, double[] psi) {
        int n = chain.sites();
        double j1 = chain.exchange();
        double j2 = chain.nextNearest();
        for (int s = 0; s < phi.length; s++) {
            double p = phi[s];
            if (p == 0) {
                continue;
            }
            psi[s] += diag[s] * p;
            for (int j = 0; j < n; j++) {
                int a = (j + 1) % n;
                if (((s >>> j) & 1) != ((s >>> a) & 1)) {
                    psi[s ^ (1 << j) ^ (1 << a)] += j1 * p;
                }
                int b = (j + 2) % n;
                if (j2 != 0 && ((s >>> j) & 1) != ((s >>> b) & 1)) {
                    psi[s ^ (1 << j) ^ (1 << b)] += j2 * p;
                }
            }
        }
    }

    /** @return the chain */
    public XxzChain chain() {
        return chain;
    }

    /** @return number of eigenstates \(2^N\) */
    public int size() {
        return energy.length;
    }

    /**
     * @param state eigenstate index
     * @return its magnetization \(M_n = \langle Q_1\rangle\) (integer valued)
     */
    public double magnetization(int state) {
        return magnetization[state];
    }

    /**
     * @param state eigenstate index
     * @return its energy \(E_n\) (units of \(J\))
     */
    public double energy(int state) {
        return energy[state];
    }

    /**
     * Site-0 table of one channel (see the class comment).
     *
     * @param c channel
     * @param quantity one of the package constants G1..RATE
     * @return the live table (not modified by callers in this package)
     */
    double[] table(LindbladChannel c, int quantity) {
        return tables[c.ordinal()][quantity];
    }

    /** @return live magnetization table */
    double[] magnetizations() {
        return magnetization;
    }

    /** @return live energy table */
    double[] energies() {
        return energy;
    }
}
