package org.ness4j.examples.support;

import java.nio.file.Path;
import org.ness4j.core.exec.LocalExecutor;
import org.ness4j.core.exec.PlanExecutor;
import org.ness4j.sde.ensemble.Progress;
import org.ness4j.sde.ensemble.ProgressListener;
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
     * The Spark executor of an example's {@code --spark} option, or {@code null} without it
     * (the example then runs its ensembles on local threads as always, with checkpoints,
     * error budgets and progress bars). With {@code --spark}, {@code --error-budget} is
     * refused: its step-error re-runs need the whole ensemble as one local run (a plan run in
     * ranges has no step errors, {@code EnsemblePlan}).
     *
     * @param o the parsed command line
     * @return the executor, or {@code null} for local threads
     * @throws IllegalArgumentException for a blank master or {@code --error-budget} with
     *     {@code --spark}
     */
    public static PlanExecutor spark(Cli o) {
        String master = o.sparkMaster();
        if (master == null) {
            return null;
        }
        if (o.hasErrorBudget() && ErrorBudgetOption.budget(o) != null) {
            throw new IllegalArgumentException("--error-budget cannot run with --spark (the "
                + "step-error re-runs need the whole ensemble on local threads): drop one of "
                + "them");
        }
        return executor(master, o.threadCount());
    }

    /**
     * The Spark executor of {@code --spark} ({@link #spark(Cli)}) that keeps every finished
     * range in a directory and, run again, reads the finished ones instead of running them:
     * the examples' {@code --checkpoint} on Spark. The ranges have a fixed size, so that they
     * do not depend on the cluster.
     *
     * @param o the parsed command line
     * @param finishedRanges the directory, or {@code null} for none (then as
     *     {@link #spark(Cli)})
     * @param rangeSize trajectories per task, at least 1 (rounded to whole groups)
     * @return the executor, or {@code null} without {@code --spark}
     */
    public static PlanExecutor spark(Cli o, Path finishedRanges, long rangeSize) {
        PlanExecutor e = spark(o);
        if (e == null || finishedRanges == null) {
            return e;
        }
        return SparkExecutor.builder(((SparkExecutor) e).context()).directory(finishedRanges)
            .rangeSize(rangeSize).build();
    }

    /**
     * A progress listener for {@code EnsemblePlan.execute} on Spark, whose reports count
     * finished trajectories, that passes them on in trajectory-steps (as a local run reports
     * them), so that a bar shows steps and a rate.
     *
     * @param bar the listener (e.g. {@link Cli#progressBar(String)})
     * @param steps steps per trajectory
     * @return the scaling listener
     */
    public static ProgressListener inSteps(ProgressListener bar, long steps) {
        return p -> bar.onProgress(new Progress(p.completedTrajectories() * steps,
            p.totalTrajectories() * steps, p.completedTrajectories(), p.totalTrajectories(),
            p.elapsed()));
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
