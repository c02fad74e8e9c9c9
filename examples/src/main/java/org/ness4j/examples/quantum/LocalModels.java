package org.ness4j.examples.quantum;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.ness4j.core.quantum.CoherenceFunction;
import org.ness4j.core.quantum.DensityMatrix;
import org.ness4j.core.quantum.DrivenKerrOscillator;
import org.ness4j.core.quantum.FockDistribution;
import org.ness4j.core.quantum.FockSpace;
import org.ness4j.core.quantum.FockTruncation;
import org.ness4j.core.quantum.GibbsState;
import org.ness4j.core.quantum.ScullyLambModel;
import org.ness4j.core.quantum.SparseOperator;
import org.ness4j.core.quantum.SteadyStates;
import org.ness4j.core.quantum.TwoPhotonDecayModel;
import org.ness4j.examples.support.Cli;
import org.ness4j.examples.support.Plots;
import org.ness4j.examples.support.XyPlot;

/**
 * Local models for thermometry (paper 000, Eq. 8-11, 41-44, 48) and the exact benchmark of the
 * Lindblad solver:
 * <ol>
 *   <li>steady-state populations, statistics, entropy and Wigner cuts of the 2-photon-decay
 *       model, the generalized Scully-Lamb model and the Gibbs state ({@code populations.csv},
 *       {@code wigner_cuts.csv}, {@code statistics.csv});</li>
 *   <li>cutoff convergence of the birth-death fast path ({@code cutoff_convergence.csv});</li>
 *   <li>the driven Kerr oscillator: direct Lindblad solve versus the exact Drummond-Walls moments
 *       over a drive sweep and versus the cutoff ({@code kerr_validation.csv},
 *       {@code kerr_cutoff.csv});</li>
 *   <li>\( |g^{(1)}(\tau)| \) of the 2-photon model for several dephasing rates
 *       ({@code coherence.csv}).</li>
 * </ol>
 * Runs in a few seconds; writes CSV and PNG files into {@code --out} and prints a summary.
 *
 * <p>Truncation: the local models of part 1 and the coherence runs use explicit cutoffs, which
 * are checked (refused if the top population exceeds
 * {@link FockTruncation#DEFAULT_TOLERANCE}); the cutoff studies of parts 2 and 3 compare
 * too-small cutoffs on purpose, so they warn ({@link FockTruncation.Policy#WARN}) and write the
 * top population next to each result ({@code p_cutoff} / {@code p_top} columns).
 */
public final class LocalModels {

    private LocalModels() {
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
        return new Cli("LocalModels",
                "Local impurity models for thermometry (paper 000 Eq. 8-11, 41-44, 48) and the "
                    + "exact Kerr-oscillator benchmark of the Lindblad solver.",
                LocalModels::run)
            .real("gamma-up", "1.2", "2-photon / Scully-Lamb pump rate")
            .real("gamma-down", "1.0", "one-photon loss rate")
            .real("gamma-s", "0.001", "2-photon loss rate")
            .real("saturation", "0.001", "Scully-Lamb saturation S")
            .real("kerr", "0.1", "Gibbs-state Kerr U")
            .real("temperature", "55", "Gibbs temperature T (mu = T ln(gamma_up/gamma_down))")
            .integer("cutoff", "600", "Fock cutoff of the local models")
            .integer("kerr-cutoff", "30", "Fock cutoff of the direct Kerr-oscillator solve")
            .output("out/quantum");
    }

    private static void run(Cli o) {
        double gUp = o.real("gamma-up");
        double gDown = o.real("gamma-down");
        double gS = o.real("gamma-s");
        double sat = o.real("saturation");
        double u = o.real("kerr");
        double temp = o.real("temperature");
        int cutoff = (int) o.integer("cutoff");
        int kerrCutoff = (int) o.integer("kerr-cutoff");
        Path out = Path.of(o.string("out"));

        // ---- 1. local models -------------------------------------------------------------
        long t0 = System.nanoTime();
        TwoPhotonDecayModel two = TwoPhotonDecayModel.builder().gammaUp(gUp).gammaDown(gDown)
            .gammaS(gS).cutoff(cutoff).build();
        long t1 = System.nanoTime();
        ScullyLambModel sl = ScullyLambModel.builder().gammaUp(gUp).gammaDown(gDown)
            .saturation(sat).cutoff(cutoff).build();
        double muOverT = two.muOverT();
        GibbsState gibbs = GibbsState.of(u, muOverT * temp, temp, cutoff);
        FockDistribution[] states = {two.steadyState(), sl.steadyState(), gibbs.state()};
        String[] names = {"two_photon", "scully_lamb", "gibbs"};
        System.out.printf(Locale.ROOT, "birth-death steady state, cutoff %d: %.3f ms%n", cutoff,
            (t1 - t0) / 1e6);
        double[] ns = new double[cutoff + 1];
        for (int n = 0; n <= cutoff; n++) {
            ns[n] = n;
        }
        o.write("populations", List.of("n", names[0], names[1], names[2]),
            ns, states[0].populations(), states[1].populations(), states[2].populations());
        String[] legend = {"2-photon decay", "Scully-Lamb", "Gibbs"};
        XyPlot pop = Plots.xy("Steady-state populations", "n", "p_n");
        for (int k = 0; k < 3; k++) {
            pop.line(legend[k], ns, states[k].populations(), null).hue(k);
        }
        Plots.save(pop, out.resolve("populations.png"));

        int points = 301;
        double[] x = new double[points];
        double[][] w = new double[3][points];
        for (int i = 0; i < points; i++) {
            x[i] = -15 + 30.0 * i / (points - 1);
            for (int k = 0; k < 3; k++) {
                w[k][i] = states[k].wigner(x[i], 0.0);
            }
        }
        o.write("wigner_cuts", List.of("re_alpha", names[0], names[1], names[2]),
            x, w[0], w[1], w[2]);
        XyPlot wc = Plots.xy("Wigner function on the cut Im α = 0", "Re α", "W(Re α, 0)");
        for (int k = 0; k < 3; k++) {
            wc.line(legend[k], x, w[k], null).hue(k);
        }
        wc.note("W normalized to ∫W d^2α = 1");
        Plots.save(wc, out.resolve("wigner_cuts.png"));

        double[][] stats = new double[6][3];
        for (int k = 0; k < 3; k++) {
            FockDistribution s = states[k];
            stats[0][k] = k;
            stats[1][k] = s.meanPhotonNumber();
            stats[2][k] = s.deltaN();
            stats[3][k] = s.g2();
            stats[4][k] = s.entropy();
            stats[5][k] = s.topPopulation();
            System.out.printf(Locale.ROOT,
                "%-12s n = %9.4f  delta n = %10.4f  g2 = %.5f  S = %.5f  p_N = %.2e%n",
                names[k], stats[1][k], stats[2][k], stats[3][k], stats[4][k], stats[5][k]);
        }
        System.out.printf(Locale.ROOT, "mu/T = ln(gamma_up/gamma_down) = %.6f (Eq. 11, 44)%n",
            muOverT);
        o.write("statistics",
            List.of("model", "n", "delta_n", "g2", "entropy", "p_cutoff"), stats);

        // ---- 2. cutoff convergence of the fast path ----------------------------------------
        int[] cuts = {100, 150, 200, 300, 400, 600, 1000, 2000};
        double[] cc = new double[cuts.length];
        double[] cn = new double[cuts.length];
        double[] ctop = new double[cuts.length];
        double[] ctime = new double[cuts.length];
        for (int i = 0; i < cuts.length; i++) {
            long a = System.nanoTime();
            TwoPhotonDecayModel m = TwoPhotonDecayModel.builder().gammaUp(gUp).gammaDown(gDown)
                .gammaS(gS).cutoff(cuts[i]).truncationPolicy(FockTruncation.Policy.WARN)
                .build();
            ctime[i] = (System.nanoTime() - a) / 1e6;
            cc[i] = cuts[i];
            cn[i] = m.steadyState().meanPhotonNumber();
            ctop[i] = m.steadyState().topPopulation();
            System.out.printf(Locale.ROOT, "2-photon cutoff %5d: n = %.12f p_N = %.2e (%.2f ms)%n",
                cuts[i], cn[i], ctop[i], ctime[i]);
        }
        o.write("cutoff_convergence",
            List.of("cutoff", "n", "p_cutoff", "millis"), cc, cn, ctop, ctime);

        // ---- 3. Kerr oscillator validation --------------------------------------------------
        double delta = 1.0;
        double kerr = 0.5;
        double kappa = 1.0;
        int nf = 13;
        double[] f = new double[nf];
        double[] nExact = new double[nf];
        double[] nDirect = new double[nf];
        double[] g2Exact = new double[nf];
        double[] g2Direct = new double[nf];
        double[] aErr = new double[nf];
        double[] kTop = new double[nf];
        FockSpace space = FockSpace.of(kerrCutoff);
        SparseOperator num = space.number(0);
        SparseOperator a = space.annihilation(0);
        SparseOperator ad = space.creation(0);
        SparseOperator ad2a2 = ad.times(ad).times(a).times(a);
        long tk = System.nanoTime();
        for (int i = 0; i < nf; i++) {
            f[i] = 0.25 * (i + 1);
            DrivenKerrOscillator k = DrivenKerrOscillator.of(delta, kerr, f[i], kappa);
            DensityMatrix rho = SteadyStates.direct(k.lindbladian(kerrCutoff), space,
                FockTruncation.DEFAULT_TOLERANCE, FockTruncation.Policy.WARN);
            kTop[i] = FockTruncation.topPopulations(rho, space)[0];
            nExact[i] = k.exactMeanPhotonNumber();
            nDirect[i] = rho.expectation(num).getReal();
            g2Exact[i] = k.exactG2();
            g2Direct[i] = rho.expectation(ad2a2).getReal() / (nDirect[i] * nDirect[i]);
            aErr[i] = rho.expectation(a).subtract(k.exactField()).norm();
            System.out.printf(Locale.ROOT,
                "Kerr F = %.2f: n exact %.10f direct %.10f |dn| %.1e  g2 %.6f/%.6f  |d<a>| %.1e"
                    + "  p_N %.1e%n",
                f[i], nExact[i], nDirect[i], Math.abs(nExact[i] - nDirect[i]), g2Exact[i],
                g2Direct[i], aErr[i], kTop[i]);
        }
        System.out.printf(Locale.ROOT, "direct solves (d = %d): %.2f s each%n", kerrCutoff + 1,
            (System.nanoTime() - tk) / 1e9 / nf);
        o.write("kerr_validation",
            List.of("F", "n_exact", "n_direct", "g2_exact", "g2_direct", "field_error", "p_top"),
            f, nExact, nDirect, g2Exact, g2Direct, aErr, kTop);
        XyPlot kc = Plots.xy("Driven Kerr oscillator (Δ = 1, U = 0.5, κ = 1)", "F", "n");
        kc.reference("exact (Drummond-Walls)", f, nExact);
        kc.line("direct Lindblad, N = " + kerrCutoff, f, nDirect, null).hue(0).pointsOnly();
        Plots.save(kc, out.resolve("kerr_validation.png"));

        int[] kc2 = {4, 6, 8, 10, 12, 14, 16, 18, 20, 24};
        double[] kcut = new double[kc2.length];
        double[] kerr2 = new double[kc2.length];
        double[] ktop2 = new double[kc2.length];
        DrivenKerrOscillator ref = DrivenKerrOscillator.of(delta, kerr, 1.5, kappa);
        for (int i = 0; i < kc2.length; i++) {
            FockSpace si = FockSpace.of(kc2[i]);
            DensityMatrix rho = SteadyStates.direct(ref.lindbladian(kc2[i]), si,
                FockTruncation.DEFAULT_TOLERANCE, FockTruncation.Policy.WARN);
            ktop2[i] = FockTruncation.topPopulations(rho, si)[0];
            kcut[i] = kc2[i];
            kerr2[i] = Math.max(1e-300, Math.abs(
                rho.expectation(FockSpace.of(kc2[i]).number(0)).getReal()
                    - ref.exactMeanPhotonNumber()));
            System.out.printf(Locale.ROOT, "Kerr F = 1.5 cutoff %2d: |n - n_exact| = %.2e  p_N = "
                + "%.2e%n", kc2[i], kerr2[i], ktop2[i]);
        }
        o.write("kerr_cutoff", List.of("cutoff", "abs_error_n", "p_top"), kcut,
            kerr2, ktop2);

        // ---- 4. coherence g1(tau) ---------------------------------------------------------
        // U = 0 isolates the dephasing rate; the last curve adds the Kerr term, whose
        // number-dependent frequency U n dephases over 1/(U Delta n).
        double[] phis = {0.0, 0.1, 0.5, 1.0, 0.1};
        double[] kerrs = {0.0, 0.0, 0.0, 0.0, u};
        String[] labels = {"phi_0", "phi_0.1", "phi_0.5", "phi_1", "phi_0.1_kerr"};
        int steps = 400;
        double dtau = 0.05;
        double[][] g1 = new double[phis.length + 1][];
        XyPlot gc = Plots.xy("2-photon model |g^{(1)}(τ)|", "τ", "|g^{(1)}(τ)|");
        String[] rates = {"γ_φ = 0", "γ_φ = 0.1", "γ_φ = 0.5", "γ_φ = 1", "γ_φ = 0.1, Kerr U"};
        for (int i = 0; i < phis.length; i++) {
            long tc = System.nanoTime();
            TwoPhotonDecayModel m = TwoPhotonDecayModel.builder().gammaUp(gUp).gammaDown(gDown)
                .gammaS(gS).gammaPhi(phis[i]).kerr(kerrs[i]).cutoff(300).build();
            CoherenceFunction c = m.coherence(dtau, steps);
            g1[i + 1] = c.g1Abs();
            g1[0] = c.delays();
            double rate = -Math.log(g1[i + 1][steps] / g1[i + 1][steps / 2]) / (dtau * steps / 2);
            System.out.printf(Locale.ROOT,
                "g1: gamma_phi = %.2f U = %.2f |g1(5)| = %.5e |g1(20)| = %.5e late decay rate "
                    + "%.5f (%.2f s, N = 300)%n", phis[i], kerrs[i], g1[i + 1][100],
                g1[i + 1][steps], rate, (System.nanoTime() - tc) / 1e9);
            gc.line(rates[i], g1[0], g1[i + 1], null).hue(i);
        }
        o.write("coherence", List.of("tau", labels[0], labels[1], labels[2],
            labels[3], labels[4]), g1);
        Plots.save(gc, out.resolve("coherence.png"));
        System.out.println("wrote " + out.toAbsolutePath());
    }
}
