package org.ness4j.examples;

import java.util.Locale;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.ness4j.core.chain.BoseHubbardChain;
import org.ness4j.core.chain.ChainLimit;
import org.ness4j.core.random.TrajectoryStreams;
import org.ness4j.examples.support.Cli;
import org.ness4j.examples.support.Cost;
import org.ness4j.sde.SdeAlgorithm;
import org.ness4j.sde.SdeStepper;
import org.ness4j.sde.chain.ChainProblem;

/**
 * Measures the numerical heating of an integrator: the drift of the conserved norm
 * \( N = \sum|\alpha_\ell|^2 \) and energy E of the isolated chain (F = gamma = 0, paper
 * parameters otherwise), started from random states with the photon density of the chaotic
 * regime. Prints the relative drift rates \( \dot N/N \) and \( \dot E/|E| \) per unit time for
 * several step sizes, to compare with the boundary damping \( \sim\gamma/L \) of the driven
 * chain (SPEC section 3).
 */
public final class IsolatedChainDrift {

    private IsolatedChainDrift() {
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
        return new Cli("IsolatedChainDrift",
                "Numerical heating of an integrator: drift of norm and energy of the isolated "
                    + "chain from random states.",
                IsolatedChainDrift::run)
            .reals("L", "10,100,400", "chain lengths (sites)")
            .reals("dt", "0.02,0.01,0.005", "step sizes (units of 1/gamma)")
            .real("time", "1000", "integration time (units of 1/gamma)")
            .real("density", "10", "mean photon number per site of the random start")
            .integer("trajectories", "16", "random starts (averaged) (count)")
            .text("algorithm", "heun", "integrator: " + Integrators.NAMES)
            .cost(IsolatedChainDrift::cost);
    }

    /** The cost estimate printed before any work (the site-steps of all runs). */
    private static Cost cost(Cli o) {
        double siteSteps = 0;
        long largest = 0;
        for (double l : o.reals("L")) {
            for (double dt : o.reals("dt")) {
                siteSteps += l * o.integer("trajectories") * o.real("time") / dt;
            }
            largest = Math.max(largest, (long) l);
        }
        return Cost.chain(siteSteps, largest, o.integer("trajectories"), 1);
    }

    private static void run(Cli o) {
        SdeAlgorithm algorithm = Integrators.byName(o.string("algorithm"));
        double time = o.real("time");
        double density = o.real("density");
        int batch = (int) o.integer("trajectories");
        System.out.printf(Locale.ROOT, "%s, isolated chain (Delta 2.5, J 2, U 0.1), "
            + "density %.1f, time %.0f, %d starts%n", algorithm.name(), density, time, batch);
        System.out.printf(Locale.ROOT, "%5s %8s %14s %14s %10s%n", "L", "dt", "dN/dt / N",
            "dE/dt / |E|", "gamma/L");
        for (double lv : o.reals("L")) {
            int length = (int) lv;
            BoseHubbardChain chain = BoseHubbardChain.builder(length).boundaryLoss(0).build();
            ChainProblem p = ChainProblem.truncatedWigner(chain);
            for (double dt : o.reals("dt")) {
                double[] x = new double[p.dimension() * batch];
                for (int b = 0; b < batch; b++) {
                    ZigguratSampler.NormalizedGaussian g = ZigguratSampler.NormalizedGaussian.of(
                        TrajectoryStreams.stream(1, b));
                    for (int i = 0; i < p.dimension(); i++) {
                        x[i * batch + b] = Math.sqrt(density / 2) * g.sample();
                    }
                }
                double n0 = 0;
                double e0 = 0;
                for (int b = 0; b < batch; b++) {
                    n0 += chain.norm(x, batch, b);
                    e0 += chain.energy(ChainLimit.TRUNCATED_WIGNER, x, batch, b);
                }
                SdeStepper st = algorithm.stepper(p, batch);
                long steps = Math.round(time / dt);
                double[] none = new double[0];
                double blowUp = Double.NaN;
                for (long s = 0; s < steps && Double.isNaN(blowUp); s++) {
                    st.step(s * dt, dt, x, none);
                    if (s % 1000 == 999) {
                        double n = 0;
                        for (int b = 0; b < batch; b++) {
                            n += chain.norm(x, batch, b);
                        }
                        if (!(n < 1e3 * n0)) {
                            blowUp = (s + 1) * dt;
                        }
                    }
                }
                if (!Double.isNaN(blowUp)) {
                    System.out.printf(Locale.ROOT, "%5d %8.4f   norm grew 1000-fold by t = %.0f "
                        + "(unstable)%n", length, dt, blowUp);
                    continue;
                }
                double n1 = 0;
                double e1 = 0;
                for (int b = 0; b < batch; b++) {
                    n1 += chain.norm(x, batch, b);
                    e1 += chain.energy(ChainLimit.TRUNCATED_WIGNER, x, batch, b);
                }
                System.out.printf(Locale.ROOT, "%5d %8.4f %14.3e %14.3e %10.2e%n", length, dt,
                    (n1 - n0) / n0 / time, (e1 - e0) / Math.abs(e0) / time, 1.0 / length);
            }
        }
    }
}
