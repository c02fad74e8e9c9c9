package org.ness4j.hydro.toy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stationary domain-wall density \(n_{DW}\) of the toy model (paper 004, Fig. 5) with a
 * standard error.
 *
 * <p>Each replica starts from \(m = 0\) (the unstable point, so domains nucleate everywhere),
 * runs for the burn-in time, then the walls are counted every {@code interval} for
 * {@code samples} samples. The density of one replica is its time-averaged wall count divided
 * by \(L\). The estimate is the mean over replicas, its standard error the standard deviation
 * of the replica means over \(\sqrt{R}\) (independent runs). With a single replica the samples
 * are cut into 10 consecutive blocks and the block means are used instead (valid when blocks
 * are longer than the correlation time; check {@link Result#meanSeries()}).
 *
 * <p>Without the conserved noise the stationary density is known exactly for the same counter
 * ({@link TransferIntegral#wallDensity}); the tests compare the two over \(\varepsilon\).
 *
 * <p>Replica \(r\) uses random stream \(r\) of the master seed; replicas run on
 * {@code threads} threads and are combined in index order, so results are bit-identical for
 * any thread count.
 *
 * <p>Thread safety: stateless.
 */
public final class DomainWallStatistics {

    private static final Logger LOG = LoggerFactory.getLogger(DomainWallStatistics.class);
    private static final int BLOCKS = 10;

    private DomainWallStatistics() {
    }

    /**
     * Run settings.
     *
     * @param replicas number of independent replicas, at least 1
     * @param burnIn time before the first sample, non-negative (units of the model)
     * @param interval time between samples, at least one step
     * @param samples samples per replica, at least 1 (at least 10 when replicas = 1)
     * @param masterSeed master seed
     * @param threads worker threads, at least 1
     */
    public record Settings(int replicas, double burnIn, double interval, int samples,
                           long masterSeed, int threads) {
        /**
         * Validates the settings.
         *
         * @param replicas number of independent replicas, at least 1
         * @param burnIn time before the first sample, non-negative
         * @param interval time between samples, at least one step
         * @param samples samples per replica, at least 1 (at least 10 when replicas = 1)
         * @param masterSeed master seed
         * @param threads worker threads, at least 1
         * @throws IllegalArgumentException naming the bad parameter
         */
        public Settings {
            if (replicas < 1) {
                throw new IllegalArgumentException("replicas must be at least 1: " + replicas);
            }
            if (!(burnIn >= 0) || !Double.isFinite(burnIn)) {
                throw new IllegalArgumentException("burnIn must be non-negative and finite: " + burnIn);
            }
            if (!(interval > 0) || !Double.isFinite(interval)) {
                throw new IllegalArgumentException("interval must be positive and finite: " + interval);
            }
            if (samples < 1 || (replicas == 1 && samples < BLOCKS)) {
                throw new IllegalArgumentException("samples must be at least 1 (10 for a single"
                    + " replica): " + samples);
            }
            if (threads < 1) {
                throw new IllegalArgumentException("threads must be at least 1: " + threads);
            }
        }
    }

    /**
     * Result of a measurement.
     *
     * @param density mean wall density \(n_{DW}\) (walls per unit length)
     * @param standardError one-sigma standard error of {@code density}
     * @param replicaDensities time-averaged density of every replica
     * @param sampleTimes times of the samples
     * @param meanSeries replica-averaged density at every sample time (for equilibration checks)
     */
    public record Result(double density, double standardError, double[] replicaDensities,
                         double[] sampleTimes, double[] meanSeries) {

        /**
         * The density with its error and the contents of the arrays (the record's default
         * would print {@code [D@...}).
         *
         * @return the result's components by name
         */
        @Override
        public String toString() {
            return "Result[density=" + density + ", standardError=" + standardError
                + ", replicaDensities=" + Arrays.toString(replicaDensities) + ", sampleTimes="
                + Arrays.toString(sampleTimes) + ", meanSeries=" + Arrays.toString(meanSeries)
                + "]";
        }
    }

    /**
     * Measures the stationary wall density.
     *
     * @param model the model (bistable, \(\varepsilon > 0\))
     * @param counter the wall counter
     * @param settings run settings
     * @return the density with its standard error
     * @throws IllegalArgumentException if the interval is shorter than one step
     */
    public static Result measure(ToyModel model, DomainWallCounter counter, Settings settings) {
        Objects.requireNonNull(counter, "counter");
        return measure(model, List.of(counter), settings).get(0);
    }

    /**
     * Measures the stationary wall density with several counters applied to the same
     * snapshots (one simulation; the results of different counters are correlated).
     *
     * @param model the model (bistable, \(\varepsilon > 0\))
     * @param counters the wall counters, non-empty
     * @param settings run settings
     * @return one result per counter, in order; each equals what
     *     {@link #measure(ToyModel, DomainWallCounter, Settings)} gives for that counter
     * @throws IllegalArgumentException if the interval is shorter than one step or there is no
     *     counter
     */
    public static List<Result> measure(ToyModel model, List<DomainWallCounter> counters,
                                       Settings settings) {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(counters, "counters");
        Objects.requireNonNull(settings, "settings");
        if (counters.isEmpty()) {
            throw new IllegalArgumentException("counters must not be empty");
        }
        for (DomainWallCounter c : counters) {
            Objects.requireNonNull(c, "counter");
        }
        long burnSteps = Math.round(settings.burnIn() / model.dt());
        long intervalSteps = Math.round(settings.interval() / model.dt());
        if (intervalSteps < 1) {
            throw new IllegalArgumentException("interval must be at least one step dt = "
                + model.dt() + ": " + settings.interval());
        }
        int r = settings.replicas();
        int s = settings.samples();
        double[][][] counts = new double[r][][];
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(settings.threads(), r));
        try {
            List<Future<double[][]>> futures = new ArrayList<>();
            for (int k = 0; k < r; k++) {
                final int index = k;
                futures.add(pool.submit(() -> runReplica(model, counters, settings.masterSeed(),
                    index, burnSteps, intervalSteps, s)));
            }
            for (int k = 0; k < r; k++) {
                counts[k] = futures.get(k).get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("replica failed", e.getCause());
        } finally {
            pool.shutdownNow();
        }
        List<Result> results = new ArrayList<>(counters.size());
        for (int c = 0; c < counters.size(); c++) {
            double[][] perCounter = new double[r][];
            for (int k = 0; k < r; k++) {
                perCounter[k] = counts[k][c];
            }
            results.add(combine(model, perCounter, burnSteps, intervalSteps, s));
        }
        return results;
    }

    private static Result combine(ToyModel model, double[][] counts, long burnSteps,
                                  long intervalSteps, int s) {
        int r = counts.length;
        double length = model.length();
        double[] replicaDensities = new double[r];
        double[] meanSeries = new double[s];
        double[] times = new double[s];
        for (int j = 0; j < s; j++) {
            times[j] = (burnSteps + (j + 1) * intervalSteps) * model.dt();
        }
        for (int k = 0; k < r; k++) {
            double sum = 0;
            for (int j = 0; j < s; j++) {
                sum += counts[k][j];
                meanSeries[j] += counts[k][j] / length / r;
            }
            replicaDensities[k] = sum / s / length;
        }
        double[] groups;
        if (r >= 2) {
            groups = replicaDensities;
        } else {
            groups = new double[BLOCKS];
            int per = s / BLOCKS;
            for (int bl = 0; bl < BLOCKS; bl++) {
                double sum = 0;
                for (int j = bl * per; j < (bl + 1) * per; j++) {
                    sum += counts[0][j];
                }
                groups[bl] = sum / per / length;
            }
        }
        // the mean over every sample; the groups (replicas, or blocks of one replica's series,
        // which drop the last s mod BLOCKS samples) only give the standard error
        double mean = 0;
        for (double d : replicaDensities) {
            mean += d;
        }
        mean /= r;
        double groupMean = 0;
        for (double g : groups) {
            groupMean += g;
        }
        groupMean /= groups.length;
        double ss = 0;
        for (double g : groups) {
            ss += (g - groupMean) * (g - groupMean);
        }
        double se = Math.sqrt(ss / (groups.length - 1) / groups.length);
        LOG.info(String.format(Locale.ROOT, "eps=%.4g: n_DW = %.5g +- %.2g (%d replicas x %d"
            + " samples)", model.eps(), mean, se, r, s));
        return new Result(mean, se, replicaDensities, times, meanSeries);
    }

    /** Throws, naming replica, step, time, cell, eps and dt, if the profile is not finite. */
    private static void requireFinite(double[] m, ToyModel model, int replica, long step) {
        for (int c = 0; c < model.cells(); c++) {
            if (!Double.isFinite(m[c])) {
                throw new IllegalStateException(String.format(Locale.ROOT,
                    "replica %d diverged: m = %s in cell %d at step %d (t = %s), eps = %s, dt = "
                        + "%s; reduce dt", replica, m[c], c, step, step * model.dt(), model.eps(),
                    model.dt()));
            }
        }
    }

    private static double[][] runReplica(ToyModel model, List<DomainWallCounter> counters,
                                         long seed, int index, long burnSteps,
                                         long intervalSteps, int samples) {
        ToyModelStepper stepper = new ToyModelStepper(model, 1, seed, index);
        double[] scratch = new double[model.cells()];
        double[][] out = new double[counters.size()][samples];
        long t0 = System.nanoTime();
        stepper.advance(burnSteps);
        requireFinite(stepper.state(), model, index, burnSteps);
        for (int j = 0; j < samples; j++) {
            stepper.advance(intervalSteps);
            requireFinite(stepper.state(), model, index, burnSteps + (j + 1) * intervalSteps);
            for (int c = 0; c < counters.size(); c++) {
                out[c][j] = counters.get(c).count(stepper.state(), 0, model.cells(), scratch);
            }
        }
        LOG.debug("replica {} done in {} s", index, (System.nanoTime() - t0) * 1e-9);
        return out;
    }
}
