package org.ness4j.observables;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntToDoubleFunction;
import org.ness4j.core.stat.Estimate;
import org.ness4j.core.table.Table;

/**
 * Collects the estimates of an accumulator's table row by row, one list per quantity, and
 * appends them to a {@link Table.Builder} with {@link Table.Builder#estimatesWithMissing} in the
 * order the quantities were first added. Not thread-safe.
 */
final class EstimateColumns {

    private final Map<String, List<Estimate>> columns = new LinkedHashMap<>();

    /** Appends one estimate to the column of {@code name}. */
    EstimateColumns add(String name, Estimate e) {
        columns.computeIfAbsent(name, k -> new ArrayList<>()).add(e);
        return this;
    }

    /** Appends every quantity as {@code name, name_err} columns. */
    Table.Builder into(Table.Builder b) {
        for (Map.Entry<String, List<Estimate>> e : columns.entrySet()) {
            b.estimatesWithMissing(e.getKey(), e.getValue());
        }
        return b;
    }

    /** One estimate of a site at an index of a uniform grid (a lag, a delay). */
    @FunctionalInterface
    interface SiteIndexEstimate {
        Estimate at(int site, int index);
    }

    /**
     * The long-form table of one quantity on a (site, grid index) grid: columns {@code site},
     * {@code indexName} (0-based), {@code coordinateName} (the grid's coordinate at the index),
     * then {@code name, name_err}; rows site by site, indices ascending.
     */
    static Table siteGrid(String table, int[] sites, int count, String indexName,
                          String coordinateName, IntToDoubleFunction coordinate, String name,
                          SiteIndexEstimate estimate) {
        int rows = sites.length * count;
        int[] site = new int[rows];
        int[] index = new int[rows];
        double[] x = new double[rows];
        EstimateColumns q = new EstimateColumns();
        int r = 0;
        for (int s : sites) {
            for (int k = 0; k < count; k++) {
                site[r] = s;
                index[r] = k;
                x[r] = coordinate.applyAsDouble(k);
                q.add(name, estimate.at(s, k));
                r++;
            }
        }
        return q.into(Table.builder(table).ints("site", site).ints(indexName, index)
            .doubles(coordinateName, x)).build();
    }
}
