package org.ness4j.sde.ensemble;

import org.ness4j.core.Checks;

/**
 * What the error budget of an ensemble re-runs ({@link Ensemble.Builder#errorBudget}): how many
 * trajectories, in how many jackknife blocks, and with which weak order the step error is
 * extrapolated.
 *
 * <p><b>Method.</b> The first {@link #subsetSize subset} trajectories of the run (a whole number
 * of statistical groups) are run again twice on one Brownian path per trajectory, with the
 * initial state of the main run (stream {@code (seed, index)}): at the run's step {@code dt},
 * each Wiener increment the sum of two increments of {@code dt/2}
 * ({@link org.ness4j.sde.SdeAlgorithm#coarsenIncrements}, which also combines a scheme's extra
 * variates), and at {@code dt/2} with those increments. Both runs report to observers of the
 * same kind at the same sampled times. With \( f_h \) an estimate at step \( h \),
 * \( f_h = f_0 + C h^p + o(h^p) \) gives the step error of the main run (Richardson):
 * \[ f_{dt} - f_0 \approx \frac{f_{dt} - f_{dt/2}}{1 - 2^{-p}} , \]
 * with \( p \) the scheme's weak order for the problem's noise kind
 * ({@link org.ness4j.sde.SdeAlgorithm#weakOrder(org.ness4j.sde.NoiseKind)}) unless set here.
 * Common noise makes the difference far less noisy than either estimate. Its standard error is
 * a delete-one-block jackknife: the subset's groups are split into {@link #blocks()} blocks of
 * whole groups, and the estimator is evaluated on the combined accumulators without each block,
 * so nonlinear estimators (ratios, fluctuations, fits) are handled like the main run's.
 *
 * <p><b>Cost.</b> {@code subset x (1 + 2) x steps} extra trajectory-steps (one run at dt, one at
 * dt/2), i.e. {@code 3 x subset / trajectories} of the main run (37.5 % with the default eighth);
 * the accumulators of the two re-runs take about {@code 2 x subset / trajectories} of the main
 * run's accumulator memory. The re-run is not checkpointed: it is repeated after a resume.
 *
 * <p>Immutable and thread-safe.
 */
public final class ErrorBudget {

    /** Smallest default subset, in trajectories. */
    public static final long MIN_TRAJECTORIES = 64;
    /** The default subset is at least this fraction of the run. */
    public static final double DEFAULT_FRACTION = 0.125;
    /** Default number of jackknife blocks. */
    public static final int DEFAULT_BLOCKS = 16;

    private final long trajectories;
    private final int blocks;
    private final double order;

    private ErrorBudget(long trajectories, int blocks, double order) {
        this.trajectories = trajectories;
        this.blocks = blocks;
        this.order = order;
    }

    /**
     * The default budget: the first {@code max(64, trajectories / 8)} trajectories (at most all
     * of them), rounded up to whole groups, in 16 blocks, with the scheme's weak order.
     *
     * @return the default budget
     */
    public static ErrorBudget automatic() {
        return new ErrorBudget(0, DEFAULT_BLOCKS, Double.NaN);
    }

    /**
     * A budget re-running the first {@code n} trajectories (rounded up to whole groups, at most
     * all of them).
     *
     * @param n trajectories to re-run, at least 2
     * @return the budget, with 16 blocks and the scheme's weak order
     */
    public static ErrorBudget trajectories(long n) {
        return new ErrorBudget(Checks.atLeast("error budget trajectories", n, 2L),
            DEFAULT_BLOCKS, Double.NaN);
    }

    /**
     * @param n jackknife blocks, at least 2 (fewer if the subset has fewer groups); more blocks
     *     give a more precise standard error at a cost of {@code n^2} accumulator combines per
     *     evaluation
     * @return a copy with that many blocks
     */
    public ErrorBudget blocks(int n) {
        return new ErrorBudget(trajectories, Checks.atLeast("error budget blocks", n, 2),
            order);
    }

    /**
     * @param p weak order used in the extrapolation, positive (default: the scheme's for the
     *     problem's noise kind)
     * @return a copy with that order
     */
    public ErrorBudget order(double p) {
        return new ErrorBudget(trajectories, blocks, Checks.positive("error budget order", p));
    }

    /** @return requested jackknife blocks */
    public int blocks() {
        return blocks;
    }

    /** @return the weak order set with {@link #order(double)}, or NaN for the scheme's */
    public double order() {
        return order;
    }

    /** @return trajectories requested with {@link #trajectories(long)}, or 0 for the default */
    public long requestedTrajectories() {
        return trajectories;
    }

    /**
     * The number of trajectories re-run in an ensemble of {@code total} trajectories.
     *
     * @param total trajectories of the run, at least 1
     * @param groupSize trajectories per group, at least 1
     * @return the subset size: a whole number of groups, or all trajectories
     */
    public long subsetSize(long total, int groupSize) {
        Checks.atLeast("total", total, 1L);
        Checks.atLeast("groupSize", groupSize, 1);
        long n = trajectories > 0 ? trajectories
            : Math.max(MIN_TRAJECTORIES, (long) Math.ceil(total * DEFAULT_FRACTION));
        n = (n + groupSize - 1) / groupSize * groupSize;
        return Math.min(n, total);
    }

    @Override
    public String toString() {
        return "ErrorBudget[" + (trajectories > 0 ? trajectories + " trajectories" : "automatic")
            + ", " + blocks + " blocks" + (Double.isNaN(order) ? "" : ", order " + order) + "]";
    }
}
