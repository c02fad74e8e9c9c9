package org.ness4j.sde.srk;

import java.util.Set;
import org.ness4j.sde.AlgorithmChecks;
import org.ness4j.sde.BrownianIncrements;
import org.ness4j.sde.Calculus;
import org.ness4j.sde.FusedSteppers;
import org.ness4j.sde.NoiseKind;
import org.ness4j.sde.SdeProblem;
import org.ness4j.sde.SdeStepper;

/**
 * What the Rößler families {@link Sra} and {@link Sri} share: strong order 1.5, an embedded
 * error estimate (adaptive), Itô calculus for diagonal noise, the compatibility check and the
 * dispatch to a fused kernel. Subclasses supply the batched stepper of their tableau.
 */
abstract class AbstractSrk implements EmbeddedAlgorithm {

    private final String name;
    private final double weakOrder;
    private final Set<NoiseKind> kinds;
    private final String alternative;

    AbstractSrk(String name, double weakOrder, Set<NoiseKind> kinds, String alternative) {
        this.name = name;
        this.weakOrder = weakOrder;
        this.kinds = kinds;
        this.alternative = alternative;
    }

    /**
     * The generic batched stepper of this method (never a fused kernel).
     *
     * @param problem the equations (already checked)
     * @param batch batch size
     * @return a new stepper
     */
    abstract EmbeddedStepper newStepper(SdeProblem problem, int batch);

    @Override
    public final String name() {
        return name;
    }

    /** Strong order 1.5. */
    @Override
    public final double strongOrder() {
        return 1.5;
    }

    @Override
    public final double weakOrder() {
        return weakOrder;
    }

    /** True: the embedded error estimate supports adaptive stepping. */
    @Override
    public final boolean isAdaptive() {
        return true;
    }

    @Override
    public final Set<NoiseKind> noiseKinds() {
        return kinds;
    }

    /**
     * The Rößler schemes take \( (\Delta W, \xi) \) per channel
     * ({@link BrownianIncrements#coarsenWithIntegral}).
     */
    @Override
    public final void coarsenIncrements(double h, int blocks, double[] first, double[] second,
                                        double[] coarse) {
        if (blocks != 2) {
            throw new IllegalArgumentException("Rößler steppers take 2 variates per channel: "
                + blocks);
        }
        BrownianIncrements.coarsenWithIntegral(h, first, second, coarse);
    }

    @Override
    public final SdeStepper stepper(SdeProblem problem, int batch) {
        check(problem, batch);
        SdeStepper fused = FusedSteppers.lookup(problem, this, batch);
        return fused != null ? fused : newStepper(problem, batch);
    }

    @Override
    public final EmbeddedStepper embeddedStepper(SdeProblem problem, int batch) {
        check(problem, batch);
        return newStepper(problem, batch);
    }

    private void check(SdeProblem problem, int batch) {
        AlgorithmChecks.requireCompatible(this, problem, batch, kinds, Calculus.ITO, alternative);
    }

    @Override
    public String toString() {
        return name;
    }
}
