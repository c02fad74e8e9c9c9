package org.ness4j.examples;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.ness4j.core.chain.BoseHubbardChain;
import org.ness4j.core.stat.Estimate;
import org.ness4j.examples.support.Cli;
import org.ness4j.examples.support.Cost;
import org.ness4j.examples.support.Plots;
import org.ness4j.examples.support.XyPlot;
import org.ness4j.observables.SiteMoments;
import org.ness4j.sde.SdeAlgorithm;
import org.ness4j.sde.chain.ChainProblem;
import org.ness4j.sde.ensemble.Ensemble;
import org.ness4j.sde.ensemble.EnsembleResult;
import org.ness4j.sde.ensemble.ReturnCode;
import org.ness4j.sde.ensemble.SampleSchedule;

/**
 * Work-precision comparison of the integrators on the chain (issue 3): the steady-state
 * \( n_L \) and \( \delta n_L \) of a chain in the quasi-linear, chaotic and RNW regimes,
 * computed with every integrator at several step sizes, against a reference run (SplitStep at a
 * small step with more trajectories), versus cost (wall time and drift evaluations).
 *
 * <p>The errors are statistical as well as systematic: each row reports the difference to the
 * reference together with the combined standard error, so a difference within about two
 * standard errors means "no bias resolved at this statistical precision".
 */
public final class WorkPrecision {

    private WorkPrecision() {
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
        return new Cli("WorkPrecision",
                "Work-precision comparison of the integrators on the chain in the quasi-linear, "
                    + "chaotic and RNW regimes.",
                WorkPrecision::run)
            .reals("F", "3,7,12", "drive amplitudes (quasi-linear, chaotic, RNW) (units of gamma)")
            .integer("L", "10", "chain length (sites)")
            .text("algorithms", "heun,splitstep,sra3,sosra,sosri,euler", "integrators")
            .reals("dt", "0.04,0.02,0.01,0.005", "step sizes (units of 1/gamma)")
            .integer("trajectories", "256", "trajectories per run (count)")
            .real("reference-dt", "0.0025", "SplitStep step of the reference (units of 1/gamma)")
            .integer("reference-factor", "4", "reference trajectories / trajectories")
            .real("transient", "200", "time before sampling (units of 1/gamma)")
            .real("window", "400", "sampling window (units of 1/gamma)")
            .seed(5L)
            .output("out/workprecision")
            .cost(WorkPrecision::cost);
    }

    /** The cost estimate printed before any work (the site-steps of all runs). */
    private static Cost cost(Cli o) {
        double window = o.real("transient") + o.real("window");
        long length = o.integer("L");
        long trajectories = o.integer("trajectories");
        double perF = trajectories * o.integer("reference-factor") * window
            / o.real("reference-dt");
        for (double dt : o.reals("dt")) {
            perF += o.string("algorithms").split(",").length * trajectories * window / dt;
        }
        return Cost.chain(o.reals("F").length * length * perF, length,
            trajectories * o.integer("reference-factor"), 1);
    }

    private static void run(Cli o) {
        int length = (int) o.integer("L");
        long trajectories = o.integer("trajectories");
        Path out = Path.of(o.string("out"));
        List<double[]> rows = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        String[] names = o.string("algorithms").split(",");
        System.out.printf(Locale.ROOT, "%6s %10s %8s %12s %12s %12s %12s %10s%n", "F", "scheme",
            "dt", "n_L - ref", "+- se", "dn_L - ref", "+- se", "seconds");
        for (double f : o.reals("F")) {
            ChainProblem p = ChainProblem.truncatedWigner(
                BoseHubbardChain.builder(length).boundaryDrive(f).build());
            Run ref = run(p, Integrators.byName("splitstep"), o.real("reference-dt"),
                trajectories * o.integer("reference-factor"), o, length);
            System.out.printf(Locale.ROOT, "%6.1f %10s %8s %12.4f %12.4f %12.4f %12.4f %10.1f%n",
                f, "reference", o.string("reference-dt"), ref.n.value(), ref.n.standardError(),
                ref.dn.value(), ref.dn.standardError(), ref.seconds);
            for (String name : names) {
                SdeAlgorithm a = Integrators.byName(name.trim());
                for (double dt : o.reals("dt")) {
                    Run r = run(p, a, dt, trajectories, o, length);
                    if (r == null) {
                        System.out.printf(Locale.ROOT, "%6.1f %10s %8.4f   diverged%n", f,
                            a.name(), dt);
                        continue;
                    }
                    double en = r.n.value() - ref.n.value();
                    double sn = Math.hypot(r.n.standardError(), ref.n.standardError());
                    double ed = r.dn.value() - ref.dn.value();
                    double sd = Math.hypot(r.dn.standardError(), ref.dn.standardError());
                    System.out.printf(Locale.ROOT,
                        "%6.1f %10s %8.4f %12.4f %12.4f %12.4f %12.4f %10.1f%n", f, a.name(), dt,
                        en, sn, ed, sd, r.seconds);
                    rows.add(new double[] {f, labels.indexOf(a.name()) < 0 ? labels.size()
                        : labels.indexOf(a.name()), dt, en, sn, ed, sd, r.seconds,
                        r.evaluations});
                    if (!labels.contains(a.name())) {
                        labels.add(a.name());
                    }
                }
            }
        }
        double[][] c = new double[9][rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            for (int k = 0; k < 9; k++) {
                c[k][i] = rows.get(i)[k];
            }
        }
        o.write("work_precision", List.of("F", "scheme_index", "dt",
            "n_L_error", "n_L_error_se", "dn_L_error", "dn_L_error_se", "seconds",
            "drift_evaluations"), c);
        for (double f : o.reals("F")) {
            plot(length, f, labels, rows, out);
        }
        System.out.println("scheme index: " + labels + "; wrote " + out);
    }

    private static Run run(ChainProblem p, SdeAlgorithm a, double dt, long trajectories,
                           Cli o, int length) {
        long first = Math.round(o.real("transient") / dt);
        long steps = first + Math.round(o.real("window") / dt);
        long every = Math.max(1, Math.round(0.1 / dt));
        long t0 = System.nanoTime();
        EnsembleResult<SiteMoments> r = Ensemble.builder(p).algorithm(a)
            .trajectories(trajectories).groupSize(8).dt(dt).steps(steps).seed(o.integer("seed"))
            .build().run(SiteMoments.observer(new SampleSchedule(first, every), length - 1));
        if (r.returnCode() != ReturnCode.SUCCESS) {
            return null;
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        int evals = a.stepper(p, 1).driftEvaluationsPerStep();
        return new Run(r.statistics().photonNumber(length - 1),
            r.statistics().numberFluctuation(length - 1), seconds,
            (double) evals * steps * trajectories);
    }

    private record Run(Estimate n, Estimate dn, double seconds, double evaluations) {
    }

    /**
     * Draws the work-precision diagram of one F (also used by {@link Replot}).
     *
     * @param length L
     * @param f drive F
     * @param labels scheme names by scheme index
     * @param rows rows of work_precision.csv
     * @param out output directory
     */
    static void plot(int length, double f, List<String> labels, List<double[]> rows,
                     Path out) {
        XyPlot chart = Plots.xy(String.format(Locale.ROOT,
            "Work-precision, L = %d, F = %.1f", length, f), "wall time [s]",
            "|δn_L − ref| + 1 s.e.").logX().logY();
        for (int s = 0; s < labels.size(); s++) {
            List<Double> x = new ArrayList<>();
            List<Double> y = new ArrayList<>();
            for (double[] r : rows) {
                if ((int) r[1] == s && r[0] == f) {
                    x.add(r[7]);
                    y.add(Math.abs(r[5]) + r[6]);
                }
            }
            if (!x.isEmpty()) {
                chart.line(labels.get(s), x.stream().mapToDouble(Double::doubleValue).toArray(),
                    y.stream().mapToDouble(Double::doubleValue).toArray(), null).hue(s);
            }
        }
        Plots.save(chart, out.resolve(String.format(Locale.ROOT, "work_precision_F%.1f.png",
            f)));
    }
}
