package org.ness4j.examples.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.ness4j.sde.ensemble.Progress;

/**
 * The examples' bar is the library's {@code ConsoleProgressListener} (tested in the sde
 * module); here: that it draws and ends its line through the delegate (the examples'
 * {@code --progress} option: {@code CliTest}).
 */
class ConsoleProgressTest {

    @Test
    void drawsThroughTheLibraryListener() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        try (ConsoleProgress bar = ConsoleProgress.bar("task", out, false, Duration.ZERO)) {
            bar.onProgress(new Progress(500, 1000, 5, 10, Duration.ofSeconds(1)));
            bar.onProgress(new Progress(1000, 1000, 10, 10, Duration.ofSeconds(2)));
        }
        String[] lines = bytes.toString(StandardCharsets.UTF_8).split(System.lineSeparator());
        assertEquals(2, lines.length, String.join("|", lines));
        assertTrue(lines[0].startsWith("task  50% [") && lines[1].startsWith("task 100% ["),
            String.join("|", lines));
    }
}
