package org.ness4j.observables;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;
import org.ness4j.core.stat.Estimate;

/**
 * Wigner histograms, Fock populations and correlations on states with known answers (vacuum,
 * coherent, thermal), sampled exactly from their Gaussian Wigner functions. Tolerance: 5
 * jackknife standard errors (false-failure probability below 1e-6 per assertion).
 */
class KnownStatesTest {

    private static void within(double expected, Estimate e, String what) {
        assertTrue(Math.abs(e.value() - expected) <= 5 * e.standardError(),
            what + ": expected " + expected + ", got " + e);
    }

    /** Samples of a single mode: mean (br, bi), variance sd^2 per quadrature. */
    private static double[][] samples(double br, double bi, double sd, int n, long seed) {
        ZigguratSampler.NormalizedGaussian g = ZigguratSampler.NormalizedGaussian.of(
            RandomSource.XO_RO_SHI_RO_128_PP.create(seed));
        double[][] s = new double[n][];
        for (int i = 0; i < n; i++) {
            s[i] = new double[] {br + sd * g.sample(), bi + sd * g.sample()};
        }
        return s;
    }

    @Test
    void fockPopulationsOfVacuumCoherentAndThermalStates() {
        int groups = 100;
        int per = 2000;
        // coherent |beta>, |beta|^2 = 2: Poisson; thermal nbar = 1.5: geometric
        double br = 1.2;
        double bi = Math.sqrt(2 - 1.44);
        double nbar = 1.5;
        FockPopulations coh = FockPopulations.of(25, 0);
        FockPopulations th = FockPopulations.of(40, 0);
        FockPopulations vac = FockPopulations.of(5, 0);
        double[][] c = samples(br, bi, 0.5, groups * per, 1);
        double[][] t = samples(0, 0, Math.sqrt((nbar + 0.5) / 2), groups * per, 2);
        double[][] v = samples(0, 0, 0.5, groups * per, 3);
        for (int i = 0; i < groups * per; i++) {
            coh.accept(i / per, c[i]);
            th.accept(i / per, t[i]);
            vac.accept(i / per, v[i]);
        }
        double poisson = Math.exp(-2);
        double geometric = 1 / (1 + nbar);
        for (int n = 0; n <= 6; n++) {
            within(poisson, coh.population(0, n), "coherent p_" + n);
            within(geometric, th.population(0, n), "thermal p_" + n);
            poisson *= 2.0 / (n + 1);
            geometric *= nbar / (1 + nbar);
        }
        within(1, vac.population(0, 0), "vacuum p_0");
        within(0, vac.population(0, 3), "vacuum p_3");
        // thermal entropy (1+n) ln(1+n) - n ln n; weight beyond n = 40 is (0.6)^41 ~ 1e-9
        double s = (1 + nbar) * Math.log(1 + nbar) - nbar * Math.log(nbar);
        Estimate st = th.entropy(0);
        within(s, st, "thermal entropy");
        within(0, th.truncation(0), "truncation");
    }

    @Test
    void wignerHistogramOfACoherentState() {
        // W(alpha) = (2/pi) exp(-2 |alpha - beta|^2), beta = 0.5 + 0.25 i
        WignerHistogram h = WignerHistogram.of(20, 3.0, 0);
        double[][] s = samples(0.5, 0.25, 0.5, 400_000, 4);
        for (int i = 0; i < s.length; i++) {
            h.accept(i / 4000, s[i]);
        }
        for (int i = 6; i < 14; i += 3) {
            for (int j = 6; j < 14; j += 3) {
                double x = h.center(i) - 0.5;
                double y = h.center(j) - 0.25;
                // cell average of the Gaussian, approximated by its centre value plus the
                // second-order correction over a cell of side d: W (1 + d^2/24 (W''/W))
                double d = 0.3;
                double w = 2 / Math.PI * Math.exp(-2 * (x * x + y * y));
                double curvature = (16 * x * x - 4) + (16 * y * y - 4);
                double expected = w * (1 + d * d / 24 * curvature);
                Estimate e = h.density(0, i, j);
                assertTrue(Math.abs(e.value() - expected) <= 5 * e.standardError() + 1e-3 * w,
                    "cell " + i + "," + j + ": " + e + " vs " + expected);
            }
        }
        within(0, h.outsideFraction(0), "outside");
        // cuts through the cells nearest the origin agree with the grid
        double[] re = h.cut(0, true);
        double[] im = h.cut(0, false);
        assertEquals(h.density(0)[12][9], re[12], 0.0);
        assertEquals(h.density(0)[9][12], im[12], 0.0);
        double[] p = h.momentumDistribution(0);
        double sum = 0;
        for (double v : p) {
            sum += v * Math.sqrt(2) * 0.3;
        }
        assertEquals(1.0, sum, 1e-3, "momentum distribution normalization");
    }

    @Test
    void correlationsOfAProductOfCoherentStates() {
        // |beta_0> |beta_1>: <a_0^dag a_1> = conj(beta_0) beta_1, |g1| = 1
        double[] beta = {1.0, -0.5, 0.3, 0.8};
        Correlations c = Correlations.of(new int[] {0, 0}, new int[] {1, 0});
        ZigguratSampler.NormalizedGaussian g = ZigguratSampler.NormalizedGaussian.of(
            RandomSource.XO_RO_SHI_RO_128_PP.create(5L));
        for (int i = 0; i < 200_000; i++) {
            double[] f = new double[4];
            for (int k = 0; k < 4; k++) {
                f[k] = beta[k] + 0.5 * g.sample();
            }
            c.accept(i / 2000, f);
        }
        // conj(1 - 0.5i)(0.3 + 0.8i) = (1 + 0.5i)(0.3 + 0.8i) = -0.1 + 0.95 i
        within(-0.1, c.correlationRe(0, 1), "Re");
        within(0.95, c.correlationIm(0, 1), "Im");
        within(1.0, c.g1Abs(0, 1), "|g1|");
        within(1.25, c.correlationRe(0, 0), "n_0");
    }
}
