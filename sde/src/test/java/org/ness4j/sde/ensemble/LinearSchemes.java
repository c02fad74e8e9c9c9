package org.ness4j.sde.ensemble;

import org.ness4j.sde.SdeAlgorithm;
import org.ness4j.sde.SdeProblem;
import org.ness4j.sde.SdeStepper;

/**
 * The exact stationary law of a fixed-step scheme applied to a linear SDE with additive noise.
 * Such a scheme is an affine map \( x' = Mx + c + N\zeta \) with independent
 * \( \zeta_j \sim N(0, h) \) (the stepper's variates); M, c and N are read off the stepper
 * itself by stepping unit vectors (so the fused kernels are measured, not a re-derivation).
 * Its stationary law is Gaussian with mean \( \mu = \sum_k M^k c \) and covariance
 * \( P = \sum_k M^k Q (M^k)^T \), \( Q = h N N^T \), summed by doubling. This gives the exact
 * step error of the scheme's stationary moments at any h, with no statistical noise.
 */
final class LinearSchemes {

    /** Stationary mean and covariance of the discrete chain. */
    record Moments(double[] mean, double[][] covariance) {
    }

    private LinearSchemes() {
    }

    static Moments stationary(SdeProblem problem, SdeAlgorithm algorithm, double h) {
        int d = problem.dimension();
        SdeStepper probeRows = algorithm.stepper(problem, 1);
        int rows = problem.noiseComponents().length * probeRows.incrementsPerChannel();
        int lanes = 1 + d + rows;
        SdeStepper stepper = algorithm.stepper(problem, lanes);
        double[] x = new double[d * lanes];
        double[] dW = new double[rows * lanes];
        for (int i = 0; i < d; i++) {
            x[i * lanes + 1 + i] = 1;
        }
        for (int j = 0; j < rows; j++) {
            dW[j * lanes + 1 + d + j] = 1;
        }
        stepper.step(0, h, x, dW);
        double[] c = new double[d];
        double[][] m = new double[d][d];
        double[][] n = new double[d][rows];
        for (int i = 0; i < d; i++) {
            c[i] = x[i * lanes];
            for (int k = 0; k < d; k++) {
                m[i][k] = x[i * lanes + 1 + k] - c[i];
            }
            for (int j = 0; j < rows; j++) {
                n[i][j] = x[i * lanes + 1 + d + j] - c[i];
            }
        }
        double[][] p = new double[d][d];
        for (int i = 0; i < d; i++) {
            for (int k = 0; k < d; k++) {
                double s = 0;
                for (int j = 0; j < rows; j++) {
                    s += n[i][j] * n[k][j];
                }
                p[i][k] = h * s;
            }
        }
        double[] mu = c.clone();
        double[][] a = m;
        for (int it = 0; it < 64; it++) {
            double[][] apa = multiply(multiply(a, p, false), a, true);
            double[] as = apply(a, mu);
            for (int i = 0; i < d; i++) {
                mu[i] += as[i];
                for (int k = 0; k < d; k++) {
                    p[i][k] += apa[i][k];
                }
            }
            a = multiply(a, a, false);
        }
        return new Moments(mu, p);
    }

    /** The truncated Wigner photon number of a site: mean^2 + variances - 1/2. */
    static double photonNumber(Moments s, int site) {
        int r = 2 * site;
        return s.mean[r] * s.mean[r] + s.mean[r + 1] * s.mean[r + 1] + s.covariance[r][r]
            + s.covariance[r + 1][r + 1] - 0.5;
    }

    /** a b, or a b^T if {@code transposed}. */
    private static double[][] multiply(double[][] a, double[][] b, boolean transposed) {
        int d = a.length;
        double[][] r = new double[d][d];
        for (int i = 0; i < d; i++) {
            for (int k = 0; k < d; k++) {
                double s = 0;
                for (int j = 0; j < d; j++) {
                    s += a[i][j] * (transposed ? b[k][j] : b[j][k]);
                }
                r[i][k] = s;
            }
        }
        return r;
    }

    private static double[] apply(double[][] a, double[] v) {
        double[] r = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            double s = 0;
            for (int j = 0; j < v.length; j++) {
                s += a[i][j] * v[j];
            }
            r[i] = s;
        }
        return r;
    }
}
