package org.ness4j.core.table;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.ness4j.core.stat.Estimate;

/**
 * An immutable table of named, typed {@link Column}s of equal length with the {@link Provenance}
 * of the numbers in it: what ness4j results leave the library as, written by {@link TableCsv},
 * {@link TableNpy} and {@code hdf5.TableHdf5}.
 *
 * <p><b>Long (tidy) form.</b> Library tables are long: one row per observation, one column per
 * variable. Keys (time, site, observable name, a scanned parameter) are columns of their own,
 * and a measured quantity is a value column with its error columns beside it, so a table of
 * \( \langle n_j(t) \rangle \) has columns {@code t, site, n, n_err} with one row per time and
 * site, not one column per site. Long tables have the same columns whatever the chain length or
 * grid, and filter, group and plot directly in pandas, xarray or R. A wide table (one column
 * per site) is for an example that reproduces a figure laid out that way, which then documents
 * its columns.
 *
 * <p><b>Estimates.</b> {@link Builder#estimate(String, double[], double[])} adds the value
 * column {@code name} and its standard-error column {@code name_err}
 * ({@link #ERROR_SUFFIX}); the four-argument form also adds the signed step-size error
 * {@code name_step} ({@link #STEP_SUFFIX}) and the five-argument form its standard error
 * {@code name_step_err} ({@link #STEP_ERROR_SUFFIX}). Every {@code _err} column is the standard
 * error of the column it extends.
 *
 * <p><b>Validation.</b> Building checks that there is at least one column, that names are valid
 * ({@link Column#requireName}) and unique, and that all columns have the same length; every
 * failure is an {@link IllegalArgumentException} naming the table and the column.
 *
 * <p>Immutable and thread-safe.
 */
public final class Table {

    /** Suffix of the standard-error column of an estimate: {@code n} and {@code n_err}. */
    public static final String ERROR_SUFFIX = "_err";

    /**
     * Suffix of the step-size (time-discretization) error column of an estimate: the signed
     * error {@code n_step} (the estimate's expectation at the run's time step minus its limit
     * {@code dt -> 0}; subtract it to correct {@code n}).
     */
    public static final String STEP_SUFFIX = "_step";

    /**
     * Suffix of the standard-error column of a step-size error: {@code n_step_err} is the
     * standard error of {@code n_step}.
     */
    public static final String STEP_ERROR_SUFFIX = STEP_SUFFIX + ERROR_SUFFIX;

    private final String name;
    private final List<Column> columns;
    private final Map<String, Column> byName;
    private final int rows;
    private final Provenance provenance;

    private Table(String name, List<Column> columns, Provenance provenance) {
        this.name = name;
        this.columns = Collections.unmodifiableList(new ArrayList<>(columns));
        Map<String, Column> map = new LinkedHashMap<>();
        for (Column c : columns) {
            map.put(c.name(), c);
        }
        this.byName = Collections.unmodifiableMap(map);
        this.rows = columns.get(0).size();
        this.provenance = provenance;
    }

    /**
     * A builder for a table with the given name. The name becomes the file base name chosen by
     * callers, the HDF5 group name and the sidecar's {@code "table"} key.
     *
     * @param name the table name, as for a column ({@link Column#requireName})
     * @return a new builder
     * @throws IllegalArgumentException if the name is invalid
     */
    public static Builder builder(String name) {
        return new Builder(Column.requireName("table name", name));
    }

    /**
     * A table from metadata and columns read from a file: the columns must match the metadata's
     * names, types, missing-value flags and row count.
     *
     * @param metadata the metadata
     * @param columns the columns in the metadata's order
     * @return the table
     * @throws IllegalArgumentException if they do not match, naming the column
     */
    public static Table of(TableMetadata metadata, List<Column> columns) {
        List<TableMetadata.ColumnSpec> specs = metadata.columns();
        if (specs.size() != columns.size()) {
            throw new IllegalArgumentException("table '" + metadata.table() + "': metadata lists "
                    + specs.size() + " columns, data has " + columns.size());
        }
        Builder b = builder(metadata.table()).provenance(metadata.provenance());
        for (int i = 0; i < specs.size(); i++) {
            TableMetadata.ColumnSpec s = specs.get(i);
            Column c = columns.get(i);
            if (!s.name().equals(c.name()) || s.type() != c.type()
                    || s.allowsMissing() != c.allowsMissing()) {
                throw new IllegalArgumentException("table '" + metadata.table() + "' column " + i
                        + ": metadata says " + s.name() + " (" + s.type().label()
                        + (s.allowsMissing() ? ", missing allowed" : "") + "), data has " + c);
            }
            if (c.size() != metadata.rows()) {
                throw new IllegalArgumentException("table '" + metadata.table() + "' column '"
                        + c.name() + "' has " + c.size() + " rows, metadata says "
                        + metadata.rows());
            }
            b.column(c);
        }
        return b.build();
    }

    /**
     * The table name.
     *
     * @return the name
     */
    public String name() {
        return name;
    }

    /**
     * The number of rows.
     *
     * @return the common length of the columns
     */
    public int rowCount() {
        return rows;
    }

    /**
     * The number of columns.
     *
     * @return at least 1
     */
    public int columnCount() {
        return columns.size();
    }

    /**
     * The columns in order.
     *
     * @return an unmodifiable list
     */
    public List<Column> columns() {
        return columns;
    }

    /**
     * The column names in order.
     *
     * @return the names
     */
    public List<String> columnNames() {
        return List.copyOf(byName.keySet());
    }

    /**
     * Whether a column of that name exists.
     *
     * @param columnName a name
     * @return whether the table has it
     */
    public boolean hasColumn(String columnName) {
        return byName.containsKey(columnName);
    }

    /**
     * The column of that name.
     *
     * @param columnName the name
     * @return the column
     * @throws IllegalArgumentException if there is none, listing the names
     */
    public Column column(String columnName) {
        Column c = byName.get(columnName);
        if (c == null) {
            throw new IllegalArgumentException("table '" + name + "' has no column '"
                    + columnName + "'; columns: " + byName.keySet());
        }
        return c;
    }

    /**
     * Where the numbers came from.
     *
     * @return the provenance
     */
    public Provenance provenance() {
        return provenance;
    }

    /**
     * The metadata of this table (what the sidecar file holds).
     *
     * @return the metadata
     */
    public TableMetadata metadata() {
        return TableMetadata.of(this);
    }

    /**
     * This table with other provenance.
     *
     * @param newProvenance the provenance
     * @return a new table sharing the columns
     */
    public Table withProvenance(Provenance newProvenance) {
        return new Table(name, columns, Objects.requireNonNull(newProvenance, "provenance"));
    }

    /** Equal if name, columns (in order, values bit for bit) and provenance are equal. */
    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Table)) {
            return false;
        }
        Table t = (Table) o;
        return name.equals(t.name) && columns.equals(t.columns)
                && provenance.equals(t.provenance);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, columns, provenance);
    }

    /** For example {@code Table site_moments (12 rows: t, site, n, n_err)}. */
    @Override
    public String toString() {
        return "Table " + name + " (" + rows + " rows: " + String.join(", ", byName.keySet())
                + ")";
    }

    /**
     * Builds a {@link Table} column by column. Not thread-safe.
     */
    public static final class Builder {
        private final String name;
        private final List<Column> columns = new ArrayList<>();
        private Provenance provenance;

        private Builder(String name) {
            this.name = name;
        }

        /**
         * Appends a column.
         *
         * @param column the column
         * @return this builder
         * @throws IllegalArgumentException if a column of that name exists or the length differs
         *     from the first column's
         */
        public Builder column(Column column) {
            Objects.requireNonNull(column, "column");
            for (Column c : columns) {
                if (c.name().equals(column.name())) {
                    throw new IllegalArgumentException("table '" + name + "': column name '"
                            + column.name() + "' appears twice");
                }
            }
            if (!columns.isEmpty() && columns.get(0).size() != column.size()) {
                throw new IllegalArgumentException("table '" + name + "': column '"
                        + column.name() + "' has " + column.size() + " rows, column '"
                        + columns.get(0).name() + "' has " + columns.get(0).size());
            }
            columns.add(column);
            return this;
        }

        /**
         * Appends a column of finite doubles ({@link Column#ofDoubles}).
         *
         * @param columnName the name
         * @param values the values (not modified)
         * @return this builder
         */
        public Builder doubles(String columnName, double... values) {
            return column(Column.ofDoubles(columnName, values));
        }

        /**
         * Appends a column of doubles with NaN as missing ({@link Column#ofDoublesWithMissing}).
         *
         * @param columnName the name
         * @param values the values (not modified)
         * @return this builder
         */
        public Builder doublesWithMissing(String columnName, double... values) {
            return column(Column.ofDoublesWithMissing(columnName, values));
        }

        /**
         * Appends a column of 64-bit integers.
         *
         * @param columnName the name
         * @param values the values (not modified)
         * @return this builder
         */
        public Builder longs(String columnName, long... values) {
            return column(Column.ofLongs(columnName, values));
        }

        /**
         * Appends a column of integers (stored as {@link ColumnType#LONG}).
         *
         * @param columnName the name
         * @param values the values (not modified)
         * @return this builder
         */
        public Builder ints(String columnName, int... values) {
            return column(Column.ofInts(columnName, values));
        }

        /**
         * Appends a column of strings.
         *
         * @param columnName the name
         * @param values the values (not modified)
         * @return this builder
         */
        public Builder strings(String columnName, String... values) {
            return column(Column.ofStrings(columnName, values));
        }

        /**
         * Appends an estimate: the value column {@code name} and the standard-error column
         * {@code name_err}.
         *
         * @param columnName the value column's name
         * @param values the values, finite (not modified)
         * @param errors the standard errors, finite and non-negative, one per value (not
         *     modified)
         * @return this builder
         * @throws IllegalArgumentException if lengths differ or an error is negative or not
         *     finite, naming the column and row
         */
        public Builder estimate(String columnName, double[] values, double[] errors) {
            return estimate(columnName, values, errors, null);
        }

        /**
         * Appends an estimate with its step-size error: columns {@code name},
         * {@code name_err} and {@code name_step}.
         *
         * @param columnName the value column's name
         * @param values the values, finite (not modified)
         * @param errors the standard errors, finite and non-negative (not modified)
         * @param stepErrors the signed step-size errors, finite (not modified); null for none
         * @return this builder
         * @throws IllegalArgumentException if lengths differ, an error is negative or a value
         *     is not finite, naming the column and row
         */
        public Builder estimate(String columnName, double[] values, double[] errors,
                double[] stepErrors) {
            return estimate(columnName, values, errors, stepErrors, null);
        }

        /**
         * Appends an estimate with its step-size error and that error's standard error:
         * columns {@code name}, {@code name_err}, {@code name_step} and {@code name_step_err}.
         *
         * @param columnName the value column's name
         * @param values the values, finite (not modified)
         * @param errors the standard errors, finite and non-negative (not modified)
         * @param stepErrors the signed step-size errors, finite (not modified); null for none
         * @param stepStandardErrors their standard errors, finite and non-negative (not
         *     modified); null for none (then {@code stepErrors} may still be given)
         * @return this builder
         * @throws IllegalArgumentException if lengths differ, an error is negative or a value
         *     is not finite, naming the column and row; or if standard errors of step errors
         *     are given without the step errors
         */
        public Builder estimate(String columnName, double[] values, double[] errors,
                double[] stepErrors, double[] stepStandardErrors) {
            Column.requireName("column name", columnName);
            Column.requireName("column name", columnName + STEP_ERROR_SUFFIX);
            if (stepErrors == null && stepStandardErrors != null) {
                throw new IllegalArgumentException("column '" + columnName + STEP_ERROR_SUFFIX
                        + "' needs the step errors '" + columnName + STEP_SUFFIX + "'");
            }
            Column value = Column.ofDoubles(columnName, values);
            Column error = errors(columnName + ERROR_SUFFIX, errors, values.length);
            Column step = null;
            if (stepErrors != null) {
                Objects.requireNonNull(stepErrors, columnName + STEP_SUFFIX);
                if (stepErrors.length != values.length) {
                    throw new IllegalArgumentException("column '" + columnName + STEP_SUFFIX
                            + "' has " + stepErrors.length + " rows, its value column has "
                            + values.length);
                }
                step = Column.ofDoubles(columnName + STEP_SUFFIX, stepErrors);
            }
            Column stepError = stepStandardErrors == null ? null
                    : errors(columnName + STEP_ERROR_SUFFIX, stepStandardErrors, values.length);
            column(value);
            column(error);
            if (step != null) {
                column(step);
            }
            if (stepError != null) {
                column(stepError);
            }
            return this;
        }

        /**
         * Appends estimates as the columns {@code name} and {@code name_err}.
         *
         * @param columnName the value column's name
         * @param estimates the estimates, with finite values and errors
         * @return this builder
         * @throws IllegalArgumentException if a value or error is not finite or an error is
         *     negative
         */
        public Builder estimates(String columnName, List<Estimate> estimates) {
            double[] v = new double[estimates.size()];
            double[] e = new double[estimates.size()];
            for (int i = 0; i < v.length; i++) {
                v[i] = estimates.get(i).value();
                e[i] = estimates.get(i).standardError();
            }
            return estimate(columnName, v, e);
        }

        private static Column errors(String columnName, double[] errors, int length) {
            Objects.requireNonNull(errors, columnName);
            if (errors.length != length) {
                throw new IllegalArgumentException("column '" + columnName + "' has "
                        + errors.length + " rows, its value column has " + length);
            }
            for (int i = 0; i < errors.length; i++) {
                if (!(errors[i] >= 0) || Double.isInfinite(errors[i])) {
                    throw new IllegalArgumentException("column '" + columnName + "' row " + i
                            + ": error must be finite and >= 0: " + errors[i]);
                }
            }
            return Column.ofDoubles(columnName, errors);
        }

        /**
         * Appends estimates whose values or errors may be undefined, as columns that allow
         * missing values ({@link Column#ofDoublesWithMissing}, written as empty CSV fields): the
         * value column {@code name} (missing where the estimate is not finite, i.e. undefined:
         * NaN, or an infinite ratio with a zero denominator; a table cannot hold infinities) and
         * the standard-error column {@code name_err} (missing where the error is not finite,
         * e.g. NaN with fewer than two trajectory groups). If any estimate carries a step
         * error ({@link Estimate#hasStepError()}), two more columns follow: {@code name_step},
         * the signed step-size error (the estimate's expectation at the run's time step minus its
         * limit {@code dt -> 0}; subtract it to correct the value), and {@code name_step_err},
         * its standard error; both are missing for estimates without one. This is the form
         * every library accumulator's table uses, so that the columns (names, types and
         * missing-value flags) do not depend on the data.
         *
         * @param columnName the value column's name
         * @param estimates the estimates (not modified)
         * @return this builder
         * @throws IllegalArgumentException if an error is negative, naming the column and row
         */
        public Builder estimatesWithMissing(String columnName, List<Estimate> estimates) {
            Column.requireName("column name", columnName + STEP_ERROR_SUFFIX);
            int n = estimates.size();
            double[] v = new double[n];
            double[] e = new double[n];
            double[] s = new double[n];
            double[] se = new double[n];
            boolean anyStep = false;
            for (int i = 0; i < n; i++) {
                Estimate x = Objects.requireNonNull(estimates.get(i), "estimate");
                v[i] = finiteOrMissing(x.value());
                e[i] = finiteOrMissing(x.standardError());
                if (e[i] < 0) {
                    throw new IllegalArgumentException("column '" + columnName + ERROR_SUFFIX
                            + "' row " + i + ": error must be >= 0: " + e[i]);
                }
                s[i] = finiteOrMissing(x.stepError().value());
                se[i] = finiteOrMissing(x.stepError().standardError());
                anyStep |= x.hasStepError();
            }
            column(Column.ofDoublesWithMissing(columnName, v));
            column(Column.ofDoublesWithMissing(columnName + ERROR_SUFFIX, e));
            if (anyStep) {
                column(Column.ofDoublesWithMissing(columnName + STEP_SUFFIX, s));
                column(Column.ofDoublesWithMissing(columnName + STEP_ERROR_SUFFIX, se));
            }
            return this;
        }

        private static double finiteOrMissing(double v) {
            return Double.isFinite(v) ? v : Double.NaN;
        }

        /**
         * Sets the provenance (default: {@link Provenance#minimal()}).
         *
         * @param p the provenance
         * @return this builder
         */
        public Builder provenance(Provenance p) {
            this.provenance = Objects.requireNonNull(p, "provenance");
            return this;
        }

        /**
         * The table.
         *
         * @return the immutable table
         * @throws IllegalArgumentException if there are no columns
         */
        public Table build() {
            if (columns.isEmpty()) {
                throw new IllegalArgumentException("table '" + name + "' needs at least one column");
            }
            return new Table(name, columns,
                    provenance == null ? Provenance.minimal() : provenance);
        }
    }
}
