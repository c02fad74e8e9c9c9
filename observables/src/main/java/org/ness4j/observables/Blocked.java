package org.ness4j.observables;

import java.io.DataInput;
import java.io.IOException;
import java.util.function.IntFunction;
import org.ness4j.core.stat.Accumulator;
import org.ness4j.core.stat.GroupedSums;
import org.ness4j.sde.ensemble.BatchInfo;
import org.ness4j.sde.ensemble.BatchObserver;
import org.ness4j.sde.ensemble.EnsembleObserver;
import org.ness4j.sde.ensemble.MemoryEstimate;
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
