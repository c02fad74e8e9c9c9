package org.ness4j.sde.chain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.LongStream;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.ness4j.core.chain.BoseHubbardChain;
import org.ness4j.sde.Fits;
import org.ness4j.sde.Heun;
import org.ness4j.sde.SdeStepper;

class SplitStepTest {

    static LongStream seeds() {
        return LongStream.range(0, 12);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void conservesTheNormOfTheIsolatedChainExactly(long seed) {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
        int length = 2 + rng.nextInt(30);
        double density = 1 + 30 * rng.nextDouble();
        double h = 0.005 + 0.05 * rng.nextDouble();
        BoseHubbardChain chain = BoseHubbardChain.builder(length).boundaryLoss(0)
            .interaction(0.3 * rng.nextDouble()).build();
        ChainProblem p = ChainProblem.truncatedWigner(chain);
        int batch = 4;
        double[] x = new double[p.dimension() * batch];
        for (int i = 0; i < x.length; i++) {
            x[i] = Math.sqrt(density) * (rng.nextDouble() - 0.5);
        }
        double[] n0 = new double[batch];
        for (int b = 0; b < batch; b++) {
            n0[b] = chain.norm(x, batch, b);
        }
        SdeStepper st = SplitStep.create().stepper(p, batch);
        double[] none = new double[0];
        for (int s = 0; s < 5000; s++) {
            st.step(s * h, h, x, none);
        }
        for (int b = 0; b < batch; b++) {
            // rounding only: ~1e-16 per operation, 7 flows x 5000 steps
            assertEquals(n0[b], chain.norm(x, batch, b), 1e-11 * n0[b],
                "L " + length + ", density " + density + ", h " + h);
        }
    }

    /**
     * The fused wavefront sweep of the stepper is the seven-pass Strang step reordered without
     * changing any operation: bit-identical for odd and even lengths, several tiles and
     * partial tiles, uniform or boundary loss and drive. The reference is the stepper's scalar
     * one-trajectory path (used for tiles narrower than NARROW), so the vector loops and the
     * scalar factors check each other.
     */
    @ParameterizedTest
    @MethodSource("seeds")
    void fusedSweepIsBitIdenticalToTheSevenPassStep(long seed) {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed + 1000);
        int length = 1 + rng.nextInt(13);
        int batch = 1 + rng.nextInt(3 * ChainSplitStepper.TILE);
        BoseHubbardChain.Builder b = BoseHubbardChain.builder(length)
            .interaction(0.2 + rng.nextDouble()).detuning(rng.nextDouble() - 0.5);
        if (rng.nextBoolean()) {
            b.uniformDrive(2 * rng.nextDouble()).uniformLoss(0.1 + rng.nextDouble());
        } else {
            b.boundaryDrive(5 * rng.nextDouble()).boundaryLoss(0.1 + rng.nextDouble());
        }
        BoseHubbardChain chain = b.build();
        ChainProblem p = ChainProblem.truncatedWigner(chain);
        ChainSplitStepper fused = new ChainSplitStepper(p, batch);
        ChainSplitStepper reference = new ChainSplitStepper(p, batch);
        double[] x = new double[p.dimension() * batch];
        for (int i = 0; i < x.length; i++) {
            x[i] = 6 * (rng.nextDouble() - 0.5);
        }
        double[] y = x.clone();
        double[] dW = new double[p.noiseComponents().length * 2 * batch];
        double h = 0.01 + 0.2 * rng.nextDouble();
        for (int s = 0; s < 20; s++) {
            for (int i = 0; i < dW.length; i++) {
                dW[i] = Math.sqrt(h) * (rng.nextDouble() - 0.5);
            }
            fused.step(s * h, h, x, dW);
            reference.stepEachTrajectory(h, y, dW);
        }
        for (int i = 0; i < x.length; i++) {
            assertEquals(Double.doubleToLongBits(y[i]), Double.doubleToLongBits(x[i]),
                "component " + i + " of " + chain + ", batch " + batch + ", h " + h
                    + ": " + y[i] + " vs " + x[i]);
        }
    }

    /**
     * The Kerr rotation of an isolated lossless site is alpha e^{i theta}: the stepper's
     * polynomial cosine and sine (angles up to pi/4) and its Math.cos/sin fallback (beyond) agree
     * with StrictMath within a few ulps of |alpha|, for tiles that mix both kinds of lanes. The
     * angle is computed here with the stepper's expression, so this checks the trigonometry.
     */
    @ParameterizedTest
    @MethodSource("seeds")
    void kerrRotationMatchesStrictMathCosineAndSine(long seed) {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed + 2000);
        double delta = 5 * (rng.nextDouble() - 0.5);
        double u = 0.1 + 0.4 * rng.nextDouble();
        BoseHubbardChain chain = BoseHubbardChain.builder(1).boundaryLoss(0).boundaryDrive(0)
            .detuning(delta).interaction(u).build();
        ChainProblem p = ChainProblem.truncatedWigner(chain);
        double c = p.limit().kerrOffset();
        int batch = ChainSplitStepper.TILE + 1 + rng.nextInt(ChainSplitStepper.TILE);
        // |alpha|^2 up to 200: angles near n = 100 of pi/4 to 3 pi/4, so both kinds of lanes
        double h = Math.PI / 2 * (0.5 + rng.nextDouble()) / (100 * u);
        double[] x = new double[2 * batch];
        for (int i = 0; i < x.length; i++) {
            x[i] = 20 * (rng.nextDouble() - 0.5);
        }
        double[] x0 = x.clone();
        new ChainSplitStepper(p, batch).step(0, h, x, new double[0]);
        int wide = 0;
        for (int b = 0; b < batch; b++) {
            double r = x0[b];
            double i = x0[batch + b];
            double theta = (delta - u * (Math.fma(r, r, i * i) - c)) * h;
            wide += Math.abs(theta) > Math.PI / 4 ? 1 : 0;
            double cs = StrictMath.cos(theta);
            double sn = StrictMath.sin(theta);
            double tol = 4 * Math.ulp(Math.hypot(r, i));
            String where = "lane " + b + ", theta " + theta + ", alpha " + r + " + " + i + "i";
            assertEquals(r * cs - i * sn, x[b], tol, where);
            assertEquals(r * sn + i * cs, x[batch + b], tol, where);
        }
        assertTrue(wide > 0 && wide < batch, wide + " of " + batch + " lanes beyond pi/4");
    }

    /** Integrates lanes on a shared fine path; coarse increments are sums of fine half steps. */
    private static double[] solve(ChainProblem p, double[] x0, double[][] halves, int steps,
                                  double tEnd) {
        int m = p.noiseComponents().length;
        int batch = 1;
        double[] x = x0.clone();
        SdeStepper st = SplitStep.create().stepper(p, batch);
        int fineHalves = halves[0].length;
        int perHalf = fineHalves / (2 * steps);
        double h = tEnd / steps;
        double[] dW = new double[2 * m];
        for (int s = 0; s < steps; s++) {
            for (int j = 0; j < m; j++) {
                double w1 = 0;
                double w2 = 0;
                for (int k = 0; k < perHalf; k++) {
                    w1 += halves[j][2 * s * perHalf + k];
                    w2 += halves[j][(2 * s + 1) * perHalf + k];
                }
                dW[j] = w1 + w2;
                dW[m + j] = w1 - w2;
            }
            st.step(s * h, h, x, dW);
        }
        return x;
    }

    private static double orderSlope(ChainProblem p, int paths, long seed) {
        double tEnd = 2.0;
        int fineSteps = 1024;
        int m = p.noiseComponents().length;
        int[] coarse = {16, 32, 64, 128};
        double[] err = new double[coarse.length];
        ZigguratSampler.NormalizedGaussian g = ZigguratSampler.NormalizedGaussian.of(
            RandomSource.XO_RO_SHI_RO_128_PP.create(seed));
        double[] x0 = new double[p.dimension()];
        for (int i = 0; i < x0.length; i++) {
            x0[i] = 1.5 * g.sample();
        }
        for (int path = 0; path < paths; path++) {
            // Brownian increments over 2 * fineSteps half steps of length tEnd / (2 fineSteps)
            double[][] halves = new double[Math.max(m, 1)][2 * fineSteps];
            double sd = Math.sqrt(tEnd / (2 * fineSteps));
            for (double[] row : halves) {
                for (int k = 0; k < row.length; k++) {
                    row[k] = sd * g.sample();
                }
            }
            double[] ref = solve(p, x0, halves, fineSteps, tEnd);
            for (int c = 0; c < coarse.length; c++) {
                double[] xs = solve(p, x0, halves, coarse[c], tEnd);
                double e = 0;
                for (int i = 0; i < xs.length; i++) {
                    e += (xs[i] - ref[i]) * (xs[i] - ref[i]);
                }
                err[c] += Math.sqrt(e) / paths;
            }
        }
        double[] lx = new double[coarse.length];
        double[] ly = new double[coarse.length];
        for (int c = 0; c < coarse.length; c++) {
            lx[c] = Math.log(tEnd / coarse[c]);
            ly[c] = Math.log(err[c]);
        }
        return Fits.slope(lx, ly);
    }

    /**
     * A driven site with tiny loss: with Delta = U = 0 on a single site the split step is the
     * exact loss-and-drive flow, \( \alpha(t) = \alpha_0 e^{-\kappa t/2}
     * + (2iF/\kappa)\,\mathrm{expm1}(-\kappa t/2) \) (about \( \alpha_0 - iFt \) for tiny
     * kappa). The form \( a_\infty + (a - a_\infty)e^{-\kappa\tau/2} \) with
     * \( a_\infty = -2F/\kappa \) lost the drive to cancellation for kappa below about 1e-8
     * (the drive was off by tens of percent at kappa = 1e-12). Checked on the tiled path (batch
     * 16) and the one-trajectory path (batch 1), on both sides of the threshold.
     */
    @ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(doubles = {1e-14, 1e-12, 1e-10, 1e-8, 1e-6,
        1e-4, 1e-3, 1e-1, 1})
    void tinyLossKeepsTheDrive(double kappa) {
        double f = 1.3;
        double h = 0.01;
        int steps = 1000;
        // L = 1: boundary loss counts twice
        BoseHubbardChain chain = BoseHubbardChain.builder(1).detuning(0).interaction(0)
            .boundaryDrive(f).boundaryLoss(kappa / 2).build();
        assertEquals(kappa, chain.lossRate(0), 0);
        ChainProblem p = ChainProblem.grossPitaevskii(chain);
        double t = steps * h;
        double decay = Math.exp(-kappa * t / 2);
        double shift = 2 * f / kappa * Math.expm1(-kappa * t / 2);
        for (int batch : new int[] {1, 16}) {
            double[] x = new double[2 * batch];
            for (int b = 0; b < batch; b++) {
                x[b] = 0.3 + 0.01 * b;
                x[batch + b] = -0.2;
            }
            double[] x0 = x.clone();
            SdeStepper st = SplitStep.create().stepper(p, batch);
            double[] none = new double[0];
            for (int s = 0; s < steps; s++) {
                st.step(s * h, h, x, none);
            }
            for (int b = 0; b < batch; b++) {
                double re = x0[b] * decay;
                double im = x0[batch + b] * decay + shift;
                // rounding only (~1e-13 relative per step); the lost drive was ~0.1-1 relative
                String where = "kappa " + kappa + ", batch " + batch + ", lane " + b;
                assertEquals(re, x[b], 1e-10, where);
                assertEquals(im, x[batch + b], 1e-9 * Math.abs(im), where);
            }
        }
    }

    @Test
    void secondOrderForTheGrossPitaevskiiChain() {
        ChainProblem p = ChainProblem.grossPitaevskii(
            BoseHubbardChain.builder(5).boundaryDrive(3).intrinsicLoss(0.1).build());
        double s = orderSlope(p, 1, 3);
        assertEquals(2.0, s, 0.2, "deterministic order slope");
    }

    @Test
    void strongOrderOneWithBoundaryNoise() {
        ChainProblem p = ChainProblem.truncatedWigner(
            BoseHubbardChain.builder(4).boundaryDrive(3).build());
        double s = orderSlope(p, 40, 4);
        assertEquals(SplitStep.create().strongOrder(), s, 0.2, "strong order slope");
    }

    @Test
    void rejectsOtherProblems() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> SplitStep.create().stepper(new ChainProblemWrapper(), 1));
        assertTrue(e.getMessage().contains("use Heun"), e.getMessage());
    }

    @Test
    void agreesWithHeunOnAShortDrivenRun() {
        // same noise path (W1 + W2 = dW); both converge to the same solution as h -> 0
        ChainProblem p = ChainProblem.truncatedWigner(
            BoseHubbardChain.builder(3).boundaryDrive(2).build());
        int m = p.noiseComponents().length;
        double h = 1e-4;
        int steps = 20000;
        SdeStepper split = SplitStep.create().stepper(p, 1);
        SdeStepper heun = Heun.create().stepper(p, 1);
        double[] x = new double[p.dimension()];
        double[] y = new double[p.dimension()];
        double[] dW = new double[2 * m];
        ZigguratSampler.NormalizedGaussian g = ZigguratSampler.NormalizedGaussian.of(
            RandomSource.XO_RO_SHI_RO_128_PP.create(8L));
        for (int s = 0; s < steps; s++) {
            for (int i = 0; i < dW.length; i++) {
                dW[i] = Math.sqrt(h) * g.sample();
            }
            split.step(s * h, h, x, dW);
            heun.step(s * h, h, y, dW);
        }
        for (int i = 0; i < x.length; i++) {
            assertEquals(y[i], x[i], 5e-3, "component " + i);
        }
    }

    /** A problem that is not a chain. */
    private static final class ChainProblemWrapper implements org.ness4j.sde.SdeProblem {
        public int dimension() {
            return 1;
        }

        public int[] noiseComponents() {
            return new int[0];
        }

        public org.ness4j.sde.NoiseKind noiseKind() {
            return org.ness4j.sde.NoiseKind.ADDITIVE;
        }

        public void drift(double t, double[] x, double[] out, int batch) {
        }

        public void diffusion(double t, double[] x, double[] out, int batch) {
        }

        public void initialState(
            org.apache.commons.rng.sampling.distribution.NormalizedGaussianSampler g,
            double[] x, int batch, int lane) {
        }
    }
}
