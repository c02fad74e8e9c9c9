package org.ness4j.examples.bench;

import java.util.Locale;
import org.ness4j.core.chain.BoseHubbardChain;
import org.ness4j.core.quantum.ChainOperators;
import org.ness4j.core.quantum.FockSpace;
import org.ness4j.core.quantum.Lindbladian;
import org.ness4j.core.quantum.QuantumTrajectories;

/**
 * Cost of Monte Carlo wave-function trajectories per unit time against the Hilbert dimension
 * (issue 19 item 3; docs/quantum.md, "Krylov trajectories"): the dimer of Fig. 9 at drive F
 * (default 2), uniform cutoffs N (default 10, 20, 40, 80), one thread, a few short
 * trajectories, with the fixed-step RK4 integrator (default step min(0.01, 1/rho)) and the
 * error-controlled Krylov integrator. Each configuration runs twice in the JVM; the second
 * (warm) run is printed as wall seconds per trajectory per unit time. A plain main, not JMH:
 * one run is seconds long, far above timer and warm-up effects.
 *
 * <p>Arguments (positional, optional): {@code F}, a comma list of cutoffs, the end time
 * (default 2), trajectories (default 2), integrators ({@code RK4,KRYLOV}).
 */
public final class QuantumTrajectoryScaling {

    private QuantumTrajectoryScaling() {
    }

    /**
     * Entry point.
     *
     * @param args {@code [F [cutoffs [endTime [trajectories [integrators]]]]]}
     */
    public static void main(String[] args) {
        double f = args.length > 0 ? Double.parseDouble(args[0]) : 2.0;
        String cut = args.length > 1 ? args[1] : "10,20,40,80";
        double end = args.length > 2 ? Double.parseDouble(args[2]) : 2.0;
        long trajectories = args.length > 3 ? Long.parseLong(args[3]) : 2;
        String kinds = args.length > 4 ? args[4] : "RK4,KRYLOV";
        if (!(f >= 0) || !(end > 0) || trajectories < 1) {
            throw new IllegalArgumentException("F >= 0, endTime > 0 and trajectories >= 1 "
                + "required: " + String.join(" ", args));
        }
        System.out.println("N,dimension,integrator,rho,seconds_per_trajectory_per_unit_time,"
            + "n1,n2");
        BoseHubbardChain chain = BoseHubbardChain.builder(2).boundaryDrive(f).build();
        for (String c : cut.split(",")) {
            int n = Integer.parseInt(c.trim());
            FockSpace space = FockSpace.of(n, n);
            Lindbladian l = ChainOperators.lindbladian(chain, space);
            double rho = QuantumTrajectories.spectralBound(l);
            for (String k : kinds.split(",")) {
                QuantumTrajectories.Integrator kind =
                    QuantumTrajectories.Integrator.valueOf(k.trim());
                QuantumTrajectories q = QuantumTrajectories.builder(l, space).endTime(end)
                    .window(0.5 * end, end).sampleInterval(0.1).trajectories(trajectories)
                    .groupSize(1).seed(1).threads(1).integrator(kind).build();
                double seconds = 0;
                QuantumTrajectories.Result r = null;
                for (int pass = 0; pass < 2; pass++) {
                    long t0 = System.nanoTime();
                    r = q.run();
                    seconds = (System.nanoTime() - t0) * 1e-9;
                }
                System.out.printf(Locale.ROOT, "%d,%d,%s,%.0f,%.4g,%.4f,%.4f%n", n,
                    space.dimension(), kind, rho, seconds / (trajectories * end),
                    r.photonNumber(0).value(), r.photonNumber(1).value());
            }
        }
    }
}
