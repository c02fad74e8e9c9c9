package org.ness4j.core.exec;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import org.ness4j.core.Checks;

/**
 * The shared local thread runner of plans that cut their range into smaller ranges
 * ({@code QuantumTrajectories}): runs the ranges on a fixed pool of daemon threads and returns
 * their results in range order, whatever order they finished in.
 *
 * <p>Thread safety: stateless; each call uses its own pool.
 */
public final class LocalThreads {

    private LocalThreads() {
    }

    /**
     * Computes {@code task} for every range on {@code threads} threads.
     *
     * @param ranges the ranges
     * @param threads threads, at least 1 (at most one per range is started)
     * @param name thread name
     * @param task the work of one range (called concurrently)
     * @param <P> result type
     * @return the results, in the order of {@code ranges}
     * @throws IllegalStateException if a task fails (its cause attached) or the wait is
     *     interrupted
     */
    public static <P> List<P> map(List<TrajectoryRange> ranges, int threads, String name,
                                  Function<TrajectoryRange, P> task) {
        Checks.atLeast("threads", threads, 1);
        int workers = Math.max(1, Math.min(threads, ranges.size()));
        if (workers == 1) {
            List<P> out = new ArrayList<>();
            for (TrajectoryRange r : ranges) {
                out.add(task.apply(r));
            }
            return out;
        }
        ExecutorService pool = Executors.newFixedThreadPool(workers, r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<P>> futures = new ArrayList<>();
            for (TrajectoryRange r : ranges) {
                futures.add(pool.submit(() -> task.apply(r)));
            }
            List<P> out = new ArrayList<>();
            for (Future<P> f : futures) {
                out.add(f.get());
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(name + " run interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(name + " worker failed: " + e.getCause(),
                e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }
}
