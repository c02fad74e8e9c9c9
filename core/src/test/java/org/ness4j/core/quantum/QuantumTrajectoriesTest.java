package org.ness4j.core.quantum;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.ness4j.core.chain.BoseHubbardChain;
import org.ness4j.core.stat.Estimate;

/**
 * Monte Carlo wave-function trajectories (paper 000, SI Eq. 16-19) against the exact Lindblad
 * solution at the same Fock cutoff, reproducibility across thread counts, and input validation.
 *
 * <p>Statistical tolerances: every comparison allows 4 jackknife standard errors (plus 1e-9
 * absolute). With 40 independent groups the jackknife error is itself uncertain by about
 * 1/sqrt(2*39) = 11 %, so a single comparison fails with probability about P(|t_39| > 4) =
 * 3e-4; a test making k comparisons fails by chance with probability below k * 3e-4 (at most
 * 6e-3 for the 20 comparisons of the time-resolved test). The seeds are fixed, so the outcome
 * is deterministic; these numbers bound how likely a correct implementation is to have been
 * unlucky. Systematic errors (RK4 at the default step, jump-time location) are far below the
 * statistical ones: the default step keeps rho*dt <= 1, where RK4's local error on the occupied
 * low-energy states is below 1e-8.
 */
class QuantumTrajectoriesTest {

    private static final double SIGMAS = 4.0;

    private static void assertWithin(double exact, Estimate e, String what) {
        double tol = SIGMAS * e.standardError() + 1e-9;
        assertTrue(Double.isFinite(e.standardError()), what + ": no error estimate");
        assertEquals(exact, e.value(), tol, what + ": exact " + exact + ", MCWF " + e);
    }

    /** Single driven, damped Kerr mode: window averages equal the exact steady state. */
    @Test
    void singleKerrModeConvergesToExactSteadyState() {
        int cutoff = 12;
        DrivenKerrOscillator kerr = DrivenKerrOscillator.of(1.0, 0.5, 1.0, 1.0);
        Lindbladian l = kerr.lindbladian(cutoff);
        FockSpace s = FockSpace.of(cutoff);
        DensityMatrix rho = SteadyStates.direct(l);
        double n = rho.expectation(s.number(0)).getReal();
        double n2 = rho.expectation(s.number(0).times(s.number(0))).getReal();
        double dn = n2 - n - n * n;
        QuantumTrajectories q = QuantumTrajectories.builder(l, s).endTime(30).window(10, 30)
            .sampleInterval(0.2).trajectories(200).groupSize(5).seed(11).threads(2).build();
        QuantumTrajectories.Result r = q.run();
        assertTrue(r.failures().isEmpty(), r.failures().toString());
        assertWithin(n, r.photonNumber(0), "n");
        assertWithin(n2, r.meanSquareNumber(0), "<n^2>");
        assertWithin(dn, r.numberFluctuation(0), "delta n");
        assertWithin(rho.expectation(s.annihilation(0)).getReal(), r.fieldRe(0), "Re <a>");
        assertWithin(rho.expectation(s.annihilation(0)).getImaginary(), r.fieldIm(0), "Im <a>");
        // the test must be able to fail: the error bars are small compared with n and delta n
        assertTrue(r.photonNumber(0).standardError() < 0.05 * n, r.photonNumber(0).toString());
        // jumps happen at the photon loss rate kappa * n on average
        assertTrue(r.meanJumps() > 0.5 * 30 * n, "jumps " + r.meanJumps());
    }

    /**
     * Bose-Hubbard dimer (L = 2, U = 0.3, F = 1.2): the time-resolved ensemble averages follow
     * the exactly propagated density matrix, and the window averages its steady state.
     */
    @Test
    void dimerFollowsExactLindbladDynamics() {
        BoseHubbardChain chain = BoseHubbardChain.builder(2).interaction(0.3).boundaryDrive(1.2)
            .build();
        // the comparison is at the same truncation, so a small cutoff suffices
        int cutoff = 4;
        FockSpace s = ChainOperators.uniformSpace(chain, cutoff);
        Lindbladian l = ChainOperators.lindbladian(chain, s);
        QuantumTrajectories q = QuantumTrajectories.builder(l, s).endTime(24).window(12, 24)
            .sampleInterval(0.5).trajectories(200).groupSize(5).seed(7).threads(2)
            .timeResolved(true).build();
        QuantumTrajectories.Result r = q.run();
        assertTrue(r.failures().isEmpty(), r.failures().toString());

        int d = s.dimension();
        double[] re = new double[d * d];
        double[] im = new double[d * d];
        re[0] = 1.0;
        double h = 2e-3;
        LindbladRk4 p = new LindbladRk4(l);
        double[] times = r.sampleTimes();
        double t = 0;
        for (double target : new double[] {0.5, 1.0, 2.0, 4.0, 8.0}) {
            int steps = (int) Math.round((target - t) / h);
            for (int k = 0; k < steps; k++) {
                p.step(re, im, h);
            }
            t = target;
            int idx = (int) Math.round(target / 0.5);
            assertEquals(target, times[idx], 1e-12);
            DensityMatrix rho = DensityMatrix.of(d, re, im);
            for (int m = 0; m < 2; m++) {
                double n = rho.expectation(s.number(m)).getReal();
                double n2 = rho.expectation(s.number(m).times(s.number(m))).getReal();
                assertWithin(n, r.photonNumber(m, idx), "n_" + m + "(t=" + target + ")");
                assertWithin(n2 - n - n * n, r.numberFluctuation(m, idx),
                    "delta n_" + m + "(t=" + target + ")");
            }
        }
        DensityMatrix ss = SteadyStates.direct(l);
        for (int m = 0; m < 2; m++) {
            double n = ss.expectation(s.number(m)).getReal();
            double n2 = ss.expectation(s.number(m).times(s.number(m))).getReal();
            assertWithin(n, r.photonNumber(m), "steady n_" + m);
            assertWithin(n2 - n - n * n, r.numberFluctuation(m), "steady delta n_" + m);
            assertTrue(r.photonNumber(m).standardError() < 0.05 * n);
            // the truncation diagnostic: population of |cutoff> of mode m
            double[] top = new double[d];
            for (int i = 0; i < d; i++) {
                top[i] = s.occupation(i, m) == cutoff ? 1 : 0;
            }
            double pTop = ss.expectation(SparseOperator.diagonal(top)).getReal();
            assertTrue(pTop > 1e-3, "top population " + pTop + " too small to test");
            assertWithin(pTop, r.topPopulation(m), "steady p_top of mode " + m);
        }
    }

    /** A coherent initial state is prepared correctly: <a> and n at t = 0 are those of it. */
    @Test
    void coherentInitialStateHasItsField() {
        FockSpace s = FockSpace.of(30, 30);
        BoseHubbardChain chain = BoseHubbardChain.builder(2).boundaryDrive(0.5).build();
        Lindbladian l = ChainOperators.lindbladian(chain, s);
        QuantumTrajectories q = QuantumTrajectories.builder(l, s)
            .coherentInitialState(new double[] {1.0, -0.5}, new double[] {0.5, 1.5})
            .endTime(0.1).window(0, 0.1).sampleInterval(0.1).trajectories(2).timeResolved(true)
            .dt(0.005).build();
        QuantumTrajectories.Result r = q.run();
        // every trajectory starts in the same pure state: zero spread at t = 0
        assertEquals(1.25, r.photonNumber(0, 0).value(), 1e-9);
        assertEquals(2.5, r.photonNumber(1, 0).value(), 1e-9);
        assertEquals(0.0, r.numberFluctuation(1, 0).value(), 1e-9);
    }

    /** Same seed: bit-identical results for 1, 2 and 3 threads; another seed differs. */
    @Test
    void reproducibleForAnyThreadCount() {
        BoseHubbardChain chain = BoseHubbardChain.builder(2).interaction(0.3).boundaryDrive(1.0)
            .build();
        FockSpace s = ChainOperators.uniformSpace(chain, 4);
        Lindbladian l = ChainOperators.lindbladian(chain, s);
        QuantumTrajectories.Builder b = QuantumTrajectories.builder(l, s).endTime(5)
            .window(1, 5).trajectories(23).groupSize(3).seed(42).timeResolved(true);
        QuantumTrajectories.Result one = b.threads(1).build().run();
        QuantumTrajectories.Result two = b.threads(2).build().run();
        QuantumTrajectories.Result three = b.threads(3).build().run();
        for (QuantumTrajectories.Result other : new QuantumTrajectories.Result[] {two, three}) {
            assertEquals(one.windowSums(), other.windowSums());
            assertEquals(one.meanJumps(), other.meanJumps());
            for (int m = 0; m < 2; m++) {
                assertEquals(one.photonNumber(m).value(), other.photonNumber(m).value());
                assertEquals(one.photonNumber(m).standardError(),
                    other.photonNumber(m).standardError());
                assertEquals(one.numberFluctuation(m).value(),
                    other.numberFluctuation(m).value());
                assertEquals(one.photonNumber(m, 7).value(), other.photonNumber(m, 7).value());
            }
        }
        QuantumTrajectories.Result otherSeed = b.seed(43).threads(2).build().run();
        assertTrue(otherSeed.photonNumber(0).value() != one.photonNumber(0).value());
    }

    @Test
    void rejectsBadInput() {
        FockSpace s = FockSpace.of(4);
        Lindbladian l = DrivenKerrOscillator.of(1.0, 0.5, 1.0, 1.0).lindbladian(4);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> QuantumTrajectories.builder(l, s).dt(-1));
        assertEquals("dt must be positive and finite: -1.0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
            () -> QuantumTrajectories.builder(l, s).dt(Double.NaN));
        assertEquals("dt must be positive and finite: NaN", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
            () -> QuantumTrajectories.builder(l, s).dt(1.0).build());
        assertTrue(e.getMessage().startsWith("dt must be at most 2.6 / rho"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
            () -> QuantumTrajectories.builder(l, s).trajectories(0));
        assertEquals("trajectories must be at least 1: 0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
            () -> QuantumTrajectories.builder(l, s).threads(0));
        assertEquals("threads must be at least 1: 0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
            () -> QuantumTrajectories.builder(l, s).groupSize(0));
        assertEquals("groupSize must be at least 1: 0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
            () -> QuantumTrajectories.builder(l, s).endTime(Double.POSITIVE_INFINITY));
        assertEquals("endTime must be positive and finite: Infinity", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
            () -> QuantumTrajectories.builder(l, s).window(5, 2));
        assertEquals("window.to must be at least window.from = 5.0: 2.0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
            () -> QuantumTrajectories.builder(l, s).endTime(3).window(1, 4).build());
        assertEquals("window.to must be at most endTime = 3.0: 4.0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
            () -> QuantumTrajectories.builder(l, s).initialState(new double[3], new double[3]));
        assertEquals("initial state must have length 5: 3, 3", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
            () -> QuantumTrajectories.builder(l, s).initialState(new double[5], new double[5]));
        assertEquals("initial state must have a positive norm: 0.0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
            () -> QuantumTrajectories.builder(l, FockSpace.of(5)));
        assertEquals("lindbladian.dimension must equal space.dimension = 6: 5", e.getMessage());
        assertThrows(NullPointerException.class, () -> QuantumTrajectories.builder(null, s));
        QuantumTrajectories.Result r = QuantumTrajectories.builder(l, s).endTime(1)
            .trajectories(2).build().run();
        IllegalStateException x = assertThrows(IllegalStateException.class,
            () -> r.photonNumber(0, 0));
        assertTrue(x.getMessage().contains("timeResolved(true)"), x.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> r.photonNumber(1));
        assertEquals("mode must be in [0, 0]: 1", e.getMessage());
    }


    /**
     * RK4 loses a little norm on its own (its amplification factor on the imaginary axis is
     * below 1). Where no jump can act, that loss must not be taken for a jump: a Hamiltonian
     * without jump operators, and a large energy offset with a loss channel that annihilates
     * the vacuum, run without failures and keep their exact photon numbers.
     */
    @Test
    void normLostByRk4WithoutAJumpChannelOnlyRenormalises() {
        FockSpace s = FockSpace.of(6);
        double[] re = new double[s.dimension()];
        double[] im = new double[s.dimension()];
        re[2] = 1; // Fock state |2>
        Lindbladian closed = Lindbladian.builder().hamiltonian(s.number(0).scale(3)).build();
        QuantumTrajectories.Result r = QuantumTrajectories.builder(closed, s).initialState(re, im)
            .dt(0.8 * QuantumTrajectories.builder(closed, s).build().maxStableDt()).endTime(20)
            .window(0, 20).sampleInterval(1).trajectories(8).groupSize(2).seed(3).build().run();
        assertTrue(r.failures().isEmpty(), r.failures().toString());
        assertEquals(2.0, r.photonNumber(0).value(), 1e-12);
        assertEquals(0.0, r.meanJumps());

        Lindbladian offset = Lindbladian.builder()
            .hamiltonian(SparseOperator.identity(s.dimension()).scale(100))
            .jump(0.1, s.annihilation(0)).build();
        QuantumTrajectories.Result v = QuantumTrajectories.builder(offset, s).endTime(20)
            .window(0, 20).sampleInterval(1).trajectories(8).groupSize(2).seed(3).build().run();
        assertTrue(v.failures().isEmpty(), v.failures().toString());
        assertEquals(0.0, v.photonNumber(0).value(), 1e-12);
        assertEquals(0.0, v.meanJumps());
    }
}
