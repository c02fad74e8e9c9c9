package org.ness4j.core.quantum;

import java.util.Objects;
import org.ness4j.core.Checks;
import org.ness4j.core.chain.BoseHubbardChain;

/**
 * The driven-dissipative Bose-Hubbard chain of paper 000 (Eq. 1-3) as operators on a truncated
 * Fock space, one mode per site: the Hamiltonian
 * \[ H = \sum_\ell \big[ -\Delta n_\ell + \tfrac{U}{2} n_\ell(n_\ell - 1)
 *        + F_\ell (a_\ell^\dagger + a_\ell) \big] - J \sum_\ell (a_{\ell+1}^\dagger a_\ell + h.c.) \]
 * and the jump operators \( \sqrt{\kappa_\ell}\, a_\ell \) of every site with
 * \( \kappa_\ell &gt; 0 \), assembled into the Lindbladian of Eq. (16). All parameters, drive and
 * loss placements (boundary, uniform, intrinsic loss, Eq. 38-39, 49) are taken from the
 * {@link BoseHubbardChain}; site {@code l} of the chain is mode {@code l} of the
 * {@link FockSpace}.
 *
 * <p>Truncation: the interaction \( \tfrac U2 a^{\dagger2}a^2 = \tfrac U2 n(n-1) \) and
 * \( n \) are built diagonal and are exact up to the cutoff; hopping and drive use the truncated
 * ladder operators of {@link FockSpace} (\( a^\dagger \) annihilates the top state), so the
 * truncated \( H \) is exactly Hermitian.
 *
 * <p>Thread safety: stateless, safe for concurrent use.
 */
public final class ChainOperators {

    private ChainOperators() {
    }

    /**
     * The chain Hamiltonian (paper 000, Eq. 2) on a Fock space with one mode per site.
     *
     * @param chain the model
     * @param space Fock space with {@code chain.length()} modes
     * @return the Hermitian Hamiltonian
     * @throws IllegalArgumentException if the number of modes differs from the chain length
     */
    public static SparseOperator hamiltonian(BoseHubbardChain chain, FockSpace space) {
        requireMatching(chain, space);
        int length = chain.length();
        int d = space.dimension();
        double delta = chain.detuning();
        double u = chain.interaction();
        double[] diagonal = new double[d];
        for (int i = 0; i < d; i++) {
            double e = 0;
            for (int l = 0; l < length; l++) {
                int n = space.occupation(i, l);
                e += -delta * n + 0.5 * u * n * (n - 1.0);
            }
            diagonal[i] = e;
        }
        SparseOperator.Builder b = SparseOperator.builder(d);
        b.addAll(SparseOperator.diagonal(diagonal), 1.0, 0.0);
        SparseOperator[] a = new SparseOperator[length];
        for (int l = 0; l < length; l++) {
            a[l] = space.annihilation(l);
        }
        for (int l = 0; l < length; l++) {
            double f = chain.drive(l);
            if (f != 0) {
                b.addAll(a[l], f, 0.0);
                b.addAll(a[l].adjoint(), f, 0.0);
            }
        }
        double j = chain.hopping();
        if (j != 0) {
            for (int l = 0; l + 1 < length; l++) {
                SparseOperator hop = a[l + 1].adjoint().times(a[l]);
                b.addAll(hop, -j, 0.0);
                b.addAll(hop.adjoint(), -j, 0.0);
            }
        }
        return b.build();
    }

    /**
     * The Lindbladian of the chain (paper 000, Eq. 1 and 16): {@link #hamiltonian} and the jumps
     * \( \sqrt{\kappa_\ell}\, a_\ell \) for every site with a positive loss rate, in site order.
     *
     * @param chain the model
     * @param space Fock space with {@code chain.length()} modes
     * @return the generator
     * @throws IllegalArgumentException if the number of modes differs from the chain length
     */
    public static Lindbladian lindbladian(BoseHubbardChain chain, FockSpace space) {
        Lindbladian.Builder b = Lindbladian.builder().hamiltonian(hamiltonian(chain, space));
        for (int l = 0; l < chain.length(); l++) {
            b.jump(chain.lossRate(l), space.annihilation(l));
        }
        return b.build();
    }

    /**
     * Convenience: the Lindbladian on a Fock space with the same cutoff on every site.
     *
     * @param chain the model
     * @param cutoff largest photon number kept per site, at least 1
     * @return the generator on {@code FockSpace.of(cutoff, ..., cutoff)}
     */
    public static Lindbladian lindbladian(BoseHubbardChain chain, int cutoff) {
        return lindbladian(chain, uniformSpace(chain, cutoff));
    }

    /**
     * A Fock space with one mode per site and the same cutoff everywhere.
     *
     * @param chain the model (its length fixes the number of modes)
     * @param cutoff largest photon number kept per site, at least 1
     * @return {@code FockSpace.of(cutoff, ..., cutoff)}
     */
    public static FockSpace uniformSpace(BoseHubbardChain chain, int cutoff) {
        Objects.requireNonNull(chain, "chain");
        Checks.atLeast("cutoff", cutoff, 1);
        int[] cutoffs = new int[chain.length()];
        java.util.Arrays.fill(cutoffs, cutoff);
        return FockSpace.of(cutoffs);
    }

    private static void requireMatching(BoseHubbardChain chain, FockSpace space) {
        Objects.requireNonNull(chain, "chain");
        Objects.requireNonNull(space, "space");
        if (space.modes() != chain.length()) {
            throw new IllegalArgumentException("space.modes must equal chain.length = "
                + chain.length() + ": " + space.modes());
        }
    }
}
