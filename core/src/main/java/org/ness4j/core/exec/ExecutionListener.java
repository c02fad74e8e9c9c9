package org.ness4j.core.exec;

import java.time.Duration;

/**
 * Receives progress from a {@link PlanExecutor}: one call per finished range (on the driver,
 * from the executor's thread; keep it quick).
 */
@FunctionalInterface
public interface ExecutionListener {

    /**
     * A range finished (or was restored from a directory of finished ranges).
     *
     * @param plan index of the plan the range belongs to (0 for a single plan)
     * @param range the range
     * @param doneTrajectories trajectories finished so far, over all plans
     * @param totalTrajectories trajectories of all plans
     * @param elapsed time since the execution started
     */
    void onRange(int plan, TrajectoryRange range, long doneTrajectories, long totalTrajectories,
                 Duration elapsed);
}
