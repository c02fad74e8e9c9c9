package org.ness4j.examples.fitting;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.ness4j.core.chain.BoseHubbardChain;
import org.ness4j.core.stat.Estimate;
import org.ness4j.examples.support.ErrorBudgetOption;
import org.ness4j.examples.support.Cli;
import org.ness4j.examples.support.Cost;
import org.ness4j.examples.support.Plots;
import org.ness4j.examples.support.XyPlot;
import org.ness4j.fitting.Ansatz;
import org.ness4j.fitting.DampedCosineFit;
import org.ness4j.fitting.WignerFit;
import org.ness4j.fitting.WignerFitter;
import org.ness4j.observables.Autocorrelation;
import org.ness4j.observables.WignerHistogram;
import org.ness4j.sde.ensemble.EnsembleObserver;
import org.ness4j.sde.ensemble.EnsembleResult;
import org.ness4j.sde.ensemble.Observations;
import org.ness4j.sde.ensemble.SampleSchedule;

/**
 * Paper 000, Fig. 16 and the SI table: the autocorrelation \( C_\ell(\tau) \) (Eq. 46) in the
 * prethermal domain fitted by two damped cosines (Eq. 47), and its rates \( \Gamma_{1,2} \)
 * compared with \( \gamma^s \) (2-photon decay) and \( S \) (Scully-Lamb) from the Wigner
 * fits at the same sites.
 *
 * <p>Paper: L = 200, F = 7.5, l = 30, 60, 100, one long trajectory. Default: L = 80 with the
 * sites at the same fractions of the chain (l = 12, 24, 40), 4 trajectories (4 groups, so the
 * fit is weighted by jackknife errors), window 2000 — a few minutes on two cores;
 * {@code --L 200 --sites 30,60,100 --window 10000 --transient 5000} is the paper's size.
 *
 * <p>With {@code --error-budget} ({@link ErrorBudgetOption}) {@code fig16_autocorrelation.csv}
 * gets the step error of every \( C_\ell(\tau) \) ({@code C_step}, {@code C_step_err}) after
 * its other columns. The fitted rates of {@code fig16_table.csv} (\( \Gamma_{1,2} \) from the
 * Eq. 47 fit, \( \gamma^s \) and S from jackknifed Wigner fits) get none: the Wigner fits
 * would have to be repeated, each with its own jackknife, on {@code 2 (blocks + 1)}
 * combinations of the budget's histograms, and the two damped cosines of Eq. 47 can swap
 * between those fits, so a difference of "component 1" would not be one quantity. The step
 * error of the correlation curve they are fitted to says whether dt limits them.
 */
public final class Fig16Autocorrelation {

    private Fig16Autocorrelation() {
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
        return ChainRuns.declare(new Cli("Fig16Autocorrelation",
                "Paper 000 Fig. 16 and the SI table: autocorrelations in the prethermal domain "
                    + "fitted by two damped cosines (Eq. 47).",
                Fig16Autocorrelation::run), "4", "1", "1000",
            "2000")
            .reals("F", "7.5", "drive amplitude (units of gamma)")
            .integer("L", "80", "chain length (sites)")
            .reals("sites", "12,24,40", "sites (1-based) of the autocorrelation")
            .integer("lag-every", "10", "steps between lags (steps)")
            .integer("lags", "100", "number of lags")
            .real("tau-max", "6", "largest lag of the Eq. 47 fit (the initial decay) (units of "
                + "1/gamma)")
            // Paper 000, Fig. 16 and the SI table: L = 200, F = 7.5, sites 30, 60, 100; the SI
            // table's Wigner fits at the Methods' statistics (1e2 trajectories, window 1e4; the
            // autocorrelation of the paper is from one long trajectory, ours averages them all);
            // the transient is not stated: 5000 as the gallery's paper-size command
            .preset("paper", Map.of("L", "200", "F", "7.5", "sites", "30,60,100",
                "trajectories", "100", "window", "10000", "transient", "5000"))
            .output("out/fig16")
            .cost(Fig16Autocorrelation::cost);
    }

    /** The cost estimate printed before any work (the site-steps of all runs). */
    private static Cost cost(Cli o) {
        double dt = o.real("dt");
        long steps = Math.round(o.real("transient") / dt) + Math.round(o.real("window") / dt);
        long length = o.integer("L");
        return Cost.chain((double) length * o.integer("trajectories") * steps, length,
            o.integer("trajectories"), o.threadCount());
    }

    private static void run(Cli o) {
        Path out = Path.of(o.string("out"));
        double f = o.real("F");
        int length = (int) o.integer("L");
        double[] s1 = o.reals("sites");
        int[] sites = new int[s1.length];
        for (int i = 0; i < s1.length; i++) {
            sites[i] = (int) s1[i] - 1;
        }
        BoseHubbardChain chain = BoseHubbardChain.builder(length).boundaryDrive(f).build();
        long firstStep = ChainRuns.firstStep(o);
        long lagEvery = o.integer("lag-every");
        int lagsCount = (int) o.integer("lags");
        double dt = o.real("dt");
        EnsembleResult<Observations> run = ChainRuns.runWithBudget(o, length, f,
            () -> new EnsembleObserver<?>[] {Autocorrelation.observer(
                new SampleSchedule(firstStep, lagEvery), lagsCount, dt, sites)});
        Observations r = run.requireSuccess();
        int lagCount = (int) o.integer("lags");
        // C_l(tau_k) at index i * lags + k for the i-th site, with step errors under
        // --error-budget
        Estimate[] correlation = run.estimates(a -> {
            Autocorrelation c = a.get(3, Autocorrelation.class);
            Estimate[] e = new Estimate[sites.length * lagCount];
            for (int i = 0; i < sites.length; i++) {
                for (int k = 0; k < lagCount; k++) {
                    e[i * lagCount + k] = c.value(sites[i], k);
                }
            }
            return e;
        });
        ErrorBudgetOption.report("C_l(tau)", correlation);
        boolean budget = ErrorBudgetOption.budget(o) != null;
        WignerHistogram w = ChainRuns.histogram(o, r);
        Autocorrelation ac = r.get(3, Autocorrelation.class);
        List<double[]> table = new ArrayList<>();
        List<double[]> curves = new ArrayList<>();
        System.out.printf(Locale.ROOT, "%n  site  Gamma1  Gamma2  gammaS  S  (paper, L = 200: "
            + "l=30: 0.676 0.358 0.0012 0.0011; l=60: 0.670 0.678 0.0010 0.0009; "
            + "l=100: 0.954 0.954 0.0007 0.0007)%n");
        for (int si = 0; si < sites.length; si++) {
            int l = sites[si];
            DampedCosineFit.Result fit = DampedCosineFit.fit(ac, l, o.real("tau-max"));
            // jackknife over the trajectories (docs/fitting.md: covariance errors are too small)
            WignerFit two = WignerFitter.builder(Ansatz.TWO_PHOTON_DECAY).build()
                .fitWithJackknife(w, l, null);
            WignerFit sl = WignerFitter.builder(Ansatz.SCULLY_LAMB).build()
                .fitWithJackknife(w, l, null);
            Estimate g1 = fit.components().get(0).rate();
            Estimate g2 = fit.components().get(1).rate();
            Estimate gs = two.parameter("gammaS");
            Estimate sat = sl.parameter("S");
            table.add(new double[] {l + 1, g1.value(), g1.standardError(), g2.value(),
                g2.standardError(), fit.components().get(0).frequency().value(),
                fit.components().get(1).frequency().value(), gs.value(), gs.standardError(),
                sat.value(), sat.standardError(), two.status().ordinal(),
                sl.status().ordinal()});
            System.out.printf(Locale.ROOT, "  %4d  %s  %s  %s  %s%n", l + 1, g1, g2, gs, sat);
            int lags = ac.lags();
            double[] tau = new double[lags];
            double[] c = new double[lags];
            double[] err = new double[lags];
            double[] model = new double[lags];
            for (int k = 0; k < lags; k++) {
                tau[k] = ac.lag(k);
                Estimate e = correlation[si * lagCount + k];
                c[k] = e.value();
                err[k] = e.standardError();
                model[k] = fit.value(tau[k]);
                curves.add(ErrorBudgetOption.row(new double[] {l + 1, tau[k], c[k], err[k],
                    model[k]}, e));
            }
            XyPlot chart = Plots.xy(String.format(Locale.ROOT, "Fig. 16: C_l(τ), l = %d, "
                + "L = %d, F = %.1f", l + 1, length, f), "τ", "C_l(τ)");
            ChainRuns.line(chart, "TWA (Eq. 46)", tau, c, err);
            chart.reference(String.format(Locale.ROOT, "Eq. 47 fit: Γ_1 = %.3f, Γ_2 = %.3f",
                g1.value(), g2.value()), tau, model);
            Plots.save(chart, out.resolve(String.format(Locale.ROOT,
                "fit-fig16-autocorrelation_l%d.png", l + 1)));
        }
        o.write("fig16_table", List.of("site", "Gamma1", "Gamma1_err",
            "Gamma2", "Gamma2_err", "Omega1", "Omega2", "gammaS", "gammaS_err", "S", "S_err",
            "status_2pd", "status_sl"), ChainRuns.columns(table, 13));
        o.write("fig16_autocorrelation", ErrorBudgetOption.header(
            List.of("site", "tau", "C", "C_err", "fit"), budget, "C"),
            ChainRuns.columns(curves, budget ? 7 : 5));
        System.out.println("wrote " + out);
    }
}
