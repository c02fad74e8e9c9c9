package org.ness4j.sde.ensemble;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.ness4j.core.chain.BoseHubbardChain;
import org.ness4j.core.stat.Estimate;
import org.ness4j.sde.EulerMaruyama;
import org.ness4j.sde.Heun;
import org.ness4j.sde.NoiseKind;
import org.ness4j.sde.SdeAlgorithm;
import org.ness4j.sde.TestProblems;
import org.ness4j.sde.chain.ChainProblem;
import org.ness4j.sde.chain.SplitStep;

/**
 * The error budget against exact step errors. The "true step error" T(h) is computed exactly,
 * with no statistical noise: in closed form for Ornstein-Uhlenbeck (both schemes are linear
 * recursions there), and from the scheme's exact stationary Gaussian law on the linear (U = 0)
 * chain ({@link LinearSchemes}, with the exact answer {@link BoseHubbardChain#linearSteadyState}
 * and vacuum fluctuations 1/4 per quadrature). The only noise is then the budget's own, and the
 * check is the issue's: T(h) lies within the estimate +- 3 of its jackknife standard error.
 *
 * <p>Two deterministic preconditions make the check meaningful and are asserted: the step error
 * is at least 5 of its standard errors, and the extrapolation's own (higher-order) error
 * |R(h) - T(h)|, with R(h) = (T(h) - T(h/2)) / (1 - 2^-p) what the budget estimates, is at most
 * half a standard error. False-failure probability: the budget's error over its jackknife
 * standard error with B = 32 blocks is about Student t with 31 degrees of freedom, shifted by at
 * most 0.5: P(|t + 0.5| > 3) < 1 % per check, and the checks below (3 step sizes per scheme,
 * sharing their noise) fail together rather than independently; about 3 % for the 13 checks
 * together by the union bound (the slow chain checks included), with fixed seeds.
 */
class StepErrorBudgetTest {

    private static final int BLOCKS = 32;

    /** Asserts the criterion and the two preconditions. */
    private static void assertWithinThreeSigma(Estimate.StepError e, double exact,
                                               double extrapolated, String label) {
        String msg = String.format(Locale.ROOT, "%s: estimate %s, exact step error %.5g, "
            + "exact extrapolation %.5g", label, e, exact, extrapolated);
        assertTrue(Math.abs(exact) >= 5 * e.standardError(), "step error below 5 sigma: " + msg);
        assertTrue(Math.abs(extrapolated - exact) <= 0.5 * e.standardError(),
            "extrapolation error above half a sigma: " + msg);
        assertTrue(Math.abs(e.value() - exact) <= 3 * e.standardError(), msg);
    }

    private static double richardson(double coarse, double fine, double order) {
        return (coarse - fine) / (1 - Math.pow(2, -order));
    }

    static Stream<Arguments> ouCases() {
        // Euler-Maruyama: weak order 1, the mean's step error; Heun: weak order 2 (additive
        // noise), the second moment's. x0 sets the deterministic part of the error against
        // the common-noise part of the budget's scatter.
        return Stream.of(Arguments.of(EulerMaruyama.create(), 0.0125, 1.0),
            Arguments.of(EulerMaruyama.create(), 0.025, 1.0),
            Arguments.of(EulerMaruyama.create(), 0.05, 1.0),
            Arguments.of(Heun.create(), 0.025, 30.0),
            Arguments.of(Heun.create(), 0.05, 30.0),
            Arguments.of(Heun.create(), 0.075, 30.0));
    }

    @ParameterizedTest(name = "{0}, dt = {1}")
    @MethodSource("ouCases")
    void ornsteinUhlenbeckStepErrorMatchesTheClosedForm(SdeAlgorithm scheme, double dt,
                                                       double x0) {
        double theta = 1;
        double sigma = 1;
        long steps = Math.round(1.0 / dt);
        double time = steps * dt;
        boolean heun = scheme == Heun.create();
        int moment = heun ? 1 : 0;
        double order = scheme.weakOrder(NoiseKind.ADDITIVE);
        double m1 = x0 * Math.exp(-theta * time);
        double[] exact = {m1, m1 * m1 + sigma * sigma * (1 - Math.exp(-2 * theta * time))
            / (2 * theta)};
        double coarse = ouMoments(heun, theta, sigma, x0, dt, steps)[moment] - exact[moment];
        double fine = ouMoments(heun, theta, sigma, x0, dt / 2, 2 * steps)[moment]
            - exact[moment];
        EnsembleResult<StateMoments> r = Ensemble.builder(TestProblems.ornsteinUhlenbeck(theta, sigma, x0))
            .algorithm(scheme).trajectories(4096).groupSize(16).dt(dt).steps(steps).seed(31)
            .errorBudget(ErrorBudget.trajectories(4096).blocks(BLOCKS)).build()
            .run(StateMoments.observer(1, new SampleSchedule(steps, 1)));
        Estimate e = r.estimate(s -> s.sums.estimate(m -> m[moment]));
        assertEquals(order, r.stepErrors().order());
        assertWithinThreeSigma(e.stepError(), coarse, richardson(coarse, fine, order),
            scheme.name() + " dt " + dt);
    }

    private static final BoseHubbardChain SPLIT_CHAIN = BoseHubbardChain.builder(4)
        .interaction(0).uniformLoss(1).boundaryDrive(2).build();
    private static final BoseHubbardChain HEUN_CHAIN = BoseHubbardChain.builder(4)
        .interaction(0).uniformLoss(1).detuning(1).hopping(1).boundaryDrive(0.5).build();

    /** The exact stationary law of a scheme on the chain at dt and dt/2. */
    private static LinearSchemes.Moments[] exactLaws(ChainProblem problem, SdeAlgorithm scheme,
                                                     double dt) {
        return new LinearSchemes.Moments[] {LinearSchemes.stationary(problem, scheme, dt),
            LinearSchemes.stationary(problem, scheme, dt / 2)};
    }

    /**
     * A chain ensemble with an error budget over all its trajectories, sampling every step
     * after a transient of 40 (the slowest relaxation rate is the loss, 1: e^-40 of the start
     * is left) for a window of 200.
     */
    private static EnsembleResult<StateMoments> runChain(ChainProblem problem,
                                                         SdeAlgorithm scheme, double dt,
                                                         long trajectories, long seed) {
        long first = Math.round(40 / dt);
        long steps = first + Math.round(200 / dt);
        return Ensemble.builder(problem).algorithm(scheme).trajectories(trajectories).dt(dt)
            .steps(steps).seed(seed)
            .errorBudget(ErrorBudget.trajectories(trajectories).blocks(BLOCKS)).build()
            .run(StateMoments.observer(problem.dimension(), new SampleSchedule(first, 1)));
    }

    /** The budget's photon number at a site of the U = 0 chain against the exact law. */
    private static void checkChain(BoseHubbardChain chain, SdeAlgorithm scheme, int site,
                                   double dt, long trajectories) {
        ChainProblem problem = ChainProblem.truncatedWigner(chain);
        double[] a = chain.linearSteadyState();
        double exact = a[2 * site] * a[2 * site] + a[2 * site + 1] * a[2 * site + 1];
        LinearSchemes.Moments[] law = exactLaws(problem, scheme, dt);
        double coarse = LinearSchemes.photonNumber(law[0], site) - exact;
        double fine = LinearSchemes.photonNumber(law[1], site) - exact;
        Estimate n = runChain(problem, scheme, dt, trajectories, 5).estimate(
            s -> s.sums.estimate(m -> m[2 * (2 * site) + 1] + m[2 * (2 * site + 1) + 1] - 0.5));
        assertWithinThreeSigma(n.stepError(), coarse,
            richardson(coarse, fine, scheme.weakOrder(NoiseKind.ADDITIVE)),
            scheme.name() + " dt " + dt);
    }

    @ParameterizedTest(name = "dt = {0}")
    @ValueSource(doubles = {0.1, 0.2, 0.3})
    void splitStepStepErrorOnTheLinearChainMatchesTheExactLaw(double dt) {
        checkChain(SPLIT_CHAIN, SplitStep.create(), 0, dt, 512);
    }

    /**
     * A nonlinear estimator, the variance of a quadrature, \( \langle x^2\rangle -
     * \langle x\rangle^2 \) (exact: 1/4), with Heun (SplitStep keeps the vacuum covariance
     * exactly: every factor preserves it): its leave-one-block-out values come from combined
     * accumulators, not from a linear combination of block values. The finite-ensemble bias of
     * the estimator (minus the variance of the mean, about 1e-5 here) is common to both re-runs
     * and cancels in their difference to far below a standard error.
     */
    @Test
    void nonlinearEstimatorsGetTheirStepErrorToo() {
        ChainProblem problem = ChainProblem.truncatedWigner(HEUN_CHAIN);
        double dt = 0.04;
        int component = 2 * 3; // Re alpha of the last site
        LinearSchemes.Moments[] law = exactLaws(problem, Heun.create(), dt);
        double coarse = law[0].covariance()[component][component] - 0.25;
        double fine = law[1].covariance()[component][component] - 0.25;
        Estimate v = runChain(problem, Heun.create(), dt, 1024, 8).estimate(s -> s.sums.estimate(
            m -> m[2 * component + 1] - m[2 * component] * m[2 * component]));
        assertWithinThreeSigma(v.stepError(), coarse, richardson(coarse, fine, 2),
            "variance, dt " + dt);
    }

    @Tag("slow")
    @ParameterizedTest(name = "dt = {0}")
    @ValueSource(doubles = {0.02, 0.03, 0.04})
    void heunStepErrorOnTheLinearChainMatchesTheExactLaw(double dt) {
        checkChain(HEUN_CHAIN, Heun.create(), 3, dt, 1024);
    }

    /**
     * The declared weak orders against exact step errors: log2 T(h) / T(h/2) at small h, on the
     * linear chain (exact stationary law) and on Ornstein-Uhlenbeck (closed form).
     */
    @Test
    void declaredWeakOrdersAreTheMeasuredOnes() {
        for (SdeAlgorithm scheme : List.of(Heun.create(), SplitStep.create())) {
            ChainProblem problem = ChainProblem.truncatedWigner(HEUN_CHAIN);
            double[] a = HEUN_CHAIN.linearSteadyState();
            double exact = a[6] * a[6] + a[7] * a[7];
            double h = 0.004;
            double t1 = LinearSchemes.photonNumber(LinearSchemes.stationary(problem, scheme, h),
                3) - exact;
            double t2 = LinearSchemes.photonNumber(
                LinearSchemes.stationary(problem, scheme, h / 2), 3) - exact;
            assertEquals(scheme.weakOrder(NoiseKind.ADDITIVE), Math.log(t1 / t2) / Math.log(2),
                0.05, scheme.name() + ": T(h) = " + t1 + ", T(h/2) = " + t2);
        }
        for (boolean heun : new boolean[] {false, true}) {
            double h = 0.001;
            double m1 = 3 * Math.exp(-1);
            double exact = m1 * m1 + (1 - Math.exp(-2)) / 2;
            double t1 = ouMoments(heun, 1, 1, 3, h, 1000)[1] - exact;
            double t2 = ouMoments(heun, 1, 1, 3, h / 2, 2000)[1] - exact;
            SdeAlgorithm scheme = heun ? Heun.create() : EulerMaruyama.create();
            assertEquals(scheme.weakOrder(NoiseKind.ADDITIVE), Math.log(t1 / t2) / Math.log(2),
                0.05, scheme.name());
        }
        assertEquals(1.0, Heun.create().weakOrder(NoiseKind.DIAGONAL));
    }

    private static final ChainProblem SMALL = ChainProblem.truncatedWigner(
        BoseHubbardChain.builder(3).boundaryDrive(2).build());

    private static Ensemble.Builder small() {
        return Ensemble.builder(SMALL).algorithm(SplitStep.create()).trajectories(24)
            .groupSize(2).batchSize(6).dt(0.05).steps(40).seed(11).threads(2);
    }

    @Test
    void theMainRunIsUnchangedAndTheBudgetIsCountedInTheProgress() {
        EnsembleObserver<StateMoments> observer =
            StateMoments.observer(SMALL.dimension(), new SampleSchedule(10, 5));
        EnsembleResult<StateMoments> plain = small().build().run(observer);
        List<Progress> reports = new ArrayList<>();
        EnsembleResult<StateMoments> budgeted = small().errorBudget(8)
            .progress(reports::add, Duration.ofMillis(1)).build().run(observer);
        assertEquals(plain.statistics().sums, budgeted.statistics().sums);
        assertNull(plain.stepErrors());
        assertFalse(plain.hasStepErrors());
        Estimate e = plain.estimate(s -> s.sums.estimate(m -> m[1]));
        assertFalse(e.hasStepError());
        StepErrors<StateMoments> budget = budgeted.stepErrors();
        assertEquals(8, budget.trajectories());
        assertEquals(4, budget.blocks(), "8 trajectories in groups of 2: 4 blocks of 1 group");
        assertEquals(2.0, budget.order());
        assertEquals(4, budget.coarse().sums.groupCount());
        assertEquals(4, budget.fine().sums.groupCount());
        Estimate b = budgeted.estimate(s -> s.sums.estimate(m -> m[1]));
        assertEquals(e.value(), b.value());
        assertEquals(e.standardError(), b.standardError());
        assertTrue(b.hasStepError() && Double.isFinite(b.stepError().standardError()));
        // the step error is (coarse - fine) / (1 - 1/4) on the re-run's accumulators
        double coarse = budget.coarse().sums.means()[1];
        double fine = budget.fine().sums.means()[1];
        assertEquals((coarse - fine) / 0.75, b.stepError().value(), 1e-12);
        Progress last = reports.get(reports.size() - 1);
        assertEquals(24 * 40 + 8 * 3 * 40, last.totalSteps());
        assertEquals(last.totalSteps(), last.completedSteps());
    }

    @Test
    void withoutNoiseTheCoarseReRunIsTheMainRun() {
        // For a deterministic problem (no noise channels) both re-runs are the main run's
        // trajectories at dt and dt/2: the coarse re-run reproduces the main run bit for bit.
        ChainProblem gp = ChainProblem.grossPitaevskii(BoseHubbardChain.builder(3)
            .boundaryDrive(2).build());
        EnsembleObserver<StateMoments> observer =
            StateMoments.observer(gp.dimension(), new SampleSchedule(0, 4));
        EnsembleResult<StateMoments> r = Ensemble.builder(gp).trajectories(4).dt(0.05)
            .steps(40).errorBudget(4).build().run(observer);
        assertEquals(r.statistics().sums, r.stepErrors().coarse().sums);
        assertFalse(r.statistics().sums.equals(r.stepErrors().fine().sums));
    }

    @Test
    void replicasShareTheReRunsNoiseAndTheirPerturbationTime() {
        // replica 1 is kicked at step 10; replica 0, which the observer sees, must run exactly
        // as without replicas in both re-runs (same noise, copied to every replica)
        java.util.concurrent.atomic.AtomicInteger kicks =
            new java.util.concurrent.atomic.AtomicInteger();
        Perturbation kick = (t, x, info) -> {
            assertEquals(0.5, t, 1e-12, "the fine re-run is kicked at the coarse step's time");
            kicks.incrementAndGet();
            for (int b = 0; b < info.size(); b++) {
                x[info.size() + b] += 1;
            }
        };
        EnsembleObserver<StateMoments> observer =
            StateMoments.observer(SMALL.dimension(), new SampleSchedule(10, 5));
        StepErrors<StateMoments> plain = small().errorBudget(8).build().run(observer)
            .stepErrors();
        StepErrors<StateMoments> replicated = small().replicas(2, 10, kick).errorBudget(8)
            .build().run(observer).stepErrors();
        // 4 main batches of 6, and 4 blocks of one group each run at dt and at dt/2
        assertEquals(4 + 2 * 4, kicks.get());
        assertEquals(plain.coarse().sums, replicated.coarse().sums);
        assertEquals(plain.fine().sums, replicated.fine().sums);
    }

    @Test
    void aRunThatDoesNotSucceedHasNoBudgetAndDoesNotCountIt() {
        List<Progress> reports = new ArrayList<>();
        EnsembleResult<StateMoments> r = small().divergenceThreshold(1e-3).errorBudget(8)
            .progress(reports::add, Duration.ofMillis(1)).build()
            .run(StateMoments.observer(SMALL.dimension(), new SampleSchedule(10, 5)));
        assertEquals(ReturnCode.DIVERGED, r.returnCode());
        assertNull(r.stepErrors());
        Progress last = reports.get(reports.size() - 1);
        assertEquals(24 * 40, last.totalSteps());
        assertEquals(last.totalSteps(), last.completedSteps());
    }

    @Test
    void budgetsThatCannotWorkAreRefusedBeforeAnyWork() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> small().groupSize(12).batchSize(12).errorBudget(8).build());
        assertTrue(e.getMessage().contains("2 statistical groups"), e.getMessage());
        SdeAlgorithm undeclared = TestProblems.undeclared(SplitStep.create());
        e = assertThrows(IllegalArgumentException.class,
            () -> small().algorithm(undeclared).errorBudget(8).build());
        assertTrue(e.getMessage().contains("undeclared"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ErrorBudget.trajectories(1));
        assertThrows(IllegalArgumentException.class, () -> ErrorBudget.automatic().blocks(1));
        assertThrows(IllegalArgumentException.class, () -> ErrorBudget.automatic().order(0));
    }

    @Test
    void theDefaultSubsetIsAnEighthButAtLeast64TrajectoriesInWholeGroups() {
        ErrorBudget auto = ErrorBudget.automatic();
        assertEquals(125, auto.subsetSize(1000, 1));
        assertEquals(64, auto.subsetSize(100, 1));
        assertEquals(40, auto.subsetSize(40, 1));
        assertEquals(126, auto.subsetSize(1000, 7));
        assertEquals(12, ErrorBudget.trajectories(10).subsetSize(100, 4));
        assertEquals(100, ErrorBudget.trajectories(1000).subsetSize(100, 4));
    }

    /**
     * Exact E X_n and E X_n^2 of Euler-Maruyama or Heun on OU after n steps of h: both are
     * X' = R X + c sigma dW with R = 1 - a (+ a^2/2 for Heun), c = 1 (- a/2 for Heun), a = theta
     * h, so E X_n = R^n x0 and E X_n^2 = R^2n x0^2 + c^2 sigma^2 h (1 - R^2n) / (1 - R^2).
     */
    static double[] ouMoments(boolean heun, double theta, double sigma, double x0, double h,
                              long n) {
        double a = theta * h;
        double r = heun ? 1 - a + a * a / 2 : 1 - a;
        double c = heun ? 1 - a / 2 : 1;
        double r2n = Math.pow(r * r, n);
        double mean = Math.pow(r, n) * x0;
        return new double[] {mean,
            r2n * x0 * x0 + c * c * sigma * sigma * h * (1 - r2n) / (1 - r * r)};
    }
}
