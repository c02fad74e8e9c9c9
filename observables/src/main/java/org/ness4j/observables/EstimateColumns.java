package org.ness4j.observables;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
}
