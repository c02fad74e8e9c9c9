package org.ness4j.core.quantum;

import java.util.Objects;
import org.ness4j.core.Checks;

/**
 * Stationary distribution of a birth-death chain on {@code n = 0..N} with one-step births
 * \( n \to n+1 \) (rate {@code up[n]}), one-step deaths \( n \to n-1 \) ({@code down[n]}) and
 * two-step deaths \( n \to n-2 \) ({@code down2[n]}). This is the population master equation of
 * any phase-invariant single-mode Lindbladian whose jump operators shift the photon number by
 * {@code +1}, {@code -1} or {@code -2} (SPEC "Local models for thermometry"; paper 000, Eq. 10,
 * 41, 42).
 *
 * <p>Algorithm: since births are one-step, the only upward transition across the cut between
 * {@code n} and {@code n+1} is {@code n -> n+1}; in the steady state the net probability flux
 * through every cut vanishes:
 * \[ p_n\, u_n = p_{n+1}\,(d_{n+1} + s_{n+1}) + p_{n+2}\, s_{n+2}, \]
 * with \( u \) = up, \( d \) = down, \( s \) = down2 and \( p_{N+1} = 0 \). Starting from
 * \( p_N \) this recursion runs downwards with only additions of non-negative terms and one
 * division, so it is free of cancellation; it is evaluated in log space (log-sum-exp), so
 * populations spanning thousands of orders of magnitude neither overflow nor underflow before
 * the final normalisation. Without two-step deaths it reduces to detailed balance
 * \( p_{n+1}/p_n = u_n / d_{n+1} \). Cost {@code O(N)}.
 *
 * <p>If some birth rate {@code up[k]} vanishes ({@code k < N}), states above {@code k} are
 * unreachable from below and transient (they decay), and get population zero; the recursion
 * then runs on {@code 0..k}. A state without any way down (an absorbing top state) receives all
 * the weight, as it should.
 *
 * <p>Truncation: the rates end at the cutoff N, so the chain cannot grow it itself.
 * {@link #steadyState(double[], double[], double[])} returns the truncated chain's state as is
 * (the caller checks \( p_N \); {@link TwoPhotonDecayModel} and {@link ScullyLambModel} choose
 * their cutoffs automatically); {@link #steadyState(double[], double[], double[], double)}
 * refuses a \( p_N \) above a tolerance ({@link FockTruncation}).
 *
 * <p>Thread safety: stateless, safe for concurrent use.
 */
public final class BirthDeathChains {

    private BirthDeathChains() {
    }

    /**
     * Stationary populations.
     *
     * @param up birth rates {@code up[n]} for {@code n -> n+1}; length {@code N+1} (the last
     *     entry is ignored: there is no state above the cutoff); non-negative, finite (not
     *     modified)
     * @param down one-step death rates {@code down[n]} for {@code n -> n-1}; length {@code N+1};
     *     {@code down[0]} is ignored (not modified)
     * @param down2 two-step death rates {@code down2[n]} for {@code n -> n-2}, or {@code null}
     *     for none; length {@code N+1}; entries 0 and 1 are ignored (not modified)
     * @return normalised populations {@code p[0..N]}, a new array
     * @throws IllegalArgumentException on length mismatch or a negative or non-finite rate
     */
    public static double[] steadyState(double[] up, double[] down, double[] down2) {
        Objects.requireNonNull(up, "up");
        Objects.requireNonNull(down, "down");
        int size = up.length;
        Checks.atLeast("up.length", size, 1);
        if (down.length != size) {
            throw new IllegalArgumentException("down.length must equal up.length = " + size + ": "
                + down.length);
        }
        if (down2 != null && down2.length != size) {
            throw new IllegalArgumentException("down2.length must equal up.length = " + size
                + ": " + down2.length);
        }
        Checks.allNonNegative("up", up);
        Checks.allNonNegative("down", down);
        if (down2 != null) {
            Checks.allNonNegative("down2", down2);
        }
        int top = size - 1;
        for (int n = 0; n < size - 1; n++) {
            if (up[n] == 0) {
                top = n;
                break;
            }
        }
        double[] logp = new double[size];
        java.util.Arrays.fill(logp, Double.NEGATIVE_INFINITY);
        logp[top] = 0;
        for (int n = top - 1; n >= 0; n--) {
            // p_n u_n = p_{n+1}(d_{n+1} + s_{n+1}) + p_{n+2} s_{n+2}
            double out1 = down[n + 1] + (down2 == null || n + 1 < 2 ? 0 : down2[n + 1]);
            double a = out1 > 0 ? logp[n + 1] + Math.log(out1) : Double.NEGATIVE_INFINITY;
            double b = Double.NEGATIVE_INFINITY;
            if (down2 != null && n + 2 <= top && down2[n + 2] > 0) {
                b = logp[n + 2] + Math.log(down2[n + 2]);
            }
            logp[n] = logSumExp(a, b) - Math.log(up[n]);
        }
        double max = Double.NEGATIVE_INFINITY;
        for (int n = 0; n <= top; n++) {
            max = Math.max(max, logp[n]);
        }
        double[] p = new double[size];
        double sum = 0;
        for (int n = 0; n <= top; n++) {
            p[n] = Math.exp(logp[n] - max);
            sum += p[n];
        }
        for (int n = 0; n <= top; n++) {
            p[n] /= sum;
        }
        return p;
    }

    /**
     * Stationary populations, refused if the top population exceeds a tolerance.
     *
     * @param up birth rates, as in {@link #steadyState(double[], double[], double[])}
     * @param down one-step death rates
     * @param down2 two-step death rates, or {@code null}
     * @param tolerance largest accepted \( p_N \), in
     *     \( (0, \) {@value FockTruncation#MAX_TOLERANCE}\( ] \)
     * @return normalised populations {@code p[0..N]}, a new array
     * @throws TruncationException if \( p_N \) exceeds {@code tolerance} while the birth rate
     *     out of N would be positive (its entry {@code up[N]}, otherwise ignored, says whether
     *     the chain continues above the cutoff; 0 means it ends there and nothing is truncated)
     */
    public static double[] steadyState(double[] up, double[] down, double[] down2,
                                       double tolerance) {
        FockTruncation.checkTolerance(tolerance);
        double[] p = steadyState(up, down, down2);
        int n = p.length - 1;
        if (up[n] > 0) {
            FockTruncation.check(FockTruncation.Policy.REFUSE, "BirthDeathChains.steadyState",
                n, p[n], tolerance, () -> -1, "extend the rates to a larger cutoff");
        }
        return p;
    }

    private static double logSumExp(double a, double b) {
        if (a == Double.NEGATIVE_INFINITY) {
            return b;
        }
        if (b == Double.NEGATIVE_INFINITY) {
            return a;
        }
        double m = Math.max(a, b);
        return m + Math.log1p(Math.exp(-Math.abs(a - b)));
    }
}
