package org.ness4j.sde.ensemble;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ness4j.core.chain.BoseHubbardChain;
import org.ness4j.sde.chain.ChainProblem;

class CheckpointTest {

    @TempDir
    Path dir;

    private static StateMoments uninterrupted() {
        return CheckpointKillMain.ensemble().build().run(CheckpointKillMain.observer())
            .requireSuccess();
    }

    @Test
    void resumingAfterCancellationGivesTheUninterruptedResult() {
        Path file = dir.resolve("run.ckpt");
        CancellationToken token = new CancellationToken();
        EnsembleResult<StateMoments> first = CheckpointKillMain.ensemble()
            .checkpoint(file, Duration.ofMillis(1))
            .progress(p -> {
                if (p.completedTrajectories() >= 8) {
                    token.cancel();
                }
            }, Duration.ofMillis(5)).cancellation(token).build()
            .run(CheckpointKillMain.observer());
        assertEquals(ReturnCode.CANCELLED, first.returnCode());
        assertTrue(Files.exists(file));
        Progress[] last = new Progress[1];
        EnsembleResult<StateMoments> resumed = CheckpointKillMain.ensemble()
            .checkpoint(file, Duration.ofMillis(1)).progress(p -> last[0] = p,
                Duration.ofSeconds(10)).build().run(CheckpointKillMain.observer());
        assertEquals(ReturnCode.SUCCESS, resumed.returnCode());
        assertEquals(400, resumed.completedTrajectories());
        assertEquals(uninterrupted().sums, resumed.statistics().sums);
        // the restored batches count towards the fraction, not towards this run's rate
        assertEquals(first.completedTrajectories() * 20_000L, last[0].restoredSteps());
        assertEquals(400 * 20_000L, last[0].completedSteps());
    }

    @Test
    void resumingAfterKillingTheJvmGivesTheUninterruptedResult() throws Exception {
        Path file = dir.resolve("killed.ckpt");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
            CheckpointKillMain.class.getName(), file.toString())
            .redirectErrorStream(true).redirectOutput(new File(dir.toFile(), "child.log"))
            .start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        // wait for a checkpoint holding at least two batches, then kill the JVM
        while (System.nanoTime() < deadline && p.isAlive()
            && (!Files.exists(file) || Files.size(file) < 200 + 2 * 4 * 2 * 16 * 8 * 2)) {
            Thread.sleep(20);
        }
        assertTrue(p.isAlive(), "the child must still be running when it is killed");
        p.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        assertTrue(Files.exists(file), "a checkpoint must have been written");
        EnsembleResult<StateMoments> resumed = CheckpointKillMain.ensemble()
            .checkpoint(file, Duration.ofMillis(1)).build().run(CheckpointKillMain.observer());
        assertEquals(uninterrupted().sums, resumed.statistics().sums);
    }

    @Test
    void aBatchInFlightResumesFromItsSavedStepBitForBit() {
        Path file = dir.resolve("inflight.ckpt");
        long half = CheckpointKillMain.singleBatch().build().steps() / 2;
        CancellationToken token = new CancellationToken();
        // cancelled from inside the run at step `half` (deterministic, whatever the speed)
        EnsembleResult<StateMoments> first = CheckpointKillMain.singleBatch()
            .checkpoint(file, Duration.ofMillis(1)).cancellation(token).build()
            .run(CheckpointKillMain.wrapped(CheckpointKillMain.resumableObserver(), 0, token,
                half));
        assertEquals(ReturnCode.CANCELLED, first.returnCode());
        long[] firstReport = {-1};
        EnsembleResult<StateMoments> resumed = CheckpointKillMain.singleBatch()
            .checkpoint(file, Duration.ofMillis(1))
            .progress(p -> {
                if (firstReport[0] < 0) {
                    firstReport[0] = p.completedSteps();
                }
            }, Duration.ofMillis(1)).build().run(CheckpointKillMain.resumableObserver());
        assertTrue(firstReport[0] >= half * 4, "the resumed run must start from the saved step, "
            + "not from 0: first progress report at " + firstReport[0] + " trajectory-steps");
        EnsembleResult<StateMoments> whole = CheckpointKillMain.singleBatch().build()
            .run(CheckpointKillMain.resumableObserver());
        assertEquals(ReturnCode.SUCCESS, resumed.returnCode());
        assertEquals(whole.statistics().sums, resumed.statistics().sums);
    }

    @Test
    void aBatchInFlightSurvivesKillingTheJvm() throws Exception {
        Path file = dir.resolve("killed-inflight.ckpt");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
            CheckpointKillMain.class.getName(), file.toString(), "single")
            .redirectErrorStream(true).redirectOutput(new File(dir.toFile(), "child.log"))
            .start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        // the batch never completes before the kill, so any checkpoint holds it in flight
        while (System.nanoTime() < deadline && p.isAlive() && !Files.exists(file)) {
            Thread.sleep(20);
        }
        Thread.sleep(200);
        assertTrue(p.isAlive(), "the child must still be running when it is killed");
        p.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        assertTrue(Files.exists(file), "a checkpoint must have been written");
        long[] firstReport = {-1};
        EnsembleResult<StateMoments> resumed = CheckpointKillMain.singleBatch()
            .checkpoint(file, Duration.ofMillis(1))
            .progress(q -> {
                if (firstReport[0] < 0) {
                    firstReport[0] = q.completedSteps();
                }
            }, Duration.ofMillis(1)).build().run(CheckpointKillMain.resumableObserver());
        assertTrue(firstReport[0] > 0, "the resumed batch must continue from a saved step");
        EnsembleResult<StateMoments> whole = CheckpointKillMain.singleBatch().build()
            .run(CheckpointKillMain.resumableObserver());
        assertEquals(whole.statistics().sums, resumed.statistics().sums);
    }

    @Test
    void differentConfigurationIsRefused() {
        Path file = dir.resolve("a.ckpt");
        CheckpointKillMain.ensemble().steps(2000).checkpoint(file, Duration.ofMillis(1)).build()
            .run(CheckpointKillMain.observer());
        IllegalStateException e = assertThrows(IllegalStateException.class,
            () -> CheckpointKillMain.ensemble().steps(2000).seed(100)
                .checkpoint(file, Duration.ofMillis(1)).build()
                .run(CheckpointKillMain.observer()));
        assertTrue(e.getMessage().contains("different configuration")
            && e.getMessage().contains("seed=100"), e.getMessage());
        // settings that change the result without changing sizes or seed
        e = assertThrows(IllegalStateException.class,
            () -> CheckpointKillMain.ensemble().steps(2000).divergenceThreshold(1e10)
                .checkpoint(file, Duration.ofMillis(1)).build()
                .run(CheckpointKillMain.observer()));
        assertTrue(e.getMessage().contains("divergenceThreshold=1.0E10"), e.getMessage());
        e = assertThrows(IllegalStateException.class,
            () -> CheckpointKillMain.ensemble().steps(2000).checkEvery(64)
                .checkpoint(file, Duration.ofMillis(1)).build()
                .run(CheckpointKillMain.observer()));
        assertTrue(e.getMessage().contains("checkEvery=64"), e.getMessage());
        // a part of a composite observer with another schedule, the composite schedule the same
        Path composite = dir.resolve("b.ckpt");
        EnsembleObserver<Observations> every10 = Observations.observer(
            StateMoments.observer(CheckpointKillMain.PROBLEM.dimension(),
                new SampleSchedule(0, 10)),
            StateMoments.observer(CheckpointKillMain.PROBLEM.dimension(),
                new SampleSchedule(0, 5)));
        EnsembleObserver<Observations> every20 = Observations.observer(
            StateMoments.observer(CheckpointKillMain.PROBLEM.dimension(),
                new SampleSchedule(0, 20)),
            StateMoments.observer(CheckpointKillMain.PROBLEM.dimension(),
                new SampleSchedule(0, 5)));
        assertEquals(every10.schedule(), every20.schedule());
        CheckpointKillMain.ensemble().steps(200).checkpoint(composite, Duration.ofMillis(1))
            .build().run(every10);
        e = assertThrows(IllegalStateException.class,
            () -> CheckpointKillMain.ensemble().steps(200)
                .checkpoint(composite, Duration.ofMillis(1)).build().run(every20));
        assertTrue(e.getMessage().contains("different configuration"), e.getMessage());
    }

    /**
     * A chain's description (drive and loss of every site) makes a long fingerprint: one over
     * 64 kB (which {@code writeUTF} cannot write) is written and read back.
     */
    @Test
    void aLongChainCheckpointsAndResumes() {
        ChainProblem problem = ChainProblem.truncatedWigner(
            BoseHubbardChain.builder(5000).boundaryDrive(3).build());
        assertTrue(problem.toString().length() > 70_000, "" + problem.toString().length());
        Path file = dir.resolve("long.ckpt");
        Ensemble.Builder b = Ensemble.builder(problem).trajectories(2).batchSize(1).threads(1)
            .dt(0.01).steps(3).seed(1).checkpoint(file, Duration.ofMillis(1));
        StateMoments whole = b.build().run(StateMoments.observer(problem.dimension(),
            new SampleSchedule(0, 1))).requireSuccess();
        assertTrue(Files.exists(file));
        // all batches are in the checkpoint: the resumed run reads them and runs nothing
        StateMoments again = b.build().run(StateMoments.observer(problem.dimension(),
            new SampleSchedule(0, 1))).requireSuccess();
        assertEquals(whole.sums, again.sums);
    }

    @Test
    void corruptAndTruncatedCheckpointsAreDetected() throws IOException {
        Path file = dir.resolve("c.ckpt");
        CheckpointKillMain.ensemble().steps(2000).checkpoint(file, Duration.ofMillis(1)).build()
            .run(CheckpointKillMain.observer());
        byte[] good = Files.readAllBytes(file);
        byte[] flipped = good.clone();
        flipped[good.length / 2] ^= 0x10;
        Files.write(file, flipped);
        IllegalStateException e = assertThrows(IllegalStateException.class,
            () -> CheckpointKillMain.ensemble().steps(2000)
                .checkpoint(file, Duration.ofMillis(1)).build()
                .run(CheckpointKillMain.observer()));
        assertTrue(e.getMessage().contains("checksum"), e.getMessage());
        Files.write(file, java.util.Arrays.copyOf(good, good.length - 100));
        e = assertThrows(IllegalStateException.class,
            () -> CheckpointKillMain.ensemble().steps(2000)
                .checkpoint(file, Duration.ofMillis(1)).build()
                .run(CheckpointKillMain.observer()));
        assertTrue(e.getMessage().contains("corrupt or truncated"), e.getMessage());
    }

    /**
     * A checkpoint of format 3 was written with the random streams of format 1: refused with a
     * message that says why and what to do (the file is otherwise intact: right checksum).
     */
    @Test
    void checkpointsFromBeforeTheStreamChangeAreRefused() throws IOException {
        Path file = dir.resolve("old.ckpt");
        CheckpointKillMain.ensemble().steps(2000).checkpoint(file, Duration.ofMillis(1)).build()
            .run(CheckpointKillMain.observer());
        byte[] old = Files.readAllBytes(file);
        old[7] = '3'; // NESSKPT5 -> NESSKPT3
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(old, 0, old.length - 8);
        java.nio.ByteBuffer.wrap(old, old.length - 8, 8).putLong(crc.getValue());
        Files.write(file, old);
        IllegalStateException e = assertThrows(IllegalStateException.class,
            () -> CheckpointKillMain.ensemble().steps(2000)
                .checkpoint(file, Duration.ofMillis(1)).build()
                .run(CheckpointKillMain.observer()));
        assertTrue(e.getMessage().contains("format 3") && e.getMessage().contains("random streams")
            && e.getMessage().contains("Delete it"), e.getMessage());
    }

    /**
     * Format 4 assembled the checkpoint in memory and stored one combined result; format 5
     * streams parts. A format-4 file is refused with a message saying why and what to do.
     */
    @Test
    void checkpointsOfFormat4AreRefused() throws IOException {
        Path file = dir.resolve("four.ckpt");
        CheckpointKillMain.ensemble().steps(2000).checkpoint(file, Duration.ofMillis(1)).build()
            .run(CheckpointKillMain.observer());
        byte[] old = Files.readAllBytes(file);
        assertEquals('5', old[7]);
        old[7] = '4';
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(old, 0, old.length - 8);
        java.nio.ByteBuffer.wrap(old, old.length - 8, 8).putLong(crc.getValue());
        Files.write(file, old);
        IllegalStateException e = assertThrows(IllegalStateException.class,
            () -> CheckpointKillMain.ensemble().steps(2000)
                .checkpoint(file, Duration.ofMillis(1)).build()
                .run(CheckpointKillMain.observer()));
        assertTrue(e.getMessage().contains("format 4") && e.getMessage().contains("Delete it"),
            e.getMessage());
    }

    /**
     * The checkpoint clock asks every batch in flight to save before it writes the file, so the
     * first file (at the first interval) holds a saved state of both running batches, not none
     * (issue 16 item 7: the batches saved on their own clocks, just after the file was written,
     * so a kill lost two intervals of work). The batches can save only every 0.1 s or so
     * (divergence-check steps), while the run's clock ticks every 10 ms: without the request
     * the first file holds no batch. Killed after the first write, the run resumes from the
     * saved steps and gives the uninterrupted result bit for bit.
     */
    @Test
    void theFirstCheckpointHoldsEveryBatchInFlightAndResumesAfterAKill() throws Exception {
        Path file = dir.resolve("aligned.ckpt");
        Path first = dir.resolve("first.ckpt");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
            CheckpointKillMain.class.getName(), file.toString(), "aligned")
            .redirectErrorStream(true).redirectOutput(new File(dir.toFile(), "child.log"))
            .start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (System.nanoTime() < deadline && p.isAlive() && !Files.exists(file)) {
                Thread.sleep(2);
            }
            assertTrue(Files.exists(file), "a checkpoint must have been written");
            Files.copy(file, first); // the next write comes an interval (1 s) later
            Thread.sleep(300);
            assertTrue(p.isAlive(), "the child must still be running when it is killed");
        } finally {
            p.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
        EnsembleObserver<StateMoments> observer = CheckpointKillMain.resumableObserver();
        Ensemble ensemble = CheckpointKillMain.aligned().checkpoint(file, Duration.ofHours(1))
            .build();
        Checkpoint<StateMoments> atFirst = Checkpoint.read(first,
            ensemble.fingerprint(observer), observer);
        assertEquals(0, atFirst.batches.size(), "no batch completes before the kill");
        assertEquals(Set.of(0L, 1L), atFirst.inFlight.keySet(),
            "the first checkpoint must hold both batches in flight");
        for (byte[] saved : atFirst.inFlight.values()) {
            assertTrue(ByteBuffer.wrap(saved).getLong() > 0, "saved after step 0");
        }
        long[] restored = {-1};
        EnsembleResult<StateMoments> resumed = CheckpointKillMain.aligned()
            .checkpoint(file, Duration.ofHours(1))
            .progress(q -> restored[0] = q.restoredSteps(), Duration.ofSeconds(10)).build()
            .run(observer);
        assertTrue(restored[0] > 0, "the resumed batches continue from their saved steps");
        EnsembleResult<StateMoments> whole = CheckpointKillMain.aligned().build()
            .run(CheckpointKillMain.resumableObserver());
        assertEquals(whole.statistics().sums, resumed.statistics().sums);
    }
}
