package org.ness4j.observables;

/** Ordinary least-squares helpers for the derived observables. */
final class LeastSquares {

    private LeastSquares() {
    }

    /**
     * Slope of the least-squares line through (x, y); NaN if any value is NaN.
     *
     * @param x abscissae (not modified)
     * @param y ordinates (not modified)
     * @return the slope
     */
    static double slope(double[] x, double[] y) {
        double mx = 0;
        double my = 0;
        for (int i = 0; i < x.length; i++) {
            mx += x[i];
            my += y[i];
        }
        mx /= x.length;
        my /= y.length;
        double sxy = 0;
        double sxx = 0;
        for (int i = 0; i < x.length; i++) {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
        }
        return sxy / sxx;
    }
}
