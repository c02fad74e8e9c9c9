package org.ness4j.hydro.toy;

import java.util.Locale;

/**
 * Counts domain walls in a periodic magnetization profile.
 *
 * <p><b>Definition.</b> The profile is first smoothed with a periodic moving average over
 * {@code window} cells (1 = no smoothing), which removes grid-scale noise that would otherwise
 * cross zero many times inside one domain. A cell is then labelled by a two-state Schmitt
 * trigger: the label switches to \(+\) only where the smoothed field rises above \(+\theta\) and
 * to \(-\) only where it falls below \(-\theta\); in between it keeps its previous value. The
 * number of walls is the number of label switches around the ring (always even; 0 if the
 * smoothed field never leaves \((-\theta, \theta)\) or never changes sign beyond the
 * thresholds).
 *
 * <p><b>The model's counter.</b> {@link #forModel(ToyModel)} uses \(\theta = m_0/2\) and a window
 * of fixed physical length, {@link #DEFAULT_WINDOW_LENGTH} \(= 4\) units of \(a\) (16 cells at
 * the paper's \(dx = 0.25\)), the same at every \(\varepsilon\); {@link #forModel(ToyModel,
 * double)} takes another length. Earlier versions used a quarter of the wall width
 * \(x_0/\sqrt{\varepsilon}\) (still available as {@link #forModelQuarterWallWidth}), a window
 * that shrinks as \(\varepsilon\) grows (15 cells at \(\varepsilon = 0.1\), 7 at 0.4). The
 * counted density depends on the window, and with a window that shrinks with
 * \(\varepsilon\) so does the exponent fitted to \(n_{DW}(\varepsilon)\) (docs/hydro.md, "Exact
 * wall statistics"); a fixed length keeps one definition of a wall across \(\varepsilon\).
 *
 * <p>Thread safety: immutable; {@link #count} uses a caller-supplied scratch array.
 */
public final class DomainWallCounter {

    private final double threshold;
    private final int window;

    private DomainWallCounter(double threshold, int window) {
        this.threshold = threshold;
        this.window = window;
    }

    /**
     * Creates a counter.
     *
     * @param threshold hysteresis threshold \(\theta > 0\)
     * @param window moving-average width in cells, at least 1
     * @return the counter
     * @throws IllegalArgumentException on a non-positive or non-finite threshold or window &lt; 1
     */
    public static DomainWallCounter of(double threshold, int window) {
        if (!(threshold > 0) || !Double.isFinite(threshold)) {
            throw new IllegalArgumentException("threshold must be positive and finite: " + threshold);
        }
        if (window < 1) {
            throw new IllegalArgumentException("window must be at least 1: " + window);
        }
        return new DomainWallCounter(threshold, window);
    }

    /** Default smoothing window of {@link #forModel(ToyModel)}: 4 units of \(a\). */
    public static final double DEFAULT_WINDOW_LENGTH = 4.0;

    /**
     * The default counter for a model: \(\theta = m_0/2\) and a moving-average window of
     * {@link #DEFAULT_WINDOW_LENGTH} \(= 4\) units of length, i.e. \(\mathrm{round}(4/dx)\)
     * cells (at least 1), independent of \(\varepsilon\). (Before the window was fixed this
     * method used a quarter of the wall width; that counter is {@link #forModelQuarterWallWidth}.)
     *
     * @param model a bistable model with \(\varepsilon &gt; 0\)
     * @return the counter
     * @throws IllegalArgumentException if the model is not bistable or \(\varepsilon = 0\)
     */
    public static DomainWallCounter forModel(ToyModel model) {
        return forModel(model, DEFAULT_WINDOW_LENGTH);
    }

    /**
     * A counter with \(\theta = m_0/2\) and a window of a given physical length.
     *
     * @param model a bistable model with \(\varepsilon &gt; 0\)
     * @param windowLength window length in units of \(a\), positive and finite; the window is
     *     \(\mathrm{round}(\text{windowLength}/dx)\) cells, at least 1
     * @return the counter
     * @throws IllegalArgumentException if the model is not bistable, \(\varepsilon = 0\), or the
     *     length is not positive and finite
     */
    public static DomainWallCounter forModel(ToyModel model, double windowLength) {
        requireBistable(model);
        if (!(windowLength > 0) || !Double.isFinite(windowLength)) {
            throw new IllegalArgumentException("windowLength must be positive and finite: "
                + windowLength);
        }
        int w = (int) Math.max(1, Math.round(windowLength / model.dx()));
        return of(0.5 * model.m0(), w);
    }

    /**
     * The counter that {@link #forModel(ToyModel)} returned before the window was fixed:
     * \(\theta = m_0/2\), window = the number of cells in a quarter of the wall width
     * \(x_0/\sqrt{\varepsilon}\) (at least 1). The window shrinks as \(\varepsilon\) grows,
     * which changes the fitted exponent \(c\) (class comment).
     *
     * @param model a bistable model with \(\varepsilon &gt; 0\)
     * @return the counter
     * @throws IllegalArgumentException if the model is not bistable or \(\varepsilon = 0\)
     */
    public static DomainWallCounter forModelQuarterWallWidth(ToyModel model) {
        requireBistable(model);
        double width = model.x0() / Math.sqrt(model.eps());
        int w = (int) Math.max(1, Math.round(0.25 * width / model.dx()));
        return of(0.5 * model.m0(), w);
    }

    private static void requireBistable(ToyModel model) {
        if (!model.bistable() || !(model.eps() > 0)) {
            throw new IllegalArgumentException("model must be bistable with eps > 0: " + model);
        }
    }

    /** @return threshold \(\theta\) */
    public double threshold() {
        return threshold;
    }

    /** @return smoothing window in cells */
    public int window() {
        return window;
    }

    /**
     * Counts walls in {@code m[offset, offset + n)} (periodic).
     *
     * @param m profiles (not modified)
     * @param offset first cell
     * @param n number of cells, at least {@code window}
     * @param scratch work array of length at least n (modified)
     * @return number of walls (even)
     */
    public int count(double[] m, int offset, int n, double[] scratch) {
        if (n < window) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                "n must be at least window %d: %d", window, n));
        }
        if (offset < 0 || offset + n > m.length || scratch.length < n) {
            throw new IllegalArgumentException("cells [" + offset + ", " + (offset + n)
                + ") must lie in m (length " + m.length + ") and scratch (length "
                + scratch.length + ") must hold " + n);
        }
        // periodic centred moving average
        int half = window / 2;
        double sum = 0;
        for (int k = -half; k < window - half; k++) {
            sum += m[offset + Math.floorMod(k, n)];
        }
        double inv = 1.0 / window;
        for (int i = 0; i < n; i++) {
            scratch[i] = sum * inv;
            int out = Math.floorMod(i - half, n);
            int in = Math.floorMod(i - half + window, n);
            sum += m[offset + in] - m[offset + out];
        }
        if (!Double.isFinite(sum)) {
            throw new IllegalArgumentException("the profile holds a non-finite value (a run "
                + "that blew up): walls cannot be counted");
        }
        int start = -1;
        for (int i = 0; i < n; i++) {
            if (Math.abs(scratch[i]) >= threshold) {
                start = i;
                break;
            }
        }
        if (start < 0) {
            return 0;
        }
        boolean up = scratch[start] > 0;
        int walls = 0;
        for (int k = 1; k <= n; k++) {
            double v = scratch[(start + k) % n];
            if (up && v <= -threshold) {
                up = false;
                walls++;
            } else if (!up && v >= threshold) {
                up = true;
                walls++;
            }
        }
        return walls;
    }
}
