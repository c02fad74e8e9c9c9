package org.ness4j.sde.adaptive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The (W, Z) Brownian bridge and the memory of {@link BrownianPath}. Statistical assertions use
 * 5 standard errors (false-failure probability below 6e-7 each, about 1e-4 for the whole class).
 */
class BrownianPathTest {

    private static final double SQRT3 = Math.sqrt(3);

    private static ZigguratSampler.NormalizedGaussian gaussian(long seed) {
        return ZigguratSampler.NormalizedGaussian.of(
            RandomSource.XO_RO_SHI_RO_128_PP.create(seed));
    }

    static Stream<Arguments> refinedIncrementHasTheConditionalMeanAndVariance() {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(2024L);
        ZigguratSampler.NormalizedGaussian g = ZigguratSampler.NormalizedGaussian.of(rng);
        return Stream.generate(() -> {
            double h = 0.01 + 2 * rng.nextDouble();
            double q = 0.05 + 0.9 * rng.nextDouble();
            double g1 = g.sample();
            double dW = Math.sqrt(h) * g1;
            double dZ = h * Math.sqrt(h) * (0.5 * g1 + 0.5 / SQRT3 * g.sample());
            return Arguments.of(h, q, dW, dZ, rng.nextLong());
        }).limit(6);
    }

    /**
     * Conditional law of (dW1, dZ1) given the coarse pair, computed here independently by
     * generic Gaussian conditioning of the primitive covariances (X1, X2 independent with
     * Var W = h_i, Cov(W, Z) = h_i^2 / 2, Var Z = h_i^3 / 3; Y = (W1 + W2, Z1 + Z2 + h2 W1)),
     * compared with the closed form (exactly) and with 200000 bridge draws (5 standard errors).
     */
    @ParameterizedTest
    @MethodSource
    void refinedIncrementHasTheConditionalMeanAndVariance(double h, double q, double dW,
                                                          double dZ, long seed) {
        String in = String.format("h=%s q=%s dW=%s dZ=%s seed=%d", h, q, dW, dZ, seed);
        double h1 = q * h;
        double h2 = h - h1;
        double[][] s1 = {{h1, h1 * h1 / 2}, {h1 * h1 / 2, h1 * h1 * h1 / 3}};
        double[][] syy = {{h, h * h / 2}, {h * h / 2, h * h * h / 3}};
        // Cov(X1, Y) = S1 A^T with A = [[1, 0], [h2, 1]]
        double[][] sxy = {{s1[0][0], s1[0][0] * h2 + s1[0][1]},
            {s1[1][0], s1[1][0] * h2 + s1[1][1]}};
        double det = syy[0][0] * syy[1][1] - syy[0][1] * syy[1][0];
        double[][] inv = {{syy[1][1] / det, -syy[0][1] / det}, {-syy[1][0] / det,
            syy[0][0] / det}};
        double[][] k = new double[2][2];
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 2; j++) {
                k[i][j] = sxy[i][0] * inv[0][j] + sxy[i][1] * inv[1][j];
            }
        }
        double[] mean = {k[0][0] * dW + k[0][1] * dZ, k[1][0] * dW + k[1][1] * dZ};
        double[][] cov = new double[2][2];
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 2; j++) {
                cov[i][j] = s1[i][j] - (k[i][0] * sxy[j][0] + k[i][1] * sxy[j][1]);
            }
        }
        double[] out = new double[2];
        BrownianPath.bridge(h, h1, dW, dZ, 0, 0, out);
        assertEquals(mean[0], out[0], 1e-12 * (Math.abs(dW) + Math.abs(dZ) / h + Math.sqrt(h)),
            "closed-form mean of dW1, " + in);
        assertEquals(mean[1], out[1], 1e-12 * (Math.abs(dW) * h + Math.abs(dZ) + h), in);
        ZigguratSampler.NormalizedGaussian g = gaussian(seed);
        int n = 200_000;
        double m0 = 0;
        double m1 = 0;
        double c00 = 0;
        double c01 = 0;
        double c11 = 0;
        for (int i = 0; i < n; i++) {
            BrownianPath.bridge(h, h1, dW, dZ, g.sample(), g.sample(), out);
            double a = out[0] - mean[0];
            double b = out[1] - mean[1];
            m0 += a;
            m1 += b;
            c00 += a * a;
            c01 += a * b;
            c11 += b * b;
        }
        m0 /= n;
        m1 /= n;
        c00 /= n;
        c01 /= n;
        c11 /= n;
        assertEquals(0, m0, 5 * Math.sqrt(cov[0][0] / n), "mean dW1, " + in);
        assertEquals(0, m1, 5 * Math.sqrt(cov[1][1] / n), "mean dZ1, " + in);
        // Var of a sample variance of a Gaussian: 2 sigma^4 / n
        assertEquals(cov[0][0], c00, 5 * cov[0][0] * Math.sqrt(2.0 / n), "var dW1, " + in);
        assertEquals(cov[1][1], c11, 5 * cov[1][1] * Math.sqrt(2.0 / n), "var dZ1, " + in);
        double seCov = Math.sqrt((cov[0][0] * cov[1][1] + cov[0][1] * cov[0][1]) / n);
        assertEquals(cov[0][1], c01, 5 * seCov, "cov, " + in);
    }

    @Test
    void bridgedPartsAreIndependentWithTheUnconditionalLaw() {
        // Sample coarse pairs, bridge at q = 0.3: (W1, Z1) and (W2, Z2) must be independent
        // with Var W = h_i, Cov(W, Z) = h_i^2 / 2, Var Z = h_i^3 / 3.
        ZigguratSampler.NormalizedGaussian g = gaussian(77L);
        double h = 1.0;
        double h1 = 0.3;
        double h2 = 0.7;
        int n = 200_000;
        double[] out = new double[2];
        double[][] s = new double[4][4];
        for (int i = 0; i < n; i++) {
            double a = g.sample();
            double dW = a;
            double dZ = 0.5 * a + 0.5 / SQRT3 * g.sample();
            BrownianPath.bridge(h, h1, dW, dZ, g.sample(), g.sample(), out);
            double[] v = {out[0], out[1], dW - out[0], dZ - out[1] - h2 * out[0]};
            for (int p = 0; p < 4; p++) {
                for (int r = 0; r < 4; r++) {
                    s[p][r] += v[p] * v[r] / n;
                }
            }
        }
        double[][] expected = {
            {h1, h1 * h1 / 2, 0, 0},
            {h1 * h1 / 2, h1 * h1 * h1 / 3, 0, 0},
            {0, 0, h2, h2 * h2 / 2},
            {0, 0, h2 * h2 / 2, h2 * h2 * h2 / 3}};
        double[] sd = {Math.sqrt(h1), Math.sqrt(h1 * h1 * h1 / 3), Math.sqrt(h2),
            Math.sqrt(h2 * h2 * h2 / 3)};
        for (int p = 0; p < 4; p++) {
            for (int r = 0; r < 4; r++) {
                // se of a second moment of Gaussians <= sqrt(2) sd_p sd_r / sqrt(n)
                assertEquals(expected[p][r], s[p][r], 5 * Math.sqrt(2.0 / n) * sd[p] * sd[r],
                    "covariance [" + p + "][" + r + "]");
            }
        }
    }

    @Test
    void refinementKeepsTheCoarseIncrementExactly() {
        BrownianPath path = new BrownianPath(2, 0.0, gaussian(5L));
        double[] full = new double[4];
        path.increments(1.0, full);
        double[] part = new double[4];
        for (double h : new double[] {0.37, 0.9, 0.11, 0.5, 0.999}) {
            path.increments(h, part); // rejected attempts: refine, never resample
        }
        assertTrue(path.storedIntervals() >= 5, "intervals " + path.storedIntervals());
        double[] again = new double[4];
        path.increments(1.0, again);
        for (int j = 0; j < 4; j++) {
            assertEquals(full[j], again[j], 1e-13, "component " + j);
        }
        // accept 0.25, then the rest of the unit interval combines back to the original pair
        double[] dw1 = new double[2];
        double[] dz1 = new double[2];
        path.pairs(0.25, dw1, dz1);
        path.advance();
        assertEquals(0.25, path.time(), 0);
        double[] dw2 = new double[2];
        double[] dz2 = new double[2];
        path.pairs(0.75, dw2, dz2);
        for (int j = 0; j < 2; j++) {
            double w = dw1[j] + dw2[j];
            double z = dz1[j] + dz2[j] + 0.75 * dw1[j];
            assertEquals(full[j], w, 1e-13);
            assertEquals(full[2 + j], SQRT3 * (2 * z - w), 1e-12);
        }
    }

    /**
     * A controller-like walk with value-dependent rejections (reject when the "error"
     * (|dW| + |xi| / 2) sqrt(h) exceeds 0.03, which like a real error estimate grows with the
     * increments and shrinks with h; then shrink the step at random, grow it by 1.5 after an
     * acceptance). A scale-free rule such as |dW| > 1.5 sqrt(h) must not be used: on a fixed
     * path it can home in on a fast point of the path and never finish. Steps are forced onto a
     * grid of 8 cells of length 1/8. The per-cell pairs, combined from the accepted steps, must
     * have the law of a Brownian path: Var W = D, Cov(W, Z) = D^2 / 2, Var Z = D^3 / 3 and
     * independent cells. A scheme that redrew noise after a rejection would bias these
     * variances down (large increments get rejected and replaced by typical ones).
     */
    @Test
    void incrementsOverAFixedGridHaveTheBrownianLawAfterManyRejections() {
        int paths = 20_000;
        int cells = 8;
        double d = 1.0 / cells;
        double[] r = walk(false, paths, cells);
        long rejections = (long) r[3 * cells + 1];
        long accepts = (long) r[3 * cells + 2];
        assertTrue(rejections > accepts / 10, "rejections " + rejections + " accepts " + accepts);
        double seRel = 5 * Math.sqrt(2.0 / paths);
        for (int c = 0; c < cells; c++) {
            assertEquals(d, r[c], seRel * d, "Var W cell " + c);
            assertEquals(d * d / 2, r[cells + c], seRel * d * d / 2 * 1.2, "Cov(W, Z) cell " + c);
            assertEquals(d * d * d / 3, r[2 * cells + c], seRel * d * d * d / 3,
                "Var Z cell " + c);
        }
        assertEquals(0, r[3 * cells], 5 * d / Math.sqrt(paths), "adjacent cells correlated");
        // the same walk drawing fresh noise after each rejection (no memory) is visibly biased
        double[] naive = walk(true, paths, cells);
        double meanVar = 0;
        for (int c = 0; c < cells; c++) {
            meanVar += naive[c] / cells;
        }
        assertTrue(meanVar < d * (1 - seRel), "naive Var W " + meanVar + " vs " + d);
    }

    /**
     * Runs the walk; returns per-cell Var W, Cov(W, Z), Var Z, then the covariance of cells 3
     * and 4, the number of rejections and of acceptances.
     */
    private static double[] walk(boolean naive, int paths, int cells) {
        double d = 1.0 / cells;
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(99L);
        double[] out = new double[3 * cells + 3];
        double[] inc = new double[2];
        for (int p = 0; p < paths; p++) {
            ZigguratSampler.NormalizedGaussian g = gaussian(1000L + p);
            BrownianPath path = new BrownianPath(1, 0.0, g);
            double h = 0.3 * rng.nextDouble() + 0.05;
            double t = 0;
            double previousW = 0;
            for (int c = 0; c < cells; c++) {
                double end = (c + 1) * d;
                double cw = 0;
                double cz = 0;
                while (t < end - 1e-15) {
                    boolean hits = t + h >= end;
                    double step = hits ? end - t : h;
                    if (naive) {
                        inc[0] = Math.sqrt(step) * g.sample();
                        inc[1] = Math.sqrt(step) * g.sample();
                    } else {
                        path.increments(step, inc);
                    }
                    if ((Math.abs(inc[0]) + 0.5 * Math.abs(inc[1])) * Math.sqrt(step) > 0.03) {
                        out[3 * cells + 1]++;
                        h = step * (0.2 + 0.6 * rng.nextDouble());
                        continue;
                    }
                    out[3 * cells + 2]++;
                    if (!naive) {
                        path.advance();
                    }
                    double z = step / 2 * (inc[0] + inc[1] / SQRT3);
                    // combining rule: Z over the cell so far
                    cz += z + step * cw;
                    cw += inc[0];
                    t = hits ? end : t + step;
                    h = Math.min(0.3, 1.5 * h);
                }
                out[c] += cw * cw / paths;
                out[cells + c] += cw * cz / paths;
                out[2 * cells + c] += cz * cz / paths;
                if (c == cells / 2) {
                    out[3 * cells] += cw * previousW / paths;
                }
                previousW = cw;
            }
        }
        return out;
    }

    @Test
    void argumentChecks() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> new BrownianPath(0, 0, gaussian(1)));
        assertEquals("channels must be at least 1: 0", e.getMessage());
        BrownianPath path = new BrownianPath(1, 0, gaussian(1));
        e = assertThrows(IllegalArgumentException.class,
            () -> path.increments(Double.NaN, new double[2]));
        assertEquals("h must be positive and finite: NaN", e.getMessage());
        assertThrows(IllegalStateException.class, path::advance);
    }
}
