package org.ness4j.core.stat;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;
import org.ness4j.core.Checks;

/**
 * The storage behind ness4j's mergeable accumulators: for every statistical group (a fixed set
 * of trajectories, identified by its index) a sample count and a vector of sums of
 * {@code width} per-sample quantities.
 *
 * <p>Because data is kept per group and every total is formed by visiting groups in increasing
 * index order, {@link #combine} is exactly associative and commutative and the estimates do not
 * depend, to the last bit, on how the groups were split between batches or threads.
 *
 * <p>Estimates are functions of the pooled means \( \bar m = \sum_g S_g / \sum_g c_g \). Their
 * standard errors come from the delete-one-group jackknife (Efron and Stein 1981):
 * \( \hat\theta_{(g)} = h(\bar m_{(g)}) \), \( \mathrm{se}^2 = \frac{G-1}{G}\sum_g
 * (\hat\theta_{(g)} - \bar\theta_{(\cdot)})^2 \), which is the usual standard error of the
 * mean for linear \( h \) and equal groups, and stays valid for ratios such as
 * \( g^{(2)} \). With unequal groups (a partial last group, when the trajectories are not a
 * multiple of the group size) this formula is conservative: for a linear \( h \) its variance
 * is \( \sigma^2/N \cdot \frac{G-1}{G}\sum_g c_g/(N-c_g) \) instead of \( \sigma^2/N \)
 * (e.g. groups of 30, 30, 30 and 10 trajectories: about 2 % too large an error; 10, 10 and 1:
 * 11 %). Choose the trajectory count as a multiple of the group size to avoid it.
 *
 * <p><b>Jackknife blocks.</b> Created with {@code groupsPerBlock > 1}
 * ({@link #GroupedSums(int, int)}), the accumulator keeps one row per block of
 * {@code groupsPerBlock} consecutive groups instead of one per group, so that its memory is
 * bounded by the number of blocks however many trajectories a run has; blocks are the units of
 * the jackknife and of {@link #groupMeans}. A block's row is the sum of its groups' rows added
 * in group order (a left fold, formed as soon as the groups from the block's first one on are
 * present; groups that arrive out of order wait as separate rows until the gap is filled, and a
 * gap that is never filled, such as a group left out after a divergence, is skipped when the
 * block is read). The fold therefore depends only on which groups are present, never on how
 * they were split between batches or in which order the parts were combined: the estimates stay
 * bit-identical for any batch size and thread count. In this mode each group is added once.
 *
 * <p>Memory: {@code width + 1} doubles per group (per block with {@code groupsPerBlock > 1}) in
 * a sorted map (about {@code 8 * width + 100} bytes), independent of
 * the run length.
 *
 * <p>NaN: {@link #add} rejects non-finite sums, so no NaN is ever stored.
 *
 * <p>Not thread-safe.
 */
public final class GroupedSums implements Accumulator<GroupedSums> {

    private static final int MAGIC = 0x4e455353; // "NESS"
    private static final int VERSION = 1;
    /** Format of an accumulator with jackknife blocks ({@code groupsPerBlock > 1}). */
    private static final int VERSION_BLOCKED = 2;
    /** Bytes a stored row costs beyond its doubles: array header, map entry and key. */
    private static final long ROW_OVERHEAD = 100;

    private final int width;
    /** Consecutive groups folded into one stored row (1: one row per group). */
    private final int groupsPerBlock;
    /** Rows by group, or with blocks the folded prefix of each block by block index. */
    private final TreeMap<Long, double[]> groups = new TreeMap<>();
    /** With blocks: groups folded into each block's row (from the block's first group on). */
    private final TreeMap<Long, Integer> folded = new TreeMap<>();
    /** With blocks: rows of groups not yet folded (a gap before them), by group index. */
    private final TreeMap<Long, double[]> pending = new TreeMap<>();
    /** Totals over groups in index order; null when stale. */
    private double[] totals;

    /**
     * Creates an empty accumulator.
     *
     * @param width number of summed quantities per sample, at least 1
     */
    public GroupedSums(int width) {
        this(width, 1);
    }

    /**
     * Creates an empty accumulator that folds every {@code groupsPerBlock} consecutive groups
     * into one jackknife block (see the class documentation).
     *
     * @param width number of summed quantities per sample, at least 1
     * @param groupsPerBlock groups per block, at least 1 (1: one row per group, as
     *     {@link #GroupedSums(int)})
     */
    public GroupedSums(int width, int groupsPerBlock) {
        this.width = Checks.atLeast("width", width, 1);
        this.groupsPerBlock = Checks.atLeast("groupsPerBlock", groupsPerBlock, 1);
    }

    /**
     * Groups per jackknife block: the smallest number that keeps at most {@code maxBlocks}
     * blocks for {@code groups} groups.
     *
     * @param groups number of groups of the run, at least 1
     * @param maxBlocks most blocks wanted, at least 1
     * @return {@code ceil(groups / maxBlocks)}, at most {@link Integer#MAX_VALUE}
     */
    public static int groupsPerBlock(long groups, int maxBlocks) {
        Checks.atLeast("groups", groups, 1L);
        Checks.atLeast("maxBlocks", maxBlocks, 1);
        return (int) Math.min(Integer.MAX_VALUE, (groups + maxBlocks - 1) / maxBlocks);
    }

    /** @return groups per jackknife block (1 unless created with blocks) */
    public int groupsPerBlock() {
        return groupsPerBlock;
    }

    /**
     * Doubles stored per group (per block with {@code groupsPerBlock > 1}): the sums and the
     * sample count. Each stored row also costs a map entry (about 100 bytes).
     *
     * @return {@code width + 1}
     */
    @Override
    public long valuesPerGroup() {
        return width + 1L;
    }

    /** @return number of summed quantities per sample */
    public int width() {
        return width;
    }

    /** @return number of groups holding data (of blocks, with {@code groupsPerBlock > 1}) */
    public int groupCount() {
        return units().size();
    }

    /** @return total number of samples over all groups */
    public double sampleCount() {
        double c = 0;
        for (double[] g : units().values()) {
            c += g[0];
        }
        return c;
    }

    /**
     * Adds samples to a group.
     *
     * @param group group index, {@code >= 0}
     * @param count number of samples the sums are over, positive
     * @param sums the sums, length {@link #width()} (not modified)
     * @throws IllegalArgumentException if a sum is not finite or the length is wrong
     */
    public void add(long group, double count, double[] sums) {
        Checks.atLeast("group", group, 0L);
        Checks.positive("count", count);
        if (sums.length != width) {
            throw new IllegalArgumentException("sums must have length " + width + ": "
                + sums.length);
        }
        Checks.allFinite("sums", sums);
        totals = null;
        if (groupsPerBlock > 1) {
            if (holds(group)) {
                throw new IllegalArgumentException("group " + group + " was already added "
                    + "(an accumulator with blocks takes each group once)");
            }
            double[] row = new double[width + 1];
            row[0] = count;
            System.arraycopy(sums, 0, row, 1, width);
            pending.put(group, row);
            fold(group / groupsPerBlock);
            return;
        }
        double[] g = groups.computeIfAbsent(group, k -> new double[width + 1]);
        g[0] += count;
        for (int i = 0; i < width; i++) {
            g[i + 1] += sums[i];
        }
    }

    /** With blocks: whether a group's row is held (folded or pending). */
    private boolean holds(long group) {
        long block = group / groupsPerBlock;
        Integer n = folded.get(block);
        return pending.containsKey(group)
            || (n != null && group < block * groupsPerBlock + n);
    }

    /** With blocks: folds the pending rows that continue the block's prefix, in group order. */
    private void fold(long block) {
        long start = block * groupsPerBlock;
        int n = folded.getOrDefault(block, 0);
        while (n < groupsPerBlock) {
            double[] row = pending.remove(start + n);
            if (row == null) {
                break;
            }
            double[] prefix = groups.get(block);
            if (prefix == null) {
                groups.put(block, row);
            } else {
                for (int i = 0; i <= width; i++) {
                    prefix[i] += row[i];
                }
            }
            n++;
        }
        if (n > 0) {
            folded.put(block, n);
        }
    }

    /**
     * The rows the estimates use: per group, or with blocks per block (the folded prefix and any
     * pending rows added in group order; shared with the stored rows where nothing is pending).
     */
    private TreeMap<Long, double[]> units() {
        if (pending.isEmpty()) {
            return groups;
        }
        TreeMap<Long, double[]> u = new TreeMap<>(groups);
        for (Map.Entry<Long, double[]> e : pending.entrySet()) {
            long block = e.getKey() / groupsPerBlock;
            double[] row = u.get(block);
            if (row == null) {
                u.put(block, e.getValue().clone());
            } else {
                if (row == groups.get(block)) {
                    row = row.clone();
                    u.put(block, row);
                }
                for (int i = 0; i <= width; i++) {
                    row[i] += e.getValue()[i];
                }
            }
        }
        return u;
    }

    /**
     * Merges another accumulator holding other groups.
     *
     * @param other partial result with the same width and disjoint groups (not modified)
     * @return this
     * @throws IllegalArgumentException if the widths differ or a group is held by both
     */
    @Override
    public GroupedSums combine(GroupedSums other) {
        if (other.width != width) {
            throw new IllegalArgumentException("cannot combine width " + other.width
                + " into width " + width);
        }
        if (other.groupsPerBlock != groupsPerBlock) {
            throw new IllegalArgumentException("cannot combine blocks of "
                + other.groupsPerBlock + " groups into blocks of " + groupsPerBlock);
        }
        if (groupsPerBlock > 1) {
            return combineBlocks(other);
        }
        for (Long k : other.groups.keySet()) {
            if (groups.containsKey(k)) {
                throw new IllegalArgumentException("group " + k + " is present in both parts");
            }
        }
        totals = null;
        other.groups.forEach((k, v) -> groups.put(k, v.clone()));
        return this;
    }

    private GroupedSums combineBlocks(GroupedSums other) {
        // check everything first, so that a refused combine leaves this unchanged
        for (Map.Entry<Long, Integer> e : other.folded.entrySet()) {
            long start = e.getKey() * groupsPerBlock;
            for (long g = start; g < start + e.getValue(); g++) {
                if (holds(g)) {
                    throw new IllegalArgumentException("group " + g + " is present in both parts");
                }
            }
        }
        for (Long g : other.pending.keySet()) {
            if (holds(g)) {
                throw new IllegalArgumentException("group " + g + " is present in both parts");
            }
        }
        totals = null;
        java.util.TreeSet<Long> touched = new java.util.TreeSet<>();
        for (Map.Entry<Long, Integer> e : other.folded.entrySet()) {
            long block = e.getKey();
            // this holds no group of the prefix, in particular not the block's first: no prefix
            groups.put(block, other.groups.get(block).clone());
            folded.put(block, e.getValue());
            touched.add(block);
        }
        for (Map.Entry<Long, double[]> e : other.pending.entrySet()) {
            pending.put(e.getKey(), e.getValue().clone());
            touched.add(e.getKey() / groupsPerBlock);
        }
        for (long block : touched) {
            fold(block);
        }
        return this;
    }

    /**
     * The mean of one quantity within each group, in group order: with groups of one trajectory
     * these are per-trajectory (time-averaged) values, e.g. for the histogram of Fig. 7(c) of
     * paper 000.
     *
     * @param quantity quantity index
     * @return one mean per group
     */
    public double[] groupMeans(int quantity) {
        Checks.index("quantity", quantity, width);
        double[] m = new double[units().size()];
        int k = 0;
        for (double[] g : units().values()) {
            m[k++] = g[quantity + 1] / g[0];
        }
        return m;
    }

    /**
     * Pooled means of all quantities, summing groups in index order.
     *
     * @return means, length {@link #width()}
     * @throws IllegalStateException if there is no data
     */
    public double[] means() {
        requireData();
        double[] total = totals();
        double c = total[0];
        double[] m = new double[width];
        for (int i = 0; i < width; i++) {
            m[i] = total[i + 1] / c;
        }
        return m;
    }

    /**
     * Estimates a function of the pooled means with a jackknife standard error over groups.
     *
     * @param h the function; receives a means vector of length {@link #width()} (it must not
     *     keep or modify it)
     * @return the estimate; the standard error is NaN with fewer than two groups
     * @throws IllegalStateException if there is no data
     */
    public Estimate estimate(ToDoubleFunction<double[]> h) {
        return estimate(0, width, h);
    }

    /**
     * Estimates a function of the pooled means of the quantities {@code [offset, offset + count)}
     * with a jackknife standard error over groups. Cost {@code O(groups * count)}.
     *
     * @param offset first quantity
     * @param count number of quantities passed to {@code h}
     * @param h the function; receives the means of the selected quantities (it must not keep or
     *     modify the array)
     * @return the estimate; the standard error is NaN with fewer than two groups
     * @throws IllegalStateException if there is no data
     * @throws IllegalArgumentException if the range is outside {@code [0, width)}
     */
    public Estimate estimate(int offset, int count, ToDoubleFunction<double[]> h) {
        checkRange(offset, count);
        requireData();
        double[] total = totals();
        double[] m = new double[count];
        for (int i = 0; i < count; i++) {
            m[i] = total[offset + i + 1] / total[0];
        }
        double value = h.applyAsDouble(m);
        int n = units().size();
        if (n < 2) {
            return new Estimate(value, Double.NaN);
        }
        double[] loo = new double[n];
        int k = 0;
        for (double[] g : units().values()) {
            double c = total[0] - g[0];
            for (int i = 0; i < count; i++) {
                m[i] = (total[offset + i + 1] - g[offset + i + 1]) / c;
            }
            loo[k++] = h.applyAsDouble(m);
        }
        return Estimate.jackknife(value, loo);
    }

    /**
     * The jackknife replicas themselves: for each group in index order, the pooled means of the
     * quantities {@code [offset, offset + count)} with that group left out. Meant for
     * statistics too costly to recompute inside {@link #estimate(int, int, ToDoubleFunction)}
     * once per parameter (e.g. a fit, which yields several parameters at once); combine the
     * replica values with {@link Estimate#jackknife}.
     *
     * @param offset first quantity
     * @param count number of quantities
     * @return {@code replicas[g][i]}, one row per group (no rows with fewer than two groups)
     * @throws IllegalStateException if there is no data
     * @throws IllegalArgumentException if the range is outside {@code [0, width)}
     */
    public double[][] leaveOneOutMeans(int offset, int count) {
        checkRange(offset, count);
        requireData();
        if (units().size() < 2) {
            return new double[0][];
        }
        double[] total = totals();
        double[][] replicas = new double[units().size()][count];
        int k = 0;
        for (double[] g : units().values()) {
            double c = total[0] - g[0];
            for (int i = 0; i < count; i++) {
                replicas[k][i] = (total[offset + i + 1] - g[offset + i + 1]) / c;
            }
            k++;
        }
        return replicas;
    }

    /**
     * Sample counts of the jackknife replicas of {@link #leaveOneOutMeans}.
     *
     * @return the total sample count minus that of each group, in group order (empty with
     *     fewer than two groups)
     * @throws IllegalStateException if there is no data
     */
    public double[] leaveOneOutCounts() {
        requireData();
        if (units().size() < 2) {
            return new double[0];
        }
        double total = totals()[0];
        double[] c = new double[units().size()];
        int k = 0;
        for (double[] g : units().values()) {
            c[k++] = total - g[0];
        }
        return c;
    }

    private double[] totals() {
        if (totals == null) {
            double[] total = new double[width + 1];
            for (double[] g : units().values()) {
                for (int i = 0; i <= width; i++) {
                    total[i] += g[i];
                }
            }
            totals = total;
        }
        return totals;
    }

    private void checkRange(int offset, int count) {
        if (offset < 0 || count < 1 || offset + count > width) {
            throw new IllegalArgumentException("quantities [" + offset + ", " + (offset + count)
                + ") outside [0, " + width + ")");
        }
    }

    private void requireData() {
        if (groups.isEmpty() && pending.isEmpty()) {
            throw new IllegalStateException("no data: the accumulator is empty");
        }
    }

    @Override
    public void writeTo(DataOutput out) throws IOException {
        out.writeInt(MAGIC);
        if (groupsPerBlock > 1) {
            writeBlocks(out);
            return;
        }
        out.writeInt(VERSION);
        out.writeInt(width);
        out.writeInt(groups.size());
        for (Map.Entry<Long, double[]> e : groups.entrySet()) {
            out.writeLong(e.getKey());
            for (double v : e.getValue()) {
                out.writeDouble(v);
            }
        }
    }

    /** Format 2: width, groups per block, the folded blocks, the pending groups. */
    private void writeBlocks(DataOutput out) throws IOException {
        out.writeInt(VERSION_BLOCKED);
        out.writeInt(width);
        out.writeInt(groupsPerBlock);
        out.writeInt(groups.size());
        for (Map.Entry<Long, double[]> e : groups.entrySet()) {
            out.writeLong(e.getKey());
            out.writeInt(folded.get(e.getKey()));
            for (double v : e.getValue()) {
                out.writeDouble(v);
            }
        }
        out.writeInt(pending.size());
        for (Map.Entry<Long, double[]> e : pending.entrySet()) {
            out.writeLong(e.getKey());
            for (double v : e.getValue()) {
                out.writeDouble(v);
            }
        }
    }

    /**
     * Reads an accumulator written by {@link #writeTo}.
     *
     * @param in source
     * @return the accumulator
     * @throws IOException if reading fails or the data is not a valid accumulator
     */
    public static GroupedSums readFrom(DataInput in) throws IOException {
        int magic = in.readInt();
        if (magic != MAGIC) {
            throw new IOException("not a ness4j accumulator (magic " + Integer.toHexString(magic)
                + ")");
        }
        int version = in.readInt();
        if (version == VERSION_BLOCKED) {
            return readBlocks(in);
        }
        if (version != VERSION) {
            throw new IOException("unsupported accumulator version " + version);
        }
        int width = in.readInt();
        int n = in.readInt();
        if (width < 1 || width > Integer.MAX_VALUE - 16 || n < 0) {
            throw new IOException("corrupt accumulator header: width " + width + ", groups " + n);
        }
        GroupedSums s = new GroupedSums(width);
        long previous = -1;
        for (int k = 0; k < n; k++) {
            long key = in.readLong();
            if (key < 0 || key <= previous) {
                throw new IOException("corrupt accumulator: group " + key + " out of order");
            }
            previous = key;
            double[] v = new double[width + 1];
            for (int i = 0; i <= width; i++) {
                v[i] = in.readDouble();
                if (!Double.isFinite(v[i])) {
                    throw new IOException("corrupt accumulator: non-finite value in group " + key);
                }
            }
            if (!(v[0] > 0)) {
                throw new IOException("corrupt accumulator: sample count " + v[0] + " in group "
                    + key);
            }
            s.groups.put(key, v);
        }
        return s;
    }

    private static GroupedSums readBlocks(DataInput in) throws IOException {
        int width = in.readInt();
        int perBlock = in.readInt();
        int n = in.readInt();
        if (width < 1 || width > Integer.MAX_VALUE - 16 || perBlock < 2 || n < 0) {
            throw new IOException("corrupt accumulator header: width " + width + ", groups per "
                + "block " + perBlock + ", blocks " + n);
        }
        GroupedSums s = new GroupedSums(width, perBlock);
        long previous = -1;
        for (int k = 0; k < n; k++) {
            long key = in.readLong();
            int count = in.readInt();
            if (key < 0 || key <= previous || count < 1 || count > perBlock) {
                throw new IOException("corrupt accumulator: block " + key + " out of order or "
                    + "holding " + count + " groups");
            }
            previous = key;
            s.groups.put(key, readRow(in, width, key));
            s.folded.put(key, count);
        }
        int m = in.readInt();
        if (m < 0) {
            throw new IOException("corrupt accumulator: " + m + " pending groups");
        }
        previous = -1;
        for (int k = 0; k < m; k++) {
            long key = in.readLong();
            if (key < 0 || key <= previous || s.holds(key)) {
                throw new IOException("corrupt accumulator: pending group " + key
                    + " out of order or folded");
            }
            previous = key;
            s.pending.put(key, readRow(in, width, key));
        }
        return s;
    }

    private static double[] readRow(DataInput in, int width, long key) throws IOException {
        double[] v = new double[width + 1];
        for (int i = 0; i <= width; i++) {
            v[i] = in.readDouble();
            if (!Double.isFinite(v[i])) {
                throw new IOException("corrupt accumulator: non-finite value in row " + key);
            }
        }
        if (!(v[0] > 0)) {
            throw new IOException("corrupt accumulator: sample count " + v[0] + " in row " + key);
        }
        return v;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof GroupedSums)) {
            return false;
        }
        GroupedSums s = (GroupedSums) o;
        if (s.width != width || s.groupsPerBlock != groupsPerBlock
            || !s.groups.keySet().equals(groups.keySet()) || !s.folded.equals(folded)
            || !s.pending.keySet().equals(pending.keySet())) {
            return false;
        }
        for (Map.Entry<Long, double[]> e : groups.entrySet()) {
            if (!Arrays.equals(e.getValue(), s.groups.get(e.getKey()))) {
                return false;
            }
        }
        for (Map.Entry<Long, double[]> e : pending.entrySet()) {
            if (!Arrays.equals(e.getValue(), s.pending.get(e.getKey()))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        int h = groupsPerBlock == 1 ? width : 31 * width + groupsPerBlock;
        for (Map.Entry<Long, double[]> e : groups.entrySet()) {
            h = 31 * h + e.getKey().hashCode();
            h = 31 * h + Arrays.hashCode(e.getValue());
        }
        return h;
    }
}
