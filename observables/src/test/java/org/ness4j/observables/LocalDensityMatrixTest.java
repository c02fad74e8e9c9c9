package org.ness4j.observables;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;
import org.ness4j.core.quantum.FockStates;
import org.ness4j.core.stat.Estimate;

class LocalDensityMatrixTest {

    private static void within(double expected, Estimate e, String what) {
        assertTrue(Math.abs(e.value() - expected) <= 5 * e.standardError(),
            what + ": expected " + expected + ", got " + e);
    }

    /**
     * The limit in the message is the limit of the check: d (d + 1) sums must fit a Java array
     * (Integer.MAX_VALUE - 16 elements), which the largest accepted d (computed here) meets and
     * d + 1 does not. The message used to say 46339 while 46340 was accepted.
     */
    @Test
    void dimensionLimitAndItsMessageAgree() {
        long maxArray = Integer.MAX_VALUE - 16L;
        int largest = (int) Math.floor((Math.sqrt(1 + 4.0 * maxArray) - 1) / 2);
        assertTrue((long) largest * (largest + 1) <= maxArray);
        assertTrue((long) (largest + 1) * (largest + 2) > maxArray);
        LocalDensityMatrix.of(0, largest); // accepted (the sums are allocated per group, later)
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> LocalDensityMatrix.of(0, largest + 1));
        assertEquals("dimension must be at most " + largest + " (d (d + 1) running sums per "
            + "group): " + (largest + 1), e.getMessage());
    }

    @Test
    void diagonalEqualsTheFockPopulationWeylSymbol() {
        double[] out = new double[12 * 13];
        double[] diag = new double[12];
        for (double r2 : new double[] {0, 0.3, 2.5, 9}) {
            LocalDensityMatrix.weylSymbols(Math.sqrt(r2), 0, 12, out);
            FockStates.weylSymbols(r2, diag);
            for (int n = 0; n < 12; n++) {
                int c = 2 * (n * (n + 1) / 2 + n);
                assertEquals(diag[n], out[c], 1e-12 * (1 + Math.abs(diag[n])), "n " + n);
                assertEquals(0.0, out[c + 1], 1e-15);
            }
        }
    }

    @Test
    void coherentStateDensityMatrix() {
        // rho_nm = e^{-|beta|^2} beta^n conj(beta)^m / sqrt(n! m!)
        double br = 0.8;
        double bi = 0.6;
        LocalDensityMatrix rho = LocalDensityMatrix.of(0, 6);
        ZigguratSampler.NormalizedGaussian g = ZigguratSampler.NormalizedGaussian.of(
            RandomSource.XO_RO_SHI_RO_128_PP.create(10L));
        for (int i = 0; i < 400_000; i++) {
            rho.accept(i / 4000, br + 0.5 * g.sample(), bi + 0.5 * g.sample());
        }
        double abs2 = br * br + bi * bi;
        for (int n = 0; n < 4; n++) {
            for (int m = 0; m < 4; m++) {
                // beta^n conj(beta)^m = |beta|^{n+m} e^{i (n - m) phi}
                double phi = Math.atan2(bi, br);
                double mag = Math.exp(-abs2) * Math.pow(Math.sqrt(abs2), n + m)
                    / Math.sqrt(factorial(n) * factorial(m));
                within(mag * Math.cos((n - m) * phi), rho.re(n, m), "Re rho_" + n + m);
                within(mag * Math.sin((n - m) * phi), rho.im(n, m), "Im rho_" + n + m);
            }
        }
    }

    private static double factorial(int n) {
        double f = 1;
        for (int k = 2; k <= n; k++) {
            f *= k;
        }
        return f;
    }
}
