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

    /** Offsets {@code index * batch} of the rows or columns of a noise pattern. */
    static int[] offsets(int[] indices, int batch) {
        int[] o = new int[indices.length];
        for (int k = 0; k < o.length; k++) {
            o[k] = indices[k] * batch;
        }
        return o;
    }

    /**
     * Moves a stage along columns of G: {@code y[rowOff[k] + b] += g[k * batch + b] * s} for the
     * nonzeros k listed in {@code nonzeros} (all of them, or those of one Wiener process).
     */
    static void addColumns(double[] y, double[] g, double s, int[] nonzeros, int[] rowOff,
                           int batch) {
        for (int k : nonzeros) {
            int off = rowOff[k];
            int nOff = k * batch;
            for (int b = 0; b < batch; b++) {
                y[off + b] += g[nOff + b] * s;
            }
        }
    }

    /** @return {@code 0, 1, ..., count - 1}: every nonzero of a pattern, for {@link #addColumns} */
    static int[] allNonzeros(int count) {
        int[] all = new int[count];
        for (int k = 0; k < count; k++) {
            all[k] = k;
        }
        return all;
    }

    /**
     * Adds the noise term \( s\,G\,\Delta W \) of a step, lane by lane, on the batched layout:
     * {@code y[rowOff[k] + b] += s * g[k * batch + b] * dW[colOff[k] + b]} for every nonzero k
     * of the pattern ({@code s = 1}: bit for bit {@code g * dW}). The one loop every generic
     * stepper uses for \( G\,\Delta W \).
     */
    static void addNoise(double[] y, double[] g, double[] dW, double s, int[] rowOff,
                         int[] colOff, int batch) {
        for (int k = 0; k < rowOff.length; k++) {
            int off = rowOff[k];
            int wOff = colOff[k];
            int nOff = k * batch;
            for (int b = 0; b < batch; b++) {
                y[off + b] += s * g[nOff + b] * dW[wOff + b];
            }
        }
    }

    @Override
    SdeStepper genericStepper(SdeProblem problem, int batch) {
        return new Stepper(problem, batch);
    }

    private static final class Stepper implements SdeStepper {
        private final SdeProblem problem;
        private final int batch;
        private final int[] rowOff;
        private final int[] colOff;
        private final double[] f;
        private final double[] g;

        Stepper(SdeProblem problem, int batch) {
            this.problem = problem;
            this.batch = batch;
            NoiseMatrix pattern = problem.noiseMatrix();
            this.rowOff = offsets(pattern.rows(), batch);
            this.colOff = offsets(pattern.columns(), batch);
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
            addNoise(x, g, dW, 1.0, rowOff, colOff, batch);
        }

        @Override
        public int batchSize() {
            return batch;
        }

        @Override
        public int driftEvaluationsPerStep() {
            return 1;
        }
    }
}
