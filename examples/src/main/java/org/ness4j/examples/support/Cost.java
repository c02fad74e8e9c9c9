package org.ness4j.examples.support;

import java.util.Locale;

/**
 * A rough cost estimate printed before a run ({@link Cli#cost(java.util.function.Function)}):
 * work in site-steps
 * (sites x trajectories x steps, summed over all runs of the example), peak memory, and the time
 * at a declared rate per thread. The rates are orders of magnitude from docs/benchmarks.md, not
 * measurements of this machine: expect the time within a factor of about 3.
 *
 * @param siteSteps total site-steps
 * @param memoryBytes rough peak memory of the simulation state
 * @param ratePerThread site-steps per second per worker thread
 * @param parallel whether the work uses all {@code --threads} (else one thread)
 */
public record Cost(double siteSteps, double memoryBytes, double ratePerThread,
                   boolean parallel) {

    /**
     * Truncated-Wigner and Gross-Pitaevskii chain ensembles: about 1e8 site-steps per second
     * per thread (docs/benchmarks.md: SplitStep 3.9e8 site-steps/s on 2 threads at L = 200-400;
     * Heun ensembles with accumulators 3.4e7 per thread at L = 10-100).
     */
    public static final double CHAIN_RATE = 1e8;

    /**
     * Hydrodynamic SPDE cells: a declared 5e7 cell-steps per second per thread (HydroBenchmark
     * at L = 100 on the 2-core development machine: 4.8e7 with both noises, 1.5e8 noise-free).
     */
    public static final double HYDRO_RATE = 5e7;

    /** Lanes of one batch of trajectories (the kernels' tile). */
    private static final int LANES = 256;

    /** Bytes per lane and site of a chain batch: 2 quadratures x 8 B x ~8 arrays. */
    private static final double CHAIN_BYTES_PER_LANE_SITE = 128;

    /**
     * Chain ensembles.
     *
     * @param siteSteps the sum over all runs of sites x trajectories (x replicas) x steps
     * @param largestSites the largest chain (sites x replicas) of any run
     * @param trajectories trajectories of the largest run
     * @param threads threads running batches at the same time
     * @return the estimate
     */
    public static Cost chain(double siteSteps, long largestSites, long trajectories,
                             int threads) {
        double lanes = Math.min((double) trajectories, (double) LANES * threads);
        return new Cost(siteSteps, lanes * largestSites * CHAIN_BYTES_PER_LANE_SITE,
            CHAIN_RATE, true);
    }

    /**
     * Hydrodynamic SPDE runs (one thread per replica or a single thread).
     *
     * @param cellSteps the sum over all runs of cells x replicas x steps
     * @param largestCells the largest grid
     * @param parallel whether replicas run on {@code --threads}
     * @return the estimate
     */
    public static Cost hydro(double cellSteps, long largestCells, boolean parallel) {
        return new Cost(cellSteps, largestCells * 8.0 * 16, HYDRO_RATE, parallel);
    }

    /**
     * A computation without site-steps (exact solvers, fits): only what is printed.
     *
     * @return an estimate of zero site-steps, never refused
     */
    public static Cost none() {
        return new Cost(0, 0, 1, false);
    }

    /**
     * The line printed after {@code cost: }.
     *
     * @param threads worker threads
     * @return e.g. {@code 3.1e+09 site-steps, memory ~ 45 MB, ~ 16 s at 1e+08 site-steps/s
     *     per thread x 2 threads (declared rate)}
     */
    public String describe(int threads) {
        if (siteSteps == 0) {
            return "no site-steps estimate for this example (exact solver or small)";
        }
        int t = parallel ? threads : 1;
        return String.format(Locale.ROOT, "%.3g site-steps, memory ~ %s, time ~ %s at a "
            + "declared %.0e site-steps/s per thread x %d thread%s", siteSteps,
            bytes(memoryBytes), Cli.duration(siteSteps / (ratePerThread * t)), ratePerThread, t,
            t == 1 ? "" : "s");
    }

    private static String bytes(double b) {
        if (b < 1e6) {
            return String.format(Locale.ROOT, "%.0f kB", Math.max(1, b / 1e3));
        }
        if (b < 1e9) {
            return String.format(Locale.ROOT, "%.0f MB", b / 1e6);
        }
        return String.format(Locale.ROOT, "%.1f GB", b / 1e9);
    }
}
