package org.ness4j.sde.chain;

import java.util.Objects;
import org.apache.commons.rng.sampling.distribution.NormalizedGaussianSampler;
import org.ness4j.core.Checks;
import org.ness4j.core.chain.BoseHubbardChain;
import org.ness4j.core.chain.ChainLimit;
import org.ness4j.sde.FusedSteppers;
import org.ness4j.sde.Heun;
import org.ness4j.sde.NoiseKind;
import org.ness4j.sde.SdeAlgorithm;
import org.ness4j.sde.SdeProblem;
import org.ness4j.sde.SdeStepper;

/**
 * The semiclassical equations of a {@link BoseHubbardChain} as an {@link SdeProblem}: the
 * truncated Wigner equations (paper 000, Eq. 4 = 31) or their Gross-Pitaevskii limit (Eq. 35).
 *
 * <p>State layout: {@code x[(2l) * batch + b] = Re alpha_l}, {@code x[(2l+1) * batch + b] =
 * Im alpha_l} (zero-based site {@code l}). Noise channels: both quadratures of every site with
 * \( \kappa_\ell > 0 \), in site order, with constant amplitude \( \sqrt{\kappa_\ell/4} \)
 * (additive noise); none in the classical limit.
 *
 * <p>Initial state (Methods of paper 000): the Wigner function of the vacuum, i.e. independent
 * quadratures with mean 0 and variance 1/4 (\( \langle|\alpha|^2\rangle = 1/2 \)), shifted by an
 * optional coherent amplitude ({@link #withInitialField}); in the classical limit the noise-free
 * amplitude itself.
 *
 * <p>With {@link Heun} the fused single-pass kernel {@link ChainHeunStepper} is used.
 *
 * <p>Thread safety: immutable and thread-safe.
 */
public final class ChainProblem implements SdeProblem, FusedSteppers {

    private final BoseHubbardChain chain;
    private final ChainLimit limit;
    private final double[] initialField;
    private final int[] noisy;
    private final double[] amplitudes;

    private ChainProblem(BoseHubbardChain chain, ChainLimit limit, double[] initialField) {
        this.chain = chain;
        this.limit = limit;
        this.initialField = initialField;
        int count = 0;
        for (int l = 0; l < chain.length(); l++) {
            if (chain.noiseAmplitude(l, limit) > 0) {
                count++;
            }
        }
        this.noisy = new int[2 * count];
        this.amplitudes = new double[2 * count];
        int j = 0;
        for (int l = 0; l < chain.length(); l++) {
            double g = chain.noiseAmplitude(l, limit);
            if (g > 0) {
                noisy[j] = 2 * l;
                noisy[j + 1] = 2 * l + 1;
                amplitudes[j] = g;
                amplitudes[j + 1] = g;
                j += 2;
            }
        }
    }

    /**
     * Truncated Wigner equations of a chain.
     *
     * @param chain the model
     * @return the problem, starting from the vacuum
     */
    public static ChainProblem truncatedWigner(BoseHubbardChain chain) {
        return of(chain, ChainLimit.TRUNCATED_WIGNER);
    }

    /**
     * Classical Gross-Pitaevskii equations of a chain (Eq. 35).
     *
     * @param chain the model
     * @return the problem, starting from \( \alpha = 0 \)
     */
    public static ChainProblem grossPitaevskii(BoseHubbardChain chain) {
        return of(chain, ChainLimit.GROSS_PITAEVSKII);
    }

    /**
     * The equations of a chain in a given limit.
     *
     * @param chain the model
     * @param limit which equations
     * @return the problem, starting from the vacuum
     */
    public static ChainProblem of(BoseHubbardChain chain, ChainLimit limit) {
        Objects.requireNonNull(chain, "chain");
        Objects.requireNonNull(limit, "limit");
        return new ChainProblem(chain, limit, new double[chain.dimension()]);
    }

    /**
     * The same problem started from the coherent state \( |\alpha_0\rangle \) (its Wigner
     * function in the truncated Wigner approximation).
     *
     * @param field {@code {Re alpha_0, Im alpha_0, Re alpha_1, ...}}, length {@code 2L}
     *     (not modified)
     * @return a new problem
     * @throws NullPointerException if {@code field} is null
     * @throws IllegalArgumentException if its length is not {@code 2L} or an entry is not finite
     */
    public ChainProblem withInitialField(double[] field) {
        Objects.requireNonNull(field, "field");
        if (field.length != chain.dimension()) {
            throw new IllegalArgumentException("initial field must have length "
                + chain.dimension() + ": " + field.length);
        }
        return new ChainProblem(chain, limit, Checks.allFinite("initial field", field.clone()));
    }

    /** @return the model */
    public BoseHubbardChain chain() {
        return chain;
    }

    /** @return the equations used */
    public ChainLimit limit() {
        return limit;
    }

    /** @return a copy of the initial coherent amplitude, interleaved (Re, Im) per site */
    public double[] initialField() {
        return initialField.clone();
    }

    @Override
    public int dimension() {
        return chain.dimension();
    }

    @Override
    public int[] noiseComponents() {
        return noisy.clone();
    }

    @Override
    public NoiseKind noiseKind() {
        return NoiseKind.ADDITIVE;
    }

    @Override
    public void drift(double t, double[] x, double[] out, int batch) {
        chain.drift(limit, x, out, batch);
    }

    @Override
    public void diffusion(double t, double[] x, double[] out, int batch) {
        for (int j = 0; j < amplitudes.length; j++) {
            java.util.Arrays.fill(out, j * batch, (j + 1) * batch, amplitudes[j]);
        }
    }

    @Override
    public void initialState(NormalizedGaussianSampler gaussian, double[] x, int batch, int lane) {
        boolean noisyStart = limit.isNoisy();
        for (int i = 0; i < initialField.length; i++) {
            x[i * batch + lane] = initialField[i] + (noisyStart ? 0.5 * gaussian.sample() : 0.0);
        }
    }

    /**
     * {@inheritDoc}
     *
     * @param component component index, in {@code [0, 2L)}
     * @return {@code "Re alpha at site l"} or {@code "Im alpha at site l"}
     * @throws IllegalArgumentException if {@code component} is outside {@code [0, 2L)}
     */
    @Override
    public String componentName(int component) {
        Checks.index("component", component, dimension());
        return (component % 2 == 0 ? "Re" : "Im") + " alpha at site " + component / 2;
    }

    @Override
    public SdeStepper fusedStepper(SdeAlgorithm algorithm, int batch) {
        return algorithm == Heun.create() ? new ChainHeunStepper(this, batch) : null;
    }

    /**
     * Describes the problem completely (model, limit, initial field); used to recognise the
     * configuration of a checkpoint.
     *
     * @return a description
     */
    @Override
    public String toString() {
        return "ChainProblem[" + chain + ", " + limit + ", initial field "
            + java.util.Arrays.toString(initialField) + "]";
    }

    /** @return channel amplitudes, one per noise channel */
    double[] amplitudes() {
        return amplitudes;
    }

    /**
     * The model's parameters for the provenance of result tables, in this order:
     * {@code problem} ({@link #toString()}, complete), {@code limit} ({@link ChainLimit} name),
     * {@code L}, {@code Delta}, {@code J}, {@code U}, {@code gamma_int} (numbers in units of
     * the chain's rates), and {@code F} and {@code kappa} (the per-site drives and loss rates as
     * text lists, zero-based site order).
     *
     * @return a new ordered map
     */
    @Override
    public java.util.Map<String, Object> provenanceParameters() {
        java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("problem", toString());
        m.put("limit", limit.name());
        m.put("L", (long) chain.length());
        m.put("Delta", chain.detuning());
        m.put("J", chain.hopping());
        m.put("U", chain.interaction());
        m.put("gamma_int", chain.intrinsicLoss());
        m.put("F", java.util.Arrays.toString(chain.drives()));
        m.put("kappa", java.util.Arrays.toString(chain.lossRates()));
        return m;
    }
}
