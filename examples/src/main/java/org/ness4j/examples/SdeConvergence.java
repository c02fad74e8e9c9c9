package org.ness4j.examples;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.ness4j.core.table.Provenance;
import org.ness4j.core.table.Table;
import org.ness4j.core.table.TableCsv;
import org.ness4j.examples.support.Cli;
import org.ness4j.examples.support.Plots;
import org.ness4j.examples.support.XyPlot;
import org.ness4j.sde.Calculus;
import org.ness4j.sde.ConvergenceStudy;
import org.ness4j.sde.SdeAlgorithm;
import org.ness4j.sde.SdeProblem;
import org.ness4j.sde.StandardProblems;

/**
 * Convergence and work-precision diagrams of the integrators on SciML's standard SDE test
 * problems ({@link StandardProblems}), measured with {@link ConvergenceStudy} on common Brownian
 * paths against each problem's analytic solution (docs/sde.md).
 *
 * <p>For every problem and every integrator that can integrate it, the study runs the scheme at
 * the given step counts; the example writes {@code convergence.csv} (long form: problem,
 * algorithm, steps, dt, strong and weak errors with their jackknife standard errors, drift
 * evaluations, seconds), {@code orders.csv} (fitted strong and weak orders with standard errors)
 * with their JSON sidecars (seed, paths, step counts), and per problem two PNG plots: strong
 * error against dt (the convergence diagram, log-log) and strong error against drift
 * evaluations (the work-precision diagram). Integrators that refuse a problem's noise kind are
 * skipped and listed.
 */
public final class SdeConvergence {

    private SdeConvergence() {
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
        return new Cli("SdeConvergence",
                "Convergence and work-precision diagrams of the integrators on SciML's standard "
                    + "SDE test problems (docs/sde.md).",
                SdeConvergence::run)
            .text("problems", "linear,linearstratonovich,additive,wave,cubic,nondiagonal",
                "standard problems: " + String.join(",", PROBLEMS))
            .text("algorithms", "euler,heun,rkmil,sra1,sriw1",
                "integrators: " + Integrators.NAMES)
            .reals("steps", "8,16,32,64,128", "step counts over the unit time interval")
            .integer("paths", "1024", "Brownian paths")
            .seed(1L)
            .output("out/sde-convergence");
    }

    private static void run(Cli o) {
        int[] steps = Arrays.stream(o.reals("steps")).mapToInt(x -> (int) x).toArray();
        int paths = (int) o.integer("paths");
        long seed = o.integer("seed");
        Path out = Path.of(o.string("out"));
        Instant start = Instant.now();
        List<String> problemCol = new ArrayList<>();
        List<String> algorithmCol = new ArrayList<>();
        List<double[]> levels = new ArrayList<>();
        List<String> orderProblem = new ArrayList<>();
        List<String> orderAlgorithm = new ArrayList<>();
        List<double[]> orders = new ArrayList<>();
        for (String p : o.string("problems").split(",")) {
            SdeProblem problem = problem(p.trim());
            XyPlot convergence = Plots.xy("Convergence: " + p, "Δt", "strong error").logX()
                .logY();
            XyPlot work = Plots.xy("Work-precision: " + p, "drift evaluations per path",
                "strong error").logX().logY();
            for (String a : o.string("algorithms").split(",")) {
                SdeAlgorithm algorithm = Integrators.byName(a.trim());
                ConvergenceStudy.Result r;
                try {
                    r = ConvergenceStudy.of(problem, algorithm).withSteps(steps)
                        .withPaths(paths).withSeed(seed).run();
                } catch (IllegalArgumentException e) {
                    System.out.printf(Locale.ROOT, "  %s / %s skipped: %s%n", p, a,
                        e.getMessage());
                    continue;
                }
                System.out.printf(Locale.ROOT, "  %-12s %-6s strong order %.3f +- %.3f, weak "
                    + "order %.3f +- %.3f%n", p, a, r.strongOrder(), r.strongOrderSe(),
                    r.weakOrder(), r.weakOrderSe());
                orderProblem.add(p);
                orderAlgorithm.add(a);
                orders.add(new double[] {r.strongOrder(), r.strongOrderSe(), r.weakOrder(),
                    r.weakOrderSe()});
                int k = r.levels().size();
                double[] dt = new double[k];
                double[] strong = new double[k];
                double[] evaluations = new double[k];
                for (int i = 0; i < k; i++) {
                    ConvergenceStudy.Level l = r.levels().get(i);
                    dt[i] = l.dt();
                    strong[i] = l.strongError();
                    evaluations[i] = l.driftEvaluations();
                    problemCol.add(p);
                    algorithmCol.add(a);
                    levels.add(new double[] {l.steps(), l.dt(), l.strongError(),
                        l.strongErrorSe(), l.weakError(), l.weakErrorSe(),
                        l.driftEvaluations(), l.seconds()});
                }
                Plots.line(convergence, a, dt, strong, null);
                Plots.line(work, a, evaluations, strong, null);
            }
            Plots.save(convergence, out.resolve("convergence_" + p + ".png"));
            Plots.save(work, out.resolve("work_precision_" + p + ".png"));
        }
        Provenance provenance = Provenance.builder().masterSeed(seed)
            .parameter("paths", (long) paths).parameter("steps", o.string("steps"))
            .parameter("problems", o.string("problems"))
            .parameter("algorithms", o.string("algorithms"))
            .interval(start, Instant.now()).build();
        o.write("convergence", Table.builder("convergence")
                .strings("problem", problemCol.toArray(String[]::new))
                .strings("algorithm", algorithmCol.toArray(String[]::new))
                .ints("steps", integers(levels, 0))
                .doubles("dt", column(levels, 1))
                .estimate("strong_error", column(levels, 2), column(levels, 3))
                .estimate("weak_error", column(levels, 4), column(levels, 5))
                .longs("drift_evaluations", Arrays.stream(column(levels, 6))
                    .mapToLong(x -> (long) x).toArray())
                .doubles("seconds", column(levels, 7))
                .provenance(provenance).build());
        o.write("orders", Table.builder("orders")
                .strings("problem", orderProblem.toArray(String[]::new))
                .strings("algorithm", orderAlgorithm.toArray(String[]::new))
                .estimate("strong_order", column(orders, 0), column(orders, 1))
                .estimate("weak_order", column(orders, 2), column(orders, 3))
                .provenance(provenance).build());
        System.out.println("wrote " + out);
    }

    /** The problem names this example knows. */
    static final List<String> PROBLEMS = List.of("linear", "linearstratonovich", "linear2d",
        "additive",
        "additivesystem", "wave", "cubic", "scalar", "nondiagonal", "nondiagonaladditive");

    private static SdeProblem problem(String name) {
        switch (name) {
            case "linear":
                return StandardProblems.linear();
            case "linearstratonovich":
                return StandardProblems.linearStratonovich();
            case "linear2d":
                return StandardProblems.linear2D();
            case "additive":
                return StandardProblems.additive();
            case "additivesystem":
                return StandardProblems.additiveSystem();
            case "wave":
                return StandardProblems.wave();
            case "cubic":
                return StandardProblems.cubic();
            case "scalar":
                return StandardProblems.scalarNoiseLinear(Calculus.ITO);
            case "nondiagonal":
                return StandardProblems.nonDiagonalLinear(Calculus.ITO);
            case "nondiagonaladditive":
                return StandardProblems.nonDiagonalAdditive();
            default:
                throw new IllegalArgumentException("unknown --problems entry " + name
                    + "; choose from " + PROBLEMS);
        }
    }

    private static int[] integers(List<double[]> rows, int k) {
        return rows.stream().mapToInt(r -> (int) r[k]).toArray();
    }

    private static double[] column(List<double[]> rows, int k) {
        return rows.stream().mapToDouble(r -> r[k]).toArray();
    }
}
