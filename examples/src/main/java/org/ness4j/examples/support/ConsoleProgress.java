package org.ness4j.examples.support;

import java.io.Console;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.ness4j.sde.ensemble.Progress;
import org.ness4j.sde.ensemble.ProgressListener;

/**
 * A console progress bar (the progressbar library) for an ensemble run: percentage,
 * trajectory-steps done and per second, and the estimated time to completion. Pass it to
 * {@code Ensemble.Builder.progress}; it closes itself when the run reports
 * completion, and {@link #close()} ends it early (cancelled or failed runs).
 *
 * <p>The library renders the bar; this class writes it. On a terminal the bar is redrawn in
 * place (carriage return) every half second. When standard error is not a terminal (a log
 * file, CI), a line is written at most every {@link #LOG_INTERVAL}, so logs do not fill with
 * redraws. Which of the two {@link #bar(String)} uses is set by the system property
 * {@value #MODE_PROPERTY} ({@code terminal}, {@code log} or {@code auto}, the default; the
 * examples' {@code --progress} option sets it, see {@link Options#declareProgress()}); see
 * {@link #standardErrorIsTerminal()} for what {@code auto} can detect. Either way the final state is written exactly once and the bar's line is ended when
 * the bar closes, so the example's next output starts on a fresh line. (progressbar 0.10.2
 * itself draws the final state twice, and ends the line only if its first scheduled redraw had
 * run before the bar was closed, which on a busy 2-core machine it often has not.)
 *
 * <p>A resumed run starts the bar at the progress restored from the checkpoint
 * ({@link Progress#restoredSteps()}), so the rate and ETA count only the work done now.
 */
public final class ConsoleProgress implements ProgressListener, AutoCloseable {

    /** Minimum time between two lines when the output is not a terminal. */
    public static final Duration LOG_INTERVAL = Duration.ofSeconds(30);

    /**
     * System property choosing how {@link #bar(String)} writes: {@code terminal} (redraw in
     * place), {@code log} (throttled whole lines) or {@code auto} (the default: terminal if
     * {@link #standardErrorIsTerminal()}).
     */
    public static final String MODE_PROPERTY = "ness4j.progress";

    private final String task;
    private final LineWriter writer;
    private ProgressBar bar;
    private boolean closed;

    private ConsoleProgress(String task, LineWriter writer) {
        this.task = task;
        this.writer = writer;
    }

    /**
     * Creates a bar on standard error, redrawn in place if standard error is a terminal and
     * written as throttled lines otherwise; the system property {@value #MODE_PROPERTY}
     * overrides the detection.
     *
     * @param task label shown in front of the bar
     * @return a listener drawing the bar
     * @throws IllegalArgumentException if {@value #MODE_PROPERTY} has a value other than
     *     {@code auto}, {@code terminal} or {@code log}
     */
    public static ConsoleProgress bar(String task) {
        boolean interactive = interactive(System.getProperty(MODE_PROPERTY),
            ConsoleProgress::standardErrorIsTerminal);
        return bar(task, System.err, interactive, LOG_INTERVAL);
    }

    /**
     * Resolves a mode: {@code terminal} gives {@code true}, {@code log} {@code false}, and
     * {@code auto} or {@code null} asks {@code detect} (case-insensitive).
     *
     * @param mode the value of {@value #MODE_PROPERTY}, or {@code null}
     * @param detect the detection used for {@code auto}
     * @return whether the bar is redrawn in place
     * @throws IllegalArgumentException for any other mode
     */
    static boolean interactive(String mode, BooleanSupplier detect) {
        String m = mode == null ? "auto" : mode.trim().toLowerCase(Locale.ROOT);
        switch (m) {
            case "auto":
                return detect.getAsBoolean();
            case "terminal":
                return true;
            case "log":
                return false;
            default:
                throw new IllegalArgumentException(MODE_PROPERTY
                    + " must be auto, terminal or log: " + mode);
        }
    }

    /**
     * Whether standard error is a terminal, as far as Java can tell. Java has no
     * {@code isatty(2)}: {@link System#console()} on JDK 17 reflects standard input and
     * output only, so {@code 2> log} typed at a terminal still looked like a terminal and the
     * log filled with carriage-return redraws. On Linux this method reads the target of
     * {@code /proc/self/fd/2}: a terminal is {@code /dev/pts/N}, {@code /dev/ttyX} or
     * {@code /dev/console}; a file, pipe or socket is not. Elsewhere (macOS, Windows) it falls
     * back to {@link System#console()} (and, on JDK 22 and later, {@code Console.isTerminal()}),
     * which misses a redirection of standard error alone: set {@value #MODE_PROPERTY} to
     * {@code log} there.
     *
     * @return {@code true} if standard error is (probably) a terminal
     */
    public static boolean standardErrorIsTerminal() {
        Path fd = Paths.get("/proc/self/fd/2");
        if (Files.isSymbolicLink(fd)) {
            try {
                return isTerminalDevice(Files.readSymbolicLink(fd).toString());
            } catch (IOException | SecurityException | UnsupportedOperationException e) {
                // fall through to the console heuristic
            }
        }
        Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            // JDK 22+: System.console() may exist without a terminal; ask it
            Method isTerminal = Console.class.getMethod("isTerminal");
            return (Boolean) isTerminal.invoke(console);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return true; // JDK 17-21: a console means standard input and output are terminals
        }
    }

    /**
     * Whether a file-descriptor target names a terminal device.
     *
     * @param target the link target of {@code /proc/self/fd/N}
     * @return {@code true} for {@code /dev/pts/*}, {@code /dev/tty*} and {@code /dev/console}
     */
    static boolean isTerminalDevice(String target) {
        return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty")
            || target.equals("/dev/console");
    }

    /**
     * Creates a bar on the given stream.
     *
     * @param task label shown in front of the bar
     * @param out where the bar is written
     * @param interactive {@code true} to redraw one line in place (a terminal), {@code false} to
     *     write whole lines at most every {@code interval}
     * @param interval minimum time between lines when not interactive
     * @return a listener drawing the bar
     */
    public static ConsoleProgress bar(String task, PrintStream out, boolean interactive,
                                      Duration interval) {
        Objects.requireNonNull(task, "task");
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(interval, "interval");
        if (interval.isNegative()) {
            throw new IllegalArgumentException("interval must not be negative: " + interval);
        }
        return new ConsoleProgress(task, new LineWriter(out, interactive, interval.toNanos()));
    }

    @Override
    public synchronized void onProgress(Progress p) {
        if (closed) {
            return;
        }
        if (bar == null) {
            boolean large = p.totalSteps() >= 100_000_000L;
            bar = new ProgressBarBuilder().setTaskName(task).setInitialMax(p.totalSteps())
                .setStyle(ProgressBarStyle.ASCII)
                .setConsumer(new DelegatingProgressBarConsumer(writer::accept, 100))
                .setUnit(large ? " M steps" : " k steps", large ? 1_000_000 : 1_000).showSpeed()
                .setUpdateIntervalMillis(500).startsFrom(p.restoredSteps(), Duration.ZERO)
                .build();
        }
        bar.stepTo(p.completedSteps());
        if (p.completedSteps() >= p.totalSteps()) {
            close();
        }
    }

    /** Ends the bar (idempotent): draws its final state once and ends its line. */
    @Override
    public synchronized void close() {
        if (!closed && bar != null) {
            bar.close();
            writer.finish();
        }
        closed = true;
    }

    /**
     * Writes the rendered bar: in place on a terminal, as throttled whole lines otherwise.
     * Called by the library's refresh thread and, through {@link #finish()}, by the closing
     * thread.
     */
    private static final class LineWriter {
        private final PrintStream out;
        private final boolean interactive;
        private final long intervalNanos;
        private String latest;
        private String written;
        private long writtenAt;
        private int width;
        private boolean finished;

        LineWriter(PrintStream out, boolean interactive, long intervalNanos) {
            this.out = out;
            this.interactive = interactive;
            this.intervalNanos = intervalNanos;
        }

        synchronized void accept(String line) {
            if (finished || line.equals(latest)) {
                return; // the library draws the final state twice
            }
            latest = line;
            long now = System.nanoTime();
            if (interactive || written == null || now - writtenAt >= intervalNanos) {
                write(line, now);
            }
        }

        /** Writes the final state unless it is already out, and ends the line. */
        synchronized void finish() {
            if (finished) {
                return;
            }
            finished = true;
            if (latest != null && !latest.equals(written)) {
                write(latest, System.nanoTime());
            }
            if (interactive && written != null) {
                out.println();
            }
            out.flush();
        }

        private void write(String line, long now) {
            if (interactive) {
                // pad to the previous width so a shorter line leaves no stale characters
                out.print('\r');
                out.print(line);
                for (int i = line.length(); i < width; i++) {
                    out.print(' ');
                }
                width = Math.max(width, line.length());
            } else {
                out.println(line); // whole lines in a log
            }
            out.flush();
            written = line;
            writtenAt = now;
        }
    }
}
