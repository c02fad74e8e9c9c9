package org.ness4j.core.quantum;

import java.util.Objects;
import org.ness4j.core.Checks;

/**
 * Immutable photon-number distribution \( p_n,\ n = 0..N \): a single-mode state diagonal in the
 * Fock basis (a \( \mathbb{U}(1) \)-symmetric local state, paper 000 Eq. 8, 10, 41, 42), with its
 * photon statistics, entropy and Wigner function.
 *
 * <p>Definitions (SPEC observables table; paper Eq. 5): \( n = \sum_n n p_n \),
 * \( \langle a^{\dagger 2} a^2 \rangle = \sum_n n(n-1) p_n \),
 * \( \delta n = \langle a^{\dagger 2} a^2\rangle - n^2 = (\Delta n)^2 - n \),
 * \( g^{(2)} = \langle a^{\dagger 2} a^2\rangle / n^2 \), entropy \( S = -\sum_n p_n \ln p_n \)
 * (nats). The Wigner function \( W(\alpha) = \sum_n p_n W_n(|\alpha|^2) \) is evaluated with the
 * scaled Laguerre recurrence of {@link FockStates} in {@code O(N)} per point.
 *
 * <p>Thread safety: immutable, safe for concurrent use.
 */
public final class FockDistribution {

    private final double[] p;

    private FockDistribution(double[] p) {
        this.p = p;
    }

    /**
     * Normalises the given weights.
     *
     * @param weights non-negative finite weights, not all zero, at least one entry (not
     *     modified)
     * @return the distribution {@code weights / sum(weights)}
     */
    public static FockDistribution of(double[] weights) {
        Objects.requireNonNull(weights, "weights");
        Checks.atLeast("weights.length", weights.length, 1);
        Checks.allNonNegative("weights", weights);
        double sum = 0;
        for (double w : weights) {
            sum += w;
        }
        if (!(sum > 0) || Double.isInfinite(sum)) {
            throw new IllegalArgumentException("weights must have a positive finite sum: " + sum);
        }
        double[] q = new double[weights.length];
        for (int n = 0; n < q.length; n++) {
            q[n] = weights[n] / sum;
        }
        return new FockDistribution(q);
    }

    /**
     * Thermal (Bose-Einstein) distribution truncated at {@code cutoff} and renormalised,
     * \( p_n \propto r^n,\ r = \bar n/(\bar n + 1) \); the cutoff is checked: refused if the
     * top population exceeds {@link FockTruncation#DEFAULT_TOLERANCE} (see
     * {@link FockTruncation}).
     *
     * @param meanPhotonNumber \( \bar n \ge 0 \) of the untruncated state
     * @param cutoff largest photon number, at least 0
     * @return the distribution
     * @throws TruncationException if \( p_N \) exceeds the tolerance
     */
    public static FockDistribution thermal(double meanPhotonNumber, int cutoff) {
        Checks.nonNegative("meanPhotonNumber", meanPhotonNumber);
        Checks.atLeast("cutoff", cutoff, 0);
        return checked("FockDistribution.thermal(" + meanPhotonNumber + ")", cutoff,
            c -> thermalUnchecked(meanPhotonNumber, c), meanPhotonNumber > 0);
    }

    /**
     * Thermal distribution at the smallest cutoff whose top population is at most
     * {@link FockTruncation#DEFAULT_TOLERANCE}.
     *
     * @param meanPhotonNumber \( \bar n \ge 0 \), finite
     * @return the distribution
     */
    public static FockDistribution thermal(double meanPhotonNumber) {
        Checks.nonNegative("meanPhotonNumber", meanPhotonNumber);
        return FockTruncation.smallestCutoff(1, FockTruncation.MAX_CUTOFF,
            FockTruncation.DEFAULT_TOLERANCE, c -> thermalUnchecked(meanPhotonNumber, c),
            FockDistribution::topPopulation).result();
    }

    private static FockDistribution thermalUnchecked(double meanPhotonNumber, int cutoff) {
        double logr = Math.log(meanPhotonNumber) - Math.log1p(meanPhotonNumber);
        double[] w = new double[cutoff + 1];
        w[0] = 1;
        for (int n = 1; n <= cutoff; n++) {
            w[n] = meanPhotonNumber == 0 ? 0 : Math.exp(n * logr);
        }
        return of(w);
    }

    private static FockDistribution checked(String what, int cutoff,
                                            java.util.function.IntFunction<FockDistribution> make,
                                            boolean hasTail) {
        FockDistribution d = make.apply(cutoff);
        if (hasTail) {
            FockTruncation.check(FockTruncation.Policy.REFUSE, what, cutoff, d.topPopulation(),
                FockTruncation.DEFAULT_TOLERANCE, () -> FockTruncation.smallestCutoff(cutoff + 1,
                    FockTruncation.MAX_CUTOFF, FockTruncation.DEFAULT_TOLERANCE, make,
                    FockDistribution::topPopulation).cutoff(),
                "use the factory without a cutoff to choose it automatically");
        }
        return d;
    }

    /**
     * Poisson distribution (the diagonal of a coherent state \( |\beta\rangle \), i.e. its phase
     * average), truncated and renormalised; the cutoff is checked like
     * {@link #thermal(double, int)}'s.
     *
     * @param mean \( |\beta|^2 \ge 0 \)
     * @param cutoff largest photon number
     * @return the distribution
     * @throws TruncationException if \( p_N \) exceeds {@link FockTruncation#DEFAULT_TOLERANCE}
     */
    public static FockDistribution poisson(double mean, int cutoff) {
        Checks.nonNegative("mean", mean);
        Checks.atLeast("cutoff", cutoff, 0);
        return checked("FockDistribution.poisson(" + mean + ")", cutoff,
            c -> poissonUnchecked(mean, c), mean > 0);
    }

    /**
     * Poisson distribution at the smallest cutoff whose top population is at most
     * {@link FockTruncation#DEFAULT_TOLERANCE}.
     *
     * @param mean \( |\beta|^2 \ge 0 \), finite
     * @return the distribution
     */
    public static FockDistribution poisson(double mean) {
        Checks.nonNegative("mean", mean);
        // start above the peak: below it the truncated state's top is its largest population
        int start = (int) Math.min(FockTruncation.MAX_CUTOFF, Math.max(1, Math.ceil(mean) + 1));
        return FockTruncation.smallestCutoff(start, FockTruncation.MAX_CUTOFF,
            FockTruncation.DEFAULT_TOLERANCE, c -> poissonUnchecked(mean, c),
            FockDistribution::topPopulation).result();
    }

    private static FockDistribution poissonUnchecked(double mean, int cutoff) {
        double[] logw = new double[cutoff + 1];
        double max = Double.NEGATIVE_INFINITY;
        for (int n = 0; n <= cutoff; n++) {
            logw[n] = n == 0 ? 0 : (mean == 0 ? Double.NEGATIVE_INFINITY
                : logw[n - 1] + Math.log(mean) - Math.log(n));
            max = Math.max(max, logw[n]);
        }
        double[] w = new double[cutoff + 1];
        for (int n = 0; n <= cutoff; n++) {
            w[n] = Math.exp(logw[n] - max);
        }
        return of(w);
    }

    /**
     * The Fock state \( |n\rangle \).
     *
     * @param n photon number, {@code 0 <= n <= cutoff}
     * @param cutoff largest photon number
     * @return the distribution \( p_m = \delta_{mn} \)
     */
    public static FockDistribution fockState(int n, int cutoff) {
        Checks.atLeast("cutoff", cutoff, 0);
        Checks.index("n", n, cutoff + 1);
        double[] w = new double[cutoff + 1];
        w[n] = 1;
        return new FockDistribution(w);
    }

    /** @return the cutoff {@code N} (largest photon number represented) */
    public int cutoff() {
        return p.length - 1;
    }

    /** @return a copy of \( p_0..p_N \) */
    public double[] populations() {
        return p.clone();
    }

    /**
     * @param n photon number
     * @return \( p_n \) (0 above the cutoff)
     */
    public double population(int n) {
        Checks.atLeast("n", n, 0);
        return n < p.length ? p[n] : 0.0;
    }

    /**
     * Weight on the top state, the truncation diagnostic checked by {@link FockTruncation}: a
     * cutoff is adequate when this is negligible against the accuracy wanted.
     *
     * @return \( p_N \)
     */
    public double topPopulation() {
        return p[p.length - 1];
    }

    /** @return \( n = \sum_n n p_n \) */
    public double meanPhotonNumber() {
        double s = 0;
        for (int n = 1; n < p.length; n++) {
            s += n * p[n];
        }
        return s;
    }

    /** @return \( \langle a^{\dagger 2} a^2 \rangle = \sum_n n(n-1) p_n \) */
    public double secondFactorialMoment() {
        double s = 0;
        for (int n = 2; n < p.length; n++) {
            s += (double) n * (n - 1) * p[n];
        }
        return s;
    }

    /** @return \( (\Delta n)^2 = \sum_n (n - \bar n)^2 p_n \) (two-pass, no cancellation) */
    public double variance() {
        double m = meanPhotonNumber();
        double s = 0;
        for (int n = 0; n < p.length; n++) {
            s += (n - m) * (n - m) * p[n];
        }
        return s;
    }

    /** @return \( \delta n = \langle a^{\dagger 2}a^2\rangle - n^2 = (\Delta n)^2 - n \) (Eq. 5) */
    public double deltaN() {
        return variance() - meanPhotonNumber();
    }

    /**
     * Second-order coherence.
     *
     * @return \( g^{(2)} = \langle a^{\dagger 2}a^2\rangle / n^2 \)
     * @throws IllegalStateException for the vacuum, where it is undefined
     */
    public double g2() {
        double m = meanPhotonNumber();
        if (m == 0) {
            throw new IllegalStateException("g2 is undefined for the vacuum (n = 0)");
        }
        return 1 + deltaN() / (m * m);
    }

    /** @return von Neumann entropy \( -\sum_n p_n \ln p_n \) in nats */
    public double entropy() {
        double s = 0;
        for (double q : p) {
            if (q > 0) {
                s -= q * Math.log(q);
            }
        }
        return s;
    }

    /**
     * Wigner function (phase independent).
     *
     * @param abs2 \( |\alpha|^2 \ge 0 \)
     * @return \( W(\alpha) = \sum_n p_n W_n(|\alpha|^2) \), normalised to
     *     \( \int W\, d\mathrm{Re}\alpha\, d\mathrm{Im}\alpha = 1 \)
     */
    public double wignerRadial(double abs2) {
        Checks.nonNegative("abs2", abs2);
        return FockStates.wignerOfDiagonal(p, abs2);
    }

    /**
     * Wigner function at \( \alpha = re + i\, im \).
     *
     * @param re \( \mathrm{Re}\,\alpha \), finite
     * @param im \( \mathrm{Im}\,\alpha \), finite
     * @return \( W(\alpha) \)
     */
    public double wigner(double re, double im) {
        Checks.finite("re", re);
        Checks.finite("im", im);
        return FockStates.wignerOfDiagonal(p, re * re + im * im);
    }

    @Override
    public String toString() {
        return "FockDistribution[cutoff=" + cutoff() + ", n=" + meanPhotonNumber() + "]";
    }
}
