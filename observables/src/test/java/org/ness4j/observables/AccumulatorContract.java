package org.ness4j.observables;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInput;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ness4j.core.chain.BoseHubbardChain;
import org.ness4j.core.stat.Accumulator;
import org.ness4j.sde.chain.ChainProblem;
import org.ness4j.sde.ensemble.BatchObserver;
import org.ness4j.sde.ensemble.CancellationToken;
import org.ness4j.sde.ensemble.Ensemble;
import org.ness4j.sde.ensemble.EnsembleObserver;
import org.ness4j.sde.ensemble.EnsembleResult;
import org.ness4j.sde.ensemble.ReturnCode;

/**
 * The contract every observable accumulator passes (Accumulator Javadoc): ensemble results
 * independent of batch size and threads, combine of any split and in any order equal to the
 * whole, serialization round trip, truncated data detected, NaN samples rejected, overlapping
 * parts refused. Subclasses name the accumulator.
 *
 * @param <A> accumulator type
 */
abstract class AccumulatorContract<A extends Accumulator<A>> {

    /** Chain the ensemble tests run on: 5 sites, chaotic drive. */
    static final ChainProblem CHAIN = ChainProblem.truncatedWigner(
        BoseHubbardChain.builder(5).boundaryDrive(6.5).build());

    /** @return an observer of {@link #CHAIN} sampling after step 50 */
    abstract EnsembleObserver<A> observer();

    /** @return the ensemble builder for {@link #CHAIN} (subclasses add replicas if needed) */
    Ensemble.Builder ensemble() {
        return Ensemble.builder(CHAIN).dt(0.01).steps(200).seed(3);
    }

    abstract A read(DataInput in) throws IOException;

    /**
     * Adds one sample of a 5-site chain field to a group, if the accumulator accepts samples.
     *
     * @return false if it has no sample-level {@code accept}
     */
    boolean accept(A acc, long group, double[] field) {
        return false;
    }

    private A run(int batch, int threads) {
        return ensemble().trajectories(24).groupSize(2).batchSize(batch).threads(threads).build()
            .run(observer()).requireSuccess();
    }

    private static byte[] bytes(Accumulator<?> a) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        a.writeTo(new DataOutputStream(out));
        return out.toByteArray();
    }

    @Test
    void ensembleResultDoesNotDependOnBatchSizeOrThreads() {
        A reference = run(24, 1);
        assertEquals(reference, run(2, 2));
        assertEquals(reference, run(6, 4));
    }

    /**
     * A run cancelled mid-batch checkpoints the batch in flight (state, generators and this
     * accumulator's running sums); resuming it restores the observer once and gives the
     * uninterrupted result bit for bit.
     */
    @Test
    void aBatchCheckpointedInFlightResumesBitForBit(@TempDir Path dir) {
        A whole = run(24, 1);
        Path file = dir.resolve("inflight.ckpt");
        CancellationToken token = new CancellationToken();
        int[] restores = {0};
        // the wrapper (EnsembleObserver.of) does not delegate forRun: configure it here
        EnsembleResult<A> first = single(file).cancellation(token).build()
            .run(cancelling(observer().forRun(24, 2), token, 100, restores));
        assertEquals(ReturnCode.CANCELLED, first.returnCode());
        assertEquals(0, restores[0]);
        A resumed = single(file).build().run(cancelling(observer().forRun(24, 2), null, 0, restores))
            .requireSuccess();
        assertEquals(1, restores[0], "the batch in flight must be restored, not rerun");
        assertEquals(whole, resumed);
    }

    private Ensemble.Builder single(Path file) {
        return ensemble().trajectories(24).groupSize(2).batchSize(24).threads(1).checkEvery(16)
            .checkpoint(file, Duration.ofNanos(1));
    }

    /** Delegates to {@code inner}, cancels the run at the first sample at or after a step. */
    private static <B extends Accumulator<B>> EnsembleObserver<B> cancelling(
        EnsembleObserver<B> inner, CancellationToken token, long atStep, int[] restores) {
        return EnsembleObserver.of(inner.schedule(),
            info -> new CancellingBatch<>(inner.open(info), token, atStep, restores),
            inner::empty, inner::read);
    }

    private static final class CancellingBatch<B extends Accumulator<B>>
        implements BatchObserver<B> {
        private final BatchObserver<B> b;
        private final CancellationToken token;
        private final long atStep;
        private final int[] restores;

        CancellingBatch(BatchObserver<B> b, CancellationToken token, long atStep,
                        int[] restores) {
            this.b = b;
            this.token = token;
            this.atStep = atStep;
            this.restores = restores;
        }

        @Override
        public void observe(long step, double t, double[] x) {
            b.observe(step, t, x);
            if (token != null && step >= atStep) {
                token.cancel();
            }
        }

        @Override
        public B finish(boolean[] diverged) {
            return b.finish(diverged);
        }

        @Override
        public boolean canSaveState() {
            return b.canSaveState();
        }

        @Override
        public void saveState(java.io.DataOutput out) throws IOException {
            b.saveState(out);
        }

        @Override
        public void restoreState(DataInput in) throws IOException {
            restores[0]++;
            b.restoreState(in);
        }
    }

    @Test
    void serializationRoundTripAndTruncationDetected() throws IOException {
        A a = run(8, 2);
        byte[] b = bytes(a);
        assertEquals(a, read(new DataInputStream(new ByteArrayInputStream(b))));
        byte[] cut = Arrays.copyOf(b, b.length - 5);
        assertThrows(IOException.class,
            () -> read(new DataInputStream(new ByteArrayInputStream(cut))));
    }

    /**
     * The memory estimate ({@link EnsembleObserver#memory}) is within a stated factor of the
     * retained size, measured by serialized size (8 bytes per stored double): the combined
     * estimate is at least the serialized combined result and at most 4 times it (every
     * stored row is counted with 100 bytes of map entry and array header, which dominates for
     * narrow rows); per batch at least the batch's saved state (running sums and any other
     * running state) and at most 6 times it (running sums, the batch's result and scratch
     * space); the saved-state estimate within a factor 2 of the saved state.
     */
    @Test
    void memoryEstimateIsWithinAFactorOfTheRetainedSize() throws IOException {
        A result = run(24, 2);
        long serialized = bytes(result).length;
        EnsembleObserver<A> configured = observer().forRun(24, 2);
        int replicas = replicas();
        org.ness4j.sde.ensemble.BatchInfo batch = new org.ness4j.sde.ensemble.BatchInfo(0, 24,
            replicas, 2, CHAIN.dimension(), 0.01);
        org.ness4j.sde.ensemble.MemoryEstimate m = configured.memory(batch, 24);
        assertTrue(m.combined() >= serialized && m.combined() <= 4 * serialized,
            m + " against " + serialized + " bytes serialized");
        BatchObserver<A> open = configured.open(batch);
        ByteArrayOutputStream saved = new ByteArrayOutputStream();
        open.saveState(new DataOutputStream(saved));
        assertTrue(m.perBatch() >= saved.size() && m.perBatch() <= 6 * saved.size(),
            m + " against " + saved.size() + " bytes saved");
        assertTrue(m.savedState() >= saved.size() / 2 && m.savedState() <= 2 * saved.size(),
            m + " against " + saved.size() + " bytes saved");
    }

    /** @return replicas of {@link #ensemble()} (1 unless overridden) */
    int replicas() {
        return 1;
    }

    @Test
    void overlappingPartsAreRefused() {
        A a = run(8, 1);
        A b = run(8, 1);
        assertThrows(IllegalArgumentException.class, () -> a.combine(b));
    }

    private double[] randomField(UniformRandomProvider rng) {
        double[] f = new double[10];
        for (int i = 0; i < f.length; i++) {
            f[i] = 4 * rng.nextDouble() - 2;
        }
        return f;
    }

    @Test
    void acceptInAnySplitAndCombineOrderEqualsWhole() {
        A whole = observer().empty();
        assumeTrue(accept(whole, 0, new double[10]), "no sample-level accept");
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(77L);
        double[][] fields = new double[60][];
        for (int i = 0; i < fields.length; i++) {
            fields[i] = randomField(rng);
        }
        whole = observer().empty();
        A left = observer().empty();
        A right = observer().empty();
        for (int i = 0; i < fields.length; i++) {
            long group = i / 6;
            accept(whole, group, fields[i]);
            accept(group < 4 ? left : right, group, fields[i]);
        }
        A ab = observer().empty().combine(left).combine(right);
        A ba = observer().empty().combine(right).combine(left);
        assertEquals(whole, ab);
        assertEquals(whole, ba);
        assertNotEquals(whole, left);
    }

    @Test
    void nanSamplesAreRejectedWithoutChangingTheAccumulator() {
        A a = observer().empty();
        assumeTrue(accept(a, 0, new double[10]), "no sample-level accept");
        A before = observer().empty();
        accept(before, 0, new double[10]);
        double[] bad = new double[10];
        bad[3] = Double.NaN;
        assertThrows(IllegalArgumentException.class, () -> accept(a, 1, bad));
        assertEquals(before, a);
    }
}
