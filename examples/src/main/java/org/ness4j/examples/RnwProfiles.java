package org.ness4j.examples;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.ness4j.core.chain.BoseHubbardChain;
import org.ness4j.core.exec.PlanExecutor;
import org.ness4j.core.stat.Estimate;
import org.ness4j.examples.support.ErrorBudgetOption;
import org.ness4j.examples.support.Cli;
import org.ness4j.examples.support.Execution;
import org.ness4j.examples.support.Cost;
import org.ness4j.examples.support.TableOutput;
import org.ness4j.examples.support.Plots;
import org.ness4j.examples.support.XyPlot;
import org.ness4j.observables.Correlations;
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
 * Steady-state profiles of the RNW regime, TWA against Gross-Pitaevskii: paper 000 Fig. 6
 * (circular variance and \( |g^{(1)}_{1,\ell}| \)) and Fig. 18 (\( n_\ell \),
 * \( \langle\varphi_\ell\rangle \), \( \mathrm{Re}\langle\alpha_\ell\rangle \)), and with a list of
 * intrinsic loss rates Fig. 19 (\( n_\ell \) for \( \gamma_{\rm int} = 10^{-4} \dots 10^{-1} \)
 * and the local Wigner function at one site).
 *
 * <p>Paper: L = 100, F = 12.5, 5x10<sup>3</sup> trajectories, window 10<sup>3</sup>. Defaults:
 * 64 trajectories, transient 1500 (the RNW state of L = 100 forms by t ~ 500, see Fig7Rnw),
 * window 500. For Fig. 19(a) (chaotic, L = 200, F = 7.5) use
 * {@code --F 7.5 --L 200 --transient 3000}.
 *
 * <p>With {@code --error-budget} ({@link ErrorBudgetOption}) {@code rnw_profiles.csv} gets the
 * step errors of its five TWA estimates per site ({@code n_step}, {@code n_step_err},
 * {@code phase_step}, ..., {@code re_alpha_step}, ..., {@code circular_variance_step}, ...,
 * {@code g1_1l_step}, {@code g1_1l_step_err}) after its other columns; the Gross-Pitaevskii
 * columns are one deterministic trajectory and the Wigner functions are plots only.
 */
public final class RnwProfiles {

    private RnwProfiles() {
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
        return new Cli("RnwProfiles",
                "Paper 000 Fig. 6, 18, 19: steady-state profiles of the RNW regime, TWA against "
                    + "Gross-Pitaevskii, with intrinsic loss.",
                RnwProfiles::run).progress()
            .real("F", "12.5", "drive amplitude (units of gamma)")
            .integer("L", "100", "chain length (sites)")
            .reals("intrinsic-loss", "0", "intrinsic loss rates (list: Fig. 19) (units of gamma)")
            .integer("trajectories", "64", "Wigner trajectories (count)")
            .integer("wigner-site", "50", "site (1-based) of the Wigner function panels")
            .real("dt", "0.01", "time step (units of 1/gamma)")
            .real("transient", "1500", "time before sampling (units of 1/gamma)")
            .real("window", "500", "sampling window (units of 1/gamma)")
            .text("algorithm", "splitstep", "integrator: " + Integrators.NAMES)
            // Paper 000, Fig. 6 and 18: L = 100, F = 12.5, 5e3 trajectories, window 1e3; the
            // transient is not stated: quick's value
            .preset("paper", Map.of("L", "100", "F", "12.5", "trajectories", "5000",
                "window", "1000"))
            .seed(18L)
            .threads()
            .output("out/rnw")
            .errorBudget()
            .cost(RnwProfiles::cost);
    }

    /** The cost estimate printed before any work (the site-steps of all runs). */
    private static Cost cost(Cli o) {
        double dt = o.real("dt");
        long steps = Math.round(o.real("transient") / dt) + Math.round(o.real("window") / dt);
        long length = o.integer("L");
        return Cost.chain((double) o.reals("intrinsic-loss").length * length
            * (o.integer("trajectories") + 1) * steps, length, o.integer("trajectories"),
            o.threadCount());
    }

    private static void run(Cli o) {
        double f = o.real("F");
        int length = (int) o.integer("L");
        double dt = o.real("dt");
        long first = Math.round(o.real("transient") / dt);
        long steps = first + Math.round(o.real("window") / dt);
        SampleSchedule schedule = new SampleSchedule(first, 20);
        SdeAlgorithm algorithm = Integrators.byName(o.string("algorithm"));
        Path out = Path.of(o.string("out"));
        int wignerSite = (int) o.integer("wigner-site") - 1;
        int[] sites = new int[length];
        double[] axis = new double[length];
        for (int l = 0; l < length; l++) {
            sites[l] = l;
            axis[l] = l + 1;
        }
        String title = String.format(Locale.ROOT, "L = %d, F = %.1f", length, f);
        List<double[]> rows = new ArrayList<>();
        PlanExecutor spark = Execution.spark(o);
        String algorithmName = o.string("algorithm");
        long trajectories = o.integer("trajectories");
        long seed = o.integer("seed");
        for (double gInt : o.reals("intrinsic-loss")) {
            BoseHubbardChain chain = BoseHubbardChain.builder(length).boundaryDrive(f)
                .intrinsicLoss(gInt).build();
            String label = String.format(Locale.ROOT, "gamma_int = %g", gInt);
            EnsembleResult<Observations> run = spark != null
                ? EnsemblePlan.execute(spark, () -> EnsemblePlan.of(ensemble(length, f, gInt,
                        algorithmName, trajectories, dt, steps, seed).build(),
                    observer(first, sites, wignerSite)),
                    Execution.inSteps(o.progressBar(label), steps))
                : ErrorBudgetOption.apply(o, ensemble(length, f, gInt, algorithmName,
                        trajectories, dt, steps, seed).threads((int) o.integer("threads"))
                    .progress(o.progressBar(label), Duration.ofSeconds(1))).build()
                .run(observer(first, sites, wignerSite));
            Observations r = run.requireSuccess();
            // n, phase, Re alpha, circular variance, |g1_{1,l}| per site, with step errors
            // under --error-budget
            Estimate[] profile = run.estimates(a -> {
                SiteMoments sm = a.get(0, SiteMoments.class);
                Correlations sc = a.get(1, Correlations.class);
                Estimate[] e = new Estimate[5 * length];
                for (int l = 0; l < length; l++) {
                    e[5 * l] = sm.photonNumber(l);
                    e[5 * l + 1] = sm.meanPhase(l);
                    e[5 * l + 2] = sm.fieldRe(l);
                    e[5 * l + 3] = sm.circularVariance(l);
                    e[5 * l + 4] = sc.g1Abs(0, l);
                }
                return e;
            });
            ErrorBudgetOption.report(String.format(Locale.ROOT, "gamma_int = %g profiles",
                gInt), profile);
            WignerHistogram w = r.get(2, WignerHistogram.class);
            double[] cells = new double[60];
            for (int j = 0; j < 60; j++) {
                cells[j] = w.center(j);
            }
            Plots.save(Plots.heatMap(String.format(Locale.ROOT,
                    "Fig. 19: W̃_l, l = %d, γ_{int} = %s", wignerSite + 1,
                    new java.math.BigDecimal(Double.toString(gInt)).stripTrailingZeros()
                        .toPlainString()), "Re α",
                    "Im α", cells, cells, w.density(wignerSite)).normalizeToMax()
                    .colourBar("W̃ = W/max W").size(Plots.COLUMN_WIDTH, 2.94),
                out.resolve(String.format(Locale.ROOT, "fig19_wigner_l%d_gint%g.png",
                    wignerSite + 1, gInt)));
            SiteMoments m = r.get(0, SiteMoments.class);
            Correlations c = r.get(1, Correlations.class);
            SiteMoments gp = Ensemble.builder(ChainProblem.grossPitaevskii(chain))
                .algorithm(algorithm).trajectories(1).dt(dt).steps(steps).threads(1).build()
                .run(SiteMoments.observer(schedule, sites)).requireSuccess();
            double[][] v = new double[10][length];
            for (int l = 0; l < length; l++) {
                v[0][l] = m.photonNumber(l).value();
                v[1][l] = gp.meanSquare(l).value();
                v[2][l] = m.meanPhase(l).value();
                v[3][l] = gp.meanPhase(l).value();
                v[4][l] = m.fieldRe(l).value();
                v[5][l] = gp.fieldRe(l).value();
                v[6][l] = m.circularVariance(l).value();
                v[7][l] = gp.circularVariance(l).value();
                v[8][l] = c.g1Abs(0, l).value();
                v[9][l] = m.photonNumber(l).standardError();
                rows.add(ErrorBudgetOption.row(new double[] {gInt, l + 1, v[0][l], v[9][l],
                    v[1][l], v[2][l], v[3][l], v[4][l], v[5][l], v[6][l], v[7][l], v[8][l]},
                    Arrays.copyOfRange(profile, 5 * l, 5 * l + 5)));
            }
            String tag = String.format(Locale.ROOT, "gamma_int = %g", gInt);
            System.out.printf(Locale.ROOT, "  %s: n_1 = %s, n_L = %s, circular variance at "
                + "L/2 = %s, |g1_{1,L}| = %s%n", tag, m.photonNumber(0),
                m.photonNumber(length - 1), m.circularVariance(length / 2 - 1),
                c.g1Abs(0, length - 1));
        }
        plot(title, rows, out);
        boolean budget = ErrorBudgetOption.budget(o) != null;
        o.write("rnw_profiles", ErrorBudgetOption.header(List.of("gamma_int",
            "site", "n", "n_err", "n_gp", "phase", "phase_gp", "re_alpha", "re_alpha_gp",
            "circular_variance", "circular_variance_gp", "g1_1l"), budget, "n", "phase",
            "re_alpha", "circular_variance", "g1_1l"), TableOutput.columns(rows, budget ? 22 : 12));
        System.out.println("wrote " + out);
    }

    /**
     * Draws Fig. 18(a-c) and 6(a, f) from the rows of rnw_profiles.csv: TWA solid, the
     * Gross-Pitaevskii solution dashed in the same hue (also used by {@link Replot}).
     *
     * @param title chain and drive, e.g. "L = 100, F = 12.5"
     * @param rows γ_int, site, n, n_err, n_gp, φ, φ_gp, Re α, Re α_gp, Δφ, Δφ_gp, |g1_{1,l}|
     * @param out output directory
     */
    static void plot(String title, List<double[]> rows, Path out) {
        XyPlot n = Plots.xy("Fig. 18(a)/19: n_l, " + title, "site l", "n_l");
        XyPlot phase = Plots.xy("Fig. 18(b): ⟨φ_l⟩, " + title, "site l", "⟨φ_l⟩");
        XyPlot re = Plots.xy("Fig. 18(c): Re⟨α_l⟩, " + title, "site l", "Re⟨α_l⟩");
        XyPlot cv = Plots.xy("Fig. 6(a): circular variance, " + title, "site l", "Δφ_l");
        XyPlot g1 = Plots.xy("Fig. 6(f): |g^{(1)}_{1,l}|, " + title, "site l",
            "|g^{(1)}_{1,l}|");
        List<List<double[]>> groups = Fig3Profiles.byDrive(rows);
        for (int k = 0; k < groups.size(); k++) {
            List<double[]> g = groups.get(k);
            double[] site = Fig3Profiles.column(g, 1);
            String tag = "γ_{int} = " + new java.math.BigDecimal(Double.toString(g.get(0)[0]))
                .stripTrailingZeros().toPlainString();
            n.line("TWA, " + tag, site, Fig3Profiles.column(g, 2), Fig3Profiles.column(g, 3))
                .hue(k);
            if (k == 0) {
                n.line("GP, " + tag, site, Fig3Profiles.column(g, 4), null).hue(k).dashed();
                String suffix = groups.size() > 1 ? ", " + tag : "";
                phase.line("TWA" + suffix, site, Fig3Profiles.column(g, 5), null).hue(k);
                phase.line("GP" + suffix, site, Fig3Profiles.column(g, 6), null).hue(k)
                    .dashed();
                re.line("TWA" + suffix, site, Fig3Profiles.column(g, 7), null).hue(k);
                re.line("GP" + suffix, site, Fig3Profiles.column(g, 8), null).hue(k).dashed();
                cv.line("TWA" + suffix, site, Fig3Profiles.column(g, 9), null).hue(k);
                cv.line("GP" + suffix, site, Fig3Profiles.column(g, 10), null).hue(k).dashed();
                g1.line("TWA" + suffix, site, Fig3Profiles.column(g, 11), null).hue(k);
            }
        }
        Plots.save(n, out.resolve("fig18a_density.png"));
        Plots.save(phase, out.resolve("fig18b_phase.png"));
        Plots.save(re, out.resolve("fig18c_re_alpha.png"));
        Plots.save(cv, out.resolve("fig6a_circular_variance.png"));
        Plots.save(g1, out.resolve("fig6f_g1.png"));
    }

    /**
     * The ensemble of one intrinsic loss (group size 2; without threads, progress or error
     * budget): built in the same way locally and, from numbers and names only, inside Spark
     * tasks.
     */
    static Ensemble.Builder ensemble(int length, double f, double gInt, String algorithm,
                                     long trajectories, double dt, long steps, long seed) {
        return Ensemble.builder(ChainProblem.truncatedWigner(BoseHubbardChain.builder(length)
                .boundaryDrive(f).intrinsicLoss(gInt).build()))
            .algorithm(Integrators.byName(algorithm)).trajectories(trajectories).groupSize(2)
            .dt(dt).steps(steps).seed(seed);
    }

    /** What one intrinsic loss measures: moments, g1 from site 1, one Wigner histogram. */
    static EnsembleObserver<Observations> observer(long first, int[] sites, int wignerSite) {
        SampleSchedule schedule = new SampleSchedule(first, 20);
        return Observations.observer(SiteMoments.observer(schedule, sites),
            Correlations.observer(schedule, Correlations.reference(0, sites)),
            WignerHistogram.observer(schedule, 60, 12, wignerSite));
    }
}
