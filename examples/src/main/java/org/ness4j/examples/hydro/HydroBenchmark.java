package org.ness4j.examples.hydro;

import java.util.Locale;
import org.ness4j.examples.support.Cli;
import org.ness4j.examples.support.Cost;
import org.ness4j.hydro.toy.ToyModel;
import org.ness4j.hydro.toy.ToyModelStepper;

/**
 * Throughput of the toy-SPDE kernel ({@link ToyModelStepper}) in cell-steps per second, single
 * thread, for the three noise configurations (both noises, \(\xi\) only, noise-free). A warm-up
 * run precedes each measurement so the JIT has compiled the kernel.
 */
public final class HydroBenchmark {

    private HydroBenchmark() {
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
        return new Cli("HydroBenchmark",
                "Cell-steps per second of the toy-SPDE kernel for the three noise configurations "
                    + "(single thread).",
                HydroBenchmark::run)
            .real("length", "10000", "system length L (cells = L / dx) (units of a)")
            .integer("batch", "1", "replicas per stepper")
            .integer("steps", "2000", "measured steps")
            .integer("repeats", "3", "measurements per configuration (best reported)")
            .cost(HydroBenchmark::cost);
    }

    /** The cost estimate printed before any work (the site-steps of all runs). */
    private static Cost cost(Cli o) {
        double cells = Math.rint(o.real("length") / 0.25);
        return Cost.hydro(3.0 * (o.integer("repeats") + 1) * o.integer("steps") * cells
            * o.integer("batch"), (long) cells * o.integer("batch"), false);
    }

    private static void run(Cli o) {
        long steps = o.integer("steps");
        int batch = (int) o.integer("batch");
        int repeats = (int) o.integer("repeats");
        String[] names = {"xi + xi_th", "xi only", "noise-free"};
        double[][] cfg = {{4, 1}, {4, 0}, {0, 0}};
        for (int c = 0; c < 3; c++) {
            ToyModel model = ToyModel.builder().eps(0.2).length(o.real("length"))
                .drivenNoiseFactor(cfg[c][0]).thermalNoiseStrength(cfg[c][1]).build();
            ToyModelStepper s = new ToyModelStepper(model, batch, 1L, 0);
            s.advance(Math.max(200, steps / 4));
            double best = 0;
            for (int r = 0; r < repeats; r++) {
                long t0 = System.nanoTime();
                s.advance(steps);
                double sec = (System.nanoTime() - t0) * 1e-9;
                best = Math.max(best, (double) steps * model.cells() * batch / sec);
            }
            System.out.printf(Locale.ROOT, "%-12s cells=%d batch=%d: %.3e cell-steps/s"
                + " (%.2f ns per cell-step)%n", names[c], model.cells(), batch, best, 1e9 / best);
        }
    }
}
