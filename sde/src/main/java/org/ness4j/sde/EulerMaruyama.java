package org.ness4j.sde;

import java.util.EnumSet;

/**
 * The Euler-Maruyama scheme
 * \( X_{n+1} = X_n + f(t_n, X_n)\,h + G(t_n, X_n)\,\Delta W_n \).
 *
 * <p>Strong order 1.0 for additive noise (diagonal or not; 0.5 for state-dependent noise),
 * weak order 1.0; converges to the Itô solution. Every {@link NoiseKind} (scalar and general
 * non-diagonal noise through {@link SdeProblem#noiseMatrix()}). Fixed step. One drift evaluation per step.
 *
 * <p>Stability: the stability region \( |1 + h\lambda| \le 1 \) does not contain the imaginary
 * axis, so on the undamped bulk of a chain (eigenvalues \( \pm i\omega \),
 * \( \omega \lesssim |\Delta| + 2|J| + 2Un \)) every step multiplies the amplitude by
 * \( \sqrt{1 + h^2\omega^2} \): Euler-Maruyama heats the isolated chain at a rate
 * \( \approx h\omega^2 \) and is meant for tests and short runs only. Prefer {@link Heun}.
 *
 * <p>Thread safety: immutable; its steppers are not thread-safe.
 */
public final class EulerMaruyama extends AbstractFixedStepAlgorithm {

    private static final EulerMaruyama INSTANCE = new EulerMaruyama();

    private EulerMaruyama() {
        super(EnumSet.allOf(NoiseKind.class), Calculus.ITO, "Heun for Stratonovich problems");
    }

    /** @return the scheme */
    public static EulerMaruyama create() {
        return INSTANCE;
    }

    @Override
    public String name() {
        return "euler";
    }

    /** Strong order 1.0 for additive noise (0.5 for diagonal noise). */
    @Override
    public double strongOrder() {
        return 1.0;
    }

    @Override
    public double weakOrder() {
        return 1.0;
    }

    /**
     * 1 for additive noise (diagonal or not), 0.5 for state-dependent noise.
     *
     * @param kind the noise kind
     * @return the strong order
     */
    @Override
    public double strongOrder(NoiseKind kind) {
        return kind.isAdditive() ? 1.0 : 0.5;
    }

    @Override
    SdeStepper genericStepper(SdeProblem problem, int batch) {
        return new Stepper(problem, batch);
    }

    private static final class Stepper extends GenericStepper {
        private final double[] f;
        private final double[] g;

        Stepper(SdeProblem problem, int batch) {
            super(problem, batch);
            this.f = new double[problem.dimension() * batch];
            this.g = new double[pattern.nonzeros() * batch];
        }

        @Override
        public void step(double t, double dt, double[] x, double[] dW) {
            problem.drift(t, x, f, batch);
            problem.diffusion(t, x, g, batch);
            for (int i = 0; i < f.length; i++) {
                x[i] += f[i] * dt;
            }
            addNoise(x, g, dW, 1.0);
        }

        @Override
        public int driftEvaluationsPerStep() {
            return 1;
        }
    }
}
