package org.ness4j.sde;

import org.apache.commons.rng.sampling.distribution.NormalizedGaussianSampler;

/** Small SDEs with known solutions for the tests. */
final class TestProblems {

    private TestProblems() {
    }

    /** Ornstein-Uhlenbeck dX = -theta X dt + sigma dW, X(0) = x0 (scalar, additive). */
    static SdeProblem ornsteinUhlenbeck(double theta, double sigma, double x0) {
        return new SdeProblem() {
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
                return NoiseKind.ADDITIVE;
            }

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

            @Override
            public void initialState(NormalizedGaussianSampler g, double[] x, int batch,
                                     int lane) {
                x[lane] = x0;
            }
        };
    }

    /** Geometric Brownian motion dX = mu X dt + sigma X dW in the given calculus. */
    static SdeProblem geometricBrownian(double mu, double sigma, Calculus calculus) {
        return new SdeProblem() {
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
                return NoiseKind.DIAGONAL;
            }

            @Override
            public Calculus calculus() {
                return calculus;
            }

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

            @Override
            public void initialState(NormalizedGaussianSampler g, double[] x, int batch,
                                     int lane) {
                x[lane] = 1;
            }
        };
    }
}
