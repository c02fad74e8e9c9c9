package org.ness4j.sde;

import java.util.EnumSet;

/**
 * The stochastic Heun scheme (predictor-corrector trapezoidal rule):
 * \[ \tilde X = X_n + f(t_n, X_n)h + g(t_n, X_n)\Delta W_n, \quad
 *    X_{n+1} = X_n + \tfrac{h}{2}[f(t_n, X_n) + f(t_{n+1}, \tilde X)]
 *            + \tfrac{1}{2}[g(t_n, X_n) + g(t_{n+1}, \tilde X)]\Delta W_n . \]
 *
 * <p>Every {@link NoiseKind}, scalar and general non-diagonal noise through
 * {@link SdeProblem#noiseMatrix()}: strong order 0.5 for general non-diagonal noise (no Lévy
 * areas), otherwise as follows.
 * Strong order 1.0 for additive and for diagonal (Stratonovich) noise, weak order 1.0
 * for diagonal noise and 2.0 for additive noise (then it is Platen's explicit order 2.0 weak
 * scheme, Kloeden and Platen 1992, Sec. 15.1: \( \tfrac h2 f'g\Delta W \) matches the
 * \( f'g\Delta Z \) of the weak Taylor scheme in its first two moments; measured exactly on
 * Ornstein-Uhlenbeck and on the linear chain, {@code StepErrorBudgetTest}; see
 * {@link #weakOrder(NoiseKind)}); converges to the Stratonovich solution. Fixed step. Two
 * drift evaluations per step.
 *
 * <p>Stability: Heun's amplification factor on the imaginary axis is
 * \( |1 + ih\omega - h^2\omega^2/2| = \sqrt{1 + h^4\omega^4/4} > 1 \), so it pumps energy into
 * undamped oscillators: \( |\alpha|^2 \) grows by a factor \( 1 + h^4\omega^4/4 \) per step (tested
 * exactly on the linear chain). With a Kerr term the local frequency grows with the density
 * (\( \omega \approx \Delta - Un + 2J \)), so heating feeds back into itself: in the isolated
 * chain (paper parameters, random starts) \( h = 0.01 \) is stable at density 2 (norm drift
 * \( 10^{-4} \) per unit time) but runs away within \( t \sim 10^3 \) at density 10 for
 * L \( \ge \) 100, and \( h = 0.005 \) runs away at density 20. Choose \( h \) from the table in
 * {@code docs/integrators.md} for the densities of the run; the driven L = 10 chain of Fig. 2
 * is converged at \( h = 0.01 \).
 *
 * <p>For the Bose-Hubbard chain a fused, single-pass kernel is used automatically
 * (see {@link FusedSteppers}).
 *
 * <p>Thread safety: immutable; its steppers are not thread-safe.
 */
public final class Heun extends AbstractFixedStepAlgorithm {

    private static final Heun INSTANCE = new Heun();

    private Heun() {
        super(EnumSet.allOf(NoiseKind.class), Calculus.STRATONOVICH,
            "EulerMaruyama for Ito problems");
    }

    /** @return the scheme */
    public static Heun create() {
        return INSTANCE;
    }

    @Override
    public String name() {
        return "heun";
    }

    @Override
    public double strongOrder() {
        return 1.0;
    }

    /** Weak order 1 (diagonal noise); see {@link #weakOrder(NoiseKind)}. */
    @Override
    public double weakOrder() {
        return 1.0;
    }

    /**
     * 2 for additive noise (diagonal or not), 1 for state-dependent noise (class comment).
     *
     * @param kind the noise kind
     * @return the weak order
     */
    @Override
    public double weakOrder(NoiseKind kind) {
        return kind.isAdditive() ? 2.0 : 1.0;
    }

    /**
     * 1 for additive, diagonal and scalar noise (commutative), 0.5 for general non-diagonal
     * noise (the Lévy areas it does not sample).
     *
     * @param kind the noise kind
     * @return the strong order
     */
    @Override
    public double strongOrder(NoiseKind kind) {
        return kind == NoiseKind.NON_DIAGONAL ? 0.5 : 1.0;
    }

    @Override
    SdeStepper genericStepper(SdeProblem problem, int batch) {
        return new Stepper(problem, batch);
    }

    private static final class Stepper extends GenericStepper {
        private final double[] f1;
        private final double[] f2;
        private final double[] g1;
        private final double[] g2;
        private final double[] predictor;

        Stepper(SdeProblem problem, int batch) {
            super(problem, batch);
            int n = problem.dimension() * batch;
            this.f1 = new double[n];
            this.f2 = new double[n];
            this.predictor = new double[n];
            this.g1 = new double[pattern.nonzeros() * batch];
            this.g2 = new double[pattern.nonzeros() * batch];
        }

        @Override
        public void step(double t, double dt, double[] x, double[] dW) {
            problem.drift(t, x, f1, batch);
            problem.diffusion(t, x, g1, batch);
            for (int i = 0; i < x.length; i++) {
                predictor[i] = x[i] + f1[i] * dt;
            }
            addNoise(predictor, g1, dW, 1.0);
            problem.drift(t + dt, predictor, f2, batch);
            problem.diffusion(t + dt, predictor, g2, batch);
            double half = 0.5 * dt;
            for (int i = 0; i < x.length; i++) {
                x[i] += (f1[i] + f2[i]) * half;
            }
            for (int i = 0; i < g1.length; i++) {
                g1[i] += g2[i];
            }
            addNoise(x, g1, dW, 0.5);
        }

        @Override
        public int driftEvaluationsPerStep() {
            return 2;
        }
    }
}
