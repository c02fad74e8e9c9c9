package org.ness4j.core.quantum;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;
import org.ness4j.core.chain.BoseHubbardChain;
import org.ness4j.core.stat.Estimate;

/**
 * The Krylov propagator of quantum trajectories ({@link KrylovPropagator},
 * {@link QuantumTrajectories.Integrator#KRYLOV}): the no-jump evolution against an independent
 * fine-step RK4 reference, the located jump time, and the ensemble against the exact Lindblad
 * steady state (dense solve) and exact dynamics.
 *
 * <p>Statistical tolerances as in {@link QuantumTrajectoriesTest}: 4 jackknife standard errors
 * with 40 independent groups, false-failure probability about 3e-4 per comparison (at most
 * 4e-3 for the 12 comparisons of this class); fixed seeds make the outcome deterministic.
 */
class KrylovTrajectoriesTest {

    private static void assertWithin(double exact, Estimate e, String what) {
        double tol = 4 * e.standardError() + 1e-9;
        assertTrue(Double.isFinite(e.standardError()), what + ": no error estimate");
        assertEquals(exact, e.value(), tol, what + ": exact " + exact + ", MCWF " + e);
    }

    /** Fine-step RK4 for d psi/dt = -i Heff psi (the independent reference). */
    private static void rk4(SparseOperator h, double[] re, double[] im, double t, int steps) {
        int d = re.length;
        double dt = t / steps;
        double[][] k = new double[8][d];
        double[] xr = new double[d];
        double[] xi = new double[d];
        double[] yr = new double[d];
        double[] yi = new double[d];
        for (int s = 0; s < steps; s++) {
            double[] c = {0, 0.5, 0.5, 1};
            for (int st = 0; st < 4; st++) {
                for (int i = 0; i < d; i++) {
                    xr[i] = re[i] + (st == 0 ? 0 : c[st] * dt * k[2 * st - 2][i]);
                    xi[i] = im[i] + (st == 0 ? 0 : c[st] * dt * k[2 * st - 1][i]);
                }
                h.apply(xr, xi, yr, yi);
                for (int i = 0; i < d; i++) {
                    k[2 * st][i] = yi[i];
                    k[2 * st + 1][i] = -yr[i];
                }
            }
            for (int i = 0; i < d; i++) {
                re[i] += dt / 6 * (k[0][i] + 2 * k[2][i] + 2 * k[4][i] + k[6][i]);
                im[i] += dt / 6 * (k[1][i] + 2 * k[3][i] + 2 * k[5][i] + k[7][i]);
            }
        }
    }

    private static Lindbladian dimer(double f, int cutoff) {
        BoseHubbardChain chain = BoseHubbardChain.builder(2).boundaryDrive(f).build();
        return ChainOperators.lindbladian(chain, FockSpace.of(cutoff, cutoff));
    }

    /**
     * Without a jump the Krylov steps reproduce the no-jump evolution of the Fig. 9 dimer to the
     * requested tolerance, from random states, over several steps.
     */
    @Test
    void noJumpEvolutionMatchesFineRk4() {
        Lindbladian l = dimer(2.0, 8);
        SparseOperator h = l.effectiveHamiltonian();
        int d = h.dimension();
        UniformRandomProvider rng = RandomSource.SPLIT_MIX_64.create(5L);
        for (int trial = 0; trial < 3; trial++) {
            double[] re = new double[d];
            double[] im = new double[d];
            double norm = 0;
            for (int i = 0; i < d; i++) {
                // weight on low Fock states, as in a physical state
                double w = Math.exp(-0.3 * i);
                re[i] = w * (rng.nextDouble() - 0.5);
                im[i] = w * (rng.nextDouble() - 0.5);
                norm += re[i] * re[i] + im[i] * im[i];
            }
            for (int i = 0; i < d; i++) {
                re[i] /= Math.sqrt(norm);
                im[i] /= Math.sqrt(norm);
            }
            double[] rr = re.clone();
            double[] ri = im.clone();
            double total = 0.7;
            rk4(h, rr, ri, total, 70000);
            KrylovPropagator p = new KrylovPropagator(h, 30, 1e-10, 0.1);
            double t = 0;
            int steps = 0;
            while (t < total - 1e-15) {
                t += p.advance(re, im, total - t, 0.0);
                assertTrue(!p.reachedThreshold(), "threshold 0 reached at trial " + trial);
                steps++;
            }
            double err = 0;
            for (int i = 0; i < d; i++) {
                err = Math.max(err, Math.hypot(re[i] - rr[i], im[i] - ri[i]));
            }
            // tolerance 1e-10 per unit time; the RK4 reference (h = 1e-5) is exact to ~1e-13
            assertTrue(err < 1e-9, "trial " + trial + ": max deviation " + err + " after "
                + steps + " steps");
            assertTrue(steps >= 1);
        }
    }

    /** The located jump time: the norm there equals the threshold and the state is right. */
    @Test
    void jumpTimeIsLocatedOnTheNormDecay() {
        Lindbladian l = dimer(2.0, 6);
        SparseOperator h = l.effectiveHamiltonian();
        int d = h.dimension();
        for (double threshold : new double[] {0.9, 0.5, 0.2}) {
            double[] re = new double[d];
            double[] im = new double[d];
            re[0] = 1;
            KrylovPropagator p = new KrylovPropagator(h, 30, 1e-10, 0.05);
            double t = 0;
            while (!p.reachedThreshold()) {
                t += p.advance(re, im, 50 - t, threshold);
                assertTrue(t < 50, "no crossing at threshold " + threshold);
            }
            assertEquals(threshold, p.norm2(), 1e-9 * threshold, "norm at the jump");
            double[] rr = new double[d];
            double[] ri = new double[d];
            rr[0] = 1;
            rk4(h, rr, ri, t, (int) Math.ceil(t / 1e-5));
            double nr = 0;
            for (int i = 0; i < d; i++) {
                nr += rr[i] * rr[i] + ri[i] * ri[i];
            }
            // the reference norm at the located time equals the threshold (time accuracy)
            assertEquals(threshold, nr, 1e-8, "reference norm at t = " + t);
        }
    }

    /** A single Kerr mode: window averages equal the exact (dense) steady state. */
    @Test
    void kerrModeConvergesToExactSteadyState() {
        int cutoff = 12;
        Lindbladian l = DrivenKerrOscillator.of(1.0, 0.5, 1.0, 1.0).lindbladian(cutoff);
        FockSpace s = FockSpace.of(cutoff);
        DensityMatrix rho = SteadyStates.direct(l);
        double n = rho.expectation(s.number(0)).getReal();
        double n2 = rho.expectation(s.number(0).times(s.number(0))).getReal();
        QuantumTrajectories.Result r = QuantumTrajectories.builder(l, s).endTime(20)
            .window(6, 20).sampleInterval(0.2).trajectories(160).groupSize(4).seed(11)
            .threads(2).integrator(QuantumTrajectories.Integrator.KRYLOV).build().run();
        assertTrue(r.failures().isEmpty(), r.failures().toString());
        assertWithin(n, r.photonNumber(0), "n");
        assertWithin(n2 - n - n * n, r.numberFluctuation(0), "delta n");
        assertWithin(rho.expectation(s.annihilation(0)).getReal(), r.fieldRe(0), "Re <a>");
        assertWithin(rho.expectation(s.annihilation(0)).getImaginary(), r.fieldIm(0), "Im <a>");
        assertTrue(r.photonNumber(0).standardError() < 0.05 * n, r.photonNumber(0).toString());
    }

    /**
     * A dimer (U = 0.3, F = 1.2, cutoffs 4, 4): window averages against the exact steady state
     * (dense solve at the same cutoffs), and time-resolved n against exact dynamics at t = 1.
     */
    @Test
    void dimerConvergesToExactSteadyState() {
        BoseHubbardChain chain = BoseHubbardChain.builder(2).interaction(0.3).boundaryDrive(1.2)
            .build();
        FockSpace s = ChainOperators.uniformSpace(chain, 4);
        Lindbladian l = ChainOperators.lindbladian(chain, s);
        QuantumTrajectories.Result r = QuantumTrajectories.builder(l, s).endTime(16)
            .window(8, 16).sampleInterval(0.5).trajectories(160).groupSize(4).seed(7)
            .threads(2).timeResolved(true).integrator(QuantumTrajectories.Integrator.KRYLOV)
            .build().run();
        assertTrue(r.failures().isEmpty(), r.failures().toString());
        DensityMatrix ss = SteadyStates.direct(l);
        int d = s.dimension();
        double[] re = new double[d * d];
        double[] im = new double[d * d];
        re[0] = 1.0;
        LindbladRk4 p = new LindbladRk4(l);
        for (int k = 0; k < 1000; k++) {
            p.step(re, im, 1e-3);
        }
        DensityMatrix at1 = DensityMatrix.of(d, re, im);
        for (int m = 0; m < 2; m++) {
            double n = ss.expectation(s.number(m)).getReal();
            double n2 = ss.expectation(s.number(m).times(s.number(m))).getReal();
            assertWithin(n, r.photonNumber(m), "steady n_" + m);
            assertWithin(n2 - n - n * n, r.numberFluctuation(m), "steady delta n_" + m);
            assertWithin(at1.expectation(s.number(m)).getReal(), r.photonNumber(m, 2),
                "n_" + m + "(t = 1)");
            assertTrue(r.photonNumber(m).standardError() < 0.05 * n);
        }
    }

    /** Bit-identical results for any thread count (a trajectory's numbers: seed and index). */
    @Test
    void reproducibleForAnyThreadCount() {
        Lindbladian l = dimer(1.0, 4);
        FockSpace s = FockSpace.of(4, 4);
        QuantumTrajectories.Builder b = QuantumTrajectories.builder(l, s).endTime(4)
            .window(1, 4).trajectories(9).groupSize(2).seed(3)
            .integrator(QuantumTrajectories.Integrator.KRYLOV);
        QuantumTrajectories.Result one = b.threads(1).build().run();
        QuantumTrajectories.Result two = b.threads(2).build().run();
        assertEquals(one.windowSums(), two.windowSums());
        assertEquals(one.meanJumps(), two.meanJumps());
        assertEquals(one.photonNumber(1).value(), two.photonNumber(1).value());
    }

    @Test
    void rejectsBadSettings() {
        Lindbladian l = dimer(1.0, 3);
        FockSpace s = FockSpace.of(3, 3);
        assertThrows(IllegalArgumentException.class,
            () -> QuantumTrajectories.builder(l, s).integratorTolerance(0));
        assertThrows(IllegalArgumentException.class,
            () -> QuantumTrajectories.builder(l, s).integratorTolerance(0.1));
        assertThrows(NullPointerException.class,
            () -> QuantumTrajectories.builder(l, s).integrator(null));
        assertThrows(IllegalArgumentException.class,
            () -> new KrylovPropagator(l.effectiveHamiltonian(), 3, 1e-8, 0.1));
    }
}
