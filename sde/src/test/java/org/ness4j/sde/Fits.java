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
        return ConvergenceStudy.slope(x, y);
    }
}
