package org.ness4j.spark;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.ness4j.core.chain.BoseHubbardChain;
import org.ness4j.core.exec.LocalExecutor;
import org.ness4j.core.exec.PlanSource;
import org.ness4j.core.stat.Accumulator;
import org.ness4j.observables.SiteMoments;
import org.ness4j.sde.chain.ChainProblem;
import org.ness4j.sde.ensemble.Ensemble;
import org.ness4j.sde.ensemble.EnsemblePlan;
import org.ness4j.sde.ensemble.EnsembleResult;
import org.ness4j.sde.ensemble.SampleSchedule;

/**
 * Benchmark (a main, not a test): the same ensemble on local threads and on Spark, with wall
 * times, the Spark run's tasks, bytes per task and driver merge time (docs/benchmarks.md,
 * "Spark: scaling model"), and a check that both results are byte-identical.
 *
 * <p>Run (the Spark JVM options come from the module's {@code spark.jvm.options} property):
 * <pre>
 * mvn -B -q -pl spark -am install -DskipTests
 * mvn -B -q -pl spark exec:exec -Dexec.classpathScope=test -Dexec.executable=java \
 *   -Dexec.args="-Xmx2g ${spark.jvm.options} -cp %classpath org.ness4j.spark.SparkBenchmark \
 *   master=local[2] threads=2 L=100 trajectories=1024 steps=20000 tasks=8"
 * </pre>
 * Arguments {@code key=value}: {@code master} (default {@code local[2]}), {@code threads}
 * (local threads, default 2), {@code L} (sites, default 100), {@code F} (drive, default 7.5),
 * {@code trajectories} (default 1024), {@code steps} (dt = 0.01, default 20000, about a
 * minute per executor on a current 2-core machine), {@code tasks} (Spark tasks, default 8),
 * {@code order} ({@code local-first} or {@code spark-first}).
 */
public final class SparkBenchmark {

    private SparkBenchmark() {
    }

    /** The truncated-Wigner chain of l sites driven at its boundary with amplitude f. */
    static Ensemble.Builder chain(int l, double f) {
        return Ensemble.builder(ChainProblem.truncatedWigner(BoseHubbardChain.builder(l)
            .boundaryDrive(f).build()));
    }

    static Ensemble ensemble(int l, double f, long trajectories, long steps) {
        return chain(l, f).trajectories(trajectories).groupSize(8).dt(0.01).steps(steps).seed(2026).build();
    }

    static byte[] bytes(Accumulator<?> a) {
        try {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            a.writeTo(new DataOutputStream(b));
            return b.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Entry point.
     *
     * @param args {@code key=value} arguments (see the class documentation)
     */
    public static void main(String[] args) {
        Map<String, String> a = new LinkedHashMap<>(Map.of("master", "local[2]", "threads", "2",
            "L", "100", "F", "7.5", "trajectories", "1024", "steps", "20000", "tasks", "8",
            "order", "local-first"));
        for (String arg : args) {
            int eq = arg.indexOf('=');
            if (eq < 0 || !a.containsKey(arg.substring(0, eq))) {
                throw new IllegalArgumentException("unknown argument '" + arg + "'; known: "
                    + a.keySet());
            }
            a.put(arg.substring(0, eq), arg.substring(eq + 1));
        }
        int l = Integer.parseInt(a.get("L"));
        double f = Double.parseDouble(a.get("F"));
        long n = Long.parseLong(a.get("trajectories"));
        long steps = Long.parseLong(a.get("steps"));
        int threads = Integer.parseInt(a.get("threads"));
        int tasks = Integer.parseInt(a.get("tasks"));
        int[] sites = {0, l / 2, l - 1};
        PlanSource<EnsemblePlan.Part<SiteMoments>> source = () -> EnsemblePlan.of(
            ensemble(l, f, n, steps), SiteMoments.observer(new SampleSchedule(steps / 2, 100),
                sites));
        System.out.printf(Locale.ROOT, "L = %d, F = %.2f, %d trajectories x %d steps, Java %s, "
            + "%d cores%n", l, f, n, steps, System.getProperty("java.version"),
            Runtime.getRuntime().availableProcessors());
        // warm-up (JIT) on a small run of the same shape, then the measured runs
        EnsemblePlan.execute(new LocalExecutor(threads), () -> EnsemblePlan.of(
            ensemble(l, f, 64, 2000), SiteMoments.observer(new SampleSchedule(1000, 100),
                sites)), null);
        long c0 = System.nanoTime();
        SparkExecutor spark = SparkExecutor.builder(SparkExecutor.connect(a.get("master"),
            "ness4j-benchmark").context()).tasksPerPlan(tasks).build();
        // Spark's first job loads and compiles its own classes: warm it up too
        EnsemblePlan.execute(spark, () -> EnsemblePlan.of(ensemble(l, f, 64, 2000),
            SiteMoments.observer(new SampleSchedule(1000, 100), sites)), null);
        double startup = (System.nanoTime() - c0) / 1e9;
        boolean sparkFirst = a.get("order").equals("spark-first");
        double[] local = new double[1];
        double[] distributed = new double[1];
        byte[][] results = new byte[2][];
        for (int k = 0; k < 2; k++) {
            boolean runSpark = (k == 0) == sparkFirst;
            long t0 = System.nanoTime();
            EnsembleResult<SiteMoments> r = EnsemblePlan.execute(
                runSpark ? spark : new LocalExecutor(threads), source, null);
            double s = (System.nanoTime() - t0) / 1e9;
            (runSpark ? distributed : local)[0] = s;
            results[runSpark ? 1 : 0] = bytes(r.requireSuccess());
        }
        RunStats st = spark.lastRun();
        double siteSteps = (double) l * n * steps;
        System.out.printf(Locale.ROOT, "local threads [%d]: %8.2f s  %.3g site-steps/s%n",
            threads, local[0], siteSteps / local[0]);
        System.out.printf(Locale.ROOT, "spark %-12s %8.2f s  %.3g site-steps/s  (%+.1f %% vs "
            + "local; context start and warm-up %.1f s, not included)%n", a.get("master") + ":",
            distributed[0], siteSteps / distributed[0],
            100 * (distributed[0] / local[0] - 1), startup);
        System.out.printf(Locale.ROOT, "spark tasks %d, bytes %d (%.1f kB per task, largest "
            + "%.1f kB), driver read+merge %.1f ms%n", st.tasks(), st.bytes(),
            st.bytes() / 1e3 / Math.max(1, st.tasks()), st.largestTaskBytes() / 1e3,
            st.merge().toNanos() / 1e6);
        System.out.println("byte-identical results: " + Arrays.equals(results[0], results[1]));
        spark.context().stop();
    }
}
