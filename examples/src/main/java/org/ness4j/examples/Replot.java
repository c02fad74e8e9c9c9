package org.ness4j.examples;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Re-draws the committed gallery figures from their committed CSVs, without re-running any
 * simulation: Fig. 2(d, e), the Fig. 2/11 maps, Fig. 3, 13, 14 (profiles and momentum
 * distributions), Fig. 6 and 18 (both RNW profile sets), Fig. 7(a-c), Fig. 9, Fig. 10, the
 * work-precision diagrams and the paper-004 wall densities. Each figure is drawn by the same
 * method its example uses, and written as PNG, SVG and PDF next to the CSV. Figures whose data
 * is not in a committed CSV (Wigner maps, space-time maps, Fig. 8, thermometry fits) need
 * their example re-run.
 *
 * <p>Usage: {@code Replot [figures-directory]} (default {@code docs/figures}); directories or
 * CSVs that are missing are skipped with a message.
 */
public final class Replot {

    private Replot() {
    }

    /**
     * Entry point.
     *
     * @param args optional figures directory
     */
    public static void main(String[] args) {
        if (args.length > 1 || (args.length == 1 && args[0].startsWith("-"))) {
            System.out.println("usage: Replot [figures-directory]  (default docs/figures)");
            return;
        }
        Path root = Path.of(args.length == 1 ? args[0] : "docs/figures");
        if (!Files.isDirectory(root)) {
            throw new IllegalArgumentException("figures directory does not exist: " + root);
        }
        long start = System.nanoTime();
        int[] count = {0};
        run(root.resolve("fig2/fig2_cut.csv"), count, f -> {
            Table t = Table.read(f);
            Fig2Cut.plot(10, "TWA", t.col("F"), t.col("n_L"), t.col("n_L_err"),
                t.col("delta_n_L"), t.col("delta_n_L_err"), f.getParent());
        });
        run(root.resolve("fig2map/fig2_map.csv"), count, f -> {
            Table t = Table.read(f);
            Fig2Map.plot(distinct(t.col("F")), distinct(t.col("L")), t.rows(), false, "",
                f.getParent());
        });
        run(root.resolve("fig3/profiles.csv"), count, f -> {
            Table t = Table.read(f);
            int length = (int) Arrays.stream(t.col("site")).max().orElse(0);
            Fig3Profiles.plotProfiles(length, t.rows(), f.getParent());
            Path gp = f.resolveSibling("profiles_gp.csv");
            if (Files.exists(gp)) {
                Fig3Profiles.plotGrossPitaevskii(t.rows(), Table.read(gp).rows(), f.getParent());
            }
            Path mom = f.resolveSibling("momentum.csv");
            if (Files.exists(mom)) {
                // Delta = 2.5, the chain's default detuning (the example's setting)
                Fig3Profiles.plotMomentum(Table.read(mom).rows(), 2.5, f.getParent());
            }
        });
        for (String dir : new String[] {"fig7", "fig7full"}) {
            run(root.resolve(dir + "/fig7a_series.csv"), count, f -> {
                Fig7Rnw.plotSeries(12.5, Table.read(f).rows(), f.getParent());
                Path h = f.resolveSibling("fig7c_histograms.csv");
                if (Files.exists(h)) {
                    Fig7Rnw.plotHistograms(Table.read(h).rows(), f.getParent());
                }
            });
        }
        run(root.resolve("fig7b/fig7b_tss.csv"), count, f -> {
            Path fits = f.resolveSibling("fig7b_fits.csv");
            Fig7Tss.plot(Table.read(f).rows(), Files.exists(fits) ? Table.read(fits).rows()
                : List.of(), f.getParent());
        });
        run(root.resolve("rnw/rnw_profiles.csv"), count, f ->
            RnwProfiles.plot("L = 100, F = 12.5", Table.read(f).rows(), f.getParent()));
        run(root.resolve("fig19_chaotic/rnw_profiles.csv"), count, f ->
            RnwProfiles.plot("L = 200, F = 7.5", Table.read(f).rows(), f.getParent()));
        run(root.resolve("fig9/fig9.csv"), count, f -> fig9(Table.read(f), false));
        run(root.resolve("fig9/fig9_coherent.csv"), count, f -> fig9(Table.read(f), true));
        run(root.resolve("fig10/fig10.csv"), count, f -> {
            Table t = Table.read(f);
            double[] drives = distinct(t.col("F"));
            double[] lengths = distinct(t.col("L"));
            double[][] n = new double[drives.length][lengths.length];
            double[][] dn = new double[drives.length][lengths.length];
            for (double[] r : t.rows()) {
                int i = Arrays.binarySearch(drives, r[t.index("F")]);
                int j = Arrays.binarySearch(lengths, r[t.index("L")]);
                n[i][j] = r[t.index("n_L")];
                dn[i][j] = r[t.index("delta_n_L")];
            }
            org.ness4j.examples.quantum.Fig10Cumulants.plot(drives, lengths, n, dn, f.getParent());
        });
        run(root.resolve("workprecision/work_precision.csv"), count, f -> {
            Table t = Table.read(f);
            List<String> labels = schemeLabels(f.resolveSibling("work_precision.txt"));
            for (double drive : distinct(t.col("F"))) {
                WorkPrecision.plot(10, drive, labels, t.rows(), f.getParent());
            }
        });
        run(root.resolve("hydro-wall-density-nu2.csv"), count, f -> wallDensity(f,
            "Domain-wall density, ν = 2, ξ only, L = 2000, quarter-width window"));
        run(root.resolve("hydro/wall_density_nu4_th0_L10000.csv"), count, f -> wallDensity(f,
            "Domain-wall density, ν = 4, ξ only, L = 10^4, quarter-width window"));
        System.out.printf(Locale.ROOT, "replotted %d data sets in %.1f s%n", count[0],
            (System.nanoTime() - start) / 1e9);
    }

    private interface Job {
        void run(Path csv) throws IOException;
    }

    private static void run(Path csv, int[] count, Job job) {
        if (!Files.exists(csv)) {
            System.out.println("skipped (no " + csv + ")");
            return;
        }
        try {
            job.run(csv);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + csv, e);
        }
        count[0]++;
        System.out.println("replotted " + csv);
    }

    private static void fig9(Table t, boolean coherent) {
        double[] drives = t.col("F");
        String[] q = {"n1", "n1_err", "n2", "n2_err", "dn1", "dn1_err", "dn2", "dn2_err"};
        double[][] twa = new double[8][];
        for (int k = 0; k < 8; k++) {
            twa[k] = t.col("twa_" + q[k]);
        }
        List<Integer> cutoffs = new ArrayList<>();
        for (String h : t.header) {
            if (h.startsWith("mcwf") && h.endsWith("_n1")) {
                cutoffs.add(Integer.parseInt(h.substring(4, h.length() - 3)));
            }
        }
        double[][][] ed = new double[cutoffs.size()][8][];
        for (int c = 0; c < cutoffs.size(); c++) {
            for (int k = 0; k < 8; k++) {
                ed[c][k] = t.col("mcwf" + cutoffs.get(c) + "_" + q[k]);
            }
        }
        org.ness4j.examples.quantum.Fig9QuantumTrajectories.plot(coherent, drives, twa, ed,
            cutoffs.stream().mapToInt(Integer::intValue).toArray(), t.file.getParent());
    }

    private static void wallDensity(Path f, String title) throws IOException {
        Table t = Table.read(f);
        double[] eps = t.col("eps");
        double[] fit = t.col("fit");
        double a = Double.NaN;
        double c = Double.NaN;
        int last = eps.length - 1;
        if (last > 0 && fit[0] > 0 && fit[last] > 0) {
            // the fit column is A exp(-c / sqrt(eps)) at each eps: two points give A and c
            c = Math.log(fit[last] / fit[0]) / (1 / Math.sqrt(eps[0]) - 1 / Math.sqrt(eps[last]));
            a = fit[0] * Math.exp(c / Math.sqrt(eps[0]));
        }
        boolean exact = t.index("n_exact") >= 0;
        String name = f.getFileName().toString();
        org.ness4j.examples.hydro.HydroWallDensity.plot(title, eps, t.col("n_dw"), t.col("n_dw_stderr"),
            exact ? t.col("n_exact") : null, exact ? t.col("n_exact_stderr") : null, a, c,
            f.resolveSibling(name.substring(0, name.length() - 4) + ".png"));
    }

    /** Scheme names by scheme index, in order of first appearance in work_precision.txt. */
    private static List<String> schemeLabels(Path txt) throws IOException {
        List<String> labels = new ArrayList<>();
        if (!Files.exists(txt)) {
            return List.of("heun", "splitstep", "srk");
        }
        for (String line : Files.readAllLines(txt)) {
            String[] w = line.trim().split("\\s+");
            if (w.length > 2 && !w[0].equals("F") && !w[1].equals("reference")
                && !labels.contains(w[1])) {
                labels.add(w[1]);
            }
        }
        return labels;
    }

    private static double[] distinct(double[] v) {
        return Arrays.stream(v).distinct().sorted().toArray();
    }

    /** A data-only CSV with a header line. */
    static final class Table {
        final Path file;
        final List<String> header;
        private final List<double[]> rows;

        private Table(Path file, List<String> header, List<double[]> rows) {
            this.file = file;
            this.header = header;
            this.rows = rows;
        }

        static Table read(Path file) throws IOException {
            List<String> lines = Files.readAllLines(file);
            if (lines.isEmpty()) {
                throw new IllegalArgumentException("empty CSV: " + file);
            }
            List<String> header = List.of(lines.get(0).trim().split(","));
            List<double[]> rows = new ArrayList<>();
            for (int i = 1; i < lines.size(); i++) {
                String line = lines.get(i).trim();
                if (line.isEmpty()) {
                    continue;
                }
                String[] w = line.split(",");
                if (w.length != header.size()) {
                    throw new IllegalArgumentException(file + " line " + (i + 1) + ": "
                        + w.length + " fields, header has " + header.size());
                }
                double[] r = new double[w.length];
                for (int k = 0; k < w.length; k++) {
                    r[k] = Double.parseDouble(w[k]);
                }
                rows.add(r);
            }
            return new Table(file, header, rows);
        }

        int index(String name) {
            return header.indexOf(name);
        }

        double[] col(String name) {
            int k = index(name);
            if (k < 0) {
                throw new IllegalArgumentException(file + ": no column " + name + " in "
                    + header);
            }
            double[] v = new double[rows.size()];
            for (int i = 0; i < v.length; i++) {
                v[i] = rows.get(i)[k];
            }
            return v;
        }

        List<double[]> rows() {
            return rows;
        }
    }
}
