package org.ness4j.core.quantum;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.stream.IntStream;
import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.ness4j.core.random.TrajectoryStreams;

/**
 * Property tests of the Lindblad generator over random Hamiltonians, jump operators and density
 * matrices built from two-mode Fock operators (seeded Commons RNG, one stream per case).
 */
class LindbladianTest {

    private static final long MASTER_SEED = 0x5eed_4a11L;

    static IntStream cases() {
        return IntStream.range(0, 40);
    }

    /**
     * {@code L(rho)} is traceless and Hermitian for Hermitian {@code rho}. Each output entry is a
     * sum of at most {@code d * nnz} products; with entries of modulus {@code <= M} the
     * accumulated round-off is below {@code d * eps * scale}, scale = (||Heff||_1 + sum ||L||_1^2)
     * * max|rho|; we allow 100 times that (the bound itself is rarely approached).
     */
    @ParameterizedTest(name = "case {0}")
    @MethodSource("cases")
    void preservesTraceAndHermiticity(int index) {
        UniformRandomProvider rng = TrajectoryStreams.stream(MASTER_SEED, index);
        int c0 = 1 + rng.nextInt(3);
        int c1 = 1 + rng.nextInt(3);
        FockSpace s = FockSpace.of(c0, c1);
        int d = s.dimension();
        SparseOperator h = randomHermitian(rng, s);
        int nJumps = rng.nextInt(4);
        Lindbladian.Builder b = Lindbladian.builder().hamiltonian(h);
        double scale = norm1(h);
        StringBuilder desc = new StringBuilder("case " + index + ": cutoffs (" + c0 + ", " + c1
            + "), H nnz " + h.nonZeros() + ", jumps:");
        for (int j = 0; j < nJumps; j++) {
            SparseOperator l = randomMonomial(rng, s);
            double rate = rng.nextDouble() * 2;
            b.jump(rate, l);
            scale += rate * norm1(l) * norm1(l);
            desc.append(" rate ").append(rate).append(" nnz ").append(l.nonZeros());
        }
        Lindbladian lind = b.build();
        double[][] rho = randomDensityMatrix(rng, d);
        double[] outRe = new double[d * d];
        double[] outIm = new double[d * d];
        lind.apply(rho[0], rho[1], outRe, outIm, lind.newWorkspace());
        double tol = 100 * d * Math.ulp(1.0) * scale;
        double trRe = 0;
        double trIm = 0;
        for (int i = 0; i < d; i++) {
            trRe += outRe[i * d + i];
            trIm += outIm[i * d + i];
        }
        String inputs = desc + "; rho re " + Arrays.toString(rho[0]) + " im "
            + Arrays.toString(rho[1]);
        assertTrue(Math.hypot(trRe, trIm) <= tol,
            "|Tr L(rho)| = " + Math.hypot(trRe, trIm) + " > " + tol + " for " + inputs);
        double herm = 0;
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                herm = Math.max(herm, Math.hypot(outRe[i * d + j] - outRe[j * d + i],
                    outIm[i * d + j] + outIm[j * d + i]));
            }
        }
        assertTrue(herm <= tol, "max |L(rho) - L(rho)^dag| = " + herm + " > " + tol + " for "
            + inputs);
    }

    @Test
    void rejectsInvalidParts() {
        FockSpace s = FockSpace.of(2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> Lindbladian.builder().hamiltonian(s.annihilation(0)));
        assertTrue(e.getMessage().contains("Hermitian"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
            () -> Lindbladian.builder().jump(-1.0, s.annihilation(0)));
        assertTrue(e.getMessage().contains("rate") && e.getMessage().contains("-1.0"));
        e = assertThrows(IllegalArgumentException.class, () -> Lindbladian.builder()
            .hamiltonian(s.number(0)).jump(FockSpace.of(3).annihilation(0)).build());
        assertTrue(e.getMessage().contains("jumps[0].dimension"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Lindbladian.builder().build());
        assertTrue(e.getMessage().contains("hamiltonian"), e.getMessage());
    }

    static SparseOperator randomHermitian(UniformRandomProvider rng, FockSpace s) {
        SparseOperator h = SparseOperator.zero(s.dimension());
        int terms = 1 + rng.nextInt(4);
        for (int t = 0; t < terms; t++) {
            SparseOperator m = randomMonomial(rng, s);
            h = h.plus(m).plus(m.adjoint());
        }
        return h;
    }

    /** A random product of 1-3 ladder operators of random modes times a random complex number. */
    static SparseOperator randomMonomial(UniformRandomProvider rng, FockSpace s) {
        SparseOperator m = s.identity();
        int factors = 1 + rng.nextInt(3);
        for (int f = 0; f < factors; f++) {
            int mode = rng.nextInt(s.modes());
            m = m.times(rng.nextBoolean() ? s.annihilation(mode) : s.creation(mode));
        }
        return m.scale(rng.nextDouble() * 2 - 1, rng.nextDouble() * 2 - 1);
    }

    /** rho = A A^dag / Tr, A with uniform complex entries: Hermitian, positive, trace 1. */
    static double[][] randomDensityMatrix(UniformRandomProvider rng, int d) {
        double[] aRe = new double[d * d];
        double[] aIm = new double[d * d];
        for (int p = 0; p < d * d; p++) {
            aRe[p] = rng.nextDouble() - 0.5;
            aIm[p] = rng.nextDouble() - 0.5;
        }
        double[] re = new double[d * d];
        double[] im = new double[d * d];
        double tr = 0;
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                double sr = 0;
                double si = 0;
                for (int k = 0; k < d; k++) {
                    // A[i][k] * conj(A[j][k])
                    sr += aRe[i * d + k] * aRe[j * d + k] + aIm[i * d + k] * aIm[j * d + k];
                    si += aIm[i * d + k] * aRe[j * d + k] - aRe[i * d + k] * aIm[j * d + k];
                }
                re[i * d + j] = sr;
                im[i * d + j] = si;
            }
            tr += re[i * d + i];
        }
        for (int p = 0; p < d * d; p++) {
            re[p] /= tr;
            im[p] /= tr;
        }
        // symmetrise exactly so that the input is Hermitian to the last bit
        for (int i = 0; i < d; i++) {
            im[i * d + i] = 0;
            for (int j = i + 1; j < d; j++) {
                re[j * d + i] = re[i * d + j];
                im[j * d + i] = -im[i * d + j];
            }
        }
        return new double[][] {re, im};
    }

    /** Max absolute column sum: bounds every entry of products with a unit-bounded matrix. */
    static double norm1(SparseOperator op) {
        int d = op.dimension();
        double[] col = new double[d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                col[j] += Math.hypot(op.re(i, j), op.im(i, j));
            }
        }
        double m = 0;
        for (double c : col) {
            m = Math.max(m, c);
        }
        return Math.max(m, 1e-300);
    }
}
