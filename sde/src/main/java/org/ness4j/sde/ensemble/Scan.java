package org.ness4j.sde.ensemble;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.Function;
import org.ness4j.core.Checks;
import org.ness4j.core.table.Column;
import org.ness4j.core.table.ColumnType;
import org.ness4j.core.table.Provenance;
import org.ness4j.core.table.Table;

/**
 * Runs a task for every point of a parameter grid (e.g. drive F x chain length L) on a pool of
 * threads, with one combined progress report, and returns the results in point order.
 *
 * <p>Each task typically builds and runs an {@link Ensemble} with {@code threads(1)} and a seed
 * of its own (for example {@code masterSeed + index}); since every point is then computed by one
 * thread from its own seed, results do not depend on the scan's thread count.
 *
 * <p><b>Distributed scans.</b> To run a scan on an executor (for example Spark, where every
 * (point, range of trajectories) pair becomes a task), give its points as plan sources to
 * {@link EnsemblePlan#executeAll}: {@code points.stream().map(p -> (PlanSource<...>) () ->
 * EnsemblePlan.of(ensemble(p), observer(p))).toList()}; the results equal those of running each
 * point's ensemble here, bit for bit, and {@link #table} joins them as usual.
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

    /**
     * One tidy table for a whole scan: the grid parameters of each point as key columns,
     * followed by the columns of that point's table, one block of rows per point in point
     * order. For example, points {@code (F, L)} with {@code keys = p -> Map.of("F", p.f(),
     * "L", p.l())} (use an ordered map such as {@code LinkedHashMap} for more than one key, the
     * columns keep its order) and per-point {@code site_moments} tables give the columns
     * {@code F, L, site, field_re, ...}.
     *
     * <p>Key values: {@code Integer} and {@code Long} become long columns, {@code Double} and
     * {@code Float} double columns (finite), {@code String} string columns; every point must
     * give the same key names in the same order with the same types, and no key may have the
     * name of a table column. The point tables must have the same column names, types and
     * missing-value flags (the same accumulator configuration); their row counts may differ.
     *
     * <p>Provenance of the scan: the library and Java versions, and every other field on which
     * all points' provenances agree (dt, steps, algorithm, trajectories, groups, master seed,
     * each parameter); the start is the earliest start and the end the latest end if every
     * point has them; the parameter {@code points} holds the number of points. Master seeds
     * that differ between points (the usual {@code masterSeed + index}) are kept in the data:
     * the table then has a long column {@code master_seed} right after the keys. Fields that
     * differ between points otherwise (e.g. the {@code problem} text, whose drive differs) are
     * left out; the keys hold what was scanned.
     *
     * @param name the table name
     * @param points the grid points, at least one
     * @param keys the key columns of a point, by name
     * @param tables the points' tables, one per point in the same order (e.g.
     *     {@code results.stream().map(EnsembleResult::table).toList()})
     * @param <P> point type
     * @return the table
     * @throws IllegalArgumentException if the lists are empty or of different sizes, or keys
     *     or tables do not match between points, naming the point
     */
    public static <P> Table table(String name, List<P> points,
                                  Function<? super P, ? extends Map<String, ?>> keys,
                                  List<Table> tables) {
        Objects.requireNonNull(points, "points");
        Objects.requireNonNull(keys, "keys");
        Objects.requireNonNull(tables, "tables");
        if (points.isEmpty() || points.size() != tables.size()) {
            throw new IllegalArgumentException("points and tables must be non-empty lists of "
                + "equal size: " + points.size() + " points, " + tables.size() + " tables");
        }
        Column.requireName("table name", name);
        Table first = tables.get(0);
        List<Map<String, ?>> keyMaps = new ArrayList<>();
        for (int p = 0; p < points.size(); p++) {
            Map<String, ?> k = Objects.requireNonNull(keys.apply(points.get(p)),
                "keys of point " + p);
            keyMaps.add(k);
            if (!new ArrayList<>(k.keySet()).equals(new ArrayList<>(keyMaps.get(0).keySet()))) {
                throw new IllegalArgumentException("point " + p + " has keys " + k.keySet()
                    + ", point 0 has " + keyMaps.get(0).keySet());
            }
            Table t = Objects.requireNonNull(tables.get(p), "table of point " + p);
            if (!t.metadata().columns().equals(first.metadata().columns())) {
                throw new IllegalArgumentException("the table of point " + p + " has columns "
                    + t.columns() + ", point 0 has " + first.columns());
            }
        }
        int rows = 0;
        for (Table t : tables) {
            rows = Math.addExact(rows, t.rowCount());
        }
        Table.Builder b = Table.builder(name);
        for (String key : keyMaps.get(0).keySet()) {
            if (first.hasColumn(key)) {
                throw new IllegalArgumentException("key '" + key + "' is also a column of the "
                    + "point tables");
            }
            b.column(keyColumn(key, keyMaps, tables, rows));
        }
        boolean sameSeed = true;
        for (Table t : tables) {
            sameSeed &= t.provenance().masterSeed().equals(first.provenance().masterSeed());
        }
        if (!sameSeed) {
            long[] seeds = new long[rows];
            int r = 0;
            for (int p = 0; p < tables.size(); p++) {
                java.util.OptionalLong seed = tables.get(p).provenance().masterSeed();
                if (seed.isEmpty()) {
                    throw new IllegalArgumentException("point " + p + " has no master seed but"
                        + " others have different ones");
                }
                for (int i = 0; i < tables.get(p).rowCount(); i++) {
                    seeds[r++] = seed.getAsLong();
                }
            }
            b.longs("master_seed", seeds);
        }
        for (Column c : first.columns()) {
            List<Column> parts = new ArrayList<>();
            for (Table t : tables) {
                parts.add(t.column(c.name()));
            }
            b.column(concatenate(c, parts, rows));
        }
        return b.provenance(scanProvenance(tables)).build();
    }

    private static Column keyColumn(String key, List<Map<String, ?>> keyMaps, List<Table> tables,
                                    int rows) {
        Object v0 = keyMaps.get(0).get(key);
        ColumnType type = keyType(key, 0, v0);
        double[] d = new double[rows];
        long[] l = new long[rows];
        String[] s = new String[rows];
        int r = 0;
        for (int p = 0; p < keyMaps.size(); p++) {
            Object v = keyMaps.get(p).get(key);
            if (keyType(key, p, v) != type) {
                throw new IllegalArgumentException("key '" + key + "' of point " + p + " is a "
                    + keyType(key, p, v).label() + ", of point 0 a " + type.label());
            }
            for (int i = 0; i < tables.get(p).rowCount(); i++, r++) {
                if (type == ColumnType.DOUBLE) {
                    d[r] = ((Number) v).doubleValue();
                } else if (type == ColumnType.LONG) {
                    l[r] = ((Number) v).longValue();
                } else {
                    s[r] = (String) v;
                }
            }
        }
        return type == ColumnType.DOUBLE ? Column.ofDoubles(key, d)
            : type == ColumnType.LONG ? Column.ofLongs(key, l) : Column.ofStrings(key, s);
    }

    private static ColumnType keyType(String key, int point, Object v) {
        if (v instanceof Integer || v instanceof Long) {
            return ColumnType.LONG;
        }
        if (v instanceof Double || v instanceof Float) {
            return ColumnType.DOUBLE;
        }
        if (v instanceof String) {
            return ColumnType.STRING;
        }
        throw new IllegalArgumentException("key '" + key + "' of point " + point + " must be an"
            + " Integer, Long, Double, Float or String: " + v);
    }

    private static Column concatenate(Column like, List<Column> parts, int rows) {
        int r = 0;
        switch (like.type()) {
            case DOUBLE: {
                double[] v = new double[rows];
                for (Column c : parts) {
                    System.arraycopy(c.doubles(), 0, v, r, c.size());
                    r += c.size();
                }
                return like.allowsMissing() ? Column.ofDoublesWithMissing(like.name(), v)
                    : Column.ofDoubles(like.name(), v);
            }
            case LONG: {
                long[] v = new long[rows];
                for (Column c : parts) {
                    System.arraycopy(c.longs(), 0, v, r, c.size());
                    r += c.size();
                }
                return Column.ofLongs(like.name(), v);
            }
            default: {
                String[] v = new String[rows];
                for (Column c : parts) {
                    System.arraycopy(c.strings(), 0, v, r, c.size());
                    r += c.size();
                }
                return Column.ofStrings(like.name(), v);
            }
        }
    }

    /** The provenance of a scan from its points' (see {@link #table}). */
    static Provenance scanProvenance(List<Table> tables) {
        Provenance p0 = tables.get(0).provenance();
        Provenance.Builder b = Provenance.builder().libraryVersion(p0.libraryVersion())
            .javaVersion(p0.javaVersion());
        boolean seed = true;
        boolean dt = true;
        boolean steps = true;
        boolean algorithm = true;
        boolean trajectories = true;
        boolean groups = true;
        boolean interval = true;
        Instant start = null;
        Instant end = null;
        Map<String, Object> parameters = new LinkedHashMap<>(p0.parameters());
        for (Table t : tables) {
            Provenance p = t.provenance();
            seed &= p.masterSeed().equals(p0.masterSeed());
            dt &= p.dt().equals(p0.dt());
            steps &= p.steps().equals(p0.steps());
            algorithm &= p.algorithm().equals(p0.algorithm());
            trajectories &= p.trajectories().equals(p0.trajectories());
            groups &= p.groups().equals(p0.groups());
            parameters.entrySet()
                .removeIf(e -> !e.getValue().equals(p.parameters().get(e.getKey())));
            if (p.start().isPresent() && p.end().isPresent()) {
                start = start == null || p.start().get().isBefore(start) ? p.start().get() : start;
                end = end == null || p.end().get().isAfter(end) ? p.end().get() : end;
            } else {
                interval = false;
            }
        }
        if (seed && p0.masterSeed().isPresent()) {
            b.masterSeed(p0.masterSeed().getAsLong());
        }
        if (dt && p0.dt().isPresent()) {
            b.dt(p0.dt().getAsDouble());
        }
        if (steps && p0.steps().isPresent()) {
            b.steps(p0.steps().getAsLong());
        }
        if (algorithm && p0.algorithm().isPresent()) {
            b.algorithm(p0.algorithm().get());
        }
        if (trajectories && p0.trajectories().isPresent()) {
            b.trajectories(p0.trajectories().getAsLong());
        }
        if (groups && p0.groups().isPresent()) {
            b.groups(p0.groups().getAsInt());
        }
        b.parameters(parameters).parameter("points", (long) tables.size());
        if (interval) {
            b.interval(start, end);
        }
        return b.build();
    }
}
