package org.ness4j.sde.ensemble;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.commons.rng.sampling.distribution.NormalizedGaussianSampler;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.ness4j.core.chain.BoseHubbardChain;
import org.ness4j.core.random.TrajectoryStreams;
import org.ness4j.sde.EulerMaruyama;
import org.ness4j.sde.Heun;
import org.ness4j.sde.NoiseKind;
import org.ness4j.sde.SdeProblem;
import org.ness4j.sde.chain.ChainProblem;
import org.ness4j.sde.chain.SplitStep;

class EnsembleTest {

    private static final ChainProblem CHAOTIC = ChainProblem.truncatedWigner(
        BoseHubbardChain.builder(6).boundaryDrive(7.5).build());

    private static StateMoments run(int threads, int batchSize) {
        return Ensemble.builder(CHAOTIC).trajectories(37).groupSize(1).batchSize(batchSize)
            .threads(threads).dt(0.01).steps(600).seed(2024).build()
            .run(StateMoments.observer(CHAOTIC.dimension(), new SampleSchedule(300, 7)))
            .requireSuccess();
    }

    static Stream<Arguments> splits() {
        return Stream.of(Arguments.of(2, 1), Arguments.of(4, 3), Arguments.of(1, 37),
            Arguments.of(2, 16), Arguments.of(4, 5));
    }

    @ParameterizedTest(name = "threads {0}, batch {1}")
    @MethodSource("splits")
    void resultIsBitIdenticalForAnyThreadCountAndBatchSize(int threads, int batch) {
        StateMoments reference = run(1, 8);
        StateMoments other = run(threads, batch);
        assertEquals(reference.sums, other.sums, "threads " + threads + ", batch " + batch);
    }

    @Test
    void splitStepEnsemblesAreReproducibleToo() {
        StateMoments[] r = new StateMoments[2];
        int k = 0;
        for (int[] tb : new int[][] {{1, 40}, {2, 3}}) {
            r[k++] = Ensemble.builder(CHAOTIC).algorithm(SplitStep.create()).trajectories(40)
                .threads(tb[0]).batchSize(tb[1]).dt(0.01).steps(300).seed(4).build()
                .run(StateMoments.observer(CHAOTIC.dimension(), new SampleSchedule(0, 30)))
                .requireSuccess();
        }
        assertEquals(r[0].sums, r[1].sums);
    }

    @Test
    void groupsOfSeveralTrajectoriesAreBatchIndependentToo() {
        List<StateMoments> results = new ArrayList<>();
        for (int batch : new int[] {4, 8, 40}) {
            results.add(Ensemble.builder(CHAOTIC).trajectories(40).groupSize(4)
                .batchSize(batch).threads(2).dt(0.01).steps(200).seed(9).build()
                .run(StateMoments.observer(CHAOTIC.dimension(), new SampleSchedule(0, 10)))
                .requireSuccess());
        }
        assertEquals(10, results.get(0).sums.groupCount());
        assertEquals(results.get(0).sums, results.get(1).sums);
        assertEquals(results.get(0).sums, results.get(2).sums);
    }

    @Test
    void differentSeedsGiveDifferentResults() {
        StateMoments a = run(2, 8);
        StateMoments b = Ensemble.builder(CHAOTIC).trajectories(37).threads(2).dt(0.01)
            .steps(600).seed(2025).build()
            .run(StateMoments.observer(CHAOTIC.dimension(), new SampleSchedule(300, 7)))
            .requireSuccess();
        assertFalse(a.sums.equals(b.sums));
    }

    /** dX = X^2 dt from X(0) ~ N(0, 1): blows up at t = 1/X(0) when X(0) > 0. */
    private static final SdeProblem BLOW_UP = new SdeProblem() {
        public int dimension() {
            return 1;
        }

        public int[] noiseComponents() {
            return new int[0];
        }

        public NoiseKind noiseKind() {
            return NoiseKind.ADDITIVE;
        }

        public void drift(double t, double[] x, double[] out, int batch) {
            for (int b = 0; b < batch; b++) {
                out[b] = x[b] * x[b];
            }
        }

        public void diffusion(double t, double[] x, double[] out, int batch) {
        }

        public void initialState(NormalizedGaussianSampler g, double[] x, int batch, int lane) {
            x[lane] = g.sample();
        }
    };

    @Test
    void divergenceIsReportedWithTrajectoryAndTimeAndItsGroupExcluded() {
        double tEnd = 2.0;
        int n = 64;
        EnsembleResult<StateMoments> r = Ensemble.builder(BLOW_UP).algorithm(
                EulerMaruyama.create()).trajectories(n).groupSize(2).batchSize(16).dt(1e-3)
            .steps(2000).checkEvery(10).seed(77).threads(2).build()
            .run(StateMoments.observer(1, new SampleSchedule(2000, 1)));
        assertEquals(ReturnCode.DIVERGED, r.returnCode());
        // Euler on x' = x^2 blows up shortly after 1/x0; trajectories with 1/x0 < ~tEnd diverge
        java.util.Set<Long> expected = new java.util.TreeSet<>();
        java.util.Set<Long> excludedGroups = new java.util.TreeSet<>();
        for (long i = 0; i < n; i++) {
            double x0 = ZigguratSampler.NormalizedGaussian.of(TrajectoryStreams.stream(77, i))
                .sample();
            if (x0 > 1 / (tEnd - 0.1)) {
                expected.add(i);
            }
        }
        for (Divergence d : r.divergences()) {
            double x0 = ZigguratSampler.NormalizedGaussian.of(
                TrajectoryStreams.stream(77, d.trajectory())).sample();
            assertTrue(x0 > 0, "only positive starts can diverge: " + d);
            assertTrue(d.time() >= 1 / x0 - 1e-9 && d.time() <= 1 / x0 + 0.2,
                d + " vs blow-up time " + 1 / x0);
            assertEquals("x[0]", d.componentName());
            excludedGroups.add(d.trajectory() / 2);
        }
        java.util.Set<Long> found = new java.util.TreeSet<>();
        r.divergences().forEach(d -> found.add(d.trajectory()));
        assertTrue(found.containsAll(expected), "expected " + expected + " in " + found);
        assertEquals(n / 2 - excludedGroups.size(), r.statistics().sums.groupCount());
        IllegalStateException e = assertThrows(IllegalStateException.class, r::requireSuccess);
        assertTrue(e.getMessage().contains("trajectory " + r.divergences().get(0).trajectory()),
            e.getMessage());
    }

    @Test
    void cancellationKeepsCompletedBatchesAndProgressIsReported() {
        CancellationToken token = new CancellationToken();
        List<Progress> reports = new ArrayList<>();
        EnsembleResult<StateMoments> r = Ensemble.builder(CHAOTIC).trajectories(64)
            .batchSize(8).threads(1).dt(0.01).steps(200_000).seed(1).cancellation(token)
            .progress(p -> {
                reports.add(p);
                token.cancel();
            }, Duration.ofMillis(50)).build()
            .run(StateMoments.observer(CHAOTIC.dimension(), new SampleSchedule(0, 1000)));
        assertEquals(ReturnCode.CANCELLED, r.returnCode());
        assertTrue(r.completedTrajectories() < 64);
        assertEquals(r.completedTrajectories(), r.statistics().sums.groupCount());
        assertFalse(reports.isEmpty());
        assertTrue(reports.get(reports.size() - 1).fraction() < 1.0);
        assertThrows(IllegalStateException.class, r::requireSuccess);
    }

    @Test
    void progressReachesOneOnCompletion() {
        List<Progress> reports = new ArrayList<>();
        EnsembleResult<StateMoments> r = Ensemble.builder(CHAOTIC).trajectories(8).dt(0.01)
            .steps(1000).progress(reports::add, Duration.ofMillis(1)).build()
            .run(StateMoments.observer(CHAOTIC.dimension(), new SampleSchedule(0, 100)));
        assertEquals(ReturnCode.SUCCESS, r.returnCode());
        Progress last = reports.get(reports.size() - 1);
        assertEquals(1.0, last.fraction());
        assertEquals(8, last.completedTrajectories());
        for (int i = 1; i < reports.size(); i++) {
            assertTrue(reports.get(i).completedSteps() >= reports.get(i - 1).completedSteps());
        }
    }

    @Test
    void badConfigurationFailsBeforeAnyWork() {
        Ensemble.Builder b = Ensemble.builder(CHAOTIC);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> b.dt(Double.NaN));
        assertEquals("dt must be positive and finite: NaN", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> b.trajectories(0));
        assertEquals("trajectories must be at least 1: 0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
            () -> Ensemble.builder(CHAOTIC).dt(0.1).steps(10).groupSize(4).batchSize(6).build());
        assertEquals("batchSize must be a multiple of groupSize 4: 6", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Ensemble.builder(CHAOTIC)
            .steps(10).build());
        assertEquals("dt must be set", e.getMessage());
        Ensemble ok = Ensemble.builder(CHAOTIC).dt(0.1).steps(10).algorithm(Heun.create())
            .build();
        e = assertThrows(IllegalArgumentException.class, () -> ok.run(
            StateMoments.observer(CHAOTIC.dimension(), new SampleSchedule(11, 1))));
        assertTrue(e.getMessage().contains("samples nothing"), e.getMessage());
        // a part of a composite observer that samples nothing is found too
        e = assertThrows(IllegalArgumentException.class, () -> ok.run(Observations.observer(
            StateMoments.observer(CHAOTIC.dimension(), new SampleSchedule(0, 1)),
            StateMoments.observer(CHAOTIC.dimension(), new SampleSchedule(11, 1)))));
        assertTrue(e.getMessage().contains("samples nothing"), e.getMessage());
        // an observer needing 4 samples (time points) from steps 4, 6, 8, 10, 12: 10 steps give 4
        EnsembleObserver<StateMoments> inner = StateMoments.observer(CHAOTIC.dimension(),
            new SampleSchedule(4, 2));
        EnsembleObserver<StateMoments> four = EnsembleObserver.of(inner.schedule(), 4,
            inner::open, inner::empty, inner::read);
        ok.run(four).requireSuccess();
        EnsembleObserver<StateMoments> five = EnsembleObserver.of(inner.schedule(), 5,
            inner::open, inner::empty, inner::read);
        e = assertThrows(IllegalArgumentException.class, () -> ok.run(five));
        assertEquals("observer needs 5 samples (one per time point it reports) but its schedule "
            + "(first step 4, every 2) gives 4 in a run of 10 steps; run at least 12 steps",
            e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ok.run(Observations.observer(
            StateMoments.observer(CHAOTIC.dimension(), new SampleSchedule(0, 1)), five)));
        assertTrue(e.getMessage().contains("needs 5 samples"), e.getMessage());
    }

    /**
     * A batch that fails is reported while the other batches still run, and they stop: one
     * batch would run for about 10^9 steps, the other throws at its first sample.
     */
    @Test
    void aFailedBatchStopsTheRunAndItsWorkers() {
        EnsembleObserver<StateMoments> inner = StateMoments.observer(CHAOTIC.dimension(),
            new SampleSchedule(10, 1_000_000));
        EnsembleObserver<StateMoments> failing = EnsembleObserver.of(inner.schedule(),
            info -> {
                BatchObserver<StateMoments> normal = inner.open(info);
                if (info.firstTrajectory() == 0) {
                    return normal; // the first batch (and the ensemble's up-front check)
                }
                return new BatchObserver<StateMoments>() {
                    @Override
                    public void observe(long step, double t, double[] x) {
                        throw new IllegalStateException("observer failed at step " + step);
                    }

                    @Override
                    public StateMoments finish(boolean[] diverged) {
                        return normal.finish(diverged);
                    }
                };
            }, inner::empty, inner::read);
        Ensemble e = Ensemble.builder(CHAOTIC).trajectories(8).batchSize(4).threads(2).dt(0.001)
            .steps(1_000_000_000L).progress(p -> { }, Duration.ofMillis(20)).build();
        IllegalStateException ex = assertTimeoutPreemptively(Duration.ofSeconds(60),
            () -> assertThrows(IllegalStateException.class, () -> e.run(failing)));
        assertTrue(ex.getMessage().contains("observer failed at step 10"), ex.getMessage());
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (workersAlive() && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertTrue(!workersAlive(), "ensemble workers still running after the run failed");
    }

    private static boolean workersAlive() {
        return Thread.getAllStackTraces().keySet().stream()
            .anyMatch(t -> t.getName().equals("ness4j-ensemble") && t.isAlive());
    }

    @Test
    void refusesABatchLargerThanAJavaArray() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> Ensemble.builder(CHAOTIC).dt(0.1).steps(10).trajectories(2_000_000_000L)
                .batchSize(1_000_000_000).build());
        assertTrue(e.getMessage().startsWith("batchSize 1000000000 x replicas 1 x dimension "),
            e.getMessage());
    }

    static Stream<Arguments> ensembleShapes() {
        // chain lengths 1-600, 1-5000 trajectories, 1-8 threads, group sizes 1-16, seeded
        org.apache.commons.rng.UniformRandomProvider rng =
            org.apache.commons.rng.simple.RandomSource.XO_RO_SHI_RO_128_PP.create(8L);
        return Stream.generate(() -> Arguments.of(1 + rng.nextInt(600), 1 + rng.nextInt(5000),
            1 + rng.nextInt(8), 1 + rng.nextInt(16))).limit(60);
    }

    @ParameterizedTest(name = "L {0}, {1} trajectories, {2} threads, groups of {3}")
    @MethodSource("ensembleShapes")
    void defaultBatchKeepsThreadsBusyAndTheStateInL2(int length, int trajectories, int threads,
                                                     int group) {
        ChainProblem problem = ChainProblem.truncatedWigner(
            BoseHubbardChain.builder(length).boundaryDrive(1).build());
        int batch = Ensemble.builder(problem).trajectories(trajectories).threads(threads)
            .groupSize(group).dt(0.01).steps(1).build().batchSize();
        String input = "L " + length + ", " + trajectories + " trajectories, " + threads
            + " threads, groups of " + group + ": batch " + batch;
        long perThread = (trajectories + threads - 1) / threads;
        assertEquals(0, batch % group, input);
        // enough batches for every thread (up to rounding to whole groups)
        assertTrue(batch <= Math.max(group, perThread + group - 1), input);
        assertTrue(batch <= 1024 + group - 1, input);
        // at most ~1 MiB of state per batch, unless that would leave fewer than 64 lanes
        assertTrue(8L * problem.dimension() * (batch - group + 1) <= (1 << 20)
            || batch - group + 1 <= 64, input);
        // no smaller than needed: 64 lanes, the thread's share, or the cache bound
        long wanted = Math.min(Math.min(1024, perThread),
            Math.max(64, (1L << 20) / (8L * problem.dimension())));
        assertTrue(batch >= wanted, input);
    }
}
