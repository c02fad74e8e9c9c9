package org.ness4j.fitting;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.ness4j.core.quantum.FockDistribution;
import org.ness4j.core.stat.Estimate;

/**
 * Coverage of the reported standard errors: over independent seeded repetitions, the fraction of
 * fits whose 1-sigma interval contains the true value must be consistent with 68.27%.
 * About 45 s on two cores, hence slow.
 */
@Tag("slow")
class WignerFitterCoverageTest {

    static final int REPETITIONS = 100;
    static final double ONE_SIGMA = 0.6827;

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.ness4j.fitting.WignerFitterTest#models")
    void standardErrorsHaveNominalCoverage(Ansatz ansatz, double x, double y) {
        FockDistribution truth = WignerFitterTest.truth(ansatz, x, y);
        WignerFitter fitter = WignerFitter.builder(ansatz).cutoff(WignerFitterTest.CUTOFF)
            .build();
        int insideX = 0;
        int insideY = 0;
        for (int rep = 0; rep < REPETITIONS; rep++) {
            long seed = 1000L + rep;
            WignerFit fit = fitter.fit(WignerSamples.histogram(truth, 28, 7.0, 30_000, 10, seed),
                0);
            assertTrue(fit.status() == FitStatus.OK, "seed " + seed + ": " + fit);
            Estimate mt = fit.muOverT();
            Estimate q = fit.parameter(ansatz.nonlinearParameter());
            insideX += Math.abs(mt.value() - x) <= mt.standardError() ? 1 : 0;
            insideY += Math.abs(q.value() - Math.exp(y)) <= q.standardError() ? 1 : 0;
        }
        // binomial: 3.5 sigma band, false-failure probability ~5e-4 per assertion
        double band = 3.5 * Math.sqrt(ONE_SIGMA * (1 - ONE_SIGMA) / REPETITIONS);
        double fx = insideX / (double) REPETITIONS;
        double fy = insideY / (double) REPETITIONS;
        assertTrue(Math.abs(fx - ONE_SIGMA) < band, ansatz + ": mu/T coverage " + fx
            + " outside " + ONE_SIGMA + " +- " + band);
        assertTrue(Math.abs(fy - ONE_SIGMA) < band, ansatz + ": " + ansatz.nonlinearParameter()
            + " coverage " + fy + " outside " + ONE_SIGMA + " +- " + band);
    }
}
