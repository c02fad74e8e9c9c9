package org.ness4j.observables;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInput;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;
import org.ness4j.core.chain.BoseHubbardChain;
import org.ness4j.core.stat.Accumulator;
import org.ness4j.core.stat.Estimate;
import org.ness4j.sde.chain.ChainProblem;
import org.ness4j.sde.ensemble.BatchInfo;
import org.ness4j.sde.ensemble.Ensemble;
import org.ness4j.sde.ensemble.EnsembleObserver;
import org.ness4j.sde.ensemble.Observations;
import org.ness4j.sde.ensemble.SampleSchedule;

/**
 * Jackknife blocks of the map accumulators ({@link WignerHistogram}, {@link Correlations},
 * {@link FockPopulations}, {@link LocalDensityMatrix}): with groups of one trajectory their
 * results are bit-identical for any thread count and batch size, their size does not grow with
 * the number of trajectories, their values are those of one row per trajectory, and data written
 * before blocks is still read.
 */
class MapBlocksTest {

    private static final BoseHubbardChain CHAIN = BoseHubbardChain.builder(3).boundaryDrive(2)
        .build();
    private static final SampleSchedule SCHEDULE = new SampleSchedule(50, 10);

    /** The four map observers in one composite, with at most {@code maxBlocks} blocks each. */
    private static EnsembleObserver<Observations> maps(int maxBlocks) {
        return Observations.observer(
            WignerHistogram.observer(SCHEDULE, 6, 4.0, new int[] {0, 2}, maxBlocks),
            Correlations.observer(SCHEDULE, Correlations.reference(0, 0, 1, 2), maxBlocks),
            FockPopulations.observer(SCHEDULE, 6, new int[] {1, 2}, maxBlocks),
            LocalDensityMatrix.observer(SCHEDULE, 2, 3, maxBlocks));
    }

    private static Observations run(long trajectories, int threads, int batch, int maxBlocks) {
        return Ensemble.builder(ChainProblem.truncatedWigner(CHAIN)).trajectories(trajectories)
            .groupSize(1).threads(threads).batchSize(batch).dt(0.01).steps(200).seed(4).build()
            .run(maps(maxBlocks)).requireSuccess();
    }

    private static List<Accumulator<?>> parts(Observations o) {
        return List.of(o.get(0, WignerHistogram.class), o.get(1, Correlations.class),
            o.get(2, FockPopulations.class), o.get(3, LocalDensityMatrix.class));
    }

    private static int size(Accumulator<?> a) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        a.writeTo(new DataOutputStream(bytes));
        return bytes.size();
    }

    /**
     * 130 groups of one trajectory in blocks of ceil(130 / 32) = 5 (26 blocks): the same result
     * for 1, 2 and 4 threads and batch sizes 64, 5, 7 and 32 (5 and 7 split blocks between
     * batches); the histogram's jackknife replicas are the 26 blocks, or one per trajectory with
     * a {@code maxBlocks} of at least the trajectories, and the values agree up to rounding.
     */
    @Test
    void blocksAreBitIdenticalForAnyThreadsAndBatchesWithTheValuesOfOneRowPerTrajectory() {
        Observations reference = null;
        for (int[] run : new int[][] {{1, 64}, {2, 5}, {4, 7}, {2, 32}}) {
            Observations o = run(130, run[0], run[1], WignerHistogram.DEFAULT_BLOCKS);
            if (reference == null) {
                reference = o;
            }
            assertEquals(reference, o, "threads " + run[0] + ", batch " + run[1]);
        }
        WignerHistogram w = reference.get(0, WignerHistogram.class);
        assertEquals(26, w.leaveOneOutSampleCounts().length);
        assertEquals(26, w.leaveOneOutDensities(2).length);

        Observations rows = run(130, 2, 64, 1000);
        WignerHistogram wr = rows.get(0, WignerHistogram.class);
        assertEquals(130, wr.leaveOneOutDensities(2).length);
        // counts are integers: the block sums are exact, and so are the densities
        for (int i = 0; i < 6; i++) {
            for (int j = 0; j < 6; j++) {
                assertEquals(wr.density(2, i, j).value(), w.density(2, i, j).value(),
                    "cell " + i + ", " + j);
            }
        }
        Correlations c = reference.get(1, Correlations.class);
        Correlations cr = rows.get(1, Correlations.class);
        FockPopulations f = reference.get(2, FockPopulations.class);
        FockPopulations fr = rows.get(2, FockPopulations.class);
        LocalDensityMatrix d = reference.get(3, LocalDensityMatrix.class);
        LocalDensityMatrix dr = rows.get(3, LocalDensityMatrix.class);
        for (int l = 0; l < 3; l++) {
            close(cr.correlationRe(0, l), c.correlationRe(0, l), "Re <a_0^+ a_" + l + ">");
            close(cr.g1Abs(0, l), c.g1Abs(0, l), "|g1(0, " + l + ")|");
            close(fr.population(2, l), f.population(2, l), "p_" + l);
            close(dr.re(l, 0), d.re(l, 0), "Re rho_" + l + "0");
        }
    }

    /**
     * Values equal up to rounding (the same sums, added in another grouping); the jackknife
     * errors of 26 blocks and of 130 rows agree within their own scatter (relative standard
     * deviation of a jackknife error from 26 blocks about 1 / sqrt(2 * 25) = 14 %; 4.5 of those,
     * 0.63: false failure below 1e-5 per comparison).
     */
    private static void close(Estimate rows, Estimate blocks, String what) {
        assertEquals(rows.value(), blocks.value(), 1e-12 * Math.abs(rows.value()) + 1e-15, what);
        if (rows.standardError() > 0) {
            assertEquals(rows.standardError(), blocks.standardError(),
                0.63 * rows.standardError(), what);
        }
    }

    /**
     * At a fixed group size (one trajectory) the serialized result and the memory estimate of
     * the combined result do not grow from 64 to 256 trajectories (32 blocks of 2 and of 8
     * groups); with one row per group (maxBlocks 1000, as before blocks) the result grows
     * about 4-fold.
     */
    @Test
    void resultSizeDoesNotGrowWithTheTrajectoriesAtAFixedGroupSize() throws IOException {
        Observations small = run(64, 2, 32, WignerHistogram.DEFAULT_BLOCKS);
        Observations large = run(256, 2, 32, WignerHistogram.DEFAULT_BLOCKS);
        Observations rowsSmall = run(64, 2, 32, 1000);
        Observations rowsLarge = run(256, 2, 32, 1000);
        for (int p = 0; p < 4; p++) {
            Accumulator<?> s = parts(small).get(p);
            String name = s.getClass().getSimpleName();
            assertEquals(size(s), size(parts(large).get(p)), name);
            assertTrue(size(parts(rowsLarge).get(p)) > 3 * size(parts(rowsSmall).get(p)),
                name + ": one row per trajectory grows");
        }
        BatchInfo batch = new BatchInfo(0, 32, 1, 1, CHAIN.dimension(), 0.01);
        List<org.ness4j.sde.ensemble.MemoryEstimate> m64 = maps(WignerHistogram.DEFAULT_BLOCKS)
            .forRun(64, 1).memoryParts(batch, 64);
        List<org.ness4j.sde.ensemble.MemoryEstimate> m256 = maps(WignerHistogram.DEFAULT_BLOCKS)
            .forRun(256, 1).memoryParts(batch, 256);
        assertEquals(4, m64.size());
        for (int p = 0; p < 4; p++) {
            assertEquals(m64.get(p).combined(), m256.get(p).combined(), m64.get(p).accumulator());
            assertTrue(m64.get(p).combined() >= size(parts(small).get(p)),
                m64.get(p) + " against " + size(parts(small).get(p)) + " bytes");
        }
    }

    @Test
    void maxBlocksBelowTwoIsRefused() {
        assertThrows(IllegalArgumentException.class,
            () -> WignerHistogram.observer(SCHEDULE, 6, 4.0, new int[] {0}, 1));
        assertThrows(IllegalArgumentException.class,
            () -> Correlations.observer(SCHEDULE, Correlations.reference(0, 1), 1));
        assertThrows(IllegalArgumentException.class,
            () -> FockPopulations.observer(SCHEDULE, 6, new int[] {0}, 1));
        assertThrows(IllegalArgumentException.class,
            () -> LocalDensityMatrix.observer(SCHEDULE, 0, 3, 1));
    }

    /** Reads {@code a}'s bytes with its tag replaced by {@code oldTag}. */
    private static <A extends Accumulator<A>> A readWithTag(A a, String oldTag,
                                                            Reader<A> reader)
        throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        a.writeTo(new DataOutputStream(bytes));
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes.toByteArray()));
        in.readUTF();
        ByteArrayOutputStream old = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(old);
        out.writeUTF(oldTag);
        in.transferTo(out);
        return reader.read(new DataInputStream(new ByteArrayInputStream(old.toByteArray())));
    }

    private interface Reader<A> {
        A read(DataInput in) throws IOException;
    }

    /**
     * Data written before blocks (the previous tags, one row per group) is read as before; an
     * unknown tag is refused.
     */
    @Test
    void dataWrittenBeforeBlocksIsStillRead() throws IOException {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(21L);
        WignerHistogram w = WignerHistogram.of(6, 4.0, 0, 1);
        Correlations c = Correlations.reference(0, 0, 1);
        FockPopulations f = FockPopulations.of(6, 0, 1);
        LocalDensityMatrix d = LocalDensityMatrix.of(1, 3);
        for (int i = 0; i < 40; i++) {
            double[] field = new double[4];
            for (int k = 0; k < 4; k++) {
                field[k] = 3 * rng.nextDouble() - 1.5;
            }
            w.accept(i / 4, field);
            c.accept(i / 4, field);
            f.accept(i / 4, field);
            d.accept(i / 4, field[2], field[3]);
        }
        assertEquals(w, readWithTag(w, "WignerHistogram", WignerHistogram::readFrom));
        assertEquals(c, readWithTag(c, "Correlations", Correlations::readFrom));
        assertEquals(f, readWithTag(f, "FockPopulations", FockPopulations::readFrom));
        assertEquals(d, readWithTag(d, "LocalDensityMatrix", LocalDensityMatrix::readFrom));
        assertThrows(IOException.class,
            () -> readWithTag(w, "WignerHistogram9", WignerHistogram::readFrom));
    }
}
