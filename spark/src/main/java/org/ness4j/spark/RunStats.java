package org.ness4j.spark;

import java.time.Duration;

/**
 * What a {@link SparkExecutor} run cost, for the scaling model of docs/benchmarks.md.
 *
 * @param tasks Spark tasks run (one per trajectory range)
 * @param restored ranges read from the directory of finished ranges instead of run
 * @param bytes serialized partial results sent from the tasks to the driver, in total
 * @param largestTaskBytes the largest partial result of one task
 * @param merge driver time reading and merging the partial results
 * @param wall wall time of the whole execution
 */
public record RunStats(int tasks, int restored, long bytes, long largestTaskBytes,
                       Duration merge, Duration wall) {
}
