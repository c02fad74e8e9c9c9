package org.ness4j.sde.srk;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import org.ness4j.sde.NoiseKind;
import org.ness4j.sde.SdeProblem;
import org.ness4j.sde.SdeStepper;

/**
 * Rößler's stochastic Runge-Kutta methods for additive noise (class SRA; Rößler 2010, SIAM J.
 * Numer. Anal. 48(3), 922-952), with the tableaus SRA1, SRA3 (Rößler 2010) and SOSRA (Rackauckas
 * and Nie 2018); the scheme is written out in {@link SraTableau}.
 *
 * <p><b>Orders.</b> Strong order 1.5 for additive noise (Rößler 2010); on linear drift the
 * leading 1.5 error term \( f'' g^2 I_{(1,1,0)} \) vanishes and order 2 is observed. Weak order
 * 2 for all three (measured exactly on Ornstein-Uhlenbeck; SRA3's drift part is Kutta's
 * third-order rule, so its mean converges with order 3, but its variance converges with order
 * 2, although DifferentialEquations.jl lists SRA3 as weak order 3). Itô and Stratonovich
 * readings coincide for additive noise.
 *
 * <p><b>Noise.</b> {@link NoiseKind#ADDITIVE} and {@link NoiseKind#NON_DIAGONAL_ADDITIVE}
 * (m Wiener processes, a state-independent n x m matrix; SRA needs no Lévy areas for additive
 * noise, Rößler 2010); the diffusion is evaluated at the step's
 * initial state (its state argument is ignored by additive problems). The stepper needs two
 * variates per channel ({@link SdeStepper#incrementsPerChannel()} = 2): \( \Delta W \) and an
 * independent \( \xi \sim N(0, h) \), from which
 * \( I_{(1,0)} = \tfrac h2(\Delta W + \xi/\sqrt 3) \) (the standard representation of the pair,
 * e.g. Kloeden and Platen 1992).
 *
 * <p><b>Cost per step</b> (drift / diffusion evaluations): SRA1 2 / 2, SRA3 3 / 2, SOSRA 3 / 3.
 *
 * <p><b>Adaptivity.</b> Every stepper is an {@link EmbeddedStepper} with the natural error
 * estimate of Rackauckas and Nie (2017): \( E_D = h\,\sum_i f(H^{(0)}_i) \) (over distinct
 * stages) and \( E_N = \sum_i \beta^{(2)}_i g_i\, I_{(1,0)}/h \), used by
 * {@code org.ness4j.sde.adaptive.AdaptiveSolver}. With the fixed-step
 * {@code org.ness4j.sde.ensemble.Ensemble} the step is fixed.
 *
 * <p><b>Stability on the imaginary axis</b> (drift part,
 * \( R(z) = 1 + z\alpha^T(I - zA^{(0)})^{-1}e \)): SRA1 and SOSRA amplify every undamped
 * mode, \( |R(i y)|^2 = 1 + y^4/4 \) (SRA1) and \( 1 + 0.106\,y^4 + 0.0052\,y^6 \) (SOSRA)
 * with \( y = h\omega \); SRA3 has
 * \( |R(iy)|^2 = 1 - y^4/12 + y^6/36 \le 1 \) for \( |h\omega| \le \sqrt 3 \) (checked numerically
 * in the tests), so it is the one to use on undamped oscillator bulks. Real-axis stability
 * intervals: SRA1 [-2, 0], SRA3 [-2.51, 0], SOSRA [-5.31, 0].
 *
 * <p>Thread safety: immutable; its steppers are not thread-safe.
 */
public final class Sra extends AbstractSrk {

    private static final Set<NoiseKind> KINDS =
        Set.copyOf(EnumSet.of(NoiseKind.ADDITIVE, NoiseKind.NON_DIAGONAL_ADDITIVE));
    private static final Sra SRA1 = new Sra("sra1", SraTableau.sra1(), 2.0);
    private static final Sra SRA3 = new Sra("sra3", SraTableau.sra3(), 2.0);
    private static final Sra SOSRA = new Sra("sosra", SraTableau.sosra(), 2.0);

    private final SraTableau tableau;

    private Sra(String name, SraTableau tableau, double weakOrder) {
        super(name, weakOrder, KINDS,
            "Sri.sriw1() or Sri.sosri() for Ito diagonal noise, Heun for Stratonovich");
        this.tableau = tableau;
    }

    /** @return SRA1 (Rößler 2010): 2 stages, the cheapest */
    public static Sra sra1() {
        return SRA1;
    }

    /** @return SRA3 (Rößler 2010): 3 stages, stable on part of the imaginary axis */
    public static Sra sra3() {
        return SRA3;
    }

    /** @return SOSRA (Rackauckas and Nie 2018): 3 stages, largest real stability interval */
    public static Sra sosra() {
        return SOSRA;
    }

    /**
     * A method with a user-supplied tableau.
     *
     * @param name short name
     * @param tableau coefficients (assumed to satisfy the strong order 1.5 conditions)
     * @param weakOrder declared weak order
     * @return the algorithm
     */
    public static Sra of(String name, SraTableau tableau, double weakOrder) {
        return new Sra(Objects.requireNonNull(name, "name"),
            Objects.requireNonNull(tableau, "tableau"),
            org.ness4j.core.Checks.positive("weakOrder", weakOrder));
    }

    /** @return the coefficients */
    public SraTableau tableau() {
        return tableau;
    }

    @Override
    EmbeddedStepper newStepper(SdeProblem problem, int batch) {
        return new Stepper(problem, batch, tableau);
    }

    /** Generic batched SRA stepper; no allocation in {@link #step}. */
    private static final class Stepper implements EmbeddedStepper {
        private static final double INV_SQRT3 = 1 / Math.sqrt(3);

        private final SdeProblem problem;
        private final int batch;
        private final int[] rowOff;
        private final int[] colOff;
        private final int s;
        private final double[] c0;
        private final double[] c1;
        private final double[][] a0;
        private final double[][] b0;
        private final double[] alpha;
        private final double[] beta1;
        private final double[] beta2;
        /** Stage i evaluates the drift itself (otherwise it reuses fRef[i]). */
        private final boolean[] ownF;
        private final boolean[] ownG;
        private final boolean[] atX;
        private final double[][] fRef;
        private final double[][] gRef;
        private final double[] h0;
        private final double[] chi2;
        private final int evaluations;

        Stepper(SdeProblem problem, int batch, SraTableau t) {
            this.problem = problem;
            this.batch = batch;
            org.ness4j.sde.NoiseMatrix pattern = problem.noiseMatrix();
            this.rowOff = new int[pattern.nonzeros()];
            this.colOff = new int[pattern.nonzeros()];
            for (int k = 0; k < rowOff.length; k++) {
                rowOff[k] = pattern.row(k) * batch;
                colOff[k] = pattern.column(k) * batch;
            }
            this.s = t.stages();
            this.c0 = t.c0();
            this.c1 = t.c1();
            this.a0 = t.a0();
            this.b0 = t.b0();
            this.alpha = t.alpha();
            this.beta1 = t.beta1();
            this.beta2 = t.beta2();
            int nb = problem.dimension() * batch;
            int mb = pattern.nonzeros() * batch;
            ownF = new boolean[s];
            ownG = new boolean[s];
            atX = new boolean[s];
            fRef = new double[s][];
            gRef = new double[s][];
            int count = 0;
            for (int i = 0; i < s; i++) {
                atX[i] = Tableaus.rowIsZero(a0, i) && Tableaus.rowIsZero(b0, i);
                int same = -1;
                for (int k = 0; k < i && same < 0; k++) {
                    if (atX[i] && atX[k] && c0[k] == c0[i]) {
                        same = k;
                    }
                }
                ownF[i] = same < 0;
                fRef[i] = same < 0 ? new double[nb] : fRef[same];
                count += same < 0 ? 1 : 0;
                int sameG = -1;
                for (int k = 0; k < i && sameG < 0; k++) {
                    if (c1[k] == c1[i]) {
                        sameG = k;
                    }
                }
                ownG[i] = sameG < 0;
                gRef[i] = sameG < 0 ? new double[mb] : gRef[sameG];
            }
            this.evaluations = count;
            this.h0 = new double[nb];
            this.chi2 = new double[pattern.wienerProcesses() * batch];
        }

        @Override
        public void step(double t, double dt, double[] x, double[] dW) {
            step(t, dt, x, dW, null, null);
        }

        @Override
        public void step(double t, double dt, double[] x, double[] dW, double[] errorDrift,
                         double[] errorNoise) {
            final int mb = chi2.length;
            final int nb = h0.length;
            for (int k = 0; k < mb; k++) {
                chi2[k] = 0.5 * (dW[k] + dW[mb + k] * INV_SQRT3);
            }
            for (int i = 0; i < s; i++) {
                if (ownG[i]) {
                    problem.diffusion(t + c1[i] * dt, x, gRef[i], batch);
                }
            }
            for (int i = 0; i < s; i++) {
                if (!ownF[i]) {
                    continue;
                }
                if (atX[i]) {
                    problem.drift(t + c0[i] * dt, x, fRef[i], batch);
                    continue;
                }
                System.arraycopy(x, 0, h0, 0, nb);
                for (int j = 0; j < i; j++) {
                    double a = a0[i][j] * dt;
                    if (a != 0) {
                        double[] fj = fRef[j];
                        for (int k = 0; k < nb; k++) {
                            h0[k] += a * fj[k];
                        }
                    }
                    double bc = b0[i][j];
                    if (bc != 0) {
                        addNoise(h0, gRef[j], bc, chi2, null, 0);
                    }
                }
                problem.drift(t + c0[i] * dt, h0, fRef[i], batch);
            }
            if (errorDrift != null) {
                java.util.Arrays.fill(errorDrift, 0, nb, 0.0);
                java.util.Arrays.fill(errorNoise, 0, nb, 0.0);
                for (int i = 0; i < s; i++) {
                    if (ownF[i]) {
                        double[] fi = fRef[i];
                        for (int k = 0; k < nb; k++) {
                            errorDrift[k] += dt * fi[k];
                        }
                    }
                }
            }
            for (int i = 0; i < s; i++) {
                double a = alpha[i] * dt;
                if (a != 0) {
                    double[] fi = fRef[i];
                    for (int k = 0; k < nb; k++) {
                        x[k] += a * fi[k];
                    }
                }
                if (beta1[i] != 0) {
                    addNoise(x, gRef[i], beta1[i], dW, null, 0);
                }
                if (beta2[i] != 0) {
                    addNoise(x, gRef[i], beta2[i], chi2, errorNoise, 0);
                }
            }
        }

        /** y[noisy comp] += coef * w * g, and the same into {@code err} when given. */
        private void addNoise(double[] y, double[] g, double coef, double[] w, double[] err,
                              int wOffset) {
            for (int k = 0; k < rowOff.length; k++) {
                int off = rowOff[k];
                int nOff = k * batch;
                int wOff = wOffset + colOff[k];
                for (int b = 0; b < batch; b++) {
                    double v = coef * w[wOff + b] * g[nOff + b];
                    y[off + b] += v;
                }
                if (err != null) {
                    for (int b = 0; b < batch; b++) {
                        err[off + b] += coef * w[wOff + b] * g[nOff + b];
                    }
                }
            }
        }

        @Override
        public int incrementsPerChannel() {
            return 2;
        }

        @Override
        public int batchSize() {
            return batch;
        }

        @Override
        public int driftEvaluationsPerStep() {
            return evaluations;
        }
    }
}
