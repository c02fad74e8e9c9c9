package org.ness4j.fitting;

import org.ness4j.core.quantum.FockTruncation;
import org.ness4j.core.quantum.GibbsState;
import org.ness4j.core.quantum.ScullyLambModel;
import org.ness4j.core.quantum.TwoPhotonDecayModel;

/**
 * The single-site ansätze of paper 000 for the local steady state, all diagonal in the Fock
 * basis (\( \mathbb U(1) \)-symmetric), so that their Wigner function follows from the
 * populations. Each is fitted with two internal parameters \( \theta = (x, y) \), both
 * unconstrained, which keeps every physical parameter in its domain (log-parametrization):
 *
 * <ul>
 *   <li>{@link #GIBBS} (Eq. 8, 9, 48): \( p_n \propto \exp[-(U n^2/2 - \mu n)/T] \) with \( U \)
 *       fixed ({@link WignerFitter.Builder#kerr}); \( x = \mu/T \), \( y = \ln T \).</li>
 *   <li>{@link #TWO_PHOTON_DECAY} (Eq. 10, 41): rates \( \gamma^{\rm up} = e^x\gamma^{\rm down} \),
 *       \( \gamma^s = e^y\gamma^{\rm down} \); \( \mu/T = x = \ln(\gamma^{\rm up}/\gamma^{\rm down}) \)
 *       (Eq. 11, 44).</li>
 *   <li>{@link #SCULLY_LAMB} (generalized Scully-Lamb, Eq. 42): \( \gamma^{\rm up} =
 *       e^x\gamma^{\rm down} \), \( S = e^y\gamma^{\rm down} \); \( x \) is the small-n
 *       \( \mu/T \) plotted in Fig. 4(d).</li>
 * </ul>
 *
 * <p>Rate scale: the steady state of a Lindbladian is unchanged when all its rates are multiplied
 * by one constant, so a static Wigner function determines only the ratios
 * \( \gamma^{\rm up}/\gamma^{\rm down} \) and \( \gamma^s/\gamma^{\rm down} \) (or
 * \( S/\gamma^{\rm down} \)): the paper's three fit parameters (SI, "Fitting procedure") are
 * degenerate. The fitter therefore fixes \( \gamma^{\rm down} \)
 * ({@link WignerFitter.Builder#rateUnit}, default \( \gamma = 1 \)) and reports
 * \( \gamma^{\rm up}, \gamma^s, S \) in that unit; the SI table's \( \gamma^s \approx 10^{-3} \)
 * is consistent with \( \gamma^{\rm down} \approx \gamma \). The dephasing \( \gamma^\phi \),
 * \( \omega_0 \) and, for the impurity models, \( U \) do not affect the steady state (SI after
 * Eq. 43).
 *
 * <p>Dilute limit: for \( U/T \to 0 \), \( \gamma^s \to 0 \) or \( S \to 0 \) all three reduce to
 * the thermal state \( p_n \propto e^{x n} \), where only \( x = \mu/T \) is identifiable
 * ({@link FitStatus#MU_OVER_T_ONLY}).
 */
public enum Ansatz {

    /** Gibbs state, Eq. 8, 9, 48. */
    GIBBS("T"),
    /** 2-photon-decay impurity model, Eq. 10, 41. */
    TWO_PHOTON_DECAY("gammaS"),
    /** Generalized Scully-Lamb impurity model, Eq. 42. */
    SCULLY_LAMB("S");

    private final String scaleName;

    Ansatz(String scaleName) {
        this.scaleName = scaleName;
    }

    /**
     * @return the name of the parameter \( e^y \) (times the rate unit for the impurity models):
     *     {@code T}, {@code gammaS} or {@code S}
     */
    public String nonlinearParameter() {
        return scaleName;
    }

    /**
     * Populations of the ansatz at internal parameters {@code (x, y)}, truncated at the
     * fitter's cutoff without a truncation check ({@link FockTruncation.Policy#IGNORE}): the
     * optimizer evaluates many trial states, and {@link WignerFitter} checks the fitted one
     * ({@link WignerFit#topPopulation()}).
     *
     * @param x \( \mu/T \) or \( \ln(\gamma^{\rm up}/\gamma^{\rm down}) \)
     * @param y \( \ln T \), \( \ln(\gamma^s/\gamma^{\rm down}) \) or \( \ln(S/\gamma^{\rm down}) \)
     * @param kerr \( U \) of the Gibbs state
     * @param rateUnit \( \gamma^{\rm down} \)
     * @param cutoff largest photon number
     * @return \( p_0..p_N \)
     */
    double[] populations(double x, double y, double kerr, double rateUnit, int cutoff) {
        switch (this) {
            case GIBBS: {
                double t = Math.exp(y);
                return GibbsState.of(kerr, x * t, t, cutoff, FockTruncation.MAX_TOLERANCE,
                    FockTruncation.Policy.IGNORE).state().populations();
            }
            case TWO_PHOTON_DECAY:
                return TwoPhotonDecayModel.builder().gammaUp(Math.exp(x) * rateUnit)
                    .gammaDown(rateUnit).gammaS(Math.exp(y) * rateUnit).cutoff(cutoff)
                    .truncationPolicy(FockTruncation.Policy.IGNORE).build()
                    .steadyState().populations();
            default:
                return ScullyLambModel.builder().gammaUp(Math.exp(x) * rateUnit)
                    .gammaDown(rateUnit).saturation(Math.exp(y) * rateUnit).cutoff(cutoff)
                    .truncationPolicy(FockTruncation.Policy.IGNORE).build().steadyState()
                    .populations();
        }
    }

    /**
     * The common dilute limit: thermal populations \( p_n \propto e^{x n} \).
     *
     * @param x \( \mu/T \)
     * @param cutoff largest photon number
     * @return \( p_0..p_N \)
     */
    static double[] dilutePopulations(double x, int cutoff) {
        return GibbsState.of(0, x, 1, cutoff, FockTruncation.MAX_TOLERANCE,
            FockTruncation.Policy.IGNORE).state().populations();
    }

    /**
     * Whether the mean photon number grows with {@code y} at fixed {@code x} (used by the
     * starting-value search).
     *
     * @return {@code true} for the Gibbs state (n grows with T), {@code false} for the impurity
     *     models (n falls with \( \gamma^s \) or S)
     */
    boolean photonNumberIncreasesWithY() {
        return this == GIBBS;
    }
}
