package org.ness4j.core.exec;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.ness4j.core.Checks;

/**
 * Cutting a run into trajectory ranges and checking that a set of ranges is exactly the run.
 *
 * <p>Thread safety: stateless.
 */
public final class Shards {

    private Shards() {
    }

    /**
     * Cuts {@code [0, trajectories)} into consecutive ranges of {@code size} trajectories (the
     * last one may be shorter).
     *
     * @param trajectories trajectories of the run, at least 1
     * @param size trajectories per range, at least 1 and a multiple of {@code alignment}
     * @param alignment the run's group size: range boundaries must fall on group boundaries,
     *     so that no statistical group is split between two ranges
     * @return the ranges in order
     * @throws IllegalArgumentException if a value is out of range or {@code size} is not a
     *     multiple of {@code alignment}
     */
    public static List<TrajectoryRange> split(long trajectories, long size, int alignment) {
        Checks.atLeast("trajectories", trajectories, 1L);
        Checks.atLeast("size", size, 1L);
        Checks.atLeast("alignment", alignment, 1);
        if (size % alignment != 0) {
            throw new IllegalArgumentException("range size " + size + " must be a multiple of "
                + "the group size " + alignment);
        }
        List<TrajectoryRange> ranges = new ArrayList<>();
        for (long from = 0; from < trajectories; from += size) {
            ranges.add(new TrajectoryRange(from, Math.min(trajectories, from + size)));
        }
        return ranges;
    }

    /**
     * Cuts {@code [0, trajectories)} into about {@code count} ranges of equal size (a multiple
     * of {@code alignment}); fewer if there are fewer groups.
     *
     * @param trajectories trajectories of the run, at least 1
     * @param count ranges wanted, at least 1
     * @param alignment the run's group size, at least 1
     * @return the ranges in order
     * @throws IllegalArgumentException if a value is out of range
     */
    public static List<TrajectoryRange> evenly(long trajectories, int count, int alignment) {
        Checks.atLeast("trajectories", trajectories, 1L);
        Checks.atLeast("count", count, 1);
        Checks.atLeast("alignment", alignment, 1);
        long groups = (trajectories + alignment - 1) / alignment;
        long groupsPerRange = (groups + count - 1) / count;
        return split(trajectories, groupsPerRange * alignment, alignment);
    }

    /**
     * Checks that a range is a legal shard of a run: inside {@code [0, trajectories)} and with
     * its boundaries on group boundaries (the end may also be the run's end).
     *
     * @param range the range
     * @param trajectories trajectories of the run
     * @param alignment the run's group size
     * @throws IllegalArgumentException naming the range if it is not
     */
    public static void requireShard(TrajectoryRange range, long trajectories, int alignment) {
        if (range.to() > trajectories) {
            throw new IllegalArgumentException("trajectory range " + range + " reaches beyond "
                + "the run's " + trajectories + " trajectories");
        }
        if (range.from() % alignment != 0
            || (range.to() % alignment != 0 && range.to() != trajectories)) {
            throw new IllegalArgumentException("trajectory range " + range + " splits a "
                + "statistical group: its ends must be multiples of the group size " + alignment
                + " (or the run's end " + trajectories + ")");
        }
    }

    /**
     * Checks that the ranges cover {@code [0, trajectories)} exactly once.
     *
     * @param ranges the ranges, in any order
     * @param trajectories trajectories of the run
     * @return the ranges sorted
     * @throws IllegalArgumentException naming the first gap or overlap (or the empty set)
     */
    public static List<TrajectoryRange> requireCover(Collection<TrajectoryRange> ranges,
                                                     long trajectories) {
        List<TrajectoryRange> sorted = new ArrayList<>(ranges);
        sorted.sort(null);
        if (sorted.isEmpty()) {
            throw new IllegalArgumentException("no partial results: the run has " + trajectories
                + " trajectories");
        }
        long next = 0;
        TrajectoryRange previous = null;
        for (TrajectoryRange r : sorted) {
            if (r.from() > next) {
                throw new IllegalArgumentException("gap: trajectories [" + next + ", "
                    + r.from() + ") are in no partial result (ranges " + sorted + " of "
                    + trajectories + " trajectories)");
            }
            if (r.from() < next) {
                throw new IllegalArgumentException("overlap: ranges " + previous + " and " + r
                    + " both hold trajectories [" + r.from() + ", " + Math.min(next, r.to())
                    + ")");
            }
            next = r.to();
            previous = r;
        }
        if (next != trajectories) {
            throw new IllegalArgumentException(next < trajectories
                ? "gap: trajectories [" + next + ", " + trajectories + ") are in no partial "
                    + "result (ranges " + sorted + ")"
                : "range " + previous + " reaches beyond the run's " + trajectories
                    + " trajectories");
        }
        return sorted;
    }
}
