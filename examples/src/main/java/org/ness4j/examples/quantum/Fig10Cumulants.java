package org.ness4j.examples.quantum;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.ness4j.core.chain.BoseHubbardChain;
import org.ness4j.core.chain.CumulantExpansion;
import org.ness4j.examples.support.Cli;
import org.ness4j.examples.support.HeatMapPlot;
import org.ness4j.examples.support.Plots;
import org.ness4j.examples.support.XyPlot;

/**
 * Reproduces Fig. 10 of paper 000 (SI): photon number \( n_L \) and fluctuation
 * \( \delta n_L \) (Eq. 37) of the last site from the second-order quantum cumulant expansion
 * (Eq. 34 with Gaussian closure, {@link CumulantExpansion}) over the drive F and the chain
 * length L (\( \Delta = 2.5, J = 2, U = 0.1, \gamma = 1 \)). Each point is evolved from the
 * vacuum through a transient and then averaged over a window (paper: \( \Delta\tau = 10^3 \)).
 *
 * <p>Defaults (L = 2, 4, ..., 10; F = 0, 1, ..., 15; transient 200, window 1000 as in the paper)
 * run in about a
 * minute or two on 2 cores. The paper's protocol: {@code --window 1000 --transient 1000} and a
 * finer grid, e.g. {@code --L 2:40:2 --F 0:15:0.25} (the L range of the paper's figure is not
 * given in the text). Writes {@code fig10.csv} (with the half-window difference as a
 * convergence measure), two heat maps and a cut at the L closest to 10 into {@code --out}.
 */
public final class Fig10Cumulants {

    private Fig10Cumulants() {
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
        return new Cli("Fig10Cumulants",
                "Paper 000 Fig. 10: n_L and delta n_L from the second-order cumulant expansion "
                    + "over F and L.",
                Fig10Cumulants::run)
            .reals("F", "0:15:1", "drive amplitudes, list a,b,c or range start:stop:step (units "
                + "of gamma)")
            .reals("L", "2:10:2", "chain lengths, list or range (sites)")
            .real("transient", "200", "time before the averaging window (units of 1/gamma)")
            .real("window", "1000", "averaging window (paper: 1000) (units of 1/gamma)")
            .real("sample-interval", "0.5", "time between samples in the window (units of 1/gamma)")
            .real("tolerance", "1e-8", "absolute and relative ODE tolerance")
            // Paper 000, Fig. 10: window 1e3; the (F, L) grid is not stated in the text: the
            // gallery's paper-like grid (transient 1000)
            .preset("paper", Map.of("L", "2:40:2", "F", "0:15:0.25", "transient", "1000",
                "window", "1000"))
            .threads()
            .output("out/fig10");
    }

    private static void run(Cli o) throws InterruptedException, ExecutionException {
        double[] drives = o.reals("F");
        double[] lengthValues = o.reals("L");
        double transientTime = o.real("transient");
        double window = o.real("window");
        double interval = o.real("sample-interval");
        double tol = o.real("tolerance");
        int threads = (int) o.integer("threads");
        Path out = Path.of(o.string("out"));
        int nf = drives.length;
        int nl = lengthValues.length;
        double[][] n = new double[nf][nl];
        double[][] dn = new double[nf][nl];
        double[][] diff = new double[nf][nl];
        double[][] residual = new double[nf][nl];
        long start = System.nanoTime();
        System.out.printf(Locale.ROOT, "Fig. 10: cumulant expansion, %d F x %d L, transient %s, "
            + "window %s, tolerance %s%n", nf, nl, transientTime, window, tol);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> tasks = new ArrayList<>();
            for (int j = nl - 1; j >= 0; j--) {
                for (int i = 0; i < nf; i++) {
                    final int fi = i;
                    final int lj = j;
                    tasks.add(pool.submit(() -> {
                        BoseHubbardChain chain = BoseHubbardChain.builder((int) lengthValues[lj])
                            .boundaryDrive(drives[fi]).build();
                        CumulantExpansion c = CumulantExpansion.of(chain).withTolerances(tol, tol);
                        CumulantExpansion.Result r = c.timeAverage(c.vacuum(), transientTime,
                            window, interval);
                        int last = chain.length() - 1;
                        n[fi][lj] = r.photonNumber(last);
                        dn[fi][lj] = r.numberFluctuation(last);
                        diff[fi][lj] = r.halfWindowDifference();
                        residual[fi][lj] = r.residual();
                        return null;
                    }));
                }
            }
            for (Future<?> t : tasks) {
                t.get();
            }
        } finally {
            pool.shutdown();
        }
        double[] fCol = new double[nf * nl];
        double[] lCol = new double[nf * nl];
        double[] nCol = new double[nf * nl];
        double[] dnCol = new double[nf * nl];
        double[] diffCol = new double[nf * nl];
        double[] resCol = new double[nf * nl];
        int row = 0;
        for (int j = 0; j < nl; j++) {
            for (int i = 0; i < nf; i++) {
                fCol[row] = drives[i];
                lCol[row] = lengthValues[j];
                nCol[row] = n[i][j];
                dnCol[row] = dn[i][j];
                diffCol[row] = diff[i][j];
                resCol[row] = residual[i][j];
                row++;
            }
        }
        o.write("fig10", List.of("F", "L", "n_L", "delta_n_L",
            "half_window_difference", "final_residual"), fCol, lCol, nCol, dnCol, diffCol, resCol);
        int cut = plot(drives, lengthValues, n, dn, out);
        double[] nCut = new double[nf];
        double[] dnCut = new double[nf];
        for (int i = 0; i < nf; i++) {
            nCut[i] = n[i][cut];
            dnCut[i] = dn[i][cut];
        }
        for (int i = 0; i < nf; i++) {
            System.out.printf(Locale.ROOT, "F = %5.2f  L = %3d: n_L = %9.4f  dn_L = %10.4f  "
                    + "(half-window diff %.2e)%n", drives[i], (int) lengthValues[cut], nCut[i],
                dnCut[i], diff[i][cut]);
        }
        System.out.printf(Locale.ROOT, "wrote %s (csv, 3 figures as png, svg, pdf) in %.1f s%n", out,
            (System.nanoTime() - start) / 1e9);
    }

    /**
     * Draws Fig. 10(a, b) and the cut at the L closest to 10 (also used by {@link org.ness4j.examples.Replot}).
     *
     * @param drives F values
     * @param lengths L values
     * @param n n_L at [F][L]
     * @param dn δn_L at [F][L]
     * @param out output directory
     * @return the index of the cut's L
     */
    public static int plot(double[] drives, double[] lengths, double[][] n, double[][] dn, Path out) {
        Plots.save(Plots.heatMap("Fig. 10(a): n_L, 2nd-order cumulants", "F", "L", drives,
            lengths, n).colourBar("n_L"), out.resolve("fig10a_nL.png"));
        Plots.save(Plots.heatMap("Fig. 10(b): δn_L, 2nd-order cumulants", "F", "L", drives,
            lengths, dn).colourBar("δn_L").palette(HeatMapPlot.Palette.DIVERGING),
            out.resolve("fig10b_dnL.png"));
        int cut = 0;
        for (int j = 1; j < lengths.length; j++) {
            if (Math.abs(lengths[j] - 10) < Math.abs(lengths[cut] - 10)) {
                cut = j;
            }
        }
        double[] nCut = new double[drives.length];
        double[] dnCut = new double[drives.length];
        for (int i = 0; i < drives.length; i++) {
            nCut[i] = n[i][cut];
            dnCut[i] = dn[i][cut];
        }
        XyPlot c = Plots.xy("Fig. 10 cut at L = " + (int) lengths[cut]
            + ": last site, 2nd-order cumulants", "F", "n_L, δn_L");
        c.line("n_L", drives, nCut, null).hue(0);
        c.line("δn_L", drives, dnCut, null).hue(1);
        c.hLine(0, "0");
        Plots.save(c, out.resolve("fig10_cut.png"));
        return cut;
    }
}
