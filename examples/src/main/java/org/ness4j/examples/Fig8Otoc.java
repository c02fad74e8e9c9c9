package org.ness4j.examples;

import java.awt.Color;
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
import org.ness4j.examples.support.HeatMapPlot;
import org.ness4j.examples.support.TableOutput;
import org.ness4j.examples.support.Plots;
import org.ness4j.examples.support.XyPlot;
import org.ness4j.observables.PhaseOtoc;
import org.ness4j.sde.SdeAlgorithm;
import org.ness4j.sde.chain.ChainProblem;
import org.ness4j.sde.ensemble.Ensemble;
import org.ness4j.sde.ensemble.EnsemblePlan;
import org.ness4j.sde.ensemble.EnsembleResult;

/**
 * Reproduces Fig. 8 of paper 000: the phase OTOC \( D_{1,\ell}(\tau) \) of an L = 80 chain in
 * the chaotic (F = 7.5) and RNW (F = 12.5) regimes: its light cone (heat map), the growth at
 * sites 1, 10, ..., 80 (log scale), the Lyapunov exponent from the exponential growth and the
 * butterfly velocity from the arrival times, next to the paper's \( \lambda \simeq 2.8 \) and
 * \( v = 2J \). Paper: 5x10<sup>3</sup> trajectories; default here 200 ({@code --trajectories}).
 *
 * <p>With {@code --error-budget} ({@link ErrorBudgetOption}) a subset of the two-replica
 * trajectories is re-run at dt and dt/2 (both replicas on the same Brownian path, the kick at
 * the same time), {@code fig8_otoc.csv} gets the step error of every \( D_{1,\ell}(\tau) \)
 * ({@code D_step}, {@code D_step_err}), and the console prints the step errors of the
 * saturation value, \( \lambda \) and v next to them. All of these are smooth functions of
 * the ensemble means of \( D \) (a mean of a function of the state at a fixed time, which has
 * a weak error like any other), so Richardson's extrapolation applies, with two caveats
 * printed nowhere else: \( \lambda \) is fitted on the main run's growth window for all three
 * runs, and v interpolates threshold crossings, so its step error is only meaningful while the
 * crossings stay between the same delays at dt and dt/2. In the chaotic regime the dt and dt/2
 * trajectories decorrelate after a few Lyapunov times despite the common noise, so the
 * difference is about as noisy as for independent runs: expect step errors the budget
 * reports as unresolved unless it re-runs many trajectories. Measured ({@code --L 20
 * --trajectories 64 --group-size 2 --transient 100 --tau 30 --error-budget 32}): once D has
 * grown (tau >= 12), {@code D_step_err} is about 2.5x {@code D_err}, close to the 2.7x of
 * independent re-runs at dt and dt/2 of half the trajectories; 5269 of the 6020 step errors
 * were unresolved.
 */
public final class Fig8Otoc {

    private Fig8Otoc() {
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
        return new Cli("Fig8Otoc",
                "Paper 000 Fig. 8: the phase OTOC D_{1,l}(tau) of an L = 80 chain, its light "
                    + "cone, Lyapunov exponent and butterfly velocity.",
                Fig8Otoc::run).progress()
            .reals("F", "7.5,12.5", "drive amplitudes (units of gamma)")
            .integer("L", "80", "chain length (sites)")
            .integer("trajectories", "200", "Wigner trajectories (each run as 2 replicas) (count)")
            .integer("group-size", "10", "trajectories per statistical group")
            .real("dt", "0.01", "time step (units of 1/gamma)")
            .real("transient", "400", "time before the kick (stationary state) (units of 1/gamma)")
            .real("tau", "50", "largest delay (saturation: average over the last 25) (units of "
                + "1/gamma)")
            .integer("delay-every", "10", "steps between delays (steps)")
            .real("epsilon", "1e-4", "phase kick at site 1 (radians)")
            .text("algorithm", "splitstep", "integrator: " + Integrators.NAMES)
            // Paper 000, Fig. 8: L = 80, F = 7.5 and 12.5, 5e3 trajectories; transient, delays and
            // kick are not stated: quick's values
            .preset("paper", Map.of("L", "80", "F", "7.5,12.5", "trajectories", "5000"))
            .seed(8L)
            .threads()
            .output("out/fig8")
            .errorBudget()
            .cost(Fig8Otoc::cost);
    }

    /** The cost estimate printed before any work (the site-steps of all runs). */
    private static Cost cost(Cli o) {
        double dt = o.real("dt");
        long every = o.integer("delay-every");
        long steps = Math.round(o.real("transient") / dt)
            + every * Math.round(o.real("tau") / (every * dt));
        long length = o.integer("L");
        return Cost.chain((double) o.reals("F").length * 2 * length * o.integer("trajectories")
            * steps, 2 * length, o.integer("trajectories"), o.threadCount());
    }

    private static void run(Cli o) {
        int length = (int) o.integer("L");
        double dt = o.real("dt");
        long kickStep = Math.round(o.real("transient") / dt);
        int every = (int) o.integer("delay-every");
        int delays = (int) Math.round(o.real("tau") / (every * dt)) + 1;
        SdeAlgorithm algorithm = Integrators.byName(o.string("algorithm"));
        Path out = Path.of(o.string("out"));
        int[] sites = new int[length];
        for (int l = 0; l < length; l++) {
            sites[l] = l;
        }
        List<Double> cf = new ArrayList<>();
        List<Double> cl = new ArrayList<>();
        List<Double> ct = new ArrayList<>();
        List<Double> cd = new ArrayList<>();
        List<Double> ce = new ArrayList<>();
        List<double[]> stepRows = new ArrayList<>();
        PlanExecutor spark = Execution.spark(o);
        String algorithmName = o.string("algorithm");
        long trajectories = o.integer("trajectories");
        int groupSize = (int) o.integer("group-size");
        long seed = o.integer("seed");
        double epsilon = o.real("epsilon");
        for (double f : o.reals("F")) {
            EnsembleResult<PhaseOtoc> r;
            if (spark != null) {
                r = EnsemblePlan.execute(spark, () -> EnsemblePlan.of(ensemble(length, f,
                        algorithmName, trajectories, groupSize, dt, kickStep, every, delays,
                        seed, epsilon).build(),
                    PhaseOtoc.observer(kickStep, every, delays, dt, sites)),
                    Execution.inSteps(o.progressBar(String.format(Locale.ROOT, "F = %.2f", f)),
                        kickStep + (long) every * (delays - 1)));
            } else {
                Ensemble ensemble = ErrorBudgetOption.apply(o, ensemble(length, f,
                        algorithmName, trajectories, groupSize, dt, kickStep, every, delays,
                        seed, epsilon).threads((int) o.integer("threads"))
                    .progress(o.progressBar(String.format(Locale.ROOT, "F = %.2f", f)),
                        Duration.ofSeconds(1)))
                    .build();
                r = ensemble.run(PhaseOtoc.observer(kickStep, every, delays, dt, sites));
            }
            PhaseOtoc d = r.requireSuccess();
            // D_{1,l}(tau_j) at index l * delays + j, with step errors under --error-budget
            Estimate[] all = r.estimates(a -> {
                Estimate[] e = new Estimate[length * delays];
                for (int l = 0; l < length; l++) {
                    for (int j = 0; j < delays; j++) {
                        e[l * delays + j] = a.decorrelation(l, j);
                    }
                }
                return e;
            });
            ErrorBudgetOption.report(String.format(Locale.ROOT, "F = %.2f, D_{1,l}(tau)", f),
                all);
            System.out.printf(Locale.ROOT, "  F = %.2f done in %.1f s (%d trajectories)%n", f,
                r.elapsed().toMillis() / 1000.0, r.completedTrajectories());
            double[] tau = new double[delays];
            for (int j = 0; j < delays; j++) {
                tau[j] = d.delay(j);
            }
            double[][] map = new double[delays][length];
            for (int l = 0; l < length; l++) {
                for (int j = 0; j < delays; j++) {
                    Estimate e = all[l * delays + j];
                    map[j][l] = e.value();
                    cf.add(f);
                    cl.add(l + 1.0);
                    ct.add(tau[j]);
                    cd.add(e.value());
                    ce.add(e.standardError());
                    stepRows.add(ErrorBudgetOption.row(new double[0], e));
                }
            }
            plot(f, length, 2 * BoseHubbardChain.builder(length).build().hopping(), tau, map,
                out);
            report(r, d, length, delays);
        }
        boolean budget = ErrorBudgetOption.budget(o) != null;
        List<double[]> columns = new ArrayList<>(List.of(unbox(cf), unbox(cl), unbox(ct),
            unbox(cd), unbox(ce)));
        if (budget) {
            columns.addAll(List.of(TableOutput.columns(stepRows, 2)));
        }
        o.write("fig8_otoc", ErrorBudgetOption.header(List.of("F", "site",
            "tau", "D", "D_err"), budget, "D"), columns.toArray(new double[0][]));
        System.out.println("wrote " + out);
    }

    /**
     * The replica ensemble of one drive (without threads, progress or error budget): built in
     * the same way locally and, from numbers and names only, inside Spark tasks.
     */
    static Ensemble.Builder ensemble(int length, double f, String algorithm, long trajectories,
                                     int groupSize, double dt, long kickStep, int every,
                                     int delays, long seed, double epsilon) {
        return Ensemble.builder(ChainProblem.truncatedWigner(
                BoseHubbardChain.builder(length).boundaryDrive(f).build()))
            .algorithm(Integrators.byName(algorithm)).trajectories(trajectories)
            .groupSize(groupSize).dt(dt).steps(kickStep + (long) every * (delays - 1))
            .seed(seed).replicas(2, kickStep, PhaseOtoc.kick(0, epsilon));
    }

    /**
     * Prints lambda at a few sites and the butterfly velocity (with their step errors under
     * {@code --error-budget}: the windows and thresholds are chosen on the main run and applied
     * unchanged to the budget's re-runs).
     */
    private static void report(EnsembleResult<PhaseOtoc> r, PhaseOtoc d, int length,
                               int delays) {
        int late = Math.max(0, delays - (int) Math.round(25 / (d.delay(1) - d.delay(0))));
        int lateFrom = Math.min(late, delays - 1);
        System.out.printf(Locale.ROOT, "  saturation D_{1,L}(tau -> inf) over the last 25: %s%n",
            r.estimate(a -> a.saturation(length - 1, lateFrom)));
        for (int l : new int[] {0, length / 4, length / 2}) {
            // growth window: first run of delays with 1e-6 < D < 1e-2
            int from = -1;
            int to = -1;
            for (int j = 0; j < delays; j++) {
                double v = d.decorrelation(l, j).value();
                if (v > 1e-6 && v < 1e-2) {
                    if (from < 0) {
                        from = j;
                    }
                    to = j;
                } else if (from >= 0 && v >= 1e-2) {
                    break;
                }
            }
            if (from >= 0 && to - from >= 3) {
                int site = l;
                int first = from;
                int lastDelay = to;
                System.out.printf(Locale.ROOT, "  lambda at site %d (tau %.1f-%.1f): %s "
                    + "(paper: ~2.8 at F = 7.5)%n", l + 1, d.delay(from), d.delay(to),
                    r.estimate(a -> a.lyapunovExponent(site, first, lastDelay)));
            } else {
                System.out.printf(Locale.ROOT, "  site %d: no exponential growth window "
                    + "1e-6 < D < 1e-2%n", l + 1);
            }
        }
        int[] fit = new int[length / 2];
        for (int i = 0; i < fit.length; i++) {
            fit[i] = length / 4 + i * (length - length / 4) / fit.length;
        }
        System.out.printf(Locale.ROOT, "  butterfly velocity (threshold 1e-3, sites %d-%d): %s "
            + "(paper: v = 2J = 4)%n", fit[0] + 1, fit[fit.length - 1] + 1,
            r.estimate(a -> a.butterflyVelocity(0, 1e-3, fit)));
    }

    private static double[] thin(double[] a, int k) {
        double[] r = new double[(a.length + k - 1) / k];
        for (int i = 0; i < r.length; i++) {
            r[i] = a[i * k];
        }
        return r;
    }

    private static double[][] thinRows(double[][] a, int k) {
        double[][] r = new double[(a.length + k - 1) / k][];
        for (int i = 0; i < r.length; i++) {
            r[i] = a[i * k];
        }
        return r;
    }

    private static double[] unbox(List<Double> v) {
        return v.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /**
     * Draws Fig. 8: the light cone D_{1,l}(τ) over (τ, l) with the paper's v = 2J line, and the
     * growth D_{1,l}(τ) at l = 1, 10, 20, ... on a log axis (values ≤ 0 are left out, and
     * counted in the legend) with an exponential fitted to site 1 and the ergodic bound D = 1.
     *
     * @param f drive F
     * @param length L
     * @param velocity butterfly velocity of the reference line, 2J
     * @param tau delays
     * @param map D at [delay][site]
     * @param out output directory
     */
    static void plot(double f, int length, double velocity, double[] tau, double[][] map,
                     Path out) {
        String tag = String.format(Locale.ROOT, "F%.1f", f);
        XyPlot growth = Plots.xy(String.format(Locale.ROOT,
            "Fig. 8(b, c): D_{1,l}(τ), L = %d, F = %.1f", length, f), "τ", "D_{1,l}(τ)").logY();
        List<Integer> shown = new ArrayList<>();
        for (int l = 0; l < length; l++) {
            if (l == 0 || (l + 1) % 10 == 0) {
                shown.add(l);
            }
        }
        for (int k = 0; k < shown.size(); k++) {
            int l = shown.get(k);
            double[] dl = new double[tau.length];
            for (int j = 0; j < tau.length; j++) {
                dl[j] = map[j][l];
            }
            growth.line("l = " + (l + 1), tau, dl, null).markers(false)
                .color(HeatMapPlot.Palette.SEQUENTIAL.at(0.9 * k / Math.max(1, shown.size() - 1)));
        }
        // display fit of ln D at site L/4 + 1 over the window of report(): the first run of
        // delays with 1e-6 < D < 1e-2 (the printed lambda is PhaseOtoc.lyapunovExponent there)
        int site = length / 4;
        int from = -1;
        int to = -1;
        for (int j = 0; j < tau.length; j++) {
            double v = map[j][site];
            if (v > 1e-6 && v < 1e-2) {
                if (from < 0) {
                    from = j;
                }
                to = j;
            } else if (from >= 0 && v >= 1e-2) {
                break;
            }
        }
        double sx = 0;
        double sy = 0;
        double sxx = 0;
        double sxy = 0;
        int m = 0;
        for (int j = Math.max(from, 0); from >= 0 && j <= to; j++) {
            double v = map[j][site];
            if (v > 0) {
                double y = Math.log(v);
                sx += tau[j];
                sy += y;
                sxx += tau[j] * tau[j];
                sxy += tau[j] * y;
                m++;
            }
        }
        if (m >= 3 && to - from >= 3) {
            double lambda = (m * sxy - sx * sy) / (m * sxx - sx * sx);
            double c = (sy - lambda * sx) / m;
            // drawn over the fit window and one unit of tau either side
            List<Double> tx = new ArrayList<>();
            for (double t : tau) {
                if (t >= tau[from] - 1 && t <= tau[to] + 1) {
                    tx.add(t);
                }
            }
            double[] xs = unbox(tx);
            double[] ys = new double[xs.length];
            for (int i = 0; i < xs.length; i++) {
                ys[i] = Math.exp(c + lambda * xs[i]);
            }
            growth.reference(String.format(Locale.ROOT, "e^{λτ}, λ = %.2f (fit, l = %d)", lambda,
                site + 1), xs, ys).width(1.2f);
        }
        growth.hLine(1, "ergodic bound D = 1");
        Plots.save(growth, out.resolve("fig8_growth_" + tag + ".png"));
        double[] siteAxis = new double[length];
        for (int l = 0; l < length; l++) {
            siteAxis[l] = l + 1;
        }
        double[] tt = thin(tau, 4);
        double tMax = Math.min(tt[tt.length - 1], (length - 1) / velocity);
        HeatMapPlot cone = Plots.heatMap(String.format(Locale.ROOT,
                "Fig. 8(a): D_{1,l}(τ), L = %d, F = %.1f", length, f), "τ", "site l",
                tt, siteAxis, thinRows(map, 4))
            .colourBar("D_{1,l}(τ)").log(0).range(1e-8, 1)
            .overlay(String.format(Locale.ROOT, "l = 1 + vτ, v = 2J = %.3g", velocity),
                new double[] {0, tMax}, new double[] {1, 1 + velocity * tMax}, Color.WHITE);
        Plots.save(cone, out.resolve("fig8_lightcone_" + tag + ".png"));
    }
}
