package org.ness4j.core.table.hdf5;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.ness4j.core.table.Table;

/**
 * Writes {@link Table}s to an HDF5 file and reads them back, through jhdf (a pure-Java HDF5
 * library, {@code io.jhdf:jhdf}, an <b>optional</b> dependency of ness4j-core: add it to your
 * project to use this class; without it every method throws {@link IllegalStateException} saying
 * so).
 *
 * <p>Layout: one group per table, named as the table, holding one one-dimensional dataset per
 * column, named as the column: 64-bit little-endian floats for doubles, 64-bit little-endian
 * integers for longs, fixed-length UTF-8 strings for strings (h5py returns them as bytes;
 * {@code dataset.asstr()[()]} decodes them). jhdf 0.13.0 writes no compound datasets, hence one
 * dataset per column. Attributes of the group:
 * <ul>
 *   <li>{@code ness4j_metadata}: the table's JSON metadata ({@code TableMetadata.toJson()}, the
 *       same text as the CSV sidecar), which the reader uses;</li>
 *   <li>{@code columns}: the column names in order (HDF5 tools list datasets by name);</li>
 *   <li>{@code rows}; {@code library_version}, {@code java_version}, and when known
 *       {@code master_seed}, {@code dt}, {@code steps}, {@code algorithm}, {@code trajectories},
 *       {@code groups}, {@code start}, {@code end} (ISO-8601), {@code command_line} (strings),
 *       {@code parameters} (a JSON object).</li>
 * </ul>
 * The root group's attribute {@code ness4j_tables} lists the tables in the order written.
 *
 * <p>Limits of jhdf 0.13.0: the whole file is written at once, when it is closed; empty datasets
 * cannot be written, so a table without rows is refused with {@link IllegalArgumentException}
 * (CSV and {@code .npy} hold such tables).
 *
 * <p>Stateless and thread-safe (each call opens its own file).
 */
public final class TableHdf5 {

    private TableHdf5() {
    }

    /**
     * Whether jhdf is on the class path.
     *
     * @return whether this class can read and write
     */
    public static boolean isAvailable() {
        try {
            Class.forName("io.jhdf.HdfFile", false, TableHdf5.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    private static void requireJhdf() {
        if (!isAvailable()) {
            throw new IllegalStateException("HDF5 tables need io.jhdf:jhdf (0.13.0) on the class"
                    + " path; it is an optional dependency of ness4j-core: add <dependency>"
                    + "<groupId>io.jhdf</groupId><artifactId>jhdf</artifactId>"
                    + "<version>0.13.0</version></dependency> to your project, or write CSV or"
                    + " .npy instead");
        }
    }

    /**
     * Writes tables to a new HDF5 file (an existing file is replaced), one group per table.
     *
     * @param file the path, conventionally ending in {@code .h5}
     * @param tables at least one table, with distinct names and at least one row each
     * @throws IOException if writing fails
     * @throws IllegalArgumentException if there is no table, a name repeats or a table has no
     *     rows
     * @throws IllegalStateException if jhdf is not on the class path
     */
    public static void write(Path file, List<Table> tables) throws IOException {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(tables, "tables");
        if (tables.isEmpty()) {
            throw new IllegalArgumentException("tables must not be empty");
        }
        java.util.Set<String> names = new java.util.HashSet<>();
        for (Table t : tables) {
            if (!names.add(t.name())) {
                throw new IllegalArgumentException(
                        "table name '" + t.name() + "' appears twice; HDF5 groups need distinct names");
            }
            if (t.rowCount() == 0) {
                throw new IllegalArgumentException("table '" + t.name() + "' has no rows;"
                        + " jhdf 0.13.0 cannot write empty datasets (write CSV or .npy instead)");
            }
        }
        requireJhdf();
        JhdfTables.write(file, tables);
    }

    /**
     * Writes tables to a new HDF5 file; see {@link #write(Path, List)}.
     *
     * @param file the path
     * @param tables at least one table
     * @throws IOException if writing fails
     */
    public static void write(Path file, Table... tables) throws IOException {
        write(file, List.of(tables));
    }

    /**
     * Reads one table written by {@link #write(Path, List)}.
     *
     * @param file the HDF5 file
     * @param table the table (group) name
     * @return the table, equal to the one written
     * @throws IOException if reading fails
     * @throws IllegalArgumentException if the group is missing or does not hold a ness4j table,
     *     naming what is wrong
     * @throws IllegalStateException if jhdf is not on the class path
     */
    public static Table read(Path file, String table) throws IOException {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(table, "table");
        requireJhdf();
        return JhdfTables.read(file, table);
    }

    /**
     * Reads all tables of a file written by {@link #write(Path, List)}, in the order written.
     *
     * @param file the HDF5 file
     * @return the tables
     * @throws IOException if reading fails
     * @throws IllegalArgumentException if the file holds no ness4j table list
     * @throws IllegalStateException if jhdf is not on the class path
     */
    public static List<Table> readAll(Path file) throws IOException {
        Objects.requireNonNull(file, "file");
        requireJhdf();
        return JhdfTables.readAll(file);
    }
}
