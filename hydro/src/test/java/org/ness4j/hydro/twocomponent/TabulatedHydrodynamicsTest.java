package org.ness4j.hydro.twocomponent;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.ness4j.hydro.ed.DrivenXxzHydrodynamics;
import org.ness4j.hydro.ed.GibbsPoint;
import org.ness4j.hydro.ed.XxzChain;
import org.ness4j.hydro.ed.XxzSpectrum;

class TabulatedHydrodynamicsTest {

    private static final int SITES = 8;
    private static XxzSpectrum spectrum;
    private static DrivenXxzHydrodynamics hydro;
    private static TabulatedHydrodynamics table;

    @BeforeAll
    static void setUp() {
        spectrum = XxzSpectrum.compute(XxzChain.paper(SITES));
        hydro = new DrivenXxzHydrodynamics(spectrum, 0.96);
        table = TabulatedHydrodynamics.tabulate(hydro, 25, 13, 0.9, 0.03);
    }

    /** Seeded random grid nodes {i, j}. */
    static Stream<int[]> randomNodes() {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(4004L);
        return IntStream.range(0, 8).mapToObj(k -> new int[] {rng.nextInt(25), rng.nextInt(13)});
    }

    @ParameterizedTest
    @MethodSource("randomNodes")
    void nodesHoldTheEdValuesAndInterpolationIsExactThere(int[] node) {
        int i = node[0];
        int j = node[1];
        double m = table.nodeM(i);
        double e = table.nodeE(i, j);
        GibbsPoint p = hydro.solve(m, e, 1e-12);
        String msg = "node i=" + i + " j=" + j + " (m=" + m + ", e=" + e + ")";
        assertNotNull(p, msg);
        double[] exact = {p.force()[0], p.force()[1], p.noise()[0][0], p.noise()[0][1],
            p.noise()[1][1], p.covariance()[0][0], p.covariance()[0][1], p.covariance()[1][1]};
        double[] out = new double[TabulatedHydrodynamics.QUANTITIES];
        assertTrue(table.evaluate(m, e, 0, TabulatedHydrodynamics.QUANTITIES, out), msg);
        for (int q = 0; q < exact.length; q++) {
            // the Newton solve stops at |q - q*| < 1e-12; derivatives are O(1)
            assertEquals(exact[q], table.nodeValue(i, j, q), 1e-9, msg + " quantity " + q);
            assertEquals(table.nodeValue(i, j, q), out[q], 1e-12, msg + " quantity " + q);
        }
    }

    @Test
    void interpolationErrorIsSecondOrderAwayFromHullKinks() {
        // The hull edges e_-(m), e_+(m) bend at the sector magnetizations m_k = -1 + 2k/N, so
        // the map (m, s) -> (m, e) has kinks there; between kinks bilinear interpolation of
        // smooth functions is second order: at a cell centre the error is
        // (h_m^2 f_mm + h_s^2 f_ss)/8 + O(h^4). For each seeded reference point (kept one
        // coarse cell, 0.1, away from every m_k) the test evaluates at the centre of the cell
        // containing it, on three grids with halved spacings, and sums the errors.
        int[] mPoints = {17, 33, 65};
        int[] sPoints = {9, 17, 33};
        double mMax = 0.8;
        double sMin = 0.05;
        TabulatedHydrodynamics[] grids = new TabulatedHydrodynamics[3];
        for (int g = 0; g < 3; g++) {
            grids[g] = TabulatedHydrodynamics.tabulate(hydro, mPoints[g], sPoints[g], mMax, sMin);
        }
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(4005L);
        double[] err = new double[3];
        double[] out = new double[5];
        for (int k = 0; k < 12; k++) {
            int sector = 1 + rng.nextInt(SITES - 2);
            double m = -1 + 2.0 * sector / SITES + 0.125 + rng.nextDouble(-0.025, 0.025);
            double s = rng.nextDouble(0.15, 0.85);
            for (int g = 0; g < 3; g++) {
                double hm = 2 * mMax / (mPoints[g] - 1);
                double hs = (1 - 2 * sMin) / (sPoints[g] - 1);
                double mc = -mMax + (Math.floor((m + mMax) / hm) + 0.5) * hm;
                double sc = sMin + (Math.floor((s - sMin) / hs) + 0.5) * hs;
                double lo = table.lowerEnergy(mc);
                double e = lo + sc * (table.upperEnergy(mc) - lo);
                GibbsPoint p = hydro.solve(mc, e, 1e-12);
                assertNotNull(p, "m=" + mc + " e=" + e);
                double[] exact = {p.force()[0], p.force()[1], p.noise()[0][0],
                    p.noise()[0][1], p.noise()[1][1]};
                grids[g].evaluate(mc, e, 0, 5, out);
                for (int q = 0; q < 5; q++) {
                    err[g] += Math.abs(out[q] - exact[q]);
                }
            }
        }
        double order1 = Math.log(err[0] / err[1]) / Math.log(2);
        double order2 = Math.log(err[1] / err[2]) / Math.log(2);
        String msg = "summed errors " + java.util.Arrays.toString(err);
        assertTrue(order1 > 1.7 && order1 < 2.3, "order " + order1 + ", " + msg);
        assertTrue(order2 > 1.7 && order2 < 2.3, "order " + order2 + ", " + msg);
    }

    @Test
    void hullContainsEverySpectrumPointAndTouchesTheFerromagnet() {
        for (int n = 0; n < spectrum.size(); n++) {
            double m = spectrum.magnetization(n) / SITES;
            double e = spectrum.energy(n) / SITES;
            String msg = "state " + n + " (m=" + m + ", e=" + e + ")";
            assertTrue(table.lowerEnergy(m) <= e + 1e-12, msg);
            assertTrue(table.upperEnergy(m) >= e - 1e-12, msg);
        }
        // all spins up: E = J Delta N, the only state at m = 1
        assertEquals(1.0, table.lowerEnergy(1.0), 1e-12);
        assertEquals(1.0, table.upperEnergy(1.0), 1e-12);
    }

    @Test
    void pointsOffTheGridAreClampedAndReported() {
        double[] out = new double[2];
        double[] edge = new double[2];
        // beyond mMax: evaluated at mMax with the same energy
        assertFalse(table.evaluate(0.97, 0.95, 0, 2, out));
        assertTrue(table.evaluate(table.mMax(), 0.95, 0, 2, edge));
        assertArrayEquals(edge, out, 1e-12);
        // above the upper hull: evaluated at s = 1 - sMin
        assertFalse(table.evaluate(0.1, 1.2, 0, 2, out));
        double lo = table.lowerEnergy(0.1);
        double e = lo + (1 - table.sMin()) * (table.upperEnergy(0.1) - lo);
        assertTrue(table.evaluate(0.1, e, 0, 2, edge));
        assertArrayEquals(edge, out, 1e-12);
        assertFalse(table.evaluate(Double.NaN, 0.5, 0, 2, out));
        assertTrue(Double.isNaN(out[0]));
    }

    @Test
    void rejectsBadArgumentsNamingThem() {
        IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
            () -> TabulatedHydrodynamics.tabulate(hydro, 1, 5, 0.9, 0.05));
        assertTrue(ex.getMessage().contains("mPoints") && ex.getMessage().contains("1"));
        ex = assertThrows(IllegalArgumentException.class,
            () -> TabulatedHydrodynamics.tabulate(hydro, 5, 5, 1.0, 0.05));
        assertTrue(ex.getMessage().contains("mMax"));
        ex = assertThrows(IllegalArgumentException.class,
            () -> TabulatedHydrodynamics.tabulate(hydro, 5, 5, 0.9, Double.NaN));
        assertTrue(ex.getMessage().contains("sMin") && ex.getMessage().contains("NaN"));
        ex = assertThrows(IllegalArgumentException.class, () -> table.lowerEnergy(1.5));
        assertTrue(ex.getMessage().contains("1.5"));
    }
}
