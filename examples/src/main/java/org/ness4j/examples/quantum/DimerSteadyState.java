package org.ness4j.examples.quantum;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.ness4j.core.chain.BoseHubbardChain;
import org.ness4j.core.quantum.ChainOperators;
import org.ness4j.core.quantum.DensityMatrix;
import org.ness4j.core.quantum.FockSpace;
import org.ness4j.core.quantum.FockTruncation;
import org.ness4j.core.quantum.IterativeSteadyState;
import org.ness4j.core.quantum.Lindbladian;
import org.ness4j.core.quantum.SparseOperator;
import org.ness4j.examples.support.Cli;
import org.ness4j.examples.support.TableOutput;

/**
 * Exact steady state of the Bose-Hubbard dimer of Fig. 9 (paper 000, SI: L = 2,
 * \( \Delta = 2.5 \), \( J = 2 \), \( U = 0.1 \), \( \gamma = 1 \), drive F on site 1, loss on
 * both sites) by {@link IterativeSteadyState} (GMRES on the density matrix), on the plain Fock
 * space with cutoffs {@code N1, N2}. For every F it prints and writes the photon numbers
 * \( n_\ell \), the fluctuations \( \delta n_\ell = \langle a_\ell^{\dagger2}a_\ell^2\rangle
 * - n_\ell^2 \) (Eq. 5), the residual \( \|\mathcal{L}\rho\|/\|\rho\| \), the population of each
 * site's top Fock state, the GMRES iterations and the wall time, to
 * {@code dimer_steady_state.csv} in {@code --out} (header
 * {@code F,n1,n2,dn1,dn2,residual,top1,top2,iterations,seconds}).
 *
 * <p>Truncation: a top population above {@code --truncation-tolerance} (default
 * {@link FockTruncation#DEFAULT_TOLERANCE}) is refused (a {@link
 * org.ness4j.core.quantum.TruncationException} naming the site and its cutoff). Cost
 * (docs/quantum.md, "Iterative steady states"): with the default preconditioner UNDRIVEN (the
 * exact undriven Liouvillian; ILU0, the shifted ILU(0), was the default before) F = 2 at
 * cutoffs 20, 20 (441 states) takes 129 iterations, 6.5 s (ILU0: 600, 16-33 s), at cutoffs
 * 24, 46 (1175 states) 114 iterations, 47 s; F = 6 at cutoffs 24, 46 does not converge in
 * minutes with either preconditioner.
 */
public final class DimerSteadyState {

    private DimerSteadyState() {
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
        return new Cli("DimerSteadyState",
                "Exact steady state of the Fig. 9 dimer by GMRES on the density matrix "
                    + "(IterativeSteadyState).",
                DimerSteadyState::run)
            .reals("F", "0.5,1", "drive amplitudes on site 1, list a,b,c or range start:stop:step "
                + "(units of gamma)")
            .reals("cutoffs", "10,8", "Fock cutoffs N1,N2 (largest photon number per site)")
            .real("tolerance", "1e-9", "GMRES tolerance of ||L rho||/||rho||")
            .integer("restart", "100", "GMRES restart length")
            .text("preconditioner", "UNDRIVEN", "NONE, JACOBI, GAUSS_SEIDEL, ILU0 (shifted ILU(0)) or "
                + "UNDRIVEN (exact undriven Liouvillian)")
            .real("undriven-shift", "0", "damping shift of the UNDRIVEN preconditioner (units of "
                + "gamma; 0 = exact undriven inverse, best at F = 2; 10-30 help at F = 6)")
            .integer("max-iterations", "20000", "GMRES iteration limit (refused beyond it)")
            .real("truncation-tolerance", String.valueOf(FockTruncation.DEFAULT_TOLERANCE),
                "largest accepted top-Fock population (at most 1e-3)")
            .output("out/dimer");
    }

    private static void run(Cli o) {
        double[] drives = o.reals("F");
        double[] c = o.reals("cutoffs");
        if (c.length != 2 || c[0] != Math.rint(c[0]) || c[1] != Math.rint(c[1])
                || c[0] < 1 || c[1] < 1) {
            throw new IllegalArgumentException("cutoffs must be two integers N1,N2 >= 1: "
                + o.string("cutoffs"));
        }
        FockSpace space = FockSpace.of((int) c[0], (int) c[1]);
        double tolerance = o.real("tolerance");
        int restart = (int) o.integer("restart");
        IterativeSteadyState.Preconditioner preconditioner =
            IterativeSteadyState.Preconditioner.valueOf(o.string("preconditioner"));
        int maxIterations = (int) o.integer("max-iterations");
        double undrivenShift = o.real("undriven-shift");
        double truncation = o.real("truncation-tolerance");
        Path out = Path.of(o.string("out"));
        System.out.printf(Locale.ROOT, "dimer steady state: cutoffs %d,%d (%d states), GMRES "
            + "tolerance %.1e, restart %d, preconditioner %s%n", (int) c[0], (int) c[1],
            space.dimension(), tolerance, restart, preconditioner);
        BoseHubbardChain base = BoseHubbardChain.builder(2).build();
        SparseOperator[] number = new SparseOperator[2];
        SparseOperator[] pairs = new SparseOperator[2];
        for (int s = 0; s < 2; s++) {
            SparseOperator a = space.annihilation(s);
            SparseOperator ad = space.creation(s);
            number[s] = ad.times(a);
            pairs[s] = ad.times(ad).times(a).times(a);
        }
        List<double[]> rows = new ArrayList<>();
        for (double f : drives) {
            Lindbladian l = ChainOperators.lindbladian(base.withBoundaryDrive(f), space);
            IterativeSteadyState.Result r = IterativeSteadyState.builder(l, space)
                .tolerance(tolerance).restart(restart).maxIterations(maxIterations)
                .preconditioner(preconditioner).undrivenShift(undrivenShift)
                .truncation(truncation, FockTruncation.Policy.REFUSE).build().solve();
            DensityMatrix rho = r.state();
            double[] n = new double[2];
            double[] dn = new double[2];
            for (int s = 0; s < 2; s++) {
                n[s] = rho.expectation(number[s]).getReal();
                dn[s] = rho.expectation(pairs[s]).getReal() - n[s] * n[s];
            }
            double[] top = r.topPopulations();
            System.out.printf(Locale.ROOT, "F = %5.2f  n = %8.4f %8.4f  dn = %9.4f %9.4f  "
                    + "residual %.2e  top %.1e %.1e  (%d iterations, %.1f s)%n", f, n[0], n[1],
                dn[0], dn[1], r.residual(), top[0], top[1], r.iterations(), r.seconds());
            rows.add(new double[] {f, n[0], n[1], dn[0], dn[1], r.residual(), top[0], top[1],
                r.iterations(), r.seconds()});
        }
        List<String> header = List.of("F", "n1", "n2", "dn1", "dn2", "residual", "top1",
            "top2", "iterations", "seconds");
        o.write("dimer_steady_state", header, TableOutput.columns(rows, header.size()));
        System.out.println("wrote " + out.resolve("dimer_steady_state.csv"));
    }
}
