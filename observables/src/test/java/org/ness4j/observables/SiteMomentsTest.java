package org.ness4j.observables;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.stream.LongStream;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.ness4j.core.stat.Estimate;

/** Accumulator contract and estimator formulas of {@link SiteMoments}. */
class SiteMomentsTest {

    static LongStream seeds() {
        return LongStream.range(0, 20);
    }

    private static double[] field(UniformRandomProvider rng, int sites) {
        double[] f = new double[2 * sites];
        for (int i = 0; i < f.length; i++) {
            f[i] = 6 * rng.nextDouble() - 3;
        }
        return f;
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void acceptInPartsAndCombineEqualsAcceptingAll(long seed) throws IOException {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
        int[] sites = {3, 0, 7};
        int groups = 2 + rng.nextInt(10);
        int perGroup = 1 + rng.nextInt(6);
        double[][][] data = new double[groups][perGroup][];
        for (double[][] g : data) {
            for (int k = 0; k < perGroup; k++) {
                g[k] = field(rng, sites.length);
            }
        }
        SiteMoments whole = SiteMoments.of(sites);
        for (int g = 0; g < groups; g++) {
            for (double[] f : data[g]) {
                whole.accept(g, f);
            }
        }
        int cut = 1 + rng.nextInt(groups - 1);
        SiteMoments a = SiteMoments.of(sites);
        SiteMoments b = SiteMoments.of(sites);
        for (int g = 0; g < groups; g++) {
            for (double[] f : data[g]) {
                (g < cut ? a : b).accept(g, f);
            }
        }
        SiteMoments ba = SiteMoments.of(sites).combine(b).combine(a);
        assertEquals(whole, ba, "seed " + seed);
        for (int site : sites) {
            assertEquals(whole.g2(site), ba.g2(site), "seed " + seed);
            assertEquals(whole.circularVariance(site), ba.circularVariance(site));
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ba.writeTo(new DataOutputStream(bytes));
        SiteMoments back = SiteMoments.readFrom(new DataInputStream(
            new ByteArrayInputStream(bytes.toByteArray())));
        assertEquals(ba, back, "seed " + seed);
        assertEquals(ba.numberFluctuation(7), back.numberFluctuation(7));
    }

    @Test
    void nanSamplesAreRejectedAndMismatchedPartsRefused() {
        SiteMoments m = SiteMoments.of(0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> m.accept(0, new double[] {Double.NaN, 0}));
        assertTrue(e.getMessage().contains("must be finite: NaN"), e.getMessage());
        assertEquals(0, m.groupCount());
        assertThrows(IllegalArgumentException.class, () -> m.combine(SiteMoments.of(1)));
        assertThrows(IllegalArgumentException.class, () -> SiteMoments.of(2, 2));
        assertThrows(IllegalArgumentException.class, () -> SiteMoments.of(0).photonNumber(5));
        assertThrows(IllegalStateException.class, () -> SiteMoments.of(0).photonNumber(0));
    }

    @Test
    void coherentStateWignerSamplesGivePoissonStatistics() {
        // Wigner function of |beta>: Gaussian around beta with variance 1/4 per quadrature.
        // Then n = |beta|^2, delta n = 0, g2 = 1, <a> = beta. 200 groups x 500 samples.
        double br = 1.7;
        double bi = -0.6;
        SiteMoments m = SiteMoments.of(0);
        ZigguratSampler.NormalizedGaussian g = ZigguratSampler.NormalizedGaussian.of(
            RandomSource.XO_RO_SHI_RO_128_PP.create(8L));
        for (int grp = 0; grp < 200; grp++) {
            for (int k = 0; k < 500; k++) {
                m.accept(grp, new double[] {br + 0.5 * g.sample(), bi + 0.5 * g.sample()});
            }
        }
        double n = br * br + bi * bi;
        // 5 standard errors per assertion: false-failure probability < 1e-6 each
        assertWithin(n, m.photonNumber(0));
        assertWithin(0, m.numberFluctuation(0));
        assertWithin(1, m.g2(0));
        assertWithin(br, m.fieldRe(0));
        assertWithin(bi, m.fieldIm(0));
        // the phase distribution of a coherent state is centred on arg(beta)
        assertWithin(Math.atan2(bi, br), m.meanPhase(0));
    }

    @Test
    void thermalStateWignerSamplesGiveBoseEinsteinStatistics() {
        // thermal state with mean nbar: Gaussian with variance (nbar + 1/2)/2 per quadrature;
        // delta n = nbar^2 (g2 = 2), circular variance 1
        double nbar = 2.3;
        SiteMoments m = SiteMoments.of(4);
        ZigguratSampler.NormalizedGaussian g = ZigguratSampler.NormalizedGaussian.of(
            RandomSource.XO_RO_SHI_RO_128_PP.create(9L));
        double sd = Math.sqrt((nbar + 0.5) / 2);
        for (int grp = 0; grp < 200; grp++) {
            for (int k = 0; k < 500; k++) {
                m.accept(grp, new double[] {sd * g.sample(), sd * g.sample()});
            }
        }
        assertWithin(nbar, m.photonNumber(4));
        assertWithin(nbar * nbar, m.numberFluctuation(4));
        assertWithin(2, m.g2(4));
        assertWithin(2 * nbar * nbar, m.pairCorrelation(4));
        assertWithin(nbar + 0.5, m.fieldVariance(4));
        // Eq. 40 with |Delta| = 2.5: T = 2 |Delta| <(Im alpha)^2> = 2.5 (nbar + 1/2)
        assertWithin(2.5 * (nbar + 0.5), m.equipartitionTemperature(4, -2.5));
        // |<e^{i phi}>| of an isotropic sample of 1e5 points is O(1/sqrt(1e5)) ~ 0.003
        assertEquals(1.0, m.circularVariance(4).value(), 0.02);
    }

    private static void assertWithin(double expected, Estimate e) {
        assertTrue(Math.abs(e.value() - expected) < 5 * e.standardError(),
            "expected " + expected + ", got " + e);
    }

    /**
     * The mean phase's error bar does not depend on where the phases sit on the circle: the
     * same samples rotated to centre on pi (where the leave-one-group-out phases straddle the
     * branch cut) and on 0 give the same standard error, and the value wraps into (-pi, pi].
     */
    @ParameterizedTest
    @MethodSource("seeds")
    void meanPhaseErrorIsRotationInvariant(long seed) {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed + 70);
        ZigguratSampler.NormalizedGaussian gauss = ZigguratSampler.NormalizedGaussian.of(rng);
        double spread = 0.05 + 0.5 * rng.nextDouble();
        double centre = Math.PI - 0.01 + 0.02 * rng.nextDouble(); // within 0.01 of the cut
        SiteMoments atPi = SiteMoments.of(0);
        SiteMoments atZero = SiteMoments.of(0);
        for (int group = 0; group < 20; group++) {
            for (int i = 0; i < 50; i++) {
                double phi = spread * gauss.sample();
                double r = 1 + rng.nextDouble();
                atZero.accept(group, new double[] {r * Math.cos(phi), r * Math.sin(phi)});
                atPi.accept(group, new double[] {r * Math.cos(phi + centre),
                    r * Math.sin(phi + centre)});
            }
        }
        Estimate a = atPi.meanPhase(0);
        Estimate z = atZero.meanPhase(0);
        String where = "spread " + spread + ", centre " + centre + ": " + a + " vs " + z;
        assertEquals(z.standardError(), a.standardError(), 1e-9 * z.standardError(), where);
        assertTrue(a.value() > -Math.PI && a.value() <= Math.PI, where);
        double shifted = z.value() + centre;
        double expected = shifted > Math.PI ? shifted - 2 * Math.PI : shifted;
        assertEquals(expected, a.value(), 1e-9, where);
    }
}
