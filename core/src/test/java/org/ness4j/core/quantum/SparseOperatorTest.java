package org.ness4j.core.quantum;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.IntStream;
import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.ness4j.core.random.TrajectoryStreams;

/** Fock-space operators and sparse algebra. */
class SparseOperatorTest {

    /** Round-off bound for sums of a few O(cutoff) products: 1e3 ulps. */
    private static final double TOL = 1e-12;

    static IntStream seeds() {
        return IntStream.range(0, 20);
    }

    @Test
    void ladderOperatorsHaveTheTruncatedMatrixElements() {
        FockSpace s = FockSpace.of(4);
        SparseOperator a = s.annihilation(0);
        SparseOperator ad = s.creation(0);
        for (int n = 1; n <= 4; n++) {
            assertEquals(Math.sqrt(n), a.re(n - 1, n), TOL);
            assertEquals(Math.sqrt(n), ad.re(n, n - 1), TOL);
        }
        SparseOperator comm = a.times(ad).plus(ad.times(a).scale(-1));
        for (int n = 0; n < 4; n++) {
            assertEquals(1.0, comm.re(n, n), TOL, "[a, a^dag] at n = " + n);
        }
        assertEquals(-4.0, comm.re(4, 4), TOL, "truncation artefact at the cutoff");
        SparseOperator num = ad.times(a);
        SparseOperator n0 = s.number(0);
        for (int n = 0; n <= 4; n++) {
            assertEquals(n, num.re(n, n), TOL);
            assertEquals(n, n0.re(n, n), TOL);
        }
    }

    @Test
    void embeddedOperatorsOfDifferentModesCommuteAndActOnTheirDigit() {
        FockSpace s = FockSpace.of(2, 3, 1);
        assertEquals(3 * 4 * 2, s.dimension());
        SparseOperator a0 = s.annihilation(0);
        SparseOperator a1 = s.annihilation(1);
        SparseOperator a2d = s.creation(2);
        assertMaxAbs(0.0, a0.times(a1).plus(a1.times(a0).scale(-1)), "a0 a1 - a1 a0");
        assertMaxAbs(0.0, a0.times(a2d).plus(a2d.times(a0).scale(-1)), "a0 a2^dag - a2^dag a0");
        int from = s.index(2, 1, 0);
        int to = s.index(2, 0, 0);
        assertEquals(1.0, a1.re(to, from), TOL);
        assertEquals(2, s.occupation(from, 0));
        assertEquals(1, s.occupation(from, 1));
        SparseOperator n1 = s.number(1);
        assertEquals(3.0, n1.re(s.index(0, 3, 1), s.index(0, 3, 1)), TOL);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void applyMatchesDenseProductAndAlgebraIsConsistent(int seed) {
        UniformRandomProvider rng = TrajectoryStreams.stream(20251122L, seed);
        int d = 2 + rng.nextInt(9);
        SparseOperator x = random(rng, d);
        SparseOperator y = random(rng, d);
        double[] vRe = new double[d];
        double[] vIm = new double[d];
        for (int i = 0; i < d; i++) {
            vRe[i] = rng.nextDouble() - 0.5;
            vIm[i] = rng.nextDouble() - 0.5;
        }
        double[] dRe = new double[d * d];
        double[] dIm = new double[d * d];
        x.toDense(dRe, dIm);
        double[] oRe = new double[d];
        double[] oIm = new double[d];
        x.apply(vRe, vIm, oRe, oIm);
        for (int i = 0; i < d; i++) {
            double sr = 0;
            double si = 0;
            for (int j = 0; j < d; j++) {
                sr += dRe[i * d + j] * vRe[j] - dIm[i * d + j] * vIm[j];
                si += dRe[i * d + j] * vIm[j] + dIm[i * d + j] * vRe[j];
            }
            assertEquals(sr, oRe[i], TOL, "seed " + seed + " d " + d + " row " + i);
            assertEquals(si, oIm[i], TOL, "seed " + seed + " d " + d + " row " + i);
        }
        // (XY)^dag = Y^dag X^dag and X + X^dag is Hermitian
        SparseOperator lhs = x.times(y).adjoint();
        SparseOperator rhs = y.adjoint().times(x.adjoint());
        assertMaxAbs(0.0, lhs.plus(rhs.scale(-1)), "seed " + seed + ": (XY)^dag - Y^dag X^dag");
        assertTrue(x.plus(x.adjoint()).isHermitian(TOL), "seed " + seed);
        assertTrue(x.scale(0, 1).plus(x.adjoint().scale(0, -1)).isHermitian(TOL));
    }

    @Test
    void nonHermitianIsDetected() {
        assertFalse(FockSpace.of(3).annihilation(0).isHermitian(1e-12));
    }

    @Test
    void badInputIsRejectedWithNamedParameter() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> FockSpace.of(2, 0));
        assertTrue(e.getMessage().contains("cutoffs[1]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
            () -> SparseOperator.builder(3).add(0, 3, 1, 0));
        assertTrue(e.getMessage().contains("column"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
            () -> SparseOperator.builder(3).add(0, 1, Double.NaN, 0));
        assertTrue(e.getMessage().contains("valueRe") && e.getMessage().contains("NaN"));
        e = assertThrows(IllegalArgumentException.class,
            () -> FockSpace.of(2).annihilation(0).times(FockSpace.of(3).annihilation(0)));
        assertTrue(e.getMessage().contains("dimension"), e.getMessage());
    }

    static SparseOperator random(UniformRandomProvider rng, int d) {
        SparseOperator.Builder b = SparseOperator.builder(d);
        int entries = 1 + rng.nextInt(3 * d);
        for (int k = 0; k < entries; k++) {
            b.add(rng.nextInt(d), rng.nextInt(d), rng.nextDouble() - 0.5, rng.nextDouble() - 0.5);
        }
        return b.build();
    }

    private static void assertMaxAbs(double expected, SparseOperator op, String what) {
        assertEquals(expected, op.maxAbs(), TOL, what);
    }
}
