package org.ness4j.sde.ensemble;

import java.time.Duration;

/**
 * Run in a child JVM by {@link ConsoleProgressListenerTest}: draws
 * {@link ConsoleProgressListener#create(String)}
 * (standard error, mode from the system property) through a short run, so that the parent can
 * look at what reached standard error. Prints whether the JVM had a console on standard output.
 */
final class ConsoleProgressProbe {

    private ConsoleProgressProbe() {
    }

    public static void main(String[] args) {
        System.out.println("console=" + (System.console() != null));
        long total = 1_000_000;
        try (ConsoleProgressListener bar = ConsoleProgressListener.create("probe")) {
            bar.onProgress(new Progress(0, total, 0, 10, Duration.ZERO));
            bar.onProgress(new Progress(total / 2, total, 0, 10, Duration.ofSeconds(1)));
            bar.onProgress(new Progress(total, total, 0, 10, Duration.ofSeconds(2)));
        }
    }
}
