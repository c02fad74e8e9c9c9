package org.ness4j.examples.quantum;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiFunction;
import org.ness4j.core.chain.BoseHubbardChain;
import org.ness4j.core.exec.PlanExecutor;
import org.ness4j.core.quantum.ChainOperators;
import org.ness4j.core.quantum.DensityMatrix;
import org.ness4j.core.quantum.FockSpace;
import org.ness4j.core.quantum.FockTruncation;
import org.ness4j.core.quantum.IterativeSteadyState;
import org.ness4j.core.quantum.Lindbladian;
import org.ness4j.core.quantum.SparseOperator;
import org.ness4j.core.quantum.QuantumTrajectories;
import org.ness4j.core.stat.Estimate;
import org.ness4j.sde.Heun;
import org.ness4j.examples.support.ErrorBudgetOption;
import org.ness4j.examples.support.Cli;
import org.ness4j.examples.support.Execution;
import org.ness4j.examples.support.TableOutput;
import org.ness4j.examples.support.Plots;
import org.ness4j.examples.support.XyPlot;
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
 * <p>With {@code --integrator RK4} the MCWF cost grows like the cube of the cutoff N (dimension
 * (N+1)^2 and an RK4 step \( \propto 1/\rho \sim 1/(2JN) \)); the default Krylov integrator's
 * grows about like (N+1)^2 only. The default run is small: F = 1, 2, 3, 4 (n up to ~11),
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
 * <p><b>Automatic cutoffs (F up to 15).</b> {@code --cutoffs auto} chooses per F and site
 * \( N_\ell = \lceil n_\ell + 5\sqrt{n_\ell + \delta n_\ell + 1} \rceil + 4 \) from the TWA
 * moments (\( n + \delta n \) is the variance of the photon number), runs the trajectories on
 * {@code FockSpace.of(N1, N2)}, and if a site's window-averaged top population exceeds
 * {@code --truncation-tolerance} (default {@link FockTruncation#DEFAULT_TOLERANCE}) grows that
 * cutoff by half and runs again (at most twice; still truncated is flagged TRUNCATED and in
 * the CSV). The CSV gets {@code mcwfauto_N1}, {@code mcwfauto_N2} and the top populations.
 * {@code --integrator KRYLOV} (default) uses the error-controlled Krylov integrator, whose cost
 * per unit time grows about linearly in the dimension (RK4 as before with {@code RK4}). Before
 * each MCWF run a rough cost estimate is printed ({@link #costEstimate}).
 * {@code --exact-max-states M}
 * (default 500) also solves the exact steady state ({@link IterativeSteadyState}, ILU(0)) at
 * the same cutoffs where {@code (N1+1)(N2+1) <= M} and writes it to {@code fig9_exact.csv}
 * (rows only for those F: F, N1, N2, n1, n2, dn1, dn2, residual, top1, top2); beyond it the
 * exact comparison stops (about F = 2 at 441 states in 16 s; the iterative solver does not
 * reach the ~1000-state cutoffs of F >= 4, docs/quantum.md).
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
            .text("integrator", "KRYLOV", "MCWF integrator: KRYLOV (adaptive) or RK4 (fixed dt)")
            .real("truncation-tolerance", String.valueOf(FockTruncation.DEFAULT_TOLERANCE),
                "largest accepted top-Fock population with --cutoffs auto")
            .integer("exact-max-states", "500",
                "also solve the exact steady state where (N1+1)(N2+1) is at most this (0: never)")
            // Paper 000, Fig. 9: F up to 15, t = 100, window [50, 100], 500 trajectories for TWA and
            // for the quantum trajectories; the F grid and the Fock cutoffs are not stated:
            // steps of 0.5 and automatic cutoffs
            .preset("paper", Map.of("F", "0.5:15:0.5", "cutoffs", "auto", "trajectories", "500",
                "twa-trajectories", "500", "end", "100", "window-start", "50"))
            .seed(20250109L)
            .threads()
            .output("out/fig9")
            .errorBudget();
    }

    private static void run(Cli o) {
        double[] drives = o.reals("F");
        boolean auto = o.string("cutoffs").equals("auto");
        double[] cutoffValues = auto ? new double[] {-1} : o.reals("cutoffs");
        QuantumTrajectories.Integrator integrator =
            QuantumTrajectories.Integrator.valueOf(o.string("integrator"));
        double truncation = FockTruncation.checkTolerance(o.real("truncation-tolerance"));
        long exactMax = o.integer("exact-max-states");
        List<double[]> exactRows = new ArrayList<>();
        double[][] autoCutoffs = new double[2][drives.length];
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
                int[] nCut = new int[2];
                for (int s = 0; s < 2; s++) {
                    nCut[s] = cutoffs[c] >= 0 ? cutoffs[c] : (int) Math.ceil(twa[2 * s][i]
                        + 5 * Math.sqrt(Math.max(0, twa[2 * s][i] + twa[4 + 2 * s][i]) + 1)) + 4;
                }
                QuantumTrajectories q;
                QuantumTrajectories.Result res;
                for (int attempt = 0; ; attempt++) {
                    int[] cut = nCut.clone();
                    double[] initial = alpha;
                    String integratorName = integrator.name();
                    q = mcwf(f, cut, end, windowStart, sampleInterval, trajectories, groupSize,
                        seed, dtText, initial, integratorName, truncation).threads(threads)
                        .build();
                    int dimension = (cut[0] + 1) * (cut[1] + 1);
                    System.out.printf(Locale.ROOT, "          cutoffs %d,%d (%d states): "
                        + "estimated cost %.0f s (%s)%n", cut[0], cut[1], dimension,
                        costEstimate(integrator, dimension, QuantumTrajectories
                            .spectralBound(lindbladian(f, cut)), twa[0][i] + twa[2][i],
                            trajectories * end, threads), integrator);
                    res = spark == null ? q.run()
                        : spark.execute(() -> mcwf(f, cut, end, windowStart, sampleInterval,
                            trajectories, groupSize, seed, dtText, initial, integratorName,
                            truncation).build().plan(), null);
                    if (cutoffs[c] >= 0 || res.truncatedModes().length == 0 || attempt == 2) {
                        break;
                    }
                    for (int s : res.truncatedModes()) {
                        nCut[s] = (int) Math.ceil(1.5 * nCut[s]);
                    }
                }
                if (cutoffs[c] < 0) {
                    autoCutoffs[0][i] = nCut[0];
                    autoCutoffs[1][i] = nCut[1];
                }
                if (exactMax > 0 && (long) (nCut[0] + 1) * (nCut[1] + 1) <= exactMax) {
                    exactRows.add(exact(chain(f), drives[i], nCut, truncation));
                }
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
                    cutoffs[c] >= 0 ? cutoffs[c] : Math.max(nCut[0], nCut[1]), ed[c][0][i],
                    ed[c][2][i], ed[c][4][i], ed[c][6][i], ed[c][1][i],
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
            String label = cutoffs[c] >= 0 ? String.valueOf(cutoffs[c]) : "auto";
            for (int q = 0; q < 8; q++) {
                header.add("mcwf" + label + "_" + names[q]);
                columns.add(ed[c][q]);
            }
            header.add("mcwf" + label + "_jumps");
            columns.add(jumps[c]);
            String[] topNames = {"top1", "top1_err", "top2", "top2_err"};
            for (int q = 0; q < 4; q++) {
                header.add("mcwf" + label + "_" + topNames[q]);
                columns.add(top[c][q]);
            }
            if (cutoffs[c] < 0) {
                header.add("mcwfauto_N1");
                columns.add(autoCutoffs[0]);
                header.add("mcwfauto_N2");
                columns.add(autoCutoffs[1]);
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
        if (!exactRows.isEmpty()) {
            List<String> exactHeader = List.of("F", "N1", "N2", "n1", "n2", "dn1", "dn2",
                "residual", "top1", "top2");
            o.write("fig9_exact" + suffix, exactHeader,
                TableOutput.columns(exactRows, exactHeader.size()));
        }

        plot(coherent, drives, twa, ed, cutoffs, exactRows, out);
        System.out.printf(Locale.ROOT, "wrote %s (%s, 2 figures as png, svg, pdf) in %.1f s%n",
            out, o.string("format"), (System.nanoTime() - start) / 1e9);
    }

    /**
     * Rough wall-time estimate of an MCWF run in seconds: Krylov (0.1 s + 5e-5 s per state)
     * times (1 + n / 14) per trajectory per unit time, n the total photon number (the cost is
     * per jump; calibrated on the reduced run of docs/gallery.md: F = 6, 2484 states, 0.84 s;
     * F = 10, 17374 states, 6.2 s; load 9-12); RK4 1.7e-7 s per state per step with
     * max(100, rho) steps per unit time (measured 0.64 s per unit time at 6561 states,
     * rho = 589).
     */
    static double costEstimate(QuantumTrajectories.Integrator integrator, int dimension,
                               double rho, double photons, double trajectoryTime, int threads) {
        double perUnit = integrator == QuantumTrajectories.Integrator.KRYLOV
            ? (0.1 + 5e-5 * dimension) * (1 + Math.max(0, photons) / 14)
            : 1.7e-7 * dimension * Math.max(100, rho);
        return perUnit * trajectoryTime / Math.max(1, Math.min(threads, 2));
    }

    /** Exact steady state at cutoffs n: F, N1, N2, n1, n2, dn1, dn2, residual, top1, top2. */
    private static double[] exact(BoseHubbardChain chain, double f, int[] n,
                                  double truncation) {
        FockSpace space = FockSpace.of(n[0], n[1]);
        long t0 = System.nanoTime();
        IterativeSteadyState.Result r = IterativeSteadyState.builder(
                ChainOperators.lindbladian(chain, space), space)
            .preconditioner(IterativeSteadyState.Preconditioner.UNDRIVEN)
            .truncation(truncation, FockTruncation.Policy.WARN).build().solve();
        DensityMatrix rho = r.state();
        double[] row = new double[10];
        row[0] = f;
        row[1] = n[0];
        row[2] = n[1];
        for (int s = 0; s < 2; s++) {
            SparseOperator a = space.annihilation(s);
            SparseOperator num = space.creation(s).times(a);
            double nn = rho.expectation(num).getReal();
            row[3 + s] = nn;
            row[5 + s] = rho.expectation(space.creation(s).times(space.creation(s)).times(a)
                .times(a)).getReal() - nn * nn;
        }
        row[7] = r.residual();
        row[8] = r.topPopulations()[0];
        row[9] = r.topPopulations()[1];
        System.out.printf(Locale.ROOT, "          exact (%d states): n = %7.3f %7.3f  dn = %8.3f"
                + " %8.3f  residual %.1e  top %.1e %.1e  (%.1f s)%n", space.dimension(), row[3],
            row[4], row[5], row[6], row[7], row[8], row[9], (System.nanoTime() - t0) / 1e9);
        return row;
    }

    /**
     * The TWA ensemble of the dimer at drive {@code f} (without threads or error budget),
     * starting from the vacuum ({@code field == null}) or the coherent amplitudes
     * {@code field}: built in the same way locally and, from numbers only, in Spark tasks.
     */
    static Ensemble.Builder twa(double f, double[] field, long trajectories, double dt,
                                long steps, long seed) {
        ChainProblem p = ChainProblem.truncatedWigner(chain(f));
        return Ensemble.builder(field == null ? p : p.withInitialField(field))
            .algorithm(Heun.create()).trajectories(trajectories).dt(dt).steps(steps)
            .groupSize(10).seed(seed);
    }

    /** The dimer at drive {@code f}. */
    static BoseHubbardChain chain(double f) {
        return BoseHubbardChain.builder(2).build().withBoundaryDrive(f);
    }

    /** The dimer's Lindbladian at drive {@code f} and Fock cutoffs per site. */
    static Lindbladian lindbladian(double f, int[] cutoffs) {
        return ChainOperators.lindbladian(chain(f), FockSpace.of(cutoffs[0], cutoffs[1]));
    }

    /**
     * The MCWF run of the dimer at drive {@code f} and Fock cutoffs per site (without
     * threads), from the vacuum ({@code alpha == null}) or the coherent amplitudes
     * {@code alpha} (re, im per site), with an integrator by name and a truncation tolerance:
     * built in the same way locally and, from numbers and text only, in Spark tasks.
     */
    static QuantumTrajectories.Builder mcwf(double f, int[] cutoffs, double end,
                                            double windowStart, double sampleInterval,
                                            long trajectories, int groupSize, long seed,
                                            String dtText, double[] alpha, String integrator,
                                            double truncation) {
        FockSpace space = FockSpace.of(cutoffs[0], cutoffs[1]);
        QuantumTrajectories.Builder b = QuantumTrajectories.builder(lindbladian(f, cutoffs),
                space)
            .endTime(end).window(windowStart, end).sampleInterval(sampleInterval)
            .trajectories(trajectories).groupSize(groupSize).seed(seed)
            .integrator(QuantumTrajectories.Integrator.valueOf(integrator))
            .truncationTolerance(truncation);
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

    /**
     * Draws Fig. 9: TWA (solid, markers) and quantum trajectories (dashed, dotted for a
     * second cutoff) in one hue per site (also used by {@link org.ness4j.examples.Replot}).
     *
     * @param coherent whether the run started from a coherent state (panels b, d)
     * @param drives F values
     * @param twa n_1, err, n_2, err, δn_1, err, δn_2, err over F
     * @param ed the same per cutoff
     * @param cutoffs Fock cutoffs
     * @param out output directory
     */
    public static void plot(boolean coherent, double[] drives, double[][] twa, double[][][] ed,
                            int[] cutoffs, Path out) {
        plot(coherent, drives, twa, ed, cutoffs, List.of(), out);
    }

    /**
     * Draws Fig. 9 as {@link #plot(boolean, double[], double[][], double[][][], int[], Path)},
     * with the exact steady state (rows of {@code fig9_exact.csv}: F, N1, N2, n1, n2, dn1, dn2,
     * ...) as points where it was solved.
     *
     * @param coherent whether the run started from a coherent state (panels b, d)
     * @param drives F values
     * @param twa n_1, err, n_2, err, δn_1, err, δn_2, err over F
     * @param ed the same per cutoff (a negative cutoff: chosen automatically)
     * @param cutoffs Fock cutoffs
     * @param exactRows exact steady-state rows (may be empty)
     * @param out output directory
     */
    public static void plot(boolean coherent, double[] drives, double[][] twa, double[][][] ed,
                            int[] cutoffs, List<double[]> exactRows, Path out) {
        XyPlot cn = Plots.xy(coherent ? "Fig. 9(b): L = 2, photon numbers, coherent start"
            : "Fig. 9(a): L = 2, photon numbers", "F", "n_l");
        XyPlot cd = Plots.xy(coherent ? "Fig. 9(d): L = 2, fluctuations, coherent start"
            : "Fig. 9(c): L = 2, photon-number fluctuations", "F", "δn_l");
        for (int s = 0; s < 2; s++) {
            cn.line("TWA, n_" + (s + 1), drives, twa[2 * s], twa[2 * s + 1]).hue(s);
            cd.line("TWA, δn_" + (s + 1), drives, twa[4 + 2 * s], twa[5 + 2 * s]).hue(s);
            for (int c = 0; c < ed.length; c++) {
                String label = cutoffs[c] >= 0 ? "MCWF N = " + cutoffs[c] : "MCWF, auto N";
                XyPlot.Series a = cn.line(label + ", n_" + (s + 1), drives,
                    ed[c][2 * s], ed[c][2 * s + 1]).hue(s).markers(false);
                XyPlot.Series b = cd.line(label + ", δn_" + (s + 1), drives,
                    ed[c][4 + 2 * s], ed[c][5 + 2 * s]).hue(s).markers(false);
                if (c == 0) {
                    a.dashed();
                    b.dashed();
                } else {
                    a.dotted();
                    b.dotted();
                }
            }
        }
        if (!exactRows.isEmpty()) {
            double[] ef = new double[exactRows.size()];
            double[][] ev = new double[4][ef.length];
            for (int r = 0; r < ef.length; r++) {
                ef[r] = exactRows.get(r)[0];
                for (int q = 0; q < 4; q++) {
                    ev[q][r] = exactRows.get(r)[3 + q];
                }
            }
            for (int s = 0; s < 2; s++) {
                cn.line("exact, n_" + (s + 1), ef, ev[s], null).hue(s).pointsOnly();
                cd.line("exact, δn_" + (s + 1), ef, ev[2 + s], null).hue(s).pointsOnly();
            }
        }
        cd.hLine(0, "δn = 0 (Poissonian)");
        Plots.save(cn, out.resolve(coherent ? "fig9b_n.png" : "fig9a_n.png"));
        Plots.save(cd, out.resolve(coherent ? "fig9d_dn.png" : "fig9c_dn.png"));
    }
}
