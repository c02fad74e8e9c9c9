package org.ness4j.sde.ensemble;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The bar's output: the final state written once, the line always ended, no redraws in a
 * log (the three defects progressbar 0.10.2's console writer showed in the examples before the
 * library drew the bar itself), the rendered fields, the mode switch and the terminal detection.
 */
class ConsoleProgressListenerTest {

    private static final long TOTAL = 1_000_000;

    /** Runs of 1 to 4 progress reports, closed by the completion report or by close(). */
    static Stream<Arguments> runs() {
        return Stream.of(
            Arguments.of(new long[] {TOTAL}, true),
            Arguments.of(new long[] {TOTAL}, false),
            Arguments.of(new long[] {0, TOTAL / 2, TOTAL}, true),
            Arguments.of(new long[] {0, TOTAL / 2, TOTAL}, false),
            Arguments.of(new long[] {TOTAL / 4, TOTAL / 2}, true),
            Arguments.of(new long[] {TOTAL / 4, TOTAL / 2}, false),
            Arguments.of(new long[] {1, 2, 3, TOTAL}, true),
            Arguments.of(new long[] {1, 2, 3, TOTAL}, false));
    }

    private static String run(long[] steps, boolean interactive, Duration interval) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        try (ConsoleProgressListener bar = ConsoleProgressListener.create("task", out, interactive,
            interval)) {
            for (long s : steps) {
                bar.onProgress(new Progress(s, TOTAL, 0, 10, Duration.ofSeconds(1)));
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static String percent(long steps) {
        return (100 * steps / TOTAL) + "%";
    }

    @ParameterizedTest(name = "{index}: steps {0}, interactive {1}")
    @MethodSource("runs")
    void writesTheFinalStateOnceAndEndsTheLine(long[] steps, boolean interactive) {
        String text = run(steps, interactive, Duration.ofHours(1));
        String last = " " + percent(steps[steps.length - 1]) + " ";
        String nl = System.lineSeparator();
        assertTrue(text.endsWith(nl), "line not ended: [" + text + "]");
        String[] draws;
        if (interactive) {
            // one line, redrawn in place: "\r draw \r draw ... newline"
            assertEquals(1, text.split(nl, -1).length - 1, "one line expected: [" + text + "]");
            assertTrue(text.startsWith("\r"), "[" + text + "]");
            draws = text.substring(1, text.length() - nl.length()).split("\r");
        } else {
            // the first state drawn when the bar starts, then nothing until the final state
            assertTrue(!text.contains("\r"), "carriage return in log mode: [" + text + "]");
            draws = text.split(nl);
            assertTrue(draws.length <= 2, "redraws within the interval: [" + text + "]");
        }
        assertTrue(draws[draws.length - 1].contains(last), "final" + last + "not last: [" + text
            + "]");
        assertEquals(1, Stream.of(draws).filter(d -> d.contains(last)).count(),
            "final state drawn more than once: [" + text + "]");
    }

    @Test
    void logModeWithoutThrottleWritesWholeLines() {
        String text = run(new long[] {0, TOTAL / 2, TOTAL}, false, Duration.ZERO);
        assertTrue(!text.contains("\r"), "carriage return in log mode: [" + text + "]");
        assertTrue(text.lines().allMatch(l -> l.startsWith("task")), "[" + text + "]");
        assertTrue(text.lines().reduce((a, b) -> b).orElseThrow().contains(" 100% "),
            "[" + text + "]");
    }

    @Test
    void rendersPercentCountsTimesAndRate() {
        // 45 % of 10^7 steps in 12 s: 375 000 steps/s, 5.5e6 steps left take 14.7 s
        String line = ConsoleProgressListener.render("F = 7.5",
            new Progress(4_500_000, 10_000_000, 4, 10, Duration.ofSeconds(12)));
        assertTrue(line.startsWith("F = 7.5  45% ["), line);
        String bar = line.substring(line.indexOf('[') + 1, line.indexOf(']'));
        assertEquals("=".repeat(9) + ">", bar.strip(), line); // 45 % of the width, rounded down
        assertTrue(line.endsWith("] 4500/10000 k steps (0:00:12 / 0:00:14) 375.0 k steps/s"),
            line);
    }

    @Test
    void rendersRestoredWorkInThePercentageButNotInTheRate() {
        // 5e6 of 1e7 restored, 1e6 more in 10 s: 60 %, 100 000 steps/s, 4e6 left take 40 s
        String line = ConsoleProgressListener.render("t",
            new Progress(6_000_000, 10_000_000, 6, 10, Duration.ofSeconds(10), 5_000_000));
        assertTrue(line.startsWith("t  60% ["), line);
        assertTrue(line.endsWith("(0:00:10 / 0:00:40) 100.0 k steps/s"), line);
    }

    @Test
    void rendersLargeRunsInMillionsAndUnknownRatesAsQuestionMarks() {
        String line = ConsoleProgressListener.render("t",
            new Progress(0, 200_000_000, 0, 10, Duration.ZERO));
        assertTrue(line.startsWith("t   0% [>"), line);
        assertTrue(line.endsWith("] 0/200 M steps (0:00:00 / ?) ? M steps/s"), line);
        String done = ConsoleProgressListener.render("t",
            new Progress(200_000_000, 200_000_000, 10, 10, Duration.ofSeconds(3725)));
        assertTrue(done.startsWith("t 100% [" + "=".repeat(22) + "] 200/200 M steps (1:02:05 / "
            + "0:00:00)"), done);
    }

    @Test
    void rejectsANegativeInterval() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> ConsoleProgressListener.create("task", System.err, false,
                Duration.ofSeconds(-1)));
        assertTrue(e.getMessage().contains("interval"), e.getMessage());
    }
    @Test
    void modeSwitchOverridesTheDetection() {
        assertTrue(ConsoleProgressListener.interactive("terminal", () -> false));
        assertTrue(ConsoleProgressListener.interactive(" Terminal ", () -> false));
        assertTrue(!ConsoleProgressListener.interactive("log", () -> true));
        assertTrue(ConsoleProgressListener.interactive("auto", () -> true));
        assertTrue(!ConsoleProgressListener.interactive("auto", () -> false));
        assertTrue(ConsoleProgressListener.interactive(null, () -> true));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> ConsoleProgressListener.interactive("fancy", () -> true));
        assertEquals("ness4j.progress must be auto, terminal or log: fancy", e.getMessage());
    }

    @Test
    void terminalDevicesAreRecognisedByTheirPath() {
        for (String t : List.of("/dev/pts/0", "/dev/pts/17", "/dev/tty", "/dev/tty1",
            "/dev/console")) {
            assertTrue(ConsoleProgressListener.isTerminalDevice(t), t);
        }
        for (String t : List.of("/tmp/run.log", "pipe:[38567]", "socket:[1]", "/dev/null",
            "/work/out/dev/pts/log")) {
            assertTrue(!ConsoleProgressListener.isTerminalDevice(t), t);
        }
    }

    /**
     * End to end under a pseudo-terminal (util-linux {@code script}, Linux only): standard
     * input and output are a terminal, so {@code System.console()} exists, but standard error
     * goes to a file, as with {@code 2> log} typed at a terminal. The old detection
     * ({@code System.console() != null}) wrote carriage-return redraws into the file. With
     * standard error on the terminal the bar is redrawn in place, and the mode switch forces
     * either way.
     */
    @Test
    void redirectedStandardErrorUnderATerminalGetsWholeLines(@TempDir Path dir) throws Exception {
        Path script = Paths.get("/usr/bin/script");
        Assumptions.assumeTrue(Files.isExecutable(script) && Files.isDirectory(
            Paths.get("/proc/self/fd")), "needs Linux and util-linux script");
        Path log = dir.resolve("stderr.log");
        String out = underTerminal(dir, "", "2> " + log);
        Assumptions.assumeTrue(out.contains("console=true"), "no pseudo-terminal: " + out);
        String logged = Files.readString(log);
        assertTrue(!logged.contains("\r"), "carriage return in the log: [" + logged + "]");
        assertTrue(logged.contains("probe") && logged.contains(" 100% "), "[" + logged + "]");

        // standard error on the terminal: redrawn in place ("\rprobe"; the terminal itself
        // turns every newline into "\r\n", so look for the carriage return before the bar)
        out = underTerminal(dir, "", "");
        assertTrue(out.contains("\rprobe"), "not redrawn in place: [" + out + "]");

        // the switch overrides the detection both ways
        out = underTerminal(dir, "-Dness4j.progress=log", "");
        assertTrue(!out.contains("\rprobe") && out.contains("probe"), "[" + out + "]");
        underTerminal(dir, "-Dness4j.progress=terminal", "2> " + log);
        logged = Files.readString(log);
        assertTrue(logged.contains("\rprobe"), "[" + logged + "]");
    }

    /** Runs the probe in a child JVM on a pseudo-terminal; returns what the terminal showed. */
    private static String underTerminal(Path dir, String jvmOption, String redirect)
        throws IOException, InterruptedException {
        String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
        String cp = System.getProperty("surefire.test.class.path",
            System.getProperty("java.class.path"));
        String command = java + " " + jvmOption + " -cp '" + cp + "' "
            + ConsoleProgressProbe.class.getName() + " " + redirect;
        Path shown = dir.resolve("terminal.out");
        Process p = new ProcessBuilder("/usr/bin/script", "-qec", command, "/dev/null")
            .redirectInput(ProcessBuilder.Redirect.PIPE)
            .redirectOutput(shown.toFile()).redirectErrorStream(true).start();
        p.getOutputStream().close();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "probe did not finish");
        String text = Files.readString(shown);
        assertEquals(0, p.exitValue(), text);
        return text;
    }
}
