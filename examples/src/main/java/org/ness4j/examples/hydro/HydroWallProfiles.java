package org.ness4j.examples.hydro;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.ness4j.examples.support.Cli;
import org.ness4j.examples.support.Cost;
import org.ness4j.examples.support.Plots;
import org.ness4j.examples.support.XyPlot;
import org.ness4j.hydro.toy.ToyModel;
import org.ness4j.hydro.toy.ToyModelStepper;

/**
 * Fig. 3 of paper 004: the noise-free domain wall of the toy model (Eq. 15) for several
 * \(\varepsilon\), relaxed from a step, against Eq. 16 \(m_0\tanh(r\sqrt\varepsilon/x_0)\).
 *
 * <p>Writes {@code wall_profiles.csv}, {@code wall_profiles.png} (rescaled coordinate
 * \(x = r\sqrt\varepsilon\): all curves collapse) and {@code wall_profiles_raw.png} (the inset:
 * non-rescaled \(r\)). Default run: about 20 s.
 */
public final class HydroWallProfiles {

    private HydroWallProfiles() {
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
        return new Cli("HydroWallProfiles",
                "Paper 004 Fig. 3: the noise-free domain wall of the toy model (Eq. 15) against "
                    + "Eq. 16.",
                HydroWallProfiles::run)
            .reals("eps", "0.05,0.1,0.2,0.4", "couplings eps (rescaled units)")
            .real("gamma", "0.875", "gamma (> 0.8 for walls)")
            .real("length", "400", "system length L (two walls, at 0 and L/2) (units of a)")
            .real("dx", "0.25", "grid spacing (units of a)")
            .real("dt", "0.001", "time step (rescaled time units of paper 004)")
            .real("relax", "40", "relaxation time in units of 1/eps")
            // Paper 004, Fig. 3: gamma = 0.875, dx = 0.25, dt = 0.001 (the defaults); the eps
            // values, length and relaxation time are not stated: quick's values
            .preset("paper", Map.of("gamma", "0.875", "dx", "0.25", "dt", "0.001"))
            .output("out/hydro")
            .cost(HydroWallProfiles::cost);
    }

    /** The cost estimate printed before any work (the site-steps of all runs). */
    private static Cost cost(Cli o) {
        double cells = Math.rint(o.real("length") / o.real("dx"));
        double cellSteps = 0;
        for (double eps : o.reals("eps")) {
            cellSteps += cells * o.real("relax") / eps / o.real("dt");
        }
        return Cost.hydro(cellSteps, (long) cells, false);
    }

    private static void run(Cli o) {
        double[] epsList = o.reals("eps");
        Path out = Path.of(o.string("out"));
        XyPlot scaled = Plots.xy("Noise-free domain wall (Eq. 16)", "x = r√ε", "m");
        XyPlot raw = Plots.xy("Noise-free domain wall, raw", "r", "m");
        int hue = 0;
        List<String> header = new ArrayList<>();
        List<double[]> columns = new ArrayList<>();
        ToyModel any = null;
        for (double eps : epsList) {
            ToyModel model = ToyModel.builder().eps(eps).gamma(o.real("gamma"))
                .drivenNoiseFactor(0).thermalNoiseStrength(0).length(o.real("length"))
                .dx(o.real("dx")).dt(o.real("dt")).build();
            any = model;
            ToyModelStepper s = new ToyModelStepper(model, 1, 0L, 0);
            int n = model.cells();
            double[] m = s.state();
            for (int i = 0; i < n; i++) {
                m[i] = i < n / 2 ? model.m0() : -model.m0();
            }
            long steps = Math.round(o.real("relax") / eps / model.dt());
            long t0 = System.nanoTime();
            s.advance(steps);
            double maxErr = 0;
            double half = 0.5 * model.length();
            int window = (int) Math.round(Math.min(60, 0.25 * model.length()) / model.dx());
            double[] r = new double[2 * window];
            double[] x = new double[2 * window];
            double[] prof = new double[2 * window];
            for (int k = 0; k < 2 * window; k++) {
                int i = n / 2 - window + k;
                r[k] = (i + 0.5) * model.dx() - half;
                x[k] = r[k] * Math.sqrt(eps);
                prof[k] = -m[i]; // wall from -m0 to +m0
                maxErr = Math.max(maxErr, Math.abs(prof[k] - model.wallProfile(r[k])));
            }
            System.out.printf(Locale.ROOT, "eps = %.3f: relaxed %d steps in %.1f s;"
                    + " max |m - Eq. 16| near the wall = %.2e (m0 = %.4f, width x0/sqrt(eps) = %.3f)%n",
                eps, steps, (System.nanoTime() - t0) * 1e-9, maxErr, model.m0(),
                model.x0() / Math.sqrt(eps));
            String name = "ε = " + new java.math.BigDecimal(Double.toString(eps))
                .stripTrailingZeros().toPlainString();
            scaled.line(name, x, prof, null).hue(hue).markers(false);
            raw.line(name, r, prof, null).hue(hue).markers(false);
            hue++;
            header.add("r_eps" + eps);
            columns.add(r);
            header.add("m_eps" + eps);
            columns.add(prof);
        }
        int k = 400;
        double[] xs = new double[k];
        double[] ys = new double[k];
        double xmax = Math.min(60, 0.25 * any.length()) * Math.sqrt(epsList[0]);
        for (int i = 0; i < k; i++) {
            xs[i] = -xmax + 2 * xmax * i / (k - 1);
            ys[i] = any.m0() * Math.tanh(xs[i] / any.x0());
        }
        scaled.reference("Eq. 16: m_0 tanh(x/x_0)", xs, ys).width(1.2f);
        o.write("wall_profiles", header, columns.toArray(new double[0][]));
        Plots.save(scaled, out.resolve("wall_profiles.png"));
        Plots.save(raw, out.resolve("wall_profiles_raw.png"));
    }
}
