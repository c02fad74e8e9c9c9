package org.ness4j.examples.support;

import picocli.CommandLine.Option;

/**
 * Picocli mixins of the options that examples share when they run random or parallel
 * computations, each added by one {@link Cli} method. Every shared option is declared here
 * once; a new one (e.g. {@code --spark MASTER} next to {@code --threads}) is one field in the
 * right mixin, read through {@link Cli#string(String)}.
 */
public final class RunOptions {

    private RunOptions() {
    }

    /** {@code --seed} ({@link Cli#seed(long)}). Not thread-safe. */
    public static final class Seed {
        @Option(names = "--seed", paramLabel = "<seed>",
            description = "master seed (default: ${DEFAULT-VALUE})")
        long seed;

        Seed(long defaultSeed) {
            this.seed = defaultSeed;
        }
    }

    /**
     * {@code --threads} ({@link Cli#threads()}) and {@code --spark} ({@link Cli#sparkMaster()},
     * {@link Execution#spark(Cli)}). Not thread-safe.
     */
    public static final class Parallel {
        @Option(names = "--threads", paramLabel = "<n>",
            description = "worker threads; the results do not depend on it (default: "
                + "${DEFAULT-VALUE}, the available processors)")
        int threads = Runtime.getRuntime().availableProcessors();

        @Option(names = "--spark", paramLabel = "<master>",
            description = "run the ensembles on Apache Spark: local[N], spark://host:7077, "
                + "yarn, k8s://...; the tables are byte-identical to a local run. A local "
                + "master started with a plain java command needs the JVM options of Spark's "
                + "launcher (--add-opens=java.base/java.lang=ALL-UNNAMED, ... , "
                + "-Dio.netty.tryReflectionSetAccessible=true: the list in docs/spark.md); not "
                + "with --error-budget (default: none, local threads)")
        String spark;
    }

    /** {@code --progress auto|terminal|log} ({@link Cli#progress()}). Not thread-safe. */
    public static final class ProgressMode {
        @Option(names = "--progress", paramLabel = "<mode>",
            description = "progress bar: auto (redraw in place if stderr is a terminal), "
                + "terminal or log (whole lines at most every 10 s) (default: ${DEFAULT-VALUE})")
        Mode progress = Mode.auto;
    }

    /** The values of {@code --progress}. */
    public enum Mode {
        /** Redraw in place if standard error is a terminal. */
        auto,
        /** Always redraw in place. */
        terminal,
        /** Whole lines, throttled. */
        log
    }
}
