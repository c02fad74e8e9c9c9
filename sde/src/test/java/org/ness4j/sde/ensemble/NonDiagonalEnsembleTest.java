package org.ness4j.sde.ensemble;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.ness4j.core.stat.Estimate;
import org.ness4j.sde.EulerMaruyama;
import org.ness4j.sde.Calculus;
import org.ness4j.sde.Heun;
import org.ness4j.sde.RkMilCommute;
import org.ness4j.sde.SdeAlgorithm;
import org.ness4j.sde.StandardProblems;
import org.ness4j.sde.srk.Sra;

/**
 * The ensemble and its error budget on non-diagonal noise with fewer Wiener processes than
 * components (n = 3, m = 2, {@link StandardProblems#nonDiagonalAdditive()}): the problem presents
 * one channel per Wiener process through {@code noiseComponents()}, so the ensemble draws
 * {@code m x incrementsPerChannel()} variates per lane and step and the budget coarsens them,
 * unchanged. Exact law at T = 1: mean (x0 + beta T)/sqrt(1 + T) and variance
 * beta_i^2 sum_j alpha_ij^2 T/(1 + T); 4096 trajectories. The estimates corrected by their
 * step errors (Richardson, residual O(dt^2), below 1e-4 relative here) must match within 5
 * combined standard errors (false-failure probability below 1e-6 per assertion).
 */
class NonDiagonalEnsembleTest {

    static Stream<SdeAlgorithm> schemes() {
        return Stream.of(EulerMaruyama.create(), Heun.create(), Sra.sra1());
    }

    @ParameterizedTest
    @MethodSource("schemes")
    void momentsAndStepErrorsOnNonDiagonalAdditiveNoise(SdeAlgorithm scheme) {
        double[] beta = {0.5, 0.25, 0.125};
        double[][] alpha = {{0.1, 0}, {0.05, 0.1}, {0, 0.2}};
        double dt = 0.05;
        long steps = 20;
        double tEnd = steps * dt;
        EnsembleResult<StateMoments> r = Ensemble.builder(StandardProblems.nonDiagonalAdditive())
            .algorithm(scheme).trajectories(4096).groupSize(16).dt(dt).steps(steps).seed(5)
            .errorBudget(ErrorBudget.trajectories(1024)).build()
            .run(StateMoments.observer(3, new SampleSchedule(steps, 1)));
        assertEquals(scheme.weakOrder(StandardProblems.nonDiagonalAdditive().noiseKind()),
            r.stepErrors().order());
        for (int i = 0; i < 3; i++) {
            int c = i;
            double mean = (1 + beta[i] * tEnd) / Math.sqrt(1 + tEnd);
            double var = beta[i] * beta[i] * (alpha[i][0] * alpha[i][0]
                + alpha[i][1] * alpha[i][1]) * tEnd / (1 + tEnd);
            Estimate m = r.estimate(s -> s.sums.estimate(v -> v[2 * c]));
            Estimate v = r.estimate(s -> s.sums.estimate(w -> w[2 * c + 1] - w[2 * c] * w[2 * c]));
            String msg = scheme + " component " + i;
            // Richardson: the estimate minus its step error is the dt -> 0 limit
            Estimate.StepError em = m.stepError();
            Estimate.StepError ev = v.stepError();
            assertEquals(mean, m.value() - em.value(), 5 * Math.hypot(m.standardError(),
                em.standardError()), msg + " corrected mean, step error " + em);
            assertEquals(var, v.value() - ev.value(), 5 * Math.hypot(v.standardError(),
                ev.standardError()), msg + " corrected variance, step error " + ev);
            // on one Brownian path the dt and dt/2 runs differ by the drift's step error only;
            // runs on mismatched paths would give a step error as noisy as the estimate itself
            assertTrue(em.standardError() < 0.5 * m.standardError(), msg + " " + em + " vs "
                + m.standardError());
        }
    }

    /**
     * Commutative state-dependent non-diagonal noise ({@code nonDiagonalLinear}, n = m = 2) in
     * the ensemble with {@link RkMilCommute} (1 + m diffusion evaluations per step): the mean
     * X_i(0) e^{mu_i T} at T = 1, Itô and Stratonovich (drift mu_i + sum_j sigma_ij^2 / 2 in
     * the Itô reading), after Richardson correction, within 5 combined standard errors of 4096
     * trajectories (false-failure probability below 1e-6 per assertion).
     */
    @ParameterizedTest
    @EnumSource(Calculus.class)
    void rkMilCommuteReachesTheExactMeanOnCommutativeNoise(Calculus calculus) {
        double[] mu = {1.01, -0.5};
        double[][] sigma = {{0.6, 0.3}, {0.2, 0.5}};
        double[] x0 = {0.5, 1};
        double dt = 0.05;
        long steps = 20;
        EnsembleResult<StateMoments> r = Ensemble.builder(
                StandardProblems.nonDiagonalLinear(calculus))
            .algorithm(RkMilCommute.create(calculus)).trajectories(4096).groupSize(16).dt(dt)
            .steps(steps).seed(7).errorBudget(ErrorBudget.trajectories(1024)).build()
            .run(StateMoments.observer(2, new SampleSchedule(steps, 1)));
        for (int i = 0; i < 2; i++) {
            int c = i;
            double s2 = sigma[i][0] * sigma[i][0] + sigma[i][1] * sigma[i][1];
            double drift = calculus == Calculus.ITO ? mu[i] : mu[i] + s2 / 2;
            double mean = x0[i] * Math.exp(drift * steps * dt);
            Estimate m = r.estimate(s -> s.sums.estimate(v -> v[2 * c]));
            Estimate.StepError em = m.stepError();
            assertEquals(mean, m.value() - em.value(), 5 * Math.hypot(m.standardError(),
                em.standardError()), calculus + " component " + i + ", step error " + em);
        }
    }
}
