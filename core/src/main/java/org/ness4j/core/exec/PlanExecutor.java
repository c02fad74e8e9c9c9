package org.ness4j.core.exec;

import java.util.List;

/**
 * Where a {@link ShardedPlan} runs: local threads ({@link LocalExecutor}) or a cluster
 * ({@code SparkExecutor} in the {@code ness4j-spark} module). Every executor returns exactly
 * the result of one local run of the plan (bit for bit).
 *
 * <p><b>Adding a backend:</b> implement {@link #executeAll}: build the plans from their sources
 * where they are needed, cut each into ranges ({@link Shards}), compute each range's part with
 * {@link ShardedPlan#run} anywhere, bring its bytes ({@link ShardedPlan#write}) back, read them
 * ({@link ShardedPlan#read}) and combine them with {@link ShardedPlan#mergeAll}. Partial results
 * are pure functions of (plan, range): a retried or speculative task gives the same bytes.
 */
public interface PlanExecutor {

    /**
     * Runs several plans (e.g. the points of a scan) and returns their complete results.
     *
     * @param sources the plans, in order
     * @param listener progress, or {@code null}
     * @param <P> partial result type
     * @return the merged result of each plan, in the order of {@code sources}
     */
    <P> List<P> executeAll(List<? extends PlanSource<P>> sources, ExecutionListener listener);

    /**
     * Runs one plan.
     *
     * @param source the plan
     * @param listener progress, or {@code null}
     * @param <P> partial result type
     * @return the merged result of the whole run
     */
    default <P> P execute(PlanSource<P> source, ExecutionListener listener) {
        return executeAll(List.of(source), listener).get(0);
    }
}
