package org.ness4j.examples.hydro;

import java.awt.Color;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.ness4j.examples.support.Cli;
import org.ness4j.examples.support.Plots;
import org.ness4j.examples.support.XyPlot;
import org.ness4j.hydro.ed.DrivenXxzHydrodynamics;
import org.ness4j.hydro.ed.FixedPoint;
import org.ness4j.hydro.ed.GibbsPoint;
import org.ness4j.hydro.ed.XxzChain;
import org.ness4j.hydro.ed.XxzSpectrum;

/**
 * Fig. 2 of paper 004: the generalized force field \((f_1, f_2)/\varepsilon\) over the
 * \((m, e)\) plane from exact diagonalization, its fixed points and the paths from unstable to
 * stable fixed points.
 *
 * <p>Defaults are the paper's parameters (N = 12, \(\gamma = 0.9\), \(J = \Delta = 1\),
 * \(J' = 0.01\)); runs in a few seconds. Writes {@code force_field_*.csv},
 * {@code fixed_points_*.csv} and {@code force_field_*.png} into {@code --out}.
 */
public final class HydroForceField {

    private HydroForceField() {
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
        return new Cli("HydroForceField",
                "Paper 004 Fig. 2: the generalized force field over the (m, e) plane from exact "
                    + "diagonalization, its fixed points and paths.",
                HydroForceField::run)
            .integer("sites", "12", "chain length N (4..14)")
            .reals("gamma", "0.9", "weight of the aligning Lindblad channel, list allowed")
            .real("delta", "1", "anisotropy Delta")
            .real("jprime", "0.01", "next-nearest hopping J'")
            .integer("grid", "31", "grid points per axis of the (m, e) plane")
            .flag("ising-energy-force", "false", "use the App. A.1 formula for f2 (Ising part of "
                + "H0 only)")
            // Paper 004, Fig. 2: N = 12, gamma = 0.9 (the defaults); the other values are the
            // defaults too (not all stated)
            .preset("paper", Map.of("sites", "12", "gamma", "0.9"))
            .output("out/hydro");
    }

    private static void run(Cli o) {
        int sites = (int) o.integer("sites");
        double[] gammas = o.reals("gamma");
        int grid = (int) o.integer("grid");
        boolean ising = o.bool("ising-energy-force");
        if (grid < 3) {
            throw new IllegalArgumentException("grid must be at least 3: " + grid);
        }
        Path out = Path.of(o.string("out"));
        XxzChain chain = new XxzChain(sites, 1.0, o.real("delta"), o.real("jprime"));
        long t0 = System.nanoTime();
        XxzSpectrum spectrum = XxzSpectrum.compute(chain);
        System.out.printf(Locale.ROOT, "ED of N=%d: %.2f s%n", sites, (System.nanoTime() - t0) * 1e-9);
        for (double gamma : gammas) {
            run(spectrum, gamma, grid, ising, o);
        }
    }

    private static void run(XxzSpectrum spectrum, double gamma, int grid, boolean ising, Cli o) {
        Path out = o.out();
        DrivenXxzHydrodynamics hydro = new DrivenXxzHydrodynamics(spectrum, gamma, ising);
        String tag = String.format(Locale.ROOT, "N%d_gamma%.3f%s", spectrum.chain().sites(), gamma,
            ising ? "_ising" : "");
        // grid in (m, e): e from -0.6 to 1 (fully polarized: e = J Delta = 1)
        List<double[]> rows = new ArrayList<>();
        for (int i = 0; i < grid; i++) {
            double m = -0.95 + 1.9 * i / (grid - 1);
            for (int j = 0; j < grid; j++) {
                double e = -0.6 + 1.55 * j / (grid - 1);
                GibbsPoint p = hydro.solve(m, e, 1e-10);
                if (p == null) {
                    continue; // outside the region reachable by Gibbs states of N sites
                }
                rows.add(new double[] {m, e, p.lambda1(), p.lambda2(), p.force()[0], p.force()[1]});
            }
        }
        double[][] cols = new double[6][rows.size()];
        for (int r = 0; r < rows.size(); r++) {
            for (int c = 0; c < 6; c++) {
                cols[c][r] = rows.get(r)[c];
            }
        }
        o.write("force_field_" + tag,
            List.of("m", "e", "lambda1", "lambda2", "f1_over_eps", "f2_over_eps"), cols);

        List<FixedPoint> fps = hydro.fixedPoints();
        double[][] fcols = new double[9][fps.size()];
        System.out.printf(Locale.ROOT, "gamma = %.3f%s: %d fixed points%n", gamma,
            ising ? " (App. A.1 energy force)" : "", fps.size());
        for (int k = 0; k < fps.size(); k++) {
            GibbsPoint p = fps.get(k).point();
            double[] re = p.stabilityRealParts();
            fcols[0][k] = p.m();
            fcols[1][k] = p.e();
            fcols[2][k] = p.lambda1();
            fcols[3][k] = p.lambda2();
            fcols[4][k] = fps.get(k).stable() ? 1 : 0;
            fcols[5][k] = re[0];
            fcols[6][k] = re[1];
            fcols[7][k] = p.noise()[0][0];
            fcols[8][k] = p.noise()[1][1];
            System.out.printf(Locale.ROOT,
                "  m = %+.4f  e = %.4f  (lambda1 = %+.4f, lambda2 = %+.4f)  %s,"
                    + " eigenvalues Re = %.4g, %.4g; N11/eps = %.4f, N22/eps = %.4f%n",
                p.m(), p.e(), p.lambda1(), p.lambda2(), fps.get(k).stable() ? "stable" : "unstable",
                re[0], re[1], p.noise()[0][0], p.noise()[1][1]);
        }
        o.write("fixed_points_" + tag, List.of("m", "e", "lambda1",
            "lambda2", "stable", "re_eig_max", "re_eig_min", "N11_over_eps", "N22_over_eps"), fcols);

        XyPlot chart = Plots.xy(String.format(Locale.ROOT,
            "Force direction, N = %d, γ = %.3f%s", spectrum.chain().sites(), gamma,
            ising ? " (A.1 f2)" : ""), "m", "e");
        // direction field: every arrow has the same length (magnitudes are in the CSV)
        double arrow = 1.9 / (grid - 1) * 0.8;
        double aspect = 1.55 / 1.9; // y range / x range, so arrows look right on the plot
        int k = 0;
        for (double[] r : rows) {
            double norm = Math.hypot(r[4], r[5]);
            double dxn = norm > 0 ? arrow * r[4] / norm : 0;
            double dyn = norm > 0 ? arrow * r[5] / norm : 0;
            double len = Math.hypot(dxn, dyn);
            double[] xs;
            double[] ys;
            if (len > 0) {
                double ux = dxn / len;
                double uy = dyn / len;
                double h = 0.35 * len;
                double c = Math.cos(0.45);
                double sn = Math.sin(0.45);
                double x1 = r[0] + dxn;
                double y1 = r[1] + dyn * aspect;
                double hx1 = x1 - h * (c * ux - sn * uy);
                double hy1 = y1 - h * (sn * ux + c * uy) * aspect;
                double hx2 = x1 - h * (c * ux + sn * uy);
                double hy2 = y1 - h * (-sn * ux + c * uy) * aspect;
                xs = new double[] {r[0], x1, hx1, x1, hx2};
                ys = new double[] {r[1], y1, hy1, y1, hy2};
            } else {
                xs = new double[] {r[0]};
                ys = new double[] {r[1]};
            }
            chart.line(null, xs, ys, null).color(Color.GRAY).width(0.6f).markers(false);
            k++;
        }
        for (FixedPoint fp : fps) {
            if (!fp.stable()) {
                for (double sign : new double[] {-1, 1}) {
                    GibbsPoint start = hydro.unstableStart(fp, sign * 0.02);
                    if (start == null) {
                        continue;
                    }
                    double[][] path = hydro.flow(start, 1.0, 3000);
                    chart.line(null, path[0], path[1], null).color(Color.RED)
                        .width(1.2f).markers(false);
                }
            }
        }
        boolean[] listed = new boolean[2];
        for (FixedPoint fp : fps) {
            int kind = fp.stable() ? 0 : 1;
            chart.line(listed[kind] ? null : kind == 0 ? "stable fixed point"
                    : "unstable fixed point", new double[] {fp.point().m()},
                new double[] {fp.point().e()}, null).color(fp.stable() ? Color.RED : Color.BLUE)
                .pointsOnly().shape(3);
            listed[kind] = true;
        }
        chart.note("grey arrows: force direction; red: flow from the unstable point");
        Plots.save(chart, out.resolve("force_field_" + tag + ".png"));
    }
}
