package org.ness4j.core.quantum;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.stream.IntStream;
import org.apache.commons.rng.UniformRandomProvider;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.ness4j.core.random.TrajectoryStreams;

/** Birth-death fast path against an independent dense solve of the rate equations. */
class BirthDeathChainsTest {

    static IntStream seeds() {
        return IntStream.range(0, 25);
    }

    /**
     * Random rates on a small chain; reference: dense solve of Q^T p = 0 with sum p = 1 (EJML LU).
     * Both are backward stable; entries are O(1) with condition number below ~1e6 for these
     * rates, so 1e-9 absolute leaves a wide margin.
     */
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void matchesDenseRateEquationSolve(int seed) {
        UniformRandomProvider rng = TrajectoryStreams.stream(77L, seed);
        int size = 2 + rng.nextInt(15);
        double[] up = new double[size];
        double[] down = new double[size];
        double[] down2 = new double[size];
        for (int n = 0; n < size; n++) {
            up[n] = 0.1 + rng.nextDouble();
            down[n] = n >= 1 ? 0.1 + rng.nextDouble() : 0;
            down2[n] = n >= 2 && rng.nextBoolean() ? rng.nextDouble() : 0;
        }
        double[] p = BirthDeathChains.steadyState(up, down, down2);
        double[] ref = dense(up, down, down2);
        for (int n = 0; n < size; n++) {
            assertEquals(ref[n], p[n], 1e-9, "n=" + n + " up " + Arrays.toString(up) + " down "
                + Arrays.toString(down) + " down2 " + Arrays.toString(down2));
        }
    }

    @Test
    void thermalChainObeysDetailedBalanceAtLargeCutoff() {
        int size = 5001;
        double[] up = new double[size];
        double[] down = new double[size];
        for (int n = 0; n < size; n++) {
            up[n] = 0.9 * (n + 1);
            down[n] = 1.0 * n;
        }
        double[] p = BirthDeathChains.steadyState(up, down, null);
        double r = 0.9;
        for (int n = 0; n < 50; n++) {
            assertEquals((1 - r) * Math.pow(r, n), p[n], 1e-15 + 1e-12 * p[n], "n=" + n);
        }
        // p_5000 ~ 0.1 * 0.9^5000 ~ 1e-230: representable, computed without underflow trouble
        assertTrue(p[5000] > 0 && p[5000] < 1e-200, "p_5000 = " + p[5000]);
    }

    @Test
    void hugeDynamicRangeDoesNotOverflow() {
        // strongly inverted pump with two-photon saturation: populations span > 1e300
        int size = 3001;
        double[] up = new double[size];
        double[] down = new double[size];
        double[] down2 = new double[size];
        for (int n = 0; n < size; n++) {
            up[n] = 50.0 * (n + 1);
            down[n] = 0.01 * n;
            down2[n] = 0.05 * n * (n - 1.0);
        }
        double[] p = BirthDeathChains.steadyState(up, down, down2);
        double sum = 0;
        for (double q : p) {
            assertTrue(q >= 0 && Double.isFinite(q));
            sum += q;
        }
        assertEquals(1.0, sum, 1e-12);
        // mean near the balance point 50 n ~ 2 * 0.05 n^2 -> n ~ 500
        double mean = 0;
        for (int n = 0; n < size; n++) {
            mean += n * p[n];
        }
        assertEquals(500, mean, 10);
    }

    @Test
    void zeroBirthRateCutsTheChain() {
        double[] up = {1, 1, 0, 1, 1};
        double[] down = {0, 1, 1, 1, 1};
        double[] p = BirthDeathChains.steadyState(up, down, null);
        assertEquals(1.0 / 3, p[0], 1e-15);
        assertEquals(1.0 / 3, p[2], 1e-15);
        assertEquals(0.0, p[3]);
        assertEquals(0.0, p[4]);
    }

    @Test
    void rejectsBadRates() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> BirthDeathChains.steadyState(new double[] {1, -1}, new double[] {0, 1}, null));
        assertTrue(e.getMessage().contains("up[1]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
            () -> BirthDeathChains.steadyState(new double[] {1, 1}, new double[] {0}, null));
        assertTrue(e.getMessage().contains("down.length"), e.getMessage());
    }

    static double[] dense(double[] up, double[] down, double[] down2) {
        int n = up.length;
        DMatrixRMaj a = new DMatrixRMaj(n, n);
        for (int m = 0; m < n; m++) {
            // generator column m: outflow from m
            if (m + 1 < n) {
                a.add(m + 1, m, up[m]);
                a.add(m, m, -up[m]);
            }
            if (m >= 1) {
                a.add(m - 1, m, down[m]);
                a.add(m, m, -down[m]);
            }
            if (m >= 2) {
                a.add(m - 2, m, down2[m]);
                a.add(m, m, -down2[m]);
            }
        }
        for (int m = 0; m < n; m++) {
            a.set(0, m, 1.0);
        }
        DMatrixRMaj b = new DMatrixRMaj(n, 1);
        b.set(0, 0, 1);
        DMatrixRMaj x = new DMatrixRMaj(n, 1);
        CommonOps_DDRM.solve(a, b, x);
        return x.getData();
    }
}
