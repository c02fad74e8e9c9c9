package org.ness4j.sde.ensemble;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ness4j.core.chain.BoseHubbardChain;
import org.ness4j.core.stat.Accumulator;
import org.ness4j.core.stat.GroupedSums;
import org.ness4j.sde.chain.ChainProblem;
import org.ness4j.sde.chain.SplitStep;

/** Memory estimates, the refusal before work, array sizes, and no lost work at the end. */
class MemoryTest {

    @TempDir
    Path dir;

    private static final ChainProblem PROBLEM = CheckpointKillMain.PROBLEM;

    /** Counts the batches opened (beyond the ensemble's one-trajectory probe). */
    private static EnsembleObserver<StateMoments> counting(EnsembleObserver<StateMoments> inner,
                                                          AtomicInteger opened) {
        return EnsembleObserver.of(inner.schedule(), info -> {
            if (info.size() > 1) {
                opened.incrementAndGet();
            }
            return inner.open(info);
        }, inner::empty, inner::read);
    }

    /**
     * A run whose accumulator would not fit is refused within seconds, before any batch runs,
     * with a message naming the accumulator, the estimate, the heap and what to change.
     */
    @Test
    void aRunThatCannotFitIsRefusedBeforeWork() {
        AtomicInteger opened = new AtomicInteger();
        long heap = Runtime.getRuntime().maxMemory();
        EnsembleObserver<StateMoments> huge = EnsembleObserver.withMemory(
            counting(StateMoments.observer(PROBLEM.dimension(), new SampleSchedule(0, 10)),
                opened), (batch, n) -> new MemoryEstimate("HugeMap", 1 << 20, heap, 0));
        long start = System.nanoTime();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> CheckpointKillMain.ensemble().build().run(huge));
        assertTrue(System.nanoTime() - start < 10_000_000_000L, "refused within seconds");
        assertEquals(0, opened.get(), "no batch may have run");
        String m = e.getMessage();
        assertTrue(m.contains("heap") && m.contains("memory") && m.contains("HugeMap")
            && m.contains("-Xmx") && m.contains("coarsely") && m.contains("fewer sites")
            && m.contains("larger groups"), m);
        // the same estimate within the heap runs
        EnsembleObserver<StateMoments> fits = EnsembleObserver.withMemory(
            StateMoments.observer(PROBLEM.dimension(), new SampleSchedule(0, 10)),
            (batch, n) -> new MemoryEstimate("SmallMap", 1 << 10, heap / 100, 0));
        CheckpointKillMain.ensemble().steps(100).build().run(fits).requireSuccess();
    }

    /** The composite's parts are estimated each, and the largest is named. */
    @Test
    void theLargestPartOfACompositeIsNamed() {
        long heap = Runtime.getRuntime().maxMemory();
        EnsembleObserver<StateMoments> small = EnsembleObserver.withMemory(
            StateMoments.observer(PROBLEM.dimension(), new SampleSchedule(0, 10)),
            (batch, n) -> new MemoryEstimate("SmallPart", 0, heap / 4, 0));
        EnsembleObserver<StateMoments> large = EnsembleObserver.withMemory(
            StateMoments.observer(PROBLEM.dimension(), new SampleSchedule(0, 10)),
            (batch, n) -> new MemoryEstimate("LargePart", 0, heap, 0));
        EnsembleObserver<Observations> both = Observations.observer(small, large);
        BatchInfo batch = new BatchInfo(0, 4, 1, 2, PROBLEM.dimension(), 0.01);
        assertEquals(2, both.memoryParts(batch, 400).size());
        assertEquals(heap / 4 + heap, both.memory(batch, 400).combined());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> CheckpointKillMain.ensemble().build().run(both));
        assertTrue(e.getMessage().contains("LargePart"), e.getMessage());
    }

    /**
     * The default estimate (from {@link Accumulator#valuesPerGroup}) is at least the size of
     * the combined result as serialized (8 bytes per stored double), and at most 3 times it
     * (the row overhead of 100 bytes is counted for every stored row; StateMoments' rows are
     * 33 doubles); per batch it is at least the batch's saved running sums and at most 4 times
     * them (running sums, the batch's result and one value per sum and lane of scratch).
     */
    @Test
    void theDefaultEstimateIsWithinAFactorOfTheRetainedSize() throws IOException {
        EnsembleObserver<StateMoments> observer = StateMoments.observer(PROBLEM.dimension(),
            new SampleSchedule(0, 10), true);
        StateMoments result = CheckpointKillMain.ensemble().steps(100).build().run(observer)
            .requireSuccess();
        long serialized = size(result);
        BatchInfo batch = new BatchInfo(0, 4, 1, 2, PROBLEM.dimension(), 0.01);
        MemoryEstimate m = observer.memory(batch, 400);
        assertTrue(m.combined() >= serialized && m.combined() <= 3 * serialized,
            m + " against " + serialized + " bytes serialized");
        BatchObserver<StateMoments> open = observer.open(batch);
        ByteArrayOutputStream saved = new ByteArrayOutputStream();
        open.saveState(new DataOutputStream(saved));
        assertTrue(m.perBatch() >= saved.size() && m.perBatch() <= 4 * saved.size(),
            m + " against " + saved.size() + " bytes saved");
        assertEquals(0, EnsembleObserver.of(new SampleSchedule(0, 1), info -> null,
            Unsized::new, in -> new Unsized()).memory(batch, 400).combined(),
            "an accumulator without valuesPerGroup counts as 0");
    }

    /** An accumulator that does not report its size. */
    private static final class Unsized implements Accumulator<Unsized> {
        @Override
        public Unsized combine(Unsized other) {
            return this;
        }

        @Override
        public void writeTo(java.io.DataOutput out) {
        }
    }

    private static long size(Accumulator<?> a) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        a.writeTo(new DataOutputStream(bytes));
        return bytes.size();
    }

    /**
     * The ensemble's own part, by arithmetic on the known layout: the state (dimension x lanes
     * doubles) and the noise buffer (channels x increments per channel x lanes: 2 for SplitStep)
     * are counted, and the total is at most 8 state-and-noise buffers plus the generators.
     */
    @Test
    void theEnsemblesOwnEstimateCountsStateAndNoiseBuffers() {
        Ensemble e = Ensemble.builder(PROBLEM).algorithm(SplitStep.create()).trajectories(64)
            .batchSize(32).dt(0.01).steps(10).build();
        long lanes = 32;
        long state = 8 * PROBLEM.dimension() * lanes;
        long noise = 8 * PROBLEM.noiseComponents().length * 2 * lanes;
        MemoryEstimate own = e.batchMemory(32);
        assertTrue(own.perBatch() >= state + noise && own.perBatch() <= 8 * (state + noise)
            + 1024 * lanes, own + " against state " + state + " and noise " + noise);
        assertEquals(Math.max(state, noise) / 8, own.largestArray());
    }

    /**
     * SplitStep draws two variates per channel: a batch whose state fits into one array but
     * whose noise buffer (twice as large) does not is refused by build(), before any work;
     * it used to fail in a worker with NegativeArraySizeException.
     */
    @Test
    void aNoiseBufferBeyondTheLargestArrayIsRefusedInBuild() {
        ChainProblem wide = ChainProblem.truncatedWigner(
            BoseHubbardChain.builder(1000).boundaryDrive(3).uniformLoss(1).build());
        int batch = 700_000; // state 1.4e9 values, noise 2 x 2000 channels x batch = 2.8e9
        assertEquals(wide.dimension(), wide.noiseComponents().length);
        assertTrue((long) batch * wide.dimension() < Integer.MAX_VALUE);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> Ensemble.builder(wide).algorithm(SplitStep.create()).trajectories(batch)
                .batchSize(batch).dt(0.01).steps(10).build());
        assertTrue(e.getMessage().contains("noise") && e.getMessage().contains("largest Java "
            + "array") && e.getMessage().contains("batchSize"), e.getMessage());
    }

    /**
     * An accumulator whose batches would need an array beyond the largest Java array is
     * refused before work, naming it.
     */
    @Test
    void aBatchArrayBeyondTheLargestArrayIsRefusedBeforeWork() {
        EnsembleObserver<StateMoments> wide = EnsembleObserver.withMemory(
            StateMoments.observer(PROBLEM.dimension(), new SampleSchedule(0, 10)),
            (batch, n) -> new MemoryEstimate("WideSeries", 0, 0, 3_000_000_000L));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> CheckpointKillMain.ensemble().build().run(wide));
        assertTrue(e.getMessage().contains("WideSeries")
            && e.getMessage().contains("largest Java array"), e.getMessage());
    }

    /**
     * When the last batch completes, the checkpoint is written before the last combine: a
     * failure there (the OutOfMemoryError at the end of the run) loses no batch, and the
     * rerun resumes with every batch done and the uninterrupted result.
     */
    @Test
    void finishedWorkIsCheckpointedBeforeTheFinalCombine() throws IOException {
        Path file = dir.resolve("end.ckpt");
        Ensemble.Builder b = CheckpointKillMain.ensemble().trajectories(16).steps(2000)
            .checkpoint(file, Duration.ofHours(1));
        Fragile.failAt = 7; // the last group of the last batch (16 trajectories, groups of 2)
        try {
            assertThrows(IllegalStateException.class, () -> b.build().run(Fragile.observer()));
        } finally {
            Fragile.failAt = -1;
        }
        assertTrue(Files.exists(file), "the checkpoint must be written before the combine");
        EnsembleObserver<Fragile> observer = Fragile.observer();
        Checkpoint<Fragile> saved = Checkpoint.read(file,
            b.build().fingerprint(observer), observer);
        assertEquals(4, saved.batches.size(), "every batch is in the checkpoint");
        AtomicInteger opened = new AtomicInteger();
        Fragile resumed = b.build().run(EnsembleObserver.of(observer.schedule(), info -> {
            if (info.size() > 1) {
                opened.incrementAndGet();
            }
            return observer.open(info);
        }, observer::empty, observer::read)).requireSuccess();
        assertEquals(0, opened.get(), "nothing is run again");
        Fragile whole = CheckpointKillMain.ensemble().trajectories(16).steps(2000).build()
            .run(Fragile.observer()).requireSuccess();
        assertEquals(whole.moments.sums, resumed.moments.sums);
    }

    /** StateMoments whose combine fails for a chosen group (a stand-in for running out). */
    private static final class Fragile implements Accumulator<Fragile> {
        static volatile long failAt = -1;
        final StateMoments moments;

        Fragile(StateMoments moments) {
            this.moments = moments;
        }

        static EnsembleObserver<Fragile> observer() {
            EnsembleObserver<StateMoments> inner = StateMoments.observer(PROBLEM.dimension(),
                new SampleSchedule(1000, 50));
            return EnsembleObserver.of(inner.schedule(), info -> {
                BatchObserver<StateMoments> batch = inner.open(info);
                return new BatchObserver<Fragile>() {
                    @Override
                    public void observe(long step, double t, double[] x) {
                        batch.observe(step, t, x);
                    }

                    @Override
                    public Fragile finish(boolean[] diverged) {
                        return new Fragile(batch.finish(diverged));
                    }
                };
            }, () -> new Fragile(inner.empty()), in -> new Fragile(inner.read(in)));
        }

        @Override
        public Fragile combine(Fragile other) {
            if (failAt >= 0 && other.moments.sums.groupCount() > 0
                && other.moments.sums.groupMeans(0).length > 0 && holds(other, failAt)) {
                throw new IllegalStateException("simulated failure in the final combine");
            }
            moments.combine(other.moments);
            return this;
        }

        private static boolean holds(Fragile f, long group) {
            GroupedSums probe = new GroupedSums(f.moments.sums.width());
            double[] zeros = new double[f.moments.sums.width()];
            probe.add(group, 1, zeros);
            try {
                new GroupedSums(f.moments.sums.width()).combine(f.moments.sums).combine(probe);
                return false;
            } catch (IllegalArgumentException e) {
                return true;
            }
        }

        @Override
        public void writeTo(java.io.DataOutput out) throws IOException {
            moments.writeTo(out);
        }
    }
}
