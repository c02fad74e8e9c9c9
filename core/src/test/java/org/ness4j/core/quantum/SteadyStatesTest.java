package org.ness4j.core.quantum;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.hipparchus.complex.Complex;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Direct steady-state solver against exact results: the Drummond-Walls Kerr oscillator and the
 * birth-death fast path of phase-invariant models.
 */
class SteadyStatesTest {

    /**
     * Kerr oscillator: direct solve at a converged cutoff equals the exact complex-P moments.
     * Tolerance: LU with partial pivoting on ~600 unknowns, residual ~ n * eps * cond; the
     * measured error is ~1e-15, we allow 1e-11.
     */
    @ParameterizedTest(name = "Delta={0} U={1} F={2} kappa={3}")
    @CsvSource({"1.0, 0.5, 1.5, 1.0", "2.5, 0.1, 1.0, 1.0", "0.5, 1.0, 2.0, 1.0",
        "-1.0, 0.3, 1.2, 1.0", "-1.0, -0.3, -1.2, 1.0", "2.0, 1.0, 1.0, 0.4"})
    void kerrOscillatorMatchesDrummondWalls(double delta, double u, double f, double kappa) {
        DrivenKerrOscillator k = DrivenKerrOscillator.of(delta, u, f, kappa);
        int cutoff = 24;
        DensityMatrix rho = SteadyStates.direct(k.lindbladian(cutoff));
        FockSpace s = FockSpace.of(cutoff);
        String what = "Delta=" + delta + " U=" + u + " F=" + f + " kappa=" + kappa;
        assertTrue(rho.diagonal()[cutoff] < 1e-13, "cutoff not converged: p_N = "
            + rho.diagonal()[cutoff] + " for " + what);
        assertEquals(1.0, rho.trace().getReal(), 1e-13, what);
        assertTrue(rho.hermiticityError() < 1e-14, what);
        double n = rho.expectation(s.number(0)).getReal();
        Complex a = rho.expectation(s.annihilation(0));
        SparseOperator ad2a2 = s.creation(0).times(s.creation(0)).times(s.annihilation(0))
            .times(s.annihilation(0));
        double m2 = rho.expectation(ad2a2).getReal();
        double tol = 1e-11 * Math.max(1, k.exactMeanPhotonNumber());
        assertEquals(k.exactMeanPhotonNumber(), n, tol, "n for " + what);
        assertEquals(k.exactField().getReal(), a.getReal(), tol, "Re<a> for " + what);
        assertEquals(k.exactField().getImaginary(), a.getImaginary(), tol, "Im<a> for " + what);
        assertEquals(k.exactSecondFactorialMoment(), m2, tol * Math.max(1, n), "a+2a2 " + what);
    }

    /**
     * Cutoff dependence converges: the error in n decreases monotonically with the cutoff and
     * stays below the tail estimate 10 (N + 1) p_N + 1e-13 (the missing weight beyond N carries
     * photon numbers of order N; p_m decays at least geometrically there; 1e-13 is the LU
     * round-off floor).
     */
    @Test
    void kerrCutoffDependenceConverges() {
        DrivenKerrOscillator k = DrivenKerrOscillator.of(1.0, 0.5, 1.5, 1.0);
        double previous = Double.POSITIVE_INFINITY;
        int[] cutoffs = {6, 9, 12, 15, 18, 21};
        for (int cutoff : cutoffs) {
            DensityMatrix rho = SteadyStates.direct(k.lindbladian(cutoff));
            double n = rho.expectation(FockSpace.of(cutoff).number(0)).getReal();
            double err = Math.abs(n - k.exactMeanPhotonNumber());
            double pN = Math.abs(rho.diagonal()[cutoff]);
            assertTrue(err <= 10 * (cutoff + 1) * pN + 1e-13,
                "N=" + cutoff + " err " + err + " p_N " + pN);
            assertTrue(err < previous || err < 1e-13, "N=" + cutoff + " err " + err
                + " not below " + previous);
            previous = err;
        }
        assertTrue(previous < 1e-12, "final error " + previous);
    }

    /** In the U -> 0 limit the exact field tends to the coherent amplitude F/(Delta + i kappa/2). */
    @Test
    void kerrExactSolutionHasTheCoherentLimit() {
        DrivenKerrOscillator k = DrivenKerrOscillator.of(2.5, 1e-6, 1.0, 1.0);
        Complex coherent = new Complex(1.0, 0).divide(new Complex(2.5, 0.5));
        // first-order correction in U is of relative size U n / |Delta + i kappa/2| ~ 1e-7
        assertEquals(coherent.getReal(), k.exactField().getReal(), 1e-6);
        assertEquals(coherent.getImaginary(), k.exactField().getImaginary(), 1e-6);
        assertEquals(1.0, k.exactG2(), 1e-5);
    }

    @Test
    void directSolverMatchesBirthDeathFastPath() {
        TwoPhotonDecayModel m = TwoPhotonDecayModel.builder().gammaUp(2.0).gammaDown(1.0)
            .gammaS(0.2).gammaPhi(0.7).omega0(1.3).kerr(0.1).cutoff(30).build();
        DensityMatrix rho = SteadyStates.direct(m.model().lindbladian());
        double[] p = m.steadyState().populations();
        double[] q = rho.diagonal();
        for (int n = 0; n <= 30; n++) {
            assertEquals(p[n], q[n], 1e-13, "p_" + n);
        }
        double off = 0;
        for (int i = 0; i <= 30; i++) {
            for (int j = 0; j <= 30; j++) {
                if (i != j) {
                    off = Math.max(off, Math.hypot(rho.re(i, j), rho.im(i, j)));
                }
            }
        }
        assertTrue(off < 1e-14, "steady state must be diagonal: " + off);
    }

    @Test
    void twoModeThermalProductState() {
        // two independent thermal modes: gamma_up a^dag, gamma_down a on each; product of
        // geometric distributions with ratios r_m = up_m / down_m
        FockSpace s = FockSpace.of(5, 4);
        Lindbladian l = Lindbladian.builder()
            .hamiltonian(s.number(0).scale(0.7).plus(s.number(1).scale(-0.2)))
            .jump(0.3, s.creation(0)).jump(1.0, s.annihilation(0))
            .jump(0.5, s.creation(1)).jump(1.5, s.annihilation(1)).build();
        DensityMatrix rho = SteadyStates.direct(l);
        double z0 = 0;
        double z1 = 0;
        for (int n = 0; n <= 5; n++) {
            z0 += Math.pow(0.3, n);
        }
        for (int n = 0; n <= 4; n++) {
            z1 += Math.pow(1.0 / 3, n);
        }
        for (int n0 = 0; n0 <= 5; n0++) {
            for (int n1 = 0; n1 <= 4; n1++) {
                int i = s.index(n0, n1);
                double expected = Math.pow(0.3, n0) / z0 * Math.pow(1.0 / 3, n1) / z1;
                assertEquals(expected, rho.re(i, i), 1e-14, "p(" + n0 + "," + n1 + ")");
            }
        }
    }

    @Test
    void rejectsTooLargeAndSingularProblems() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> SteadyStates.direct(Lindbladian.builder()
                .jump(1.0, FockSpace.of(70).annihilation(0)).build()));
        assertTrue(e.getMessage().contains("70") || e.getMessage().contains("71"), e.getMessage());
        // pure Hamiltonian dynamics: every diagonal state is stationary -> singular
        assertThrows(IllegalStateException.class, () -> SteadyStates.direct(
            Lindbladian.builder().hamiltonian(FockSpace.of(3).number(0)).build()));
    }
}
