package org.ness4j.observables;

import java.io.DataInput;
import java.io.IOException;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.IntFunction;
import java.util.function.ToLongFunction;
import org.ness4j.core.Checks;
import org.ness4j.core.stat.Accumulator;
import org.ness4j.core.stat.GroupedSums;
import org.ness4j.sde.ensemble.BatchInfo;
import org.ness4j.sde.ensemble.BatchObserver;
import org.ness4j.sde.ensemble.EnsembleObserver;
import org.ness4j.sde.ensemble.MemoryEstimate;
import org.ness4j.sde.ensemble.Observations;
import org.ness4j.sde.ensemble.SampleSchedule;

/**
 * An observer whose accumulator folds the ensemble's groups into at most {@code maxBlocks}
 * jackknife blocks ({@link GroupedSums#GroupedSums(int, int)}): {@link #forRun} chooses the
 * groups per block from the run's trajectories and group size only, and builds the observer for
 * that block size. Outside a run (before {@code forRun}) every group is its own block.
 * Immutable.
 *
 * @param <A> accumulator type
 */
final class Blocked<A extends Accumulator<A>> implements EnsembleObserver<A> {

    /** Memory estimate of a blocked observer. */
    @FunctionalInterface
    interface Memory {
        /**
         * @param batch a batch of the run
         * @param trajectories trajectories of the run
         * @param blocks blocks of the combined result
         * @return the estimate
         */
        MemoryEstimate of(BatchInfo batch, long trajectories, long blocks);
    }

    private final int maxBlocks;
    private final IntFunction<EnsembleObserver<A>> withGroupsPerBlock;
    private final Memory memory;
    private final int groupsPerBlock;
    private final EnsembleObserver<A> inner;

    private Blocked(int maxBlocks, IntFunction<EnsembleObserver<A>> withGroupsPerBlock,
                    Memory memory, int groupsPerBlock) {
        this.maxBlocks = maxBlocks;
        this.withGroupsPerBlock = withGroupsPerBlock;
        this.memory = memory;
        this.groupsPerBlock = groupsPerBlock;
        this.inner = withGroupsPerBlock.apply(groupsPerBlock);
    }

    /**
     * @param maxBlocks most blocks in a run, at least 2
     * @param withGroupsPerBlock the observer whose accumulators fold that many groups per block
     * @param memory its memory estimate
     * @param <A> accumulator type
     * @return the observer (one block per group until {@link #forRun})
     */
    static <A extends Accumulator<A>> EnsembleObserver<A> of(
        int maxBlocks, IntFunction<EnsembleObserver<A>> withGroupsPerBlock, Memory memory) {
        return new Blocked<>(maxBlocks, withGroupsPerBlock, memory, 1);
    }

    /**
     * The blocked observer of a map: an accumulator that sums every sample of a trajectory into
     * one row of {@code width} sums per group ({@code WignerHistogram}, {@code Correlations},
     * {@code FockPopulations}, {@code LocalDensityMatrix}), assembled as
     * {@link EnsembleObserver#of} does. Its memory estimate counts, per batch, the running sums
     * of the batch's groups in a {@link GroupReduction}, the buffer its {@code finish} fills, the
     * batch's result (a row per group) and {@code scratch} further doubles, and one row per block
     * of the combined result.
     *
     * @param name accumulator name, for messages
     * @param schedule when to sample
     * @param maxBlocks most blocks in a run, at least 2
     * @param width sums per group (the accumulator's row, without its count)
     * @param empty the empty accumulator that folds the given number of groups per block
     * @param open opens a batch observer that fills an accumulator configured as the given one
     * @param read reads a serialized accumulator (for checkpoints)
     * @param scratch doubles of scratch space a batch keeps besides its running sums
     * @param <A> accumulator type
     * @return the observer (one block per group until {@link #forRun})
     * @throws IllegalArgumentException if {@code maxBlocks < 2}
     */
    static <A extends Accumulator<A>> EnsembleObserver<A> map(
        String name, SampleSchedule schedule, int maxBlocks, int width, IntFunction<A> empty,
        BiFunction<A, BatchInfo, BatchObserver<A>> open, Observations.Reader<A> read,
        ToLongFunction<BatchInfo> scratch) {
        Objects.requireNonNull(schedule, "schedule");
        Checks.atLeast("maxBlocks", maxBlocks, 2);
        return of(maxBlocks, perBlock -> {
            A template = empty.apply(perBlock);
            return EnsembleObserver.of(schedule, info -> open.apply(template, info),
                () -> empty.apply(perBlock), read);
        }, (batch, trajectories, blocks) -> {
            long groups = MemoryEstimate.groups(batch.size(), batch.groupSize());
            return MemoryEstimate.grouped(name, width + 1L, groups, blocks,
                (long) GroupReduction.finishRows(groups, width) * width
                    + scratch.applyAsLong(batch));
        });
    }

    @Override
    public EnsembleObserver<A> forRun(long trajectories, int groupSize) {
        return new Blocked<>(maxBlocks, withGroupsPerBlock, memory, GroupedSums.groupsPerBlock(
            MemoryEstimate.groups(trajectories, groupSize), maxBlocks));
    }

    @Override
    public MemoryEstimate memory(BatchInfo batch, long trajectories) {
        long groups = MemoryEstimate.groups(trajectories, batch.groupSize());
        return memory.of(batch, trajectories, (groups + groupsPerBlock - 1) / groupsPerBlock);
    }

    @Override
    public SampleSchedule schedule() {
        return inner.schedule();
    }

    @Override
    public void validate(long steps) {
        inner.validate(steps);
    }

    @Override
    public BatchObserver<A> open(BatchInfo info) {
        return inner.open(info);
    }

    @Override
    public A empty() {
        return inner.empty();
    }

    @Override
    public A read(DataInput in) throws IOException {
        return inner.read(in);
    }

    @Override
    public String describe() {
        return inner.describe();
    }
}
