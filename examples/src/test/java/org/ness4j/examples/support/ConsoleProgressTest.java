package org.ness4j.examples.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.ness4j.sde.ensemble.Progress;

/**
 * The bar's output: the final state written once, the line always ended, no redraws in a
 * log. These are the three defects progressbar 0.10.2's own console writer showed in the
 * examples (see {@link ConsoleProgress}).
 */
class ConsoleProgressTest {

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
        try (ConsoleProgress bar = ConsoleProgress.bar("task", out, interactive, interval)) {
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
    void rejectsANegativeInterval() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> ConsoleProgress.bar("task", System.err, false, Duration.ofSeconds(-1)));
        assertTrue(e.getMessage().contains("interval"), e.getMessage());
    }
}
