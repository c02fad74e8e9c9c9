package org.ness4j.fitting;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.ness4j.core.quantum.FockDistribution;
import org.ness4j.observables.WignerHistogram;

/**
 * Test support: synthetic Wigner histograms of diagonal states. For a diagonal state W depends
 * on \( u = |\alpha|^2 \) only and \( \int W d^2\alpha = \pi\int W du \), so \( u \) has the
 * density \( \pi W(u) \) (non-negative for the states used here, checked) and the phase is
 * uniform. \( u \) is drawn by inverting the tabulated CDF (20000 trapezoid intervals).
 */
final class WignerSamples {

    private static final int TABLE = 20000;

    private WignerSamples() {
    }

    /** Draws field samples of one diagonal state. */
    static final class Sampler {
        private final double[] u = new double[TABLE + 1];
        private final double[] cdf = new double[TABLE + 1];
        private final UniformRandomProvider rng;

        Sampler(FockDistribution state, long seed) {
            double umax = 2.0 * state.cutoff() + 20;
            double prev = Math.PI * state.wignerRadial(0);
            for (int k = 1; k <= TABLE; k++) {
                u[k] = umax * k / TABLE;
                double g = Math.PI * state.wignerRadial(u[k]);
                if (g < -1e-12) {
                    throw new IllegalArgumentException("W < 0 at |alpha|^2 = " + u[k] + ": " + g);
                }
                cdf[k] = cdf[k - 1] + 0.5 * (prev + Math.max(g, 0)) * (u[k] - u[k - 1]);
                prev = Math.max(g, 0);
            }
            rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
        }

        /** Writes {Re alpha, Im alpha} at {@code out[offset]}, {@code out[offset + 1]}. */
        void next(double[] out, int offset) {
            double target = rng.nextDouble() * cdf[TABLE];
            int lo = 0;
            int hi = TABLE;
            while (hi - lo > 1) {
                int mid = (lo + hi) >>> 1;
                if (cdf[mid] <= target) {
                    lo = mid;
                } else {
                    hi = mid;
                }
            }
            double frac = cdf[hi] > cdf[lo] ? (target - cdf[lo]) / (cdf[hi] - cdf[lo]) : 0;
            double r = Math.sqrt(u[lo] + frac * (u[hi] - u[lo]));
            double phi = 2 * Math.PI * rng.nextDouble();
            out[offset] = r * Math.cos(phi);
            out[offset + 1] = r * Math.sin(phi);
        }
    }

    /**
     * Fills a histogram of one site with samples of the state, in {@code groups} groups of
     * independent samples.
     */
    static WignerHistogram histogram(FockDistribution state, int bins, double range, int samples,
                                     int groups, long seed) {
        Sampler sampler = new Sampler(state, seed);
        WignerHistogram h = WignerHistogram.of(bins, range, 0);
        double[] field = new double[2];
        for (int s = 0; s < samples; s++) {
            sampler.next(field, 0);
            h.accept((long) s * groups / samples, field);
        }
        return h;
    }
}
