package org.ness4j.sde.ensemble;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLongArray;
import org.ness4j.core.Checks;

/**
 * Runs a task for every point of a parameter grid (e.g. drive F x chain length L) on a pool of
 * threads, with one combined progress report, and returns the results in point order.
 *
 * <p>Each task typically builds and runs an {@link Ensemble} with {@code threads(1)} and a seed
 * of its own (for example {@code masterSeed + index}); since every point is then computed by one
 * thread from its own seed, results do not depend on the scan's thread count.
 *
 * <p>Thread safety: stateless; {@link #run} may be called concurrently.
 */
public final class Scan {

    private Scan() {
    }

    /**
     * The work for one grid point.
     *
     * @param <P> point type
     * @param <R> result type
     */
    @FunctionalInterface
    public interface Task<P, R> {
        /**
         * @param point the grid point
         * @param index its index in the point list
         * @param progress receives this point's progress (pass it to the point's ensemble)
         * @return the point's result
         */
        R run(P point, int index, ProgressListener progress);
    }

    /**
     * Runs the scan.
     *
     * @param points grid points (not modified)
     * @param task work per point
     * @param threads points run at the same time, at least 1
     * @param progress combined progress (completed = sum of point fractions), or {@code null}
     * @param interval time between progress reports, positive
     * @param <P> point type
     * @param <R> result type
     * @return results in point order
     * @throws IllegalStateException if a task fails (its cause attached)
     */
    public static <P, R> List<R> run(List<P> points, Task<P, R> task, int threads,
                                     ProgressListener progress, Duration interval) {
        Objects.requireNonNull(points, "points");
        Objects.requireNonNull(task, "task");
        Checks.atLeast("threads", threads, 1);
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("interval must be positive: " + interval);
        }
        int n = points.size();
        // per point, progress in millionths
        AtomicLongArray done = new AtomicLongArray(n);
        long start = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "ness4j-scan");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<R>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                final int index = i;
                futures.add(pool.submit(() -> {
                    R r = task.run(points.get(index), index,
                        p -> done.set(index, Math.round(1e6 * p.fraction())));
                    done.set(index, 1_000_000L);
                    return r;
                }));
            }
            List<R> results = new ArrayList<>();
            for (Future<R> f : futures) {
                while (true) {
                    try {
                        results.add(f.get(Math.max(1, interval.toMillis()),
                            TimeUnit.MILLISECONDS));
                        break;
                    } catch (TimeoutException e) {
                        report(progress, done, n, start);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException("interrupted", e);
                    } catch (ExecutionException e) {
                        throw new IllegalStateException("scan point failed: " + e.getCause(),
                            e.getCause());
                    }
                }
            }
            report(progress, done, n, start);
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    private static void report(ProgressListener progress, AtomicLongArray done, int n,
                               long start) {
        if (progress == null) {
            return;
        }
        long sum = 0;
        long finished = 0;
        for (int i = 0; i < n; i++) {
            long d = done.get(i);
            sum += d;
            if (d == 1_000_000L) {
                finished++;
            }
        }
        progress.onProgress(new Progress(sum, 1_000_000L * n, finished, n,
            Duration.ofNanos(System.nanoTime() - start)));
    }
}
