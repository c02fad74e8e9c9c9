package org.ness4j.core.quantum;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Two-time correlation <a^dag(tau) a(0)> of diagonal steady states. */
class CoherenceFunctionTest {

    /**
     * Linear model (pump, loss, dephasing, omega0): d<a>/dt = (-i omega0 - (g_down - g_up)/2
     * - g_phi/2) <a>, so G(tau) = n exp[(i omega0 - (g_down - g_up + g_phi)/2) tau] exactly.
     * Errors: truncation (n/(n+1))^N ~ 1e-40 and the matrix exponential (~1e-14 relative per
     * step, 200 steps): 1e-11 absolute.
     */
    @Test
    void thermalLossWithDephasingDecaysExponentially() {
        double up = 0.3;
        double down = 1.0;
        double phi = 0.8;
        double w0 = 1.7;
        TwoPhotonDecayModel m = TwoPhotonDecayModel.builder().gammaUp(up).gammaDown(down)
            .gammaPhi(phi).omega0(w0).cutoff(80).build();
        CoherenceFunction g = m.coherence(0.05, 200);
        double n = m.steadyState().meanPhotonNumber();
        double rate = 0.5 * (down - up + phi);
        double[] tau = g.delays();
        double[] re = g.re();
        double[] im = g.im();
        for (int k = 0; k < g.size(); k++) {
            double env = n * Math.exp(-rate * tau[k]);
            assertEquals(env * Math.cos(w0 * tau[k]), re[k], 1e-11, "Re G at " + tau[k]);
            assertEquals(env * Math.sin(w0 * tau[k]), im[k], 1e-11, "Im G at " + tau[k]);
        }
        assertEquals(Math.exp(-rate * 10), g.g1Abs()[200], 1e-10);
    }

    /** Pure loss from a Fock-diagonal (non-steady) state: G = n0 e^{-kappa tau/2 - phi tau/2}. */
    @Test
    void pureLossPlusDephasing() {
        PhaseInvariantModel.Builder b = PhaseInvariantModel.builder(40);
        double[] loss = new double[41];
        double[] deph = new double[41];
        for (int n = 0; n <= 40; n++) {
            loss[n] = Math.sqrt(0.7 * n);
            deph[n] = Math.sqrt(0.4) * n;
        }
        PhaseInvariantModel m = b.channel(-1, loss).channel(0, deph).build();
        FockDistribution init = FockDistribution.poisson(4.0, 40);
        CoherenceFunction g = m.coherence(init, 0.1, 100);
        double n0 = init.meanPhotonNumber();
        for (int k = 0; k <= 100; k++) {
            double t = 0.1 * k;
            assertEquals(n0 * Math.exp(-(0.7 + 0.4) * t / 2), g.re()[k], 1e-11, "tau " + t);
            assertEquals(0.0, g.im()[k], 1e-12);
        }
    }

    /** Quantum regression against the full Lindbladian propagated with Lindbladian.apply (RK4). */
    @Test
    void matchesFullLindbladPropagationWithKerrAndTwoPhotonLoss() {
        TwoPhotonDecayModel m = TwoPhotonDecayModel.builder().gammaUp(2.0).gammaDown(1.0)
            .gammaS(0.1).gammaPhi(0.5).omega0(0.3).kerr(0.2).cutoff(25)
            // both sides propagate the same truncated model (p_25 = 7e-6), on purpose
            .truncationPolicy(FockTruncation.Policy.IGNORE).build();
        CoherenceFunction g = m.coherence(0.5, 4);
        Lindbladian l = m.model().lindbladian();
        int d = l.dimension();
        FockSpace s = FockSpace.of(25);
        double[] p = m.steadyState().populations();
        // sigma = a rho_ss
        double[] re = new double[d * d];
        double[] im = new double[d * d];
        for (int n = 1; n < d; n++) {
            re[(n - 1) * d + n] = Math.sqrt(n) * p[n];
        }
        LindbladRk4 propagator = new LindbladRk4(l);
        // RK4 with h = 1e-3: the fastest modes (|lambda| <~ 100, h|lambda| <= 0.1) have relative
        // error (h lambda)^5/120 <= 1e-7 per step but decay like e^{-|lambda| tau}; slow modes
        // carry ~1e-15 per step; 1e-8 absolute on G ~ n ~ 5 is therefore safe.
        double h = 1e-3;
        SparseOperator ad = s.creation(0);
        for (int step = 0; step <= 2000; step++) {
            if (step % 500 == 0) {
                DensityMatrix sigma = DensityMatrix.of(d, re, im);
                int idx = step / 500;
                assertEquals(g.re()[idx], sigma.expectation(ad).getReal(), 1e-8, "tau " + step * h);
                assertEquals(g.im()[idx], sigma.expectation(ad).getImaginary(), 1e-8);
            }
            propagator.step(re, im, h);
        }
        assertTrue(g.g1Abs()[4] < 1);
    }

    /**
     * A dephasing channel adds the same -gamma_phi/2 to every diagonal entry of the band
     * generator, which therefore commutes with the rest: G(tau; phi) = G(tau; 0) e^{-phi tau/2}
     * exactly, for any pump, two-photon loss and Kerr term. Round-off of the two matrix
     * exponentials: 1e-12 relative.
     */
    @Test
    void dephasingMultipliesByExactExponential() {
        TwoPhotonDecayModel.Builder b = TwoPhotonDecayModel.builder().gammaUp(1.5).gammaDown(1.0)
            .gammaS(0.02).omega0(0.4).kerr(0.05).cutoff(60);
        CoherenceFunction g0 = b.build().coherence(0.25, 40);
        CoherenceFunction g1 = b.gammaPhi(0.6).build().coherence(0.25, 40);
        for (int k = 0; k <= 40; k++) {
            double f = Math.exp(-0.3 * 0.25 * k);
            double scale = Math.hypot(g0.re()[k], g0.im()[k]);
            assertEquals(g0.re()[k] * f, g1.re()[k], 1e-12 * g0.re()[0], "tau " + 0.25 * k);
            assertEquals(g0.im()[k] * f, g1.im()[k], 1e-12 * g0.re()[0], "tau " + 0.25 * k);
            assertTrue(scale <= g0.re()[0] * (1 + 1e-12));
        }
    }
}
