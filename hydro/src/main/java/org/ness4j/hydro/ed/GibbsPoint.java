package org.ness4j.hydro.ed;

import java.util.Arrays;

/**
 * Everything the hydrodynamics needs at one generalized Gibbs state
 * \(\rho_0 = e^{-\lambda_1Q_1-\lambda_2Q_2}/Z\) (paper 004, Eq. 8-10, 19). All densities are per
 * site; forces and noise are per unit \(\varepsilon\) (both are linear in \(\varepsilon\)).
 *
 * @param lambda1 \(\lambda_1\) (conjugate to \(Q_1 = \sum_j\sigma^z_j\))
 * @param lambda2 \(\lambda_2\) (conjugate to \(Q_2 = H_0\); an inverse temperature, negative
 *     for \(e\) above the infinite-temperature value 0)
 * @param m magnetization per site \(\langle Q_1\rangle/N\)
 * @param e energy per site \(\langle Q_2\rangle/N\) (units of \(J\))
 * @param covariance \(\mathrm{Cov}(Q_i, Q_j)/N\) = \(-\partial q_i/\partial\lambda_j\), the exact
 *     Jacobian of \((\lambda_1,\lambda_2)\mapsto(m,e)\) up to sign
 * @param force \(f_i/\varepsilon = \mathrm{Tr}[\hat L_1^\dagger(Q_i)\rho_0]/N\) (Eq. 9, A.1), units
 *     of \(J\) times the unit of \(q_i\)
 * @param forceGradient \(\partial(f_i/\varepsilon)/\partial\lambda_j\)
 * @param stability \(\partial(f_i/\varepsilon)/\partial q_j\), the linearization of
 *     \(\dot q = f\) in density space
 * @param noise \(N_{ij}/\varepsilon\): \(\langle\xi_i(r,t)\xi_j(r',t')\rangle =
 *     N_{ij}\,a\,\delta(r-r')\delta(t-t')\) from the Einstein relation (Eq. 19)
 * @param jumpRates \(\langle L^\dagger L\rangle\) per site for {@link LindbladChannel#SPIN_FLIP}
 *     and {@link LindbladChannel#ALIGNING}
 */
public record GibbsPoint(double lambda1, double lambda2, double m, double e,
                         double[][] covariance, double[] force, double[][] forceGradient,
                         double[][] stability, double[][] noise, double[] jumpRates) {

    /**
     * All components with the contents of the arrays (the record's default would print
     * {@code [D@...}).
     *
     * @return the point's components by name
     */
    @Override
    public String toString() {
        return "GibbsPoint[lambda1=" + lambda1 + ", lambda2=" + lambda2 + ", m=" + m + ", e=" + e
            + ", covariance=" + Arrays.deepToString(covariance) + ", force="
            + Arrays.toString(force) + ", forceGradient=" + Arrays.deepToString(forceGradient)
            + ", stability=" + Arrays.deepToString(stability) + ", noise="
            + Arrays.deepToString(noise) + ", jumpRates=" + Arrays.toString(jumpRates) + "]";
    }

    /**
     * Real parts of the two eigenvalues of {@link #stability()}.
     *
     * @return {larger, smaller} real part
     */
    public double[] stabilityRealParts() {
        double a = stability[0][0];
        double b = stability[0][1];
        double c = stability[1][0];
        double d = stability[1][1];
        double tr = a + d;
        double det = a * d - b * c;
        double disc = tr * tr / 4 - det;
        if (disc < 0) {
            return new double[] {tr / 2, tr / 2};
        }
        double s = Math.sqrt(disc);
        return new double[] {tr / 2 + s, tr / 2 - s};
    }
}
