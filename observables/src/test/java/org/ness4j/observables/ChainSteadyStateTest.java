package org.ness4j.observables;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.ness4j.sde.Heun;
import org.ness4j.sde.SdeAlgorithm;
import org.ness4j.sde.chain.SplitStep;
import org.ness4j.core.chain.BoseHubbardChain;
import org.ness4j.core.stat.Estimate;
import org.ness4j.sde.chain.ChainProblem;
import org.ness4j.sde.ensemble.Ensemble;
import org.ness4j.sde.ensemble.SampleSchedule;

/**
 * Physics anchors of the truncated Wigner chain (SPEC section 1) with statistical tolerances of
 * 5 jackknife standard errors (false-failure probability below 1e-6 per assertion for
 * Gaussian-distributed estimates).
 */
class ChainSteadyStateTest {

    private static SiteMoments steadyState(BoseHubbardChain chain, long trajectories,
                                           double transientTime, double window, long seed) {
        return steadyState(chain, Heun.create(), trajectories, transientTime, window, seed);
    }

    private static SiteMoments steadyState(BoseHubbardChain chain, SdeAlgorithm algorithm,
                                           long trajectories, double transientTime,
                                           double window, long seed) {
        double dt = 0.01;
        long first = Math.round(transientTime / dt);
        long steps = first + Math.round(window / dt);
        return Ensemble.builder(ChainProblem.truncatedWigner(chain)).algorithm(algorithm)
            .trajectories(trajectories).dt(dt).steps(steps).seed(seed).build()
            .run(SiteMoments.observer(new SampleSchedule(first, 20), allSites(chain.length())))
            .requireSuccess();
    }

    private static int[] allSites(int length) {
        int[] s = new int[length];
        for (int l = 0; l < length; l++) {
            s[l] = l;
        }
        return s;
    }

    private static void assertWithin(double expected, Estimate e, String what) {
        assertTrue(Math.abs(e.value() - expected) <= 5 * e.standardError(),
            what + ": expected " + expected + ", got " + e);
    }

    static Stream<SdeAlgorithm> integrators() {
        return Stream.of(Heun.create(), SplitStep.create());
    }

    @ParameterizedTest
    @MethodSource("integrators")
    void linearChainReachesTheExactCoherentSteadyState(SdeAlgorithm algorithm) {
        // U = 0: product of coherent states |alpha_ss>, n_l = |alpha_ss,l|^2, delta n_l = 0,
        // <|d alpha_l|^2> = 1/2. The slowest mode decays at rate 0.083 here: transient 150 is 12 e-folds.
        BoseHubbardChain chain = BoseHubbardChain.builder(5).interaction(0).boundaryDrive(3)
            .build();
        double[] alpha = chain.linearSteadyState();
        SiteMoments m = steadyState(chain, algorithm, 64, 150, 100, 31);
        for (int l = 0; l < chain.length(); l++) {
            double re = alpha[2 * l];
            double im = alpha[2 * l + 1];
            assertWithin(re, m.fieldRe(l), "Re <a> at " + l);
            assertWithin(im, m.fieldIm(l), "Im <a> at " + l);
            assertWithin(re * re + im * im, m.photonNumber(l), "n at " + l);
            assertWithin(0, m.numberFluctuation(l), "delta n at " + l);
            // Wigner covariance <|alpha - <alpha>|^2> = 1/2
            assertWithin(0.5, m.fieldVariance(l), "covariance at " + l);
        }
        assertTrue(m.photonNumber(4).value() > 0.05, "the drive must reach the far end");
    }

    @Test
    void vacuumStaysVacuum() {
        // F = 0: the steady state and every time is the vacuum, n_l = 0, delta n_l = 0
        BoseHubbardChain chain = BoseHubbardChain.builder(4).build();
        long steps = 3000;
        SiteMoments m = Ensemble.builder(ChainProblem.truncatedWigner(chain)).trajectories(400)
            .dt(0.01).steps(steps).seed(5).build()
            .run(SiteMoments.observer(new SampleSchedule(0, 100), 0, 1, 2, 3)).requireSuccess();
        for (int l = 0; l < 4; l++) {
            assertWithin(0, m.photonNumber(l), "n at " + l);
            assertWithin(0, m.numberFluctuation(l), "delta n at " + l);
            assertWithin(0, m.fieldRe(l), "Re <a> at " + l);
        }
    }

    @Test
    void signSymmetryGivesTheSamePhotonStatistics() {
        // (U, Delta, J, F) -> (-U, -Delta, -J, -F) maps each trajectory to the complex conjugate
        // of another one: photon statistics agree within the combined standard error (5 sigma).
        BoseHubbardChain chain = BoseHubbardChain.builder(4).boundaryDrive(6).build();
        SiteMoments a = steadyState(chain, 96, 60, 100, 41);
        SiteMoments b = steadyState(chain.mirrored(), 96, 60, 100, 42);
        for (int l = 0; l < 4; l++) {
            Estimate na = a.photonNumber(l);
            Estimate nb = b.photonNumber(l);
            assertTrue(Math.abs(na.value() - nb.value()) <= 5 * Math.hypot(na.standardError(),
                nb.standardError()), "n at " + l + ": " + na + " vs " + nb);
            Estimate da = a.numberFluctuation(l);
            Estimate db = b.numberFluctuation(l);
            assertTrue(Math.abs(da.value() - db.value()) <= 5 * Math.hypot(da.standardError(),
                db.standardError()), "delta n at " + l + ": " + da + " vs " + db);
            // the field is conjugated: Re equal, Im opposite
            Estimate ia = a.fieldIm(l);
            Estimate ib = b.fieldIm(l);
            assertTrue(Math.abs(ia.value() + ib.value()) <= 5 * Math.hypot(ia.standardError(),
                ib.standardError()), "Im <a> at " + l + ": " + ia + " vs " + ib);
        }
    }
}
