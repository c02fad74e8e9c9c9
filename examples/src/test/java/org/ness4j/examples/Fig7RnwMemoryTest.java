package org.ness4j.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 16 item 7: the run {@code Fig7Rnw --L 100 --trajectories 64 --time 80000 --dt 0.02
 * --window 2000 --checkpoint DIR} computed for minutes and then died with an
 * OutOfMemoryError at the end, without a checkpoint. In a JVM with a 512 MB heap it is now
 * refused up front, within seconds, with a message about the heap; a run that fits completes,
 * leaves its checkpoint, and a rerun resumes from it with the same output.
 */
class Fig7RnwMemoryTest {

    @TempDir
    Path dir;

    /** Runs Fig7Rnw in a JVM with a 512 MB heap; returns the exit code, output in log. */
    private int fig7(Path log, long timeoutSeconds, String... args) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-Xmx512m", "-cp",
            System.getProperty("java.class.path"), Fig7Rnw.class.getName()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true)
            .redirectOutput(log.toFile()).start();
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            throw new AssertionError("Fig7Rnw did not end within " + timeoutSeconds + " s: "
                + Files.readString(log));
        }
        return p.exitValue();
    }

    @Test
    void theIssuesRunIsRefusedUpFrontAtASmallHeap() throws Exception {
        Path log = dir.resolve("refused.log");
        long start = System.nanoTime();
        int code = fig7(log, 60, "--L", "100", "--trajectories", "64", "--time", "80000",
            "--dt", "0.02", "--window", "2000", "--threads", "2",
            "--checkpoint", dir.resolve("ck").toString(), "--out", dir.resolve("out").toString());
        double seconds = (System.nanoTime() - start) * 1e-9;
        String out = Files.readString(log);
        assertTrue(code != 0, out);
        assertTrue(out.contains("heap") && out.contains("SiteSeries") && out.contains("-Xmx"),
            out);
        assertTrue(seconds < 30, "refused after " + seconds + " s: " + out);
        assertTrue(!Files.exists(dir.resolve("ck")) || isEmpty(dir.resolve("ck")),
            "no work, no checkpoint");
    }

    @Test
    void aRunThatFitsCompletesAndResumesFromItsCheckpoint() throws Exception {
        String[] args = {"--L", "8", "--trajectories", "8", "--time", "20", "--dt", "0.02",
            "--every", "1", "--window", "10", "--threads", "2",
            "--checkpoint", dir.resolve("ck").toString(), "--out", dir.resolve("out").toString()};
        Path log = dir.resolve("first.log");
        assertEquals(0, fig7(log, 120, args), Files.readString(log));
        Path checkpoint = dir.resolve("ck").resolve("fig7-L8.ckpt");
        assertTrue(Files.exists(checkpoint), "the finished run leaves its checkpoint");
        byte[] series = Files.readAllBytes(dir.resolve("out").resolve("fig7a_series.csv"));
        Files.delete(dir.resolve("out").resolve("fig7a_series.csv"));
        Path again = dir.resolve("again.log");
        assertEquals(0, fig7(again, 120, args), Files.readString(again));
        assertTrue(Files.readString(again).contains("resuming from"), Files.readString(again));
        assertArrayEquals(series, Files.readAllBytes(dir.resolve("out")
            .resolve("fig7a_series.csv")));
    }

    private static boolean isEmpty(Path directory) throws IOException {
        try (var s = Files.list(directory)) {
            return s.findAny().isEmpty();
        }
    }
}
