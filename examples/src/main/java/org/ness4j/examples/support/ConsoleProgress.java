package org.ness4j.examples.support;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Objects;
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
 * redraws. Either way the final state is written exactly once and the bar's line is ended when
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

    private final String task;
    private final LineWriter writer;
    private ProgressBar bar;
    private boolean closed;

    private ConsoleProgress(String task, LineWriter writer) {
        this.task = task;
        this.writer = writer;
    }

    /**
     * Creates a bar on standard error, redrawn in place if the JVM has a console and written
     * as throttled lines otherwise.
     *
     * @param task label shown in front of the bar
     * @return a listener drawing the bar
     */
    public static ConsoleProgress bar(String task) {
        return bar(task, System.err, System.console() != null, LOG_INTERVAL);
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
