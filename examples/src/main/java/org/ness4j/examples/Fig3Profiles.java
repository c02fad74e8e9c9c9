package org.ness4j.examples;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.ness4j.core.chain.BoseHubbardChain;
import org.ness4j.core.exec.PlanExecutor;
import org.ness4j.core.chain.ChainLimit;
import org.ness4j.core.stat.Estimate;
import org.ness4j.examples.support.ErrorBudgetOption;
import org.ness4j.examples.support.Cli;
import org.ness4j.examples.support.Execution;
import org.ness4j.examples.support.Cost;
import org.ness4j.examples.support.HeatMapPlot;
import org.ness4j.examples.support.TableOutput;
import org.ness4j.examples.support.Plots;
import org.ness4j.examples.support.XyPlot;
import org.ness4j.observables.Correlations;
import org.ness4j.observables.FockPopulations;
import org.ness4j.observables.SiteMoments;
import org.ness4j.observables.WignerHistogram;
import org.ness4j.sde.SdeAlgorithm;
import org.ness4j.sde.chain.ChainProblem;
import org.ness4j.sde.ensemble.Ensemble;
import org.ness4j.sde.ensemble.EnsembleObserver;
import org.ness4j.sde.ensemble.EnsemblePlan;
import org.ness4j.sde.ensemble.EnsembleResult;
import org.ness4j.sde.ensemble.Observations;
import org.ness4j.sde.ensemble.SampleSchedule;

/**
 * Spatial profiles of the chaotic NESS, paper 000 Fig. 3 (n_l, circular variance,
 * \( |g^{(1)}_{L/2,\ell}| \), local Wigner functions), Fig. 13 (TWA against the classical
 * Gross-Pitaevskii limit) and Fig. 14 (momentum distributions and the equipartition
 * temperature \( T_\ell = |\Delta|\langle p_\ell^2\rangle \), Eq. 40, with the
 * Maxwell-Boltzmann curve), and the entropy \( S_\ell \) of the local Fock populations at the
 * Wigner sites (from the Weyl symbols of \( |n\rangle\langle n| \)).
 *
 * <p>Paper: L = 400, F = 5.5-8, 100 trajectories, window 10<sup>4</sup>. The default here is a
 * reduced chain (L = 100, 40 trajectories, window 10<sup>3</sup>) that runs in about two minutes;
 * {@code --L 400 --trajectories 100 --window 10000 --transient 5000} is the paper's size.
 * Writes {@code profiles.csv} (with {@code --error-budget}, step errors too:
 * {@link ErrorBudgetOption}), {@code profiles_gp.csv}, {@code momentum.csv} and PNG plots.
 */
public final class Fig3Profiles {

    /** Estimates per site in {@link #profile}. */
    private static final int PROFILE = 5;

    private Fig3Profiles() {
    }

    /**
     * The profile estimates of every site, {@link #PROFILE} per site: n, delta n, circular
     * variance, |g1(mid, l)|, equipartition temperature.
     */
    private static Estimate[] profile(Observations r, int length, int mid, double detuning) {
        SiteMoments m = r.get(0, SiteMoments.class);
        Correlations c = r.get(1, Correlations.class);
        Estimate[] e = new Estimate[PROFILE * length];
        for (int l = 0; l < length; l++) {
            e[PROFILE * l] = m.photonNumber(l);
            e[PROFILE * l + 1] = m.numberFluctuation(l);
            e[PROFILE * l + 2] = m.circularVariance(l);
            e[PROFILE * l + 3] = c.g1Abs(mid, l);
            e[PROFILE * l + 4] = m.equipartitionTemperature(l, detuning);
        }
        return e;
    }

    /**
     * The ensemble of one drive (without threads, progress or error budget): built in the same
     * way locally and, from numbers and names only, inside Spark tasks.
     */
    static Ensemble.Builder ensemble(int length, double f, String algorithm, long trajectories,
                                     int groupSize, double dt, long steps, long seed) {
        return Ensemble.builder(ChainProblem.truncatedWigner(
                BoseHubbardChain.builder(length).boundaryDrive(f).build()))
            .algorithm(Integrators.byName(algorithm)).trajectories(trajectories)
            .groupSize(groupSize).dt(dt).steps(steps).seed(seed);
    }

    /** What one drive measures: moments, g1 from the middle, Wigner and Fock populations. */
    static EnsembleObserver<Observations> observer(long first, long every, int[] sites, int mid,
                                                   int bins, double range, int[] wigner,
                                                   int maxN) {
        SampleSchedule schedule = new SampleSchedule(first, every);
        return Observations.observer(
            SiteMoments.observer(schedule, sites),
            Correlations.observer(schedule, Correlations.reference(mid, sites)),
            WignerHistogram.observer(schedule, bins, range, wigner),
            FockPopulations.observer(new SampleSchedule(first, 10 * every), maxN, wigner));
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
        return new Cli("Fig3Profiles",
                "Paper 000 Fig. 3, 13, 14: spatial profiles, Wigner functions, TWA against "
                    + "Gross-Pitaevskii and momentum distributions of the chaotic NESS.",
                Fig3Profiles::run).progress()
            .reals("F", "5.5,6.5,7.5", "drive amplitudes (units of gamma)")
            .integer("L", "100", "chain length (sites)")
            .integer("trajectories", "40", "Wigner trajectories (count)")
            .integer("group-size", "2", "trajectories per statistical group")
            .real("dt", "0.01", "time step (units of 1/gamma)")
            .real("transient", "1500", "time before sampling (units of 1/gamma)")
            .real("window", "1000", "sampling window (units of 1/gamma)")
            .integer("sample-every", "20", "steps between samples (steps)")
            .reals("wigner-sites", "5,50,95", "sites (1-based) of the Wigner functions and "
                + "momentum distributions")
            .integer("bins", "60", "histogram cells per axis")
            .real("range", "12", "histogram half-width in alpha (units of |alpha|)")
            .integer("max-n", "400", "largest photon number of the Fock populations")
            .text("algorithm", "splitstep", "integrator: " + Integrators.NAMES)
            // Paper 000, Fig. 3, 13, 14: L = 400, F = 5.5, 6, ..., 8, 1e2 trajectories, window 1e4;
            // the Wigner sites of the quick run scaled to L = 400 (the paper's sites are not
            // stated); the transient and time step are not stated: quick's values
            .preset("paper", Map.of("L", "400", "F", "5.5:8:0.5", "trajectories", "100",
                "window", "10000", "wigner-sites", "20,200,380"))
            .seed(3L)
            .threads()
            .output("out/fig3")
            .errorBudget()
            .cost(Fig3Profiles::cost);
    }

    /** The cost estimate printed before any work (the site-steps of all runs). */
    private static Cost cost(Cli o) {
        double dt = o.real("dt");
        long steps = Math.round(o.real("transient") / dt) + Math.round(o.real("window") / dt);
        long length = o.integer("L");
        return Cost.chain((double) o.reals("F").length * length * (o.integer("trajectories")
            + 1) * steps, length, o.integer("trajectories"), o.threadCount());
    }

    private static void run(Cli o) {
        int length = (int) o.integer("L");
        double dt = o.real("dt");
        long first = Math.round(o.real("transient") / dt);
        long steps = first + Math.round(o.real("window") / dt);
        SampleSchedule schedule = new SampleSchedule(first, o.integer("sample-every"));
        SdeAlgorithm algorithm = Integrators.byName(o.string("algorithm"));
        Path out = Path.of(o.string("out"));
        int bins = (int) o.integer("bins");
        double range = o.real("range");
        double[] ws = o.reals("wigner-sites");
        int[] wigner = new int[ws.length];
        for (int i = 0; i < ws.length; i++) {
            wigner[i] = (int) ws[i] - 1;
        }
        int[] sites = new int[length];
        for (int l = 0; l < length; l++) {
            sites[l] = l;
        }
        int mid = length / 2 - 1;
        List<double[]> rows = new ArrayList<>();
        List<double[]> gpRows = new ArrayList<>();
        List<double[]> momentumRows = new ArrayList<>();
        PlanExecutor spark = Execution.spark(o);
        String algorithmName = o.string("algorithm");
        long trajectories = o.integer("trajectories");
        int groupSize = (int) o.integer("group-size");
        long seed = o.integer("seed");
        long every = o.integer("sample-every");
        int maxN = (int) o.integer("max-n");
        for (double f : o.reals("F")) {
            BoseHubbardChain chain = BoseHubbardChain.builder(length).boundaryDrive(f).build();
            String twaLabel = String.format(Locale.ROOT, "F = %.2f TWA", f);
            EnsembleResult<Observations> result = spark != null
                ? EnsemblePlan.execute(spark, () -> EnsemblePlan.of(ensemble(length, f,
                        algorithmName, trajectories, groupSize, dt, steps, seed).build(),
                    observer(first, every, sites, mid, bins, range, wigner, maxN)),
                    Execution.inSteps(o.progressBar(twaLabel), steps))
                : ErrorBudgetOption.apply(o, ensemble(length, f, algorithmName, trajectories,
                        groupSize, dt, steps, seed).threads((int) o.integer("threads"))
                    .progress(o.progressBar(twaLabel), Duration.ofSeconds(1)))
                .build().run(observer(first, every, sites, mid, bins, range, wigner, maxN));
            Observations r = result.requireSuccess();
            // the profile's estimates, with their step errors under --error-budget
            Estimate[] profile = result.estimates(a -> profile(a, length, mid,
                chain.detuning()));
            ErrorBudgetOption.report(String.format(Locale.ROOT, "F = %.1f profiles", f),
                profile);
            SiteMoments m = r.get(0, SiteMoments.class);
            WignerHistogram w = r.get(2, WignerHistogram.class);
            FockPopulations fock = r.get(3, FockPopulations.class);
            // classical limit: one deterministic trajectory, time average over the same window
            SiteMoments gp = Ensemble.builder(ChainProblem.grossPitaevskii(chain))
                .algorithm(algorithm).trajectories(1).dt(dt).steps(steps).seed(1).threads(1)
                .build().run(SiteMoments.observer(schedule, sites)).requireSuccess();
            for (int l = 0; l < length; l++) {
                Estimate nl = profile[PROFILE * l];
                Estimate dnl = profile[PROFILE * l + 1];
                Estimate cvl = profile[PROFILE * l + 2];
                Estimate g1l = profile[PROFILE * l + 3];
                Estimate tl = profile[PROFILE * l + 4];
                rows.add(ErrorBudgetOption.row(new double[] {f, l + 1, nl.value(),
                    nl.standardError(), dnl.value(), dnl.standardError(), cvl.value(),
                    cvl.standardError(), g1l.value(), g1l.standardError(), tl.value(),
                    tl.standardError()}, nl, dnl, cvl, g1l, tl));
                gpRows.add(new double[] {f, l + 1, gp.meanSquare(l).value(),
                    gp.circularVariance(l).value()});
            }
            String label = String.format(Locale.ROOT, "F = %.1f", f);
            for (int i = 0; i < wigner.length; i++) {
                int l = wigner[i];
                Estimate t = m.equipartitionTemperature(l, chain.detuning());
                double[] p = w.momentumDistribution(l);
                System.out.printf(Locale.ROOT, "%n  F = %.1f, site %d: Fock entropy S = %s "
                    + "(truncation %s)", f, l + 1, fock.entropy(l), fock.truncation(l));
                for (int j = 0; j < bins; j++) {
                    momentumRows.add(new double[] {f, l + 1, Math.sqrt(2) * w.center(j), p[j],
                        t.value(), t.standardError()});
                }
                double[] axis = new double[bins];
                for (int j = 0; j < bins; j++) {
                    axis[j] = w.center(j);
                }
                Plots.save(Plots.heatMap(String.format(Locale.ROOT,
                        "Fig. 3(d-f): W̃_l, l = %d, %s", l + 1, label), "Re α", "Im α",
                        axis, axis, w.density(l)).normalizeToMax().colourBar("W̃ = W/max W")
                        .size(Plots.COLUMN_WIDTH, 2.94), // about equal scales on both axes
                    out.resolve(String.format(Locale.ROOT, "wigner_F%.1f_l%d.png", f, l + 1)));
                System.out.printf(Locale.ROOT, "%n  F = %.1f, site %d: T (Eq. 40, <p^2> exact) = %s",
                    f, l + 1, t);
            }
            System.out.printf(Locale.ROOT, "%n  F = %.1f: n_1 = %s, n_L/2 = %s, n_L = %s%n", f,
                m.photonNumber(0), m.photonNumber(mid), m.photonNumber(length - 1));
        }
        plotProfiles(length, rows, out);
        plotGrossPitaevskii(rows, gpRows, out);
        plotMomentum(momentumRows, chainDetuning(length), out);
        boolean budget = ErrorBudgetOption.budget(o) != null;
        o.write("profiles", ErrorBudgetOption.header(List.of("F", "site",
            "n", "n_err", "delta_n", "delta_n_err", "circular_variance", "circular_variance_err",
            "g1_mid", "g1_mid_err", "T", "T_err"), budget, "n", "delta_n", "circular_variance",
            "g1_mid", "T"), TableOutput.columns(rows, budget ? 22 : 12));
        o.write("profiles_gp", List.of("F", "site", "abs_alpha_sq",
            "circular_variance"), TableOutput.columns(gpRows, 4));
        o.write("momentum", List.of("F", "site", "p", "P", "T", "T_err"),
            TableOutput.columns(momentumRows, 6));
        System.out.println("wrote " + out);
    }

    /** Detuning of the chain this example builds (for the Maxwell-Boltzmann curve). */
    private static double chainDetuning(int length) {
        return BoseHubbardChain.builder(length).build().detuning();
    }

    /** Rows of one F, in order, from long-form rows whose column 0 is F. */
    static List<List<double[]>> byDrive(List<double[]> rows) {
        List<List<double[]>> groups = new ArrayList<>();
        for (double[] r : rows) {
            if (groups.isEmpty() || groups.get(groups.size() - 1).get(0)[0] != r[0]) {
                groups.add(new ArrayList<>());
            }
            groups.get(groups.size() - 1).add(r);
        }
        return groups;
    }

    /** Column c of the rows. */
    static double[] column(List<double[]> rows, int c) {
        double[] v = new double[rows.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = rows.get(i)[c];
        }
        return v;
    }

    /**
     * Draws Fig. 3(a-c) and 14(a) from the rows of profiles.csv (also used by {@link Replot}).
     *
     * @param length L
     * @param rows F, site, n, n_err, δn, δn_err, Δφ, Δφ_err, |g1|, |g1|_err, T, T_err
     * @param out output directory
     */
    static void plotProfiles(int length, List<double[]> rows, Path out) {
        XyPlot nChart = Plots.xy("Fig. 3(a): photon density, L = " + length, "site l", "n_l");
        XyPlot cvChart = Plots.xy("Fig. 3(b): circular variance, L = " + length, "site l",
            "Δφ_l");
        XyPlot g1Chart = Plots.xy("Fig. 3(c): |g^{(1)}_{L/2,l}|, L = " + length, "site l",
            "|g^{(1)}_{L/2,l}|").logY();
        XyPlot tChart = Plots.xy("Fig. 14(a): equipartition temperature, L = " + length,
            "site l", "T_l = |Δ|⟨p^2⟩");
        int k = 0;
        for (List<double[]> g : byDrive(rows)) {
            String label = String.format(Locale.ROOT, "F = %.1f", g.get(0)[0]);
            double[] site = column(g, 1);
            nChart.line(label, site, column(g, 2), column(g, 3)).hue(k);
            cvChart.line(label, site, column(g, 6), column(g, 7)).hue(k);
            g1Chart.line(label, site, column(g, 8), column(g, 9)).hue(k);
            tChart.line(label, site, column(g, 10), column(g, 11)).hue(k);
            k++;
        }
        cvChart.hLine(1, "Δφ = 1 (U(1) restored)");
        Plots.save(nChart, out.resolve("fig3a_density.png"));
        Plots.save(cvChart, out.resolve("fig3b_circular_variance.png"));
        Plots.save(g1Chart, out.resolve("fig3c_g1.png"));
        Plots.save(tChart, out.resolve("fig14a_temperature.png"));
    }

    /**
     * Draws Fig. 13: TWA (solid, with band) against Gross-Pitaevskii (dashed, same hue).
     *
     * @param rows rows of profiles.csv
     * @param gpRows F, site, |α|², Δφ of the Gross-Pitaevskii run
     * @param out output directory
     */
    static void plotGrossPitaevskii(List<double[]> rows, List<double[]> gpRows, Path out) {
        List<List<double[]>> twa = byDrive(rows);
        List<List<double[]>> gp = byDrive(gpRows);
        for (int k = 0; k < Math.min(twa.size(), gp.size()); k++) {
            double f = twa.get(k).get(0)[0];
            XyPlot c = Plots.xy(String.format(Locale.ROOT,
                "Fig. 13(a): TWA vs Gross-Pitaevskii, F = %.1f", f), "site l", "n_l");
            c.line("TWA", column(twa.get(k), 1), column(twa.get(k), 2), column(twa.get(k), 3))
                .hue(k);
            c.line("GP", column(gp.get(k), 1), column(gp.get(k), 2), null).hue(k).dashed()
                .markers(false);
            Plots.save(c, out.resolve(String.format(Locale.ROOT, "fig13_gp_F%.1f.png", f)));
        }
    }

    /**
     * Draws Fig. 14(b-d): momentum distributions against Maxwell-Boltzmann at the
     * equipartition temperature (Eq. 40).
     *
     * @param rows F, site, p, P(p), T, T_err (momentum.csv)
     * @param detuning Δ
     * @param out output directory
     */
    static void plotMomentum(List<double[]> rows, double detuning, Path out) {
        List<List<double[]>> groups = new ArrayList<>();
        for (double[] r : rows) {
            if (groups.isEmpty() || groups.get(groups.size() - 1).get(0)[0] != r[0]
                || groups.get(groups.size() - 1).get(0)[1] != r[1]) {
                groups.add(new ArrayList<>());
            }
            groups.get(groups.size() - 1).add(r);
        }
        for (List<double[]> g : groups) {
            double f = g.get(0)[0];
            int site = (int) g.get(0)[1];
            double t = g.get(0)[4];
            double[] p = column(g, 2);
            double[] maxwell = new double[p.length];
            // Eq. 40: P(p) = exp(-|Delta| p^2 / (2T)) / sqrt(2 pi T / |Delta|)
            double var = t / Math.abs(detuning);
            for (int j = 0; j < p.length; j++) {
                maxwell[j] = Math.exp(-p[j] * p[j] / (2 * var)) / Math.sqrt(2 * Math.PI * var);
            }
            XyPlot pc = Plots.xy(String.format(Locale.ROOT, "Fig. 14: P(p), l = %d, F = %.1f",
                site, f), "p = √2 Im α", "P(p)");
            pc.line("TWA histogram", p, column(g, 3), null).hue(0).markers(true);
            pc.reference(String.format(Locale.ROOT, "Maxwell-Boltzmann, T = %.3g", t), p,
                maxwell);
            Plots.save(pc, out.resolve(String.format(Locale.ROOT,
                "fig14_momentum_F%.1f_l%d.png", f, site)));
        }
    }
}
