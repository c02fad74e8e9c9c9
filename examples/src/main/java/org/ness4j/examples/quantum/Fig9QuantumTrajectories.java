package org.ness4j.examples.quantum;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.BiFunction;
import org.knowm.xchart.XYChart;
import org.ness4j.core.chain.BoseHubbardChain;
import org.ness4j.core.exec.PlanExecutor;
import org.ness4j.core.quantum.ChainOperators;
import org.ness4j.core.quantum.FockSpace;
import org.ness4j.core.quantum.Lindbladian;
import org.ness4j.core.quantum.QuantumTrajectories;
import org.ness4j.core.stat.Estimate;
import org.ness4j.sde.Heun;
import org.ness4j.examples.support.ErrorBudgetOption;
import org.ness4j.examples.support.Cli;
import org.ness4j.examples.support.Execution;
import org.ness4j.examples.support.TableOutput;
import org.ness4j.examples.support.Plots;
import org.ness4j.observables.SiteMoments;
import org.ness4j.sde.chain.ChainProblem;
import org.ness4j.sde.ensemble.Ensemble;
import org.ness4j.sde.ensemble.EnsemblePlan;
import org.ness4j.sde.ensemble.EnsembleResult;
import org.ness4j.sde.ensemble.SampleSchedule;

/**
 * Reproduces Fig. 9(a, c) of paper 000 (SI): the Bose-Hubbard dimer (L = 2, \( \Delta = 2.5 \),
 * \( J = 2 \), \( U = 0.1 \), \( \gamma = 1 \)), photon numbers \( n_1, n_2 \) and fluctuations
 * \( \delta n_1, \delta n_2 \) versus the drive F from truncated Wigner trajectories (Eq. 4)
 * and from exact Monte Carlo wave-function trajectories (SI Eq. 16-19) at several Fock cutoffs,
 * both started in the vacuum, evolved to t = 100 and averaged over the window [50, 100]
 * (paper: 500 trajectories each).
 *
 * <p>The MCWF cost grows like the cube of the cutoff N (dimension (N+1)^2 and an RK4 step
 * \( \propto 1/\rho \sim 1/(2JN) \)), so the default run is small: F = 1, 2, 3, 4 (n up to ~11),
 * cutoffs 20 and 30 (N = 20 is visibly too small at F = 4, which is the point of the cutoff
 * study) and 16 quantum trajectories per point against 500 Wigner trajectories; a few minutes
 * on 2 cores. Larger: {@code --F 1:5:1 --cutoffs 25,35 --trajectories 32}. The paper's size:
 * {@code --F 0.5:15:0.5 --cutoffs 90,110 --trajectories 500} (hours to days: at F >~ 10 the dimer
 * holds ~60 photons per site). With {@code --initial coherent} it reproduces panels (b, d)
 * instead: both methods start from the product of coherent states
 * \( |\alpha_1\rangle\otimes|\alpha_2\rangle \) with \( \alpha_\ell = \langle a_\ell\rangle \) of the
 * TWA steady state (measured first by a TWA run from the vacuum over the same window). Writes
 * {@code fig9.csv} (or {@code fig9_coherent.csv}) and two PNG plots into {@code --out}.
 *
 * <p>Truncation: the cutoff study runs cutoffs that are too small on purpose, so the MCWF runs
 * warn (SLF4J WARN, {@link QuantumTrajectories.Result#truncatedModes()}) instead of refusing, and
 * the window-averaged population of each site's top Fock state is printed and written to the CSV
 * ({@code mcwfN_top1}, {@code mcwfN_top2} with errors), next to the results it qualifies.
 *
 * <p>With {@code --error-budget} ({@link ErrorBudgetOption}) the TWA ensemble (the final one,
 * from the coherent state with {@code --initial coherent}) re-runs a subset at
 * {@code --twa-dt} and half of it, and the CSV gets the TWA step errors as its last columns:
 * {@code twa_n1_step}, {@code twa_n1_step_err}, {@code twa_n2_step}, ...,
 * {@code twa_dn2_step_err}. The MCWF columns have none: {@link QuantumTrajectories} is not an
 * {@link Ensemble}, and its deterministic RK4 step between exactly drawn jumps is not an SDE
 * step with a weak order, which the budget's re-run at dt/2 and extrapolation assume.
 */
public final class Fig9QuantumTrajectories {

    private Fig9QuantumTrajectories() {
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
        return new Cli("Fig9QuantumTrajectories",
                "Paper 000 Fig. 9(a, c): the dimer from truncated Wigner against exact Monte "
                    + "Carlo wave-function trajectories at several Fock cutoffs.",
                Fig9QuantumTrajectories::run)
            .reals("F", "1:4:1", "drive amplitudes, list a,b,c or range start:stop:step (units of "
                + "gamma)")
            .text("initial", "vacuum", "initial state: vacuum (panels a, c) or coherent (b, d)")
            .text("cutoffs", "20,30", "Fock cutoffs per site for the MCWF cutoff study")
            .integer("trajectories", "16", "quantum trajectories per F and cutoff (count)")
            .integer("twa-trajectories", "500", "Wigner trajectories per F")
            .real("end", "100", "end time (units of 1/gamma)")
            .real("window-start", "50", "start of the averaging window (ends at --end) (units of "
                + "1/gamma)")
            .text("dt", "auto", "MCWF RK4 step (auto: min(0.01, 1/rho)) (units of 1/gamma)")
            .real("twa-dt", "0.01", "TWA time step (units of 1/gamma)")
            .real("sample-interval", "0.1", "time between samples in the window (units of 1/gamma)")
            .integer("group-size", "2", "quantum trajectories per statistical group")
            .seed(20250109L)
            .threads()
            .output("out/fig9")
            .errorBudget();
    }

    private static void run(Cli o) {
        double[] drives = o.reals("F");
        double[] cutoffValues = o.reals("cutoffs");
        long trajectories = o.integer("trajectories");
        long twaTrajectories = o.integer("twa-trajectories");
        double end = o.real("end");
        double windowStart = o.real("window-start");
        String dtText = o.string("dt");
        double twaDt = o.real("twa-dt");
        double sampleInterval = o.real("sample-interval");
        int groupSize = (int) o.integer("group-size");
        long seed = o.integer("seed");
        int threads = (int) o.integer("threads");
        Path out = Path.of(o.string("out"));
        boolean coherent = o.string("initial").equals("coherent");
        if (!coherent && !o.string("initial").equals("vacuum")) {
            throw new IllegalArgumentException("initial must be vacuum or coherent: "
                + o.string("initial"));
        }
        int[] cutoffs = new int[cutoffValues.length];
        for (int c = 0; c < cutoffs.length; c++) {
            cutoffs[c] = (int) cutoffValues[c];
        }

        int k = drives.length;
        int nc = cutoffs.length;
        // TWA columns: n1, n2, dn1, dn2 with errors; MCWF the same per cutoff
        double[][] twa = new double[8][k];
        double[][][] ed = new double[nc][8][k];
        double[][] jumps = new double[nc][k];
        // top-state population per cutoff: site 1, error, site 2, error
        double[][][] top = new double[nc][4][k];
        boolean budget = ErrorBudgetOption.budget(o) != null;
        // TWA step errors: n1, n2, dn1, dn2, each value and error (rows of F)
        List<double[]> twaStepRows = new ArrayList<>();
        long start = System.nanoTime();
        System.out.printf(Locale.ROOT, "Fig. 9: L = 2, t = %s, window [%s, %s], TWA %d traj, "
            + "MCWF %d traj at cutoffs %s, seed %d%n", end, windowStart, end, twaTrajectories,
            trajectories, o.string("cutoffs"), seed);
        PlanExecutor spark = Execution.spark(o);
        long twaSteps = Math.round(end / twaDt);
        long twaFirst = Math.round(windowStart / twaDt);
        long twaEvery = Math.max(1, Math.round(sampleInterval / twaDt));
        for (int i = 0; i < k; i++) {
            long t0 = System.nanoTime();
            SampleSchedule window = new SampleSchedule(twaFirst, twaEvery);
            // withBudget: whether this run gets the --error-budget (the final TWA run only)
            double f = drives[i];
            BiFunction<double[], Boolean, EnsembleResult<SiteMoments>> runTwa =
                (field, withBudget) -> {
                    if (spark != null) {
                        return EnsemblePlan.execute(spark, () -> EnsemblePlan.of(twa(f, field,
                                twaTrajectories, twaDt, twaSteps, seed).build(),
                            SiteMoments.observer(new SampleSchedule(twaFirst, twaEvery), 0, 1)),
                            null);
                    }
                    Ensemble.Builder b = twa(f, field, twaTrajectories, twaDt, twaSteps, seed)
                        .threads(threads);
                    return (withBudget ? ErrorBudgetOption.apply(o, b) : b).build()
                        .run(SiteMoments.observer(window, 0, 1));
                };
            EnsembleResult<SiteMoments> twaRun = runTwa.apply(null, !coherent);
            SiteMoments m = twaRun.requireSuccess();
            double[] alpha = null;
            if (coherent) {
                // alpha_l = <a_l> of the TWA steady state, then both methods start from it
                alpha = new double[] {m.fieldRe(0).value(), m.fieldIm(0).value(),
                    m.fieldRe(1).value(), m.fieldIm(1).value()};
                twaRun = runTwa.apply(alpha, true);
                m = twaRun.requireSuccess();
                System.out.printf(Locale.ROOT, "F = %5.2f  initial alpha = (%.3f%+.3fi, "
                    + "%.3f%+.3fi)%n", drives[i], alpha[0], alpha[1], alpha[2], alpha[3]);
            }
            // n1, n2, dn1, dn2, with step errors under --error-budget
            Estimate[] e = twaRun.estimates(a -> new Estimate[] {a.photonNumber(0),
                a.photonNumber(1), a.numberFluctuation(0), a.numberFluctuation(1)});
            for (int s = 0; s < 2; s++) {
                put(twa, 2 * s, i, e[s]);
                put(twa, 4 + 2 * s, i, e[2 + s]);
            }
            twaStepRows.add(ErrorBudgetOption.row(new double[0], e));
            ErrorBudgetOption.report(String.format(Locale.ROOT, "F = %.2f TWA", drives[i]), e);
            System.out.printf(Locale.ROOT, "F = %5.2f  TWA : n = %7.3f %7.3f  dn = %8.3f %8.3f"
                    + "   (%.1f s)%n", drives[i], twa[0][i], twa[2][i], twa[4][i], twa[6][i],
                (System.nanoTime() - t0) / 1e9);
            for (int c = 0; c < nc; c++) {
                t0 = System.nanoTime();
                int cutoff = cutoffs[c];
                double[] initial = alpha;
                QuantumTrajectories q = mcwf(f, cutoff, end, windowStart, sampleInterval,
                    trajectories, groupSize, seed, dtText, initial).threads(threads).build();
                QuantumTrajectories.Result res = spark == null ? q.run()
                    : spark.execute(() -> mcwf(f, cutoff, end, windowStart, sampleInterval,
                        trajectories, groupSize, seed, dtText, initial).build().plan(), null);
                if (!res.failures().isEmpty()) {
                    System.out.println("  failures: " + res.failures());
                }
                for (int s = 0; s < 2; s++) {
                    put(ed[c], 2 * s, i, res.photonNumber(s));
                    put(ed[c], 4 + 2 * s, i, res.numberFluctuation(s));
                }
                jumps[c][i] = res.meanJumps();
                for (int s = 0; s < 2; s++) {
                    put(top[c], 2 * s, i, res.topPopulation(s));
                }
                System.out.printf(Locale.ROOT, "          N=%3d: n = %7.3f %7.3f  dn = %8.3f %8.3f"
                        + "  (+- %.3f %.3f %.3f %.3f; p_N %.1e %.1e%s; dt %.4f, %.0f jumps/traj,"
                        + " %.1f s)%n",
                    cutoffs[c], ed[c][0][i], ed[c][2][i], ed[c][4][i], ed[c][6][i], ed[c][1][i],
                    ed[c][3][i], ed[c][5][i], ed[c][7][i], top[c][0][i], top[c][2][i],
                    res.truncatedModes().length > 0 ? " TRUNCATED" : "", q.dt(), jumps[c][i],
                    (System.nanoTime() - t0) / 1e9);
            }
        }
        List<String> header = new ArrayList<>(List.of("F", "twa_n1", "twa_n1_err", "twa_n2",
            "twa_n2_err", "twa_dn1", "twa_dn1_err", "twa_dn2", "twa_dn2_err"));
        List<double[]> columns = new ArrayList<>();
        columns.add(drives);
        for (double[] col : twa) {
            columns.add(col);
        }
        String[] names = {"n1", "n1_err", "n2", "n2_err", "dn1", "dn1_err", "dn2", "dn2_err"};
        for (int c = 0; c < nc; c++) {
            for (int q = 0; q < 8; q++) {
                header.add("mcwf" + cutoffs[c] + "_" + names[q]);
                columns.add(ed[c][q]);
            }
            header.add("mcwf" + cutoffs[c] + "_jumps");
            columns.add(jumps[c]);
            String[] topNames = {"top1", "top1_err", "top2", "top2_err"};
            for (int q = 0; q < 4; q++) {
                header.add("mcwf" + cutoffs[c] + "_" + topNames[q]);
                columns.add(top[c][q]);
            }
        }
        if (budget) {
            header = ErrorBudgetOption.header(header, true, "twa_n1", "twa_n2", "twa_dn1",
                "twa_dn2");
            columns.addAll(List.of(TableOutput.columns(twaStepRows, 8)));
        }
        String suffix = coherent ? "_coherent" : "";
        o.write("fig9" + suffix, header,
            columns.toArray(new double[0][]));

        XYChart cn = Plots.xy(coherent ? "Fig. 9(b): L = 2, photon numbers, coherent start"
            : "Fig. 9(a): L = 2, photon numbers", "F", "n");
        XYChart cd = Plots.xy(coherent ? "Fig. 9(d): L = 2, fluctuations, coherent start"
            : "Fig. 9(c): L = 2, photon-number fluctuations", "F", "delta n");
        for (int s = 0; s < 2; s++) {
            Plots.line(cn, "TWA n_" + (s + 1), drives, twa[2 * s], twa[2 * s + 1]);
            Plots.line(cd, "TWA dn_" + (s + 1), drives, twa[4 + 2 * s], twa[5 + 2 * s]);
            for (int c = 0; c < nc; c++) {
                Plots.line(cn, "MCWF N=" + cutoffs[c] + " n_" + (s + 1), drives, ed[c][2 * s],
                    ed[c][2 * s + 1]);
                Plots.line(cd, "MCWF N=" + cutoffs[c] + " dn_" + (s + 1), drives,
                    ed[c][4 + 2 * s], ed[c][5 + 2 * s]);
            }
        }
        Plots.savePng(cn, out.resolve(coherent ? "fig9b_n.png" : "fig9a_n.png"));
        Plots.savePng(cd, out.resolve(coherent ? "fig9d_dn.png" : "fig9c_dn.png"));
        System.out.printf(Locale.ROOT, "wrote %s (csv, 2 png) in %.1f s%n", out,
            (System.nanoTime() - start) / 1e9);
    }

    /**
     * The TWA ensemble of the dimer at drive {@code f} (without threads or error budget),
     * starting from the vacuum ({@code field == null}) or the coherent amplitudes
     * {@code field}: built in the same way locally and, from numbers only, in Spark tasks.
     */
    static Ensemble.Builder twa(double f, double[] field, long trajectories, double dt,
                                long steps, long seed) {
        ChainProblem p = ChainProblem.truncatedWigner(
            BoseHubbardChain.builder(2).build().withBoundaryDrive(f));
        return Ensemble.builder(field == null ? p : p.withInitialField(field))
            .algorithm(Heun.create()).trajectories(trajectories).dt(dt).steps(steps)
            .groupSize(10).seed(seed);
    }

    /**
     * The MCWF run of the dimer at drive {@code f} and a Fock cutoff (without threads), from
     * the vacuum ({@code alpha == null}) or the coherent amplitudes {@code alpha} (re, im per
     * site): built in the same way locally and, from numbers and text only, in Spark tasks.
     */
    static QuantumTrajectories.Builder mcwf(double f, int cutoff, double end,
                                            double windowStart, double sampleInterval,
                                            long trajectories, int groupSize, long seed,
                                            String dtText, double[] alpha) {
        BoseHubbardChain chain = BoseHubbardChain.builder(2).build().withBoundaryDrive(f);
        FockSpace space = ChainOperators.uniformSpace(chain, cutoff);
        Lindbladian l = ChainOperators.lindbladian(chain, space);
        QuantumTrajectories.Builder b = QuantumTrajectories.builder(l, space)
            .endTime(end).window(windowStart, end).sampleInterval(sampleInterval)
            .trajectories(trajectories).groupSize(groupSize).seed(seed);
        if (!dtText.equals("auto")) {
            b.dt(Double.parseDouble(dtText));
        }
        if (alpha != null) {
            b.coherentInitialState(new double[] {alpha[0], alpha[2]},
                new double[] {alpha[1], alpha[3]});
        }
        return b;
    }

    private static void put(double[][] table, int column, int row, Estimate e) {
        table[column][row] = e.value();
        table[column + 1][row] = e.standardError();
    }
}
