package org.ness4j.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ness4j.spark.SparkBenchmark.bytes;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.SparkConf;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ness4j.core.exec.PlanSource;
import org.ness4j.core.exec.ShardedPlan;
import org.ness4j.core.exec.TrajectoryRange;
import org.ness4j.core.quantum.DrivenKerrOscillator;
import org.ness4j.core.quantum.FockSpace;
import org.ness4j.core.quantum.QuantumTrajectories;
import org.ness4j.core.stat.Accumulator;
import org.ness4j.observables.PhaseOtoc;
import org.ness4j.observables.SiteMoments;
import org.ness4j.observables.WignerHistogram;
import org.ness4j.sde.ensemble.Ensemble;
import org.ness4j.sde.ensemble.EnsembleObserver;
import org.ness4j.sde.ensemble.EnsemblePlan;
import org.ness4j.sde.ensemble.EnsembleResult;
import org.ness4j.sde.ensemble.SampleSchedule;

/**
 * Spark runs (in-process, master {@code local[2,2]}: two task threads, a task may be tried
 * twice) give results bit-identical to local threads: the serialized accumulators are compared
 * byte for byte. Also: a task failing on its first attempt, restart from the directory of
 * finished ranges, and refusal of shard sets with a gap or an overlap.
 */
class SparkExecutorTest {

    private static JavaSparkContext sc;

    @BeforeAll
    static void start() {
        SparkConf conf = new SparkConf().setMaster("local[2,2]").setAppName("ness4j-spark-test")
            .set("spark.ui.enabled", "false").set("spark.driver.host", "127.0.0.1")
            .set("spark.driver.bindAddress", "127.0.0.1");
        sc = new JavaSparkContext(conf);
    }

    @AfterAll
    static void stop() {
        sc.stop();
    }

    static final int L = 4;
    static final double DT = 0.01;

    static Ensemble.Builder ensemble(double drive) {
        return SparkBenchmark.chain(L, drive)
            .trajectories(46).groupSize(2).batchSize(8).threads(2).dt(DT).steps(300).seed(18);
    }

    static EnsembleObserver<SiteMoments> moments() {
        return SiteMoments.observer(new SampleSchedule(100, 20), 0, 1, 2, 3);
    }

    static <A extends Accumulator<A>> void assertIdentical(EnsembleResult<A> local,
                                                           EnsembleResult<A> spark) {
        assertArrayEquals(bytes(local.statistics()), bytes(spark.statistics()));
        assertEquals(local.completedTrajectories(), spark.completedTrajectories());
        assertEquals(local.returnCode(), spark.returnCode());
        assertEquals(local.divergences(), spark.divergences());
    }

    static SparkExecutor executor(int tasks) {
        return SparkExecutor.builder(sc).tasksPerPlan(tasks).build();
    }

    @Test
    void siteMomentsAreBitIdenticalToLocalThreads() {
        EnsembleResult<SiteMoments> local = ensemble(2.0).build().run(moments());
        AtomicLong reported = new AtomicLong();
        SparkExecutor spark = executor(5);
        EnsembleResult<SiteMoments> r = EnsemblePlan.execute(spark,
            () -> EnsemblePlan.of(ensemble(2.0).build(), moments()),
            p -> reported.set(p.completedTrajectories()));
        assertIdentical(local, r);
        assertEquals(46, reported.get());
        assertEquals(5, spark.lastRun().tasks());
        assertTrue(spark.lastRun().bytes() > 0);
        // not vacuous: the statistics hold data
        assertTrue(r.statistics().meanSquare(1).value() > 0);
    }

    @Test
    void wignerHistogramIsBitIdenticalToLocalThreads() {
        EnsembleObserver<WignerHistogram> h = WignerHistogram.observer(new SampleSchedule(100,
            20), 16, 6.0, 0, 3);
        EnsembleResult<WignerHistogram> local = ensemble(2.0).build().run(h);
        EnsembleResult<WignerHistogram> r = EnsemblePlan.execute(executor(4),
            () -> EnsemblePlan.of(ensemble(2.0).build(), WignerHistogram.observer(
                new SampleSchedule(100, 20), 16, 6.0, 0, 3)), null);
        assertIdentical(local, r);
    }

    static Ensemble otocEnsemble() {
        return ensemble(2.0).steps(100 + 20 * 4).replicas(2, 100, PhaseOtoc.kick(0, 1e-3))
            .build();
    }

    static EnsembleObserver<PhaseOtoc> otoc() {
        return PhaseOtoc.observer(100, 20, 5, DT, 0, 1, 2, 3);
    }

    @Test
    void phaseOtocWithReplicasIsBitIdenticalToLocalThreads() {
        EnsembleResult<PhaseOtoc> local = otocEnsemble().run(otoc());
        EnsembleResult<PhaseOtoc> r = EnsemblePlan.execute(executor(6),
            () -> EnsemblePlan.of(otocEnsemble(), otoc()), null);
        assertIdentical(local, r);
    }

    @Test
    void scanPointsTimesRangesAreBitIdenticalToLocalThreads() {
        double[] drives = {1.5, 2.5};
        List<PlanSource<EnsemblePlan.Part<SiteMoments>>> sources = new ArrayList<>();
        for (double f : drives) {
            sources.add(() -> EnsemblePlan.of(ensemble(f).build(), moments()));
        }
        SparkExecutor spark = executor(3);
        List<EnsembleResult<SiteMoments>> r = EnsemblePlan.executeAll(spark, sources, null);
        assertEquals(6, spark.lastRun().tasks());
        for (int i = 0; i < drives.length; i++) {
            assertIdentical(ensemble(drives[i]).build().run(moments()), r.get(i));
        }
        assertFalse(java.util.Arrays.equals(bytes(r.get(0).statistics()),
            bytes(r.get(1).statistics())), "the two points must differ");
    }

    static QuantumTrajectories kerr() {
        DrivenKerrOscillator k = DrivenKerrOscillator.of(1.0, 0.5, 1.0, 1.0);
        return QuantumTrajectories.builder(k.lindbladian(8), FockSpace.of(8)).endTime(3)
            .window(1, 3).sampleInterval(0.5).trajectories(30).groupSize(3).seed(4).threads(2)
            .timeResolved(true).build();
    }

    @Test
    void quantumTrajectoriesAreBitIdenticalToLocalThreads() {
        QuantumTrajectories q = kerr();
        ShardedPlan<QuantumTrajectories.Result> plan = q.plan();
        QuantumTrajectories.Result r = executor(4).execute(() -> kerr().plan(), null);
        assertArrayEquals(plan.write(q.run()), plan.write(r));
        assertEquals(q.run().photonNumber(0), r.photonNumber(0));
    }

    /** Failures injected by {@link FailOnce} (same JVM in local mode). */
    static final AtomicInteger INJECTED = new AtomicInteger();

    /** A plan that delegates everything to {@code inner}; subclasses change {@link #run}. */
    abstract static class Wrapped<P> implements ShardedPlan<P> {
        final ShardedPlan<P> inner;

        Wrapped(ShardedPlan<P> inner) {
            this.inner = inner;
        }

        public long trajectories() {
            return inner.trajectories();
        }

        public int alignment() {
            return inner.alignment();
        }

        public String fingerprint() {
            return inner.fingerprint();
        }

        public TrajectoryRange range(P part) {
            return inner.range(part);
        }

        public P merge(List<P> parts) {
            return inner.merge(parts);
        }

        public byte[] write(P part) {
            return inner.write(part);
        }

        public P read(byte[] bytes) {
            return inner.read(bytes);
        }
    }

    /** A plan whose range starting at trajectory 0 fails on its first Spark attempt. */
    static final class FailOnce<P> extends Wrapped<P> {
        FailOnce(ShardedPlan<P> inner) {
            super(inner);
        }

        public P run(TrajectoryRange range, int threads) {
            TaskContext c = TaskContext.get();
            if (c != null && c.attemptNumber() == 0 && range.from() == 0) {
                INJECTED.incrementAndGet();
                throw new IllegalStateException("injected failure of the first attempt");
            }
            return inner.run(range, threads);
        }
    }

    @Test
    void aTaskFailingOnItsFirstAttemptStillGivesTheIdenticalResult() {
        EnsembleResult<SiteMoments> local = ensemble(2.0).build().run(moments());
        int before = INJECTED.get();
        EnsemblePlan.Part<SiteMoments> part = executor(4).execute(
            () -> new FailOnce<>(EnsemblePlan.of(ensemble(2.0).build(), moments())), null);
        assertEquals(before + 1, INJECTED.get(), "the failure must have been injected once");
        assertIdentical(local, part.result());
    }

    /** A plan that must not run anything: every range must come from the directory. */
    static final class NoRun<P> extends Wrapped<P> {
        NoRun(ShardedPlan<P> inner) {
            super(inner);
        }

        public P run(TrajectoryRange range, int threads) {
            throw new IllegalStateException("range " + range + " ran again after a restart");
        }
    }

    @Test
    void finishedRangesPersistAndAreSkippedAfterARestart(@TempDir Path dir) {
        SparkExecutor first = SparkExecutor.builder(sc).rangeSize(10).directory(dir).build();
        EnsembleResult<SiteMoments> r1 = EnsemblePlan.execute(first,
            () -> EnsemblePlan.of(ensemble(2.0).build(), moments()), null);
        assertEquals(5, first.lastRun().tasks());
        SparkExecutor again = SparkExecutor.builder(sc).rangeSize(10).directory(dir).build();
        EnsemblePlan.Part<SiteMoments> r2 = again.execute(
            () -> new NoRun<>(EnsemblePlan.of(ensemble(2.0).build(), moments())), null);
        assertEquals(0, again.lastRun().tasks());
        assertEquals(5, again.lastRun().restored());
        assertIdentical(r1, r2.result());
    }

    @Test
    void shardSetsWithAGapOrAnOverlapAreRefused() {
        SparkExecutor spark = executor(2);
        PlanSource<EnsemblePlan.Part<SiteMoments>> source =
            () -> EnsemblePlan.of(ensemble(2.0).build(), moments());
        ShardedPlan<EnsemblePlan.Part<SiteMoments>> plan = source.plan();
        List<EnsemblePlan.Part<SiteMoments>> parts = spark.runParts(source, List.of(
            new TrajectoryRange(0, 20), new TrajectoryRange(30, 46),
            new TrajectoryRange(16, 30)), null);
        IllegalArgumentException gap = assertThrows(IllegalArgumentException.class,
            () -> plan.mergeAll(List.of(parts.get(0), parts.get(1))));
        assertTrue(gap.getMessage().contains("gap: trajectories [20, 30)"), gap.getMessage());
        IllegalArgumentException overlap = assertThrows(IllegalArgumentException.class,
            () -> plan.mergeAll(parts));
        assertTrue(overlap.getMessage().contains("overlap"), overlap.getMessage());
        IllegalArgumentException split = assertThrows(IllegalArgumentException.class,
            () -> spark.runParts(source, List.of(new TrajectoryRange(0, 7)), null));
        assertTrue(split.getMessage().contains("splits a statistical group"),
            split.getMessage());
    }
}
