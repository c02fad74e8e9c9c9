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
import org.ness4j.fitting.ThermometryProfile;
import org.ness4j.fitting.WignerData;
import org.ness4j.fitting.WignerFit;
import org.ness4j.fitting.WignerFitter;
import org.ness4j.observables.FockPopulations;
import org.ness4j.observables.SiteMoments;
import org.ness4j.observables.WignerHistogram;
import org.ness4j.sde.ensemble.EnsembleObserver;
import org.ness4j.sde.ensemble.EnsembleResult;
import org.ness4j.sde.ensemble.Observations;

/**
 * Local thermometry of the chaotic chain, paper 000 Fig. 4 (profiles of \( T_\ell, \mu_\ell,
 * S_\ell, \mu_\ell/T_\ell \) from the Gibbs, 2-photon-decay and Scully-Lamb fits; domain sizes
 * versus L), Fig. 14(a) (equipartition against Gibbs temperature), Fig. 15 (L2 norm of Eq. 45
 * per ansatz; cuts of \( W_\ell \) with the fit at l = 1, L/2, L) and Fig. 17 (Gibbs cuts at
 * \( \ell \approx 0.925 L \) with U = 0 and U = 0.1). One simulation per (F, L) feeds all four
 * figures.
 *
 * <p>Paper: L = 400 (profiles), F = 5.5 and 7.5, 100 trajectories, window 10<sup>4</sup>. The
 * default is reduced (L = 40, 80; 24 trajectories; window 400) to run in a few minutes on two
 * cores; {@code --L 100,200,400 --trajectories 100 --window 10000 --transient 5000} is the
 * paper's size (hours; the histograms of all sites need about
 * {@code L * bins^2 * trajectories/group-size * 8} bytes). The fitted parameters carry
 * jackknife errors over the trajectory groups ({@code --jackknife true}, the default: one more
 * fit per group, most of the run time at the reduced size; the fits' covariance errors, with
 * {@code --jackknife false}, are about 1.6-2.2x too small for time-correlated TWA samples,
 * docs/fitting.md).
 *
 * <p>With {@code --error-budget} ({@link ErrorBudgetOption}) the step errors go to
 * {@code thermometry_step.csv} (long format {F, L, site, ansatz, quantity, value, error,
 * value_step, value_step_err}, codes as in {@code thermometry.csv}): the estimates taken
 * directly from the accumulators (ansatz -1: 0 n, 1 Weyl-symbol entropy, 2 equipartition T),
 * and with {@code --fit-step-errors true} also the Gibbs fit's mu/T, T and mu (ansatz 0,
 * quantities 0-2). {@code thermometry.csv} itself is unchanged. A fit's step error repeats the
 * fit (with covariance errors, warm-started site by site as the profile does) on
 * {@code 2 (blocks + 1)} combinations of the budget's coarse and fine histograms: 34 times
 * the Gibbs fitting time of a run without {@code --jackknife} at the default 16 blocks, hence
 * opt-in. The other fits (2-photon decay, Scully-Lamb, the fitted entropies and L2 norms) get
 * none. Rows whose value or step error is not finite (a fit that does not identify T, a
 * re-run's populations beyond {@code --max-n}) are left out and counted on the console.
 */
public final class ThermometryFigures {

    private ThermometryFigures() {
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
        return ChainRuns.declare(new Cli("ThermometryFigures",
                "Paper 000 Fig. 4, 14(a), 15, 17: local thermometry of the chaotic chain (Gibbs, "
                    + "2-photon-decay and Scully-Lamb fits).",
                ThermometryFigures::run), "24", "2", "1000",
            "400")
            .reals("F", "5.5,7.5", "drive amplitudes (units of gamma)")
            .reals("L", "40,80", "chain lengths (the largest gives the profiles) (sites)")
            .flag("jackknife", "true", "errors of the fitted parameters from a jackknife "
                + "over trajectory groups (one more fit per group; false: the fits' covariance "
                + "errors, which understate the spread of time-correlated samples)")
            .flag("fit-step-errors", "false", "with --error-budget, also the step errors of "
                + "the Gibbs fit's mu/T, T and mu (repeats the fit 2 (blocks + 1) times per site)")
            // Paper 000, Fig. 4, 14(a), 15, 17: profiles at L = 400 (Fig. 4(e) over L: the other
            // lengths are not stated, 100 and 200 here), 1e2 trajectories, window 1e4 (Methods);
            // the transient is not stated: 5000 as the gallery's paper-size command
            .preset("paper", Map.of("L", "100,200,400", "trajectories", "100",
                "window", "10000", "transient", "5000"))
            .output("out/fitting")
            .cost(ThermometryFigures::cost);
    }

    /** The cost estimate printed before any work (the site-steps of all runs). */
    private static Cost cost(Cli o) {
        double dt = o.real("dt");
        long steps = Math.round(o.real("transient") / dt) + Math.round(o.real("window") / dt);
        double siteSteps = 0;
        long largest = 0;
        for (double l : o.reals("L")) {
            siteSteps += o.reals("F").length * l * o.integer("trajectories") * steps;
            largest = Math.max(largest, (long) l);
        }
        return Cost.chain(siteSteps, largest, o.integer("trajectories"), o.threadCount());
    }

    private static void run(Cli o) {
        Path out = Path.of(o.string("out"));
        double[] lengths = o.reals("L");
        int largest = 0;
        for (double l : lengths) {
            largest = Math.max(largest, (int) l);
        }
        List<double[]> rows = new ArrayList<>();
        List<double[]> sizes = new ArrayList<>();
        List<double[]> cuts = new ArrayList<>();
        List<double[]> stepRows = new ArrayList<>();
        boolean budget = ErrorBudgetOption.budget(o) != null;
        XyPlot domains = Plots.xy("Fig. 4(e): domain sizes", "L", "sites");
        int driveIndex = 0;
        for (double f : o.reals("F")) {
            double[] nonthermal = new double[lengths.length];
            double[] prethermal = new double[lengths.length];
            double[] thermal = new double[lengths.length];
            for (int k = 0; k < lengths.length; k++) {
                int length = (int) lengths[k];
                BoseHubbardChain chain = BoseHubbardChain.builder(length).boundaryDrive(f)
                    .build();
                EnsembleResult<Observations> run = ChainRuns.runWithBudget(o, length, f,
                    () -> new EnsembleObserver<?>[0]);
                Observations r = run.requireSuccess();
                if (budget) {
                    steps(f, chain, run, o.bool("fit-step-errors")
                        ? o.real("clip-tolerance") : Double.NaN, stepRows);
                }
                SiteMoments m = r.get(0, SiteMoments.class);
                WignerHistogram w = ChainRuns.histogram(o, r);
                FockPopulations fock = r.get(2, FockPopulations.class);
                long t0 = System.nanoTime();
                ThermometryProfile p = ThermometryProfile.builder()
                    .kerr(chain.interaction())
                    .jackknife(o.bool("jackknife"))
                    .compute(w, m, fock, chain.detuning());
                ThermometryProfile.DomainSizes d = p.domainSizes();
                System.out.printf(Locale.ROOT, "%n  F = %.1f, L = %d: fits %.1f s, domains "
                    + "(nonthermal, prethermal, thermal) = (%d, %d, %d)%n", f, length,
                    (System.nanoTime() - t0) * 1e-9, d.nonthermal(), d.prethermal(),
                    d.thermal());
                nonthermal[k] = d.nonthermal();
                prethermal[k] = d.prethermal();
                thermal[k] = d.thermal();
                sizes.add(new double[] {f, length, d.nonthermal(), d.prethermal(), d.thermal()});
                for (ThermometryProfile.Site s : p.sites()) {
                    rows(f, length, s, m, rows);
                }
                if (length == largest) {
                    plotProfiles(out, f, length, p);
                    for (int l : new int[] {0, length / 2 - 1, length - 1,
                        (int) Math.round(0.925 * length) - 1}) {
                        cuts(out, f, chain, w, l, p.sites().get(l), cuts);
                    }
                }
            }
            String label = String.format(Locale.ROOT, "F = %.1f", f);
            // one hue per domain, one line style per F
            XyPlot.Series[] ds = {domains.line("nonthermal, " + label, lengths, nonthermal, null),
                domains.line("prethermal, " + label, lengths, prethermal, null),
                domains.line("thermal, " + label, lengths, thermal, null)};
            for (int k = 0; k < 3; k++) {
                ds[k].hue(k).shape(driveIndex);
                if (driveIndex == 1) {
                    ds[k].dashed();
                } else if (driveIndex > 1) {
                    ds[k].dotted();
                }
            }
            driveIndex++;
        }
        Plots.save(domains, out.resolve("fit-fig4e-domains.png"));
        o.write("thermometry", List.of("F", "L", "site", "ansatz",
            "quantity", "value", "error"), ChainRuns.columns(rows, 7));
        if (budget) {
            o.write("thermometry_step", List.of("F", "L", "site", "ansatz",
                "quantity", "value", "error", "value_step", "value_step_err"),
                ChainRuns.columns(stepRows, 9));
        }
        o.write("domains", List.of("F", "L", "nonthermal", "prethermal",
            "thermal"), ChainRuns.columns(sizes, 5));
        o.write("cuts", List.of("F", "site", "x", "W_re_axis", "W_im_axis",
            "gibbs", "gibbs_U0", "two_photon", "scully_lamb"), ChainRuns.columns(cuts, 9));
        System.out.println("wrote " + out);
    }

    /**
     * Long-format rows {F, L, site, ansatz, quantity, value, error} of the finite fit results:
     * quantity 0 mu/T, 1 nonlinear parameter (T, gammaS or S), 2 mu (Gibbs), 3 entropy of the
     * fitted state, 4 L2 (Eq. 45), 5 its noise floor, 6 chi2/nu, 7 status ordinal; plus
     * ansatz -1 rows: 0 n, 1 Weyl-symbol entropy, 2 equipartition T, 3 domain ordinal,
     * 4 excess L2. Unidentified or failed values are left out (no NaN in the file).
     */
    private static void rows(double f, int length, ThermometryProfile.Site s, SiteMoments m,
                             List<double[]> rows) {
        int l = s.site();
        add(rows, f, length, l, -1, 0, m.photonNumber(l).value(),
            m.photonNumber(l).standardError());
        add(rows, f, length, l, -1, 1, s.entropy().value(), s.entropy().standardError());
        add(rows, f, length, l, -1, 2, s.equipartitionTemperature().value(),
            s.equipartitionTemperature().standardError());
        add(rows, f, length, l, -1, 3, s.domain().ordinal(), 0);
        add(rows, f, length, l, -1, 4, s.excessL2(), 0);
        for (Ansatz a : s.fits().keySet()) {
            WignerFit g = s.fit(a);
            int k = a.ordinal();
            add(rows, f, length, l, k, 0, g.muOverT().value(), g.muOverT().standardError());
            add(rows, f, length, l, k, 1, g.parameter(a.nonlinearParameter()).value(),
                g.parameter(a.nonlinearParameter()).standardError());
            if (a == Ansatz.GIBBS) {
                add(rows, f, length, l, k, 2, g.parameter("mu").value(),
                    g.parameter("mu").standardError());
            }
            add(rows, f, length, l, k, 3, g.entropy().value(), g.entropy().standardError());
            add(rows, f, length, l, k, 4, g.l2Norm(), 0);
            add(rows, f, length, l, k, 5, g.l2NoiseFloor(), 0);
            add(rows, f, length, l, k, 6, g.reducedChiSquare(), 0);
            add(rows, f, length, l, k, 7, g.status().ordinal(), 0);
        }
    }

    /**
     * The {@code thermometry_step.csv} rows of one run: n, Weyl-symbol entropy and
     * equipartition temperature per site with their step errors, and the Gibbs fit's mu/T, T
     * and mu unless {@code clipTolerance} is NaN; rows with a value that is not finite are left
     * out and counted on the console.
     */
    private static void steps(double f, BoseHubbardChain chain,
                              EnsembleResult<Observations> run, double clipTolerance,
                              List<double[]> rows) {
        int length = chain.length();
        Estimate[] e = run.estimates(a -> {
            SiteMoments m = a.get(0, SiteMoments.class);
            FockPopulations fock = a.get(2, FockPopulations.class);
            Estimate[] v = new Estimate[3 * length];
            for (int l = 0; l < length; l++) {
                v[3 * l] = m.photonNumber(l);
                v[3 * l + 1] = entropy(fock, l);
                v[3 * l + 2] = m.equipartitionTemperature(l, chain.detuning());
            }
            return v;
        });
        ErrorBudgetOption.report(String.format(Locale.ROOT, "F = %.1f, L = %d: n, S, T_eq",
            f, length), e);
        int left = addSteps(rows, f, length, -1, e);
        int total = e.length;
        if (!Double.isNaN(clipTolerance)) {
            WignerFitter gibbs = WignerFitter.builder(Ansatz.GIBBS).kerr(chain.interaction())
                .build();
            Estimate[] g = run.estimates(a -> gibbsFits(gibbs,
                a.get(1, WignerHistogram.class).clipTolerance(clipTolerance), length));
            ErrorBudgetOption.report(String.format(Locale.ROOT, "F = %.1f, L = %d: Gibbs mu/T, "
                + "T, mu", f, length), g);
            left += addSteps(rows, f, length, Ansatz.GIBBS.ordinal(), g);
            total += g.length;
        }
        if (left > 0) {
            System.out.printf(Locale.ROOT, "  F = %.1f, L = %d: %d of %d step-error rows left "
                + "out of thermometry_step.csv (a value or error is not finite)%n", f, length,
                left, total);
        }
    }

    /**
     * The Gibbs fit's mu/T, T and mu at every site, fitted as ThermometryProfile does without
     * jackknife (warm start from the previous site); NaN where the histogram of a re-run
     * cannot be fitted.
     */
    private static Estimate[] gibbsFits(WignerFitter gibbs, WignerHistogram w, int length) {
        Estimate nan = new Estimate(Double.NaN, Double.NaN);
        Estimate[] v = new Estimate[3 * length];
        WignerFit previous = null;
        for (int l = 0; l < length; l++) {
            try {
                WignerFit fit = gibbs.fit(WignerData.of(w, l), previous);
                v[3 * l] = fit.muOverT();
                v[3 * l + 1] = fit.parameter("T");
                v[3 * l + 2] = fit.parameter("mu");
                previous = fit;
            } catch (IllegalStateException | IllegalArgumentException ex) {
                v[3 * l] = nan;
                v[3 * l + 1] = nan;
                v[3 * l + 2] = nan;
            }
        }
        return v;
    }

    /** Appends the finite rows {F, L, site, ansatz, quantity, ...}; returns how many were not. */
    private static int addSteps(List<double[]> rows, double f, int length, int ansatz,
                                Estimate[] e) {
        int left = 0;
        for (int i = 0; i < e.length; i++) {
            double[] row = ErrorBudgetOption.row(new double[] {f, length, i / 3 + 1, ansatz,
                i % 3, e[i].value(), e[i].standardError()}, e[i]);
            if (row.length == 9 && java.util.Arrays.stream(row).allMatch(Double::isFinite)) {
                rows.add(row);
            } else {
                left++;
            }
        }
        return left;
    }

    /**
     * The Weyl-symbol entropy, or NaN (its row then left out) where the populations of a
     * re-run's subset reach beyond {@code --max-n}: the main run's check is ThermometryProfile's.
     */
    private static Estimate entropy(FockPopulations fock, int l) {
        try {
            return fock.entropy(l);
        } catch (IllegalStateException e) {
            return new Estimate(Double.NaN, Double.NaN);
        }
    }

    private static void add(List<double[]> rows, double f, int length, int site, int ansatz,
                            int quantity, double value, double error) {
        if (Double.isFinite(value)) {
            rows.add(new double[] {f, length, site + 1, ansatz, quantity, value,
                Double.isFinite(error) ? error : 0});
        }
    }

    private static void plotProfiles(Path out, double f, int length, ThermometryProfile p) {
        int n = p.sites().size();
        double[] x = new double[n];
        double[][] y = new double[12][n];
        for (int i = 0; i < n; i++) {
            ThermometryProfile.Site s = p.sites().get(i);
            x[i] = s.site() + 1;
            WignerFit g = s.fit(Ansatz.GIBBS);
            y[0][i] = g.parameter("T").value();
            y[1][i] = g.parameter("T").standardError();
            y[2][i] = g.parameter("mu").value();
            y[3][i] = g.parameter("mu").standardError();
            y[4][i] = s.entropy().value();
            y[5][i] = g.entropy().value();
            y[6][i] = g.muOverT().value();
            y[7][i] = s.fit(Ansatz.TWO_PHOTON_DECAY).muOverT().value();
            y[8][i] = s.fit(Ansatz.SCULLY_LAMB).muOverT().value();
            y[9][i] = s.equipartitionTemperature().value();
            y[10][i] = s.fit(Ansatz.TWO_PHOTON_DECAY).l2Norm();
            y[11][i] = s.fit(Ansatz.SCULLY_LAMB).l2Norm();
        }
        String tag = String.format(Locale.ROOT, "F%.1f_L%d", f, length);
        String title = String.format(Locale.ROOT, "L = %d, F = %.1f", length, f);
        XyPlot t = Plots.xy("Fig. 4(a): Gibbs temperature, " + title, "site l", "T_l");
        ChainRuns.line(t, "Gibbs fit", x, y[0], y[1]);
        Plots.save(t, out.resolve("fit-fig4a-temperature_" + tag + ".png"));
        XyPlot mu = Plots.xy("Fig. 4(b): Gibbs chemical potential, " + title, "site l",
            "μ_l");
        ChainRuns.line(mu, "Gibbs fit", x, y[2], y[3]);
        mu.hLine(0, "μ = 0: prethermal (μ > 0) | thermal");
        Plots.save(mu, out.resolve("fit-fig4b-mu_" + tag + ".png"));
        XyPlot s = Plots.xy("Fig. 4(c): entropy, " + title, "site l", "S_l");
        ChainRuns.line(s, "Weyl-symbol populations", x, y[4], null);
        ChainRuns.line(s, "fitted Gibbs state", x, y[5], null);
        Plots.save(s, out.resolve("fit-fig4c-entropy_" + tag + ".png"));
        XyPlot r = Plots.xy("Fig. 4(d): μ_l / T_l, " + title, "site l", "μ_l/T_l");
        ChainRuns.line(r, "Gibbs", x, y[6], null);
        ChainRuns.line(r, "2-photon decay", x, y[7], null);
        ChainRuns.line(r, "Scully-Lamb (small n)", x, y[8], null);
        r.hLine(0, "μ/T = 0");
        Plots.save(r, out.resolve("fit-fig4d-muT_" + tag + ".png"));
        XyPlot e = Plots.xy("Fig. 14(a): equipartition vs Gibbs T, " + title, "site l", "T_l");
        ChainRuns.line(e, "equipartition |Δ|⟨p^2⟩ (Eq. 40)", x, y[9], null);
        ChainRuns.line(e, "Gibbs fit", x, y[0], null);
        Plots.save(e, out.resolve("fit-fig14a-temperature_" + tag + ".png"));
        XyPlot l2 = Plots.xy("Fig. 15(a): L^2 norm (Eq. 45), " + title, "site l", "L^2 norm");
        double[] gl2 = new double[n];
        double[] floor = new double[n];
        for (int i = 0; i < n; i++) {
            gl2[i] = p.sites().get(i).fit(Ansatz.GIBBS).l2Norm();
            floor[i] = p.sites().get(i).fit(Ansatz.GIBBS).l2NoiseFloor();
        }
        ChainRuns.line(l2, "Gibbs", x, gl2, null);
        ChainRuns.line(l2, "Scully-Lamb", x, y[11], null);
        ChainRuns.line(l2, "2-photon decay", x, y[10], null);
        ChainRuns.line(l2, "counting-noise floor (not a fit)", x, floor, null)
            .color(java.awt.Color.GRAY).dotted().markers(false);
        l2.logY();
        Plots.save(l2, out.resolve("fit-fig15a-l2_" + tag + ".png"));
    }

    /** Fig. 15(b-d) and Fig. 17: cuts of the data and of the fitted Wigner functions. */
    private static void cuts(Path out, double f, BoseHubbardChain chain, WignerHistogram w,
                             int l, ThermometryProfile.Site s, List<double[]> rows) {
        WignerFit g0 = WignerFitter.builder(Ansatz.GIBBS).kerr(0).build()
            .fit(WignerData.of(w, l));
        double[] re = w.cut(l, true);
        double[] im = w.cut(l, false);
        int bins = w.bins();
        double[] x = new double[bins];
        double[][] fits = new double[4][bins];
        WignerFit[] all = {s.fit(Ansatz.GIBBS), g0, s.fit(Ansatz.TWO_PHOTON_DECAY),
            s.fit(Ansatz.SCULLY_LAMB)};
        for (int i = 0; i < bins; i++) {
            x[i] = w.center(i);
            for (int k = 0; k < 4; k++) {
                fits[k][i] = all[k].converged() ? all[k].state().wigner(x[i], 0) : Double.NaN;
            }
            double[] row = {f, l + 1, x[i], re[i], im[i], fits[0][i], fits[1][i], fits[2][i],
                fits[3][i]};
            if (java.util.Arrays.stream(row).allMatch(Double::isFinite)) {
                rows.add(row); // sites where a fit failed are left out of cuts.csv
            }
        }
        XyPlot c = Plots.xy(String.format(Locale.ROOT, "Fig. 15/17: cuts of W_l, l = %d, "
            + "L = %d, F = %.1f", l + 1, chain.length(), f), "Re α or Im α", "W");
        ChainRuns.line(c, "W(x, 0) data", x, re, null).hue(0).pointsOnly();
        ChainRuns.line(c, "W(0, y) data", x, im, null).hue(1).pointsOnly();
        String[] names = {"Gibbs U = " + chain.interaction(), "Gibbs U = 0",
            "2-photon decay", "Scully-Lamb"};
        for (int k = 0; k < 4; k++) {
            XyPlot.Series series = all[k].converged()
                ? ChainRuns.line(c, names[k], x, fits[k], null) : null;
            if (series != null) {
                series.markers(false).hue(k + 2);
            }
        }
        c.note("W normalized to ∫W d^2α = 1");
        Plots.save(c, out.resolve(String.format(Locale.ROOT, "fit-fig15-cut_F%.1f_L%d_l%d"
            + ".png", f, chain.length(), l + 1)));
        System.out.printf(Locale.ROOT, "  l = %d: Gibbs %s (L2 %.4f, floor %.4f), Gibbs U=0 "
            + "mu/T %s (L2 %.4f), 2pd %s, SL %s%n", l + 1, all[0].parameters(),
            all[0].l2Norm(), all[0].l2NoiseFloor(), g0.muOverT(), g0.l2Norm(),
            all[2].parameters(), all[3].parameters());
    }
}
