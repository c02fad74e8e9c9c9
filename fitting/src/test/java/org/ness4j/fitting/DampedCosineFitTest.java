package org.ness4j.fitting;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.ness4j.core.chain.BoseHubbardChain;
import org.ness4j.core.stat.Estimate;
import org.ness4j.observables.Autocorrelation;
import org.ness4j.sde.chain.ChainProblem;
import org.ness4j.sde.ensemble.Ensemble;
import org.ness4j.sde.ensemble.SampleSchedule;

class DampedCosineFitTest {

    static final double NOISE = 0.005;
    static final double[] TAU = IntStream.rangeClosed(0, 160).mapToDouble(k -> 0.05 * k)
        .toArray();

    /** {A1, G1, W1, A2, G2, W2} with G1 >= 2 G2 (separable rates), from a seeded generator. */
    static Stream<Arguments> parameters() {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(47L);
        return IntStream.range(0, 12).mapToObj(i -> {
            double g2 = 0.2 + 0.4 * rng.nextDouble();
            double g1 = g2 * (2 + 2 * rng.nextDouble());
            return Arguments.of((Object) new double[] {0.3 + 0.4 * rng.nextDouble(), g1,
                2 * rng.nextDouble(), 0.3 + 0.4 * rng.nextDouble(), g2, 2 * rng.nextDouble()});
        });
    }

    static double[] sample(double[] p, long seed) {
        ZigguratSampler.NormalizedGaussian g = ZigguratSampler.NormalizedGaussian.of(
            RandomSource.XO_RO_SHI_RO_128_PP.create(seed));
        double[] c = new double[TAU.length];
        for (int i = 0; i < TAU.length; i++) {
            for (int k = 0; k < 2; k++) {
                c[i] += p[3 * k] * Math.exp(-p[3 * k + 1] * TAU[i])
                    * Math.cos(p[3 * k + 2] * TAU[i]);
            }
            c[i] += NOISE * g.sample();
        }
        return c;
    }

    @ParameterizedTest
    @MethodSource("parameters")
    void recoversRates(double[] p) {
        double[] sigma = new double[TAU.length];
        Arrays.fill(sigma, NOISE);
        DampedCosineFit.Result r = DampedCosineFit.fit(TAU, sample(p, 5), sigma);
        String where = "input " + Arrays.toString(p) + " -> " + r;
        // 5 sigma: false-failure probability 6e-7 per assertion
        Estimate g1 = r.components().get(0).rate();
        Estimate g2 = r.components().get(1).rate();
        assertTrue(Math.abs(g1.value() - p[1]) < 5 * g1.standardError(), "Gamma1 " + where);
        assertTrue(Math.abs(g2.value() - p[4]) < 5 * g2.standardError(), "Gamma2 " + where);
    }

    /** Weighted and unweighted errors both cover the truth at the nominal 68% rate (~20 s). */
    @Tag("slow")
    @Test
    void rateErrorsHaveNominalCoverage() {
        double[] p = {0.6, 0.7, 0.3, 0.4, 0.3, 1.2};
        double[] sigma = new double[TAU.length];
        Arrays.fill(sigma, NOISE);
        int n = 100;
        int weighted = 0;
        int unweighted = 0;
        for (int rep = 0; rep < n; rep++) {
            double[] c = sample(p, 100 + rep);
            Estimate w = DampedCosineFit.fit(TAU, c, sigma).components().get(1).rate();
            Estimate u = DampedCosineFit.fit(TAU, c, null).components().get(1).rate();
            weighted += Math.abs(w.value() - p[4]) <= w.standardError() ? 1 : 0;
            unweighted += Math.abs(u.value() - p[4]) <= u.standardError() ? 1 : 0;
        }
        // binomial 3.5-sigma band, false-failure probability ~5e-4 per assertion
        double band = 3.5 * Math.sqrt(0.6827 * 0.3173 / n);
        assertTrue(Math.abs(weighted / (double) n - 0.6827) < band, "weighted " + weighted);
        assertTrue(Math.abs(unweighted / (double) n - 0.6827) < band, "unweighted " + unweighted);
    }

    @Test
    void rejectsBadInput() {
        assertTrue(assertThrows(IllegalArgumentException.class,
            () -> DampedCosineFit.fit(new double[3], new double[3], null)).getMessage()
            .contains("tau.length"));
        assertTrue(assertThrows(IllegalArgumentException.class,
            () -> DampedCosineFit.fit(TAU, new double[5], null)).getMessage()
            .contains("c.length"));
        double[] bad = new double[TAU.length];
        assertTrue(assertThrows(IllegalArgumentException.class,
            () -> DampedCosineFit.fit(TAU, new double[TAU.length], bad)).getMessage()
            .contains("sigma[0]"));
    }

    /**
     * From an ensemble's {@link Autocorrelation} with several groups the
     * fit is weighted, although C(0) = 1 exactly carries a zero error.
     */
    @Test
    void autocorrelationOfSeveralGroupsGivesAWeightedFit() {
        BoseHubbardChain chain = BoseHubbardChain.builder(4).boundaryDrive(6.5).build();
        double dt = 0.01;
        Autocorrelation a = Ensemble.builder(ChainProblem.truncatedWigner(chain))
            .trajectories(8).groupSize(2).dt(dt).steps(30_000).seed(12).build()
            .run(Autocorrelation.observer(new SampleSchedule(10_000, 10), 60, dt, 2))
            .requireSuccess();
        assertTrue(a.value(2, 0).standardError() == 0, "C(0) error " + a.value(2, 0));
        DampedCosineFit.Result r = DampedCosineFit.fit(a, 2, 6.0);
        assertTrue(r.weighted(), "fit not weighted");
        assertTrue(r.components().get(0).rate().standardError() > 0, "" + r);
    }
}
