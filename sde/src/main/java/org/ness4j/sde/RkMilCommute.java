package org.ness4j.sde;

import java.util.EnumSet;
import java.util.Objects;

/**
 * The derivative-free Runge-Kutta Milstein scheme for commutative noise (StochasticDiffEq's
 * {@code RKMilCommute}; Kloeden and Platen 1992, Eq. 10.3.16 with the derivatives replaced by
 * differences as in Eq. 11.1.5): with m Wiener processes and the n x m diffusion matrix G,
 * \[ \Upsilon_j = X_n + f h + G_{\cdot j}\sqrt h, \qquad
 *    X_{n+1} = X_n + f h + G\,\Delta W
 *      + \sum_{j,k=1}^m \frac{G_{\cdot k}(\Upsilon_j) - G_{\cdot k}(X_n)}{\sqrt h}\,J_{jk}, \]
 * f and G at \( (t_n, X_n) \), \( J_{jk} = (\Delta W_j \Delta W_k - \delta_{jk} h)/2 \), in Itô
 * calculus. In Stratonovich calculus \( J_{jk} = \Delta W_j \Delta W_k / 2 \), whose mean is
 * not 0, so the difference quotient must be accurate to O(h) (a one-sided one is off by
 * \( O(\sqrt h) \), \( G'f\sqrt h + G''G^2\sqrt h/2 \), which gives a mean error
 * \( O(h^{3/2}) \) per step and strong order 1/2, as measured): the central quotient
 * \( (G_{\cdot k}(X_n + G_{\cdot j}\sqrt h) - G_{\cdot k}(X_n - G_{\cdot j}\sqrt h))
 * /(2\sqrt h) \). Either quotient approximates \( L^j G_{\cdot k} \); for commutative noise
 * ({@link SdeProblem#hasCommutativeNoise()}) the iterated integrals \( I_{(j,k)} \) of the
 * Milstein scheme enter only through \( I_{(j,k)} + I_{(k,j)} = \Delta W_j \Delta W_k \), which
 * the symmetric \( J \) reproduces: strong order 1 from the Wiener increments alone.
 *
 * <p><b>Noise.</b> Every {@link NoiseKind}, provided the noise commutes
 * ({@link #requiresCommutativeNoise()}: a {@link NoiseKind#NON_DIAGONAL} problem must declare
 * it, otherwise {@link #stepper} refuses it). Additive noise (diagonal or not): the correction
 * vanishes and the step is Euler-Maruyama's, one diffusion evaluation. Diagonal noise: the m
 * stages fit in one diffusion evaluation (each component's amplitude depends on its own
 * component only), and the Itô scheme is {@link RkMilstein}'s. Otherwise 1 + m diffusion
 * evaluations per step, one per Wiener process. Stratonovich calculus doubles the stage
 * evaluations (1 + 2m, 3 for diagonal noise). One drift evaluation per step. Strong order 1,
 * weak order 1, in the calculus of the instance ({@link #create()}: Itô,
 * {@link #create(Calculus)}).
 *
 * <p>Thread safety: immutable; its steppers are not thread-safe.
 */
public final class RkMilCommute extends AbstractFixedStepAlgorithm {

    private static final RkMilCommute ITO = new RkMilCommute(Calculus.ITO);
    private static final RkMilCommute STRATONOVICH = new RkMilCommute(Calculus.STRATONOVICH);

    private final Calculus calculus;

    private RkMilCommute(Calculus calculus) {
        super(EnumSet.allOf(NoiseKind.class), calculus, "RkMilCommute.create(Calculus."
            + (calculus == Calculus.ITO ? "STRATONOVICH) (rkmilcommutestrat)" : "ITO) (rkmilcommute)")
            + " for " + (calculus == Calculus.ITO ? "Stratonovich" : "Ito") + " problems");
        this.calculus = calculus;
    }

    /** @return the scheme for Itô problems ({@code "rkmilcommute"}) */
    public static RkMilCommute create() {
        return ITO;
    }

    /**
     * @param calculus the calculus of the problems it integrates
     * @return the scheme ({@code "rkmilcommute"} for Itô, {@code "rkmilcommutestrat"} for
     *     Stratonovich)
     */
    public static RkMilCommute create(Calculus calculus) {
        return Objects.requireNonNull(calculus, "calculus") == Calculus.ITO ? ITO : STRATONOVICH;
    }

    /** @return the calculus of the solution it converges to (state-dependent noise) */
    public Calculus calculus() {
        return calculus;
    }

    @Override
    public String name() {
        return calculus == Calculus.ITO ? "rkmilcommute" : "rkmilcommutestrat";
    }

    @Override
    public double strongOrder() {
        return 1.0;
    }

    @Override
    public double weakOrder() {
        return 1.0;
    }

    /** @return true: non-commutative noise needs Lévy areas, which this scheme does not use */
    @Override
    public boolean requiresCommutativeNoise() {
        return true;
    }

    @Override
    SdeStepper genericStepper(SdeProblem problem, int batch) {
        return new Stepper(problem, batch, calculus == Calculus.ITO);
    }

    private static final class Stepper extends GenericStepper {
        private final boolean ito;
        private final boolean additive;
        private final boolean diagonal;
        private final int m;
        private final int[] columns;
        /** nonzeros of column j: {@code byColumn[j]}. */
        private final int[][] byColumn;
        private final double[] f;
        private final double[] g;
        private final double[] gUpsilon;
        private final double[] upsilon;
        private final double[] correction;
        private final double[] gMinus;
        private final int[] allNonzeros;

        Stepper(SdeProblem problem, int batch, boolean ito) {
            super(problem, batch);
            this.ito = ito;
            NoiseKind kind = problem.noiseKind();
            this.additive = kind.isAdditive();
            this.diagonal = kind.isDiagonal();
            this.m = pattern.wienerProcesses();
            this.columns = pattern.columns();
            int[] count = new int[m];
            for (int c : columns) {
                count[c]++;
            }
            this.byColumn = new int[m][];
            for (int j = 0; j < m; j++) {
                byColumn[j] = new int[count[j]];
                count[j] = 0;
            }
            for (int k = 0; k < columns.length; k++) {
                byColumn[columns[k]][count[columns[k]]++] = k;
            }
            int n = problem.dimension() * batch;
            this.f = new double[n];
            this.upsilon = additive ? null : new double[n];
            this.correction = additive || diagonal ? null : new double[n];
            this.gMinus = additive || ito ? null : new double[pattern.nonzeros() * batch];
            this.allNonzeros = allNonzeros(pattern.nonzeros());
            this.g = new double[pattern.nonzeros() * batch];
            this.gUpsilon = additive ? null : new double[pattern.nonzeros() * batch];
        }

        @Override
        public void step(double t, double dt, double[] x, double[] dW) {
            problem.drift(t, x, f, batch);
            problem.diffusion(t, x, g, batch);
            if (additive) {
                eulerStep(dt, x, dW);
            } else if (diagonal) {
                diagonalStep(t, dt, x, dW);
            } else {
                generalStep(t, dt, x, dW);
            }
        }

        /** Additive noise: the correction vanishes. */
        private void eulerStep(double dt, double[] x, double[] dW) {
            for (int i = 0; i < x.length; i++) {
                x[i] += f[i] * dt;
            }
            addNoise(x, g, dW, 1.0);
        }

        /**
         * The diffusion at a stage: \( \Upsilon = X_n + f h + s\,G_{\cdot j} \) (Itô) or
         * \( X_n + s\,G_{\cdot j} \) (Stratonovich) into {@code out}, where the nonzeros of
         * \( G_{\cdot j} \) are {@code nonzeros} (for diagonal noise: all of them, every stage
         * at once).
         */
        private void stage(double t, double dt, double[] x, int[] nonzeros, double s,
                           double[] out) {
            if (ito) {
                for (int i = 0; i < x.length; i++) {
                    upsilon[i] = x[i] + f[i] * dt;
                }
            } else {
                System.arraycopy(x, 0, upsilon, 0, x.length);
            }
            addColumns(upsilon, g, s, nonzeros);
            problem.diffusion(t, upsilon, out, batch);
        }

        /**
         * Diagonal noise: all stages in one evaluation (two in Stratonovich calculus), since
         * amplitude j depends on its own component only. In Itô calculus the arithmetic of
         * {@link RkMilstein}.
         */
        private void diagonalStep(double t, double dt, double[] x, double[] dW) {
            double sq = Math.sqrt(dt);
            stage(t, dt, x, allNonzeros, sq, gUpsilon);
            if (!ito) {
                stage(t, dt, x, allNonzeros, -sq, gMinus);
            }
            for (int i = 0; i < x.length; i++) {
                x[i] += f[i] * dt;
            }
            double c = ito ? 0.5 / sq : 0.25 / sq;
            double h = ito ? dt : 0;
            double[] base = ito ? g : gMinus;
            addMilstein(x, g, gUpsilon, base, c, h, dW);
        }

        /** Scalar and non-diagonal noise: one stage (two in Stratonovich) per Wiener process. */
        private void generalStep(double t, double dt, double[] x, double[] dW) {
            double sq = Math.sqrt(dt);
            double c = ito ? 0.5 / sq : 0.25 / sq;
            double h = ito ? dt : 0;
            double[] base = ito ? g : gMinus;
            java.util.Arrays.fill(correction, 0);
            // x changes only at the end: every stage starts from X_n
            for (int j = 0; j < m; j++) {
                stage(t, dt, x, byColumn[j], sq, gUpsilon);
                if (!ito) {
                    stage(t, dt, x, byColumn[j], -sq, gMinus);
                }
                // difference quotient of G_k along G_j times J_jk (c holds J's 1/2)
                int wj = j * batch;
                for (int k = 0; k < rowOff.length; k++) {
                    int off = rowOff[k];
                    int wOff = colOff[k];
                    int nOff = k * batch;
                    double d = columns[k] == j ? h : 0;
                    for (int b = 0; b < batch; b++) {
                        correction[off + b] += (gUpsilon[nOff + b] - base[nOff + b]) * c
                            * (dW[wj + b] * dW[wOff + b] - d);
                    }
                }
            }
            for (int i = 0; i < x.length; i++) {
                x[i] += f[i] * dt + correction[i];
            }
            addNoise(x, g, dW, 1.0);
        }

        @Override
        public int driftEvaluationsPerStep() {
            return 1;
        }
    }
}
