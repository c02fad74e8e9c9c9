package org.ness4j.spark;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.spark.SparkContext;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.ness4j.core.Checks;
import org.ness4j.core.exec.ExecutionListener;
import org.ness4j.core.exec.PlanExecutor;
import org.ness4j.core.exec.PlanSource;
import org.ness4j.core.exec.ShardedPlan;
import org.ness4j.core.exec.Shards;
import org.ness4j.core.exec.TrajectoryRange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.collection.Iterator;
import scala.reflect.ClassTag;
import scala.reflect.ClassTag$;
import scala.runtime.AbstractFunction2;
import scala.runtime.BoxedUnit;

/**
 * Runs plans on Apache Spark and returns exactly (bit for bit) what a local run returns.
 *
 * <p>Each plan is cut into trajectory ranges of whole groups ({@link Shards}); every (plan,
 * range) pair is one Spark task (one partition), which rebuilds the plan from its
 * {@link PlanSource} on the executor, runs the range with {@link ShardedPlan#run} on
 * {@link Builder#threadsPerTask} threads and returns the serialized partial result
 * ({@link ShardedPlan#write}). The driver reads the parts as tasks finish and merges them
 * ({@link ShardedPlan#mergeAll}, refusing gaps and overlaps). A part is a pure function of
 * (plan, range): a task that Spark retries after a failure, or runs twice speculatively,
 * gives the same bytes, and Spark keeps one result per partition.
 *
 * <p><b>Restart.</b> With {@link Builder#directory}, each finished range is written to
 * {@code directory/plan-<fingerprint hash>/range-<from>-<to>.part} (atomically, from the
 * driver, as it arrives); a later execution of the same plan with the same ranges reads those
 * files instead of running their tasks. Files of another configuration are refused (the
 * fingerprint is checked on reading). The parts are also inputs of
 * {@link org.ness4j.core.exec.MergeTool}.
 *
 * <p><b>Progress.</b> The {@link ExecutionListener} is called on the driver per finished range;
 * the Spark UI shows the job with the description {@code "ness4j: N plans, M ranges"} in job
 * group {@code ness4j}.
 *
 * <p>Thread safety: an executor may run one execution at a time per Spark context job group;
 * {@link #lastRun()} is the statistics of the most recent execution.
 */
public final class SparkExecutor implements PlanExecutor {

    private static final Logger LOG = LoggerFactory.getLogger(SparkExecutor.class);

    private final JavaSparkContext sc;
    private final int tasksPerPlan;
    private final long rangeSize;
    private final int threadsPerTask;
    private final Path directory;
    private final AtomicReference<RunStats> last = new AtomicReference<>();

    private SparkExecutor(Builder b) {
        this.sc = b.sc;
        this.tasksPerPlan = b.tasksPerPlan;
        this.rangeSize = b.rangeSize;
        this.threadsPerTask = b.threadsPerTask;
        this.directory = b.directory;
    }

    /**
     * Starts a builder.
     *
     * @param sc the Spark context
     * @return a builder with {@code 2 x defaultParallelism} tasks per plan, one thread per
     *     task and no directory
     */
    public static Builder builder(JavaSparkContext sc) {
        return new Builder(Objects.requireNonNull(sc, "sc"));
    }

    /**
     * Starts a builder on a Scala {@link SparkContext} (e.g. {@code spark.sparkContext()} of a
     * {@code SparkSession}).
     *
     * @param sc the Spark context
     * @return a builder
     */
    public static Builder builder(SparkContext sc) {
        return builder(JavaSparkContext.fromSparkContext(Objects.requireNonNull(sc, "sc")));
    }

    /**
     * Connects to a Spark master (or reuses the JVM's running Spark context) and returns an
     * executor with the defaults of {@link #builder(JavaSparkContext)}: for command lines
     * ({@code --spark local[4]}, {@code --spark spark://host:7077}, {@code --spark yarn}).
     *
     * @param master the master URL, or {@code null} to take it from the Spark configuration
     *     ({@code spark.master}, as set by {@code spark-submit})
     * @param appName the application name shown by Spark
     * @return the executor
     */
    public static SparkExecutor connect(String master, String appName) {
        org.apache.spark.SparkConf conf = new org.apache.spark.SparkConf()
            .setAppName(Objects.requireNonNull(appName, "appName"));
        if (master != null) {
            conf.setMaster(master);
        }
        return of(JavaSparkContext.fromSparkContext(SparkContext.getOrCreate(conf)));
    }

    /**
     * An executor with the defaults of {@link #builder(JavaSparkContext)}.
     *
     * @param sc the Spark context
     * @return the executor
     */
    public static SparkExecutor of(JavaSparkContext sc) {
        return builder(sc).build();
    }

    /** @return the Spark context the tasks run on */
    public JavaSparkContext context() {
        return sc;
    }

    /** @return the statistics of the most recent execution, or {@code null} before the first */
    public RunStats lastRun() {
        return last.get();
    }

    /** The ranges of one plan: fixed size, or about {@code tasksPerPlan} of equal size. */
    private List<TrajectoryRange> ranges(ShardedPlan<?> plan) {
        int align = plan.alignment();
        if (rangeSize > 0) {
            long size = Math.max(align, rangeSize / align * align);
            return Shards.split(plan.trajectories(), size, align);
        }
        int tasks = tasksPerPlan > 0 ? tasksPerPlan : 2 * Math.max(1, sc.defaultParallelism());
        return Shards.evenly(plan.trajectories(), tasks, align);
    }

    @Override
    public <P> List<P> executeAll(List<? extends PlanSource<P>> sources,
                                  ExecutionListener listener) {
        Objects.requireNonNull(sources, "sources");
        List<ShardedPlan<P>> plans = new ArrayList<>();
        List<List<TrajectoryRange>> ranges = new ArrayList<>();
        for (PlanSource<P> s : sources) {
            ShardedPlan<P> plan = Objects.requireNonNull(s, "source").plan();
            plans.add(plan);
            ranges.add(ranges(plan));
        }
        List<List<P>> parts = runRanges(sources, plans, ranges, listener);
        // merge each plan's parts (gaps and overlaps refused)
        long start = System.nanoTime();
        List<P> merged = new ArrayList<>();
        for (int i = 0; i < plans.size(); i++) {
            merged.add(plans.get(i).mergeAll(parts.get(i)));
        }
        RunStats s = last.get();
        last.set(new RunStats(s.tasks(), s.restored(), s.bytes(), s.largestTaskBytes(),
            s.merge().plus(Duration.ofNanos(System.nanoTime() - start)),
            s.wall().plus(Duration.ofNanos(System.nanoTime() - start))));
        return merged;
    }

    /**
     * Runs given ranges of one plan as Spark tasks and returns their partial results (not
     * merged): for sharding one run over several jobs or clusters, whose parts are merged
     * later ({@link ShardedPlan#mergeAll}, {@link org.ness4j.core.exec.MergeTool}).
     *
     * @param source the plan
     * @param ranges the ranges; each must be a shard of the run (whole groups)
     * @param listener progress, or {@code null}
     * @param <P> partial result type
     * @return the parts, in the order of {@code ranges}
     * @throws IllegalArgumentException if a range is not a shard of the run
     */
    public <P> List<P> runParts(PlanSource<P> source, List<TrajectoryRange> ranges,
                                ExecutionListener listener) {
        ShardedPlan<P> plan = source.plan();
        for (TrajectoryRange r : ranges) {
            Shards.requireShard(r, plan.trajectories(), plan.alignment());
        }
        return runRanges(List.of(source), List.of(plan), List.of(List.copyOf(ranges)), listener)
            .get(0);
    }

    /** One Spark task: a range of a plan. */
    private record Task(int plan, TrajectoryRange range) implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    /** Runs the ranges; returns the parts per plan in range order (restored ones included). */
    private <P> List<List<P>> runRanges(List<? extends PlanSource<P>> sources,
                                        List<ShardedPlan<P>> plans,
                                        List<List<TrajectoryRange>> ranges,
                                        ExecutionListener listener) {
        long start = System.nanoTime();
        long total = 0;
        List<Task> tasks = new ArrayList<>();
        List<byte[]> restoredBytes = new ArrayList<>();
        List<Task> restoredTasks = new ArrayList<>();
        for (int i = 0; i < plans.size(); i++) {
            total += plans.get(i).trajectories();
            for (TrajectoryRange r : ranges.get(i)) {
                Path file = partFile(plans.get(i), r);
                if (file != null && Files.exists(file)) {
                    try {
                        restoredBytes.add(Files.readAllBytes(file));
                        restoredTasks.add(new Task(i, r));
                        continue;
                    } catch (IOException e) {
                        LOG.warn("cannot read finished range {}: {}; running it again", file,
                            e.toString());
                    }
                }
                tasks.add(new Task(i, r));
            }
        }
        byte[][] results = new byte[tasks.size()][];
        AtomicLong done = new AtomicLong();
        AtomicLong bytes = new AtomicLong();
        AtomicLong largest = new AtomicLong();
        for (int k = 0; k < restoredTasks.size(); k++) {
            Task t = restoredTasks.get(k);
            long d = done.addAndGet(t.range().size());
            if (listener != null) {
                listener.onRange(t.plan(), t.range(), d, total, Duration.ofNanos(
                    System.nanoTime() - start));
            }
        }
        if (!restoredTasks.isEmpty()) {
            LOG.info("{} finished ranges restored from {}, {} to run", restoredTasks.size(),
                directory, tasks.size());
        }
        if (!tasks.isEmpty()) {
            final long all = total;
            JavaRDD<Task> rdd = sc.parallelize(tasks, tasks.size());
            sc.setJobGroup("ness4j", String.format(Locale.ROOT, "ness4j: %d plans, %d ranges",
                plans.size(), tasks.size()), false);
            try {
                ClassTag<byte[]> tag = ClassTag$.MODULE$.apply(byte[].class);
                sc.sc().runJob(rdd.rdd(), new RunTask<>(List.copyOf(sources), threadsPerTask),
                    new AbstractFunction2<Object, byte[], BoxedUnit>() {
                        @Override
                        public BoxedUnit apply(Object index, byte[] part) {
                            int k = (Integer) index;
                            results[k] = part;
                            Task t = tasks.get(k);
                            bytes.addAndGet(part.length);
                            largest.accumulateAndGet(part.length, Math::max);
                            persist(plans.get(t.plan()), t.range(), part);
                            long d = done.addAndGet(t.range().size());
                            if (listener != null) {
                                listener.onRange(t.plan(), t.range(), d, all, Duration.ofNanos(
                                    System.nanoTime() - start));
                            }
                            return BoxedUnit.UNIT;
                        }
                    }, tag);
            } finally {
                sc.clearJobGroup();
            }
        }
        long mergeStart = System.nanoTime();
        List<List<P>> typed = new ArrayList<>();
        for (int i = 0; i < plans.size(); i++) {
            typed.add(new ArrayList<>());
        }
        for (int k = 0; k < restoredTasks.size(); k++) {
            Task t = restoredTasks.get(k);
            P p = plans.get(t.plan()).read(restoredBytes.get(k));
            typed.get(t.plan()).add(p);
        }
        for (int k = 0; k < tasks.size(); k++) {
            Task t = tasks.get(k);
            P p = plans.get(t.plan()).read(results[k]);
            typed.get(t.plan()).add(p);
        }
        long now = System.nanoTime();
        last.set(new RunStats(tasks.size(), restoredTasks.size(), bytes.get(), largest.get(),
            Duration.ofNanos(now - mergeStart), Duration.ofNanos(now - start)));
        return typed;
    }

    /** The file of a finished range in the directory, or {@code null} without a directory. */
    private Path partFile(ShardedPlan<?> plan, TrajectoryRange r) {
        if (directory == null) {
            return null;
        }
        return directory.resolve("plan-" + hash(plan.fingerprint()))
            .resolve("range-" + r.from() + "-" + r.to() + ".part");
    }

    private void persist(ShardedPlan<?> plan, TrajectoryRange r, byte[] part) {
        Path file = partFile(plan, r);
        if (file == null) {
            return;
        }
        try {
            Files.createDirectories(file.getParent());
            Path tmp = Files.createTempFile(file.getParent(), file.getFileName().toString(),
                ".tmp");
            Files.write(tmp, part);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING,
                StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            LOG.error("cannot persist finished range {} to {}: {}; the run goes on, but this "
                + "range will run again after a restart", r, file, e.toString());
        }
    }

    private static String hash(String s) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256")
                .digest(s.getBytes(StandardCharsets.UTF_8));
            StringBuilder hex = new StringBuilder();
            for (int i = 0; i < 8; i++) {
                hex.append(String.format(Locale.ROOT, "%02x", h[i]));
            }
            return hex.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }

    /** The function a Spark task runs: rebuild the plan, run the range, serialize the part. */
    private static final class RunTask<P>
        extends AbstractFunction2<TaskContext, Iterator<Task>, byte[]> implements Serializable {
        private static final long serialVersionUID = 1L;
        private final List<PlanSource<P>> sources;
        private final int threads;

        RunTask(List<PlanSource<P>> sources, int threads) {
            this.sources = sources;
            this.threads = threads;
        }

        @Override
        public byte[] apply(TaskContext context, Iterator<Task> tasks) {
            Task t = tasks.next();
            if (tasks.hasNext()) {
                throw new IllegalStateException("a partition holds more than one range");
            }
            ShardedPlan<P> plan = sources.get(t.plan()).plan();
            return plan.write(plan.run(t.range(), threads));
        }
    }

    /**
     * Builder of a {@link SparkExecutor}. Not thread-safe.
     */
    public static final class Builder {
        private final JavaSparkContext sc;
        private int tasksPerPlan;
        private long rangeSize;
        private int threadsPerTask = 1;
        private Path directory;

        private Builder(JavaSparkContext sc) {
            this.sc = sc;
        }

        /**
         * @param n tasks per plan, at least 1 (default {@code 2 x defaultParallelism}; fewer if
         *     the plan has fewer groups); ignored if {@link #rangeSize} is set. Does not
         *     change the result.
         * @return this builder
         */
        public Builder tasksPerPlan(int n) {
            this.tasksPerPlan = Checks.atLeast("tasksPerPlan", n, 1);
            return this;
        }

        /**
         * @param n trajectories per task, at least 1 (rounded down to whole groups, at least
         *     one group). Does not change the result. Set it for restartable runs, so that the
         *     ranges do not depend on the cluster's parallelism.
         * @return this builder
         */
        public Builder rangeSize(long n) {
            this.rangeSize = Checks.atLeast("rangeSize", n, 1L);
            return this;
        }

        /**
         * @param n local threads a task uses ({@code spark.task.cpus} should match), at
         *     least 1 (default 1). Does not change the result.
         * @return this builder
         */
        public Builder threadsPerTask(int n) {
            this.threadsPerTask = Checks.atLeast("threadsPerTask", n, 1);
            return this;
        }

        /**
         * @param dir directory (on the driver) where finished ranges are kept and found again
         *     after a restart
         * @return this builder
         */
        public Builder directory(Path dir) {
            this.directory = Objects.requireNonNull(dir, "dir");
            return this;
        }

        /** @return the executor */
        public SparkExecutor build() {
            return new SparkExecutor(this);
        }
    }

    /** @return {@code "spark <master>"} */
    @Override
    public String toString() {
        return "spark " + sc.master();
    }
}
