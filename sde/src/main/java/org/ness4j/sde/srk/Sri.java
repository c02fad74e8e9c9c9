package org.ness4j.sde.srk;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import org.ness4j.sde.Calculus;
import org.ness4j.sde.NoiseKind;
import org.ness4j.sde.SdeProblem;
import org.ness4j.sde.SdeStepper;

/**
 * Rößler's stochastic Runge-Kutta methods for Itô SDEs with diagonal noise (class SRI; Rößler
 * 2010, SIAM J. Numer. Anal. 48(3), 922-952), with the tableaus SRIW1 (Rößler 2010) and SOSRI
 * (Rackauckas and Nie 2018); the scheme is written out in {@link SriTableau}.
 *
 * <p><b>Orders.</b> Strong order 1.5 for diagonal (and additive) noise in the Itô sense. Weak
 * order 2 for SRIW1 (Rößler 2010). SOSRI is declared weak order 1.5 only: on Itô geometric
 * Brownian motion the exact second moment of the scheme (computed by quadrature, no Monte Carlo
 * error) has a local error of order \( h^{2.5} \) and converges with slope 1.5-1.6, although
 * DifferentialEquations.jl lists SOSRI as weak order 2; its mean converges with order 2.
 *
 * <p><b>Noise.</b> {@link NoiseKind#DIAGONAL} written in {@link Calculus#ITO} calculus, and
 * {@link NoiseKind#ADDITIVE}. Diagonal means channel j's amplitude depends on the state only
 * through its own component (then the per-channel iterated integrals
 * \( I_{(1,1)} = (\Delta W^2 - h)/2 \), \( I_{(1,1,1)} = (\Delta W^3 - 3h\Delta W)/6 \) are exact).
 * Two variates per channel ({@link SdeStepper#incrementsPerChannel()} = 2): \( \Delta W \) and
 * \( \xi \sim N(0, h) \) with \( I_{(1,0)} = \tfrac h2(\Delta W + \xi/\sqrt 3) \).
 *
 * <p><b>Cost per step</b> (drift / diffusion evaluations): SRIW1 2 / 4 (its stages 3 and 4 reuse
 * the drift at \( X_n \)), SOSRI 4 / 4.
 *
 * <p><b>Adaptivity.</b> Steppers are {@link EmbeddedStepper}s with the natural error estimate
 * of Rackauckas and Nie (2017): \( E_D = h\sum_i f(H^{(0)}_i) \) over the distinct drift
 * stages, \( E_N = \sum_i (\beta^{(3)}_i I_{(1,0)}/h + \beta^{(4)}_i I_{(1,1,1)}/h)\, g_i \).
 *
 * <p><b>Stability on the imaginary axis</b> (drift part): neither contains it; SRIW1's drift
 * part is that of SRA1, \( |R(iy)|^2 = 1 + y^4/4 \); SOSRI's is
 * \( |R(iy)|^2 = 1 + 0.0764\,y^4 + 0.0032\,y^6 + 2.7\times 10^{-5} y^8 \) with
 * \( y = h\omega \) (see {@code docs/srk.md}). Real-axis stability intervals: SRIW1 [-2, 0],
 * SOSRI [-9.84, 0] (the stability-optimized method).
 *
 * <p>Thread safety: immutable; its steppers are not thread-safe.
 */
public final class Sri extends AbstractSrk {

    private static final Set<NoiseKind> KINDS =
        Set.copyOf(EnumSet.of(NoiseKind.ADDITIVE, NoiseKind.DIAGONAL));
    private static final Sri SRIW1 = new Sri("sriw1", SriTableau.sriw1(), 2.0);
    private static final Sri SOSRI = new Sri("sosri", SriTableau.sosri(), 1.5);

    private final SriTableau tableau;

    private Sri(String name, SriTableau tableau, double weakOrder) {
        super(name, weakOrder, KINDS,
            "Heun for Stratonovich problems");
        this.tableau = tableau;
    }

    /** @return SRIW1 (Rößler 2010) */
    public static Sri sriw1() {
        return SRIW1;
    }

    /** @return SOSRI (Rackauckas and Nie 2018), stability-optimized */
    public static Sri sosri() {
        return SOSRI;
    }

    /**
     * A method with a user-supplied tableau.
     *
     * @param name short name
     * @param tableau coefficients (assumed to satisfy the strong order 1.5 conditions)
     * @param weakOrder declared weak order (1.5 is implied by strong order 1.5)
     * @return the algorithm
     */
    public static Sri of(String name, SriTableau tableau, double weakOrder) {
        return new Sri(Objects.requireNonNull(name, "name"),
            Objects.requireNonNull(tableau, "tableau"),
            org.ness4j.core.Checks.positive("weakOrder", weakOrder));
    }

    /** @return the coefficients */
    public SriTableau tableau() {
        return tableau;
    }

    @Override
    EmbeddedStepper newStepper(SdeProblem problem, int batch) {
        return new Stepper(problem, batch, tableau);
    }

    /** Generic batched SRI stepper; no allocation in {@link #step}. */
    private static final class Stepper implements EmbeddedStepper {
        private static final double INV_SQRT3 = 1 / Math.sqrt(3);

        private final SdeProblem problem;
        private final int batch;
        private final int[] noisy;
        private final int s;
        private final double[] c0;
        private final double[] c1;
        private final double[][] a0;
        private final double[][] a1;
        private final double[][] b0;
        private final double[][] b1;
        private final double[] alpha;
        private final double[] beta1;
        private final double[] beta2;
        private final double[] beta3;
        private final double[] beta4;
        private final boolean[] ownF;
        private final boolean[] ownG;
        private final boolean[] atX0;
        private final boolean[] atX1;
        private final double[][] fRef;
        private final double[][] gRef;
        private final double[] hs;
        private final double[] chi1;
        private final double[] chi2;
        private final double[] chi3;
        private final double[] weight;
        private final int evaluations;

        Stepper(SdeProblem problem, int batch, SriTableau t) {
            this.problem = problem;
            this.batch = batch;
            this.noisy = problem.noiseComponents();
            this.s = t.stages();
            this.c0 = t.c0();
            this.c1 = t.c1();
            this.a0 = t.a0();
            this.a1 = t.a1();
            this.b0 = t.b0();
            this.b1 = t.b1();
            this.alpha = t.alpha();
            this.beta1 = t.beta1();
            this.beta2 = t.beta2();
            this.beta3 = t.beta3();
            this.beta4 = t.beta4();
            int nb = problem.dimension() * batch;
            int mb = noisy.length * batch;
            ownF = new boolean[s];
            ownG = new boolean[s];
            atX0 = new boolean[s];
            atX1 = new boolean[s];
            fRef = new double[s][];
            gRef = new double[s][];
            int count = 0;
            for (int i = 0; i < s; i++) {
                atX0[i] = Tableaus.rowIsZero(a0, i) && Tableaus.rowIsZero(b0, i);
                atX1[i] = Tableaus.rowIsZero(a1, i) && Tableaus.rowIsZero(b1, i);
                int sameF = -1;
                int sameG = -1;
                for (int k = 0; k < i; k++) {
                    if (sameF < 0 && atX0[i] && atX0[k] && c0[k] == c0[i]) {
                        sameF = k;
                    }
                    if (sameG < 0 && atX1[i] && atX1[k] && c1[k] == c1[i]) {
                        sameG = k;
                    }
                }
                ownF[i] = sameF < 0;
                ownG[i] = sameG < 0;
                fRef[i] = sameF < 0 ? new double[nb] : fRef[sameF];
                gRef[i] = sameG < 0 ? new double[mb] : gRef[sameG];
                count += sameF < 0 ? 1 : 0;
            }
            this.evaluations = count;
            this.hs = new double[nb];
            this.chi1 = new double[mb];
            this.chi2 = new double[mb];
            this.chi3 = new double[mb];
            this.weight = new double[mb];
        }

        @Override
        public void step(double t, double dt, double[] x, double[] dW) {
            step(t, dt, x, dW, null, null);
        }

        @Override
        public void step(double t, double dt, double[] x, double[] dW, double[] errorDrift,
                         double[] errorNoise) {
            final int mb = chi2.length;
            final int nb = hs.length;
            final double sq = Math.sqrt(dt);
            final double inv2sq = 0.5 / sq;
            final double inv6dt = 1.0 / (6 * dt);
            for (int k = 0; k < mb; k++) {
                double w = dW[k];
                chi1[k] = (w * w - dt) * inv2sq;
                chi2[k] = 0.5 * (w + dW[mb + k] * INV_SQRT3);
                chi3[k] = (w * w - 3 * dt) * w * inv6dt;
            }
            for (int i = 0; i < s; i++) {
                if (ownF[i]) {
                    if (atX0[i]) {
                        problem.drift(t + c0[i] * dt, x, fRef[i], batch);
                    } else {
                        stage(hs, x, a0[i], b0[i], i, dt, chi2, 1.0);
                        problem.drift(t + c0[i] * dt, hs, fRef[i], batch);
                    }
                }
                if (ownG[i]) {
                    if (atX1[i]) {
                        problem.diffusion(t + c1[i] * dt, x, gRef[i], batch);
                    } else {
                        stage(hs, x, a1[i], b1[i], i, dt, null, sq);
                        problem.diffusion(t + c1[i] * dt, hs, gRef[i], batch);
                    }
                }
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
                double p1 = beta1[i];
                double p2 = beta2[i];
                double p3 = beta3[i];
                double p4 = beta4[i];
                double[] g = gRef[i];
                for (int k = 0; k < mb; k++) {
                    weight[k] = p3 * chi2[k] + p4 * chi3[k];
                }
                for (int j = 0; j < noisy.length; j++) {
                    int off = noisy[j] * batch;
                    int nOff = j * batch;
                    for (int b = 0; b < batch; b++) {
                        int c = nOff + b;
                        x[off + b] += (p1 * dW[c] + p2 * chi1[c] + weight[c]) * g[c];
                    }
                    if (errorNoise != null) {
                        for (int b = 0; b < batch; b++) {
                            int c = nOff + b;
                            errorNoise[off + b] += weight[c] * g[c];
                        }
                    }
                }
            }
        }

        /**
         * out = x + dt sum_j a[j] f_j + sum_j b[j] g_j * (w or scale) over earlier stages;
         * {@code w == null} means the noise weight is the constant {@code scale}.
         */
        private void stage(double[] out, double[] x, double[] a, double[] b, int i, double dt,
                           double[] w, double scale) {
            final int nb = out.length;
            System.arraycopy(x, 0, out, 0, nb);
            for (int j = 0; j < i; j++) {
                double aj = a[j] * dt;
                if (aj != 0) {
                    double[] fj = fRef[j];
                    for (int k = 0; k < nb; k++) {
                        out[k] += aj * fj[k];
                    }
                }
                double bj = b[j] * scale;
                if (bj != 0) {
                    double[] gj = gRef[j];
                    for (int ch = 0; ch < noisy.length; ch++) {
                        int off = noisy[ch] * batch;
                        int nOff = ch * batch;
                        if (w == null) {
                            for (int lane = 0; lane < batch; lane++) {
                                out[off + lane] += bj * gj[nOff + lane];
                            }
                        } else {
                            for (int lane = 0; lane < batch; lane++) {
                                out[off + lane] += bj * w[nOff + lane] * gj[nOff + lane];
                            }
                        }
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
