package org.ness4j.examples;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.ness4j.core.chain.BoseHubbardChain;
import org.ness4j.core.exec.PlanExecutor;
import org.ness4j.core.stat.Estimate;
import org.ness4j.examples.support.ErrorBudgetOption;
import org.ness4j.examples.support.Cli;
import org.ness4j.examples.support.Cost;
import org.ness4j.examples.support.Execution;
import org.ness4j.examples.support.TableOutput;
import org.ness4j.examples.support.Plots;
import org.ness4j.examples.support.XyPlot;
import org.ness4j.observables.SiteMoments;
import org.ness4j.sde.SdeAlgorithm;
import org.ness4j.sde.chain.ChainProblem;
import org.ness4j.sde.ensemble.Ensemble;
import org.ness4j.sde.ensemble.EnsembleObserver;
import org.ness4j.sde.ensemble.EnsemblePlan;
import org.ness4j.sde.ensemble.EnsembleResult;
import org.ness4j.sde.ensemble.SampleSchedule;

/**
 * Reproduces the L = 10 cut of Fig. 2(d, e) of paper 000: steady-state photon number
 * \( n_L \) and fluctuation \( \delta n_L \) of the last site versus the drive F, from truncated
 * Wigner ensembles of the boundary-driven chain (\( \Delta = 2.5, J = 2, U = 0.1, \gamma = 1 \)).
 *
 * <p>The defaults are a reduced-size run (fewer trajectories and a shorter window than the
 * paper's 10<sup>3</sup> trajectories and window 2x10<sup>3</sup>) that finishes in about a
 * minute on 2 cores; {@code --trajectories 1000 --window 2000} gives the paper's statistics.
 * Writes {@code fig2_cut.csv} (with standard errors; with {@code --error-budget}, step errors
 * too: {@link ErrorBudgetOption}) and two PNG plots into {@code --out}.
 */
public final class Fig2Cut {

    private Fig2Cut() {
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
        return new Cli("Fig2Cut",
                "Paper 000 Fig. 2(d, e): n_L and delta n_L of the last site of an L = 10 chain "
                    + "versus the drive F (truncated Wigner).",
                Fig2Cut::run)
            .reals("F", "0:15:0.5", "drive amplitudes, list a,b,c or range start:stop:step (units "
                + "of gamma)")
            .integer("L", "10", "chain length (sites)")
            .integer("trajectories", "256", "Wigner trajectories per F (count)")
            .real("dt", "0.01", "time step (units of 1/gamma)")
            .real("transient", "200", "time discarded before sampling (units of 1/gamma)")
            .real("window", "400", "averaging window after the transient (units of 1/gamma)")
            .integer("sample-every", "10", "steps between samples in the window (steps)")
            .integer("group-size", "8", "trajectories per statistical group (error bars)")
            .text("algorithm", "heun", "integrator: " + Integrators.NAMES)
            // Paper 000, Fig. 2: 1e3 trajectories, window 2e3 for n_L and delta n_L; the F grid,
            // transient and time step of the cut are not stated: quick's values
            .preset("paper", Map.of("trajectories", "1000", "window", "2000"))
            .seed(20250101L)
            .progress()
            .threads()
            .output("out/fig2")
            .errorBudget()
            .cost(Fig2Cut::cost);
    }

    /** The cost estimate printed before any work (the site-steps of all runs). */
    private static Cost cost(Cli o) {
        double dt = o.real("dt");
        long steps = Math.round(o.real("transient") / dt) + Math.round(o.real("window") / dt);
        long length = o.integer("L");
        return Cost.chain((double) o.reals("F").length * length * o.integer("trajectories")
            * steps, length, o.integer("trajectories"), o.threadCount());
    }

    /**
     * The ensemble of one drive (without threads, progress or error budget): built in the same
     * way locally and, from numbers and names only, inside Spark tasks.
     */
    static Ensemble.Builder ensemble(int length, double f, String algorithm, long trajectories,
                                     double dt, long steps, int groupSize, long seed) {
        return Ensemble.builder(ChainProblem.truncatedWigner(
                BoseHubbardChain.builder(length).build().withBoundaryDrive(f)))
            .algorithm(Integrators.byName(algorithm)).trajectories(trajectories).dt(dt)
            .steps(steps).groupSize(groupSize).seed(seed);
    }

    /** What one drive measures: n and delta n of the first and last site. */
    static EnsembleObserver<SiteMoments> observer(long first, long every, int last) {
        return SiteMoments.observer(new SampleSchedule(first, every), 0, last);
    }

    private static void run(Cli o) {
        double[] drives = o.reals("F");
        int length = (int) o.integer("L");
        long trajectories = o.integer("trajectories");
        double dt = o.real("dt");
        double transientTime = o.real("transient");
        double window = o.real("window");
        long every = o.integer("sample-every");
        int groupSize = (int) o.integer("group-size");
        SdeAlgorithm algorithm = Integrators.byName(o.string("algorithm"));
        long seed = o.integer("seed");
        int threads = (int) o.integer("threads");
        Path out = Path.of(o.string("out"));
        if (!(transientTime >= 0) || !(window > 0)) {
            throw new IllegalArgumentException("transient must be >= 0 and window > 0: "
                + transientTime + ", " + window);
        }
        long first = Math.round(transientTime / dt);
        long steps = first + Math.round(window / dt);
        int last = length - 1;

        int k = drives.length;
        double[] n = new double[k];
        double[] nErr = new double[k];
        double[] dn = new double[k];
        double[] dnErr = new double[k];
        double[] n1 = new double[k];
        double[] n1Err = new double[k];
        double[] cv = new double[k];
        double[] cvErr = new double[k];
        List<double[]> stepErrors = new ArrayList<>();
        boolean budget = ErrorBudgetOption.budget(o) != null;
        long start = System.nanoTime();
        System.out.printf(Locale.ROOT, "Fig. 2(d,e) cut: L = %d, %d trajectories, dt = %s, "
            + "transient %s, window %s, %s, seed %d%n", length, trajectories, dt, transientTime,
            window, algorithm.name(), seed);
        PlanExecutor spark = Execution.spark(o);
        String algorithmName = o.string("algorithm");
        for (int i = 0; i < k; i++) {
            final int point = i;
            String label = String.format(Locale.ROOT, "F = %5.2f (%d/%d)", drives[point],
                point + 1, k);
            EnsembleResult<SiteMoments> r;
            if (spark != null) {
                double f = drives[i];
                r = EnsemblePlan.execute(spark, () -> EnsemblePlan.of(ensemble(length, f,
                        algorithmName, trajectories, dt, steps, groupSize, seed).build(),
                    observer(first, every, last)), Execution.inSteps(o.progressBar(label), steps));
            } else {
                Ensemble ensemble = ErrorBudgetOption.apply(o, ensemble(length, drives[i],
                        algorithmName, trajectories, dt, steps, groupSize, seed).threads(threads)
                    .progress(o.progressBar(label), Duration.ofSeconds(1)))
                    .build();
                r = ensemble.run(observer(first, every, last));
            }
            // with --error-budget each estimate carries its step error
            Estimate[] e = r.estimates(m -> new Estimate[] {m.photonNumber(last),
                m.numberFluctuation(last), m.photonNumber(0), m.circularVariance(last)});
            Estimate nl = e[0];
            Estimate dnl = e[1];
            n[i] = nl.value();
            nErr[i] = nl.standardError();
            dn[i] = dnl.value();
            dnErr[i] = dnl.standardError();
            n1[i] = e[2].value();
            n1Err[i] = e[2].standardError();
            cv[i] = e[3].value();
            cvErr[i] = e[3].standardError();
            stepErrors.add(ErrorBudgetOption.row(new double[0], e));
            ErrorBudgetOption.report(String.format(Locale.ROOT, "F = %.2f", drives[i]), e);
            System.out.printf(Locale.ROOT, "  F = %5.2f: n_L = %8.4f +- %.4f, "
                + "delta n_L = %9.4f +- %.4f   (%.1f s)%n", drives[i], n[i], nErr[i], dn[i],
                dnErr[i], r.elapsed().toMillis() / 1000.0);
        }
        List<double[]> columns = new ArrayList<>(List.of(drives, n, nErr, dn, dnErr, n1, n1Err,
            cv, cvErr));
        if (budget) {
            columns.addAll(List.of(TableOutput.columns(stepErrors, 8)));
        }
        o.write("fig2_cut", ErrorBudgetOption.header(
            List.of("F", "n_L", "n_L_err", "delta_n_L", "delta_n_L_err", "n_1", "n_1_err",
                "circular_variance_L", "circular_variance_L_err"), budget,
            "n_L", "delta_n_L", "n_1", "circular_variance_L"),
            columns.toArray(new double[0][]));
        plot(length, "TWA, " + trajectories + " trajectories", drives, n, nErr, dn, dnErr, out);
        System.out.printf(Locale.ROOT, "wrote %s (%s, 2 figures as png, svg, pdf) in %.1f s%n",
            out, o.string("format"), (System.nanoTime() - start) / 1e9);
    }

    /**
     * Draws Fig. 2(d, e) (also used by {@link Replot} from the committed CSV).
     *
     * @param length chain length L
     * @param label legend entry of the TWA series
     * @param drives F values
     * @param n n_L
     * @param nErr its standard errors
     * @param dn delta n_L
     * @param dnErr its standard errors
     * @param out output directory
     */
    static void plot(int length, String label, double[] drives, double[] n, double[] nErr,
                     double[] dn, double[] dnErr, Path out) {
        Plots.save(Plots.xy("Fig. 2(d): photon number at site L = " + length, "F", "n_L")
            .line(label, drives, n, nErr).hue(0).plot(), out.resolve("fig2d_nL.png"));
        XyPlot cd = Plots.xy("Fig. 2(e): photon-number fluctuation at site L = " + length,
            "F", "δn_L");
        cd.line(label, drives, dn, dnErr).hue(0);
        cd.hLine(0, "δn_L = 0 (Poissonian)");
        Plots.save(cd, out.resolve("fig2e_dnL.png"));
    }
}
