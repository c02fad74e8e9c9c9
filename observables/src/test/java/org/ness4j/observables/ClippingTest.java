package org.ness4j.observables;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.apache.commons.rng.simple.RandomSource;
import org.hipparchus.special.Erf;
import org.junit.jupiter.api.Test;
import org.ness4j.core.stat.Estimate;

/**
 * No silent clipping (issue 16, item 2): grids that clip samples report the clipped fraction and
 * refuse their estimates above a tolerance, when read (never while accumulating); Fock
 * populations from Wigner samples report the weight beyond their cutoff and refuse the entropy
 * when it is too large. Samples are drawn exactly from Gaussian Wigner functions (thermal state
 * of mean n: variance (n + 1/2)/2 per quadrature). Statistical comparisons allow 5 jackknife
 * standard errors (false-failure probability below 1e-6 each, 100 groups).
 */
class ClippingTest {

    private static double[][] thermalSamples(double nbar, int n, long seed) {
        ZigguratSampler.NormalizedGaussian g = ZigguratSampler.NormalizedGaussian.of(
            RandomSource.XO_RO_SHI_RO_128_PP.create(seed));
        double sd = Math.sqrt((nbar + 0.5) / 2);
        double[][] s = new double[n][];
        for (int i = 0; i < n; i++) {
            s[i] = new double[] {sd * g.sample(), sd * g.sample()};
        }
        return s;
    }

    private static void within(double expected, Estimate e, String what) {
        assertTrue(Math.abs(e.value() - expected) <= 5 * e.standardError(),
            what + ": expected " + expected + ", got " + e);
    }

    @Test
    void wignerHistogramReportsAndRefusesClippedSamples() throws IOException {
        double nbar = 1.5;
        double sd = Math.sqrt((nbar + 0.5) / 2);
        double range = 1.5;
        WignerHistogram h = WignerHistogram.of(12, range, 0);
        WignerHistogram wide = WignerHistogram.of(12, 8.0, 0);
        double[][] s = thermalSamples(nbar, 200_000, 7);
        for (int i = 0; i < s.length; i++) {
            h.accept(i / 2000, s[i]);
            wide.accept(i / 2000, s[i]);
        }
        // exact clipped fraction: outside the square [-R, R]^2
        double inside = Erf.erf(range / (sd * Math.sqrt(2)));
        double expected = 1 - inside * inside;
        within(expected, h.outsideFraction(0), "clipped fraction");
        assertEquals(h.outsideFraction(0).value(), h.clippedFraction(0), 1e-12);
        assertTrue(h.clippedFraction(0) > 0.1, "the grid clips: " + h.clippedFraction(0));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> h.density(0));
        assertTrue(e.getMessage().contains("site 0 (zero-based)"), e.getMessage());
        assertTrue(e.getMessage().contains(String.format(java.util.Locale.ROOT, "%.3g",
            h.clippedFraction(0))), e.getMessage());
        assertTrue(e.getMessage().contains("[-1.5, 1.5]"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> h.density(0, 3, 3));
        assertThrows(IllegalStateException.class, () -> h.cut(0, true));
        assertThrows(IllegalStateException.class, () -> h.momentumDistribution(0));
        assertThrows(IllegalStateException.class, () -> h.leaveOneOutDensities(0));
        assertThrows(IllegalStateException.class, () -> h.requireUnclipped(0));
        // the work is kept: a round trip preserves the counts, and a raised tolerance reads it
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        h.writeTo(new DataOutputStream(bytes));
        WignerHistogram back = WignerHistogram.readFrom(new DataInputStream(
            new ByteArrayInputStream(bytes.toByteArray())));
        assertEquals(h.clippedFraction(0), back.clippedFraction(0));
        assertEquals(WignerHistogram.DEFAULT_CLIP_TOLERANCE, back.clipTolerance());
        assertDoesNotThrow(() -> back.clipTolerance(0.5).density(0));
        assertThrows(IllegalArgumentException.class, () -> h.clipTolerance(0));
        // a wide grid: nothing clipped (exact fraction ~ 1e-27), estimates readable
        assertEquals(0.0, wide.clippedFraction(0));
        assertDoesNotThrow(() -> wide.density(0));
    }

    @Test
    void fockPopulationsReportTheWeightBeyondTheCutoff() {
        double nbar = 5;
        double r = nbar / (nbar + 1);
        FockPopulations small = FockPopulations.of(3, 0);
        FockPopulations big = FockPopulations.of(120, 0);
        LocalDensityMatrix rho = LocalDensityMatrix.of(0, 4);
        double[][] s = thermalSamples(nbar, 100_000, 8);
        for (int i = 0; i < s.length; i++) {
            small.accept(i / 1000, s[i]);
            big.accept(i / 1000, s[i]);
            rho.accept(i / 1000, s[i][0], s[i][1]);
        }
        // weight of a thermal state beyond n = 3: r^4 = 0.48
        within(Math.pow(r, 4), small.truncation(0), "weight beyond maxN = 3");
        within(Math.pow(r, 4), rho.truncation(), "density-matrix weight beyond d = 4");
        IllegalStateException e = assertThrows(IllegalStateException.class,
            () -> small.entropy(0));
        assertTrue(e.getMessage().contains("site 0 (zero-based)")
            && e.getMessage().contains("maxN = 3"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> small.requireCovered(0));
        assertDoesNotThrow(() -> small.truncationTolerance(1).entropy(0));
        // populations themselves are unbiased at any cutoff
        within(1 / (nbar + 1), small.population(0, 0), "p_0");
        // beyond n = 120 the weight is r^121 ~ 3e-10: the entropy is read
        Estimate st = big.entropy(0);
        double exact = (1 + nbar) * Math.log(1 + nbar) - nbar * Math.log(nbar);
        assertTrue(Math.abs(st.value() - exact) < 0.2, st + " vs " + exact);
    }
}
