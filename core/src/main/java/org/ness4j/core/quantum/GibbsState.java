package org.ness4j.core.quantum;

import java.util.Locale;
import java.util.Objects;
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
 * For \( U &lt; 0 \), or \( U = 0 \) with \( \mu \ge 0 \), the weights do not decay and the
 * truncation decides the state.
 *
 * <p>Truncation ({@link FockTruncation}): {@link #of(double, double, double)} chooses the cutoff
 * automatically, the smallest one whose top population \( p_N \) is at most
 * {@link FockTruncation#DEFAULT_TOLERANCE} (or a tolerance given to
 * {@link #converged(double, double, double, double)}), and refuses weights that do not decay.
 * {@link #of(double, double, double, int)} keeps its explicit cutoff but refuses it with a
 * {@link TruncationException} (naming the cutoff, \( p_N \) and the cutoff needed) if
 * \( p_N \) exceeds {@link FockTruncation#DEFAULT_TOLERANCE};
 * {@link #of(double, double, double, int, double, FockTruncation.Policy)} sets the tolerance and
 * policy.
 *
 * <p>Thread safety: immutable, safe for concurrent use.
 */
public final class GibbsState {

    private final double kerr;
    private final double mu;
    private final double temperature;
    private final FockDistribution state;
    private final double tolerance;

    private GibbsState(double kerr, double mu, double temperature, int cutoff,
                       double tolerance) {
        this.tolerance = tolerance;
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
     * Creates the state at an explicit cutoff, checked with
     * {@link FockTruncation#DEFAULT_TOLERANCE} and {@link FockTruncation.Policy#REFUSE}.
     *
     * @param kerr \( U \), finite
     * @param mu chemical potential \( \mu \), finite
     * @param temperature \( T > 0 \), finite
     * @param cutoff largest photon number, at least 1
     * @return the Gibbs state
     * @throws TruncationException if \( p_N \) exceeds the tolerance
     */
    public static GibbsState of(double kerr, double mu, double temperature, int cutoff) {
        return of(kerr, mu, temperature, cutoff, FockTruncation.DEFAULT_TOLERANCE,
            FockTruncation.Policy.REFUSE);
    }

    /**
     * Creates the state at an explicit cutoff with a chosen truncation check.
     *
     * @param kerr \( U \), finite
     * @param mu chemical potential \( \mu \), finite
     * @param temperature \( T > 0 \), finite
     * @param cutoff largest photon number, at least 1
     * @param tolerance largest accepted \( p_N \), in
     *     \( (0, \) {@value FockTruncation#MAX_TOLERANCE}\( ] \)
     * @param policy what to do if it is exceeded ({@link FockTruncation.Policy#IGNORE}: the
     *     caller checks {@link #topPopulation()})
     * @return the Gibbs state
     * @throws TruncationException with {@link FockTruncation.Policy#REFUSE} if \( p_N \)
     *     exceeds the tolerance
     */
    public static GibbsState of(double kerr, double mu, double temperature, int cutoff,
                                double tolerance, FockTruncation.Policy policy) {
        check(kerr, mu, temperature);
        Checks.atLeast("cutoff", cutoff, 1);
        FockTruncation.checkTolerance(tolerance);
        Objects.requireNonNull(policy, "policy");
        GibbsState g = new GibbsState(kerr, mu, temperature, cutoff, tolerance);
        FockTruncation.check(policy, describe(kerr, mu, temperature), cutoff, g.topPopulation(),
            tolerance, () -> decays(kerr, mu) ? FockTruncation.smallestCutoff(cutoff + 1,
                FockTruncation.MAX_CUTOFF, tolerance,
                c -> new GibbsState(kerr, mu, temperature, c, tolerance),
                GibbsState::topPopulation).cutoff() : -1,
            decays(kerr, mu) ? "use GibbsState.of(kerr, mu, temperature) to choose the cutoff "
                + "automatically" : "the weights do not decay (U < 0, or U = 0 with mu >= 0)");
        return g;
    }

    /**
     * Creates the state at the smallest cutoff whose top population is at most
     * {@link FockTruncation#DEFAULT_TOLERANCE}.
     *
     * @param kerr \( U \ge 0 \), finite
     * @param mu chemical potential \( \mu \), finite; negative if \( U = 0 \)
     * @param temperature \( T > 0 \), finite
     * @return the Gibbs state
     * @throws IllegalArgumentException if the weights do not decay (\( U &lt; 0 \), or
     *     \( U = 0 \) with \( \mu \ge 0 \))
     */
    public static GibbsState of(double kerr, double mu, double temperature) {
        return converged(kerr, mu, temperature, FockTruncation.DEFAULT_TOLERANCE);
    }

    /**
     * Creates the state at the smallest cutoff whose top population is at most
     * {@code tolerance}.
     *
     * @param kerr \( U \ge 0 \), finite
     * @param mu chemical potential \( \mu \), finite; negative if \( U = 0 \)
     * @param temperature \( T > 0 \), finite
     * @param tolerance in \( (0, \) {@value FockTruncation#MAX_TOLERANCE}\( ] \)
     * @return the Gibbs state
     * @throws IllegalArgumentException if the weights do not decay
     * @throws TruncationException if no cutoff up to {@link FockTruncation#MAX_CUTOFF} is enough
     */
    public static GibbsState converged(double kerr, double mu, double temperature,
                                       double tolerance) {
        check(kerr, mu, temperature);
        FockTruncation.checkTolerance(tolerance);
        if (!decays(kerr, mu)) {
            throw new IllegalArgumentException("the Gibbs weights do not decay, so no cutoff "
                + "converges: kerr = " + kerr + ", mu = " + mu + " (need U > 0, or U = 0 with "
                + "mu < 0)");
        }
        return FockTruncation.smallestCutoff(16, FockTruncation.MAX_CUTOFF, tolerance,
            c -> new GibbsState(kerr, mu, temperature, c, tolerance),
            GibbsState::topPopulation).result();
    }

    private static void check(double kerr, double mu, double temperature) {
        Checks.finite("kerr", kerr);
        Checks.finite("mu", mu);
        Checks.positive("temperature", temperature);
        Checks.finite("temperature", temperature);
    }

    private static boolean decays(double kerr, double mu) {
        return kerr > 0 || (kerr == 0 && mu < 0);
    }

    private static String describe(double kerr, double mu, double temperature) {
        return String.format(Locale.ROOT, "GibbsState(U = %s, mu = %s, T = %s)", kerr, mu,
            temperature);
    }

    /** @return the cutoff N */
    public int cutoff() {
        return state.cutoff();
    }

    /** @return the truncation diagnostic \( p_N \) */
    public double topPopulation() {
        return state.topPopulation();
    }

    /** @return the truncation tolerance the state was built with */
    public double truncationTolerance() {
        return tolerance;
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
