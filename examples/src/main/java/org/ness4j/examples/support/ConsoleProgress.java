package org.ness4j.examples.support;

import java.time.Duration;
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
 * <p>A resumed run starts the bar at the restored progress, so the rate and ETA count only the
 * work done now.
 */
public final class ConsoleProgress implements ProgressListener, AutoCloseable {

    private final String task;
    private ProgressBar bar;
    private boolean closed;

    private ConsoleProgress(String task) {
        this.task = task;
    }

    /**
     * Creates a bar.
     *
     * @param task label shown in front of the bar
     * @return a listener drawing the bar
     */
    public static ConsoleProgress bar(String task) {
        return new ConsoleProgress(task);
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
                .setUnit(large ? " M steps" : " k steps", large ? 1_000_000 : 1_000).showSpeed()
                .setUpdateIntervalMillis(500).startsFrom(p.completedSteps(), Duration.ZERO)
                .build();
        }
        bar.stepTo(p.completedSteps());
        if (p.completedSteps() >= p.totalSteps()) {
            close();
        }
    }

    /** Ends the bar (idempotent). */
    @Override
    public synchronized void close() {
        if (!closed && bar != null) {
            bar.close();
        }
        closed = true;
    }
}
