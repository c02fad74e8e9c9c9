package org.ness4j.core.quantum;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import org.ness4j.core.Checks;

/**
 * Lindblad generator (paper 000, SI Eq. 16, \( \hbar = 1 \)):
 * \[ \mathcal{L}\rho = -i[H, \rho] + \sum_j \left( L_j \rho L_j^\dagger
 *   - \tfrac12 \{ L_j^\dagger L_j, \rho \} \right). \]
 * Rates are absorbed into the jump operators (\( L = \sqrt{\gamma}\, O \)); energies and rates
 * share one unit (the paper uses \( \gamma = 1 \)).
 *
 * <p>Density matrices are dense row-major {@code d x d} arrays of real and imaginary parts,
 * entry {@code (i, j)} at {@code i * d + j}. {@link #apply} is evaluated as
 * \( -i H_{\rm eff}\rho + i \rho H_{\rm eff}^\dagger + \sum_j L_j \rho L_j^\dagger \) with
 * \( H_{\rm eff} = H - \tfrac{i}{2}\sum_j L_j^\dagger L_j \), in
 * {@code O(d * nnz)} operations and without allocation. It does not assume \( \rho \) Hermitian,
 * so it also propagates operators such as \( a\rho \) for two-time correlations.
 *
 * <p>Thread safety: immutable and safe for concurrent use; each thread needs its own
 * {@link Workspace}.
 */
public final class Lindbladian {

    private final SparseOperator hamiltonian;
    private final List<SparseOperator> jumps;
    private final SparseOperator effective;
    private final SparseOperator[] jumpArray;
    private final int dimension;

    private Lindbladian(SparseOperator hamiltonian, List<SparseOperator> jumps) {
        this.hamiltonian = hamiltonian;
        this.jumps = Collections.unmodifiableList(new ArrayList<>(jumps));
        this.dimension = hamiltonian.dimension();
        this.jumpArray = jumps.toArray(new SparseOperator[0]);
        SparseOperator.Builder b = SparseOperator.builder(dimension);
        b.addAll(hamiltonian, 1.0, 0.0);
        for (SparseOperator l : jumpArray) {
            b.addAll(l.adjoint().times(l), 0.0, -0.5);
        }
        this.effective = b.build();
    }

    /** @return a new builder */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the Hilbert-space dimension {@code d} */
    public int dimension() {
        return dimension;
    }

    /** @return the Hamiltonian {@code H} */
    public SparseOperator hamiltonian() {
        return hamiltonian;
    }

    /** @return the jump operators (rates included), unmodifiable */
    public List<SparseOperator> jumps() {
        return jumps;
    }

    /** @return the non-Hermitian effective Hamiltonian \( H - \tfrac{i}{2}\sum_j L_j^\dagger L_j \) */
    public SparseOperator effectiveHamiltonian() {
        return effective;
    }

    /** @return a new scratch workspace for {@link #apply} (one per thread) */
    public Workspace newWorkspace() {
        return new Workspace(dimension);
    }

    /**
     * Computes {@code out = L(rho)}. Allocates nothing.
     *
     * @param rhoRe real part of rho, length {@code d*d}, row-major (not modified)
     * @param rhoIm imaginary part of rho (not modified)
     * @param outRe real part of the result (modified; must not alias rho)
     * @param outIm imaginary part of the result (modified; must not alias rho)
     * @param workspace scratch space from {@link #newWorkspace()} (modified)
     */
    public void apply(double[] rhoRe, double[] rhoIm, double[] outRe, double[] outIm,
                      Workspace workspace) {
        int d = dimension;
        int dd = d * d;
        if (rhoRe.length < dd || rhoIm.length < dd || outRe.length < dd || outIm.length < dd) {
            throw new IllegalArgumentException("arrays must have length at least d*d = " + dd);
        }
        if (workspace.dimension != d) {
            throw new IllegalArgumentException("workspace.dimension must be " + d + ": "
                + workspace.dimension);
        }
        // out = -i Heff rho
        effective.leftMultiplyDense(rhoRe, rhoIm, workspace.re, workspace.im);
        for (int p = 0; p < dd; p++) {
            outRe[p] = workspace.im[p];
            outIm[p] = -workspace.re[p];
        }
        // out += i rho Heff^dag : (rho Heff^dag)[i][j] = sum_k rho[i][k] conj(Heff[j][k])
        addRightAdjoint(effective, rhoRe, rhoIm, outRe, outIm, 0.0, 1.0);
        // out += L rho L^dag
        for (SparseOperator l : jumpArray) {
            l.leftMultiplyDense(rhoRe, rhoIm, workspace.re, workspace.im);
            addRightAdjoint(l, workspace.re, workspace.im, outRe, outIm, 1.0, 0.0);
        }
    }

    /** {@code y += s * x A^dag}, s = sRe + i sIm. */
    private void addRightAdjoint(SparseOperator a, double[] xRe, double[] xIm,
                                 double[] yRe, double[] yIm, double sRe, double sIm) {
        int d = dimension;
        int[] rs = a.rowStartArray();
        int[] cs = a.columnArray();
        double[] ar = a.reArray();
        double[] ai = a.imArray();
        for (int j = 0; j < d; j++) {
            for (int k = rs[j]; k < rs[j + 1]; k++) {
                int c = cs[k];
                // s * conj(A[j][c])
                double vr = sRe * ar[k] + sIm * ai[k];
                double vi = sIm * ar[k] - sRe * ai[k];
                for (int i = 0; i < d; i++) {
                    double xr = xRe[i * d + c];
                    double xi = xIm[i * d + c];
                    yRe[i * d + j] += xr * vr - xi * vi;
                    yIm[i * d + j] += xr * vi + xi * vr;
                }
            }
        }
    }

    /**
     * Per-thread scratch arrays for {@link Lindbladian#apply}. Not thread-safe.
     */
    public static final class Workspace {
        private final int dimension;
        private final double[] re;
        private final double[] im;

        private Workspace(int dimension) {
            this.dimension = dimension;
            this.re = new double[dimension * dimension];
            this.im = new double[dimension * dimension];
        }
    }

    /**
     * Fluent builder; every operator is validated (same dimension, finite entries, Hermitian
     * Hamiltonian, non-negative finite rates). Not thread-safe.
     */
    public static final class Builder {
        private SparseOperator hamiltonian;
        private final List<SparseOperator> jumps = new ArrayList<>();

        private Builder() {
        }

        /**
         * Sets the Hamiltonian (default: zero).
         *
         * @param h Hermitian operator
         * @return this builder
         * @throws IllegalArgumentException if {@code h} is not Hermitian to
         *     {@code 1e-12 * maxAbs}
         */
        public Builder hamiltonian(SparseOperator h) {
            Objects.requireNonNull(h, "hamiltonian");
            double tol = 1e-12 * Math.max(1.0, h.maxAbs());
            if (!h.isHermitian(tol)) {
                throw new IllegalArgumentException("hamiltonian must be Hermitian: " + h);
            }
            this.hamiltonian = h;
            return this;
        }

        /**
         * Adds a jump operator whose rate is already included.
         *
         * @param jump operator {@code L_j}
         * @return this builder
         */
        public Builder jump(SparseOperator jump) {
            jumps.add(Objects.requireNonNull(jump, "jump"));
            return this;
        }

        /**
         * Adds the jump operator \( \sqrt{\gamma}\, O \).
         *
         * @param rate \( \gamma \ge 0 \), finite
         * @param operator {@code O}
         * @return this builder
         */
        public Builder jump(double rate, SparseOperator operator) {
            Checks.nonNegative("rate", rate);
            Objects.requireNonNull(operator, "operator");
            if (rate > 0) {
                jumps.add(operator.scale(Math.sqrt(rate)));
            }
            return this;
        }

        /**
         * Builds the generator.
         *
         * @return the Lindbladian
         * @throws IllegalArgumentException if neither a Hamiltonian nor a jump is given, or
         *     dimensions disagree
         */
        public Lindbladian build() {
            int d;
            if (hamiltonian != null) {
                d = hamiltonian.dimension();
            } else if (!jumps.isEmpty()) {
                d = jumps.get(0).dimension();
            } else {
                throw new IllegalArgumentException(
                    "a Lindbladian needs a hamiltonian or at least one jump operator");
            }
            for (int j = 0; j < jumps.size(); j++) {
                if (jumps.get(j).dimension() != d) {
                    throw new IllegalArgumentException("jumps[" + j + "].dimension must be " + d
                        + ": " + jumps.get(j).dimension());
                }
            }
            SparseOperator h = hamiltonian != null ? hamiltonian : SparseOperator.zero(d);
            return new Lindbladian(h, jumps);
        }
    }
}
