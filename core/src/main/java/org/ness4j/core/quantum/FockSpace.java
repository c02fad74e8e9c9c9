package org.ness4j.core.quantum;

import java.util.Arrays;
import java.util.Objects;
import org.ness4j.core.Checks;

/**
 * Truncated Fock space of a few bosonic modes, mode {@code m} holding {@code 0..cutoff(m)}
 * photons; the basis is the tensor product in mixed radix with mode 0 the most significant
 * digit: {@code index = sum_m n_m * stride_m}.
 *
 * <p>Operators are the truncated matrices \( a|n\rangle = \sqrt{n}\,|n-1\rangle \) and
 * \( a^\dagger|n\rangle = \sqrt{n+1}\,|n+1\rangle \) for {@code n < cutoff}, and
 * \( a^\dagger|N\rangle = 0 \) at the cutoff {@code N}. Hence \([a, a^\dagger] = 1\) except on the
 * top state, where it equals {@code -N}; products such as {@code a * a^dag} inherit this
 * truncation artefact (\( (a a^\dagger)_{NN} = 0 \)). Build operators diagonal in the Fock basis
 * with {@link SparseOperator#diagonal} when the exact values are wanted up to the cutoff.
 *
 * <p>Thread safety: immutable, safe for concurrent use.
 */
public final class FockSpace {

    private final int[] cutoffs;
    private final int[] strides;
    private final int dimension;

    private FockSpace(int[] cutoffs) {
        this.cutoffs = cutoffs;
        this.strides = new int[cutoffs.length];
        long dim = 1;
        for (int m = cutoffs.length - 1; m >= 0; m--) {
            strides[m] = (int) dim;
            dim *= cutoffs[m] + 1L;
            if (dim > Integer.MAX_VALUE / 2) {
                throw new IllegalArgumentException("cutoffs give a dimension above 2^30: "
                    + Arrays.toString(cutoffs));
            }
        }
        this.dimension = (int) dim;
    }

    /**
     * Creates the space.
     *
     * @param cutoffs largest photon number of each mode, each at least 1; at least one mode
     * @return the space
     * @throws IllegalArgumentException on an empty array, a cutoff below 1, or a dimension
     *     above 2^30
     */
    public static FockSpace of(int... cutoffs) {
        Objects.requireNonNull(cutoffs, "cutoffs");
        Checks.atLeast("cutoffs.length", cutoffs.length, 1);
        for (int m = 0; m < cutoffs.length; m++) {
            Checks.atLeast("cutoffs[" + m + "]", cutoffs[m], 1);
        }
        return new FockSpace(cutoffs.clone());
    }

    /** @return the number of modes */
    public int modes() {
        return cutoffs.length;
    }

    /**
     * @param mode mode index
     * @return the largest photon number kept in that mode
     */
    public int cutoff(int mode) {
        return cutoffs[Checks.index("mode", mode, cutoffs.length)];
    }

    /** @return the Hilbert-space dimension {@code prod_m (cutoff_m + 1)} */
    public int dimension() {
        return dimension;
    }

    /**
     * Basis index of a Fock state.
     *
     * @param occupations photon number of every mode, {@code 0 <= n_m <= cutoff_m}
     * @return the basis index
     */
    public int index(int... occupations) {
        Objects.requireNonNull(occupations, "occupations");
        if (occupations.length != cutoffs.length) {
            throw new IllegalArgumentException("occupations.length must be " + cutoffs.length
                + ": " + occupations.length);
        }
        int idx = 0;
        for (int m = 0; m < cutoffs.length; m++) {
            idx += Checks.index("occupations[" + m + "]", occupations[m], cutoffs[m] + 1)
                * strides[m];
        }
        return idx;
    }

    /**
     * Photon number of one mode in a basis state.
     *
     * @param index basis index
     * @param mode mode index
     * @return {@code n_mode} of the basis state
     */
    public int occupation(int index, int mode) {
        Checks.index("index", index, dimension);
        Checks.index("mode", mode, cutoffs.length);
        return (index / strides[mode]) % (cutoffs[mode] + 1);
    }

    /**
     * Annihilation operator of one mode, embedded in the full space.
     *
     * @param mode mode index
     * @return \( a_{mode} \)
     */
    public SparseOperator annihilation(int mode) {
        int n = cutoff(mode);
        SparseOperator.Builder b = SparseOperator.builder(n + 1);
        for (int k = 1; k <= n; k++) {
            b.add(k - 1, k, Math.sqrt(k), 0.0);
        }
        return embed(mode, b.build());
    }

    /**
     * Creation operator of one mode, embedded in the full space.
     *
     * @param mode mode index
     * @return \( a_{mode}^\dagger \) (truncated: annihilates the top state)
     */
    public SparseOperator creation(int mode) {
        return annihilation(mode).adjoint();
    }

    /**
     * Number operator of one mode, embedded in the full space (exact up to the cutoff).
     *
     * @param mode mode index
     * @return \( n_{mode} = a^\dagger_{mode} a_{mode} \)
     */
    public SparseOperator number(int mode) {
        int n = cutoff(mode);
        double[] d = new double[n + 1];
        for (int k = 0; k <= n; k++) {
            d[k] = k;
        }
        return embed(mode, SparseOperator.diagonal(d));
    }

    /** @return the identity of the full space */
    public SparseOperator identity() {
        return SparseOperator.identity(dimension);
    }

    /**
     * Tensor embedding \( 1 \otimes \dots \otimes O \otimes \dots \otimes 1 \) of a single-mode
     * operator acting on mode {@code mode}.
     *
     * @param mode mode index
     * @param single operator of dimension {@code cutoff(mode) + 1}
     * @return the operator on the full space
     */
    public SparseOperator embed(int mode, SparseOperator single) {
        Objects.requireNonNull(single, "single");
        int local = cutoff(mode) + 1;
        if (single.dimension() != local) {
            throw new IllegalArgumentException("single.dimension must be cutoff(" + mode
                + ") + 1 = " + local + ": " + single.dimension());
        }
        if (cutoffs.length == 1) {
            return single;
        }
        int stride = strides[mode];
        int[] rs = single.rowStartArray();
        int[] cs = single.columnArray();
        double[] re = single.reArray();
        double[] im = single.imArray();
        SparseOperator.Builder b = SparseOperator.builder(dimension);
        for (int col = 0; col < dimension; col++) {
            int nm = (col / stride) % local;
            int base = col - nm * stride;
            // entries of column nm of the single-mode operator: scan rows (local is small)
            for (int r = 0; r < local; r++) {
                for (int k = rs[r]; k < rs[r + 1]; k++) {
                    if (cs[k] == nm) {
                        b.add(base + r * stride, col, re[k], im[k]);
                    }
                }
            }
        }
        return b.build();
    }

    @Override
    public String toString() {
        return "FockSpace" + Arrays.toString(cutoffs);
    }
}
