package org.ness4j.core.exec;

import java.io.Serializable;
import org.ness4j.core.Checks;

/**
 * A half-open range {@code [from, to)} of global trajectory indices: the unit of work a
 * {@link PlanExecutor} hands out. Trajectory {@code i} of a range is trajectory {@code i} of
 * the whole run (same random stream, same statistical group), so results of disjoint ranges
 * combine into the single-run result.
 *
 * @param from first trajectory, {@code >= 0}
 * @param to one past the last trajectory, {@code > from}
 */
public record TrajectoryRange(long from, long to) implements Serializable, Comparable<TrajectoryRange> {

    private static final long serialVersionUID = 1L;

    /**
     * Validates the range.
     *
     * @param from first trajectory, {@code >= 0}
     * @param to one past the last trajectory, {@code > from}
     * @throws IllegalArgumentException naming the values if the range is empty or negative
     */
    public TrajectoryRange {
        Checks.atLeast("from", from, 0L);
        if (to <= from) {
            throw new IllegalArgumentException("trajectory range must not be empty: [" + from
                + ", " + to + ")");
        }
    }

    /**
     * The range of all trajectories of a run.
     *
     * @param trajectories trajectories of the run, at least 1
     * @return {@code [0, trajectories)}
     */
    public static TrajectoryRange all(long trajectories) {
        return new TrajectoryRange(0, Checks.atLeast("trajectories", trajectories, 1L));
    }

    /** @return number of trajectories, {@code to - from} */
    public long size() {
        return to - from;
    }

    /**
     * @param trajectories trajectories of the run
     * @return whether this range is the whole run {@code [0, trajectories)}
     */
    public boolean isAll(long trajectories) {
        return from == 0 && to == trajectories;
    }

    /** Orders by {@code from}, then {@code to}. */
    @Override
    public int compareTo(TrajectoryRange o) {
        int c = Long.compare(from, o.from);
        return c != 0 ? c : Long.compare(to, o.to);
    }

    /** @return {@code "[from, to)"} */
    @Override
    public String toString() {
        return "[" + from + ", " + to + ")";
    }
}
