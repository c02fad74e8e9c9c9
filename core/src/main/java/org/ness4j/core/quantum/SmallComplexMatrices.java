package org.ness4j.core.quantum;

/**
 * Dense complex arithmetic on small row-major matrices (split real and imaginary arrays), for
 * the Krylov propagator's projected matrices. Stateless; thread-safe.
 */
final class SmallComplexMatrices {

    /** Taylor degree after scaling to 1-norm at most 1/2: the remainder is below 1e-19. */
    private static final int DEGREE = 14;

    private SmallComplexMatrices() {
    }

    /**
     * The first column of \( e^{M} \) for an {@code n x n} complex matrix M, by scaling and
     * squaring with a Taylor polynomial (1-norm scaled to at most 1/2, degree
     * {@value #DEGREE}).
     *
     * @param n dimension
     * @param mr real parts, row-major (overwritten)
     * @param mi imaginary parts, row-major (overwritten)
     * @param norm1 the 1-norm of M (or an upper bound)
     * @return {re[n], im[n]} of the first column
     */
    static double[][] expFirstColumn(int n, double[] mr, double[] mi, double norm1) {
        int s = scaleToHalf(n, mr, mi, norm1);
        if (s == 0) {
            // only the first column is needed: Horner on the vector e_1
            double[] vr = new double[n];
            double[] vi = new double[n];
            double[] tr = new double[n];
            double[] ti = new double[n];
            vr[0] = 1; // term = e_1
            double[] sr = vr.clone();
            double[] si = vi.clone();
            for (int k = 1; k <= DEGREE; k++) {
                // term = M term / k
                for (int i = 0; i < n; i++) {
                    double ar = 0;
                    double ai = 0;
                    for (int j = 0; j < n; j++) {
                        double xr = vr[j];
                        double xi = vi[j];
                        ar += mr[i * n + j] * xr - mi[i * n + j] * xi;
                        ai += mr[i * n + j] * xi + mi[i * n + j] * xr;
                    }
                    tr[i] = ar / k;
                    ti[i] = ai / k;
                }
                double[] swap = vr;
                vr = tr;
                tr = swap;
                swap = vi;
                vi = ti;
                ti = swap;
                for (int i = 0; i < n; i++) {
                    sr[i] += vr[i];
                    si[i] += vi[i];
                }
            }
            return new double[][] {sr, si};
        }
        // full matrix exponential of the scaled M, then s squarings
        double[] e = expScaled(n, mr, mi, s);
        double[] cr = new double[n];
        double[] ci = new double[n];
        for (int i = 0; i < n; i++) {
            cr[i] = e[i * n];
            ci[i] = e[n * n + i * n];
        }
        return new double[][] {cr, ci};
    }

    /**
     * The full \( e^{M} \) by scaling and squaring (as {@link #expFirstColumn}).
     *
     * @param n dimension
     * @param mr real parts, row-major (overwritten)
     * @param mi imaginary parts, row-major (overwritten)
     * @param norm1 the 1-norm of M (or an upper bound)
     * @return real parts (first n*n entries) then imaginary parts (next n*n), row-major
     */
    static double[] exp(int n, double[] mr, double[] mi, double norm1) {
        return expScaled(n, mr, mi, scaleToHalf(n, mr, mi, norm1));
    }

    /**
     * Scales M in place by \( 2^{-s} \) with the smallest s that brings its 1-norm to at most
     * 1/2.
     *
     * @return s
     */
    private static int scaleToHalf(int n, double[] mr, double[] mi, double norm1) {
        int s = 0;
        if (norm1 > 0.5) {
            s = (int) Math.ceil(Math.log(norm1 / 0.5) / Math.log(2));
        }
        double scale = Math.scalb(1.0, -s);
        for (int k = 0; k < n * n; k++) {
            mr[k] *= scale;
            mi[k] *= scale;
        }
        return s;
    }

    /**
     * \( e^{M} \) of an already scaled M: Taylor polynomial of degree {@value #DEGREE}, then
     * {@code s} squarings.
     *
     * @return real parts (first n*n entries) then imaginary parts (next n*n), row-major
     */
    private static double[] expScaled(int n, double[] mr, double[] mi, int s) {
        double[] er = new double[n * n];
        double[] ei = new double[n * n];
        double[] pr = new double[n * n];
        double[] pi = new double[n * n];
        double[] qr = new double[n * n];
        double[] qi = new double[n * n];
        for (int i = 0; i < n; i++) {
            er[i * n + i] = 1;
            pr[i * n + i] = 1;
        }
        for (int k = 1; k <= DEGREE; k++) {
            multiply(n, mr, mi, pr, pi, qr, qi);
            double inv = 1.0 / k;
            for (int t = 0; t < n * n; t++) {
                pr[t] = qr[t] * inv;
                pi[t] = qi[t] * inv;
                er[t] += pr[t];
                ei[t] += pi[t];
            }
        }
        for (int q = 0; q < s; q++) {
            multiply(n, er, ei, er, ei, qr, qi);
            double[] swap = er;
            er = qr;
            qr = swap;
            swap = ei;
            ei = qi;
            qi = swap;
        }
        double[] out = new double[2 * n * n];
        System.arraycopy(er, 0, out, 0, n * n);
        System.arraycopy(ei, 0, out, n * n, n * n);
        return out;
    }

    /**
     * y = E x for E as returned by {@link #exp} (re then im), x and y complex n-vectors.
     *
     * @param n dimension
     * @param e the matrix
     * @param xr real parts of x
     * @param xi imaginary parts of x
     * @param yr real parts of y (output, not aliasing x)
     * @param yi imaginary parts of y (output)
     */
    static void apply(int n, double[] e, double[] xr, double[] xi, double[] yr, double[] yi) {
        int off = n * n;
        for (int i = 0; i < n; i++) {
            double ar = 0;
            double ai = 0;
            for (int j = 0; j < n; j++) {
                double er = e[i * n + j];
                double ei = e[off + i * n + j];
                ar += er * xr[j] - ei * xi[j];
                ai += er * xi[j] + ei * xr[j];
            }
            yr[i] = ar;
            yi[i] = ai;
        }
    }

    /** c = a b (n x n complex, row-major); c must not alias a or b. */
    static void multiply(int n, double[] ar, double[] ai, double[] br, double[] bi,
                         double[] cr, double[] ci) {
        java.util.Arrays.fill(cr, 0, n * n, 0);
        java.util.Arrays.fill(ci, 0, n * n, 0);
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < n; k++) {
                double xr = ar[i * n + k];
                double xi = ai[i * n + k];
                if (xr == 0 && xi == 0) {
                    continue;
                }
                for (int j = 0; j < n; j++) {
                    double yr = br[k * n + j];
                    double yi = bi[k * n + j];
                    cr[i * n + j] += xr * yr - xi * yi;
                    ci[i * n + j] += xr * yi + xi * yr;
                }
            }
        }
    }
}
