package org.ness4j.examples;

import java.util.Locale;
import org.ness4j.core.chain.BoseHubbardChain;
import org.ness4j.examples.support.Cli;
import org.ness4j.examples.support.Cost;
import org.ness4j.observables.SiteMoments;
import org.ness4j.sde.SdeAlgorithm;
import org.ness4j.sde.SdeStepper;
import org.ness4j.sde.chain.ChainProblem;
import org.ness4j.sde.ensemble.Ensemble;
import org.ness4j.sde.ensemble.SampleSchedule;

/**
 * Benchmark of the figure of merit, TWA site-steps per second (sites x trajectories x steps per
 * second of wall time), for the paper's chain in the chaotic regime (F = 7.5).
 *
 * <p>Two measurements per configuration: the whole ensemble (noise generation, divergence
 * checks and one sample at the end included) with one thread and with all threads, and the bare
 * stepper kernel on one thread with pre-drawn noise. Each is timed after a warm-up run of the
 * same size, best of {@code --repeats}. The ratio of {@code ensemble/1} to {@code kernel} is the
 * share of the run spent outside the kernel, mostly drawing Gaussians: small for the
 * boundary-driven chain (noise on one site), large with {@code --intrinsic-loss} (noise on every
 * site).
 */
public final class ChainBenchmark {

    private ChainBenchmark() {
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
        return new Cli("ChainBenchmark",
                "TWA site-steps per second of the chain kernels (paper chain, F = 7.5).",
                ChainBenchmark::run)
            .reals("L", "10,100", "chain lengths (sites)")
            .integer("trajectories", "1024", "trajectories (count)")
            .integer("batch", "0", "trajectories per batch and kernel width (0: one batch per"
                + " thread, kernel over all trajectories)")
            .integer("steps", "2000", "steps per measurement")
            .text("algorithm", "heun", "integrator: " + Integrators.NAMES)
            .integer("repeats", "3", "timed repetitions (best is reported)")
            .real("intrinsic-loss", "0", "loss on every site (noise on every site) if > 0 (units "
                + "of gamma)")
            .cost(ChainBenchmark::cost);
    }

    /** The cost estimate printed before any work (the site-steps of all runs). */
    private static Cost cost(Cli o) {
        double siteSteps = 0;
        long largest = 0;
        for (double l : o.reals("L")) {
            // the kernel and the ensemble measurements, each repeated, plus warm-up
            siteSteps += 2 * (o.integer("repeats") + 1) * l * o.integer("trajectories")
                * o.integer("steps");
            largest = Math.max(largest, (long) l);
        }
        return Cost.chain(siteSteps, largest, o.integer("trajectories"), 1);
    }

    private static void run(Cli o) {
        int trajectories = (int) o.integer("trajectories");
        long steps = o.integer("steps");
        int repeats = (int) o.integer("repeats");
        int batch = (int) o.integer("batch");
        if (batch < 0) {
            throw new IllegalArgumentException("batch must be >= 0, got " + batch);
        }
        SdeAlgorithm algorithm = Integrators.byName(o.string("algorithm"));
        int cores = Runtime.getRuntime().availableProcessors();
        System.out.printf(Locale.ROOT, "%s, %d trajectories, %s, %d steps, %d cores, Java %s%n",
            algorithm.name(), trajectories, batch > 0 ? "batches of " + batch
                : "one batch per thread", steps, cores, System.getProperty("java.version"));
        System.out.printf(Locale.ROOT, "%6s %10s %22s%n", "L", "mode", "site-steps per second");
        for (double lv : o.reals("L")) {
            int length = (int) lv;
            ChainProblem problem = ChainProblem.truncatedWigner(
                BoseHubbardChain.builder(length).boundaryDrive(7.5)
                    .intrinsicLoss(o.real("intrinsic-loss")).build());
            double kernel = kernel(problem, algorithm, batch > 0 ? batch : trajectories, steps,
                repeats);
            System.out.printf(Locale.ROOT, "%6d %10s %22.3e%n", length, "kernel", kernel);
            for (int threads : new int[] {1, cores}) {
                double rate = ensemble(problem, algorithm, trajectories,
                    batch > 0 ? batch : Math.max(1, trajectories / threads), steps, threads,
                    repeats);
                System.out.printf(Locale.ROOT, "%6d %10s %22.3e%n", length,
                    "ensemble/" + threads, rate);
            }
        }
    }

    private static double kernel(ChainProblem problem, SdeAlgorithm algorithm, int batch,
                                 long steps, int repeats) {
        SdeStepper stepper = algorithm.stepper(problem, batch);
        double[] x = new double[problem.dimension() * batch];
        double[] dW = new double[problem.noiseComponents().length
            * stepper.incrementsPerChannel() * batch];
        java.util.SplittableRandom r = new java.util.SplittableRandom(1);
        for (int i = 0; i < dW.length; i++) {
            dW[i] = 0.1 * (r.nextDouble() - 0.5);
        }
        double best = 0;
        for (int rep = 0; rep <= repeats; rep++) {
            java.util.Arrays.fill(x, 0.0);
            long t0 = System.nanoTime();
            for (long s = 0; s < steps; s++) {
                stepper.step(s * 0.01, 0.01, x, dW);
            }
            double rate = (double) problem.chain().length() * batch * steps
                / ((System.nanoTime() - t0) * 1e-9);
            if (rep > 0) {
                best = Math.max(best, rate);
            }
        }
        if (!Double.isFinite(x[0])) {
            throw new IllegalStateException("benchmark state diverged");
        }
        return best;
    }

    private static double ensemble(ChainProblem problem, SdeAlgorithm algorithm,
                                   int trajectories, int batch, long steps, int threads,
                                   int repeats) {
        Ensemble e = Ensemble.builder(problem).algorithm(algorithm).trajectories(trajectories)
            .batchSize(batch).dt(0.01).steps(steps)
            .threads(threads).seed(1).build();
        double best = 0;
        for (int rep = 0; rep <= repeats; rep++) {
            long t0 = System.nanoTime();
            e.run(SiteMoments.observer(new SampleSchedule(steps, 1), 0)).requireSuccess();
            double rate = (double) problem.chain().length() * trajectories * steps
                / ((System.nanoTime() - t0) * 1e-9);
            if (rep > 0) {
                best = Math.max(best, rate);
            }
        }
        return best;
    }
}
