package org.ness4j.examples;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.ness4j.core.chain.BoseHubbardChain;
import org.ness4j.core.exec.PlanExecutor;
import org.ness4j.core.stat.Estimate;
import org.ness4j.examples.support.ErrorBudgetOption;
import org.ness4j.examples.support.Cli;
import org.ness4j.examples.support.Execution;
import org.ness4j.examples.support.Cost;
import org.ness4j.examples.support.HeatMapPlot;
import org.ness4j.examples.support.TableOutput;
import org.ness4j.examples.support.Plots;
import org.ness4j.examples.support.XyPlot;
import org.ness4j.observables.SiteMoments;
import org.ness4j.observables.SiteSeries;
import org.ness4j.sde.SdeAlgorithm;
import org.ness4j.sde.chain.ChainProblem;
import org.ness4j.sde.ensemble.Ensemble;
import org.ness4j.sde.ensemble.EnsembleObserver;
import org.ness4j.sde.ensemble.EnsemblePlan;
import org.ness4j.sde.ensemble.EnsembleResult;
import org.ness4j.sde.ensemble.Observations;
import org.ness4j.sde.ensemble.SampleSchedule;

/**
 * The resonant-nonlinear-wave (RNW) regime of paper 000 at F = 12.5: Fig. 5 (space-time maps of
 * \( n_\ell(t) \) and \( \langle\varphi_\ell\rangle(t) \)), Fig. 7(a) (\( n_L(t) \) for several
 * L with the Gross-Pitaevskii curve), Fig. 7(b) (convergence time \( t_{ss} \) versus L) and
 * Fig. 7(c) (histograms of the per-trajectory time average of \( n_L \) over the last window),
 * and Fig. 18(a, b) (TWA against GP profiles at the end of the run).
 *
 * <p>Paper: L = 100-400, t up to 10<sup>5</sup>, 200-5000 trajectories. Defaults here:
 * L = 50, 100, 150, t = 3000, 64 trajectories (about 2 minutes); the full-size study is the
 * production-scale issue's (issue 8) work.
 */
public final class Fig7Rnw {

    private Fig7Rnw() {
    }

    /**
     * Command-line entry point; {@code --help} lists the options.
     *
     * @param args options
     */
    public static void main(String[] args) {
        command().main(args);
    }

    /**
     * The command line of this example: its options and what it runs (also the launcher's
     * subcommand).
     *
     * @return a fresh, unparsed command line
     */
    public static Cli command() {
        return new Cli("Fig7Rnw",
                "Paper 000 Fig. 5, 7(a, c), 18: the resonant-nonlinear-wave regime at F = 12.5 "
                    + "(space-time maps, n_L(t), histograms, TWA against GP).",
                Fig7Rnw::run).progress()
            .real("F", "12.5", "drive amplitude (units of gamma)")
            .reals("L", "50,100,150", "chain lengths (sites)")
            .integer("trajectories", "64", "Wigner trajectories per L (count)")
            .real("dt", "0.01", "time step (units of 1/gamma)")
            .real("time", "3000", "run time t_max (units of 1/gamma)")
            .real("every", "10", "time between samples of n_L(t) (units of 1/gamma)")
            .real("map-every", "0", "time between samples of the space-time maps (0: every) "
                + "(units of 1/gamma)")
            .integer("map-sites", "0", "sites in the space-time maps, evenly spaced (0: all)")
            .text("checkpoint", "", "directory for resumable checkpoints (empty: none)")
            .real("window", "500", "final window of the per-trajectory averages (Fig. 7c) (units "
                + "of 1/gamma)")
            .text("algorithm", "splitstep", "integrator: " + Integrators.NAMES)
            // Paper 000, Fig. 7(c): L = 200, 300, 400 to t_max = 1e5, 200 trajectories, window
            // Delta t = 1e3; SplitStep dt = 0.04 and the sampling of the series and maps as in
            // the gallery's full-size run (the paper's dt and sampling are not stated)
            .preset("paper", Map.of("L", "200,300,400", "time", "100000", "trajectories", "200",
                "window", "1000", "dt", "0.04", "every", "100", "map-sites", "50",
                "map-every", "1000"))
            .seed(7L)
            .threads()
            .output("out/fig7")
            .errorBudget()
            .cost(Fig7Rnw::cost);
    }

    /** The cost estimate printed before any work (the site-steps of all runs). */
    private static Cost cost(Cli o) {
        long steps = Math.round(o.real("time") / o.real("dt"));
        double siteSteps = 0;
        long largest = 0;
        for (double l : o.reals("L")) {
            siteSteps += l * (o.integer("trajectories") + 1) * steps;
            largest = Math.max(largest, (long) l);
        }
        return Cost.chain(siteSteps, largest, o.integer("trajectories"), o.threadCount());
    }

    private static void run(Cli o) {
        double f = o.real("F");
        double dt = o.real("dt");
        long steps = Math.round(o.real("time") / dt);
        long every = Math.round(o.real("every") / dt);
        int times = (int) (steps / every) + 1;
        long mapEvery = o.real("map-every") > 0 ? Math.round(o.real("map-every") / dt) : every;
        int mapTimes = (int) (steps / mapEvery) + 1;
        String checkpoints = o.string("checkpoint");
        if (!(o.real("window") > 0 && o.real("window") <= o.real("time"))) {
            throw new IllegalArgumentException("--window must be in (0, --time = " + o.real("time")
                + "]: " + o.real("window"));
        }
        long windowStart = steps - Math.round(o.real("window") / dt);
        SdeAlgorithm algorithm = Integrators.byName(o.string("algorithm"));
        Path out = Path.of(o.string("out"));
        List<double[]> seriesRows = new ArrayList<>();
        List<double[]> histRows = new ArrayList<>();
        List<double[]> tssRows = new ArrayList<>();
        List<double[]> perTrajectory = new ArrayList<>();
        List<Integer> lengths = new ArrayList<>();
        // the single classical (GP) trajectory of each length runs alongside its ensemble on a
        // daemon thread, so that a failed ensemble ends the program without waiting for it
        ExecutorService gpThread = Executors.newSingleThreadExecutor(r -> {
            Thread thread = new Thread(r, "gp-reference");
            thread.setDaemon(true);
            return thread;
        });
        String algorithmName = o.string("algorithm");
        // with --spark, --checkpoint keeps Spark's finished ranges (16 per length) instead
        PlanExecutor spark = Execution.spark(o, checkpoints.isEmpty() ? null
            : Path.of(checkpoints, "spark-ranges"), Math.max(1, o.integer("trajectories") / 16));
        for (double lv : o.reals("L")) {
            int length = (int) lv;
            int last = length - 1;
            int mapped = o.integer("map-sites") > 0
                ? (int) Math.min(length, o.integer("map-sites")) : length;
            int[] sites = new int[mapped];
            for (int k = 0; k < mapped; k++) {
                sites[k] = mapped == 1 ? last : (int) Math.round((double) k * last / (mapped - 1));
            }
            BoseHubbardChain chain = BoseHubbardChain.builder(length).boundaryDrive(f).build();
            SampleSchedule series = new SampleSchedule(0, every);
            int threads = (int) o.integer("threads");
            long trajectories = o.integer("trajectories");
            long seed = o.integer("seed");
            Ensemble.Builder ensemble = ensemble(length, f, algorithmName, trajectories, dt,
                    steps, seed)
                .batchSize((int) ((trajectories + threads - 1) / threads)).threads(threads)
                .progress(o.progressBar("L = " + length), Duration.ofSeconds(1));
            ErrorBudgetOption.apply(o, ensemble);
            if (!checkpoints.isEmpty()) {
                ensemble.checkpoint(Path.of(checkpoints, "fig7-L" + length + ".ckpt"),
                    Duration.ofMinutes(2));
            }
            CompletableFuture<SiteSeries> gpRun = CompletableFuture.supplyAsync(() ->
                Ensemble.builder(ChainProblem.grossPitaevskii(chain))
                    .algorithm(algorithm).trajectories(1).dt(dt).steps(steps).threads(1).build()
                    .run(SiteSeries.observer(series, times, dt, last)).requireSuccess(), gpThread);
            EnsembleResult<Observations> result = spark != null
                ? EnsemblePlan.execute(spark, () -> EnsemblePlan.of(ensemble(length, f,
                        algorithmName, trajectories, dt, steps, seed).build(),
                    observer(every, times, dt, last, mapEvery, mapTimes, sites, windowStart)),
                    Execution.inSteps(o.progressBar("L = " + length), steps))
                : ensemble.build().run(observer(every, times, dt, last, mapEvery, mapTimes,
                    sites, windowStart));
            Observations r = result.requireSuccess();
            // n_L(t), with step errors under --error-budget
            Estimate[] nL = result.estimates(a -> {
                Estimate[] e = new Estimate[times];
                for (int j = 0; j < times; j++) {
                    e[j] = a.get(0, SiteSeries.class).photonNumber(last, j);
                }
                return e;
            });
            ErrorBudgetOption.report("L = " + length + ", n_L(t)", nL);
            SiteSeries s = r.get(0, SiteSeries.class);
            SiteSeries map = r.get(1, SiteSeries.class);
            SiteMoments window = r.get(2, SiteMoments.class);
            SiteSeries gp = gpRun.join();
            double[] t = new double[times];
            double[] n = new double[times];
            double[] ng = new double[times];
            for (int j = 0; j < times; j++) {
                t[j] = s.time(j);
                n[j] = nL[j].value();
                ng[j] = gp.photonNumber(last, j).value() + 0.5;
                seriesRows.add(ErrorBudgetOption.row(new double[] {length, t[j], n[j],
                    nL[j].standardError(), ng[j]}, nL[j]));
            }
            int plateau = Math.max(1, (int) Math.round(o.real("window") / o.real("every")));
            // t_ss counts only if the RNW state is reached (within 10 % of the GP plateau)
            double tss = s.photonNumber(last, times - 1).value() >= 0.9 * ng[times - 1]
                ? s.steadyStateTime(last, plateau, 0.05) : Double.NaN;
            tssRows.add(new double[] {length, Double.isNaN(tss) ? -1 : tss});
            System.out.printf(Locale.ROOT, "  L = %d: n_L(t_max) = %s, t_ss (5%% band) = %s,"
                + " GP n_L(t_max) = %.3f%n", length, s.photonNumber(last, times - 1),
                Double.isNaN(tss) ? "RNW not reached" : String.format(Locale.ROOT, "%.0f", tss),
                ng[times - 1]);
            perTrajectory.add(window.groupPhotonNumbers(last));
            lengths.add(length);
            // Fig. 5: space-time maps (time thinned to at most 200 rows)
            int stride = Math.max(1, mapTimes / 200);
            int rows = (mapTimes + stride - 1) / stride;
            double[] tx = new double[rows];
            double[][] nmap = new double[rows][mapped];
            double[][] phimap = new double[rows][mapped];
            double[] lx = new double[mapped];
            for (int k = 0; k < mapped; k++) {
                lx[k] = sites[k] + 1;
            }
            for (int i = 0; i < rows; i++) {
                tx[i] = map.time(i * stride);
                for (int k = 0; k < mapped; k++) {
                    nmap[i][k] = map.photonNumber(sites[k], i * stride).value();
                    phimap[i][k] = map.meanPhase(sites[k], i * stride).value();
                }
            }
            Plots.save(Plots.heatMap("Fig. 5(a): n_l(t), L = " + length, "t", "site l",
                tx, lx, nmap).colourBar("n_l"), out.resolve("fig5a_density_L" + length + ".png"));
            Plots.save(Plots.heatMap("Fig. 5(b): ⟨φ_l⟩(t), L = " + length, "t", "site l",
                    tx, lx, phimap).colourBar("⟨φ_l⟩").palette(HeatMapPlot.Palette.CYCLIC)
                    .range(-Math.PI, Math.PI),
                out.resolve("fig5b_phase_L" + length + ".png"));
        }
        gpThread.shutdown();
        // Fig. 7(c): common bins for all lengths
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double[] v : perTrajectory) {
            for (double x : v) {
                lo = Math.min(lo, x);
                hi = Math.max(hi, x);
            }
        }
        double[] edges = edges(lo, hi, 20);
        for (int i = 0; i < perTrajectory.size(); i++) {
            double[] counts = new double[20];
            for (double v : perTrajectory.get(i)) {
                counts[bin(v, edges)]++;
            }
            for (int k = 0; k < 20; k++) {
                histRows.add(new double[] {lengths.get(i), edges[k], edges[k + 1], counts[k]});
            }
        }
        plotSeries(f, seriesRows, out);
        plotHistograms(histRows, out);
        boolean budget = ErrorBudgetOption.budget(o) != null;
        o.write("fig7a_series", ErrorBudgetOption.header(List.of("L", "t",
            "n_L", "n_L_err", "n_L_gp"), budget, "n_L"), TableOutput.columns(seriesRows,
            budget ? 7 : 5));
        o.write("fig7b_tss", List.of("L", "t_ss_or_minus1"),
            TableOutput.columns(tssRows, 2));
        o.write("fig7c_histograms", List.of("L", "bin_low", "bin_high",
            "count"), TableOutput.columns(histRows, 4));
        System.out.println("wrote " + out);
    }

    /**
     * The ensemble of one length (group size 1; without threads, batches, progress, checkpoint
     * or error budget): built in the same way locally and, from numbers and names only, inside
     * Spark tasks.
     */
    static Ensemble.Builder ensemble(int length, double f, String algorithm, long trajectories,
                                     double dt, long steps, long seed) {
        return Ensemble.builder(ChainProblem.truncatedWigner(
                BoseHubbardChain.builder(length).boundaryDrive(f).build()))
            .algorithm(Integrators.byName(algorithm)).trajectories(trajectories).groupSize(1)
            .dt(dt).steps(steps).seed(seed);
    }

    /** What one length measures: n_L(t), the space-time maps, the window's moments. */
    static EnsembleObserver<Observations> observer(long every, int times, double dt, int last,
                                                   long mapEvery, int mapTimes, int[] sites,
                                                   long windowStart) {
        return Observations.observer(
            SiteSeries.observer(new SampleSchedule(0, every), times, dt, last),
            SiteSeries.observer(new SampleSchedule(0, mapEvery), mapTimes, dt, sites),
            SiteMoments.observer(new SampleSchedule(windowStart, 10), last));
    }

    private static double[] edges(double lo, double hi, int bins) {
        if (hi <= lo) {
            hi = lo + 1;
        }
        double[] edges = new double[bins + 1];
        for (int k = 0; k <= bins; k++) {
            edges[k] = lo + (hi - lo) * k / bins;
        }
        return edges;
    }

    private static int bin(double x, double[] edges) {
        int bins = edges.length - 1;
        int k = (int) ((x - edges[0]) / (edges[bins] - edges[0]) * bins);
        return Math.min(bins - 1, Math.max(0, k));
    }

    /**
     * Draws Fig. 7(a): n_L(t), TWA solid and Gross-Pitaevskii dashed in the same hue per L
     * (also used by {@link Replot}).
     *
     * @param f drive F
     * @param rows L, t, n_L, n_L_err, n_L(GP) (fig7a_series.csv)
     * @param out output directory
     */
    static void plotSeries(double f, List<double[]> rows, Path out) {
        XyPlot c = Plots.xy(String.format(Locale.ROOT, "Fig. 7(a): n_L(t), F = %.1f", f), "t",
            "n_L");
        int k = 0;
        for (List<double[]> g : groups(rows)) {
            int length = (int) g.get(0)[0];
            c.line("TWA, L = " + length, Fig3Profiles.column(g, 1), Fig3Profiles.column(g, 2),
                Fig3Profiles.column(g, 3)).hue(k).markers(false);
            c.line("GP, L = " + length, Fig3Profiles.column(g, 1), Fig3Profiles.column(g, 4),
                null).hue(k).dashed().markers(false).width(0.8f);
            k++;
        }
        Plots.save(c, out.resolve("fig7a_nL.png"));
    }

    /**
     * Draws Fig. 7(c): histograms of the time-averaged n_L per trajectory, one step line per L.
     *
     * @param rows L, bin_low, bin_high, count (fig7c_histograms.csv)
     * @param out output directory
     */
    static void plotHistograms(List<double[]> rows, Path out) {
        XyPlot c = Plots.xy("Fig. 7(c): time-averaged n_L per trajectory", "n_L",
            "trajectories");
        int k = 0;
        for (List<double[]> g : groups(rows)) {
            c.histogram("L = " + (int) g.get(0)[0], Fig3Profiles.column(g, 1),
                Fig3Profiles.column(g, 2), Fig3Profiles.column(g, 3)).hue(k++);
        }
        Plots.save(c, out.resolve("fig7c_histograms.png"));
    }

    /** Consecutive rows with equal column 0. */
    private static List<List<double[]>> groups(List<double[]> rows) {
        return Fig3Profiles.byDrive(rows);
    }
}
