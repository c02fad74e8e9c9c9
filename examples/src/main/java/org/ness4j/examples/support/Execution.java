package org.ness4j.examples.support;

import org.ness4j.core.exec.LocalExecutor;
import org.ness4j.core.exec.PlanExecutor;
import org.ness4j.spark.SparkExecutor;

/**
 * Where an example runs its plans: the {@code --spark MASTER} option of the examples mapped to
 * a {@link PlanExecutor}. Without the option ({@code null}) the plans run on local threads;
 * with it, on Apache Spark ({@code local[4]}, {@code spark://host:7077}, {@code yarn},
 * {@code k8s://...}; see docs/spark.md for the JVM options a local master needs). Results are
 * bit-identical either way, so the tables an example writes are too.
 *
 * <p>Thread safety: stateless.
 */
public final class Execution {

    private Execution() {
    }

    /**
     * The executor for an example's options.
     *
     * @param sparkMaster the {@code --spark} value, or {@code null} for local threads
     * @param threads local threads (used without {@code --spark}), at least 1
     * @return the executor
     * @throws IllegalArgumentException if {@code sparkMaster} is blank or {@code threads < 1}
     */
    public static PlanExecutor executor(String sparkMaster, int threads) {
        if (sparkMaster == null) {
            return new LocalExecutor(threads);
        }
        if (sparkMaster.isBlank()) {
            throw new IllegalArgumentException("--spark needs a master URL (e.g. local[4], "
                + "spark://host:7077, yarn): '" + sparkMaster + "'");
        }
        return SparkExecutor.connect(sparkMaster, "ness4j-examples");
    }
}
