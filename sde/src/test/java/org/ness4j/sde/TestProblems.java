package org.ness4j.sde;

import org.apache.commons.rng.sampling.distribution.NormalizedGaussianSampler;

/** Small SDEs with known solutions for the tests (public for the tests of sub-packages). */
public final class TestProblems {

    private TestProblems() {
    }

    /**
     * @param theta relaxation rate
     * @param sigma noise amplitude
     * @param x0 initial value
     * @return dX = -theta X dt + sigma dW, X(0) = x0 (scalar, additive)
     */
    public static SdeProblem ornsteinUhlenbeck(double theta, double sigma, double x0) {
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

    /**
     * A scheme that steps like {@code delegate} but does not say how its variates combine
     * (the default {@link SdeAlgorithm#coarsenIncrements}).
     *
     * @param delegate the scheme to step with
     * @return the scheme, named "undeclared"
     */
    public static SdeAlgorithm undeclared(SdeAlgorithm delegate) {
        return new SdeAlgorithm() {
            @Override
            public String name() {
                return "undeclared";
            }

            @Override
            public double strongOrder() {
                return delegate.strongOrder();
            }

            @Override
            public double weakOrder() {
                return delegate.weakOrder();
            }

            @Override
            public boolean isAdaptive() {
                return delegate.isAdaptive();
            }

            @Override
            public java.util.Set<NoiseKind> noiseKinds() {
                return delegate.noiseKinds();
            }

            @Override
            public SdeStepper stepper(SdeProblem problem, int batch) {
                return delegate.stepper(problem, batch);
            }
        };
    }
}
