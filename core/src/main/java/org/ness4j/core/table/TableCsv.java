package org.ness4j.core.table;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Writes a {@link Table} as CSV plus a JSON sidecar, and reads it back.
 *
 * <p><b>The CSV holds data only.</b> One header line with the exact column names (no type row,
 * no comments), then one line per row; UTF-8, fields separated by {@code ,}, lines ended by
 * {@code \n}. Nothing about the run (time, paths, command line, executor) is in it, so the same
 * computation gives the same bytes wherever and however it ran; all that goes to the sidecar
 * {@code <base>.json} ({@link TableMetadata}), which also records each column's type.
 *
 * <p><b>Values.</b> Integers in decimal. Doubles in the shortest round-trip decimal of a fixed
 * procedure that does not depend on the JVM (see {@code Decimals}; the layout of
 * {@link Double#toString(double)}: {@code 0.25}, {@code 1.0E-5}, {@code -0.0},
 * {@code 4.9E-324}), so {@code Double.parseDouble}, Python's {@code float} and NumPy read back
 * the same double. Non-finite doubles are never written: a table refuses them when built, except
 * NaN in a column that allows missing values, written as an empty field. Strings are quoted per
 * RFC 4180 when they contain a comma, a double quote (doubled inside), CR or LF, or are empty
 * (so that an empty string differs from a missing value).
 *
 * <p>Stateless and thread-safe.
 */
public final class TableCsv {

    private TableCsv() {
    }

    /**
     * The CSV text of a table (see the class comment).
     *
     * @param table the table
     * @return the CSV text, ending with a newline
     */
    public static String toCsv(Table table) {
        Objects.requireNonNull(table, "table");
        StringBuilder sb = new StringBuilder();
        sb.append(String.join(",", table.columnNames())).append('\n');
        List<Column> columns = table.columns();
        for (int r = 0; r < table.rowCount(); r++) {
            for (int c = 0; c < columns.size(); c++) {
                if (c > 0) {
                    sb.append(',');
                }
                Column col = columns.get(c);
                switch (col.type()) {
                    case DOUBLE:
                        double d = col.doubleAt(r);
                        if (!Double.isNaN(d)) {
                            sb.append(Decimals.format(d));
                        }
                        break;
                    case LONG:
                        sb.append(col.longAt(r));
                        break;
                    default:
                        appendString(sb, col.stringAt(r));
                }
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    private static void appendString(StringBuilder sb, String s) {
        boolean quote = s.isEmpty();
        for (int i = 0; i < s.length() && !quote; i++) {
            char c = s.charAt(i);
            quote = c == ',' || c == '"' || c == '\n' || c == '\r';
        }
        if (!quote) {
            sb.append(s);
            return;
        }
        sb.append('"').append(s.replace("\"", "\"\"")).append('"');
    }

    /**
     * Writes a table to a CSV file and its metadata to the sidecar
     * ({@link TableMetadata#sidecarPath}: {@code moments.csv} gets {@code moments.json}).
     * Existing files are replaced.
     *
     * @param table the table
     * @param csv the CSV path, conventionally ending in {@code .csv}
     * @throws IOException if writing fails
     */
    public static void write(Table table, Path csv) throws IOException {
        Objects.requireNonNull(csv, "csv");
        String text = toCsv(table);
        TableMetadata.sidecarPath(csv);
        Files.writeString(csv, text, StandardCharsets.UTF_8);
        table.metadata().writeSidecar(csv);
    }

    /**
     * Reads a table written by {@link #write}: types, table name and provenance from the
     * sidecar, values from the CSV.
     *
     * @param csv the CSV path; its sidecar must exist
     * @return the table, equal to the one written
     * @throws IOException if reading fails or the sidecar is missing
     * @throws IllegalArgumentException if the files do not agree or a field does not parse,
     *     naming the file, line and column
     */
    public static Table read(Path csv) throws IOException {
        TableMetadata metadata = TableMetadata.readSidecar(csv);
        String text = Files.readString(csv, StandardCharsets.UTF_8);
        try {
            return fromCsv(text, metadata);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(csv + ": " + e.getMessage(), e);
        }
    }

    /**
     * Parses CSV text (RFC 4180, {@code \n} or {@code \r\n} line ends) with the given metadata.
     * The header must list the metadata's column names in order and there must be exactly
     * {@code metadata.rows()} records. Doubles accept JSON number syntax (no {@code NaN},
     * {@code Infinity} or hexadecimal); an empty unquoted field is a missing value, allowed only
     * in columns that allow missing values; strings may be quoted or not.
     *
     * @param text the CSV text
     * @param metadata the column types, table name and provenance
     * @return the table
     * @throws IllegalArgumentException if the text does not match, naming the line and column
     */
    public static Table fromCsv(String text, TableMetadata metadata) {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(metadata, "metadata");
        Reader reader = new Reader(text);
        List<Field> header = reader.record();
        if (header == null) {
            throw new IllegalArgumentException("empty CSV: a header line is required");
        }
        List<String> names = new ArrayList<>();
        for (Field f : header) {
            names.add(f.text);
        }
        if (!names.equals(metadata.columnNames())) {
            throw new IllegalArgumentException("CSV header " + names
                    + " differs from the metadata's columns " + metadata.columnNames());
        }
        int rows = metadata.rows();
        List<TableMetadata.ColumnSpec> specs = metadata.columns();
        double[][] doubles = new double[specs.size()][];
        long[][] longs = new long[specs.size()][];
        String[][] strings = new String[specs.size()][];
        for (int c = 0; c < specs.size(); c++) {
            switch (specs.get(c).type()) {
                case DOUBLE:
                    doubles[c] = new double[rows];
                    break;
                case LONG:
                    longs[c] = new long[rows];
                    break;
                default:
                    strings[c] = new String[rows];
            }
        }
        for (int r = 0; ; r++) {
            int line = reader.line;
            List<Field> record = reader.record();
            if (record == null) {
                if (r != rows) {
                    throw new IllegalArgumentException("CSV has " + r
                            + " data rows, the metadata says " + rows);
                }
                break;
            }
            if (r >= rows) {
                throw new IllegalArgumentException("line " + line + ": CSV has more than the "
                        + rows + " data rows the metadata says");
            }
            if (record.size() != specs.size()) {
                throw new IllegalArgumentException("line " + line + ": " + record.size()
                        + " fields, the header has " + specs.size());
            }
            for (int c = 0; c < specs.size(); c++) {
                TableMetadata.ColumnSpec spec = specs.get(c);
                Field f = record.get(c);
                String where = "line " + line + ", column '" + spec.name() + "': ";
                switch (spec.type()) {
                    case DOUBLE:
                        if (f.text.isEmpty() && !f.quoted && spec.allowsMissing()) {
                            doubles[c][r] = Double.NaN;
                            break;
                        }
                        Double d = f.quoted ? null : Decimals.parse(f.text);
                        if (d == null) {
                            throw new IllegalArgumentException(where + "not a finite decimal"
                                    + " number" + (spec.allowsMissing() ? " or empty" : "")
                                    + ": " + Column.quoted(f.text));
                        }
                        doubles[c][r] = d;
                        break;
                    case LONG:
                        try {
                            if (f.quoted || f.text.startsWith("+")) {
                                throw new NumberFormatException();
                            }
                            longs[c][r] = Long.parseLong(f.text);
                        } catch (NumberFormatException e) {
                            throw new IllegalArgumentException(where + "not a 64-bit integer: "
                                    + Column.quoted(f.text));
                        }
                        break;
                    default:
                        strings[c][r] = f.text;
                }
            }
        }
        List<Column> columns = new ArrayList<>();
        for (int c = 0; c < specs.size(); c++) {
            TableMetadata.ColumnSpec spec = specs.get(c);
            switch (spec.type()) {
                case DOUBLE:
                    columns.add(spec.allowsMissing()
                            ? Column.ofDoublesWithMissing(spec.name(), doubles[c])
                            : Column.ofDoubles(spec.name(), doubles[c]));
                    break;
                case LONG:
                    columns.add(Column.ofLongs(spec.name(), longs[c]));
                    break;
                default:
                    columns.add(Column.ofStrings(spec.name(), strings[c]));
            }
        }
        return Table.of(metadata, columns);
    }

    private static final class Field {
        final String text;
        final boolean quoted;

        Field(String text, boolean quoted) {
            this.text = text;
            this.quoted = quoted;
        }
    }

    /** A strict RFC 4180 record reader. */
    private static final class Reader {
        private final String s;
        private int pos;
        int line = 1;

        Reader(String s) {
            this.s = s;
        }

        /** The next record, or null at the end of the text. */
        List<Field> record() {
            if (pos >= s.length()) {
                return null;
            }
            List<Field> fields = new ArrayList<>();
            while (true) {
                Field f;
                if (pos < s.length() && s.charAt(pos) == '"') {
                    int startLine = line;
                    pos++;
                    StringBuilder sb = new StringBuilder();
                    while (true) {
                        if (pos >= s.length()) {
                            throw new IllegalArgumentException("line " + startLine
                                    + ": quoted field not closed before the end of the file");
                        }
                        char c = s.charAt(pos++);
                        if (c == '"') {
                            if (pos < s.length() && s.charAt(pos) == '"') {
                                sb.append('"');
                                pos++;
                            } else {
                                break;
                            }
                        } else {
                            if (c == '\n') {
                                line++;
                            }
                            sb.append(c);
                        }
                    }
                    f = new Field(sb.toString(), true);
                } else {
                    int start = pos;
                    while (pos < s.length()) {
                        char c = s.charAt(pos);
                        if (c == ',' || c == '\n' || c == '\r') {
                            break;
                        }
                        if (c == '"') {
                            throw new IllegalArgumentException("line " + line
                                    + ": double quote inside an unquoted field");
                        }
                        pos++;
                    }
                    f = new Field(s.substring(start, pos), false);
                }
                fields.add(f);
                if (pos >= s.length()) {
                    return fields;
                }
                char c = s.charAt(pos);
                if (c == ',') {
                    pos++;
                    continue;
                }
                if (c == '\r' && pos + 1 < s.length() && s.charAt(pos + 1) == '\n') {
                    pos += 2;
                    line++;
                    return fields;
                }
                if (c == '\n') {
                    pos++;
                    line++;
                    return fields;
                }
                throw new IllegalArgumentException("line " + line + ": unexpected "
                        + (c == '\r' ? "CR" : "'" + c + "'") + " after a field");
            }
        }
    }
}
