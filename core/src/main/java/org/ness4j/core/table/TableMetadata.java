package org.ness4j.core.table;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything about a {@link Table} except its values: name, row count, column names and types,
 * and {@link Provenance}. This is the JSON sidecar written next to a CSV or {@code .npy} file
 * ({@code <base>.json}) and the {@code ness4j_metadata} attribute of an HDF5 table group; readers
 * take the column types from it, since a CSV header has names only.
 *
 * <p>JSON layout (keys in this order):
 * <pre>{@code
 * {
 *   "format": "ness4j-table",
 *   "formatVersion": 1,
 *   "table": "site_moments",
 *   "rows": 12,
 *   "columns": [
 *     {"name": "site", "type": "long", "missing": false},
 *     ...
 *   ],
 *   "provenance": { ... see Provenance.toJson() ... }
 * }
 * }</pre>
 *
 * @param table the table name
 * @param rows the number of rows, at least 0
 * @param columns the column descriptions, in table order, at least one, with unique names
 * @param provenance where the table came from
 */
public record TableMetadata(String table, int rows, List<ColumnSpec> columns,
        Provenance provenance) {

    /** The value of the {@code "format"} key. */
    public static final String FORMAT = "ness4j-table";

    /** The value of the {@code "formatVersion"} key written by this version. */
    public static final int FORMAT_VERSION = 1;

    /**
     * The name, type and missing-value flag of one column.
     *
     * @param name the column name
     * @param type the value type
     * @param allowsMissing whether NaN marks missing values (doubles only)
     */
    public record ColumnSpec(String name, ColumnType type, boolean allowsMissing) {
        /**
         * Checks the name and that only double columns allow missing values.
         *
         * @param name the column name
         * @param type the value type
         * @param allowsMissing whether NaN marks missing values
         * @throws IllegalArgumentException if not
         */
        public ColumnSpec {
            Column.requireName("column name", name);
            Objects.requireNonNull(type, "type");
            if (allowsMissing && type != ColumnType.DOUBLE) {
                throw new IllegalArgumentException("column '" + name
                        + "': only double columns may allow missing values, not " + type.label());
            }
        }
    }

    /**
     * Checks the fields.
     *
     * @param table the table name
     * @param rows the number of rows
     * @param columns the column descriptions (copied)
     * @param provenance where the table came from
     * @throws IllegalArgumentException if the name is invalid, rows negative, no columns or a
     *     repeated column name
     */
    public TableMetadata {
        Column.requireName("table name", table);
        if (rows < 0) {
            throw new IllegalArgumentException("rows must be >= 0: " + rows);
        }
        columns = List.copyOf(columns);
        if (columns.isEmpty()) {
            throw new IllegalArgumentException("table '" + table + "' needs at least one column");
        }
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (ColumnSpec c : columns) {
            if (!seen.add(c.name())) {
                throw new IllegalArgumentException(
                        "table '" + table + "': column name '" + c.name() + "' appears twice");
            }
        }
        Objects.requireNonNull(provenance, "provenance");
    }

    /**
     * The metadata of a table.
     *
     * @param table the table
     * @return its metadata
     */
    public static TableMetadata of(Table table) {
        List<ColumnSpec> specs = new ArrayList<>();
        for (Column c : table.columns()) {
            specs.add(new ColumnSpec(c.name(), c.type(), c.allowsMissing()));
        }
        return new TableMetadata(table.name(), table.rowCount(), specs, table.provenance());
    }

    /**
     * The column names in order.
     *
     * @return the names
     */
    public List<String> columnNames() {
        List<String> names = new ArrayList<>();
        for (ColumnSpec c : columns) {
            names.add(c.name());
        }
        return names;
    }

    /**
     * The JSON text (see the class comment), ending with a newline. The same metadata gives the
     * same text on every machine.
     *
     * @return the JSON text
     */
    public String toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("format", FORMAT);
        m.put("formatVersion", FORMAT_VERSION);
        m.put("table", table);
        m.put("rows", rows);
        List<Object> cols = new ArrayList<>();
        for (ColumnSpec c : columns) {
            Map<String, Object> cm = new LinkedHashMap<>();
            cm.put("name", c.name());
            cm.put("type", c.type().label());
            cm.put("missing", c.allowsMissing());
            cols.add(cm);
        }
        m.put("columns", cols);
        m.put("provenance", provenance.toMap());
        return Json.write(m);
    }

    /**
     * Reads metadata written by {@link #toJson()}.
     *
     * @param json the JSON text
     * @return the metadata
     * @throws IllegalArgumentException if the text is not ness4j table metadata of a known
     *     format version, naming what is wrong
     */
    public static TableMetadata fromJson(String json) {
        Object v = Json.parse(Objects.requireNonNull(json, "json"));
        if (!(v instanceof Map)) {
            throw new IllegalArgumentException("table metadata must be a JSON object");
        }
        Map<?, ?> m = (Map<?, ?>) v;
        if (!FORMAT.equals(m.get("format"))) {
            throw new IllegalArgumentException("table metadata must have \"format\": \"" + FORMAT
                    + "\", found " + m.get("format"));
        }
        Object version = m.get("formatVersion");
        if (!(version instanceof Long) || (Long) version != FORMAT_VERSION) {
            throw new IllegalArgumentException("table metadata formatVersion " + version
                    + " is not supported by this ness4j version (reads " + FORMAT_VERSION + ")");
        }
        if (!(m.get("table") instanceof String)) {
            throw new IllegalArgumentException("table metadata needs a string \"table\"");
        }
        Object rows = m.get("rows");
        if (!(rows instanceof Long) || (Long) rows > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(
                    "table metadata needs an integer \"rows\" (at most 2^31-1): " + rows);
        }
        if (!(m.get("columns") instanceof List)) {
            throw new IllegalArgumentException("table metadata needs a list \"columns\"");
        }
        List<ColumnSpec> specs = new ArrayList<>();
        for (Object o : (List<?>) m.get("columns")) {
            if (!(o instanceof Map)) {
                throw new IllegalArgumentException("table metadata: each column must be an object");
            }
            Map<?, ?> c = (Map<?, ?>) o;
            if (!(c.get("name") instanceof String) || !(c.get("type") instanceof String)) {
                throw new IllegalArgumentException(
                        "table metadata: each column needs a string \"name\" and \"type\": " + c);
            }
            Object missing = c.get("missing");
            if (missing != null && !(missing instanceof Boolean)) {
                throw new IllegalArgumentException("table metadata: column \"" + c.get("name")
                        + "\": \"missing\" must be true or false");
            }
            specs.add(new ColumnSpec((String) c.get("name"),
                    ColumnType.ofLabel((String) c.get("type")), Boolean.TRUE.equals(missing)));
        }
        if (!(m.get("provenance") instanceof Map)) {
            throw new IllegalArgumentException("table metadata needs an object \"provenance\"");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> prov = (Map<String, Object>) m.get("provenance");
        return new TableMetadata((String) m.get("table"), ((Long) rows).intValue(), specs,
                Provenance.fromMap(prov));
    }

    /**
     * The sidecar file of a data file: the same directory and base name with the extension
     * {@code .json} ({@code moments.csv} and {@code moments.npy} both have
     * {@code moments.json}, which holds the same text for the same table).
     *
     * @param dataFile a {@code .csv} or {@code .npy} path (any extension but {@code .json})
     * @return the sidecar path
     * @throws IllegalArgumentException if the data file itself ends in {@code .json}
     */
    public static Path sidecarPath(Path dataFile) {
        String file = Objects.requireNonNull(dataFile, "dataFile").getFileName().toString();
        if (file.endsWith(".json")) {
            throw new IllegalArgumentException(
                    "data file must not end in .json (that is the sidecar's name): " + dataFile);
        }
        int dot = file.lastIndexOf('.');
        String base = dot > 0 ? file.substring(0, dot) : file;
        return dataFile.resolveSibling(base + ".json");
    }

    /**
     * Writes {@link #toJson()} as UTF-8 to the sidecar of a data file.
     *
     * @param dataFile the data file the sidecar belongs to
     * @return the sidecar path
     * @throws IOException if writing fails
     */
    public Path writeSidecar(Path dataFile) throws IOException {
        Path sidecar = sidecarPath(dataFile);
        Files.writeString(sidecar, toJson(), StandardCharsets.UTF_8);
        return sidecar;
    }

    /**
     * Reads the sidecar of a data file.
     *
     * @param dataFile the data file the sidecar belongs to
     * @return the metadata
     * @throws IOException if reading fails, or the sidecar is missing (the message names it)
     * @throws IllegalArgumentException if the sidecar is not valid table metadata
     */
    public static TableMetadata readSidecar(Path dataFile) throws IOException {
        Path sidecar = sidecarPath(dataFile);
        String text;
        try {
            text = Files.readString(sidecar, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException(sidecar.toString(), null, "the metadata sidecar of "
                    + dataFile + " is missing; it holds the column types and provenance");
        }
        try {
            return fromJson(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(sidecar + ": " + e.getMessage(), e);
        }
    }
}
