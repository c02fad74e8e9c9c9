package org.ness4j.core.exec;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.ness4j.core.Checks;

/**
 * Runs plans on local threads: each plan, one after the other, as one range over all its
 * trajectories with {@link ShardedPlan#run run(all, threads)} (the plan spreads the range over
 * the threads itself). The reference every other executor must reproduce bit for bit.
 *
 * <p>Thread safety: immutable.
 */
public final class LocalExecutor implements PlanExecutor {

    private final int threads;

    /**
     * @param threads worker threads, at least 1
     */
    public LocalExecutor(int threads) {
        this.threads = Checks.atLeast("threads", threads, 1);
    }

    /** @return an executor with one thread per available processor */
    public static LocalExecutor allProcessors() {
        return new LocalExecutor(Runtime.getRuntime().availableProcessors());
    }

    /** @return worker threads */
    public int threads() {
        return threads;
    }

    @Override
    public <P> List<P> executeAll(List<? extends PlanSource<P>> sources,
                                  ExecutionListener listener) {
        Objects.requireNonNull(sources, "sources");
        long start = System.nanoTime();
        List<ShardedPlan<P>> plans = new ArrayList<>();
        long total = 0;
        for (PlanSource<P> s : sources) {
            ShardedPlan<P> plan = Objects.requireNonNull(s, "source").plan();
            plans.add(plan);
            total += plan.trajectories();
        }
        List<P> results = new ArrayList<>();
        long done = 0;
        for (int i = 0; i < plans.size(); i++) {
            ShardedPlan<P> plan = plans.get(i);
            TrajectoryRange all = TrajectoryRange.all(plan.trajectories());
            results.add(plan.run(all, threads));
            done += plan.trajectories();
            if (listener != null) {
                listener.onRange(i, all, done, total, Duration.ofNanos(System.nanoTime() - start));
            }
        }
        return results;
    }

    /** @return {@code "local[threads]"} */
    @Override
    public String toString() {
        return "local threads [" + threads + "]";
    }
}
