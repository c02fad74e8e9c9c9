package org.ness4j.core.quantum;

import org.ness4j.core.Checks;

/**
 * Local Gibbs ansatz of paper 000 (Eq. 8, 9 and SI Eq. 48):
 * \( \rho = \exp[-(h - \mu\, a^\dagger a)/T]/Z \) with \( h = \tfrac U2 (a^\dagger a)^2 \), i.e.
 * \[ p_n \propto \exp\!\big[-(U n^2/2 - \mu n)/T\big], \qquad n = 0..N, \]
 * where quadratic on-site terms are absorbed into \( \mu \) (SI after Eq. 48). \( k_B = 1 \);
 * \( U, \mu, T \) share the energy unit (\( \gamma = 1 \)). Weights are computed in log space and
 * normalised by their maximum, so no value overflows for any cutoff. For \( U = 0 \) and
 * \( \mu &lt; 0 \) the state is thermal with \( p_{n+1}/p_n = e^{\mu/T} \), matching the
 * 2-photon-decay model through \( \mu/T = \ln(\gamma^{\rm up}/\gamma^{\rm down}) \) (Eq. 11).
 * For \( U \le 0 \) with \( \mu \ge 0 \) the weights do not decay and the truncation decides the
 * state; check {@link FockDistribution#topPopulation()}.
 *
 * <p>Thread safety: immutable, safe for concurrent use.
 */
public final class GibbsState {

    private final double kerr;
    private final double mu;
    private final double temperature;
    private final FockDistribution state;

    private GibbsState(double kerr, double mu, double temperature, int cutoff) {
        this.kerr = kerr;
        this.mu = mu;
        this.temperature = temperature;
        double[] logw = new double[cutoff + 1];
        double max = Double.NEGATIVE_INFINITY;
        for (int n = 0; n <= cutoff; n++) {
            logw[n] = -(0.5 * kerr * n * (double) n - mu * n) / temperature;
            max = Math.max(max, logw[n]);
        }
        double[] w = new double[cutoff + 1];
        for (int n = 0; n <= cutoff; n++) {
            w[n] = Math.exp(logw[n] - max);
        }
        this.state = FockDistribution.of(w);
    }

    /**
     * Creates the state.
     *
     * @param kerr \( U \), finite
     * @param mu chemical potential \( \mu \), finite
     * @param temperature \( T > 0 \), finite
     * @param cutoff largest photon number, at least 1
     * @return the Gibbs state
     */
    public static GibbsState of(double kerr, double mu, double temperature, int cutoff) {
        Checks.finite("kerr", kerr);
        Checks.finite("mu", mu);
        Checks.positive("temperature", temperature);
        Checks.atLeast("cutoff", cutoff, 1);
        return new GibbsState(kerr, mu, temperature, cutoff);
    }

    /** @return \( U \) */
    public double kerr() {
        return kerr;
    }

    /** @return \( \mu \) */
    public double mu() {
        return mu;
    }

    /** @return \( T \) */
    public double temperature() {
        return temperature;
    }

    /** @return \( \mu/T \) */
    public double muOverT() {
        return mu / temperature;
    }

    /** @return the populations, statistics, entropy and Wigner function */
    public FockDistribution state() {
        return state;
    }
}
