package org.ness4j.sde;

import org.apache.commons.rng.sampling.distribution.NormalizedGaussianSampler;

/**
 * A system of stochastic differential equations
 * \( dX_i = f_i(t, X)\,dt + g_j(t, X)\,dW_j \) (channel {@code j} driving component
 * {@code noiseComponents()[j]}), evaluated on whole batches of trajectories at once.
 *
 * <p><b>Noise structure.</b> By default the noise is diagonal (one Wiener process per driven
 * component, {@link NoiseKind#ADDITIVE} or {@link NoiseKind#DIAGONAL}). Scalar and general
 * non-diagonal noise, \( dX = f\,dt + G(t, X)\,dW \) with m Wiener processes and an n x m
 * matrix \( G \), are declared by returning {@link NoiseKind#SCALAR},
 * {@link NoiseKind#NON_DIAGONAL_ADDITIVE} or {@link NoiseKind#NON_DIAGONAL} from
 * {@link #noiseKind()} and overriding {@link #noiseMatrix()} with the pattern of \( G \);
 * {@link #diffusion} then writes one value per structural nonzero, and
 * {@link #noiseComponents()} has one entry per Wiener process
 * ({@link NoiseMatrix#channelComponents()}). {@link SmallSdeProblem} does all of this from
 * per-trajectory lambdas.
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
     * <p>For the non-diagonal kinds ({@link NoiseKind#isDiagonal()} false) the array has one
     * entry per Wiener process, {@code noiseMatrix().channelComponents()} (entries may repeat):
     * its length m is how the ensemble, its error budget and the adaptive solver count the
     * channels they draw variates for.
     *
     * @return a new array of length m = number of Wiener processes (channels); for diagonal
     *     noise, distinct component indices
     */
    int[] noiseComponents();

    /**
     * The sparsity pattern of the n x m diffusion matrix: which Wiener process drives which
     * component, and the layout of {@link #diffusion}'s output (one value per structural
     * nonzero). Compatibility checks require {@code wienerProcesses() == noiseComponents().length}
     * and, for the diagonal kinds, a diagonal pattern.
     *
     * @return by default {@link NoiseMatrix#diagonal}{@code (dimension(), noiseComponents())};
     *     problems with scalar or non-diagonal noise override it
     */
    default NoiseMatrix noiseMatrix() {
        return NoiseMatrix.diagonal(dimension(), noiseComponents());
    }

    /**
     * The exact solution \( X(t) \) as a function of \( t \), \( X(0) \) and \( W(t) \), when the
     * problem has one of that form (geometric Brownian motion, linear additive SDEs, ...); used
     * by {@link ConvergenceStudy} as the reference on each Brownian path.
     *
     * @return empty unless overridden
     */
    default java.util.Optional<AnalyticSolution> analyticSolution() {
        return java.util.Optional.empty();
    }

    /** @return the structure of the diffusion term */
    NoiseKind noiseKind();

    /**
     * Whether the noise is commutative: \( L^j G_{\cdot k} = L^k G_{\cdot j} \) for all Wiener
     * processes j, k, with \( L^j = \sum_i G_{ij}\,\partial/\partial x_i \) (Kloeden and Platen
     * 1992, Eq. 10.3.13). Then the iterated Itô integrals \( I_{(j,k)} \) enter a strong
     * order-1 scheme only through \( I_{(j,k)} + I_{(k,j)} = \Delta W_j \Delta W_k \), so schemes
     * such as {@link RkMilCommute} reach strong order 1 from the Wiener increments alone.
     *
     * <p>Additive, diagonal and scalar noise always commute. General state-dependent noise
     * ({@link NoiseKind#NON_DIAGONAL}) commutes only for special diffusion matrices, for example
     * \( G_{ij}(X) = \sigma_{ij} X_i \) ({@link StandardProblems#nonDiagonalLinear}); a problem
     * that has such noise declares it by overriding this method (or
     * {@link SmallSdeProblem.Builder#commutativeNoise()}). Declaring commutative noise that is not
     * makes those schemes converge with strong order 1/2 only; nothing checks the declaration.
     *
     * @return by default true for every kind but {@link NoiseKind#NON_DIAGONAL}, false for it
     */
    default boolean hasCommutativeNoise() {
        return noiseKind() != NoiseKind.NON_DIAGONAL;
    }

    /**
     * The calculus in which the equations are written; matters only for state-dependent noise
     * ({@link NoiseKind#isAdditive()} false).
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
     * @param out amplitudes {@code out[j * batch + b]} for each channel j (modified); for
     *     non-diagonal noise, {@code out[k * batch + b]} is structural nonzero k of
     *     {@link #noiseMatrix()} (for diagonal noise nonzero j is channel j)
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
