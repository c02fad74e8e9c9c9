package org.ness4j.examples.fitting;

import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.ness4j.core.chain.BoseHubbardChain;
import org.ness4j.core.exec.PlanExecutor;
import org.ness4j.examples.support.ErrorBudgetOption;
import org.ness4j.examples.support.Cli;
import org.ness4j.examples.support.Execution;
import org.ness4j.examples.support.Plots;
import org.ness4j.examples.support.XyPlot;
import org.ness4j.observables.FockPopulations;
import org.ness4j.observables.SiteMoments;
import org.ness4j.observables.WignerHistogram;
import org.ness4j.sde.chain.ChainProblem;
import org.ness4j.sde.chain.SplitStep;
import org.ness4j.sde.ensemble.Ensemble;
import org.ness4j.sde.ensemble.EnsembleObserver;
import org.ness4j.sde.ensemble.EnsemblePlan;
import org.ness4j.sde.ensemble.EnsembleResult;
import org.ness4j.sde.ensemble.Observations;
import org.ness4j.sde.ensemble.SampleSchedule;

/**
 * Shared simulation of the fitting examples: a boundary-driven chain (paper 000, Eq. 1-4;
 * \( \Delta = 2.5, J = 2, U = 0.1 \)) integrated with the structure-preserving {@link SplitStep}
 * scheme, collecting the site moments, the Wigner histograms and the Fock populations of every
 * site, plus optional extra observers (results at index 3, 4, ...).
 *
 * <p>{@code --error-budget} ({@link ErrorBudgetOption}) re-runs a subset at dt and dt/2; the
 * examples attach step errors to the estimates they read directly from the accumulators
 * ({@link #runWithBudget}), not to fitted parameters (see the examples).
 */
final class ChainRuns {

    private ChainRuns() {
    }

    /** Declares the simulation options shared by the examples. */
    static Cli declare(Cli o, String trajectories, String groupSize,
                           String transientTime, String window) {
        o.integer("trajectories", trajectories, "Wigner trajectories (count)")
            .integer("group-size", groupSize, "trajectories per statistical group")
            .real("dt", "0.01", "time step (SplitStep) (units of 1/gamma)")
            .real("transient", transientTime, "time before sampling (units of 1/gamma)")
            .real("window", window, "sampling window (units of 1/gamma)")
            .integer("sample-every", "20", "steps between samples (steps)")
            .integer("bins", "64", "Wigner histogram cells per axis")
            .real("range", "12", "Wigner histogram half-width in alpha (units of |alpha|)")
            .integer("max-n", "160", "largest photon number of the Fock populations")
            .real("clip-tolerance", String.valueOf(WignerHistogram.DEFAULT_CLIP_TOLERANCE),
                "largest fraction of a site's samples outside the Wigner grid before its "
                + "histogram is refused (prefer a wider --range)")
            .seed(7L)
            .threads()
            .progress();
        ErrorBudgetOption.declare(o);
        return o;
    }

    /** First sampled step. */
    static long firstStep(Cli o) {
        return Math.round(o.real("transient") / o.real("dt"));
    }

    /** The sampling schedule of the moments and histograms. */
    static SampleSchedule schedule(Cli o) {
        return new SampleSchedule(firstStep(o), o.integer("sample-every"));
    }

    /**
     * Runs the TWA ensemble of one chain.
     *
     * @return observations: 0 {@link SiteMoments}, 1 {@link WignerHistogram}, 2
     *     {@link FockPopulations} (all sites), then the extras
     */
    static Observations run(Cli o, BoseHubbardChain chain, EnsembleObserver<?>... extra) {
        return runWithBudget(o, chain, extra).requireSuccess();
    }

    /**
     * Runs the TWA ensemble of one chain, with the error budget of {@code --error-budget}.
     *
     * @return the result; its statistics as {@link #run}
     */
    static EnsembleResult<Observations> runWithBudget(Cli o, BoseHubbardChain chain,
                                                      EnsembleObserver<?>... extra) {
        Setup setup = Setup.of(o);
        String label = String.format(Locale.ROOT, "L = %d, F = %.2f", chain.length(),
            chain.drive(0));
        EnsembleResult<Observations> result = ErrorBudgetOption.apply(o,
                setup.ensemble(chain).threads((int) o.integer("threads"))
            .progress(o.progressBar(label), Duration.ofSeconds(1)))
            .build().run(setup.observer(chain.length(), extra));
        result.requireSuccess();
        return result;
    }

    /**
     * Observers added after the three standard ones, rebuilt where the ensemble runs (a Spark
     * task): a lambda capturing numbers and arrays only.
     */
    @FunctionalInterface
    interface Extras extends Serializable {
        /** @return the extra observers (results at index 3, 4, ...) */
        EnsembleObserver<?>[] observers();
    }

    /**
     * Runs the TWA ensemble of the boundary-driven chain of {@code length} sites at drive
     * {@code f}: on Spark with {@code --spark} (the ensemble rebuilt in each task from the
     * options' numbers; {@code --error-budget} refused), else as
     * {@link #runWithBudget(Cli, BoseHubbardChain, EnsembleObserver[])}.
     *
     * @return the result; its statistics as {@link #run}
     */
    static EnsembleResult<Observations> runWithBudget(Cli o, int length, double f,
                                                      Extras extras) {
        PlanExecutor spark = Execution.spark(o);
        if (spark == null) {
            return runWithBudget(o, BoseHubbardChain.builder(length).boundaryDrive(f).build(),
                extras.observers());
        }
        Setup setup = Setup.of(o);
        EnsembleResult<Observations> result = EnsemblePlan.execute(spark,
            () -> EnsemblePlan.of(setup.ensemble(BoseHubbardChain.builder(length)
                .boundaryDrive(f).build()).build(), setup.observer(length, extras.observers())),
            Execution.inSteps(o.progressBar(String.format(Locale.ROOT, "L = %d, F = %.2f",
                length, f)), setup.steps()));
        result.requireSuccess();
        return result;
    }

    /** The options of a run as numbers (serializable: travels to Spark tasks). */
    private record Setup(long trajectories, int groupSize, double dt, long first, long steps,
                         long every, int bins, double range, int maxN, long seed)
        implements Serializable {

        static Setup of(Cli o) {
            double dt = o.real("dt");
            long first = firstStep(o);
            return new Setup(o.integer("trajectories"), (int) o.integer("group-size"), dt,
                first, first + Math.round(o.real("window") / dt), o.integer("sample-every"),
                (int) o.integer("bins"), o.real("range"), (int) o.integer("max-n"),
                o.integer("seed"));
        }

        /** The ensemble (without threads, progress or error budget). */
        Ensemble.Builder ensemble(BoseHubbardChain chain) {
            return Ensemble.builder(ChainProblem.truncatedWigner(chain))
                .algorithm(SplitStep.create()).trajectories(trajectories).groupSize(groupSize)
                .dt(dt).steps(steps).seed(seed);
        }

        /** Moments, Wigner histograms and Fock populations of every site, then the extras. */
        EnsembleObserver<Observations> observer(int length, EnsembleObserver<?>... extra) {
            int[] sites = new int[length];
            for (int l = 0; l < length; l++) {
                sites[l] = l;
            }
            SampleSchedule schedule = new SampleSchedule(first, every);
            List<EnsembleObserver<?>> all = new ArrayList<>(List.of(
                SiteMoments.observer(schedule, sites),
                WignerHistogram.observer(schedule, bins, range, sites),
                FockPopulations.observer(new SampleSchedule(first, 10 * every), maxN, sites)));
            all.addAll(Arrays.asList(extra));
            return Observations.observer(all.toArray(new EnsembleObserver<?>[0]));
        }
    }

    /**
     * The Wigner histograms of a run (observation 1) with the {@code --clip-tolerance} applied;
     * prints the largest clipped fraction over the sites.
     */
    static WignerHistogram histogram(Cli o, Observations r) {
        WignerHistogram w = r.get(1, WignerHistogram.class)
            .clipTolerance(o.real("clip-tolerance"));
        int worst = -1;
        double most = -1;
        for (int l : w.sites()) {
            if (w.clippedFraction(l) > most) {
                most = w.clippedFraction(l);
                worst = l;
            }
        }
        System.out.printf(Locale.ROOT, "  Wigner grid [-%s, %s]^2: largest clipped fraction "
            + "%.2e (site %d), tolerance %.1e%n", o.real("range"), o.real("range"), most,
            worst + 1, w.clipTolerance());
        return w;
    }

    /** Adds a line without its NaN points (failed or unidentified fits); null if none left. */
    static XyPlot.Series line(XyPlot chart, String name, double[] x, double[] y, double[] err) {
        List<double[]> keep = new ArrayList<>();
        for (int i = 0; i < x.length; i++) {
            if (Double.isFinite(y[i])) {
                keep.add(new double[] {x[i], y[i], err == null || !Double.isFinite(err[i]) ? 0
                    : err[i]});
            }
        }
        if (keep.isEmpty()) {
            return null;
        }
        double[][] c = columns(keep, 3);
        return Plots.line(chart, name, c[0], c[1], err == null ? null : c[2]);
    }

    /** Rows to columns. */
    static double[][] columns(List<double[]> rows, int width) {
        double[][] c = new double[width][rows.size()];
        for (int r = 0; r < rows.size(); r++) {
            for (int k = 0; k < width; k++) {
                c[k][r] = rows.get(r)[k];
            }
        }
        return c;
    }
}
