package org.ness4j.sde.srk;

import org.apache.commons.rng.sampling.distribution.NormalizedGaussianSampler;
import org.ness4j.sde.Calculus;
import org.ness4j.sde.NoiseKind;
import org.ness4j.sde.SdeProblem;

/** Scalar test SDEs (batched, one component, one channel). */
public final class SrkTestProblems {

    private SrkTestProblems() {
    }

    /**
     * Ornstein-Uhlenbeck dX = -theta X dt + sigma dW, X(0) = x0.
     *
     * @param theta relaxation rate
     * @param sigma noise amplitude
     * @param x0 initial value
     * @return the problem
     */
    public static SdeProblem ornsteinUhlenbeck(double theta, double sigma, double x0) {
        return new Scalar(NoiseKind.ADDITIVE, Calculus.ITO, x0) {
            @Override
            public void drift(double t, double[] x, double[] out, int batch) {
                for (int b = 0; b < batch; b++) {
                    out[b] = -theta * x[b];
                }
            }

            @Override
            public void diffusion(double t, double[] x, double[] out, int batch) {
                java.util.Arrays.fill(out, 0, batch, sigma);
            }
        };
    }

    /**
     * Nonlinear additive SDE dX = (-sin X + cos 3t) dt + sigma dW, X(0) = 1.
     *
     * @param sigma noise amplitude
     * @return the problem
     */
    public static SdeProblem sineAdditive(double sigma) {
        return new Scalar(NoiseKind.ADDITIVE, Calculus.ITO, 1.0) {
            @Override
            public void drift(double t, double[] x, double[] out, int batch) {
                double c = Math.cos(3 * t);
                for (int b = 0; b < batch; b++) {
                    out[b] = -Math.sin(x[b]) + c;
                }
            }

            @Override
            public void diffusion(double t, double[] x, double[] out, int batch) {
                java.util.Arrays.fill(out, 0, batch, sigma);
            }
        };
    }

    /**
     * Geometric Brownian motion dX = mu X dt + sigma X dW, X(0) = 1, in the given calculus.
     *
     * @param mu drift rate
     * @param sigma volatility
     * @param calculus calculus
     * @return the problem
     */
    public static SdeProblem geometricBrownian(double mu, double sigma, Calculus calculus) {
        return new Scalar(NoiseKind.DIAGONAL, calculus, 1.0) {
            @Override
            public void drift(double t, double[] x, double[] out, int batch) {
                for (int b = 0; b < batch; b++) {
                    out[b] = mu * x[b];
                }
            }

            @Override
            public void diffusion(double t, double[] x, double[] out, int batch) {
                for (int b = 0; b < batch; b++) {
                    out[b] = sigma * x[b];
                }
            }
        };
    }

    private abstract static class Scalar implements SdeProblem {
        private final NoiseKind kind;
        private final Calculus calculus;
        private final double x0;

        Scalar(NoiseKind kind, Calculus calculus, double x0) {
            this.kind = kind;
            this.calculus = calculus;
            this.x0 = x0;
        }

        @Override
        public int dimension() {
            return 1;
        }

        @Override
        public int[] noiseComponents() {
            return new int[] {0};
        }

        @Override
        public NoiseKind noiseKind() {
            return kind;
        }

        @Override
        public Calculus calculus() {
            return calculus;
        }

        @Override
        public void initialState(NormalizedGaussianSampler g, double[] x, int batch, int lane) {
            x[lane] = x0;
        }
    }
}
