package org.ness4j.observables;

import org.ness4j.sde.ensemble.BatchInfo;

/**
 * Per-batch storage of group sums: values of the lanes of a group are added in lane order at
 * every sample, so the sums do not depend on the batch size. Used both for time-resolved
 * quantities (each column sampled once per trajectory) and for time-averaged ones (a column
 * accumulates every sample). The sums are stored column by column, the groups of a column
 * contiguous, so that with groups of one trajectory (the ensemble's default) a column is one
 * contiguous per-lane row. Not thread-safe.
 */
final class GroupReduction {

    /** Groups whose rows {@link #finish} assembles in one pass (eight doubles: a cache line). */
    static final int FINISH_BLOCK = 8;
    /** Most doubles of {@link #finish}'s row buffer (fewer rows per pass for wide rows). */
    private static final long FINISH_BUFFER = 1 << 17;

    /**
     * Rows {@link #finish} assembles per pass: {@link #FINISH_BLOCK}, fewer for wide rows (a
     * time series of many sites and times), so that its buffer stays at about 1 MB.
     *
     * @param groups groups of the batch
     * @param width sums per group
     * @return rows per pass, at least 1
     */
    static int finishRows(long groups, long width) {
        return (int) Math.max(1, Math.min(Math.min(FINISH_BLOCK, groups),
            FINISH_BUFFER / Math.max(1, width)));
    }

    private final BatchInfo info;
    private final int width;
    /** sums[column * groups + g] for the groups g of this batch. */
    private final double[] sums;
    private final int groups;

    GroupReduction(BatchInfo info, int width) {
        this.info = info;
        this.width = width;
        this.groups = (info.size() + info.groupSize() - 1) / info.groupSize();
        if ((long) groups * width > org.ness4j.sde.ensemble.MemoryEstimate.MAX_ARRAY) {
            throw new IllegalArgumentException("a batch of " + info.size() + " trajectories in "
                + groups + " groups x " + width + " sums per group needs more than the largest "
                + "Java array; use larger groups (groupSize), a smaller batchSize, coarser "
                + "sampling or fewer sites");
        }
        this.sums = new double[groups * width];
    }

    /**
     * Adds one value per trajectory to a column.
     *
     * @param column column index
     * @param values per-trajectory values, lanes {@code 0 .. size - 1} (not modified)
     */
    void add(int column, double[] values) {
        add(column, values, 0);
    }

    /**
     * Adds one value per trajectory to a column.
     *
     * @param column column index
     * @param values per-trajectory values at {@code values[offset + b]} (not modified)
     * @param offset offset of lane 0
     */
    void add(int column, double[] values, int offset) {
        final int g = info.groupSize();
        final int n = info.size();
        final int base = column * groups;
        if (g == 1) {
            for (int b = 0; b < n; b++) {
                sums[base + b] += values[offset + b];
            }
            return;
        }
        final int full = n / g;
        int k = 0;
        // four full groups at a time: each sum still adds its lanes in order (same result),
        // but the four chains of additions overlap instead of waiting for one another
        for (; k + 4 <= full; k += 4) {
            final int o = offset + k * g;
            double s0 = sums[base + k];
            double s1 = sums[base + k + 1];
            double s2 = sums[base + k + 2];
            double s3 = sums[base + k + 3];
            for (int b = 0; b < g; b++) {
                s0 += values[o + b];
                s1 += values[o + g + b];
                s2 += values[o + 2 * g + b];
                s3 += values[o + 3 * g + b];
            }
            sums[base + k] = s0;
            sums[base + k + 1] = s1;
            sums[base + k + 2] = s2;
            sums[base + k + 3] = s3;
        }
        for (; k < groups; k++) {
            int end = Math.min(n, (k + 1) * g);
            double s = sums[base + k];
            for (int b = k * g; b < end; b++) {
                s += values[offset + b];
            }
            sums[base + k] = s;
        }
    }

    /** @return number of groups in the batch (the last may be partial) */
    int groups() {
        return groups;
    }

    /**
     * @param group group index within the batch
     * @return the group's first lane
     */
    int firstLane(int group) {
        return group * info.groupSize();
    }

    /**
     * @param group group index within the batch
     * @return one past the group's last lane
     */
    int endLane(int group) {
        return Math.min(info.size(), (group + 1) * info.groupSize());
    }

    /**
     * The running sums, for observers that add several columns of a group in one pass
     * (fewer loads and stores than one {@link #add} per column). They must add each group's
     * lanes in lane order, as {@link #add} does, so that results do not depend on the batch.
     *
     * @return the live array, column {@code c} of group {@code k} at {@link #index(int, int)};
     *     the groups of a column are contiguous
     */
    double[] sums() {
        return sums;
    }

    /**
     * @param group group index within the batch
     * @param column column index
     * @return position of the group's sum of the column in {@link #sums()}
     */
    int index(int group, int column) {
        return column * groups + group;
    }

    /**
     * Adds 1 to a column of one group (exact for counts).
     *
     * @param column column index
     * @param group group index within the batch
     */
    void addOne(int column, int group) {
        sums[column * groups + group] += 1;
    }

    /**
     * Writes the running sums (checkpoint of a batch in flight).
     *
     * @param out destination
     * @throws java.io.IOException if writing fails
     */
    void saveState(java.io.DataOutput out) throws java.io.IOException {
        org.ness4j.sde.ensemble.BatchObserver.writeArray(out, sums);
    }

    /**
     * Reads running sums written by {@link #saveState}.
     *
     * @param in source
     * @throws java.io.IOException if reading fails or the sizes differ
     */
    void restoreState(java.io.DataInput in) throws java.io.IOException {
        org.ness4j.sde.ensemble.BatchObserver.readArray(in, sums);
    }

    /**
     * Moves the sums of the groups without diverged trajectories into an accumulator.
     *
     * @param target accumulator storage (modified)
     * @param diverged per trajectory (not modified)
     * @param samplesPerTrajectory samples each trajectory contributed to every column
     */
    void finish(org.ness4j.core.stat.GroupedSums target, boolean[] diverged,
                long samplesPerTrajectory) {
        if (samplesPerTrajectory == 0) {
            return;
        }
        final int g = info.groupSize();
        // rows of FINISH_BLOCK groups at a time: one pass over the column-by-column sums reads
        // each cache line once, where gathering one group's row would stride through them all
        final int block = finishRows(groups, width);
        double[][] rows = new double[block][width];
        for (int k0 = 0; k0 < groups; k0 += block) {
            final int kEnd = Math.min(groups, k0 + block);
            for (int c = 0; c < width; c++) {
                final int base = c * groups;
                for (int k = k0; k < kEnd; k++) {
                    rows[k - k0][c] = sums[base + k];
                }
            }
            for (int k = k0; k < kEnd; k++) {
                final int start = firstLane(k);
                final int end = endLane(k);
                boolean bad = false;
                for (int b = start; b < end; b++) {
                    bad |= diverged[b];
                }
                if (!bad) {
                    target.add((info.firstTrajectory() + start) / g,
                        (double) samplesPerTrajectory * (end - start), rows[k - k0]);
                }
            }
        }
    }
}
