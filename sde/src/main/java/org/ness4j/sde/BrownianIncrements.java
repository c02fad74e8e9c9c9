package org.ness4j.sde;

/**
 * Exact rules for the Brownian quantities of consecutive intervals, shared by the adaptive
 * solver's Brownian path ({@code adaptive.BrownianPath}), the Rößler schemes and the error
 * budget of an ensemble ({@code ensemble.Ensemble.Builder.errorBudget}), which runs a step of
 * {@code 2h} on the same path as two steps of {@code h}.
 *
 * <p>Over an interval \( [t, t+h] \): \( \Delta W = W(t+h) - W(t) \) and
 * \( \Delta Z = \int_t^{t+h}(W(s) - W(t))\,ds \). For consecutive intervals of lengths
 * \( h_1, h_2 \): \( \Delta W = \Delta W_1 + \Delta W_2 \) and
 * \( \Delta Z = \Delta Z_1 + \Delta Z_2 + h_2\,\Delta W_1 \) (since
 * \( \int_{t+h_1}^{t+h}(W(s) - W(t))ds = \Delta Z_2 + h_2 \Delta W_1 \)).
 *
 * <p>Steppers with {@link SdeStepper#incrementsPerChannel()} {@code = 2} of the Rößler kind
 * take \( \Delta Z \) as the \( N(0, h) \) variate
 * \( \xi = \sqrt 3\,(2\Delta Z / h - \Delta W) \), independent of \( \Delta W \), so that
 * \( \Delta Z = \tfrac h2(\Delta W + \xi/\sqrt 3) \).
 *
 * <p>Thread safety: stateless.
 */
public final class BrownianIncrements {

    private static final double SQRT3 = Math.sqrt(3);

    private BrownianIncrements() {
    }

    /**
     * \( \Delta Z \) over two consecutive intervals.
     *
     * @param dW1 \( \Delta W \) of the first interval
     * @param dZ1 \( \Delta Z \) of the first interval
     * @param dZ2 \( \Delta Z \) of the second interval
     * @param h2 length of the second interval
     * @return \( \Delta Z_1 + \Delta Z_2 + h_2 \Delta W_1 \)
     */
    public static double combinedIntegral(double dW1, double dZ1, double dZ2, double h2) {
        return dZ1 + (dZ2 + h2 * dW1);
    }

    /**
     * The variate \( \xi \) a stepper takes for \( \Delta Z \).
     *
     * @param h interval length, positive
     * @param dW \( \Delta W \)
     * @param dZ \( \Delta Z \)
     * @return \( \sqrt 3\,(2\Delta Z / h - \Delta W) \)
     */
    public static double xi(double h, double dW, double dZ) {
        return SQRT3 * (2 * dZ / h - dW);
    }

    /**
     * \( \Delta Z \) from the variates a stepper takes.
     *
     * @param h interval length
     * @param dW \( \Delta W \)
     * @param xi the variate of {@link #xi}
     * @return \( \tfrac h2(\Delta W + \xi/\sqrt 3) \)
     */
    public static double integral(double h, double dW, double xi) {
        return 0.5 * h * (dW + xi / SQRT3);
    }

    /**
     * Sums the Wiener increments of two consecutive steps elementwise: the variates of the
     * combined step for steppers that take only \( \Delta W \).
     *
     * @param first variates of the first step (not modified)
     * @param second variates of the second step (not modified)
     * @param coarse destination, {@code first[i] + second[i]} (modified; may be either input)
     * @throws IllegalArgumentException if the lengths differ
     */
    public static void sum(double[] first, double[] second, double[] coarse) {
        requireSameLength(first, second, coarse);
        for (int i = 0; i < coarse.length; i++) {
            coarse[i] = first[i] + second[i];
        }
    }

    /**
     * The variates \( (\Delta W, \xi) \) of a step of length {@code 2h} from those of its two
     * halves of length {@code h}, in the layout of a stepper with
     * {@code incrementsPerChannel() == 2}: block 0 (the first half of each array) holds
     * \( \Delta W \), block 1 holds \( \xi \).
     *
     * @param h length of each of the two steps, positive
     * @param first variates over \( [t, t+h] \) (not modified)
     * @param second variates over \( [t+h, t+2h] \) (not modified)
     * @param coarse destination, variates over \( [t, t+2h] \) (modified; distinct from the
     *     inputs)
     * @throws IllegalArgumentException if the lengths differ or are odd
     */
    public static void coarsenWithIntegral(double h, double[] first, double[] second,
                                           double[] coarse) {
        requireSameLength(first, second, coarse);
        if (coarse.length % 2 != 0) {
            throw new IllegalArgumentException("two blocks of variates need an even length: "
                + coarse.length);
        }
        int n = coarse.length / 2;
        for (int i = 0; i < n; i++) {
            double w1 = first[i];
            double w2 = second[i];
            double z = combinedIntegral(w1, integral(h, w1, first[n + i]),
                integral(h, w2, second[n + i]), h);
            coarse[i] = w1 + w2;
            coarse[n + i] = xi(2 * h, w1 + w2, z);
        }
    }

    private static void requireSameLength(double[] first, double[] second, double[] coarse) {
        if (first.length != coarse.length || second.length != coarse.length) {
            throw new IllegalArgumentException("variate arrays must have equal lengths: "
                + first.length + ", " + second.length + ", " + coarse.length);
        }
    }
}
