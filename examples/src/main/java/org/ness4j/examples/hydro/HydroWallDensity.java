package org.ness4j.examples.hydro;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.ness4j.examples.support.Csv;
import org.ness4j.examples.support.Options;
import org.ness4j.examples.support.Plots;
import org.ness4j.hydro.toy.DomainWallCounter;
import org.ness4j.hydro.toy.DomainWallStatistics;
import org.ness4j.hydro.toy.ExponentialFit;
import org.ness4j.hydro.toy.ToyModel;

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
        Options o = new Options("HydroWallDensity")
            .declare("eps", "0.1,0.125,0.15,0.2,0.25,0.3,0.4", "couplings eps (rescaled units)")
            .declare("gamma", "0.875", "gamma")
            .declare("length", "2000", "system length L")
            .declare("paper", "false", "paper size: L = 10000")
            .declare("dx", "0.25", "grid spacing")
            .declare("dt", "0.001", "time step")
            .declare("noise-factor", "4", "nu in <xi xi> = nu a J eps (1-gamma) (paper: 4)")
            .declare("thermal", "1", "2 D chi T of the conserved noise (paper: 1; 0 = off)")
            .declare("replicas", "2", "independent replicas per eps (>= 2 for error bars)")
            .declare("burn-in", "300", "time before the first sample")
            .declare("interval", "5", "time between samples")
            .declare("samples", "60", "samples per replica")
            .declare("seed", "5", "master seed")
            .declare("threads", String.valueOf(Runtime.getRuntime().availableProcessors()),
                "worker threads (does not change the result)")
            .declare("tag", "", "file-name tag (default: derived from the noise settings)")
            .declare("out", "out/hydro", "output directory");
        if (!o.parse(args)) {
            return;
        }
        double[] eps = o.reals("eps");
        double length = Boolean.parseBoolean(o.string("paper")) ? 10000 : o.real("length");
        double nu = o.real("noise-factor");
        double thermal = o.real("thermal");
        String tag = o.string("tag").isEmpty()
            ? String.format(Locale.ROOT, "nu%s_th%s_L%d", fmt(nu), fmt(thermal), Math.round(length))
            : o.string("tag");
        Path out = Path.of(o.string("out"));
        DomainWallStatistics.Settings settings = new DomainWallStatistics.Settings(
            (int) o.integer("replicas"), o.real("burn-in"), o.real("interval"),
            (int) o.integer("samples"), o.integer("seed"), (int) o.integer("threads"));
        int k = eps.length;
        double[] n = new double[k];
        double[] err = new double[k];
        double[][] series = new double[2 * k][];
        ToyModel last = null;
        long t0 = System.nanoTime();
        for (int i = 0; i < k; i++) {
            ToyModel model = ToyModel.builder().eps(eps[i]).gamma(o.real("gamma")).length(length)
                .dx(o.real("dx")).dt(o.real("dt")).drivenNoiseFactor(nu)
                .thermalNoiseStrength(thermal).build();
            last = model;
            DomainWallStatistics.Result r = DomainWallStatistics.measure(model,
                DomainWallCounter.forModel(model), settings);
            n[i] = r.density();
            err[i] = r.standardError();
            series[2 * i] = r.sampleTimes();
            series[2 * i + 1] = r.meanSeries();
            System.out.printf(Locale.ROOT, "eps = %.4f: n_DW = %.5g +- %.2g  (%.0f s so far)%n",
                eps[i], n[i], err[i], (System.nanoTime() - t0) * 1e-9);
        }
        String[] sh = new String[2 * k];
        for (int i = 0; i < k; i++) {
            sh[2 * i] = "t_eps" + eps[i];
            sh[2 * i + 1] = "n_eps" + eps[i];
        }
        Csv.write(out.resolve("wall_density_series_" + tag + ".csv"), List.of(sh), series);
        XYChart chart = Plots.xy("Domain-wall density, " + tag, "eps", "n_DW");
        chart.getStyler().setYAxisLogarithmic(true);
        Plots.line(chart, "simulation", eps, n, err);
        boolean positive = true;
        for (int i = 0; i < k; i++) {
            positive &= n[i] > 0 && err[i] > 0;
        }
        double[] fitted = new double[k];
        if (positive && k >= 2) {
            ExponentialFit fit = ExponentialFit.fit(eps, n, err);
            System.out.printf(Locale.ROOT, "fit n_DW = A exp(-c/sqrt(eps)): A = %.4g +- %.2g,"
                    + " c = %.4f +- %.4f, chi2/dof = %.3g/%d%n", fit.amplitude(),
                fit.amplitudeError(), fit.exponent(), fit.exponentError(), fit.chiSquare(),
                fit.degreesOfFreedom());
            System.out.printf(Locale.ROOT, "paper (xi + xi_th): A = 3.2e-2, c = 0.774;"
                    + " analytic c (xi only): %.4f with the paper's T_eff = eps J (1-gamma),"
                    + " %.4f with model-A FDT T_eff = nu eps J (1-gamma)/2%n",
                last.analyticExponent(2), last.analyticExponent(nu));
            int p = 200;
            double[] fx = new double[p];
            double[] fy = new double[p];
            for (int i = 0; i < p; i++) {
                fx[i] = eps[0] + (eps[k - 1] - eps[0]) * i / (p - 1);
                fy[i] = fit.value(fx[i]);
            }
            for (int i = 0; i < k; i++) {
                fitted[i] = fit.value(eps[i]);
            }
            XYSeries s = chart.addSeries(String.format(Locale.ROOT, "fit A=%.3g, c=%.3f",
                fit.amplitude(), fit.exponent()), fx, fy);
            s.setMarker(SeriesMarkers.NONE);
        } else {
            System.out.println("no fit: some densities or errors are zero");
        }
        Csv.write(out.resolve("wall_density_" + tag + ".csv"),
            List.of("eps", "n_dw", "n_dw_stderr", "fit"), eps, n, err, fitted);
        Plots.savePng(chart, out.resolve("wall_density_" + tag + ".png"));
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
    }
}
