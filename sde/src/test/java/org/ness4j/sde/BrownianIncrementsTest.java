package org.ness4j.sde;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.stream.Stream;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.ness4j.sde.adaptive.BrownianPath;
import org.ness4j.sde.chain.SplitStep;
import org.ness4j.sde.srk.Sra;
import org.ness4j.sde.srk.Sri;

/**
 * Combining two steps' variates into one step on the same path: checked against the adaptive
 * solver's {@link BrownianPath}, which answers a query over [0, 2h] and then over [0, h] and
 * [h, 2h] consistently (the two halves come from its bridge), for random h and channel counts.
 */
class BrownianIncrementsTest {

    static Stream<long[]> seeds() {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(77L);
        return Stream.generate(() -> new long[] {rng.nextLong(), 1 + rng.nextInt(4)}).limit(8);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void rosslerVariatesOfTwoHalvesCombineIntoTheWholeStep(long[] input) {
        long seed = input[0];
        int m = (int) input[1];
        double h = 0.001 + (seed >>> 11) * 0x1.0p-53;
        BrownianPath path = new BrownianPath(m, 0, ZigguratSampler.NormalizedGaussian.of(
            RandomSource.XO_RO_SHI_RO_128_PP.create(seed)));
        double[] whole = new double[2 * m];
        double[] first = new double[2 * m];
        double[] second = new double[2 * m];
        path.increments(2 * h, whole);
        path.increments(h, first);
        path.advance();
        path.increments(h, second);
        double[] coarse = new double[2 * m];
        for (SdeAlgorithm scheme : new SdeAlgorithm[] {Sra.sra1(), Sri.sriw1()}) {
            scheme.coarsenIncrements(h, 2, first, second, coarse);
            for (int i = 0; i < 2 * m; i++) {
                assertEquals(whole[i], coarse[i], 1e-12 * (1 + Math.abs(whole[i])),
                    "seed " + seed + ", m " + m + ", h " + h + ", variate " + i);
            }
        }
    }

    @Test
    void splitStepHalfStepsAreTheFineSteps() {
        double[] first = {0.3, -0.2, 0.05, 0.7};
        double[] second = {-0.1, 0.4, 0.2, -0.3};
        double[] coarse = new double[4];
        SplitStep.create().coarsenIncrements(0.01, 2, first, second, coarse);
        for (int i = 0; i < 2; i++) {
            // the coarse step's half-step increments W1 = (dW + eta) / 2, W2 = (dW - eta) / 2
            assertEquals(first[i], 0.5 * (coarse[i] + coarse[2 + i]), 1e-15);
            assertEquals(second[i], 0.5 * (coarse[i] - coarse[2 + i]), 1e-15);
        }
        assertThrows(IllegalArgumentException.class,
            () -> SplitStep.create().coarsenIncrements(0.01, 1, first, second, coarse));
    }

    @Test
    void wienerIncrementsAddAndUndeclaredExtraVariatesAreRefused() {
        double[] coarse = new double[2];
        Heun.create().coarsenIncrements(0.1, 1, new double[] {1, 2}, new double[] {3, -5},
            coarse);
        assertEquals(4, coarse[0]);
        assertEquals(-3, coarse[1]);
        SdeAlgorithm undeclared = TestProblems.undeclared(SplitStep.create());
        assertThrows(UnsupportedOperationException.class,
            () -> undeclared.coarsenIncrements(0.1, 2, coarse, coarse, new double[2]));
        assertThrows(IllegalArgumentException.class,
            () -> BrownianIncrements.sum(new double[1], new double[2], new double[2]));
    }
}
