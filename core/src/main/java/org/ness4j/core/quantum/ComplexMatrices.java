package org.ness4j.core.quantum;

import java.util.Arrays;

/**
 * Dense complex matrix kernels on row-major split real/imaginary arrays (package-private:
 * not API). Not thread-safe per call arguments; stateless otherwise.
 */
final class ComplexMatrices {

    private ComplexMatrices() {
    }

    /** {@code c = a * b}, all {@code n x n}; {@code c} must not alias a or b. */
    static void multiply(int n, double[] aRe, double[] aIm, double[] bRe, double[] bIm,
                         double[] cRe, double[] cIm) {
        Arrays.fill(cRe, 0, n * n, 0.0);
        Arrays.fill(cIm, 0, n * n, 0.0);
        for (int i = 0; i < n; i++) {
            int ci = i * n;
            for (int k = 0; k < n; k++) {
                double ar = aRe[ci + k];
                double ai = aIm[ci + k];
                if (ar == 0 && ai == 0) {
                    continue;
                }
                int bk = k * n;
                for (int j = 0; j < n; j++) {
                    double br = bRe[bk + j];
                    double bi = bIm[bk + j];
                    cRe[ci + j] += ar * br - ai * bi;
                    cIm[ci + j] += ar * bi + ai * br;
                }
            }
        }
    }

    /** Maximum absolute row sum (infinity norm). */
    static double normInf(int n, double[] re, double[] im) {
        double m = 0;
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int j = 0; j < n; j++) {
                s += Math.hypot(re[i * n + j], im[i * n + j]);
            }
            m = Math.max(m, s);
        }
        return m;
    }

    /**
     * Matrix exponential by scaling and squaring of the Taylor series: the matrix is scaled by
     * {@code 2^-s} so that its infinity norm is at most 1/2, the Taylor series is summed until
     * the terms fall below {@code 1e-17} relative (at most 30 terms; truncation error below
     * {@code 0.5^k/k!}), and the result is squared {@code s} times. Relative accuracy is a few
     * hundred ulps times {@code 2^s}-fold amplification of round-off in the squarings, adequate
     * for the stable (decaying) generators used here.
     *
     * @param n dimension
     * @param re real part of the matrix (not modified)
     * @param im imaginary part (not modified)
     * @return {@code {expRe, expIm}}
     */
    static double[][] exp(int n, double[] re, double[] im) {
        double norm = normInf(n, re, im);
        int s = 0;
        if (norm > 0.5) {
            s = Math.max(0, (int) Math.ceil(Math.log(norm / 0.5) / Math.log(2)));
        }
        double scale = Math.scalb(1.0, -s);
        int nn = n * n;
        double[] aRe = new double[nn];
        double[] aIm = new double[nn];
        for (int p = 0; p < nn; p++) {
            aRe[p] = re[p] * scale;
            aIm[p] = im[p] * scale;
        }
        double[] rRe = new double[nn];
        double[] rIm = new double[nn];
        double[] tRe = new double[nn];
        double[] tIm = new double[nn];
        double[] wRe = new double[nn];
        double[] wIm = new double[nn];
        for (int i = 0; i < n; i++) {
            rRe[i * n + i] = 1;
            tRe[i * n + i] = 1;
        }
        for (int k = 1; k <= 30; k++) {
            multiply(n, tRe, tIm, aRe, aIm, wRe, wIm);
            double inv = 1.0 / k;
            double tn = 0;
            for (int p = 0; p < nn; p++) {
                tRe[p] = wRe[p] * inv;
                tIm[p] = wIm[p] * inv;
                rRe[p] += tRe[p];
                rIm[p] += tIm[p];
            }
            tn = normInf(n, tRe, tIm);
            if (tn < 1e-17) {
                break;
            }
        }
        for (int q = 0; q < s; q++) {
            multiply(n, rRe, rIm, rRe, rIm, wRe, wIm);
            double[] x = rRe;
            rRe = wRe;
            wRe = x;
            x = rIm;
            rIm = wIm;
            wIm = x;
        }
        return new double[][] {rRe, rIm};
    }
}
