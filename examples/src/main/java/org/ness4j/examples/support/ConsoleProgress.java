package org.ness4j.examples.support;

import java.io.PrintStream;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.ness4j.sde.ensemble.ConsoleProgressListener;
import org.ness4j.sde.ensemble.Progress;
import org.ness4j.sde.ensemble.ProgressListener;

/**
 * The examples' console progress bar: the library's {@link ConsoleProgressListener} (which
 * renders and writes the bar itself), under the name the examples have always used. Pass it to
 * {@code Ensemble.Builder.progress}; it closes itself when the run reports completion, and
 * {@link #close()} ends it early (cancelled or failed runs).
 *
 * <p>On a terminal the bar is redrawn in place; when standard error is not a terminal, a line
 * is written at most every {@link #LOG_INTERVAL}. The system property {@value #MODE_PROPERTY}
 * ({@code terminal}, {@code log} or {@code auto}) overrides the detection of {@link #bar(String)};
 * the examples' {@code --progress} option passes its mode to the bar instead
 * ({@link Cli#progressBar(String)}), without setting the property.
 */
public final class ConsoleProgress implements ProgressListener, AutoCloseable {

    /** Minimum time between two lines when the output is not a terminal. */
    public static final Duration LOG_INTERVAL = ConsoleProgressListener.LOG_INTERVAL;

    /** System property choosing how {@link #bar(String)} writes (see the library class). */
    public static final String MODE_PROPERTY = ConsoleProgressListener.MODE_PROPERTY;

    private final ConsoleProgressListener delegate;

    private ConsoleProgress(ConsoleProgressListener delegate) {
        this.delegate = delegate;
    }

    /**
     * A bar on standard error ({@link ConsoleProgressListener#create(String)}).
     *
     * @param task label shown in front of the bar
     * @return a listener drawing the bar
     * @throws IllegalArgumentException if {@value #MODE_PROPERTY} has a value other than
     *     {@code auto}, {@code terminal} or {@code log}
     */
    public static ConsoleProgress bar(String task) {
        return new ConsoleProgress(ConsoleProgressListener.create(task));
    }

    /**
     * A bar on the given stream
     * ({@link ConsoleProgressListener#create(String, PrintStream, boolean, Duration)}).
     *
     * @param task label shown in front of the bar
     * @param out where the bar is written
     * @param interactive {@code true} to redraw one line in place, {@code false} to write whole
     *     lines at most every {@code interval}
     * @param interval minimum time between lines when not interactive
     * @return a listener drawing the bar
     */
    public static ConsoleProgress bar(String task, PrintStream out, boolean interactive,
                                      Duration interval) {
        return new ConsoleProgress(ConsoleProgressListener.create(task, out, interactive,
            interval));
    }

    /**
     * Resolves a mode ({@link ConsoleProgressListener#interactive(String, BooleanSupplier)}).
     *
     * @param mode the value of {@value #MODE_PROPERTY}, or {@code null}
     * @param detect the detection used for {@code auto}
     * @return whether the bar is redrawn in place
     */
    static boolean interactive(String mode, BooleanSupplier detect) {
        return ConsoleProgressListener.interactive(mode, detect);
    }

    /**
     * Whether standard error is a terminal ({@link ConsoleProgressListener#standardErrorIsTerminal()}).
     *
     * @return {@code true} if standard error is (probably) a terminal
     */
    public static boolean standardErrorIsTerminal() {
        return ConsoleProgressListener.standardErrorIsTerminal();
    }

    @Override
    public void onProgress(Progress p) {
        delegate.onProgress(p);
    }

    /** Ends the bar (idempotent): draws its final state once and ends its line. */
    @Override
    public void close() {
        delegate.close();
    }
}
