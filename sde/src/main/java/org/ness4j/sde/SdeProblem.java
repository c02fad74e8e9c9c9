package org.ness4j.sde;

import org.apache.commons.rng.sampling.distribution.NormalizedGaussianSampler;

/**
 * A system of stochastic differential equations
 * \( dX_i = f_i(t, X)\,dt + g_j(t, X)\,dW_j \) (channel {@code j} driving component
 * {@code noiseComponents()[j]}), evaluated on whole batches of trajectories at once.
 *
 * <p><b>Batch layout</b> (structure of arrays, trajectories contiguous): component {@code i} of
 * trajectory (lane) {@code b} of a batch of size {@code batch} is {@code x[i * batch + b]}; the
 * Wiener increment of channel {@code j} is {@code dW[j * batch + b]}. A single trajectory is a
 * batch of size 1. Implementations write their inner loops over {@code b} so that the JIT can
 * vectorize them, and must not allocate.
 *
 * <p>A problem is an immutable value; it is shared by all threads of an ensemble, so its methods
 * must be thread-safe (pure functions of their arguments).
 */
public interface SdeProblem {

    /** @return number of real state components n */
    int dimension();

    /**
     * The state components driven by noise, one per Wiener process (channel), in increasing
     * order. Components not listed evolve deterministically.
     *
     * @return a new array of distinct component indices (length m = number of channels)
     */
    int[] noiseComponents();

    /** @return the structure of the diffusion term */
    NoiseKind noiseKind();

    /**
     * The calculus in which the equations are written; matters only for
     * {@link NoiseKind#DIAGONAL} noise.
     *
     * @return {@link Calculus#ITO} unless overridden
     */
    default Calculus calculus() {
        return Calculus.ITO;
    }

    /**
     * Evaluates the drift \( f(t, X) \) for a batch.
     *
     * @param t time
     * @param x states, length {@code dimension() * batch} (not modified)
     * @param out drift, same layout (modified; must not alias {@code x})
     * @param batch number of trajectories
     */
    void drift(double t, double[] x, double[] out, int batch);

    /**
     * Evaluates the diffusion amplitudes \( g_j(t, X) \) for a batch.
     *
     * @param t time
     * @param x states, length {@code dimension() * batch} (not modified)
     * @param out amplitudes {@code out[j * batch + b]} for each channel j (modified)
     * @param batch number of trajectories
     */
    void diffusion(double t, double[] x, double[] out, int batch);

    /**
     * Samples the initial state of one trajectory.
     *
     * @param gaussian standard normal sampler of this trajectory's own random stream
     * @param x batch states (modified at lane {@code lane} only)
     * @param batch batch size
     * @param lane trajectory within the batch
     */
    void initialState(NormalizedGaussianSampler gaussian, double[] x, int batch, int lane);

    /**
     * Human-readable name of a component, used in divergence reports.
     *
     * @param component component index
     * @return a name such as {@code "x[3]"}
     */
    default String componentName(int component) {
        return "x[" + component + "]";
    }

    /**
     * The parameters that define this problem, for the provenance of result tables
     * ({@code EnsembleResult.provenance()}): an ordered map from names to {@code String},
     * {@code Long}, {@code Integer}, finite {@code Double} or {@code Boolean} values.
     *
     * @return by default {@code {"problem": toString()}}; implementations add structured
     *     entries (see {@code ChainProblem})
     */
    default java.util.Map<String, Object> provenanceParameters() {
        java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("problem", toString());
        return m;
    }
}
