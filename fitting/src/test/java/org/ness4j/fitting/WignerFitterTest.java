package org.ness4j.fitting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.ness4j.core.quantum.FockDistribution;
import org.ness4j.core.stat.Estimate;
import org.ness4j.observables.WignerHistogram;

class WignerFitterTest {

    static final int CUTOFF = 128;

    /** The true state of each ansatz at internal parameters (x, y). */
    static FockDistribution truth(Ansatz a, double x, double y) {
        return FockDistribution.of(a.populations(x, y, 0.1, 1.0, CUTOFF));
    }

    /** Ring-shaped states (n ~ 10) where both parameters are identifiable, and W >= 0. */
    static Stream<Arguments> models() {
        return Stream.of(
            Arguments.of(Ansatz.GIBBS, 0.3, Math.log(3.0)),
            Arguments.of(Ansatz.TWO_PHOTON_DECAY, Math.log(1.5), Math.log(0.02)),
            Arguments.of(Ansatz.SCULLY_LAMB, Math.log(1.5), Math.log(0.02)));
    }

    static Stream<Arguments> modelsAndGeometries() {
        return models().flatMap(a -> Stream.of(WignerFitter.Geometry.values())
            .map(g -> Arguments.of(a.get()[0], a.get()[1], a.get()[2], g)));
    }

    static double nonlinear(Ansatz a, double y) {
        return Math.exp(y);
    }

    @ParameterizedTest(name = "{0} {3}")
    @MethodSource("modelsAndGeometries")
    void recoversKnownParameters(Ansatz ansatz, double x, double y,
                                 WignerFitter.Geometry geometry) {
        WignerHistogram h = WignerSamples.histogram(truth(ansatz, x, y), 40, 7.0, 200_000, 20,
            11);
        WignerFit fit = WignerFitter.builder(ansatz).geometry(geometry).cutoff(CUTOFF).build()
            .fit(h, 0);
        String where = ansatz + " " + geometry + " x=" + x + " y=" + y + ": " + fit;
        assertEquals(FitStatus.OK, fit.status(), where);
        // 4 sigma: false-failure probability 6e-5 per assertion
        Estimate mt = fit.muOverT();
        assertTrue(Math.abs(mt.value() - x) < 4 * mt.standardError(), "mu/T " + where);
        Estimate q = fit.parameter(ansatz.nonlinearParameter());
        assertTrue(Math.abs(q.value() - nonlinear(ansatz, y)) < 4 * q.standardError(),
            "nonlinear parameter " + where);
        // chi^2 / nu consistent with 1 at 5 sigma of sqrt(2/nu)
        double nu = fit.degreesOfFreedom();
        assertTrue(Math.abs(fit.reducedChiSquare() - 1) < 5 * Math.sqrt(2 / nu),
            "chi2/nu " + fit.reducedChiSquare() + " " + where);
        // a correct model leaves only counting noise: L2 close to its noise floor
        assertTrue(fit.l2Norm() < 1.5 * fit.l2NoiseFloor(), "L2 " + where);
    }
}
