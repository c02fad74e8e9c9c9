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
import org.ness4j.examples.support.Execution;
import org.ness4j.examples.support.Cost;
import org.ness4j.examples.support.TableOutput;
import org.ness4j.examples.support.Plots;
import org.ness4j.examples.support.XyPlot;
import org.ness4j.observables.SiteSeries;
import org.ness4j.sde.chain.ChainProblem;
import org.ness4j.sde.ensemble.Ensemble;
import org.ness4j.sde.ensemble.EnsemblePlan;
import org.ness4j.sde.ensemble.EnsembleResult;
import org.ness4j.sde.ensemble.SampleSchedule;

/**
 * Fig. 7(b) of paper 000: the time \( t_{ss} \) the chain needs, from the vacuum, to reach the
 * resonant-nonlinear-wave steady state, versus L for several drive strengths, with the
 * exponential fit \( t_{ss} = A e^{L/\xi} \) (least squares on \( \ln t_{ss} \)).
 *
 * <p>\( t_{ss} \) is {@link SiteSeries#steadyStateTime} of \( n_L(t) \): the first sampled time
 * after which the ensemble mean stays within a relative {@code --tolerance} of its mean over the
 * final {@code --plateau} time (widened by three standard errors), counted only if the RNW state
 * is reached ({@code n_L(t_max) >= --rnw-min}; the chaotic plateau also settles, at n_L ~ 14). As
 * in the paper, a series is truncated at the first L that does not reach the RNW state before
 * {@code --time}; that point is reported as not settled.
 *
 * <p>With {@code --error-budget} ({@link ErrorBudgetOption}) {@code fig7b_tss.csv} gets the
 * step error of \( n_L(t_{max}) \) ({@code n_L_tmax_step}, {@code n_L_tmax_step_err}), and the
 * points of \( n_L(t) \) whose step error exceeds the statistical error are counted on the
 * console. \( t_{ss} \) itself gets no step error: it is the first sampled time at which the
 * series enters a band, a step function of the ensemble means (and of their standard errors,
 * which differ between the main run and the budget's subset), so the Richardson difference of
 * two such times is not a smooth function of dt; neither are the fits of {@code fig7b_fits.csv}
 * built on it. The step errors of the series that defines it are what the console reports.
 */
public final class Fig7Tss {

    private Fig7Tss() {
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
        return new Cli("Fig7Tss",
                "Paper 000 Fig. 7(b): the time t_ss to reach the RNW steady state versus L, with "
                    + "exponential fits.",
                Fig7Tss::run).progress()
            .reals("F", "12,12.5,13", "drive amplitudes (units of gamma)")
            .reals("L", "50,100,150,200", "chain lengths (sites)")
            .integer("trajectories", "64", "Wigner trajectories per point (count)")
            .real("dt", "0.04", "time step (split-step scheme) (units of 1/gamma)")
            .real("time", "8000", "run time t_max (units of 1/gamma)")
            .real("every", "10", "time between samples of n_L(t) (units of 1/gamma)")
            .real("plateau", "1000", "final time window defining the plateau (units of 1/gamma)")
            .real("tolerance", "0.05", "relative band around the plateau")
            .real("rnw-min", "40", "n_L(t_max) above which the RNW state counts as reached "
                + "(RNW plateau ~47.6, chaotic ~14)")
            // Paper 000, Fig. 7: 200 trajectories up to t_max = 1e5, plateau window Delta t = 1e3;
            // the L points and the three drives of Fig. 7(b) are not stated in the text: quick's
            .preset("paper", Map.of("trajectories", "200", "time", "100000", "every", "100",
                "plateau", "1000"))
            .seed(11L)
            .threads()
            .output("out/fig7b")
            .errorBudget()
            .cost(Fig7Tss::cost);
    }

    /** The cost estimate printed before any work (the site-steps of all runs). */
    private static Cost cost(Cli o) {
        long steps = Math.round(o.real("time") / o.real("dt"));
        double siteSteps = 0;
        long largest = 0;
        for (double l : o.reals("L")) {
            siteSteps += o.reals("F").length * l * o.integer("trajectories") * steps;
            largest = Math.max(largest, (long) l);
        }
        return Cost.chain(siteSteps, largest, o.integer("trajectories"), o.threadCount());
    }

    private static void run(Cli o) {
        double dt = o.real("dt");
        long steps = Math.round(o.real("time") / dt);
        long every = Math.round(o.real("every") / dt);
        int times = (int) (steps / every) + 1;
        int plateau = Math.max(1, (int) Math.round(o.real("plateau") / o.real("every")));
        double tolerance = o.real("tolerance");
        List<double[]> rows = new ArrayList<>();
        List<double[]> fits = new ArrayList<>();
        PlanExecutor spark = Execution.spark(o);
        long trajectories = o.integer("trajectories");
        long seed = o.integer("seed");
        for (double f : o.reals("F")) {
            List<Double> ls = new ArrayList<>();
            List<Double> ts = new ArrayList<>();
            for (double lv : o.reals("L")) {
                int length = (int) lv;
                String label = String.format(Locale.ROOT, "F = %.2f, L = %d", f, length);
                EnsembleResult<SiteSeries> run = spark != null
                    ? EnsemblePlan.execute(spark, () -> EnsemblePlan.of(ensemble(length, f,
                            trajectories, dt, steps, seed).build(),
                        SiteSeries.observer(new SampleSchedule(0, every), times, dt,
                            length - 1)), Execution.inSteps(o.progressBar(label), steps))
                    : ErrorBudgetOption.apply(o, ensemble(length, f, trajectories, dt, steps,
                            seed).threads((int) o.integer("threads"))
                        .progress(o.progressBar(label), Duration.ofSeconds(1)))
                    .build().run(SiteSeries.observer(new SampleSchedule(0, every), times, dt,
                        length - 1));
                SiteSeries s = run.requireSuccess();
                // n_L(t), with step errors under --error-budget (the last one is n_L(t_max))
                Estimate[] series = run.estimates(a -> {
                    Estimate[] e = new Estimate[times];
                    for (int j = 0; j < times; j++) {
                        e[j] = a.photonNumber(length - 1, j);
                    }
                    return e;
                });
                ErrorBudgetOption.report(String.format(Locale.ROOT, "F = %.2f, L = %d, n_L(t)",
                    f, length), series);
                double nEnd = s.photonNumber(length - 1, times - 1).value();
                // t_ss only counts when the RNW state is reached (paper: "whenever the RNW
                // regime has been reached at the final time"); a chaotic plateau does not
                double tss = nEnd >= o.real("rnw-min")
                    ? s.steadyStateTime(length - 1, plateau, tolerance) : Double.NaN;
                rows.add(ErrorBudgetOption.row(new double[] {f, length,
                    Double.isNaN(tss) ? -1 : tss, s.photonNumber(length - 1, times - 1).value()},
                    series[times - 1]));
                System.out.printf(Locale.ROOT, "  F = %.2f, L = %d: t_ss = %s, n_L(t_max) = %s%n",
                    f, length, Double.isNaN(tss) ? "not settled" : String.format(Locale.ROOT,
                        "%.0f", tss), s.photonNumber(length - 1, times - 1));
                if (Double.isNaN(tss)) {
                    break; // truncated as in the paper
                }
                ls.add(lv);
                ts.add(tss);
            }
            double[] x = ls.stream().mapToDouble(Double::doubleValue).toArray();
            double[] y = ts.stream().mapToDouble(Double::doubleValue).toArray();
            if (x.length >= 3) {
                double[] fit = logLinearFit(x, y);
                fits.add(new double[] {f, Math.exp(fit[0]), 1 / fit[1], fit[2] / (fit[1] * fit[1]),
                    x.length});
                System.out.printf(Locale.ROOT, "  F = %.2f: t_ss = %.3g exp(L / %.1f), "
                    + "xi = %.1f +- %.1f sites (%d points)%n", f, Math.exp(fit[0]), 1 / fit[1],
                    1 / fit[1], fit[2] / (fit[1] * fit[1]), x.length);
            }
        }
        Path out = Path.of(o.string("out"));
        plot(rows, fits, out);
        boolean budget = ErrorBudgetOption.budget(o) != null;
        o.write("fig7b_tss", ErrorBudgetOption.header(List.of("F", "L",
            "t_ss_or_minus1", "n_L_tmax"), budget, "n_L_tmax"), TableOutput.columns(rows,
            budget ? 6 : 4));
        o.write("fig7b_fits", List.of("F", "A", "xi", "xi_err", "points"),
            TableOutput.columns(fits, 5));
        System.out.println("wrote " + out);
    }

    /**
     * The ensemble of one (F, L) (split-step; without threads, progress or error budget):
     * built in the same way locally and, from numbers only, inside Spark tasks.
     */
    static Ensemble.Builder ensemble(int length, double f, long trajectories, double dt,
                                     long steps, long seed) {
        return Ensemble.builder(ChainProblem.truncatedWigner(
                BoseHubbardChain.builder(length).boundaryDrive(f).build()))
            .algorithm(Integrators.byName("splitstep")).trajectories(trajectories).dt(dt)
            .steps(steps).seed(seed);
    }

    /**
     * Least squares of {@code ln y = a + b x}.
     *
     * @return {a, b, standard error of b from the residuals}
     */
    private static double[] logLinearFit(double[] x, double[] y) {
        int n = x.length;
        double mx = 0;
        double my = 0;
        for (int i = 0; i < n; i++) {
            mx += x[i] / n;
            my += Math.log(y[i]) / n;
        }
        double sxx = 0;
        double sxy = 0;
        for (int i = 0; i < n; i++) {
            sxx += (x[i] - mx) * (x[i] - mx);
            sxy += (x[i] - mx) * (Math.log(y[i]) - my);
        }
        double b = sxy / sxx;
        double a = my - b * mx;
        double rss = 0;
        for (int i = 0; i < n; i++) {
            double r = Math.log(y[i]) - a - b * x[i];
            rss += r * r;
        }
        double seB = n > 2 ? Math.sqrt(rss / (n - 2) / sxx) : Double.NaN;
        return new double[] {a, b, seB};
    }

    /**
     * Draws Fig. 7(b): t_ss over L on a log axis, per F, with the exponential fit
     * t_ss = A exp(L/ξ) dashed in the same hue (also used by {@link Replot}).
     *
     * @param rows F, L, t_ss or -1, ... (fig7b_tss.csv)
     * @param fits F, A, ξ, ξ_err, points (fig7b_fits.csv)
     * @param out output directory
     */
    static void plot(List<double[]> rows, List<double[]> fits, Path out) {
        XyPlot chart = Plots.xy("Fig. 7(b): RNW onset time", "L", "t_{ss}").logY();
        int k = 0;
        for (List<double[]> g : Fig3Profiles.byDrive(rows)) {
            double f = g.get(0)[0];
            List<double[]> reached = new ArrayList<>();
            for (double[] r : g) {
                if (r[2] >= 0) {
                    reached.add(r);
                }
            }
            if (reached.isEmpty()) {
                k++;
                continue;
            }
            double[] x = Fig3Profiles.column(reached, 1);
            chart.line(String.format(Locale.ROOT, "F = %.1f", f), x,
                Fig3Profiles.column(reached, 2), null).hue(k).markers(true).lines(false);
            for (double[] fit : fits) {
                if (fit[0] == f) {
                    double[] yf = new double[x.length];
                    for (int i = 0; i < x.length; i++) {
                        yf[i] = fit[1] * Math.exp(x[i] / fit[2]);
                    }
                    chart.line(String.format(Locale.ROOT, "A e^{L/ξ}, ξ = %.1f ± %.1f", fit[2],
                        fit[3]), x, yf, null).hue(k).dashed().markers(false);
                }
            }
            k++;
        }
        Plots.save(chart, out.resolve("fig7b_tss.png"));
    }
}
