package org.ness4j.core.quantum;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** 2-photon-decay, generalized Scully-Lamb and Gibbs local models (paper 000 Eq. 8-11, 41-44, 48). */
class ImpurityModelsTest {

    /**
     * Eq. 11 / 44: without two-photon loss the 2-photon model is thermal with
     * p_{n+1}/p_n = gamma_up/gamma_down = e^{mu/T}, i.e. the Gibbs state with U = 0.
     */
    @ParameterizedTest(name = "up={0} down={1}")
    @CsvSource({"0.2, 1.0", "0.9, 1.0", "0.5, 3.0"})
    void detailedBalanceLinksTwoPhotonModelAndGibbsState(double up, double down) {
        TwoPhotonDecayModel m = TwoPhotonDecayModel.builder().gammaUp(up).gammaDown(down)
            .gammaPhi(0.4).cutoff(400).build();
        double muOverT = m.muOverT();
        assertEquals(Math.log(up / down), muOverT, 1e-15);
        GibbsState g = GibbsState.of(0.0, muOverT * 2.0, 2.0, 400);
        assertEquals(muOverT, g.muOverT(), 1e-15);
        FockDistribution a = m.steadyState();
        FockDistribution b = g.state();
        for (int n = 0; n <= 60; n++) {
            assertEquals(b.population(n), a.population(n), 1e-14 * Math.max(1, 1e3 * b.population(n)),
                "p_" + n);
        }
        double nb = up / (down - up);
        assertEquals(nb, a.meanPhotonNumber(), 1e-10 * nb);
        assertEquals(2.0, a.g2(), 1e-9);
        assertEquals(nb * nb, a.deltaN(), 1e-9 * nb * nb);
        double entropy = (nb + 1) * Math.log(nb + 1) - nb * Math.log(nb);
        assertEquals(entropy, a.entropy(), 1e-10);
    }

    @Test
    void twoPhotonModelRatesAndDirectSolver() {
        TwoPhotonDecayModel m = TwoPhotonDecayModel.builder().gammaUp(4.0).gammaDown(1.0)
            .gammaS(0.3).gammaPhi(2.0).cutoff(35).build();
        double[] up = m.model().rates(1);
        double[] down = m.model().rates(-1);
        double[] two = m.model().rates(-2);
        for (int n = 0; n < 35; n++) {
            assertEquals(4.0 * (n + 1), up[n], 1e-12);
            assertEquals(1.0 * n, down[n], 1e-12);
            assertEquals(0.3 * n * (n - 1), two[n], 1e-12);
        }
        // both solvers see the same truncated chain; the tail weight only documents the cutoff
        assertTrue(m.steadyState().topPopulation() < 1e-10, "p_N " + m.steadyState().topPopulation());
        DensityMatrix rho = SteadyStates.direct(m.model().lindbladian());
        for (int n = 0; n <= 35; n++) {
            assertEquals(m.steadyState().population(n), rho.re(n, n), 1e-13, "p_" + n);
        }
        // inverted pump saturated by two-photon loss: linear-noise (van Kampen) prediction.
        // Drift A(n) = B - D1 - 2 D2, diffusion Q(n) = B + D1 + 4 D2 with B = g_up (n+1),
        // D1 = g_down n, D2 = g_s n(n-1); A(n*) = 0 and Var = Q(n*) / (2 |A'(n*)|). Corrections
        // are O(1/n*) ~ 0.5 % here; we allow 2 %. Note: super-Poissonian (Fano ~ 1.7), not
        // sub-Poissonian: two-photon saturation adds noise 4 D2.
        TwoPhotonDecayModel lasing = TwoPhotonDecayModel.builder().gammaUp(5.0).gammaDown(1.0)
            .gammaS(0.01).cutoff(800).build();
        FockDistribution s = lasing.steadyState();
        double a = 0.02;
        double b = -(5.0 - 1.0 + 0.02);
        double nStar = (-b + Math.sqrt(b * b + 4 * a * 5.0)) / (2 * a);
        double q = 5.0 * (nStar + 1) + nStar + 0.04 * nStar * (nStar - 1);
        double slope = 5.0 - 1.0 - 0.02 * (2 * nStar - 1);
        double var = q / (2 * Math.abs(slope));
        assertEquals(nStar, s.meanPhotonNumber(), 0.02 * nStar, s.toString());
        assertEquals(var, s.variance(), 0.02 * var, s.toString());
        assertTrue(s.g2() > 1 && s.topPopulation() < 1e-100, "g2 " + s.g2());
    }

    /**
     * Scully-Lamb birth-death rates derived from L_up = a^dag (g_up - S a a^dag)/sqrt(g_up):
     * checked against the full Lindblad solution of the same operators built from FockSpace
     * matrices (independent of PhaseInvariantModel).
     */
    @Test
    void scullyLambRatesMatchTheLindbladSolution() {
        double gUp = 3.0;
        double gDown = 1.0;
        double sat = 0.05;
        double gPhi = 0.8;
        int cutoff = 30; // below g_up/S = 60, so the saturation truncation is inactive
        ScullyLambModel m = ScullyLambModel.builder().gammaUp(gUp).gammaDown(gDown)
            .saturation(sat).gammaPhi(gPhi).kerr(0.1).omega0(0.5).cutoff(cutoff)
            // both solvers see the same truncated chain (p_30 = 0.05), on purpose
            .truncationPolicy(FockTruncation.Policy.IGNORE).build();
        assertEquals(cutoff, m.effectiveCutoff());
        FockSpace s = FockSpace.of(cutoff + 1); // one extra level so that a a^dag is exact <= N
        SparseOperator a = s.annihilation(0);
        SparseOperator ad = s.creation(0);
        SparseOperator aad = a.times(ad);
        SparseOperator lUp = ad.times(s.identity().scale(gUp).plus(aad.scale(-sat)))
            .scale(1 / Math.sqrt(gUp));
        double[] up = m.model().rates(1);
        for (int n = 0; n < cutoff; n++) {
            double amp = lUp.re(n + 1, n);
            assertEquals(amp * amp, up[n], 1e-12 * up[n], "rate " + n + " -> " + (n + 1));
            double derived = (n + 1) * Math.pow(gUp - sat * (n + 1), 2) / gUp;
            assertEquals(derived, up[n], 1e-12 * derived);
        }
        // full Lindbladian on the cutoff+1 space, with the top level's pump removed so the
        // truncation matches the fast path's cutoff
        FockSpace t = FockSpace.of(cutoff);
        SparseOperator at = t.annihilation(0);
        SparseOperator adt = t.creation(0);
        double[] aadDiag = new double[cutoff + 1];
        for (int n = 0; n <= cutoff; n++) {
            aadDiag[n] = n + 1; // exact a a^dag on |n>, no truncation artefact
        }
        SparseOperator aadExact = SparseOperator.diagonal(aadDiag);
        SparseOperator lUpT = adt.times(t.identity().scale(gUp).plus(aadExact.scale(-sat)))
            .scale(1 / Math.sqrt(gUp));
        double[] e = new double[cutoff + 1];
        for (int n = 0; n <= cutoff; n++) {
            e[n] = 0.5 * n + 0.05 * n * (n - 1.0);
        }
        Lindbladian l = Lindbladian.builder().hamiltonian(SparseOperator.diagonal(e))
            .jump(lUpT).jump(gDown, at).jump(gPhi, aadExact).build();
        DensityMatrix rho = SteadyStates.direct(l);
        FockDistribution fast = m.steadyState();
        for (int n = 0; n <= cutoff; n++) {
            assertEquals(fast.population(n), rho.re(n, n), 1e-13, "p_" + n);
        }
    }

    @Test
    void scullyLambSaturationTruncation() {
        ScullyLambModel m = ScullyLambModel.builder().gammaUp(2.0).gammaDown(1.0)
            .saturation(0.1).cutoff(100).build();
        // S (n+1) >= g_up first at n = 19: states above 19 are unreachable
        assertEquals(19, m.effectiveCutoff());
        assertEquals(0.0, m.steadyState().population(20));
        assertTrue(m.steadyState().population(19) > 0);
        assertEquals(Math.log(2.0), m.muOverT(), 1e-15);
    }

    @Test
    void gibbsStateWithKerrAndStatistics() {
        GibbsState g = GibbsState.of(0.1, 3.0, 5.0, 300);
        FockDistribution s = g.state();
        // p_n ~ exp[-(U n^2/2 - mu n)/T], ratio check
        for (int n = 0; n < 100; n++) {
            double ratio = Math.exp(-(0.05 * (2 * n + 1) - 3.0) / 5.0);
            assertEquals(ratio, s.population(n + 1) / s.population(n), 1e-12 * ratio, "n=" + n);
        }
        // peak near mu/U = 30 (prethermal, mu > 0), sub-thermal fluctuations
        assertEquals(30, s.meanPhotonNumber(), 1.0);
        assertTrue(s.g2() < 2 && s.g2() > 1);
        assertTrue(s.topPopulation() < 1e-100);
    }

    @Test
    void buildersRejectBadValues() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> TwoPhotonDecayModel.builder().gammaUp(Double.NaN));
        assertTrue(e.getMessage().contains("gammaUp") && e.getMessage().contains("NaN"));
        e = assertThrows(IllegalArgumentException.class,
            () -> TwoPhotonDecayModel.builder().gammaUp(1).build());
        assertTrue(e.getMessage().contains("gammaDown"), e.getMessage());
        // pump at or above the one-photon loss, no two-photon loss: unbounded
        e = assertThrows(IllegalArgumentException.class,
            () -> TwoPhotonDecayModel.builder().gammaUp(2).gammaDown(1).build());
        assertTrue(e.getMessage().contains("gammaUp = 2.0, gammaDown = 1.0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
            () -> TwoPhotonDecayModel.builder().gammaUp(1).gammaDown(1).build());
        assertTrue(e.getMessage().contains("gammaS = 0"), e.getMessage());
        TwoPhotonDecayModel.builder().gammaUp(0.5).gammaDown(1).build(); // thermal: allowed
        e = assertThrows(IllegalArgumentException.class,
            () -> ScullyLambModel.builder().gammaUp(0));
        assertTrue(e.getMessage().contains("gammaUp"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
            () -> ScullyLambModel.builder().saturation(-1e-3));
        assertTrue(e.getMessage().contains("saturation"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> GibbsState.of(0.1, 1, 0, 10));
        assertTrue(e.getMessage().contains("temperature"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> DrivenKerrOscillator.of(1, 0, 1, 1));
        assertTrue(e.getMessage().contains("kerr"), e.getMessage());
        assertThrows(IllegalStateException.class,
            () -> TwoPhotonDecayModel.builder().gammaDown(1).build().muOverT());
        assertThrows(IllegalStateException.class, () -> FockDistribution.fockState(0, 3).g2());
    }
}
