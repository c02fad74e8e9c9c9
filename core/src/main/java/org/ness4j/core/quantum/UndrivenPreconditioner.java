package org.ness4j.core.quantum;

import java.util.Arrays;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

/**
 * The exact inverse of the bordered undriven Liouvillian
 * \( \mathcal{A}_0(\rho) = \mathcal{L}_0(\rho) - \sigma\,\mathrm{Tr}(\rho)\,|0\rangle\langle0| \),
 * used by {@link IterativeSteadyState.Preconditioner#UNDRIVEN}. \( \mathcal{L}_0 \) keeps the
 * part \( H_0 \) of the Hamiltonian that conserves the total photon number \( N \) (Kerr,
 * detuning, hopping) and every jump; what changes \( N \) (the coherent drive) is left to GMRES.
 *
 * <p>Requirements (checked by {@link #check}, refused otherwise): every jump lowers the total
 * photon number by a fixed amount \( c_k \ge 1 \) (loss, two-photon loss); the decay operator
 * \( K = \sum_k L_k^\dagger L_k \) is a multiple \( \kappa_N \) of the identity on every block
 * of fixed \( N \) (equal loss rates on all modes), with \( \kappa_N > 0 \) for \( N > 0 \);
 * \( H_0 \) is real on every block. Then \( \mathcal{L}_0 \) is block triangular in the total
 * photon numbers \( (N, M) \) of ket and bra: the block \( X_{NM} \) solves the Sylvester
 * equation \( -i H_N X + i X H_M - \tfrac12(\kappa_N + \kappa_M) X = B_{NM} - \sum_k
 * L_k X_{N+c_k, M+c_k} L_k^\dagger \), solved through the eigendecompositions
 * \( H_N = V_N E_N V_N^T \) of the real symmetric blocks (EJML); the blocks are solved from the
 * highest \( N \) down, only \( N \ge M \) (the rest is the adjoint), and the vacuum block last
 * with the trace border. Optionally every block but the vacuum's is damped by a shift s
 * (\( c \to c + s \)), which helps at strong drive (measured in docs/quantum.md). Cost of one application: about
 * \( 16 \sum_{N \ge M} s_N s_M (s_N + s_M) \) flops for blocks of sizes \( s_N \) (dimer at
 * cutoffs 24, 46: about 3e8).
 *
 * <p>Not thread-safe (work arrays); one instance per solve.
 */
final class UndrivenPreconditioner {

    private final int d;
    private final double sigma;
    private final double shift;
    /** Basis indices of each total photon number N. */
    private final int[][] index;
    /** Eigenvectors of H_N, row-major s x s (column a is eigenvector a), and transposed. */
    private final double[][] v;
    private final double[][] vt;
    private final double[][] e;
    private final double[] kappa;
    /** Jumps by column: for column r, rows colRow[k][colStart[k][r] ..] with values. */
    private final int[][] colStart;
    private final int[][] colRow;
    private final double[][] colRe;
    private final double[][] colIm;
    private final double[] accRe;
    private final double[] accIm;
    private final double[] xRe;
    private final double[] xIm;
    private final double[] bRe;
    private final double[] bIm;
    private final double[] tRe;
    private final double[] tIm;

    /**
     * Checks the requirements of the class documentation.
     *
     * @param l the Lindbladian
     * @param space its Fock space
     * @throws IllegalArgumentException naming the first violated requirement
     */
    static void check(Lindbladian l, FockSpace space) {
        structure(l, space, true);
    }

    /** Returns the total photon number of every basis state; validates if asked. */
    private static int[] structure(Lindbladian l, FockSpace space, boolean validate) {
        int d = space.dimension();
        int[] total = new int[d];
        for (int p = 0; p < d; p++) {
            for (int m = 0; m < space.modes(); m++) {
                total[p] += space.occupation(p, m);
            }
        }
        if (!validate) {
            return total;
        }
        String what = "preconditioner UNDRIVEN needs a Lindbladian whose jumps lower the total "
            + "photon number by a fixed amount, with sum_k L_k^dag L_k a multiple of the identity "
            + "at each total photon number and a real photon-number-conserving Hamiltonian part; ";
        int k = 0;
        for (SparseOperator j : l.jumps()) {
            int[] rs = j.rowStartArray();
            int[] cs = j.columnArray();
            int c = -1;
            for (int p = 0; p < d; p++) {
                for (int t = rs[p]; t < rs[p + 1]; t++) {
                    if (j.reArray()[t] == 0 && j.imArray()[t] == 0) {
                        continue;
                    }
                    int lowers = total[cs[t]] - total[p];
                    if (lowers < 1 || (c >= 0 && lowers != c)) {
                        throw new IllegalArgumentException(what + "jump " + k + " has entry ("
                            + p + ", " + cs[t] + ") changing the total photon number from "
                            + total[cs[t]] + " to " + total[p]
                            + (lowers < 1 ? "" : " (other entries lower it by " + c + ")")
                            + "; use another preconditioner (NONE or ILU0)");
                    }
                    c = lowers;
                }
            }
            k++;
        }
        SparseOperator decay = SparseOperator.zero(d);
        for (SparseOperator j : l.jumps()) {
            decay = decay.plus(j.adjoint().times(j));
        }
        double scale = Math.max(decay.maxAbs(), 1e-300);
        int top = Arrays.stream(total).max().orElse(0);
        double[] kappaN = new double[top + 1];
        Arrays.fill(kappaN, Double.NaN);
        int[] ks = decay.rowStartArray();
        int[] kc = decay.columnArray();
        for (int p = 0; p < d; p++) {
            double diag = 0;
            for (int t = ks[p]; t < ks[p + 1]; t++) {
                double mag = Math.hypot(decay.reArray()[t], decay.imArray()[t]);
                if (kc[t] == p) {
                    diag = decay.reArray()[t];
                } else if (mag > 1e-12 * scale) {
                    throw new IllegalArgumentException(what + "sum_k L_k^dag L_k has an "
                        + "off-diagonal entry (" + p + ", " + kc[t] + ") = " + mag
                        + "; use another preconditioner (NONE or ILU0)");
                }
            }
            int n = total[p];
            if (Double.isNaN(kappaN[n])) {
                kappaN[n] = diag;
            } else if (Math.abs(kappaN[n] - diag) > 1e-12 * scale) {
                throw new IllegalArgumentException(what + "sum_k L_k^dag L_k differs between "
                    + "states of total photon number " + n + " (" + kappaN[n] + " and " + diag
                    + ": unequal loss rates); use another preconditioner (NONE or ILU0)");
            }
            if (n > 0 && !(diag > 1e-12 * scale)) {
                throw new IllegalArgumentException(what + "no decay at total photon number "
                    + n + " (state " + p + "); use another preconditioner (NONE or ILU0)");
            }
        }
        SparseOperator h = l.hamiltonian();
        int[] hs = h.rowStartArray();
        int[] hc = h.columnArray();
        double hScale = Math.max(h.maxAbs(), 1e-300);
        for (int p = 0; p < d; p++) {
            for (int t = hs[p]; t < hs[p + 1]; t++) {
                if (total[hc[t]] == total[p] && Math.abs(h.imArray()[t]) > 1e-14 * hScale) {
                    throw new IllegalArgumentException(what + "the Hamiltonian has a complex "
                        + "photon-number-conserving entry (" + p + ", " + hc[t] + ") = "
                        + h.reArray()[t] + " + " + h.imArray()[t]
                        + " i; use another preconditioner (NONE or ILU0)");
                }
            }
        }
        return total;
    }

    /**
     * Factorizes the blocks.
     *
     * @param l the Lindbladian (satisfying {@link #check})
     * @param space its Fock space
     * @param sigma the border's scale
     * @param shift damping added to every block except the vacuum's, in the units of the rates
     *     (0: the exact inverse)
     */
    UndrivenPreconditioner(Lindbladian l, FockSpace space, double sigma, double shift) {
        int[] total = structure(l, space, true);
        this.d = space.dimension();
        this.sigma = sigma;
        this.shift = shift;
        int top = Arrays.stream(total).max().orElse(0);
        int[] count = new int[top + 1];
        for (int n : total) {
            count[n]++;
        }
        index = new int[top + 1][];
        int[] position = new int[d];
        for (int n = 0; n <= top; n++) {
            index[n] = new int[count[n]];
            count[n] = 0;
        }
        for (int p = 0; p < d; p++) {
            position[p] = count[total[p]];
            index[total[p]][count[total[p]]++] = p;
        }
        if (index[0].length != 1 || index[0][0] != 0) {
            throw new IllegalArgumentException("preconditioner UNDRIVEN: basis state 0 must be "
                + "the only state without photons");
        }
        v = new double[top + 1][];
        vt = new double[top + 1][];
        e = new double[top + 1][];
        kappa = new double[top + 1];
        SparseOperator h = l.hamiltonian();
        int[] hs = h.rowStartArray();
        int[] hc = h.columnArray();
        double[] hr = h.reArray();
        SparseOperator decay = SparseOperator.zero(d);
        for (SparseOperator j : l.jumps()) {
            decay = decay.plus(j.adjoint().times(j));
        }
        int smax = 1;
        for (int n = 0; n <= top; n++) {
            int s = index[n].length;
            smax = Math.max(smax, s);
            kappa[n] = decay.re(index[n][0], index[n][0]);
            DMatrixRMaj block = new DMatrixRMaj(s, s);
            for (int a = 0; a < s; a++) {
                int p = index[n][a];
                for (int t = hs[p]; t < hs[p + 1]; t++) {
                    if (total[hc[t]] == n) {
                        block.add(a, position[hc[t]], hr[t]);
                    }
                }
            }
            // symmetrize (H is Hermitian and real on the block)
            for (int a = 0; a < s; a++) {
                for (int b = a + 1; b < s; b++) {
                    double m = 0.5 * (block.get(a, b) + block.get(b, a));
                    block.set(a, b, m);
                    block.set(b, a, m);
                }
            }
            double[] vn = new double[s * s];
            double[] en = new double[s];
            if (s == 1) {
                vn[0] = 1;
                en[0] = block.get(0, 0);
            } else {
                EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(s, true, true);
                if (!eig.decompose(block)) {
                    throw new IllegalStateException("preconditioner UNDRIVEN: the symmetric "
                        + "eigendecomposition of the Hamiltonian block N = " + n + " failed");
                }
                for (int a = 0; a < s; a++) {
                    en[a] = eig.getEigenvalue(a).getReal();
                    DMatrixRMaj vec = eig.getEigenVector(a);
                    for (int i = 0; i < s; i++) {
                        vn[i * s + a] = vec.get(i, 0);
                    }
                }
            }
            double[] vtn = new double[s * s];
            for (int i = 0; i < s; i++) {
                for (int a = 0; a < s; a++) {
                    vtn[a * s + i] = vn[i * s + a];
                }
            }
            v[n] = vn;
            vt[n] = vtn;
            e[n] = en;
        }
        int nj = l.jumps().size();
        colStart = new int[nj][];
        colRow = new int[nj][];
        colRe = new double[nj][];
        colIm = new double[nj][];
        int k = 0;
        for (SparseOperator j : l.jumps()) {
            // columns of L = rows of L^dag (conjugated back)
            SparseOperator adj = j.adjoint();
            colStart[k] = adj.rowStartArray();
            colRow[k] = adj.columnArray();
            colRe[k] = adj.reArray();
            double[] im = adj.imArray().clone();
            for (int t = 0; t < im.length; t++) {
                im[t] = -im[t];
            }
            colIm[k] = im;
            k++;
        }
        accRe = new double[d * d];
        accIm = new double[d * d];
        xRe = new double[d * d];
        xIm = new double[d * d];
        bRe = new double[smax * smax];
        bIm = new double[smax * smax];
        tRe = new double[smax * smax];
        tIm = new double[smax * smax];
    }

    /**
     * Solves \( \mathcal{A}_0 X = R \) for Hermitian R given in full (re, im) arrays.
     *
     * @param rRe real parts of R, row-major d x d
     * @param rIm imaginary parts
     * @param outRe real parts of X (written)
     * @param outIm imaginary parts of X (written)
     */
    void solve(double[] rRe, double[] rIm, double[] outRe, double[] outIm) {
        Arrays.fill(accRe, 0);
        Arrays.fill(accIm, 0);
        int top = index.length - 1;
        double trace = 0;
        for (int n = top; n >= 0; n--) {
            int[] in = index[n];
            int sn = in.length;
            for (int m = n; m >= 0; m--) {
                int[] im = index[m];
                int sm = im.length;
                // B = R - Acc on the block
                for (int a = 0; a < sn; a++) {
                    int row = in[a] * d;
                    for (int b = 0; b < sm; b++) {
                        int at = row + im[b];
                        bRe[a * sm + b] = rRe[at] - accRe[at];
                        bIm[a * sm + b] = rIm[at] - accIm[at];
                    }
                }
                if (n == 0) {
                    // vacuum block: -sigma (X_00 + sum of the other diagonal entries) = B
                    double x0 = -(bRe[0] + sigma * trace) / sigma;
                    outRe[0] = x0;
                    outIm[0] = 0;
                    continue;
                }
                // T = V_N^T B
                multiply(vt[n], sn, sn, bRe, bIm, sm, tRe, tIm);
                // B' = T V_M
                multiplyRight(tRe, tIm, sn, sm, v[m], bRe, bIm);
                double c = 0.5 * (kappa[n] + kappa[m]) + shift;
                double[] en = e[n];
                double[] em = e[m];
                for (int a = 0; a < sn; a++) {
                    for (int b = 0; b < sm; b++) {
                        // divide by (-c) + i (e_b - e_a)
                        double dr = -c;
                        double di = em[b] - en[a];
                        double den = dr * dr + di * di;
                        int at = a * sm + b;
                        double br = bRe[at];
                        double bi = bIm[at];
                        bRe[at] = (br * dr + bi * di) / den;
                        bIm[at] = (bi * dr - br * di) / den;
                    }
                }
                // X = V_N Y V_M^T
                multiply(v[n], sn, sn, bRe, bIm, sm, tRe, tIm);
                multiplyRight(tRe, tIm, sn, sm, vt[m], bRe, bIm);
                for (int a = 0; a < sn; a++) {
                    int p = in[a];
                    for (int b = 0; b < sm; b++) {
                        int q = im[b];
                        double xr = bRe[a * sm + b];
                        double xi = bIm[a * sm + b];
                        outRe[p * d + q] = xr;
                        outIm[p * d + q] = xi;
                        outRe[q * d + p] = xr;
                        outIm[q * d + p] = -xi;
                    }
                }
                if (n == m) {
                    for (int a = 0; a < sn; a++) {
                        trace += outRe[in[a] * d + in[a]];
                    }
                }
                scatterJumps(in, im, outRe, outIm);
            }
        }
    }

    /** Acc += sum_k L_k X_{block} L_k^dag for the block of rows in, columns im. */
    private void scatterJumps(int[] in, int[] im, double[] x, double[] y) {
        for (int k = 0; k < colStart.length; k++) {
            int[] cs = colStart[k];
            int[] cr = colRow[k];
            double[] lr = colRe[k];
            double[] li = colIm[k];
            for (int r : in) {
                for (int t = cs[r]; t < cs[r + 1]; t++) {
                    int p = cr[t];
                    double ar = lr[t];
                    double ai = li[t];
                    int rowP = p * d;
                    int rowR = r * d;
                    for (int s : im) {
                        double vr = x[rowR + s];
                        double vi = y[rowR + s];
                        // (ar + i ai)(vr + i vi)
                        double mr = ar * vr - ai * vi;
                        double mi = ar * vi + ai * vr;
                        for (int u = cs[s]; u < cs[s + 1]; u++) {
                            int q = cr[u];
                            // times conj(L_qs) = lr[u] - i li[u]
                            accRe[rowP + q] += mr * lr[u] + mi * li[u];
                            accIm[rowP + q] += mi * lr[u] - mr * li[u];
                        }
                    }
                }
            }
        }
    }

    /** C (rows x cols, complex) = A (rows x inner, real, row-major) B (inner x cols). */
    private static void multiply(double[] a, int rows, int inner, double[] bRe, double[] bIm,
                                 int cols, double[] cRe, double[] cIm) {
        Arrays.fill(cRe, 0, rows * cols, 0);
        Arrays.fill(cIm, 0, rows * cols, 0);
        for (int i = 0; i < rows; i++) {
            int ci = i * cols;
            for (int k = 0; k < inner; k++) {
                double s = a[i * inner + k];
                if (s == 0) {
                    continue;
                }
                int bk = k * cols;
                for (int j = 0; j < cols; j++) {
                    cRe[ci + j] += s * bRe[bk + j];
                    cIm[ci + j] += s * bIm[bk + j];
                }
            }
        }
    }

    /** C (rows x cols) = A (rows x cols, complex) V (cols x cols, real, row-major). */
    private static void multiplyRight(double[] aRe, double[] aIm, int rows, int cols,
                                      double[] vm, double[] cRe, double[] cIm) {
        Arrays.fill(cRe, 0, rows * cols, 0);
        Arrays.fill(cIm, 0, rows * cols, 0);
        for (int i = 0; i < rows; i++) {
            int ai = i * cols;
            for (int k = 0; k < cols; k++) {
                double sr = aRe[ai + k];
                double si = aIm[ai + k];
                int vk = k * cols;
                for (int j = 0; j < cols; j++) {
                    cRe[ai + j] += sr * vm[vk + j];
                    cIm[ai + j] += si * vm[vk + j];
                }
            }
        }
    }
}
