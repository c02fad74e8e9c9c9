/**
 * The execution seam: what to compute ({@link org.ness4j.core.exec.ShardedPlan}: a run of
 * trajectories that can be cut into {@link org.ness4j.core.exec.TrajectoryRange ranges} whose
 * partial results combine, in any order, into exactly the single-run result) separated from
 * where it runs ({@link org.ness4j.core.exec.PlanExecutor}: local threads here,
 * Apache Spark in the {@code ness4j-spark} module). See ARCHITECTURE.md, "Adding a backend".
 */
package org.ness4j.core.exec;
