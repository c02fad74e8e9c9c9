package org.ness4j.core.quantum;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * No silent truncation (issue 16, item 2): automatic cutoffs meet the tolerance, explicit
 * cutoffs that are too small are refused with the numbers in the message, and the results equal
 * independent calculations. Before this change the default cutoff of the impurity models was 100
 * and the 2-photon model at the parameters below returned n = 96 instead of 250.5.
 */
class FockTruncationTest {

    /** The parameters: gamma_up = 1.5, gamma_down = 1, gamma_s (or S) = 1e-3. */
    private static final double UP = 1.5;
    private static final double DOWN = 1.0;
    private static final double LOSS2 = 1e-3;

    /**
     * Independent steady state of the 2-photon chain at a large cutoff: the zero-flux condition
     * across every cut, p_n u_n = p_{n+1}(d_{n+1} + s_{n+1}) + p_{n+2} s_{n+2}, run downwards in
     * linear space with rescaling (not the library's log-space routine).
     */
    private static double[] twoPhotonReference(int nMax) {
        double[] p = new double[nMax + 1];
        p[nMax] = 1;
        for (int n = nMax - 1; n >= 0; n--) {
            double out = DOWN * (n + 1) + LOSS2 * (n + 1.0) * n;
            double two = n + 2 <= nMax ? p[n + 2] * LOSS2 * (n + 2.0) * (n + 1) : 0;
            p[n] = (p[n + 1] * out + two) / (UP * (n + 1));
            if (p[n] > 1e200) {
                for (int k = n; k <= nMax; k++) {
                    p[k] *= 1e-200;
                }
            }
        }
        double sum = 0;
        for (double v : p) {
            sum += v;
        }
        for (int n = 0; n <= nMax; n++) {
            p[n] /= sum;
        }
        return p;
    }

    private static double mean(double[] p) {
        double s = 0;
        for (int n = 0; n < p.length; n++) {
            s += n * p[n];
        }
        return s;
    }

    @Test
    void defaultTwoPhotonModelGivesTheTrueMean() {
        double[] ref = twoPhotonReference(3000);
        assertTrue(ref[3000] < 1e-300, "reference converged: " + ref[3000]);
        double n = mean(ref);
        // exact moment identity of the untruncated model: d<n>/dt = 0 =
        // gamma_up (<n> + 1) - gamma_down <n> - 2 gamma_s <n(n-1)>
        double fm = 0;
        for (int k = 2; k < ref.length; k++) {
            fm += k * (k - 1.0) * ref[k];
        }
        assertEquals(0, UP * (n + 1) - DOWN * n - 2 * LOSS2 * fm, 1e-9 * n);
        TwoPhotonDecayModel m = TwoPhotonDecayModel.builder().gammaUp(UP).gammaDown(DOWN)
            .gammaS(LOSS2).build();
        assertTrue(n > 240, "reference mean " + n);
        assertEquals(n, m.steadyState().meanPhotonNumber(), 1e-4 * n, "cutoff " + m.cutoff());
        assertTrue(m.topPopulation() <= FockTruncation.DEFAULT_TOLERANCE,
            "top " + m.topPopulation());
        // the old default cutoff 100 was far off (now refused, see below)
        TwoPhotonDecayModel old = TwoPhotonDecayModel.builder().gammaUp(UP).gammaDown(DOWN)
            .gammaS(LOSS2).cutoff(100).truncationPolicy(FockTruncation.Policy.IGNORE).build();
        assertTrue(old.steadyState().meanPhotonNumber() < 0.5 * n);
    }

    @Test
    void defaultScullyLambModelGivesTheTrueMean() {
        // closed form: p_{n+1}/p_n = (g_up - S(n+1))^2 / (g_up g_down) up to S(n+1) < g_up
        double logp = 0;
        double max = 0;
        int top = (int) Math.ceil(UP / LOSS2) - 1;
        double[] lp = new double[top + 1];
        for (int n = 0; n < top; n++) {
            double f = UP - LOSS2 * (n + 1);
            logp += Math.log(f * f / (UP * DOWN));
            lp[n + 1] = logp;
            max = Math.max(max, logp);
        }
        double z = 0;
        double s = 0;
        for (int n = 0; n <= top; n++) {
            double w = Math.exp(lp[n] - max);
            z += w;
            s += n * w;
        }
        double n = s / z;
        ScullyLambModel m = ScullyLambModel.builder().gammaUp(UP).gammaDown(DOWN)
            .saturation(LOSS2).build();
        assertTrue(n > 250, "closed-form mean " + n);
        assertEquals(n, m.steadyState().meanPhotonNumber(), 1e-4 * n, "cutoff " + m.cutoff());
        assertTrue(m.topPopulation() <= FockTruncation.DEFAULT_TOLERANCE);
    }

    @Test
    void explicitTooSmallCutoffIsRefusedWithTheNumbers() {
        TruncationException e = assertThrows(TruncationException.class,
            () -> TwoPhotonDecayModel.builder().gammaUp(UP).gammaDown(DOWN).gammaS(LOSS2)
                .cutoff(100).build());
        double top = TwoPhotonDecayModel.builder().gammaUp(UP).gammaDown(DOWN).gammaS(LOSS2)
            .cutoff(100).truncationPolicy(FockTruncation.Policy.IGNORE).build().topPopulation();
        assertTrue(top > 0.1, "top " + top);
        assertEquals(100, e.cutoff());
        assertEquals(top, e.topPopulation());
        assertTrue(e.getMessage().contains("cutoff 100"), e.getMessage());
        assertTrue(e.getMessage().contains(String.format(java.util.Locale.ROOT, "%.3g", top)),
            e.getMessage());
        assertTrue(e.getMessage().contains("at least " + e.neededCutoff()), e.getMessage());
        // the needed cutoff is the smallest that passes
        int needed = e.neededCutoff();
        assertTrue(twoPhotonTop(needed) <= FockTruncation.DEFAULT_TOLERANCE);
        assertTrue(twoPhotonTop(needed - 1) > FockTruncation.DEFAULT_TOLERANCE);
        // a sufficient explicit cutoff is kept
        assertEquals(needed + 5, TwoPhotonDecayModel.builder().gammaUp(UP).gammaDown(DOWN)
            .gammaS(LOSS2).cutoff(needed + 5).build().cutoff());

        TruncationException s = assertThrows(TruncationException.class,
            () -> ScullyLambModel.builder().gammaUp(UP).gammaDown(DOWN).saturation(LOSS2)
                .cutoff(100).build());
        assertEquals(100, s.cutoff());
        assertTrue(s.topPopulation() > 0.1 && s.neededCutoff() > 100, s.getMessage());

        TruncationException g = assertThrows(TruncationException.class,
            () -> GibbsState.of(0.1, 20, 55, 20));
        assertEquals(20, g.cutoff());
        assertTrue(g.neededCutoff() > 20, g.getMessage());
        assertTrue(GibbsState.of(0.1, 20, 55, g.neededCutoff()).topPopulation()
            <= FockTruncation.DEFAULT_TOLERANCE);

        TruncationException t = assertThrows(TruncationException.class,
            () -> FockDistribution.thermal(10, 30));
        assertTrue(t.getMessage().contains("cutoff 30"), t.getMessage());
        assertThrows(TruncationException.class, () -> FockDistribution.poisson(20, 25));
        assertThrows(TruncationException.class, () -> BirthDeathChains.steadyState(
            new double[] {1, 1, 1}, new double[] {0, 1, 1}, null, 1e-6));
        assertThrows(TruncationException.class, () -> PhaseInvariantModel.builder(3)
            .channel(1, new double[] {1, 1, 1, 1}).channel(-1, new double[] {0, 1, 1, 1})
            .build().steadyState());
    }

    private static double twoPhotonTop(int cutoff) {
        return TwoPhotonDecayModel.builder().gammaUp(UP).gammaDown(DOWN).gammaS(LOSS2)
            .cutoff(cutoff).truncationPolicy(FockTruncation.Policy.IGNORE).build()
            .topPopulation();
    }

    @Test
    void nonDecayingWeightsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> GibbsState.of(0, 0.5, 1));
        assertThrows(IllegalArgumentException.class, () -> GibbsState.of(-0.1, -1, 1));
        TruncationException e = assertThrows(TruncationException.class,
            () -> ScullyLambModel.builder().gammaUp(1.2).gammaDown(1).build());
        assertEquals(-1, e.neededCutoff());
        assertThrows(IllegalArgumentException.class,
            () -> TwoPhotonDecayModel.builder().truncationTolerance(2e-3));
        assertThrows(IllegalArgumentException.class,
            () -> TwoPhotonDecayModel.builder().truncationTolerance(0));
    }

    static Stream<Arguments> randomModels() {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(16_2L);
        return Stream.generate(() -> Arguments.of(1 + 4 * rng.nextDouble(),
            0.2 + rng.nextDouble(), Math.exp(-7 + 5 * rng.nextDouble()),
            rng.nextBoolean() ? FockTruncation.DEFAULT_TOLERANCE : 1e-12)).limit(12);
    }

    /** Auto cutoff: top population within the tolerance, and the cutoff below it fails. */
    @ParameterizedTest
    @MethodSource("randomModels")
    void automaticCutoffMeetsTheToleranceAndIsSmallest(double up, double down, double loss,
                                                       double tol) {
        String where = "gammaUp " + up + ", gammaDown " + down + ", loss " + loss + ", tol "
            + tol;
        TwoPhotonDecayModel m = TwoPhotonDecayModel.builder().gammaUp(up).gammaDown(down)
            .gammaS(loss).truncationTolerance(tol).build();
        assertTrue(m.topPopulation() <= tol, where + ": top " + m.topPopulation());
        TwoPhotonDecayModel below = TwoPhotonDecayModel.builder().gammaUp(up).gammaDown(down)
            .gammaS(loss).cutoff(m.cutoff() - 1).truncationPolicy(FockTruncation.Policy.IGNORE)
            .build();
        assertTrue(m.cutoff() == 16 || below.topPopulation() > tol, where + ": cutoff "
            + m.cutoff() + " not the smallest");
        ScullyLambModel s = ScullyLambModel.builder().gammaUp(up).gammaDown(down)
            .saturation(loss).truncationTolerance(tol).build();
        assertTrue(s.topPopulation() <= tol, where + ": Scully-Lamb top " + s.topPopulation());
    }

    /** Thermal Gibbs state: the auto-cutoff mean within the tail bound of the exact one. */
    @Test
    void automaticGibbsStateMatchesTheClosedForm() {
        for (double muOverT : new double[] {-0.01, -0.1, -1}) {
            GibbsState g = GibbsState.of(0, muOverT * 2, 2);
            double r = Math.exp(muOverT);
            double exact = r / (1 - r);
            int nMax = g.cutoff();
            // the truncated tail beyond N: p_N sum_k (N + k) r^k, relative to the total
            double bound = g.topPopulation() * (nMax * r / (1 - r) + r / ((1 - r) * (1 - r)));
            assertEquals(exact, g.state().meanPhotonNumber(), 2 * bound + 1e-12 * exact,
                "mu/T " + muOverT + ", cutoff " + nMax);
            assertTrue(g.topPopulation() <= FockTruncation.DEFAULT_TOLERANCE);
        }
        FockDistribution th = FockDistribution.thermal(40);
        assertTrue(th.topPopulation() <= FockTruncation.DEFAULT_TOLERANCE);
        double r = 40.0 / 41;
        double bound = th.topPopulation() * (th.cutoff() * r / (1 - r) + r / ((1 - r) * (1 - r)));
        assertEquals(40, th.meanPhotonNumber(), 2 * bound);
        assertTrue(bound < 0.05, "bound " + bound);
        FockDistribution po = FockDistribution.poisson(30);
        assertTrue(po.topPopulation() <= FockTruncation.DEFAULT_TOLERANCE);
        assertEquals(30, po.meanPhotonNumber(), 1e-4);
    }

    /** Dense solver: refuses a too-small Fock space, and the grown one matches Drummond-Walls. */
    @Test
    void denseSteadyStateChecksAndGrowsTheCutoff() {
        DrivenKerrOscillator k = DrivenKerrOscillator.of(0.5, 1.0, 1.5, 1.0);
        TruncationException e = assertThrows(TruncationException.class,
            () -> SteadyStates.direct(k.lindbladian(4), FockSpace.of(4)));
        assertEquals(4, e.cutoff());
        assertTrue(e.topPopulation() > 1e-6, e.getMessage());
        FockTruncation.Grown<DensityMatrix> g = SteadyStates.converged(FockSpace::of,
            space -> k.lindbladian(space.cutoff(0)), 4, 1e-9);
        assertTrue(g.topPopulation() <= 1e-9);
        double n = g.result().expectation(FockSpace.of(g.cutoff()).number(0)).getReal();
        // the truncation changes n by about N p_N and more for a slower tail: 1e-6 is generous
        assertEquals(k.exactMeanPhotonNumber(), n, 1e-6);
        // the smaller cutoff is refused by the checked overload
        assertThrows(TruncationException.class, () -> SteadyStates.direct(
            k.lindbladian(g.cutoff() - 1), FockSpace.of(g.cutoff() - 1), 1e-9,
            FockTruncation.Policy.REFUSE));
        // growing beyond the dense limit is refused (a space family that jumps past it, so
        // that the test stays fast: solves near dimension 64 take tens of seconds)
        TruncationException big = assertThrows(TruncationException.class,
            () -> SteadyStates.converged(c -> FockSpace.of(c == 1 ? 1 : 70),
                space -> k.lindbladian(space.cutoff(0)), 1, 1e-9));
        assertTrue(big.getMessage().contains("dense solver's limit"), big.getMessage());
    }

    /** Quantum trajectories warn (not refuse) and list the truncated modes. */
    @Test
    void quantumTrajectoriesReportTruncatedModes() {
        DrivenKerrOscillator k = DrivenKerrOscillator.of(0.5, 0.2, 2.0, 1.0);
        FockSpace small = FockSpace.of(3);
        QuantumTrajectories.Result r = QuantumTrajectories.builder(k.lindbladian(3), small)
            .endTime(4).window(2, 4).trajectories(8).groupSize(2).seed(3).threads(1).build()
            .run();
        assertTrue(r.topPopulation(0).value() > 0.01, r.topPopulation(0).toString());
        assertEquals(1, r.truncatedModes().length);
        assertEquals(FockTruncation.DEFAULT_TOLERANCE, r.truncationTolerance());
        DrivenKerrOscillator weak = DrivenKerrOscillator.of(0.5, 0.2, 0.05, 1.0);
        QuantumTrajectories.Result w = QuantumTrajectories.builder(weak.lindbladian(8),
            FockSpace.of(8)).endTime(4).window(2, 4).trajectories(4).groupSize(2).seed(3)
            .threads(1).truncationTolerance(1e-3).build().run();
        assertTrue(w.topPopulation(0).value() < 1e-3, w.topPopulation(0).toString());
        assertEquals(0, w.truncatedModes().length);
    }
}
