package org.ness4j.fitting;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.ness4j.core.quantum.FockDistribution;
import org.ness4j.core.stat.Estimate;

/**
 * Result of fitting an {@link Ansatz} to a measured Wigner function ({@link WignerFitter}).
 *
 * <p>Parameters are physical (see {@link Ansatz}): {@code "mu/T"} always; {@code "T"} and
 * {@code "mu"} for the Gibbs state; {@code "gammaUp"}, {@code "gammaDown"} (the fixed rate
 * unit, error 0) and {@code "gammaS"} or {@code "S"} for the impurity models. Standard errors
 * follow from the covariance \( (J^T \Sigma^{-1} J)^{-1} \) of the internal parameters
 * (\( \Sigma \) = the histogram's statistical variances, see {@link WignerData}) by the delta
 * method; they are not rescaled by \( \chi^2/\nu \). Parameters that are not identified are NaN.
 *
 * @param ansatz the fitted ansatz
 * @param status outcome; on {@link FitStatus#FAILED} all numbers are NaN and {@code state} is
 *     {@code null}
 * @param parameters physical parameters with standard errors, in a fixed order (unmodifiable)
 * @param photonNumber mean photon number of the fitted state
 * @param entropy von Neumann entropy \( -\sum_n p_n\ln p_n \) of the fitted state (nats)
 * @param chiSquare \( \chi^2 = \sum_r (\rho_r - W_r)^2/\sigma_r^2 \) over the fitted cells
 *     (or shells)
 * @param degreesOfFreedom fitted cells (or shells) minus fitted parameters
 * @param l2Norm \( L^2(W, W^{\rm fit}) \) of Eq. 45 over the whole grid
 * @param l2NoiseFloor expected \( L^2 \) of a perfect model from counting noise alone,
 *     \( \sqrt{f\sum_c W_c/N} \) (\( f \): {@link WignerData#inflation()})
 * @param relativeL2 {@code l2Norm} divided by \( \|W\|_{L^2} \) of the data
 * @param state the fitted populations (cutoff {@code state.cutoff()})
 * @param point internal parameters \( \theta \) (usable as a warm start)
 * @param evaluations model evaluations of the optimizer (all passes)
 * @param message empty, or why the fit failed
 */
public record WignerFit(Ansatz ansatz, FitStatus status, Map<String, Estimate> parameters,
                        Estimate photonNumber, Estimate entropy, double chiSquare,
                        int degreesOfFreedom, double l2Norm, double l2NoiseFloor,
                        double relativeL2, FockDistribution state, double[] point,
                        int evaluations, String message) {

    /**
     * Canonical constructor (copies {@code point} and {@code parameters}).
     *
     * @param ansatz see the record description
     * @param status see the record description
     * @param parameters see the record description
     * @param photonNumber see the record description
     * @param entropy see the record description
     * @param chiSquare see the record description
     * @param degreesOfFreedom see the record description
     * @param l2Norm see the record description
     * @param l2NoiseFloor see the record description
     * @param relativeL2 see the record description
     * @param state see the record description
     * @param point see the record description
     * @param evaluations see the record description
     * @param message see the record description
     */
    public WignerFit {
        parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
        point = point == null ? new double[0] : point.clone();
    }

    /**
     * The truncation diagnostic of the fitted state: the population of its top Fock state at the
     * fitter's cutoff. {@link WignerFitter} logs a warning when it exceeds
     * {@link org.ness4j.core.quantum.FockTruncation#DEFAULT_TOLERANCE}: the fitted state then
     * reaches the cutoff, and its photon number and entropy are those of the truncated state.
     *
     * @return \( p_N \) of {@link #state()}, or NaN for a failed fit
     */
    public double topPopulation() {
        return state == null ? Double.NaN : state.topPopulation();
    }

    /** @return a copy of the internal parameters */
    @Override
    public double[] point() {
        return point.clone();
    }

    /**
     * All components, with the contents of {@link #point()} (the record's default would print
     * {@code [D@...}); the estimates in their concise notation ({@link Estimate#toString()}).
     *
     * @return the fit's components by name
     */
    @Override
    public String toString() {
        return "WignerFit[ansatz=" + ansatz + ", status=" + status + ", parameters=" + parameters
            + ", photonNumber=" + photonNumber + ", entropy=" + entropy + ", chiSquare="
            + chiSquare + ", degreesOfFreedom=" + degreesOfFreedom + ", l2Norm=" + l2Norm
            + ", l2NoiseFloor=" + l2NoiseFloor + ", relativeL2=" + relativeL2 + ", state=" + state
            + ", point=" + Arrays.toString(point) + ", evaluations=" + evaluations
            + ", message=" + message + "]";
    }

    /**
     * @param name a parameter name (see the class description)
     * @return its estimate
     * @throws IllegalArgumentException if the ansatz has no such parameter
     */
    public Estimate parameter(String name) {
        Estimate e = parameters.get(name);
        if (e == null) {
            throw new IllegalArgumentException("no parameter " + name + " for " + ansatz
                + "; parameters: " + parameters.keySet());
        }
        return e;
    }

    /** @return \( \mu/T \) (Eq. 11, 44; for the Scully-Lamb model its small-n value) */
    public Estimate muOverT() {
        return parameter("mu/T");
    }

    /** @return whether the fit converged (status not {@link FitStatus#FAILED}) */
    public boolean converged() {
        return status != FitStatus.FAILED;
    }

    /** @return \( \chi^2/\nu \) (NaN if \( \nu \le 0 \)) */
    public double reducedChiSquare() {
        return degreesOfFreedom > 0 ? chiSquare / degreesOfFreedom : Double.NaN;
    }
}
