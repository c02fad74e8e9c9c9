package org.ness4j.core.quantum;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.ness4j.core.chain.BoseHubbardChain;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The GMRES steady-state solver against the dense direct solve and the exact Drummond-Walls
 * Kerr solution, and its refusals.
 */
class IterativeSteadyStateTest {

    /** Seeds of random Lindbladians (dimension 3 to 8, 1 to 3 jumps). */
    static Stream<Arguments> seeds() {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(19);
        return Stream.generate(() -> Arguments.of(rng.nextLong())).limit(12);
    }

    private static SparseOperator randomOperator(UniformRandomProvider rng, int d,
                                                 boolean hermitian) {
        SparseOperator.Builder b = SparseOperator.builder(d);
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                b.add(i, j, 2 * rng.nextDouble() - 1, 2 * rng.nextDouble() - 1);
            }
        }
        SparseOperator m = b.build();
        return hermitian ? m.plus(m.adjoint()).scale(0.5) : m;
    }

    /**
     * Random dense Lindbladians: GMRES at residual 1e-12 against the LU solve. The error is at
     * most ||A^-1|| times the residual; for these O(1)-rate generators the gap is O(0.1-1), so
     * 1e-12 leaves the entries within about 1e-11; we allow 1e-9.
     */
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void randomLindbladiansMatchTheDenseSolve(long seed) {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
        int d = 3 + rng.nextInt(6);
        Lindbladian.Builder lb = Lindbladian.builder().hamiltonian(randomOperator(rng, d, true));
        int jumps = 1 + rng.nextInt(3);
        for (int k = 0; k < jumps; k++) {
            lb.jump(randomOperator(rng, d, false).scale(0.5));
        }
        Lindbladian l = lb.build();
        DensityMatrix dense = SteadyStates.direct(l);
        for (IterativeSteadyState.Preconditioner p : IterativeSteadyState.Preconditioner.values()) {
            if (p == IterativeSteadyState.Preconditioner.UNDRIVEN) {
                continue; // random jumps do not lower the photon number: refused (tested below)
            }
            IterativeSteadyState.Result r = IterativeSteadyState.builder(l, FockSpace.of(d - 1))
                .tolerance(1e-12).preconditioner(p)
                .truncation(FockTruncation.MAX_TOLERANCE, FockTruncation.Policy.IGNORE)
                .build().solve();
            String what = "seed " + seed + ", d = " + d + ", " + p;
            assertTrue(r.residual() <= 1e-12, what + ": residual " + r.residual());
            assertEquals(1.0, r.state().trace().getReal(), 1e-13, what);
            assertTrue(r.state().hermiticityError() == 0.0, what);
            for (int i = 0; i < d; i++) {
                for (int j = 0; j < d; j++) {
                    assertEquals(dense.re(i, j), r.state().re(i, j), 1e-9, what + " re " + i + j);
                    assertEquals(dense.im(i, j), r.state().im(i, j), 1e-9, what + " im " + i + j);
                }
            }
        }
    }

    private static double moment(DensityMatrix rho, FockSpace s, int mode, boolean second) {
        SparseOperator a = s.annihilation(mode);
        SparseOperator ad = s.creation(mode);
        SparseOperator op = second ? ad.times(ad).times(a).times(a) : ad.times(a);
        return rho.expectation(op).getReal();
    }

    /**
     * The dimer of Fig. 9 (Delta = 2.5, J = 2, U = 0.1) at small cutoffs, where the dense solve
     * runs: n and dn of both sites agree within 1e-7 (residual 1e-12; the slowest decay rate of
     * the truncated dimer is O(0.1), so the error is far below the tolerance).
     */
    @ParameterizedTest(name = "F={0} cutoffs {1},{2}")
    @CsvSource({"0.5, 4, 3", "1.0, 3, 4", "2.0, 5, 4"})
    void dimerMatchesTheDenseSolve(double f, int c1, int c2) {
        BoseHubbardChain chain = BoseHubbardChain.builder(2).build().withBoundaryDrive(f);
        FockSpace s = FockSpace.of(c1, c2);
        Lindbladian l = ChainOperators.lindbladian(chain, s);
        DensityMatrix dense = SteadyStates.direct(l);
        for (IterativeSteadyState.Preconditioner p : new IterativeSteadyState.Preconditioner[] {
            IterativeSteadyState.Preconditioner.NONE, IterativeSteadyState.Preconditioner.ILU0,
            IterativeSteadyState.Preconditioner.UNDRIVEN}) {
            IterativeSteadyState.Result r = IterativeSteadyState.builder(l, s).tolerance(1e-12)
                .preconditioner(p)
                .truncation(FockTruncation.MAX_TOLERANCE, FockTruncation.Policy.IGNORE).build()
                .solve();
            for (int m = 0; m < 2; m++) {
                for (boolean second : new boolean[] {false, true}) {
                    assertEquals(moment(dense, s, m, second), moment(r.state(), s, m, second),
                        1e-7, "F = " + f + " mode " + m + (second ? " a+2a2" : " n") + " " + p);
                }
            }
            assertTrue(r.iterations() > 0);
        }
        // the damped UNDRIVEN (an approximate inverse) converges to the same state
        IterativeSteadyState.Result r = IterativeSteadyState.builder(l, s).tolerance(1e-12)
            .preconditioner(IterativeSteadyState.Preconditioner.UNDRIVEN).undrivenShift(10)
            .truncation(FockTruncation.MAX_TOLERANCE, FockTruncation.Policy.IGNORE).build()
            .solve();
        for (int m = 0; m < 2; m++) {
            for (boolean second : new boolean[] {false, true}) {
                assertEquals(moment(dense, s, m, second), moment(r.state(), s, m, second),
                    1e-7, "F = " + f + " mode " + m + (second ? " a+2a2" : " n") + " shift 10");
            }
        }
    }

    /**
     * The exact Drummond-Walls steady state of the Kerr oscillator for F up to 5, at cutoffs
     * where the dense solver does not run or is at its limit. Parameters without mean-field
     * bistability (Delta U &lt; 0), where the gap is O(kappa) and a residual of 1e-10 bounds the
     * error to about 1e-9; tolerance 1e-7 relative. Plus the paper's Delta = 2.5, U = 0.1 at
     * F = 2 (below the bistable range; measured error 1e-12). Cutoffs are chosen just large
     * enough (top population &lt;= 1e-6 is asserted): the Kerr frequencies U N^2 / 2 of unused
     * high states slow GMRES down (measured: 4000 iterations did not suffice at cutoff 70).
     */
    @ParameterizedTest(name = "Delta={0} U={1} F={2} cutoff {3}")
    @CsvSource({"-1.0, 0.5, 1.0, 20", "-1.0, 0.5, 3.0, 30", "-1.0, 0.5, 5.0, 30",
        "-2.0, 0.2, 5.0, 40", "2.5, 0.1, 2.0, 40"})
    void kerrOscillatorMatchesDrummondWalls(double delta, double u, double f, int cutoff) {
        DrivenKerrOscillator k = DrivenKerrOscillator.of(delta, u, f, 1.0);
        FockSpace s = FockSpace.of(cutoff);
        for (IterativeSteadyState.Preconditioner p : new IterativeSteadyState.Preconditioner[] {
            IterativeSteadyState.Preconditioner.NONE,
            IterativeSteadyState.Preconditioner.UNDRIVEN}) {
            IterativeSteadyState.Result r = IterativeSteadyState.builder(k.lindbladian(cutoff), s)
                .tolerance(1e-10).preconditioner(p).build().solve();
            String what = "Delta=" + delta + " U=" + u + " F=" + f + " " + p;
            double n = moment(r.state(), s, 0, false);
            double m2 = moment(r.state(), s, 0, true);
            assertEquals(k.exactMeanPhotonNumber(), n, 1e-7 * Math.max(1, n), "n for " + what);
            assertEquals(k.exactSecondFactorialMoment(), m2, 1e-7 * Math.max(1, m2), what);
            assertTrue(r.topPopulations()[0] <= FockTruncation.DEFAULT_TOLERANCE, what);
        }
    }

    /**
     * The ILU(0) shift is what makes ILU(0) work on the dimer (F = 2, cutoffs 12, 12, 169
     * states): with the default shift GMRES(100) converges within 1000 iterations (measured
     * 266), without it it does not converge within 600 (measured: stagnation near 0.6).
     */
    @Test
    void shiftedIluConvergesOnTheDimerWhereUnshiftedDoesNot() {
        BoseHubbardChain chain = BoseHubbardChain.builder(2).build().withBoundaryDrive(2.0);
        FockSpace s = FockSpace.of(12, 12);
        Lindbladian l = ChainOperators.lindbladian(chain, s);
        IterativeSteadyState.Builder b = IterativeSteadyState.builder(l, s)
            .preconditioner(IterativeSteadyState.Preconditioner.ILU0)
            .truncation(FockTruncation.MAX_TOLERANCE, FockTruncation.Policy.IGNORE);
        IterativeSteadyState.Result r = b.maxIterations(1000).build().solve();
        assertTrue(r.residual() <= IterativeSteadyState.DEFAULT_TOLERANCE, "" + r.residual());
        assertThrows(IllegalStateException.class,
            () -> b.maxIterations(600).iluShift(0).build().solve());
    }

    /**
     * Without drive the UNDRIVEN preconditioner is the exact inverse of the bordered
     * Liouvillian, so GMRES converges in one iteration from any initial guess (here a random
     * diagonal state; seeded), on the dimer with hopping and Kerr terms (cutoffs 5, 4) and on a
     * three-site chain with loss on every site; a wrong block (Sylvester solve, jump back-substitution or the border)
     * leaves a residual after the first iteration and needs more.
     */
    @ParameterizedTest(name = "sites {0}")
    @CsvSource({"2", "3"})
    void undrivenPreconditionerIsExactWithoutDrive(int sites) {
        // uniform loss: the default boundary loss of longer chains is refused (unequal rates)
        BoseHubbardChain chain = BoseHubbardChain.builder(sites).uniformLoss(1.0).build()
            .withBoundaryDrive(0.0);
        FockSpace s = sites == 2 ? FockSpace.of(5, 4) : FockSpace.of(3, 2, 3);
        Lindbladian l = ChainOperators.lindbladian(chain, s);
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(1900 + sites);
        double[] re = new double[s.dimension() * s.dimension()];
        double sum = 0;
        for (int i = 0; i < s.dimension(); i++) {
            re[i * s.dimension() + i] = rng.nextDouble();
            sum += re[i * s.dimension() + i];
        }
        for (int i = 0; i < s.dimension(); i++) {
            re[i * s.dimension() + i] /= sum;
        }
        DensityMatrix guess = DensityMatrix.of(s.dimension(), re, new double[re.length]);
        IterativeSteadyState.Result r = IterativeSteadyState.builder(l, s).tolerance(1e-12)
            .preconditioner(IterativeSteadyState.Preconditioner.UNDRIVEN).initialGuess(guess)
            .truncation(FockTruncation.MAX_TOLERANCE, FockTruncation.Policy.IGNORE).build()
            .solve();
        assertEquals(1, r.iterations(), "residual " + r.residual());
        assertEquals(1.0, r.state().re(0, 0), 1e-12, "the vacuum");
        IterativeSteadyState.Result shifted = IterativeSteadyState.builder(l, s)
            .tolerance(1e-12).preconditioner(IterativeSteadyState.Preconditioner.UNDRIVEN)
            .undrivenShift(1).initialGuess(guess)
            .truncation(FockTruncation.MAX_TOLERANCE, FockTruncation.Policy.IGNORE).build()
            .solve();
        assertTrue(shifted.iterations() > 1, "a damped block is no longer the exact inverse");
        assertEquals(1.0, shifted.state().re(0, 0), 1e-12, "the vacuum (shifted)");
    }

    /**
     * UNDRIVEN refuses models without its structure at build(), naming the requirement: jumps
     * that do not lower the photon number (random dense jumps, dephasing), unequal loss rates,
     * and a complex number-conserving Hamiltonian part.
     */
    @Test
    void undrivenPreconditionerRefusesOtherModels() {
        FockSpace s = FockSpace.of(3, 3);
        SparseOperator a0 = s.annihilation(0);
        SparseOperator a1 = s.annihilation(1);
        SparseOperator h = s.number(0).plus(s.number(1));
        IterativeSteadyState.Preconditioner u = IterativeSteadyState.Preconditioner.UNDRIVEN;
        Lindbladian dephasing = Lindbladian.builder().hamiltonian(h).jump(a0).jump(a1)
            .jump(s.number(0)).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> IterativeSteadyState.builder(dephasing, s).preconditioner(u).build());
        assertTrue(e.getMessage().contains("jump 2") && e.getMessage().contains("UNDRIVEN"),
            e.getMessage());
        Lindbladian unequal = Lindbladian.builder().hamiltonian(h).jump(a0).jump(0.5, a1).build();
        e = assertThrows(IllegalArgumentException.class,
            () -> IterativeSteadyState.builder(unequal, s).preconditioner(u).build());
        assertTrue(e.getMessage().contains("unequal loss rates"), e.getMessage());
        SparseOperator hop = s.creation(0).times(a1).scale(0, 1);
        Lindbladian complex = Lindbladian.builder().hamiltonian(h.plus(hop).plus(hop.adjoint()))
            .jump(a0).jump(a1).build();
        e = assertThrows(IllegalArgumentException.class,
            () -> IterativeSteadyState.builder(complex, s).preconditioner(u).build());
        assertTrue(e.getMessage().contains("complex"), e.getMessage());
        // the same models are accepted (and solved) by the other preconditioners
        assertTrue(IterativeSteadyState.builder(unequal, s).build().solve().residual()
            <= IterativeSteadyState.DEFAULT_TOLERANCE);
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(19);
        Lindbladian random = Lindbladian.builder().hamiltonian(randomOperator(rng, 4, true))
            .jump(randomOperator(rng, 4, false)).build();
        assertThrows(IllegalArgumentException.class,
            () -> IterativeSteadyState.builder(random, FockSpace.of(3)).preconditioner(u).build());
    }

    /** Too few iterations: refused with the iterations, residual and tolerance named. */
    @Test
    void nonConvergenceIsRefused() {
        BoseHubbardChain chain = BoseHubbardChain.builder(2).build().withBoundaryDrive(1.0);
        FockSpace s = FockSpace.of(4, 4);
        IllegalStateException e = assertThrows(IllegalStateException.class,
            () -> IterativeSteadyState.builder(ChainOperators.lindbladian(chain, s), s)
                .maxIterations(3).tolerance(1e-10).build().solve());
        assertTrue(e.getMessage().contains("did not converge"), e.getMessage());
        assertTrue(e.getMessage().contains("after 3 GMRES iterations"), e.getMessage());
        assertTrue(e.getMessage().contains("tolerance 1.00e-10"), e.getMessage());
    }

    /**
     * A stalled run is refused: GMRES(2) stalls on the Kerr oscillator (measured: residual 0.85
     * after 30 iterations), and is refused as stagnation long before the iteration limit.
     */
    @Test
    void stagnationIsRefused() {
        DrivenKerrOscillator k = DrivenKerrOscillator.of(-1.0, 0.5, 1.0, 1.0);
        IllegalStateException e = assertThrows(IllegalStateException.class,
            () -> IterativeSteadyState.builder(k.lindbladian(20), FockSpace.of(20))
                .restart(2).tolerance(1e-12).build().solve());
        assertTrue(e.getMessage().contains("stagnated"), e.getMessage());
    }

    /** A cutoff too small for the drive is refused, naming the mode and the cutoff. */
    @Test
    void truncationIsRefused() {
        BoseHubbardChain chain = BoseHubbardChain.builder(2).build().withBoundaryDrive(2.0);
        FockSpace s = FockSpace.of(3, 5);
        TruncationException e = assertThrows(TruncationException.class,
            () -> IterativeSteadyState.solve(ChainOperators.lindbladian(chain, s), s));
        assertEquals(3, e.cutoff(), e.getMessage());
        assertTrue(e.getMessage().contains("mode 0"), e.getMessage());
        assertTrue(e.topPopulation() > FockTruncation.DEFAULT_TOLERANCE, e.getMessage());
    }

    /** With WARN, the truncated state is returned and flagged. */
    @Test
    void truncationWarnsWhenAsked() {
        BoseHubbardChain chain = BoseHubbardChain.builder(2).build().withBoundaryDrive(2.0);
        FockSpace s = FockSpace.of(3, 5);
        IterativeSteadyState.Result r = IterativeSteadyState
            .builder(ChainOperators.lindbladian(chain, s), s)
            .truncation(1e-6, FockTruncation.Policy.WARN).build().solve();
        assertTrue(!r.truncationWithinTolerance());
        assertTrue(r.topPopulations()[0] > 1e-6);
    }

    /** Bad settings are rejected before any work, naming the parameter. */
    @ParameterizedTest
    @EnumSource(IterativeSteadyState.Preconditioner.class)
    void badInputIsRejected(IterativeSteadyState.Preconditioner p) {
        FockSpace s = FockSpace.of(3);
        Lindbladian l = DrivenKerrOscillator.of(1, 1, 1, 1).lindbladian(3);
        IterativeSteadyState.Builder b = IterativeSteadyState.builder(l, s).preconditioner(p);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> b.tolerance(0))
            .getMessage().contains("tolerance"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> b.restart(1))
            .getMessage().contains("restart"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> b.maxIterations(0))
            .getMessage().contains("maxIterations"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> b.iluShift(-1))
            .getMessage().contains("iluShift"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> b.undrivenShift(-1))
            .getMessage().contains("undrivenShift"));
        assertTrue(assertThrows(IllegalArgumentException.class,
            () -> IterativeSteadyState.builder(l, FockSpace.of(4))).getMessage()
            .contains("dimension"));
    }

    /** The dense solver's refusal points to the iterative one. */
    @Test
    void denseRefusalPointsToTheIterativeSolver() {
        Lindbladian l = DrivenKerrOscillator.of(1, 1, 1, 1).lindbladian(SteadyStates.MAX_DIMENSION);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> SteadyStates.direct(l));
        assertTrue(e.getMessage().contains("IterativeSteadyState"), e.getMessage());
    }
}
