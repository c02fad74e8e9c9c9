package org.ness4j.examples.hydro;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.ness4j.examples.support.Cli;
import org.ness4j.examples.support.Cost;
import org.ness4j.examples.support.HeatMapPlot;
import org.ness4j.examples.support.Plots;
import org.ness4j.hydro.ed.DrivenXxzHydrodynamics;
import org.ness4j.hydro.ed.FixedPoint;
import org.ness4j.hydro.ed.XxzChain;
import org.ness4j.hydro.ed.XxzSpectrum;
import org.ness4j.hydro.toy.DomainWallCounter;
import org.ness4j.hydro.twocomponent.TabulatedHydrodynamics;
import org.ness4j.hydro.twocomponent.TwoComponentModel;
import org.ness4j.hydro.twocomponent.TwoComponentStepper;

/**
 * The general two-component hydrodynamics of paper 004 (Eq. 11, 13) with forces and noise
 * from exact diagonalization (Eq. 9, 19) and a constant diffusion matrix: domain formation
 * from the unstable homogeneous fixed point, as space-time maps of \(m(r, t)\).
 *
 * <p>The grid is set in the rescaled variables of Eq. 13, \(x = r\sqrt\varepsilon\),
 * \(\tau = t\varepsilon\), where only the noise depends on \(\varepsilon\) (as
 * \(\sqrt\varepsilon\), Eq. 14): {@code --dx} and {@code --dt} are \(dx\sqrt\varepsilon\) and
 * \(dt\,\varepsilon\), {@code --length} and {@code --time} are \(L\sqrt\varepsilon\) and
 * \(T\varepsilon\). Defaults: \(N = 12\), \(\gamma = 0.95\) (the ED forces are bistable only for
 * \(\gamma \gtrsim 0.94\) at \(N = 12\); at the paper's 0.9 there is a single stable point),
 * \(D = 1\), conserved noise off. Writes {@code twocomponent_eps*.csv} (long format: r, t, m, e)
 * and {@code twocomponent_eps*.png}; prints wall densities, the fraction of evaluations that
 * left the tabulated region, and timings.
 */
public final class HydroTwoComponent {

    private HydroTwoComponent() {
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
        return new Cli("HydroTwoComponent",
                "Two-component hydrodynamics of paper 004 (Eq. 11, 13) with ED forces and noise: "
                    + "domain formation as space-time maps.",
                HydroTwoComponent::run)
            .integer("sites", "12", "ED chain length N")
            .real("gamma", "0.95", "gamma (bistable for gamma >~ 0.94 at N = 12)")
            .reals("eps", "0.0005,0.002", "couplings eps")
            .reals("diffusion", "1,0,0,1", "constant diffusion matrix D11,D12,D21,D22")
            .real("noise-scale", "1", "kappa: driven noise = kappa x Eq. 19 (0 = off)")
            .real("thermal", "0", "theta: conserved noise = theta x Eq. 12 (0 = off)")
            .integer("m-points", "49", "table points in m")
            .integer("s-points", "25", "table points in s (energy between the hull edges)")
            .real("m-max", "0.95", "table range |m| <= m-max")
            .real("s-min", "0.02", "table margin from the hull edges")
            .real("dx", "0.5", "rescaled grid spacing dx sqrt(eps)")
            .real("dt", "0.05", "rescaled time step dt eps")
            .real("length", "1000", "rescaled length L sqrt(eps)")
            .real("time", "2000", "rescaled time T eps")
            .integer("frames", "200", "recorded times")
            .integer("columns", "250", "space bins of the map")
            .seed(11L)
            .output("out/hydro")
            .cost(HydroTwoComponent::cost);
    }

    /** The cost estimate printed before any work (the site-steps of all runs). */
    private static Cost cost(Cli o) {
        double cells = Math.rint(o.real("length") / o.real("dx"));
        double cellSteps = 0;
        for (double eps : o.reals("eps")) {
            // rescaled time T eps and step dt eps: T / dt steps, two fields
            cellSteps += 2 * cells * o.real("time") / o.real("dt");
        }
        return Cost.hydro(cellSteps, 2 * (long) cells, false);
    }

    private static void run(Cli o) {
        double[] d = o.reals("diffusion");
        if (d.length != 4) {
            throw new IllegalArgumentException("diffusion needs 4 values: "
                + o.string("diffusion"));
        }
        int frames = (int) o.integer("frames");
        int columns = (int) o.integer("columns");
        if (frames < 2 || columns < 2) {
            throw new IllegalArgumentException("frames and columns must be >= 2: " + frames
                + ", " + columns);
        }
        Path out = Path.of(o.string("out"));
        long t0 = System.nanoTime();
        XxzSpectrum spectrum = XxzSpectrum.compute(XxzChain.paper((int) o.integer("sites")));
        DrivenXxzHydrodynamics hydro = new DrivenXxzHydrodynamics(spectrum, o.real("gamma"));
        List<FixedPoint> fps = hydro.fixedPoints();
        System.out.printf(Locale.ROOT, "ED N = %d: %.1f s; fixed points:%n",
            o.integer("sites"), (System.nanoTime() - t0) * 1e-9);
        FixedPoint unstable = null;
        FixedPoint stable = null;
        for (FixedPoint f : fps) {
            System.out.printf(Locale.ROOT, "  m = %+.4f, e = %.4f, %s, eigenvalues/eps %s%n",
                f.point().m(), f.point().e(), f.stable() ? "stable" : "unstable",
                java.util.Arrays.toString(f.point().stabilityRealParts()));
            if (!f.stable() && Math.abs(f.point().m()) < 1e-6) {
                unstable = f;
            }
            if (f.stable() && f.point().m() > 0.1) {
                stable = f;
            }
        }
        if (unstable == null || stable == null) {
            System.out.println("the ED forces are not bistable at these parameters (need a stable"
                + " point at m > 0 and an unstable one at m = 0); try --gamma 0.95");
            return;
        }
        long t1 = System.nanoTime();
        TabulatedHydrodynamics table = TabulatedHydrodynamics.tabulate(hydro,
            (int) o.integer("m-points"), (int) o.integer("s-points"), o.real("m-max"),
            o.real("s-min"));
        System.out.printf(Locale.ROOT, "tabulated %s in %.1f s%n", table,
            (System.nanoTime() - t1) * 1e-9);
        double m0 = stable.point().m();
        double relax = -stable.point().stabilityRealParts()[0];
        for (double eps : o.reals("eps")) {
            double se = Math.sqrt(eps);
            double dx = o.real("dx") / se;
            double cellsWanted = Math.rint(o.real("length") / o.real("dx"));
            TwoComponentModel model = TwoComponentModel.builder(table).eps(eps)
                .diffusion(d[0], d[1], d[2], d[3]).drivenNoiseScale(o.real("noise-scale"))
                .thermalNoiseScale(o.real("thermal")).dx(dx).dt(o.real("dt") / eps)
                .length(cellsWanted * dx).build();
            TwoComponentStepper s = new TwoComponentStepper(model, 1, o.integer("seed"), 0);
            s.fill(unstable.point().m(), unstable.point().e());
            // wall width sqrt(D / (eps |lambda|)) at the stable point; window a quarter of it
            double width = Math.sqrt(d[0] / (eps * relax));
            DomainWallCounter counter = DomainWallCounter.of(0.5 * m0,
                (int) Math.max(1, Math.round(0.25 * width / dx)));
            int n = model.cells();
            int per = Math.max(1, n / columns);
            int cols = n / per;
            long every = Math.max(1, Math.round(o.real("time") / eps / frames / model.dt()));
            double[] x = new double[cols];
            double[] t = new double[frames];
            double[][] z = new double[cols][frames];
            double[] lr = new double[cols * frames];
            double[] lt = new double[cols * frames];
            double[] lm = new double[cols * frames];
            double[] le = new double[cols * frames];
            double[] scratch = new double[n];
            for (int c = 0; c < cols; c++) {
                x[c] = (c + 0.5) * per * dx;
            }
            long t2 = System.nanoTime();
            double wallsLate = 0;
            double absLate = 0;
            int late = 0;
            for (int f = 0; f < frames; f++) {
                s.advance(every);
                t[f] = s.time();
                double[] m = s.magnetization();
                double[] e = s.energy();
                for (int c = 0; c < cols; c++) {
                    double sm = 0;
                    double sEn = 0;
                    for (int i = c * per; i < (c + 1) * per; i++) {
                        sm += m[i];
                        sEn += e[i];
                    }
                    z[c][f] = sm / per;
                    int k = f * cols + c;
                    lr[k] = x[c];
                    lt[k] = t[f];
                    lm[k] = sm / per;
                    le[k] = sEn / per;
                }
                if (f >= frames / 2) {
                    wallsLate += counter.count(m, 0, n, scratch);
                    double a = 0;
                    for (int i = 0; i < n; i++) {
                        a += Math.abs(m[i]);
                    }
                    absLate += a / n;
                    late++;
                }
            }
            double secs = (System.nanoTime() - t2) * 1e-9;
            double cellSteps = (double) n * s.steps();
            System.out.printf(Locale.ROOT, "eps = %.4g: L = %.0f (%d cells of %.2f), T = %.3g"
                    + " (%d steps of %.3g); second half: <|m|> = %.3f (m* = %.3f), %.2f walls"
                    + " = %.3g per unit length (counter threshold %.3f, window %d cells);"
                    + " clamped evaluations %.2g%%; %.1f s, %.0f ns per cell-step%n", eps,
                model.length(), n, dx, s.time(), s.steps(), model.dt(), absLate / late, m0,
                wallsLate / late, wallsLate / late / model.length(), counter.threshold(),
                counter.window(), 100.0 * s.clampedEvaluations() / cellSteps
                    / (model.thermalNoiseScale() > 0 ? 2 : 1), secs, secs * 1e9 / cellSteps);
            String tag = String.format(Locale.ROOT, "eps%.4f", eps);
            o.write("twocomponent_" + tag, List.of("r", "t", "m", "e"),
                lr, lt, lm, le);
            HeatMapPlot chart = Plots.heatMap(String.format(Locale.ROOT,
                "ED hydrodynamics m(r, t): N = %d, γ = %s, ε = %.3g",
                o.integer("sites"), o.string("gamma"), eps), "r", "t", x, t, z).colourBar("m")
                .palette(HeatMapPlot.Palette.DIVERGING).range(-1.1 * m0, 1.1 * m0);
            Plots.save(chart, out.resolve("twocomponent_" + tag + ".png"));
        }
    }

}
