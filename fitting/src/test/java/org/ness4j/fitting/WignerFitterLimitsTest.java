package org.ness4j.fitting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.ness4j.core.quantum.FockDistribution;
import org.ness4j.core.quantum.GibbsState;
import org.ness4j.core.stat.Estimate;
import org.ness4j.observables.WignerHistogram;

/** Dilute limit, U = 0, non-U(1) data and input validation. */
class WignerFitterLimitsTest {

    /** Thermal data, n = 0.3: the nonlinear parameter of every ansatz is not identifiable. */
    @ParameterizedTest
    @EnumSource(Ansatz.class)
    void diluteLimitReportsOnlyMuOverT(Ansatz ansatz) {
        double n = 0.3;
        double x = Math.log(n / (n + 1));
        WignerHistogram h = WignerSamples.histogram(FockDistribution.thermal(n, 60), 30, 3.0,
            100_000, 10, 21);
        WignerFit fit = WignerFitter.builder(ansatz).cutoff(60).build().fit(h, 0);
        String where = ansatz + ": " + fit;
        assertEquals(FitStatus.MU_OVER_T_ONLY, fit.status(), where);
        Estimate mt = fit.muOverT();
        // 4 sigma, false-failure probability 6e-5
        assertTrue(Math.abs(mt.value() - x) < 4 * mt.standardError(), where);
        assertTrue(Double.isNaN(fit.parameter(ansatz.nonlinearParameter()).value()), where);
    }

    /** Fig. 17: the Gibbs fit with U = 0 is the single-parameter Gaussian fit. */
    @Test
    void gibbsWithoutKerrFitsOnlyMuOverT() {
        double n = 2.0;
        WignerHistogram h = WignerSamples.histogram(FockDistribution.thermal(n, 80), 30, 5.0,
            100_000, 10, 22);
        WignerFit fit = WignerFitter.builder(Ansatz.GIBBS).kerr(0).cutoff(80).build().fit(h, 0);
        assertEquals(FitStatus.MU_OVER_T_ONLY, fit.status(), fit.toString());
        Estimate mt = fit.muOverT();
        assertTrue(Math.abs(mt.value() - Math.log(n / (n + 1))) < 4 * mt.standardError(),
            fit.toString());
    }

    /**
     * The U = 0 fit of broad thermal states on the examples' grid (48 x 48 cells, |Re, Im| <= 9,
     * default cutoff): mu/T = ln(n / (n + 1)) lies between the start grid's points -0.25 and 0,
     * and for mu/T >= 0 the truncated state sits beyond the grid. Started from the grid alone,
     * the fit of n = 16 ended 5 standard errors off.
     */
    /**
     * Kerr-thermal data like Fig. 17's l = 74 at F = 7.5 (U = 0.1, T = 50, mu = -0.97, n = 14):
     * the U = 0 fit used to start at mu/T = 0 and end off the grid (singular covariance).
     */
    @Test
    void gibbsWithoutKerrOnKerrData() {
        FockDistribution state = org.ness4j.core.quantum.GibbsState.of(0.1, -0.97, 50, 400)
            .state();
        WignerHistogram h = WignerSamples.histogram(state, 48, 9.0, 100_000, 10, 24);
        WignerFit fit = WignerFitter.builder(Ansatz.GIBBS).kerr(0).build().fit(h, 0);
        WignerFit kerr = WignerFitter.builder(Ansatz.GIBBS).kerr(0.1).build().fit(h, 0);
        String where = "U = 0: " + fit + "\nU = 0.1: " + kerr;
        assertEquals(FitStatus.MU_OVER_T_ONLY, fit.status(), where);
        assertTrue(fit.muOverT().value() < 0, where);
        // Fig. 17: the Gaussian (U = 0) shape is visibly worse than the Kerr one, which sits on
        // the counting-noise floor, but it is the best Gaussian, not a state off the grid
        assertTrue(kerr.l2Norm() < 1.2 * kerr.l2NoiseFloor(), where);
        assertTrue(fit.l2Norm() > 1.2 * kerr.l2Norm(), where);
        assertTrue(fit.l2Norm() < 3 * fit.l2NoiseFloor(), where);
    }

    @ParameterizedTest(name = "n = {0}")
    @org.junit.jupiter.params.provider.ValueSource(doubles = {4, 8, 12, 16})
    void gibbsWithoutKerrFindsBroadThermalStates(double n) {
        WignerHistogram h = WignerSamples.histogram(FockDistribution.thermal(n, 400), 48, 9.0,
            100_000, 10, 23);
        // at n = 16 about 0.4 % of the samples lie outside the grid; the fit normalizes model
        // and data over all samples alike, so it accepts them on purpose
        h.clipTolerance(0.01);
        WignerFit fit = WignerFitter.builder(Ansatz.GIBBS).kerr(0).build().fit(h, 0);
        String where = "n = " + n + ": " + fit;
        assertEquals(FitStatus.MU_OVER_T_ONLY, fit.status(), where);
        Estimate mt = fit.muOverT();
        // 4 sigma, false-failure probability 6e-5 per case
        assertTrue(Math.abs(mt.value() - Math.log(n / (n + 1))) < 4 * mt.standardError(), where);
        assertTrue(fit.l2Norm() < 1.5 * fit.l2NoiseFloor(), where);
    }

    /**
     * A displaced vacuum (coherent state, U(1) broken as next to the drive) is not described by
     * any diagonal ansatz: the L2 norm is far above its counting-noise floor.
     */
    @ParameterizedTest
    @EnumSource(Ansatz.class)
    void brokenU1SymmetryGivesLargeL2(Ansatz ansatz) {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(23L);
        WignerHistogram h = WignerHistogram.of(30, 6.0, 0);
        for (int s = 0; s < 50_000; s++) {
            // vacuum noise: each quadrature Gaussian with variance 1/4
            double[] field = {2.5 + 0.5 * gaussian(rng), 0.5 * gaussian(rng)};
            h.accept(s / 5000, field);
        }
        WignerFit fit = WignerFitter.builder(ansatz).cutoff(100).build().fit(h, 0);
        assertTrue(!fit.converged() || fit.l2Norm() > 5 * fit.l2NoiseFloor(), fit.toString());
    }

    private static double gaussian(UniformRandomProvider rng) {
        double u = 1 - rng.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng.nextDouble());
    }

    @Test
    void rejectsBadInputNamingTheParameter() {
        assertTrue(assertThrows(IllegalArgumentException.class,
            () -> WignerFitter.builder(Ansatz.GIBBS).kerr(-0.1)).getMessage().contains("kerr"));
        assertTrue(assertThrows(IllegalArgumentException.class,
            () -> WignerFitter.builder(Ansatz.GIBBS).rateUnit(0)).getMessage()
            .contains("rateUnit"));
        assertTrue(assertThrows(IllegalArgumentException.class,
            () -> WignerFitter.builder(Ansatz.GIBBS).cutoff(1)).getMessage().contains("cutoff"));
        assertTrue(assertThrows(IllegalArgumentException.class,
            () -> WignerFitter.builder(Ansatz.GIBBS).identifiabilityLimit(Double.NaN))
            .getMessage().contains("identifiabilityLimit"));
        assertTrue(assertThrows(IllegalArgumentException.class,
            () -> WignerData.of(4, 1.0, new double[15], null, 10)).getMessage()
            .contains("density.length"));
        assertTrue(assertThrows(IllegalArgumentException.class,
            () -> WignerData.of(4, 1.0, new double[16], null, -1)).getMessage()
            .contains("samples"));
        double[] neg = new double[16];
        neg[3] = -1;
        assertTrue(assertThrows(IllegalArgumentException.class,
            () -> WignerData.of(4, 1.0, neg, null, 10)).getMessage().contains("density"));
        assertThrows(NullPointerException.class, () -> WignerFitter.builder(null));
    }

    /** An empty grid cannot be fitted: reported as FAILED, not thrown. */
    @Test
    void emptyDataFailsGracefully() {
        WignerFit fit = WignerFitter.builder(Ansatz.TWO_PHOTON_DECAY).cutoff(20).build()
            .fit(WignerData.of(4, 1.0, new double[16], null, 10));
        assertEquals(FitStatus.FAILED, fit.status());
        assertFalse(fit.message().isEmpty());
    }

    /**
     * Data that no ansatz can describe are FAILED, not a fit on a parameter bound: an all-zero
     * grid with many samples (the samples fell outside it), and a thermal state of n ~ 15
     * fitted with a Fock cutoff of 5.
     */
    @Test
    void unusableDataAreNotReportedAsAFit() {
        WignerData empty = WignerData.of(40, 6.0, new double[1600], null, 1_000_000);
        for (Ansatz a : Ansatz.values()) {
            WignerFit fit = WignerFitter.builder(a).build().fit(empty);
            assertEquals(FitStatus.FAILED, fit.status(), a + ": " + fit.message());
        }
        FockDistribution hot = GibbsState.of(0, -1.0 / 15.5, 1, 200).state();
        WignerData data = WignerData.of(WignerSamples.histogram(hot, 40, 12.0, 200_000, 10, 5), 0);
        WignerFit fitted = WignerFitter.builder(Ansatz.GIBBS).kerr(0).build().fit(data);
        assertTrue(fitted.status() != FitStatus.FAILED, fitted.message());
        WignerFit truncated = WignerFitter.builder(Ansatz.GIBBS).kerr(0).cutoff(5).build()
            .fit(data);
        assertEquals(FitStatus.FAILED, truncated.status(), "cutoff 5: " + truncated.muOverT());
        assertTrue(truncated.message().contains("cutoff"), truncated.message());
    }
}
