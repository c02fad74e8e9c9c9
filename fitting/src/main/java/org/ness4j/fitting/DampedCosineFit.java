package org.ness4j.fitting;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.stream.IntStream;
import org.hipparchus.exception.MathRuntimeException;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.ArrayRealVector;
import org.hipparchus.linear.RealMatrix;
import org.hipparchus.optim.nonlinear.vector.leastsquares.LeastSquaresBuilder;
import org.hipparchus.optim.nonlinear.vector.leastsquares.LeastSquaresOptimizer;
import org.hipparchus.optim.nonlinear.vector.leastsquares.LevenbergMarquardtOptimizer;
import org.hipparchus.util.Pair;
import org.ness4j.core.Checks;
import org.ness4j.core.stat.Estimate;
import org.ness4j.observables.Autocorrelation;

/**
 * Fit of the two-time autocorrelation \( C_\ell(\tau) \) (paper 000, Eq. 46;
 * {@link Autocorrelation}) by two damped cosines, Eq. 47:
 * \[ C^{\rm fit}(\tau) = \sum_{j=1}^{2} A_j e^{-\Gamma_j\tau}\cos(\Omega_j\tau), \]
 * with Hipparchus's {@link LevenbergMarquardtOptimizer}. \( \Gamma_j \ge 0 \) is enforced by the
 * parametrization \( \Gamma_j = e^{g_j} \); \( \Omega_j \) is reported as \( |\Omega_j| \) (the
 * cosine is even). Components are ordered by decreasing \( \Gamma \) (the SI table lists
 * \( \Gamma_1 \ge \Gamma_2 \)).
 *
 * <p>Starting values: \( \Gamma^{(0)} = 1/\tau_e \) from the first lag with
 * \( |C| &lt; C(0)/e \), \( \omega^{(0)} = \pi/(2\tau_z) \) from the first zero crossing (1 if
 * none); the six starts \( (A_1, A_2) = C(0)/2 \), \( (\Gamma_1, \Gamma_2) =
 * (2, 1/2)\Gamma^{(0)} \), \( \Omega_1 \in \{0.1\,\omega^{(0)}, \omega^{(0)}\} \),
 * \( \Omega_2 \in \{0.1\,\omega^{(0)}, \omega^{(0)}, 2\omega^{(0)}\} \) (not 0, where the
 * gradient in \( \Omega \) vanishes) are each optimized and the lowest \( \chi^2 \) is
 * kept.
 *
 * <p>Errors: with standard errors of the data the fit is weighted and the covariance is
 * \( (J^T\Sigma^{-1}J)^{-1} \). From an {@link Autocorrelation} with two or more groups the fit
 * is weighted by the jackknife errors of the lags; \( C(0) = 1 \) exactly (error 0) gets the
 * smallest error of the other lags. Without them (a single trajectory, as in the paper) the fit is
 * unweighted and the covariance is scaled by \( \chi^2/\nu \) (residual variance); note that
 * neighbouring lags are correlated, so these errors are optimistic.
 *
 * <p>Thread safety: stateless, safe for concurrent use.
 */
public final class DampedCosineFit {

    private static final int PARAMS = 6;

    private DampedCosineFit() {
    }

    /**
     * One damped cosine.
     *
     * @param amplitude \( A_j \)
     * @param rate \( \Gamma_j \ge 0 \)
     * @param frequency \( |\Omega_j| \)
     */
    public record Component(Estimate amplitude, Estimate rate, Estimate frequency) {
    }

    /**
     * Result of the fit.
     *
     * @param components the two components, \( \Gamma_1 \ge \Gamma_2 \)
     * @param chiSquare \( \chi^2 \) (sum of squared residuals when unweighted)
     * @param degreesOfFreedom lags minus 6
     * @param weighted whether data errors were used
     */
    public record Result(List<Component> components, double chiSquare, int degreesOfFreedom,
                         boolean weighted) {

        /**
         * Canonical constructor (copies the list).
         *
         * @param components see the record description
         * @param chiSquare see the record description
         * @param degreesOfFreedom see the record description
         * @param weighted see the record description
         */
        public Result {
            components = List.copyOf(components);
        }

        /**
         * @param tau lag \( \tau \)
         * @return \( C^{\rm fit}(\tau) \), Eq. 47
         */
        public double value(double tau) {
            double s = 0;
            for (Component c : components) {
                s += c.amplitude().value() * Math.exp(-c.rate().value() * tau)
                    * Math.cos(c.frequency().value() * tau);
            }
            return s;
        }
    }

    /**
     * Fits the autocorrelation of one site for lags up to {@code tauMax} (the initial decay).
     *
     * @param autocorrelation the accumulator (not modified)
     * @param site observed zero-based site
     * @param tauMax largest lag used, positive
     * @return the fit
     */
    public static Result fit(Autocorrelation autocorrelation, int site, double tauMax) {
        Objects.requireNonNull(autocorrelation, "autocorrelation");
        Checks.positive("tauMax", tauMax);
        List<double[]> rows = new ArrayList<>();
        for (int k = 0; k < autocorrelation.lags() && autocorrelation.lag(k) <= tauMax; k++) {
            Estimate e = autocorrelation.value(site, k);
            rows.add(new double[] {autocorrelation.lag(k), e.value(), e.standardError()});
        }
        double[] tau = new double[rows.size()];
        double[] c = new double[rows.size()];
        double[] s = new double[rows.size()];
        boolean weighted = true;
        double smallest = Double.POSITIVE_INFINITY;
        for (int i = 0; i < tau.length; i++) {
            tau[i] = rows.get(i)[0];
            c[i] = rows.get(i)[1];
            s[i] = rows.get(i)[2];
            weighted &= s[i] >= 0 && Double.isFinite(s[i]);
            if (s[i] > 0) {
                smallest = Math.min(smallest, s[i]);
            }
        }
        weighted &= smallest < Double.POSITIVE_INFINITY;
        // C(0) = 1 in every group, so its error is exactly 0: exact lags get the smallest
        // error of the others (the fit holds them as tightly as the best-measured lag)
        for (int i = 0; i < s.length; i++) {
            if (s[i] == 0) {
                s[i] = smallest;
            }
        }
        return fit(tau, c, weighted ? s : null);
    }

    /**
     * Fits sampled data.
     *
     * @param tau lags, finite, at least 7 (not modified)
     * @param c values \( C(\tau) \), finite, same length (not modified)
     * @param sigma positive finite standard errors, same length, or {@code null} for an
     *     unweighted fit (not modified)
     * @return the fit
     * @throws IllegalArgumentException on bad input, or if no start converges
     */
    public static Result fit(double[] tau, double[] c, double[] sigma) {
        Objects.requireNonNull(tau, "tau");
        Objects.requireNonNull(c, "c");
        Checks.atLeast("tau.length", tau.length, PARAMS + 1);
        if (c.length != tau.length) {
            throw new IllegalArgumentException("c.length must equal tau.length = " + tau.length
                + ": " + c.length);
        }
        Checks.allFinite("tau", tau);
        Checks.allFinite("c", c);
        double[] s = new double[tau.length];
        if (sigma != null) {
            if (sigma.length != tau.length) {
                throw new IllegalArgumentException("sigma.length must equal tau.length = "
                    + tau.length + ": " + sigma.length);
            }
            for (int i = 0; i < s.length; i++) {
                s[i] = Checks.positive("sigma[" + i + "]", sigma[i]);
            }
        } else {
            java.util.Arrays.fill(s, 1.0);
        }
        double c0 = c[0];
        double tauE = tau[tau.length - 1];
        double tauZ = Double.NaN;
        for (int i = 1; i < tau.length; i++) {
            if (Math.abs(c[i]) < Math.abs(c0) / Math.E && tauE == tau[tau.length - 1]) {
                tauE = Math.max(tau[i], 1e-12);
            }
            if (Double.isNaN(tauZ) && Math.signum(c[i]) != Math.signum(c0)) {
                tauZ = tau[i];
            }
        }
        double g0 = Math.log(1 / Math.max(tauE, 1e-12));
        double w0 = Double.isNaN(tauZ) ? 1.0 : Math.PI / (2 * tauZ);
        LeastSquaresOptimizer.Optimum best = null;
        // Omega = 0 is a stationary point of cos(Omega tau) (zero gradient), so starts sit
        // slightly off it
        for (double w1 : new double[] {0.1 * w0, w0}) {
            for (double w2 : new double[] {0.1 * w0, w0, 2 * w0}) {
                double[] start = {c0 / 2, g0 + Math.log(2), w1, c0 / 2, g0 - Math.log(2), w2};
                try {
                    LeastSquaresOptimizer.Optimum o = optimize(tau, c, s, start);
                    if (best == null || o.getChiSquare() < best.getChiSquare()) {
                        best = o;
                    }
                } catch (MathRuntimeException e) {
                    // this start did not converge; try the next one
                }
            }
        }
        if (best == null) {
            throw new IllegalArgumentException("Eq. 47 fit did not converge from any start");
        }
        double[] p = best.getPoint().toArray();
        int dof = tau.length - PARAMS;
        double chi2 = best.getChiSquare();
        double[][] cov = covariance(best.getJacobian());
        double scale = sigma == null ? chi2 / dof : 1.0;
        List<Component> comps = new ArrayList<>();
        for (int j = 0; j < 2; j++) {
            int o = 3 * j;
            double rate = Math.exp(p[o + 1]);
            comps.add(new Component(
                new Estimate(p[o], Math.sqrt(scale * cov[o][o])),
                new Estimate(rate, rate * Math.sqrt(scale * cov[o + 1][o + 1])),
                new Estimate(Math.abs(p[o + 2]), Math.sqrt(scale * cov[o + 2][o + 2]))));
        }
        comps.sort(Comparator.comparingDouble((Component k) -> k.rate().value()).reversed());
        return new Result(comps, chi2, dof, sigma != null);
    }

    /**
     * \( (J^TJ)^{-1} \) of the weighted Jacobian; columns with (numerically) zero norm, e.g. the
     * frequency of a component that converged to \( \Omega = 0 \) where \( \partial_\Omega
     * \cos(\Omega\tau) = 0 \), are held fixed and get NaN errors.
     */
    private static double[][] covariance(RealMatrix jacobian) {
        int m = jacobian.getColumnDimension();
        double max = 0;
        double[] norm = new double[m];
        for (int k = 0; k < m; k++) {
            norm[k] = jacobian.getColumnVector(k).getNorm();
            max = Math.max(max, norm[k]);
        }
        List<Integer> keep = new ArrayList<>();
        for (int k = 0; k < m; k++) {
            if (norm[k] > 1e-8 * max) {
                keep.add(k);
            }
        }
        int[] cols = keep.stream().mapToInt(Integer::intValue).toArray();
        double[][] cov = new double[m][m];
        for (double[] row : cov) {
            java.util.Arrays.fill(row, Double.NaN);
        }
        RealMatrix j = jacobian.getSubMatrix(
            IntStream.range(0, jacobian.getRowDimension()).toArray(), cols);
        try {
            RealMatrix inv = new org.hipparchus.linear.QRDecomposition(
                j.transposeMultiply(j), 1e-14).getSolver().getInverse();
            for (int a = 0; a < cols.length; a++) {
                for (int b = 0; b < cols.length; b++) {
                    cov[cols[a]][cols[b]] = inv.getEntry(a, b);
                }
            }
        } catch (MathRuntimeException e) {
            // singular even without the flat columns: all errors stay NaN
        }
        return cov;
    }

    private static LeastSquaresOptimizer.Optimum optimize(double[] tau, double[] c, double[] s,
                                                          double[] start) {
        double[] target = new double[tau.length];
        for (int i = 0; i < tau.length; i++) {
            target[i] = c[i] / s[i];
        }
        return new LevenbergMarquardtOptimizer().optimize(new LeastSquaresBuilder()
            .start(start).target(target).maxEvaluations(1000).maxIterations(1000)
            .lazyEvaluation(false)
            .parameterValidator(v -> {
                v.setEntry(1, Math.max(-30, Math.min(10, v.getEntry(1))));
                v.setEntry(4, Math.max(-30, Math.min(10, v.getEntry(4))));
                return v;
            })
            .model(point -> {
                double[] p = point.toArray();
                double[] f = new double[tau.length];
                double[][] j = new double[tau.length][PARAMS];
                for (int i = 0; i < tau.length; i++) {
                    double t = tau[i];
                    for (int k = 0; k < 2; k++) {
                        int o = 3 * k;
                        double rate = Math.exp(p[o + 1]);
                        double e = Math.exp(-rate * t);
                        double cos = Math.cos(p[o + 2] * t);
                        double sin = Math.sin(p[o + 2] * t);
                        f[i] += p[o] * e * cos / s[i];
                        j[i][o] = e * cos / s[i];
                        j[i][o + 1] = -p[o] * t * rate * e * cos / s[i];
                        j[i][o + 2] = -p[o] * t * e * sin / s[i];
                    }
                }
                return new Pair<>(new ArrayRealVector(f, false),
                    (RealMatrix) new Array2DRowRealMatrix(j, false));
            }).build());
    }
}
