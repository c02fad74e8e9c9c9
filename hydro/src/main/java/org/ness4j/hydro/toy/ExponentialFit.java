package org.ness4j.hydro.toy;

/**
 * Weighted least-squares fit of the domain-wall density law (paper 004, Eq. 18, Fig. 5)
 * \( n_{DW} = A\,e^{-c/\sqrt{\varepsilon}} \) as a straight line in log space,
 * \(\ln n = \ln A - c\,\varepsilon^{-1/2}\), with weights \(w = (n/\sigma_n)^2\) (first-order
 * error propagation \(\sigma_{\ln n} = \sigma_n/n\)).
 *
 * @param amplitude \(A\)
 * @param amplitudeError one-sigma error of \(A\) (propagated from \(\ln A\))
 * @param exponent \(c\)
 * @param exponentError one-sigma error of \(c\)
 * @param chiSquare \(\chi^2\) of the fit in log space
 * @param degreesOfFreedom number of points minus 2
 */
public record ExponentialFit(double amplitude, double amplitudeError, double exponent,
                             double exponentError, double chiSquare, int degreesOfFreedom) {

    /**
     * Fits the law. Parameter errors are from the inverse normal matrix (taken as the known
     * data errors, not rescaled by \(\chi^2\)).
     *
     * @param eps couplings, positive (not modified)
     * @param density densities, positive (not modified)
     * @param densityError one-sigma errors, positive (not modified)
     * @return the fit
     * @throws IllegalArgumentException on fewer than 2 points, unequal lengths or
     *     non-positive/non-finite entries
     */
    public static ExponentialFit fit(double[] eps, double[] density, double[] densityError) {
        int k = eps.length;
        if (k < 2 || density.length != k || densityError.length != k) {
            throw new IllegalArgumentException("need at least 2 points of equal length: "
                + eps.length + ", " + density.length + ", " + densityError.length);
        }
        double s = 0;
        double sx = 0;
        double sy = 0;
        double sxx = 0;
        double sxy = 0;
        for (int i = 0; i < k; i++) {
            if (!(eps[i] > 0) || !(density[i] > 0) || !(densityError[i] > 0)
                || !Double.isFinite(eps[i] + density[i] + densityError[i])) {
                throw new IllegalArgumentException("point " + i + " must be positive and finite:"
                    + " eps " + eps[i] + ", density " + density[i] + ", error " + densityError[i]);
            }
            double x = 1 / Math.sqrt(eps[i]);
            double y = Math.log(density[i]);
            double sig = densityError[i] / density[i];
            double w = 1 / (sig * sig);
            s += w;
            sx += w * x;
            sy += w * y;
            sxx += w * x * x;
            sxy += w * x * y;
        }
        double det = s * sxx - sx * sx;
        if (!(det > 1e-12 * s * sxx)) {
            throw new IllegalArgumentException("need at least 2 distinct eps values: "
                + java.util.Arrays.toString(eps));
        }
        double intercept = (sxx * sy - sx * sxy) / det;
        double slope = (s * sxy - sx * sy) / det;
        double varIntercept = sxx / det;
        double varSlope = s / det;
        double chi2 = 0;
        for (int i = 0; i < k; i++) {
            double x = 1 / Math.sqrt(eps[i]);
            double r = (Math.log(density[i]) - intercept - slope * x) * density[i] / densityError[i];
            chi2 += r * r;
        }
        double a = Math.exp(intercept);
        return new ExponentialFit(a, a * Math.sqrt(varIntercept), -slope, Math.sqrt(varSlope),
            chi2, k - 2);
    }

    /**
     * Evaluates the fitted law.
     *
     * @param eps coupling
     * @return \(A e^{-c/\sqrt{\varepsilon}}\)
     */
    public double value(double eps) {
        return amplitude * Math.exp(-exponent / Math.sqrt(eps));
    }
}
