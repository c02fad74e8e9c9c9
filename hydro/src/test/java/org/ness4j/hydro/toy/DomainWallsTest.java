package org.ness4j.hydro.toy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class DomainWallsTest {

    static Stream<int[]> wallConfigurations() {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(314L);
        return IntStream.range(0, 6).mapToObj(i -> new int[] {2 * rng.nextInt(1, 8), rng.nextInt()});
    }

    @ParameterizedTest
    @MethodSource("wallConfigurations")
    void countsPlantedWallsDespiteNoise(int[] in) {
        int walls = in[0];
        int n = 4000;
        double[] m = new double[n];
        int spacing = n / walls;
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(in[1]);
        ZigguratSampler.NormalizedGaussian g = ZigguratSampler.NormalizedGaussian.of(rng);
        int shift = rng.nextInt(n);
        for (int i = 0; i < n; i++) {
            int k = Math.floorMod(i - shift, n);
            double sign = ((k / spacing) % 2 == 0) ? 1 : -1;
            if (k / spacing >= walls) {
                sign = -1; // remainder cells join the last (negative) domain
            }
            m[(i) % n] = 0.6 * sign + 0.3 * g.sample();
        }
        DomainWallCounter c = DomainWallCounter.of(0.3, 16);
        assertEquals(walls, c.count(m, 0, n, new double[n]), "walls " + walls + " seed " + in[1]);
    }

    @Test
    void uniformAndSubThresholdProfilesHaveNoWalls() {
        DomainWallCounter c = DomainWallCounter.of(0.3, 1);
        double[] m = new double[100];
        assertEquals(0, c.count(m, 0, 100, new double[100]));
        for (int i = 0; i < 100; i++) {
            m[i] = 0.29 * Math.sin(i);
        }
        assertEquals(0, c.count(m, 0, 100, new double[100]));
        assertThrows(IllegalArgumentException.class, () -> DomainWallCounter.of(Double.NaN, 1));
    }

    @Test
    void fitRecoversExactLawAndErrorsScale() {
        double[] eps = {0.1, 0.15, 0.2, 0.3, 0.4};
        double[] n = new double[eps.length];
        double[] err = new double[eps.length];
        for (int i = 0; i < eps.length; i++) {
            n[i] = 3.2e-2 * Math.exp(-0.774 / Math.sqrt(eps[i]));
            err[i] = 0.05 * n[i];
        }
        ExponentialFit f = ExponentialFit.fit(eps, n, err);
        assertEquals(3.2e-2, f.amplitude(), 1e-12);
        assertEquals(0.774, f.exponent(), 1e-12);
        assertEquals(0, f.chiSquare(), 1e-12);
        assertTrue(f.exponentError() > 0 && f.amplitudeError() > 0);
        ExponentialFit g = ExponentialFit.fit(eps, n, scale(err, 2));
        assertEquals(2 * f.exponentError(), g.exponentError(), 1e-12);
    }

    @Test
    void fitErrorsCoverTheTruthForNoisyData() {
        // 200 synthetic data sets with 5% Gaussian errors: the fraction with |c - c_true| < sigma_c
        // must be ~68%; binomial sd = 3.3%, so [0.58, 0.78] fails with probability ~2e-3.
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(2718L);
        ZigguratSampler.NormalizedGaussian g = ZigguratSampler.NormalizedGaussian.of(rng);
        double[] eps = {0.08, 0.1, 0.15, 0.2, 0.3, 0.4};
        int covered = 0;
        for (int t = 0; t < 200; t++) {
            double[] n = new double[eps.length];
            double[] err = new double[eps.length];
            for (int i = 0; i < eps.length; i++) {
                double exact = 3.2e-2 * Math.exp(-0.774 / Math.sqrt(eps[i]));
                err[i] = 0.05 * exact;
                n[i] = exact * Math.exp(0.05 * g.sample());
            }
            ExponentialFit f = ExponentialFit.fit(eps, n, err);
            if (Math.abs(f.exponent() - 0.774) < f.exponentError()) {
                covered++;
            }
        }
        assertTrue(covered >= 116 && covered <= 156, "covered " + covered + " of 200");
    }

    @Test
    void statisticsAreIndependentOfThreadCount() {
        ToyModel model = smallModel();
        DomainWallCounter c = DomainWallCounter.forModel(model);
        DomainWallStatistics.Result one = DomainWallStatistics.measure(model, c,
            new DomainWallStatistics.Settings(3, 5, 1, 5, 17L, 1));
        DomainWallStatistics.Result two = DomainWallStatistics.measure(model, c,
            new DomainWallStatistics.Settings(3, 5, 1, 5, 17L, 2));
        assertArrayEquals(one.replicaDensities(), two.replicaDensities());
        assertEquals(one.density(), two.density());
    }

    /** One replica: the density is the mean of every sample (blocks only give the error). */
    @Test
    void singleReplicaDensityUsesEverySample() {
        ToyModel model = smallModel();
        DomainWallCounter c = DomainWallCounter.forModel(model);
        DomainWallStatistics.Result r = DomainWallStatistics.measure(model, c,
            new DomainWallStatistics.Settings(1, 5, 1, 19, 23L, 1));
        assertEquals(r.replicaDensities()[0], r.density(), 1e-15);
        double sum = 0;
        for (double v : r.meanSeries()) {
            sum += v;
        }
        assertEquals(sum / 19, r.density(), 1e-12);
    }

    /** A profile that blew up cannot be counted: refused, not counted as "no walls". */
    @Test
    void counterRefusesNonFiniteProfilesAndBadRanges() {
        DomainWallCounter c = DomainWallCounter.of(0.3, 4);
        double[] m = new double[40];
        java.util.Arrays.fill(m, 0.5);
        m[17] = Double.NaN;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> c.count(m, 0, 40, new double[40]));
        assertTrue(e.getMessage().contains("non-finite"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
            () -> c.count(new double[40], 10, 40, new double[40]));
        assertTrue(e.getMessage().contains("must lie in m"), e.getMessage());
    }

    /**
     * The default counter's window is a fixed length, 4 units of a (round(4 / dx) cells) at
     * every eps; with the old quarter-wall-width rule it was 15 cells at eps 0.1 and 7 at 0.4
     * (dx = 0.25).
     */
    @ParameterizedTest
    @MethodSource("epsAndDx")
    void defaultCounterWindowIsAFixedLength(double[] in) {
        ToyModel model = ToyModel.builder().eps(in[0]).dx(in[1]).dt(1e-4).length(300 * in[1])
            .build();
        DomainWallCounter c = DomainWallCounter.forModel(model);
        String msg = "eps " + in[0] + " dx " + in[1];
        assertEquals(Math.round(4 / in[1]), c.window(), msg);
        assertEquals(0.5 * model.m0(), c.threshold(), 1e-15, msg);
        assertEquals(Math.round(2 / in[1]), DomainWallCounter.forModel(model, 2.0).window(), msg);
    }

    static Stream<double[]> epsAndDx() {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(2024L);
        return IntStream.range(0, 6).mapToObj(i -> new double[] {0.05 + 0.5 * rng.nextDouble(),
            0.125 * (1 + rng.nextInt(4))});
    }

    @Test
    void quarterWallWidthCounterKeepsTheOldWindow() {
        // wall width x0 / sqrt(eps), x0 = sqrt(8 / (5 * 0.875 - 4)) = 4.6188: a quarter of it
        // is 3.65 (eps 0.1) and 1.83 (eps 0.4), i.e. 14.6 and 7.3 cells of 0.25
        ToyModel a = ToyModel.builder().eps(0.1).length(100).build();
        ToyModel b = ToyModel.builder().eps(0.4).length(100).build();
        assertEquals(15, DomainWallCounter.forModelQuarterWallWidth(a).window());
        assertEquals(7, DomainWallCounter.forModelQuarterWallWidth(b).window());
        assertEquals(0.5 * b.m0(), DomainWallCounter.forModelQuarterWallWidth(b).threshold());
        assertThrows(IllegalArgumentException.class, () -> DomainWallCounter.forModel(a, 0));
        assertThrows(IllegalArgumentException.class,
            () -> DomainWallCounter.forModel(a, Double.POSITIVE_INFINITY));
        assertThrows(IllegalArgumentException.class, () -> DomainWallCounter.forModelQuarterWallWidth(
            a.toBuilder().gamma(0.5).build()));
    }

    /** Several counters on the same snapshots give what each gives alone. */
    @Test
    void severalCountersEqualSingleCounterRuns() {
        ToyModel model = smallModel();
        DomainWallCounter a = DomainWallCounter.forModel(model);
        DomainWallCounter b = DomainWallCounter.forModelQuarterWallWidth(model);
        DomainWallStatistics.Settings s = new DomainWallStatistics.Settings(3, 5, 1, 5, 17L, 2);
        java.util.List<DomainWallStatistics.Result> both = DomainWallStatistics.measure(model,
            java.util.List.of(a, b), s);
        assertArrayEquals(DomainWallStatistics.measure(model, a, s).replicaDensities(),
            both.get(0).replicaDensities());
        assertArrayEquals(DomainWallStatistics.measure(model, b, s).replicaDensities(),
            both.get(1).replicaDensities());
        assertThrows(IllegalArgumentException.class,
            () -> DomainWallStatistics.measure(model, java.util.List.of(), s));
    }

    /** A short chain with walls forming quickly (eps 0.3, no conserved noise). */
    private static ToyModel smallModel() {
        return ToyModel.builder().eps(0.3).thermalNoiseStrength(0).length(100).build();
    }

    private static double[] scale(double[] a, double s) {
        double[] out = a.clone();
        for (int i = 0; i < out.length; i++) {
            out[i] *= s;
        }
        return out;
    }
}
