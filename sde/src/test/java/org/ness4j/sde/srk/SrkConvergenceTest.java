package org.ness4j.sde.srk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.apache.commons.rng.simple.RandomSource;
import org.hipparchus.analysis.integration.gauss.GaussIntegrator;
import org.hipparchus.analysis.integration.gauss.GaussIntegratorFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.ness4j.sde.Calculus;
import org.ness4j.sde.Fits;
import org.ness4j.sde.SdeAlgorithm;
import org.ness4j.sde.SdeProblem;
import org.ness4j.sde.SdeStepper;

/**
 * Strong and weak convergence of the SRA and SRI schemes on problems with exact solutions.
 *
 * <p><b>Shared Brownian path.</b> Every path is sampled once on a fine grid of step
 * \( h_f \) as pairs \( (\Delta W_k, \Delta Z_k) \), \( \Delta Z_k = \int_{s_k}^{s_{k+1}}
 * (W(s) - W(s_k))\,ds \) (\( \Delta W_k = \sqrt{h_f} g_1 \),
 * \( \Delta Z_k = h_f^{3/2}(g_1/2 + g_2/(2\sqrt 3)) \)). A coarse step \( [t, t+H] \) made of fine
 * steps \( [s_k, s_{k+1}] \) gets, exactly,
 * \[ \Delta W = \sum_k \Delta W_k, \qquad
 *    \Delta Z = \sum_k \bigl[\Delta Z_k + (t + H - s_{k+1})\,\Delta W_k\bigr], \]
 * because \( W(s) - W(t) = (W(s) - W(s_k)) + (W(s_k) - W(t)) \) on \( [s_k, s_{k+1}] \) and
 * \( \sum_k h_k (W(s_k) - W(t)) = \sum_j \Delta W_j \sum_{k > j} h_k \). The stepper's extra
 * variate is then \( \xi = \sqrt 3\,(2\Delta Z/H - \Delta W) \).
 */
class SrkConvergenceTest {

    private static final double SQRT3 = Math.sqrt(3);

    static Stream<Sra> sraSchemes() {
        return Stream.of(Sra.sra1(), Sra.sra3(), Sra.sosra());
    }

    static Stream<Sri> sriSchemes() {
        return Stream.of(Sri.sriw1(), Sri.sosri());
    }

    /** Fine path pairs [path][2 * fine]: dW at 2k, dZ at 2k + 1. */
    private static double[][] finePath(int paths, int fine, double tEnd, long seed) {
        ZigguratSampler.NormalizedGaussian g = ZigguratSampler.NormalizedGaussian.of(
            RandomSource.XO_RO_SHI_RO_128_PP.create(seed));
        double h = tEnd / fine;
        double sq = Math.sqrt(h);
        double[][] w = new double[paths][2 * fine];
        for (double[] row : w) {
            for (int k = 0; k < fine; k++) {
                double g1 = g.sample();
                double g2 = g.sample();
                row[2 * k] = sq * g1;
                row[2 * k + 1] = h * sq * (0.5 * g1 + 0.5 / SQRT3 * g2);
            }
        }
        return w;
    }

    /** Integrates all paths as one batch with {@code steps} coarse steps on the shared path. */
    private static double[] solve(SdeAlgorithm scheme, SdeProblem p, double x0, double[][] w,
                                  double tEnd, int steps) {
        int paths = w.length;
        int fine = w[0].length / 2;
        int ratio = fine / steps;
        double hf = tEnd / fine;
        double h = tEnd / steps;
        SdeStepper st = scheme.stepper(p, paths);
        assertEquals(2, st.incrementsPerChannel());
        double[] x = new double[paths];
        java.util.Arrays.fill(x, x0);
        double[] dW = new double[2 * paths];
        for (int s = 0; s < steps; s++) {
            for (int i = 0; i < paths; i++) {
                double sw = 0;
                double sz = 0;
                for (int k = 0; k < ratio; k++) {
                    int idx = s * ratio + k;
                    double dw = w[i][2 * idx];
                    sz += w[i][2 * idx + 1] + (ratio - k - 1) * hf * dw;
                    sw += dw;
                }
                dW[i] = sw;
                dW[paths + i] = SQRT3 * (2 * sz / h - sw);
            }
            st.step(s * h, h, x, dW);
        }
        return x;
    }

    private static double strongSlope(SdeAlgorithm scheme, SdeProblem p, double x0,
                                      double[][] w, double tEnd, double[] exact, int[] steps,
                                      StringBuilder log) {
        double[] logH = new double[steps.length];
        double[] logE = new double[steps.length];
        for (int c = 0; c < steps.length; c++) {
            double[] xs = solve(scheme, p, x0, w, tEnd, steps[c]);
            double err = 0;
            for (int i = 0; i < w.length; i++) {
                err += Math.abs(xs[i] - exact[i]) / w.length;
            }
            logH[c] = Math.log(tEnd / steps[c]);
            logE[c] = Math.log(err);
            log.append(String.format(" h=1/%d err=%.3e", steps[c], err));
        }
        return Fits.slope(logH, logE);
    }

    @Test
    void coarseIncrementsFromTheFinePathAreExact() {
        // Var dZ = H^3/3 and Cov(dW, dZ) = H^2/2 for the aggregated coarse pairs
        int paths = 20_000;
        double[][] w = finePath(paths, 16, 1.0, 5L);
        double sww = 0;
        double swz = 0;
        double szz = 0;
        for (double[] row : w) {
            double sw = 0;
            double sz = 0;
            for (int k = 0; k < 16; k++) {
                sz += row[2 * k + 1] + (16 - k - 1) / 16.0 * row[2 * k];
                sw += row[2 * k];
            }
            sww += sw * sw / paths;
            swz += sw * sz / paths;
            szz += sz * sz / paths;
        }
        // relative standard errors ~ sqrt(2/n) = 1%; 5 se
        assertEquals(1.0, sww, 0.05);
        assertEquals(0.5, swz, 0.05 * 0.5 * 1.2);
        assertEquals(1.0 / 3, szz, 0.05 / 3);
    }

    /**
     * Ornstein-Uhlenbeck: X(T) = e^{-theta T} x0 + sigma sum_k e^{-theta(T - s_{k+1})} J_k with
     * J_k = int e^{-theta(s_{k+1} - u)} dW(u) over fine step k; J_k = dW_k - theta dZ_k +
     * O(theta^2 h_f^{5/2}), so the reference has a mean-zero error of order
     * sigma theta^2 h_f^2 ~ 1e-8 at h_f = 2^-13, three orders below the smallest measured error.
     * With linear drift SRA attains order 2 (the order 1.5 error term f'' g^2 I_(1,1,0)
     * vanishes), so the slope must be at least 1.5 - 0.2 (measured values in docs/srk.md).
     */
    @ParameterizedTest
    @MethodSource("sraSchemes")
    void sraStrongOrderOnOrnsteinUhlenbeck(Sra scheme) {
        double theta = 1.5;
        double sigma = 0.8;
        double x0 = 1.0;
        double tEnd = 1.0;
        int fine = 1 << 13;
        int paths = 200;
        double[][] w = finePath(paths, fine, tEnd, 11L);
        double hf = tEnd / fine;
        double[] exact = new double[paths];
        double decay = Math.exp(-theta * hf);
        for (int i = 0; i < paths; i++) {
            double x = x0;
            for (int k = 0; k < fine; k++) {
                x = decay * x + sigma * (w[i][2 * k] - theta * w[i][2 * k + 1]);
            }
            exact[i] = x;
        }
        StringBuilder log = new StringBuilder();
        double slope = strongSlope(scheme, SrkTestProblems.ornsteinUhlenbeck(theta, sigma, x0),
            x0, w, tEnd, exact, new int[] {8, 16, 32, 64}, log);
        assertTrue(slope > scheme.strongOrder() - 0.2 && slope < 2.3,
            scheme + " OU strong slope " + slope + log);
    }

    /**
     * Nonlinear additive noise dX = (-sin X + cos 3t) dt + 0.5 dW, where order 1.5 is sharp;
     * reference: the same scheme at h = 1/4096 on the same path (its error, ~ (1/4096)^1.5,
     * is 500 times below the smallest coarse error).
     */
    @ParameterizedTest
    @MethodSource("sraSchemes")
    void sraStrongOrderOnNonlinearAdditiveNoise(Sra scheme) {
        double tEnd = 1.0;
        int paths = 200;
        double[][] w = finePath(paths, 8192, tEnd, 17L);
        SdeProblem p = SrkTestProblems.sineAdditive(1.5);
        double[] ref = solve(scheme, p, 1.0, w, tEnd, 8192);
        StringBuilder log = new StringBuilder();
        double slope = strongSlope(scheme, p, 1.0, w, tEnd, ref, new int[] {16, 32, 64, 128},
            log);
        assertEquals(scheme.strongOrder(), slope, 0.2, scheme + " strong slope" + log);
    }

    /** Itô GBM: X(T) = exp((mu - sigma^2/2) T + sigma W(T)), exact on the path. */
    @ParameterizedTest
    @MethodSource("sriSchemes")
    void sriStrongOrderOnGeometricBrownianMotion(Sri scheme) {
        double mu = 0.5;
        double sigma = 0.6;
        double tEnd = 1.0;
        int paths = 400;
        int fine = 256;
        double[][] w = finePath(paths, fine, tEnd, 23L);
        double[] exact = new double[paths];
        for (int i = 0; i < paths; i++) {
            double wt = 0;
            for (int k = 0; k < fine; k++) {
                wt += w[i][2 * k];
            }
            exact[i] = Math.exp((mu - 0.5 * sigma * sigma) * tEnd + sigma * wt);
        }
        StringBuilder log = new StringBuilder();
        double slope = strongSlope(scheme,
            SrkTestProblems.geometricBrownian(mu, sigma, Calculus.ITO), 1.0, w, tEnd, exact,
            new int[] {16, 32, 64, 128}, log);
        assertEquals(scheme.strongOrder(), slope, 0.2, scheme + " strong slope" + log);
    }

    /**
     * Exact expectation of one step of a scheme that is linear in x: E[Phi^p] with
     * x_{n+1} = Phi x_n (GBM) by 12 x 12 Gauss-Hermite quadrature over (dW, xi) (exact for the
     * polynomial Phi^2 of degree <= 16 in each variate), evaluated with the scheme's own
     * stepper on a batch of quadrature nodes.
     */
    static double[] stepMoments(SdeAlgorithm scheme, SdeProblem p, double h,
                                        double x0) {
        GaussIntegrator gh = new GaussIntegratorFactory().hermite(12);
        int q = gh.getNumberOfPoints();
        int batch = q * q;
        SdeStepper st = scheme.stepper(p, batch);
        double[] x = new double[batch];
        java.util.Arrays.fill(x, x0);
        double[] dW = new double[2 * batch];
        double[] wgt = new double[batch];
        for (int i = 0; i < q; i++) {
            for (int j = 0; j < q; j++) {
                int b = i * q + j;
                dW[b] = Math.sqrt(2 * h) * gh.getPoint(i);
                dW[batch + b] = Math.sqrt(2 * h) * gh.getPoint(j);
                wgt[b] = gh.getWeight(i) * gh.getWeight(j) / Math.PI;
            }
        }
        st.step(0, h, x, dW);
        double m1 = 0;
        double m2 = 0;
        for (int b = 0; b < batch; b++) {
            m1 += wgt[b] * x[b];
            m2 += wgt[b] * x[b] * x[b];
        }
        return new double[] {m1, m2};
    }

    /**
     * Weak order on Itô GBM without Monte Carlo error: E X_N = (E Phi)^N and
     * E X_N^2 = (E Phi^2)^N exactly, compared with exp(mu T) and exp((2 mu + sigma^2) T).
     */
    @ParameterizedTest
    @MethodSource("sriSchemes")
    void sriWeakOrderOfTheFirstTwoMomentsOnGeometricBrownianMotion(Sri scheme) {
        double mu = 0.5;
        double sigma = 0.6;
        double tEnd = 1.0;
        SdeProblem p = SrkTestProblems.geometricBrownian(mu, sigma, Calculus.ITO);
        int[] steps = {4, 8, 16, 32};
        double[] logH = new double[steps.length];
        double[] logE = new double[steps.length];
        StringBuilder log = new StringBuilder();
        for (int c = 0; c < steps.length; c++) {
            double h = tEnd / steps[c];
            double[] m = stepMoments(scheme, p, h, 1.0);
            double e1 = Math.abs(Math.pow(m[0], steps[c]) - Math.exp(mu * tEnd));
            double e2 = Math.abs(Math.pow(m[1], steps[c])
                - Math.exp((2 * mu + sigma * sigma) * tEnd));
            logH[c] = Math.log(h);
            logE[c] = Math.log(Math.max(e1, e2));
            log.append(String.format(" h=1/%d e1=%.3e e2=%.3e", steps[c], e1, e2));
        }
        double slope = Fits.slope(logH, logE);
        assertTrue(slope > scheme.weakOrder() - 0.2, scheme + " weak slope " + slope + log);
    }

    /**
     * Weak order on Ornstein-Uhlenbeck without Monte Carlo error: one step is
     * x -> a x + noise with a = E Phi (noise mean zero) and the noise variance v; the moments
     * follow mean_N = a^N x0 and var_{n+1} = a^2 var_n + v, compared with the exact
     * e^{-theta T} x0 and sigma^2 (1 - e^{-2 theta T}) / (2 theta).
     */
    @ParameterizedTest
    @MethodSource("sraSchemes")
    void sraWeakOrderOfMeanAndVarianceOnOrnsteinUhlenbeck(Sra scheme) {
        double theta = 1.5;
        double sigma = 0.8;
        double tEnd = 1.0;
        int[] steps = {4, 8, 16, 32};
        double[] logH = new double[steps.length];
        double[] logE = new double[steps.length];
        StringBuilder log = new StringBuilder();
        for (int c = 0; c < steps.length; c++) {
            double h = tEnd / steps[c];
            // a from the noise-free map, v from the moments at x = 0
            double a = stepMoments(scheme, SrkTestProblems.ornsteinUhlenbeck(theta, 0, 1), h,
                1.0)[0];
            double v = stepMoments(scheme, SrkTestProblems.ornsteinUhlenbeck(theta, sigma, 0),
                h, 0.0)[1];
            double mean = 1;
            double var = 0;
            for (int s = 0; s < steps[c]; s++) {
                mean *= a;
                var = a * a * var + v;
            }
            double e1 = Math.abs(mean - Math.exp(-theta * tEnd));
            double e2 = Math.abs(var - sigma * sigma * (1 - Math.exp(-2 * theta * tEnd))
                / (2 * theta));
            logH[c] = Math.log(h);
            logE[c] = Math.log(Math.max(e1, e2));
            log.append(String.format(" h=1/%d e1=%.3e e2=%.3e", steps[c], e1, e2));
        }
        double slope = Fits.slope(logH, logE);
        assertTrue(slope > scheme.weakOrder() - 0.2, scheme + " weak slope " + slope + log);
    }
}
