package org.ness4j.sde;

/** Least-squares fits shared by the convergence tests. */
public final class Fits {

    private Fits() {
    }

    /**
     * Slope of the least-squares line through (x, y), e.g. a convergence order from
     * log(error) against log(dt).
     *
     * @param x abscissae (not modified)
     * @param y ordinates (not modified)
     * @return the slope
     */
    public static double slope(double[] x, double[] y) {
        double mx = 0;
        double my = 0;
        for (int i = 0; i < x.length; i++) {
            mx += x[i] / x.length;
            my += y[i] / x.length;
        }
        double sxy = 0;
        double sxx = 0;
        for (int i = 0; i < x.length; i++) {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
        }
        return sxy / sxx;
    }
}
