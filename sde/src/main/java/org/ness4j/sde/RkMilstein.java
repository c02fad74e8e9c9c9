package org.ness4j.sde;

import java.util.EnumSet;

/**
 * The derivative-free Runge-Kutta Milstein scheme for Itô SDEs with commutative noise of the
 * kinds where each component's noise is a single column entry (Kloeden and Platen 1992,
 * Eq. 11.1.5; StochasticDiffEq's {@code RKMil}):
 * \[ \Upsilon = X_n + f h + g\sqrt h, \qquad
 *    X_{n+1} = X_n + f h + g\,\Delta W
 *      + \frac{g(\Upsilon) - g(X_n)}{2\sqrt h}\,(\Delta W^2 - h), \]
 * with f, g at \( (t_n, X_n) \) and, per structural nonzero k of the noise pattern, \( \Delta W \)
 * of its Wiener process.
 *
 * <p><b>Noise.</b> {@link NoiseKind#ADDITIVE} (the correction vanishes: Euler-Maruyama),
 * {@link NoiseKind#DIAGONAL} and {@link NoiseKind#SCALAR} (one Wiener process, commutative), in
 * {@link Calculus#ITO} calculus. Strong order 1.0, weak order 1.0. One drift and two diffusion
 * evaluations per step.
 *
 * <p>Thread safety: immutable; its steppers are not thread-safe.
 */
public final class RkMilstein extends AbstractFixedStepAlgorithm {

    private static final RkMilstein INSTANCE = new RkMilstein();

    private RkMilstein() {
        super(EnumSet.of(NoiseKind.ADDITIVE, NoiseKind.DIAGONAL, NoiseKind.SCALAR), Calculus.ITO,
            "Heun for Stratonovich problems, EulerMaruyama for non-diagonal noise");
    }

    /** @return the scheme */
    public static RkMilstein create() {
        return INSTANCE;
    }

    @Override
    public String name() {
        return "rkmil";
    }

    @Override
    public double strongOrder() {
        return 1.0;
    }

    @Override
    public double weakOrder() {
        return 1.0;
    }

    @Override
    SdeStepper genericStepper(SdeProblem problem, int batch) {
        return new Stepper(problem, batch);
    }

    private static final class Stepper extends GenericStepper {
        private final double[] f;
        private final double[] g;
        private final double[] gUpsilon;
        private final double[] upsilon;
        private final int[] allNonzeros;

        Stepper(SdeProblem problem, int batch) {
            super(problem, batch);
            int n = problem.dimension() * batch;
            this.f = new double[n];
            this.upsilon = new double[n];
            this.g = new double[pattern.nonzeros() * batch];
            this.gUpsilon = new double[pattern.nonzeros() * batch];
            this.allNonzeros = allNonzeros(pattern.nonzeros());
        }

        @Override
        public void step(double t, double dt, double[] x, double[] dW) {
            problem.drift(t, x, f, batch);
            problem.diffusion(t, x, g, batch);
            double sq = Math.sqrt(dt);
            for (int i = 0; i < x.length; i++) {
                upsilon[i] = x[i] + f[i] * dt;
            }
            addColumns(upsilon, g, sq, allNonzeros);
            problem.diffusion(t, upsilon, gUpsilon, batch);
            for (int i = 0; i < x.length; i++) {
                x[i] += f[i] * dt;
            }
            double c = 0.5 / sq;
            addMilstein(x, g, gUpsilon, g, c, dt, dW);
        }

        @Override
        public int driftEvaluationsPerStep() {
            return 1;
        }
    }
}
