package org.ness4j.sde.ensemble;

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

/**
 * A console progress bar for an ensemble run, drawn on standard error by the library itself
 * (no terminal library needed): task label, percentage, a bar, trajectory-steps done of the
 * total, elapsed and remaining wall time, and trajectory-steps per second, for example
 *
 * <pre>
 * F = 7.5  45% [=========&gt;            ] 4500/10000 k steps (0:00:12 / 0:00:14) 375.0 k steps/s
 * </pre>
 *
 * <p>Use: {@code Ensemble.builder(problem)...progress(ConsoleProgressListener.create("F = 7.5"),
 * Duration.ofSeconds(1))}. A line is drawn at each progress report (so the progress interval
 * of the ensemble is the refresh interval); the bar closes itself when a report says the run is
 * complete, and {@link #close()} ends it early (cancelled or failed runs; use
 * try-with-resources).
 *
 * <p>On a terminal the bar is redrawn in place (carriage return). When standard error is not a
 * terminal (a log file, CI), a whole line is written at most every {@link #LOG_INTERVAL}, so
 * logs do not fill with redraws. Which of the two {@link #create(String)} uses is set by the
 * system property {@value #MODE_PROPERTY} ({@code terminal}, {@code log} or {@code auto}, the
 * default); see {@link #standardErrorIsTerminal()} for what {@code auto} can detect. Either way
 * the final state is written exactly once and the bar's line is ended when the bar closes, so
 * the program's next output starts on a fresh line.
 *
 * <p>A resumed run shows the progress restored from the checkpoint in the percentage, while the
 * rate and the remaining time count only the work done by this run
 * ({@link Progress#restoredSteps()}).
 *
 * <p>Thread safety: all methods are synchronized; reports may come from any thread.
 */
public final class ConsoleProgressListener implements ProgressListener, AutoCloseable {

    /** Minimum time between two lines when the output is not a terminal (30 s). */
    public static final Duration LOG_INTERVAL = Duration.ofSeconds(30);

    /**
     * System property choosing how {@link #create(String)} writes: {@code terminal} (redraw in
     * place), {@code log} (throttled whole lines) or {@code auto} (the default: terminal if
     * {@link #standardErrorIsTerminal()}).
     */
    public static final String MODE_PROPERTY = "ness4j.progress";

    /** Characters between the brackets of the bar. */
    private static final int BAR_WIDTH = 22;
    /** From this many total steps on, counts are shown in millions rather than thousands. */
    private static final long MILLIONS_FROM = 100_000_000L;

    private final String task;
    private final PrintStream out;
    private final boolean interactive;
    private final long intervalNanos;
    private String latest;
    private String written;
    private long writtenAt;
    private int width;
    private boolean closed;

    private ConsoleProgressListener(String task, PrintStream out, boolean interactive,
                                    long intervalNanos) {
        this.task = task;
        this.out = out;
        this.interactive = interactive;
        this.intervalNanos = intervalNanos;
    }

    /**
     * Creates a bar on standard error, redrawn in place if standard error is a terminal and
     * written as whole lines at most every {@link #LOG_INTERVAL} otherwise; the system property
     * {@value #MODE_PROPERTY} overrides the detection.
     *
     * @param task label shown in front of the bar
     * @return a listener drawing the bar
     * @throws IllegalArgumentException if {@value #MODE_PROPERTY} has a value other than
     *     {@code auto}, {@code terminal} or {@code log}
     */
    public static ConsoleProgressListener create(String task) {
        boolean interactive = interactive(System.getProperty(MODE_PROPERTY),
            ConsoleProgressListener::standardErrorIsTerminal);
        return create(task, System.err, interactive, LOG_INTERVAL);
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
     * @throws IllegalArgumentException if {@code interval} is negative
     */
    public static ConsoleProgressListener create(String task, PrintStream out,
                                                 boolean interactive, Duration interval) {
        Objects.requireNonNull(task, "task");
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(interval, "interval");
        if (interval.isNegative()) {
            throw new IllegalArgumentException("interval must not be negative: " + interval);
        }
        return new ConsoleProgressListener(task, out, interactive, interval.toNanos());
    }

    /**
     * Resolves a value of {@value #MODE_PROPERTY}: {@code terminal} gives {@code true},
     * {@code log} {@code false}, and {@code auto} or {@code null} asks {@code detect}
     * (case-insensitive, surrounding blanks ignored).
     *
     * @param mode the value of {@value #MODE_PROPERTY}, or {@code null}
     * @param detect the detection used for {@code auto}
     * @return whether the bar is redrawn in place
     * @throws IllegalArgumentException for any other mode, naming the property and the value
     */
    public static boolean interactive(String mode, BooleanSupplier detect) {
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
     * output only, so {@code 2> log} typed at a terminal would still look like a terminal. On
     * Linux this method reads the target of {@code /proc/self/fd/2}: a terminal is
     * {@code /dev/pts/N}, {@code /dev/ttyX} or {@code /dev/console}; a file, pipe or socket is
     * not. Elsewhere (macOS, Windows) it falls back to {@link System#console()} (and, on JDK 22
     * and later, {@code Console.isTerminal()}), which misses a redirection of standard error
     * alone: set {@value #MODE_PROPERTY} to {@code log} there.
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
     * Draws the report (in place on a terminal; as a line if the interval has passed since the
     * last one otherwise) and closes the bar if the run is complete. Reports after
     * {@link #close()} are ignored.
     *
     * @param p the current state of the run
     */
    @Override
    public synchronized void onProgress(Progress p) {
        if (closed) {
            return;
        }
        String line = render(task, p);
        if (!line.equals(latest)) {
            latest = line;
            long now = System.nanoTime();
            if (interactive || written == null || now - writtenAt >= intervalNanos) {
                write(line, now);
            }
        }
        if (p.completedSteps() >= p.totalSteps()) {
            close();
        }
    }

    /**
     * Ends the bar (idempotent): writes the latest state unless it is already out, and ends
     * its line.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
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
            // pad to the widest line so far so a shorter line leaves no stale characters
            StringBuilder s = new StringBuilder(line.length() + 1).append('\r').append(line);
            for (int i = line.length(); i < width; i++) {
                s.append(' ');
            }
            out.print(s);
            width = Math.max(width, line.length());
        } else {
            out.println(line);
        }
        out.flush();
        written = line;
        writtenAt = now;
    }

    /**
     * The bar's text for a report (without line end), for example
     * {@code "task  45% [=========>            ] 4500/10000 k steps (0:00:12 / 0:00:14) 375.0 k
     * steps/s"}: counts in thousands of trajectory-steps, or in millions from 10^8 total steps
     * on; the remaining time is {@code ?} and the rate {@code ?} before this run has done any
     * work.
     *
     * @param task the label
     * @param p the report
     * @return the rendered line
     */
    static String render(String task, Progress p) {
        long total = p.totalSteps();
        long done = Math.min(p.completedSteps(), total);
        double fraction = total <= 0 ? 1.0 : (double) done / total;
        int percent = (int) Math.floor(100 * fraction);
        int filled = (int) Math.floor(BAR_WIDTH * fraction);
        StringBuilder bar = new StringBuilder(BAR_WIDTH);
        for (int i = 0; i < BAR_WIDTH; i++) {
            bar.append(i < filled ? '=' : i == filled ? '>' : ' ');
        }
        boolean millions = total >= MILLIONS_FROM;
        long unit = millions ? 1_000_000L : 1_000L;
        String unitName = millions ? " M steps" : " k steps";
        double rate = p.rate();
        String rateText = Double.isFinite(rate) && p.completedSteps() > p.restoredSteps()
            ? String.format(Locale.ROOT, "%.1f%s/s", rate / unit, unitName) : "?" + unitName + "/s";
        Duration remaining = p.remaining();
        return String.format(Locale.ROOT, "%s %3d%% [%s] %d/%d%s (%s / %s) %s", task, percent, bar,
            done / unit, total / unit, unitName, clock(p.elapsed()),
            remaining == null ? "?" : clock(remaining), rateText);
    }

    /** {@code h:mm:ss}. */
    private static String clock(Duration d) {
        long s = Math.max(0, d.getSeconds());
        return String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60);
    }
}
