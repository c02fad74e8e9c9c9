package org.ness4j.examples;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import org.ness4j.core.chain.BoseHubbardChain;
import org.ness4j.core.exec.PlanExecutor;
import org.ness4j.core.exec.PlanSource;
import org.ness4j.core.stat.Estimate;
import org.ness4j.core.table.Table;
import org.ness4j.examples.support.ErrorBudgetOption;
import org.ness4j.examples.support.Cli;
import org.ness4j.examples.support.Cost;
import org.ness4j.examples.support.Execution;
import org.ness4j.examples.support.HeatMapPlot;
import org.ness4j.examples.support.Plots;
import org.ness4j.observables.PhaseOtoc;
import org.ness4j.observables.SiteMoments;
import org.ness4j.sde.SdeAlgorithm;
import org.ness4j.sde.chain.ChainProblem;
import org.ness4j.sde.ensemble.Ensemble;
import org.ness4j.sde.ensemble.EnsembleObserver;
import org.ness4j.sde.ensemble.EnsemblePlan;
import org.ness4j.sde.ensemble.EnsembleResult;
import org.ness4j.sde.ensemble.Observations;
import org.ness4j.sde.ensemble.SampleSchedule;
import org.ness4j.sde.ensemble.Scan;

/**
 * The NESS phase diagram of paper 000 over (F, L): Fig. 2(a-c) (n_L, delta n_L and the OTOC
 * saturation \( D_{1,L}(\tau\to\infty) \)) and Fig. 11 (OTOC saturation at l = 1 and L/2), as
 * heat maps from one {@link Scan}; with {@code --uniform true} the uniformly driven, uniformly
 * dissipative chain of Fig. 12 (Eq. 38-39).
 *
 * <p>Each grid point runs one ensemble of two-replica trajectories: after the transient, replica
 * b gets the phase kick at site 1; photon statistics are averaged over the window on replica a,
 * the OTOC saturation over the last 25 time units of the window. Paper: 10<sup>3</sup>
 * trajectories, windows 2x10<sup>3</sup> (n) and 25 (OTOC); defaults here are reduced (32
 * trajectories, window 200) so the 160-point grid takes a few minutes.
 *
 * <p>The whole grid is one tidy table, {@code fig2_map} ({@link Scan#table}; in every
 * {@code --format}): columns {@code F}, {@code L} (integer), {@code n_L}, {@code n_L_err},
 * {@code delta_n_L}, {@code delta_n_L_err}, {@code D_1_1}, {@code D_1_1_err}, {@code D_1_mid},
 * {@code D_1_mid_err} (OTOC saturation at l = L/2), {@code D_1_L}, {@code D_1_L_err}, one row
 * per point, L-major; point i used the seed {@code --seed} + i.
 *
 * <p>With {@code --error-budget} ({@link ErrorBudgetOption}) each point's ensemble re-runs a
 * subset of its trajectories (both replicas) at dt and dt/2, and {@code fig2_map.csv} gets the
 * step errors of all five estimates ({@code n_L_step}, {@code n_L_step_err}, ...,
 * {@code D_1_L_step}, {@code D_1_L_step_err}) after its other columns; the task of each
 * {@link Scan} point sets the budget on the ensemble it builds, so the scan itself needs no
 * option. The points whose step errors exceed their statistical errors are listed after the
 * scan.
 */
public final class Fig2Map {

    private Fig2Map() {
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
        return new Cli("Fig2Map",
                "Paper 000 Fig. 2(a-c), 11 (and 12 with --uniform true): the NESS phase diagram "
                    + "over (F, L) as heat maps from one scan.",
                Fig2Map::run)
            .reals("F", "0:15:1", "drive amplitudes (units of gamma)")
            .reals("L", "2:20:2", "chain lengths (sites)")
            .flag("uniform", "false", "uniform drive and loss on every site (Fig. 12)")
            .integer("trajectories", "32", "trajectories per point (each as 2 replicas) (count)")
            .integer("group-size", "4", "trajectories per statistical group")
            .real("dt", "0.01", "time step (units of 1/gamma)")
            .real("transient", "200", "time before the kick and the window (units of 1/gamma)")
            .real("window", "200", "averaging window (the OTOC uses its last 25) "
                + "(units of 1/gamma)")
            .real("epsilon", "1e-3", "phase kick (radians)")
            .text("algorithm", "splitstep", "integrator: " + Integrators.NAMES)
            // Paper 000, Fig. 2: 1e3 trajectories, window 2e3 for n_L and delta n_L (the OTOC
            // saturation uses the last 25 of it, as the paper's window of 25); the (F, L) grid of
            // the maps, the transient and the kick are not stated in the text: quick's values
            .preset("paper", Map.of("trajectories", "1000", "window", "2000"))
            .seed(2L)
            .threads()
            .output("out/fig2map")
            .errorBudget()
            .cost(Fig2Map::cost);
    }

    /** The cost estimate printed before any work (the site-steps of all runs). */
    private static Cost cost(Cli o) {
        double dt = o.real("dt");
        long steps = Math.round(o.real("transient") / dt) + Math.round(o.real("window") / dt);
        double siteSteps = 0;
        long largest = 0;
        for (double l : o.reals("L")) {
            siteSteps += o.reals("F").length * 2 * l * o.integer("trajectories") * steps;
            largest = Math.max(largest, 2 * (long) l);
        }
        return Cost.chain(siteSteps, largest, o.integer("trajectories") * o.threadCount(),
            o.threadCount());
    }

    private static void run(Cli o) {
        double[] drives = o.reals("F");
        double[] lengths = o.reals("L");
        boolean uniform = o.bool("uniform");
        double dt = o.real("dt");
        long kick = Math.round(o.real("transient") / dt);
        long windowSteps = Math.round(o.real("window") / dt);
        int every = 50;
        int delays = (int) (windowSteps / every) + 1;
        int lateFrom = Math.max(0, delays - (int) Math.round(25 / (every * dt)) - 1);
        SdeAlgorithm algorithm = Integrators.byName(o.string("algorithm"));
        long trajectories = o.integer("trajectories");
        int groupSize = (int) o.integer("group-size");
        long seed = o.integer("seed");
        Path out = Path.of(o.string("out"));
        List<double[]> grid = new ArrayList<>();
        for (double l : lengths) {
            for (double f : drives) {
                grid.add(new double[] {f, l});
            }
        }
        boolean budget = ErrorBudgetOption.budget(o) != null;
        PlanExecutor spark = Execution.spark(o);
        String algorithmName = o.string("algorithm");
        double epsilon = o.real("epsilon");
        List<Point> points;
        if (spark != null) {
            // one Spark job with a task per (point, range of trajectories)
            List<PlanSource<EnsemblePlan.Part<Observations>>> sources = new ArrayList<>();
            for (int i = 0; i < grid.size(); i++) {
                double[] p = grid.get(i);
                long pointSeed = seed + i;
                sources.add(() -> EnsemblePlan.of(ensemble(p, uniform, algorithmName,
                        trajectories, groupSize, dt, kick, windowSteps, pointSeed, epsilon)
                    .build(), observer((int) p[1], kick, every, delays, dt)));
            }
            List<EnsembleResult<Observations>> runs = EnsemblePlan.executeAll(spark, sources,
                Execution.inSteps(o.progressBar("points"),
                    kick + windowSteps));
            points = new ArrayList<>();
            for (int i = 0; i < grid.size(); i++) {
                points.add(point(grid.get(i), runs.get(i), lateFrom));
            }
        } else {
            points = Scan.run(grid, (p, i, progress) -> point(p, ErrorBudgetOption.apply(o,
                        ensemble(p, uniform, algorithmName, trajectories, groupSize, dt, kick,
                            windowSteps, seed + i, epsilon).threads(1)
                    .progress(progress, Duration.ofSeconds(1))).build()
                    .run(observer((int) p[1], kick, every, delays, dt)), lateFrom),
                (int) o.integer("threads"), p -> System.out.printf(Locale.ROOT,
                "\r  %d/%d points, %3.0f%%", p.completedTrajectories(), p.totalTrajectories(),
                100 * p.fraction()), Duration.ofSeconds(2));
        }
        System.out.println();
        List<double[]> results = new ArrayList<>();
        for (Point p : points) {
            results.add(p.row());
            ErrorBudgetOption.report(String.format(Locale.ROOT, "F = %.2f, L = %d", p.row()[0],
                (int) p.row()[1]), p.estimates());
        }
        String tag = uniform ? "uniform_" : "";
        // one tidy table for the whole grid: keys F, L, then each point's one-row table
        List<String> header = ErrorBudgetOption.header(List.of("n_L", "n_L_err", "delta_n_L",
            "delta_n_L_err", "D_1_1", "D_1_1_err", "D_1_mid", "D_1_mid_err", "D_1_L",
            "D_1_L_err"), budget, "n_L", "delta_n_L", "D_1_1", "D_1_mid", "D_1_L");
        List<Table> pointTables = new ArrayList<>();
        for (double[] row : results) {
            Table.Builder t = Table.builder("point");
            for (int c = 0; c < header.size(); c++) {
                t.doubles(header.get(c), row[c + 2]);
            }
            pointTables.add(t.build());
        }
        Table map = Scan.table(tag + "fig2_map", grid, g -> {
            Map<String, Object> keys = new LinkedHashMap<>();
            keys.put("F", g[0]);
            keys.put("L", (long) g[1]);
            return keys;
        }, pointTables);
        o.write(tag + "fig2_map", map.withProvenance(map.provenance().toBuilder()
            .parameter("point_seeds", "--seed + i for row i (L-major, F fastest)").build()));
        plot(drives, lengths, results, uniform, tag, out);
        System.out.println("wrote " + out);
    }

    /**
     * The ensemble of one grid point {@code p = (F, L)} (without threads, progress or error
     * budget): built in the same way locally and, from numbers and names only, inside Spark
     * tasks.
     */
    static Ensemble.Builder ensemble(double[] p, boolean uniform, String algorithm,
                                     long trajectories, int groupSize, double dt, long kick,
                                     long windowSteps, long seed, double epsilon) {
        int length = (int) p[1];
        BoseHubbardChain.Builder b = BoseHubbardChain.builder(length);
        if (uniform) {
            b.uniformDrive(p[0]).uniformLoss(BoseHubbardChain.DEFAULT_LOSS);
        } else {
            b.boundaryDrive(p[0]);
        }
        return Ensemble.builder(ChainProblem.truncatedWigner(b.build()))
            .algorithm(Integrators.byName(algorithm)).trajectories(trajectories)
            .groupSize(groupSize).dt(dt).steps(kick + windowSteps).seed(seed)
            .replicas(2, kick, PhaseOtoc.kick(0, epsilon));
    }

    /** The OTOC sites of a chain: 0, L/2 - 1 (if distinct), L - 1. */
    private static int[] otocSites(int length) {
        int mid = Math.max(0, length / 2 - 1);
        int last = length - 1;
        return mid == 0 || mid == last ? new int[] {0, last} : new int[] {0, mid, last};
    }

    /** What one point measures: moments of the last site and the OTOC. */
    static EnsembleObserver<Observations> observer(int length, long kick, int every,
                                                   int delays, double dt) {
        return Observations.observer(
            SiteMoments.observer(new SampleSchedule(kick, 10), length - 1),
            PhaseOtoc.observer(kick, every, delays, dt, otocSites(length)));
    }

    /** One point's row from its run. */
    private static Point point(double[] p, EnsembleResult<Observations> run, int lateFrom) {
        int length = (int) p[1];
        int mid = Math.max(0, length / 2 - 1);
        int last = length - 1;
        // n_L, delta n_L, D_{1,1}, D_{1,L/2}, D_{1,L}; with step errors under --error-budget
        Estimate[] e = run.estimates(r -> {
            SiteMoments m = r.get(0, SiteMoments.class);
            PhaseOtoc d = r.get(1, PhaseOtoc.class);
            return new Estimate[] {m.photonNumber(last), m.numberFluctuation(last),
                d.saturation(0, lateFrom), d.saturation(mid, lateFrom),
                d.saturation(last, lateFrom)};
        });
        return new Point(ErrorBudgetOption.row(new double[] {p[0], length, e[0].value(),
            e[0].standardError(), e[1].value(), e[1].standardError(), e[2].value(),
            e[2].standardError(), e[3].value(), e[3].standardError(), e[4].value(),
            e[4].standardError()}, e), e);
    }

    /** One grid point's CSV row and its estimates (for the step-error report). */
    private record Point(double[] row, Estimate[] estimates) {
    }

    /**
     * Draws Fig. 2(a-c) and 11(a, b) as maps over (F, L) (also used by {@link Replot}).
     *
     * @param drives F values, ascending
     * @param lengths L values, ascending
     * @param rows CSV rows (F, L, n_L, err, δn_L, err, D_{1,1}, err, D_{1,mid}, err, D_{1,L},
     *     err), L-major
     * @param uniform whether the drive was uniform (title)
     * @param tag file-name prefix
     * @param out output directory
     */
    static void plot(double[] drives, double[] lengths, List<double[]> rows, boolean uniform,
                     String tag, Path out) {
        String[] names = {"n_L", "δn_L", "D_{1,1}(τ→∞)", "D_{1,L/2}(τ→∞)", "D_{1,L}(τ→∞)"};
        String[] titles = {"Fig. 2(a): photon number n_L", "Fig. 2(b): fluctuation δn_L",
            "Fig. 11(a): OTOC saturation D_{1,1}", "Fig. 11(b): OTOC saturation D_{1,L/2}",
            "Fig. 2(c): OTOC saturation D_{1,L}"};
        int[] column = {2, 4, 6, 8, 10};
        String[] files = {"fig2a_nL", "fig2b_dnL", "fig11a_D11", "fig11b_D1mid", "fig2c_D1L"};
        for (int k = 0; k < names.length; k++) {
            double[][] z = new double[drives.length][lengths.length];
            for (int li = 0; li < lengths.length; li++) {
                for (int fi = 0; fi < drives.length; fi++) {
                    z[fi][li] = rows.get(li * drives.length + fi)[column[k]];
                }
            }
            HeatMapPlot map = Plots.heatMap((uniform ? "uniform drive, " : "") + titles[k], "F",
                "L", drives, lengths, z).colourBar(names[k]);
            if (k == 1) {
                map.palette(HeatMapPlot.Palette.DIVERGING);
            }
            Plots.save(map, out.resolve(tag + files[k] + ".png"));
        }
    }
}
