/**
 * Runs ness4j plans ({@link org.ness4j.core.exec.ShardedPlan}: ensembles, scans, quantum
 * trajectories) on Apache Spark with {@link org.ness4j.spark.SparkExecutor}, bit-identical to a
 * local run. See docs/spark.md.
 */
package org.ness4j.spark;
