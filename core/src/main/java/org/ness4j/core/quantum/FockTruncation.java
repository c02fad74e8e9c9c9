package org.ness4j.core.quantum;

import java.util.Objects;
import java.util.function.IntSupplier;
import java.util.function.IntFunction;
import java.util.function.ToDoubleFunction;
import org.ness4j.core.Checks;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Truncation checks of Fock-space results. A state computed in a space truncated at photon
 * number {@code N} (the cutoff) is only meaningful if its population of the top Fock state
 * \( p_N \) is negligible: the truncation removes every transition out of the space, so weight
 * that would sit above {@code N} piles up at or below it. For example the 2-photon model at
 * \( \gamma^{\rm up} = 1.5,\ \gamma^{\rm down} = 1,\ \gamma^s = 10^{-3} \) has
 * \( n = 250.5 \), but at cutoff 100 it returns \( n = 96 \) with \( p_{100} = 0.21 \).
 *
 * <p>What is checked (docs/quantum.md, "Truncation"):
 * <ul>
 *   <li>Models with an automatic cutoff (the default of {@link TwoPhotonDecayModel},
 *       {@link ScullyLambModel}, {@link GibbsState#of(double, double, double)},
 *       {@link FockDistribution#thermal(double)}, {@link SteadyStates#converged}) grow the
 *       cutoff until \( p_N \le \) the tolerance, by doubling and then bisecting to the
 *       smallest cutoff that meets it ({@link #smallestCutoff}).</li>
 *   <li>Results given an explicit cutoff check \( p_N \) and, with the default
 *       {@link Policy#REFUSE}, throw a {@link TruncationException} naming the cutoff, the top
 *       population and the cutoff needed (computed by growing, where the result can be
 *       rebuilt).</li>
 *   <li>Cutoff studies and Monte Carlo results ({@link QuantumTrajectories}) use
 *       {@link Policy#WARN}: an SLF4J warning, and the top population is reported in the
 *       result.</li>
 * </ul>
 *
 * <p>The tolerance is {@value #DEFAULT_TOLERANCE} by default; a caller may set any tolerance in
 * \( (0, \) {@value #MAX_TOLERANCE}\( ] \). A top population \( p_N \) bounds the weight missing
 * above the cutoff only together with the decay of the tail: for a geometric tail of ratio r it
 * is \( p_N\, r/(1-r) \) (about \( p_N \bar n \) for a thermal state), hence the small
 * default.
 *
 * <p>Thread safety: stateless, safe for concurrent use.
 */
public final class FockTruncation {

    /**
     * Default tolerance of the top-state population \( p_N \): automatic cutoffs are grown until
     * \( p_N \le 10^{-6} \), and explicit cutoffs with a larger \( p_N \) are refused.
     */
    public static final double DEFAULT_TOLERANCE = 1e-6;

    /** Largest tolerance a caller may set, \( 10^{-3} \). */
    public static final double MAX_TOLERANCE = 1e-3;

    /**
     * Largest cutoff an automatic search tries for the {@code O(N)} single-mode paths
     * ({@code 2^20}, 8 MB per array of populations); beyond it the state is refused.
     */
    public static final int MAX_CUTOFF = 1 << 20;

    /** What a result given an explicit cutoff does when its top population is too large. */
    public enum Policy {
        /** Throw a {@link TruncationException} (the default for models and exact solvers). */
        REFUSE,
        /**
         * Log an SLF4J warning and return the truncated result (cutoff studies, Monte Carlo
         * results that would otherwise lose the run's work).
         */
        WARN,
        /**
         * Return the truncated result without a check; the caller inspects the top population
         * itself (for example a fit that evaluates many trial states and checks the final
         * one).
         */
        IGNORE
    }

    private static final Logger LOG = LoggerFactory.getLogger(FockTruncation.class);

    private FockTruncation() {
    }

    /**
     * Applies a policy to a result at an explicit cutoff.
     *
     * @param policy what to do when {@code topPopulation > tolerance}
     * @param what the result, for the message (for example the class and its parameters)
     * @param cutoff the explicit cutoff
     * @param topPopulation the result's top population
     * @param tolerance the tolerance
     * @param needed computes the smallest cutoff that meets the tolerance (by growing), or
     *     returns {@code -1} where the result cannot be rebuilt; called only when the tolerance
     *     is exceeded and the policy is not {@link Policy#IGNORE}
     * @param hint what to do, appended to the message (may be empty)
     * @return {@code true} if the tolerance is met
     * @throws TruncationException with {@link Policy#REFUSE} if it is not
     */
    public static boolean check(Policy policy, String what, int cutoff, double topPopulation,
                                double tolerance, IntSupplier needed, String hint) {
        Objects.requireNonNull(policy, "policy");
        if (topPopulation <= tolerance) {
            return true;
        }
        if (policy == Policy.IGNORE) {
            return false;
        }
        int n;
        try {
            n = needed == null ? -1 : needed.getAsInt();
        } catch (TruncationException e) {
            n = -1; // no cutoff up to the search limit is enough
        }
        if (policy == Policy.REFUSE) {
            throw new TruncationException(what, cutoff, topPopulation, tolerance, n, hint);
        }
        LOG.warn(TruncationException.message(what, cutoff, topPopulation, tolerance, n, hint));
        return false;
    }

    /**
     * Validates a truncation tolerance.
     *
     * @param tolerance in \( (0, \) {@value #MAX_TOLERANCE}\( ] \)
     * @return {@code tolerance}
     * @throws IllegalArgumentException otherwise
     */
    public static double checkTolerance(double tolerance) {
        if (!(tolerance > 0 && tolerance <= MAX_TOLERANCE)) {
            throw new IllegalArgumentException("truncation tolerance must be in (0, "
                + MAX_TOLERANCE + "]: " + tolerance);
        }
        return tolerance;
    }

    /**
     * The smallest cutoff at or above {@code start} whose result has a top population within the
     * tolerance: doubles the cutoff until the tolerance is met, then bisects between the last
     * failing and the first passing cutoff. Every returned cutoff has been verified: the result
     * at it meets the tolerance (the bisection only narrows the bracket; for a population tail
     * that is not monotone in the cutoff it may return a larger cutoff than the smallest).
     *
     * @param <T> the result type
     * @param start first cutoff tried, at least 1
     * @param maxCutoff largest cutoff tried
     * @param tolerance tolerance of the top population
     * @param solve the result at a cutoff
     * @param top the top population of a result
     * @return the smallest passing cutoff found with its result
     * @throws TruncationException (with {@code neededCutoff = -1}) if no cutoff up to
     *     {@code maxCutoff} meets the tolerance
     */
    public static <T> Grown<T> smallestCutoff(int start, int maxCutoff, double tolerance,
                                              IntFunction<T> solve, ToDoubleFunction<T> top) {
        Checks.atLeast("start", start, 1);
        Objects.requireNonNull(solve, "solve");
        Objects.requireNonNull(top, "top");
        int c = Math.min(start, maxCutoff);
        T r = solve.apply(c);
        double p = top.applyAsDouble(r);
        if (p <= tolerance) {
            return new Grown<>(c, r, p);
        }
        int lo = c;
        while (true) {
            if (c >= maxCutoff) {
                throw new TruncationException("no cutoff up to " + maxCutoff + " is enough",
                    c, p, tolerance, -1, "the populations decay too slowly or not at all");
            }
            lo = c;
            c = (int) Math.min(maxCutoff, 2L * c);
            r = solve.apply(c);
            p = top.applyAsDouble(r);
            if (p <= tolerance) {
                break;
            }
        }
        int hi = c;
        T best = r;
        double bestTop = p;
        while (hi - lo > 1) {
            int mid = lo + (hi - lo) / 2;
            T m = solve.apply(mid);
            double pm = top.applyAsDouble(m);
            if (pm <= tolerance) {
                hi = mid;
                best = m;
                bestTop = pm;
            } else {
                lo = mid;
            }
        }
        return new Grown<>(hi, best, bestTop);
    }

    /**
     * Population of the top Fock state of every mode: \( P(n_m = N_m) \), the sum of the
     * diagonal of {@code rho} over the basis states whose mode {@code m} sits at its cutoff.
     *
     * @param rho a density matrix on {@code space}
     * @param space its Fock space
     * @return the top population of each mode (a new array)
     * @throws IllegalArgumentException if the dimensions differ
     */
    public static double[] topPopulations(DensityMatrix rho, FockSpace space) {
        Objects.requireNonNull(rho, "rho");
        Objects.requireNonNull(space, "space");
        if (rho.dimension() != space.dimension()) {
            throw new IllegalArgumentException("rho.dimension must be space.dimension = "
                + space.dimension() + ": " + rho.dimension());
        }
        double[] diag = rho.diagonal();
        double[] top = new double[space.modes()];
        for (int i = 0; i < diag.length; i++) {
            for (int m = 0; m < top.length; m++) {
                if (space.occupation(i, m) == space.cutoff(m)) {
                    top[m] += diag[i];
                }
            }
        }
        return top;
    }

    /**
     * A result at the cutoff an automatic search chose.
     *
     * @param <T> the result type
     * @param cutoff the chosen cutoff
     * @param result the result at it
     * @param topPopulation its top population (within the tolerance)
     */
    public record Grown<T>(int cutoff, T result, double topPopulation) {
    }
}
