package org.ness4j.examples.hydro;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.ness4j.examples.support.Cli;
import org.ness4j.examples.support.Cost;
import org.ness4j.examples.support.TableOutput;
import org.ness4j.examples.support.Plots;
import org.ness4j.examples.support.XyPlot;
import org.ness4j.hydro.toy.DomainWallCounter;
import org.ness4j.hydro.toy.DomainWallStatistics;
import org.ness4j.hydro.toy.ExponentialFit;
import org.ness4j.hydro.toy.ToyModel;
import org.ness4j.hydro.toy.TransferIntegral;

/**
 * Fig. 5 of paper 004: stationary domain-wall density \(n_{DW}\) of the toy model versus
 * \(\varepsilon\) with standard errors (over independent replicas) and the weighted fit
 * \(n_{DW} = A e^{-c/\sqrt\varepsilon}\).
 *
 * <p>The default is a reduced run (\(L = 2000\), 2 replicas, burn-in 300, 60 samples 5 apart)
 * of a few minutes on 2 cores; {@code --paper true} sets \(L = 10000\). Use
 * {@code --thermal 0} for the \(\xi\)-only run that the paper compares with the analytic
 * \(c\). Writes {@code wall_density_<tag>.csv}, {@code wall_density_series_<tag>.csv}
 * (equilibration check) and {@code wall_density_<tag>.png}.
 *
 * <p><b>Counter.</b> {@code --window} lists the smoothing windows of the wall counter: a length
 * in units of \(a\) (default 4, {@link DomainWallCounter#DEFAULT_WINDOW_LENGTH}) or
 * {@code quarter} (a quarter of the wall width, the old default,
 * {@link DomainWallCounter#forModelQuarterWallWidth}). The first is the counter of the figure and
 * of {@code wall_density_<tag>.csv}; every window counts the same snapshots.
 *
 * <p><b>Exact densities.</b> Without the conserved noise ({@code --thermal 0}) the stationary
 * state is a Gibbs measure, and {@link TransferIntegral} gives the exact wall density of the same
 * ring counted by the same counter ({@code --exact-samples} exact configurations per eps). It is
 * written next to the simulated one ({@code n_exact}, {@code n_exact_stderr}), for every window
 * in {@code wall_density_exact_<tag>.csv} (with the correlation length \(\xi\) and
 * \(1/(2\xi)\)), and the exponent c is fitted over every eps range of {@code --fit-ranges}
 * for the simulation and the exact values. {@code --simulate false} computes only the exact
 * values (seconds per eps).
 */
public final class HydroWallDensity {

    private HydroWallDensity() {
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
        return new Cli("HydroWallDensity",
                "Paper 004 Fig. 5: stationary domain-wall density of the toy model versus eps "
                    + "with the fit A exp(-c/sqrt(eps)).",
                HydroWallDensity::run)
            .reals("eps", "0.1,0.125,0.15,0.2,0.25,0.3,0.4", "couplings eps (rescaled units)")
            .real("gamma", "0.875", "gamma")
            .real("length", "2000", "system length L (units of a)")
            .flag("paper", "false", "paper size: L = 10000")
            .real("dx", "0.25", "grid spacing (units of a)")
            .real("dt", "0.001", "time step (rescaled time units of paper 004)")
            .real("noise-factor", "4", "nu in <xi xi> = nu a J eps (1-gamma) (paper: 4)")
            .real("thermal", "1", "2 D chi T of the conserved noise (paper: 1; 0 = off)")
            .integer("replicas", "2", "independent replicas per eps (>= 2 for error bars)")
            .real("burn-in", "300", "time before the first sample (rescaled time units of paper "
                + "004)")
            .real("interval", "5", "time between samples (rescaled time units of paper 004)")
            .integer("samples", "60", "samples per replica")
            // Paper 004, Fig. 5: L = 10000, gamma = 0.875, 2 D chi T = 1, dx = 0.25, dt = 0.001;
            // the eps values of the quick run are the figure's; the sampling and the replicas
            // are not stated: quick's values
            .preset("paper", Map.of("length", "10000", "gamma", "0.875", "thermal", "1",
                "dx", "0.25", "dt", "0.001"))
            .seed(5L)
            .threads()
            .text("window", "4,quarter", "counter windows: lengths (units of a) or 'quarter'"
                + " (quarter wall width, the old default); the first is the figure's")
            .flag("exact", "true", "exact transfer-integral densities (needs --thermal 0)")
            .integer("exact-samples", "1000", "exact configurations per eps")
            .flag("simulate", "true", "run the SPDE simulation (false: exact values only)")
            .text("fit-ranges", "0.1-0.4,0.2-0.4", "eps ranges lo-hi of the reported fits of c")
            .text("tag", "", "file-name tag (empty: derived from the noise settings)")
            .output("out/hydro")
            .cost(HydroWallDensity::cost);
    }

    /** The cost estimate printed before any work (the site-steps of all runs). */
    private static Cost cost(Cli o) {
        if (!o.bool("simulate")) {
            return Cost.none();
        }
        double length = o.bool("paper") ? 10000 : o.real("length");
        double cells = Math.rint(length / o.real("dx"));
        double steps = (o.real("burn-in") + o.real("interval") * o.integer("samples"))
            / o.real("dt");
        return Cost.hydro(o.reals("eps").length * o.integer("replicas") * cells * steps,
            (long) cells, true);
    }

    private static void run(Cli o) {
        double[] eps = o.reals("eps");
        double length = o.bool("paper") ? 10000 : o.real("length");
        double nu = o.real("noise-factor");
        double thermal = o.real("thermal");
        String tag = o.string("tag").isEmpty()
            ? String.format(Locale.ROOT, "nu%s_th%s_L%d", fmt(nu), fmt(thermal), Math.round(length))
            : o.string("tag");
        Path out = Path.of(o.string("out"));
        DomainWallStatistics.Settings settings = new DomainWallStatistics.Settings(
            (int) o.integer("replicas"), o.real("burn-in"), o.real("interval"),
            (int) o.integer("samples"), o.integer("seed"), (int) o.integer("threads"));
        String[] windows = o.string("window").split(",");
        boolean exact = o.bool("exact");
        if (exact && thermal != 0) {
            System.out.println("no exact densities: the conserved noise is on (--thermal "
                + fmt(thermal) + "); the stationary state is then not a Gibbs measure");
            exact = false;
        }
        boolean simulate = o.bool("simulate");
        if (!simulate && !exact) {
            throw new IllegalArgumentException("--simulate false needs the exact densities"
                + " (--exact true --thermal 0)");
        }
        int exactSamples = (int) o.integer("exact-samples");
        int k = eps.length;
        int nw = windows.length;
        double[][] n = new double[nw][k];
        double[][] err = new double[nw][k];
        double[][] nx = new double[nw][k];
        double[][] errx = new double[nw][k];
        double[][] windowCells = new double[nw][k];
        double[] xi = new double[k];
        double[] nXi = new double[k];
        double[][] series = new double[2 * k][];
        ToyModel last = null;
        long t0 = System.nanoTime();
        for (int i = 0; i < k; i++) {
            ToyModel model = ToyModel.builder().eps(eps[i]).gamma(o.real("gamma")).length(length)
                .dx(o.real("dx")).dt(o.real("dt")).drivenNoiseFactor(nu)
                .thermalNoiseStrength(thermal).build();
            last = model;
            List<DomainWallCounter> counters = new ArrayList<>();
            for (int w = 0; w < nw; w++) {
                counters.add(counter(model, windows[w]));
                windowCells[w][i] = counters.get(w).window();
            }
            if (simulate) {
                List<DomainWallStatistics.Result> rs = DomainWallStatistics.measure(model,
                    counters, settings);
                for (int w = 0; w < nw; w++) {
                    n[w][i] = rs.get(w).density();
                    err[w][i] = rs.get(w).standardError();
                }
                series[2 * i] = rs.get(0).sampleTimes();
                series[2 * i + 1] = rs.get(0).meanSeries();
            }
            if (exact) {
                TransferIntegral t = TransferIntegral.of(model);
                List<TransferIntegral.WallDensity> ws = t.wallDensities(counters, model.cells(),
                    exactSamples, o.integer("seed"));
                for (int w = 0; w < nw; w++) {
                    nx[w][i] = ws.get(w).density();
                    errx[w][i] = ws.get(w).standardError();
                }
                xi[i] = t.correlationLength();
                nXi[i] = 0.5 / xi[i];
            }
            for (int w = 0; w < nw; w++) {
                System.out.printf(Locale.ROOT, "eps = %.4f, window %s (%d cells):%s%s  (%.0f s so"
                        + " far)%n", eps[i], windows[w], (int) windowCells[w][i],
                    simulate ? String.format(Locale.ROOT, " n_DW = %.5g +- %.2g", n[w][i],
                        err[w][i]) : "",
                    exact ? String.format(Locale.ROOT, " exact %.5g +- %.2g", nx[w][i],
                        errx[w][i]) : "", (System.nanoTime() - t0) * 1e-9);
            }
            if (exact) {
                System.out.printf(Locale.ROOT, "eps = %.4f: correlation length xi = %.5g,"
                    + " 1/(2 xi) = %.5g%n", eps[i], xi[i], nXi[i]);
            }
        }
        if (exact) {
            List<String> h = new ArrayList<>(List.of("eps", "xi", "n_xi"));
            List<double[]> cols = new ArrayList<>(List.of(eps, xi, nXi));
            for (int w = 0; w < nw; w++) {
                String lab = label(windows[w]);
                h.addAll(List.of("window_cells_" + lab, "n_exact_" + lab, "n_exact_stderr_" + lab));
                cols.addAll(List.of(windowCells[w], nx[w], errx[w]));
            }
            o.write("wall_density_exact_" + tag, h,
                cols.toArray(new double[0][]));
        }
        String[] ranges = o.string("fit-ranges").split(",");
        for (int w = 0; w < nw; w++) {
            for (String range : ranges) {
                String[] lh = range.split("-");
                double lo = Double.parseDouble(lh[0]);
                double hi = Double.parseDouble(lh[1]);
                String sim = simulate ? fitText(eps, n[w], err[w], lo, hi) : "-";
                String ex = exact ? fitText(eps, nx[w], errx[w], lo, hi) : "-";
                System.out.printf(Locale.ROOT, "fit n_DW = A exp(-c/sqrt(eps)), window %s, eps"
                    + " %s-%s: simulation %s; exact %s%n", windows[w], fmt(lo), fmt(hi), sim, ex);
            }
        }
        if (exact) {
            for (String range : ranges) {
                String[] lh = range.split("-");
                System.out.printf(Locale.ROOT, "fit of 1/(2 xi) (no counter), eps %s: %s%n", range,
                    fitText(eps, nXi, null, Double.parseDouble(lh[0]), Double.parseDouble(lh[1])));
            }
        }
        if (!simulate) {
            return;
        }
        String[] sh = new String[2 * k];
        for (int i = 0; i < k; i++) {
            sh[2 * i] = "t_eps" + eps[i];
            sh[2 * i + 1] = "n_eps" + eps[i];
        }
        o.write("wall_density_series_" + tag, List.of(sh), series);
        boolean positive = true;
        for (int i = 0; i < k; i++) {
            positive &= n[0][i] > 0 && err[0][i] > 0;
        }
        double[] fitted = new double[k];
        double[] fitAc = {Double.NaN, Double.NaN};
        if (positive && k >= 2) {
            ExponentialFit fit = ExponentialFit.fit(eps, n[0], err[0]);
            System.out.printf(Locale.ROOT, "fit n_DW = A exp(-c/sqrt(eps)): A = %.4g +- %.2g,"
                    + " c = %.4f +- %.4f, chi2/dof = %.3g/%d%n", fit.amplitude(),
                fit.amplitudeError(), fit.exponent(), fit.exponentError(), fit.chiSquare(),
                fit.degreesOfFreedom());
            System.out.printf(Locale.ROOT, "paper (xi + xi_th): A = 3.2e-2, c = 0.774;"
                    + " analytic c (xi only): %.4f with the paper's T_eff = eps J (1-gamma),"
                    + " %.4f with model-A FDT T_eff = nu eps J (1-gamma)/2%n",
                last.analyticExponent(2), last.analyticExponent(nu));
            for (int i = 0; i < k; i++) {
                fitted[i] = fit.value(eps[i]);
            }
            fitAc = new double[] {fit.amplitude(), fit.exponent()};
        } else {
            System.out.println(k < 2 ? "no fit: fewer than 2 eps (the fit column is 0)"
                : "no fit: some densities or errors are zero (the fit column is 0)");
        }
        if (exact) {
            o.write("wall_density_" + tag,
                List.of("eps", "n_dw", "n_dw_stderr", "fit", "n_exact", "n_exact_stderr"), eps,
                n[0], err[0], fitted, nx[0], errx[0]);
        } else {
            o.write("wall_density_" + tag,
                List.of("eps", "n_dw", "n_dw_stderr", "fit"), eps, n[0], err[0], fitted);
        }
        plot("Domain-wall density, " + tag + ", window " + windows[0], eps, n[0], err[0],
            exact ? nx[0] : null, exact ? errx[0] : null, fitAc[0], fitAc[1],
            out.resolve("wall_density_" + tag + ".png"));
    }

    /** The counter for a --window entry: a length in units of a, or "quarter". */
    private static DomainWallCounter counter(ToyModel model, String window) {
        String w = window.trim();
        if (w.equals("quarter")) {
            return DomainWallCounter.forModelQuarterWallWidth(model);
        }
        double length;
        try {
            length = Double.parseDouble(w);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--window entries must be lengths or 'quarter': "
                + window, e);
        }
        return DomainWallCounter.forModel(model, length);
    }

    private static String label(String window) {
        String w = window.trim();
        return w.equals("quarter") ? "quarter" : "L" + w;
    }

    /** "c = .. +- .., A = .., chi2/dof" of the weighted fit over eps in [lo, hi] (or "-"). */
    private static String fitText(double[] eps, double[] n, double[] err, double lo, double hi) {
        List<double[]> rows = new ArrayList<>();
        for (int i = 0; i < eps.length; i++) {
            if (eps[i] >= lo - 1e-12 && eps[i] <= hi + 1e-12) {
                double e = err == null ? 1e-3 * n[i] : err[i];
                if (!(n[i] > 0 && e > 0)) {
                    return "- (a zero density or error)";
                }
                rows.add(new double[] {eps[i], n[i], e});
            }
        }
        if (rows.size() < 2) {
            return "- (fewer than 2 eps in range)";
        }
        double[][] c = TableOutput.columns(rows, 3);
        ExponentialFit f = ExponentialFit.fit(c[0], c[1], c[2]);
        return err == null
            ? String.format(Locale.ROOT, "c = %.4f, A = %.4g (%d points)", f.exponent(),
                f.amplitude(), rows.size())
            : String.format(Locale.ROOT, "c = %.4f +- %.4f, A = %.4g, chi2/dof = %.3g/%d",
                f.exponent(), f.exponentError(), f.amplitude(), f.chiSquare(),
                f.degreesOfFreedom());
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
    }

    /**
     * Draws the domain-wall density over ε on a log axis with the fit A exp(−c/√ε) and the
     * paper's fit (A = 3.2×10⁻², c = 0.774, Fig. 5 of paper 004) as reference lines (also used
     * by {@link org.ness4j.examples.Replot}).
     *
     * @param title title
     * @param eps ε values
     * @param n simulated densities
     * @param err their standard errors
     * @param exact transfer-integral densities, or {@code null}
     * @param exactErr their errors, or {@code null}
     * @param a fitted amplitude, NaN for none
     * @param c fitted exponent, NaN for none
     * @param file PNG path
     */
    public static void plot(String title, double[] eps, double[] n, double[] err, double[] exact,
                     double[] exactErr, double a, double c, Path file) {
        XyPlot chart = Plots.xy(title, "ε", "n_{DW}").logY();
        chart.line("simulation", eps, n, err).hue(0);
        if (exact != null) {
            chart.line("exact (transfer integral)", eps, exact, exactErr).hue(1).dashed();
        }
        int p = 200;
        double[] fx = new double[p];
        double[] fy = new double[p];
        double[] py = new double[p];
        for (int i = 0; i < p; i++) {
            fx[i] = eps[0] + (eps[eps.length - 1] - eps[0]) * i / (p - 1);
            fy[i] = a * Math.exp(-c / Math.sqrt(fx[i]));
            py[i] = 3.2e-2 * Math.exp(-0.774 / Math.sqrt(fx[i]));
        }
        if (Double.isFinite(a) && Double.isFinite(c)) {
            chart.line(String.format(Locale.ROOT, "fit A e^{−c/√ε}: A = %.3g, c = %.3f", a, c),
                fx, fy, null).hue(0).dashed().markers(false);
        }
        chart.reference("paper 004 fit (ξ + ξ_{th}): A = 0.032, c = 0.774", fx, py).dotted();
        Plots.save(chart, file);
    }
}
