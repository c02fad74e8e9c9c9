package org.ness4j.fitting;

/**
 * Outcome of a {@link WignerFitter} fit. A fit never throws for data it cannot describe; it
 * reports one of these instead.
 */
public enum FitStatus {
    /** Converged; both parameters of the ansatz are identified. */
    OK,
    /**
     * Dilute limit (paper 000, SI after Eq. 48): the nonlinear parameter (\( T \), \( \gamma^s \)
     * or \( S \)) is not identified (its log has a standard error above the fitter's
     * identifiability limit, or the covariance is singular); the data were refitted with the
     * thermal limit \( p_n \propto e^{(\mu/T)n} \) and only \( \mu/T \) is reported. Also the
     * status of a Gibbs fit with \( U = 0 \) (Fig. 17, the single-parameter Gaussian fit).
     */
    MU_OVER_T_ONLY,
    /** The optimizer failed (no convergence within the evaluation budget, non-finite values). */
    FAILED
}
