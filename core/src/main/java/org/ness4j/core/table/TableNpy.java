package org.ness4j.core.table;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Writes a {@link Table} as a NumPy {@code .npy} file holding a one-dimensional structured
 * array, and reads it back.
 *
 * <p>The array has one named field per column, in the table's (and the CSV's) order and with
 * its names: {@code <f8} for doubles, {@code <i8} for integers, {@code <U}<i>n</i> for strings
 * (UTF-32LE code points, NUL-padded, <i>n</i> the longest value in code points, at least 1).
 * Fields are packed (no alignment padding), so a row has the sum of the field sizes.
 * {@code numpy.load(path, allow_pickle=False)} loads it; {@code a["n"]} is a column and
 * {@code a.dtype.names} the column names.
 *
 * <p>Layout, following the NumPy format specification ({@code numpy.lib.format}): the magic
 * {@code \x93NUMPY}, format version 1.0 (2.0 when the header exceeds 65535 bytes: its length is
 * then a 4-byte integer), the little-endian header length, and the header, the ASCII text of a
 * Python dict {@code {'descr': [...], 'fortran_order': False, 'shape': (rows,), }} followed by
 * spaces and {@code \n} so that the data starts at a multiple of 64 bytes. The header is built
 * exactly as {@code numpy.save} (NumPy 1.24) builds it, including the 21-digit growth room for
 * the row count, so NumPy writes the same bytes for the loaded array.
 *
 * <p><b>Header size.</b> {@code numpy.load} refuses headers longer than 10000 bytes unless it is
 * given {@code max_header_size} or {@code allow_pickle=True} (NumPy 1.24.2 and later). The
 * writers therefore refuse a table whose header would be longer than
 * {@link #NUMPY_MAX_HEADER_SIZE} (about 280 columns with 20-character names; long-form tables
 * are narrow), with a message saying so; the overloads with {@code maxHeaderBytes} write larger
 * headers (format 2.0 above 65535 bytes) for readers that pass
 * {@code numpy.load(path, allow_pickle=False, max_header_size=...)}.
 *
 * <p>A {@code .npy} file has no room for provenance: {@link #write(Table, Path)} writes the same
 * JSON sidecar as {@link TableCsv} ({@code moments.npy} gets {@code moments.json}), and
 * {@link #read(Path)} needs it for the table name, missing-value flags and provenance.
 *
 * <p>Stateless and thread-safe.
 */
public final class TableNpy {

    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final int ALIGN = 64;
    private static final int GROWTH_AXIS_MAX_DIGITS = 21;

    /**
     * The longest header (in bytes, as stored in the header-length field) that
     * {@code numpy.load} reads without {@code max_header_size}: 10000 (NumPy's
     * {@code _MAX_HEADER_SIZE}).
     */
    public static final int NUMPY_MAX_HEADER_SIZE = 10000;

    private TableNpy() {
    }

    /**
     * The bytes of the {@code .npy} file of a table.
     *
     * @param table the table
     * @return the file contents
     */
    public static byte[] toNpy(Table table) {
        return toNpy(table, NUMPY_MAX_HEADER_SIZE);
    }

    /**
     * The bytes of the {@code .npy} file of a table, allowing a longer header (see the class
     * comment).
     *
     * @param table the table
     * @param maxHeaderBytes the longest header to write, at least 64
     * @return the file contents
     * @throws IllegalArgumentException if the header would be longer
     */
    public static byte[] toNpy(Table table, int maxHeaderBytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            write(table, out, maxHeaderBytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /**
     * Writes a table as {@code .npy} and its metadata to the sidecar
     * ({@link TableMetadata#sidecarPath}). Existing files are replaced.
     *
     * @param table the table
     * @param npy the path, conventionally ending in {@code .npy}
     * @throws IOException if writing fails
     */
    public static void write(Table table, Path npy) throws IOException {
        write(table, npy, NUMPY_MAX_HEADER_SIZE);
    }

    /**
     * Writes a table as {@code .npy} and its sidecar, allowing a longer header (see the class
     * comment).
     *
     * @param table the table
     * @param npy the path, conventionally ending in {@code .npy}
     * @param maxHeaderBytes the longest header to write, at least 64
     * @throws IOException if writing fails
     * @throws IllegalArgumentException if the header would be longer (nothing is written)
     */
    public static void write(Table table, Path npy, int maxHeaderBytes) throws IOException {
        TableMetadata.sidecarPath(npy);
        byte[] header = header(table, maxHeaderBytes);
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(npy), 1 << 16)) {
            writeData(table, header, out);
        }
        table.metadata().writeSidecar(npy);
    }

    /**
     * Writes the {@code .npy} bytes of a table to a stream (no sidecar). The stream is not
     * closed.
     *
     * @param table the table
     * @param out the stream
     * @throws IOException if writing fails
     */
    public static void write(Table table, OutputStream out) throws IOException {
        write(table, out, NUMPY_MAX_HEADER_SIZE);
    }

    /**
     * Writes the {@code .npy} bytes of a table to a stream, allowing a longer header (see the
     * class comment). The stream is not closed.
     *
     * @param table the table
     * @param out the stream
     * @param maxHeaderBytes the longest header to write, at least 64
     * @throws IOException if writing fails
     * @throws IllegalArgumentException if the header would be longer (nothing is written)
     */
    public static void write(Table table, OutputStream out, int maxHeaderBytes)
            throws IOException {
        writeData(table, header(table, maxHeaderBytes), out);
    }

    private static int[] stringWidths(Table table) {
        List<Column> columns = table.columns();
        int[] widths = new int[columns.size()];
        for (int c = 0; c < columns.size(); c++) {
            Column col = columns.get(c);
            if (col.type() == ColumnType.STRING) {
                int max = 1;
                for (int r = 0; r < table.rowCount(); r++) {
                    String s = col.stringAt(r);
                    max = Math.max(max, s.codePointCount(0, s.length()));
                }
                widths[c] = max;
            }
        }
        return widths;
    }

    private static byte[] header(Table table, int maxHeaderBytes) {
        Objects.requireNonNull(table, "table");
        if (maxHeaderBytes < 64) {
            throw new IllegalArgumentException("maxHeaderBytes must be >= 64: " + maxHeaderBytes);
        }
        List<Column> columns = table.columns();
        int[] widths = stringWidths(table);
        StringBuilder descr = new StringBuilder("[");
        for (int c = 0; c < columns.size(); c++) {
            Column col = columns.get(c);
            String typestr = col.type() == ColumnType.STRING ? "<U" + widths[c]
                    : col.type() == ColumnType.DOUBLE ? "<f8" : "<i8";
            descr.append(c == 0 ? "" : ", ").append("('").append(col.name()).append("', '")
                    .append(typestr).append("')");
        }
        descr.append(']');
        byte[] header = header(descr.toString(), table.rowCount());
        int stored = header.length - (header[6] == 1 ? 10 : 12);
        if (stored > maxHeaderBytes) {
            throw new IllegalArgumentException("table '" + table.name() + "' needs a .npy header"
                    + " of " + stored + " bytes (" + columns.size() + " columns), more than "
                    + maxHeaderBytes + (maxHeaderBytes == NUMPY_MAX_HEADER_SIZE
                            ? ", the most numpy.load reads without max_header_size; write it in"
                            + " long form, as CSV or HDF5, or pass a larger maxHeaderBytes"
                            : ""));
        }
        return header;
    }

    private static void writeData(Table table, byte[] header, OutputStream out)
            throws IOException {
        List<Column> columns = table.columns();
        int[] widths = stringWidths(table);
        int recordSize = 0;
        for (int c = 0; c < columns.size(); c++) {
            recordSize = Math.addExact(recordSize, columns.get(c).type() == ColumnType.STRING
                    ? Math.multiplyExact(4, widths[c]) : 8);
        }
        out.write(header);
        ByteBuffer record = ByteBuffer.allocate(recordSize).order(ByteOrder.LITTLE_ENDIAN);
        for (int r = 0; r < table.rowCount(); r++) {
            record.clear();
            for (int c = 0; c < columns.size(); c++) {
                Column col = columns.get(c);
                switch (col.type()) {
                    case DOUBLE:
                        record.putDouble(col.doubleAt(r));
                        break;
                    case LONG:
                        record.putLong(col.longAt(r));
                        break;
                    default:
                        String s = col.stringAt(r);
                        int n = 0;
                        for (int k = 0; k < s.length(); ) {
                            int cp = s.codePointAt(k);
                            record.putInt(cp);
                            k += Character.charCount(cp);
                            n++;
                        }
                        for (; n < widths[c]; n++) {
                            record.putInt(0);
                        }
                }
            }
            out.write(record.array(), 0, recordSize);
        }
    }

    /** Magic, version, header length and the padded header, as numpy.lib.format writes them. */
    static byte[] header(String descr, int rows) {
        String shape = "(" + rows + ",)";
        StringBuilder dict = new StringBuilder();
        dict.append("{'descr': ").append(descr).append(", 'fortran_order': False, 'shape': ")
                .append(shape).append(", }");
        int growth = GROWTH_AXIS_MAX_DIGITS - Integer.toString(rows).length();
        for (int i = 0; i < growth; i++) {
            dict.append(' ');
        }
        byte[] text = dict.toString().getBytes(StandardCharsets.US_ASCII);
        int hlen = text.length + 1;
        int lengthBytes = 2;
        int padlen = ALIGN - ((MAGIC.length + 2 + lengthBytes + hlen) % ALIGN);
        if (hlen + padlen > 0xFFFF) {
            lengthBytes = 4;
            padlen = ALIGN - ((MAGIC.length + 2 + lengthBytes + hlen) % ALIGN);
        }
        int total = hlen + padlen;
        ByteBuffer b = ByteBuffer.allocate(MAGIC.length + 2 + lengthBytes + total)
                .order(ByteOrder.LITTLE_ENDIAN);
        b.put(MAGIC).put((byte) (lengthBytes == 2 ? 1 : 2)).put((byte) 0);
        if (lengthBytes == 2) {
            b.putShort((short) total);
        } else {
            b.putInt(total);
        }
        b.put(text);
        for (int i = 0; i < padlen; i++) {
            b.put((byte) ' ');
        }
        b.put((byte) '\n');
        return b.array();
    }

    /**
     * Reads a table written by {@link #write(Table, Path)}: the array from the {@code .npy}
     * file, the table name, missing-value flags and provenance from the sidecar.
     *
     * @param npy the path; its sidecar must exist
     * @return the table, equal to the one written
     * @throws IOException if reading fails or the sidecar is missing
     * @throws IllegalArgumentException if the file is not such an array, does not match the
     *     sidecar (naming what differs) or is larger than 2 GiB
     */
    public static Table read(Path npy) throws IOException {
        TableMetadata metadata = TableMetadata.readSidecar(npy);
        long size = Files.size(npy);
        if (size > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(npy + " has " + size + " bytes; this reader holds"
                    + " a file in one array and reads at most 2 GiB (use numpy.load)");
        }
        byte[] bytes = Files.readAllBytes(npy);
        try {
            return fromNpy(bytes, metadata);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(npy + ": " + e.getMessage(), e);
        }
    }

    /**
     * Parses {@code .npy} bytes of a one-dimensional, C-order structured array with fields
     * {@code <f8}, {@code <i8} and {@code <U}<i>n</i> (versions 1.0, 2.0 and 3.0) into a table
     * with the given metadata, whose column names and types the fields must match.
     *
     * @param bytes the file contents (not modified)
     * @param metadata the table name, columns and provenance
     * @return the table
     * @throws IllegalArgumentException if the bytes are not such an array or do not match
     */
    public static Table fromNpy(byte[] bytes, TableMetadata metadata) {
        Objects.requireNonNull(metadata, "metadata");
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        if (bytes.length < 10) {
            throw new IllegalArgumentException("not a .npy file: only " + bytes.length + " bytes");
        }
        for (int i = 0; i < MAGIC.length; i++) {
            if (bytes[i] != MAGIC[i]) {
                throw new IllegalArgumentException("not a .npy file: the magic string is missing");
            }
        }
        int major = bytes[6];
        int minor = bytes[7];
        long hlen;
        int start;
        if (major == 1 && minor == 0) {
            hlen = b.getShort(8) & 0xFFFF;
            start = 10;
        } else if ((major == 2 || major == 3) && minor == 0) {
            hlen = b.getInt(8) & 0xFFFFFFFFL;
            start = 12;
        } else {
            throw new IllegalArgumentException(
                    ".npy format version " + major + "." + minor + " is not supported");
        }
        if (start + hlen > bytes.length) {
            throw new IllegalArgumentException(".npy header length " + hlen
                    + " exceeds the file (" + bytes.length + " bytes)");
        }
        String header = new String(bytes, start, (int) hlen,
                major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        Object parsed = new PyLiteral(header.strip()).parseAll();
        if (!(parsed instanceof Map)) {
            throw new IllegalArgumentException(".npy header is not a dict: " + header.strip());
        }
        Map<?, ?> dict = (Map<?, ?>) parsed;
        if (!Boolean.FALSE.equals(dict.get("fortran_order"))) {
            throw new IllegalArgumentException(".npy array must have fortran_order False");
        }
        Object shape = dict.get("shape");
        if (!(shape instanceof List) || ((List<?>) shape).size() != 1
                || !(((List<?>) shape).get(0) instanceof Long)) {
            throw new IllegalArgumentException(".npy array must be one-dimensional: shape "
                    + shape);
        }
        long rowsLong = (Long) ((List<?>) shape).get(0);
        if (rowsLong != metadata.rows()) {
            throw new IllegalArgumentException(".npy array has " + rowsLong
                    + " rows, the metadata says " + metadata.rows());
        }
        int rows = metadata.rows();
        Object descr = dict.get("descr");
        if (!(descr instanceof List)) {
            throw new IllegalArgumentException(".npy array must be a structured array with"
                    + " named fields, found descr " + descr);
        }
        List<?> fields = (List<?>) descr;
        List<TableMetadata.ColumnSpec> specs = metadata.columns();
        if (fields.size() != specs.size()) {
            throw new IllegalArgumentException(".npy array has " + fields.size()
                    + " fields, the metadata lists " + specs.size() + " columns");
        }
        int[] offsets = new int[specs.size()];
        int[] widths = new int[specs.size()];
        int recordSize = 0;
        for (int c = 0; c < specs.size(); c++) {
            Object f = fields.get(c);
            if (!(f instanceof List) || ((List<?>) f).size() != 2) {
                throw new IllegalArgumentException(".npy field " + c
                        + " must be a (name, type) pair: " + f);
            }
            Object name = ((List<?>) f).get(0);
            Object type = ((List<?>) f).get(1);
            TableMetadata.ColumnSpec spec = specs.get(c);
            if (!spec.name().equals(name)) {
                throw new IllegalArgumentException(".npy field " + c + " is named " + name
                        + ", the metadata's column is " + spec.name());
            }
            String expected = spec.type() == ColumnType.DOUBLE ? "<f8"
                    : spec.type() == ColumnType.LONG ? "<i8" : "<U";
            String t = String.valueOf(type);
            int size;
            if (spec.type() == ColumnType.STRING) {
                int n;
                try {
                    n = t.startsWith("<U") ? Integer.parseInt(t.substring(2)) : -1;
                } catch (NumberFormatException e) {
                    n = -1;
                }
                if (n < 1) {
                    throw new IllegalArgumentException(".npy field " + spec.name() + " has type "
                            + t + ", expected <U<n> for a string column");
                }
                widths[c] = n;
                size = Math.multiplyExact(4, n);
            } else {
                if (!expected.equals(t)) {
                    throw new IllegalArgumentException(".npy field " + spec.name() + " has type "
                            + t + ", expected " + expected + " for a " + spec.type().label()
                            + " column");
                }
                size = 8;
            }
            offsets[c] = recordSize;
            recordSize = Math.addExact(recordSize, size);
        }
        long dataStart = start + hlen;
        long expectedEnd = dataStart + (long) recordSize * rows;
        if (expectedEnd != bytes.length) {
            throw new IllegalArgumentException(".npy data has " + (bytes.length - dataStart)
                    + " bytes, " + rows + " rows of " + recordSize + " bytes need "
                    + (expectedEnd - dataStart));
        }
        List<Column> columns = new ArrayList<>();
        for (int c = 0; c < specs.size(); c++) {
            TableMetadata.ColumnSpec spec = specs.get(c);
            switch (spec.type()) {
                case DOUBLE: {
                    double[] v = new double[rows];
                    for (int r = 0; r < rows; r++) {
                        v[r] = b.getDouble((int) (dataStart + (long) r * recordSize + offsets[c]));
                    }
                    columns.add(spec.allowsMissing() ? Column.ofDoublesWithMissing(spec.name(), v)
                            : Column.ofDoubles(spec.name(), v));
                    break;
                }
                case LONG: {
                    long[] v = new long[rows];
                    for (int r = 0; r < rows; r++) {
                        v[r] = b.getLong((int) (dataStart + (long) r * recordSize + offsets[c]));
                    }
                    columns.add(Column.ofLongs(spec.name(), v));
                    break;
                }
                default: {
                    String[] v = new String[rows];
                    StringBuilder sb = new StringBuilder();
                    for (int r = 0; r < rows; r++) {
                        sb.setLength(0);
                        int at = (int) (dataStart + (long) r * recordSize + offsets[c]);
                        int n = widths[c];
                        while (n > 0 && b.getInt(at + 4 * (n - 1)) == 0) {
                            n--;
                        }
                        for (int k = 0; k < n; k++) {
                            int cp = b.getInt(at + 4 * k);
                            if (!Character.isValidCodePoint(cp)) {
                                throw new IllegalArgumentException(".npy field " + spec.name()
                                        + " row " + r + ": invalid code point " + cp);
                            }
                            sb.appendCodePoint(cp);
                        }
                        v[r] = sb.toString();
                    }
                    columns.add(Column.ofStrings(spec.name(), v));
                }
            }
        }
        return Table.of(metadata, columns);
    }

    /** The Python literals of .npy headers: dicts, lists, tuples (as lists), strings, ints, booleans. */
    private static final class PyLiteral {
        private final String s;
        private int pos;

        PyLiteral(String s) {
            this.s = s;
        }

        Object parseAll() {
            Object v = value();
            space();
            if (pos != s.length()) {
                throw error("unexpected text");
            }
            return v;
        }

        private IllegalArgumentException error(String message) {
            return new IllegalArgumentException(".npy header: " + message + " at offset " + pos
                    + " of " + s);
        }

        private void space() {
            while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) {
                pos++;
            }
        }

        private Object value() {
            space();
            if (pos >= s.length()) {
                throw error("unexpected end");
            }
            char c = s.charAt(pos);
            if (c == '{') {
                pos++;
                Map<Object, Object> map = new LinkedHashMap<>();
                while (true) {
                    space();
                    if (peek() == '}') {
                        pos++;
                        return map;
                    }
                    Object key = value();
                    space();
                    if (peek() != ':') {
                        throw error("expected ':'");
                    }
                    pos++;
                    map.put(key, value());
                    space();
                    if (peek() == ',') {
                        pos++;
                    } else if (peek() != '}') {
                        throw error("expected ',' or '}'");
                    }
                }
            }
            if (c == '[' || c == '(') {
                char close = c == '[' ? ']' : ')';
                pos++;
                List<Object> list = new ArrayList<>();
                while (true) {
                    space();
                    if (peek() == close) {
                        pos++;
                        return list;
                    }
                    list.add(value());
                    space();
                    if (peek() == ',') {
                        pos++;
                    } else if (peek() != close) {
                        throw error("expected ',' or '" + close + "'");
                    }
                }
            }
            if (c == '\'' || c == '"') {
                int end = s.indexOf(c, pos + 1);
                if (end < 0 || s.substring(pos + 1, end).indexOf('\\') >= 0) {
                    throw error("unsupported string literal");
                }
                String text = s.substring(pos + 1, end);
                pos = end + 1;
                return text;
            }
            if (s.startsWith("True", pos)) {
                pos += 4;
                return Boolean.TRUE;
            }
            if (s.startsWith("False", pos)) {
                pos += 5;
                return Boolean.FALSE;
            }
            int start = pos;
            while (pos < s.length() && (Character.isDigit(s.charAt(pos))
                    || (pos == start && s.charAt(pos) == '-'))) {
                pos++;
            }
            if (pos > start && !(pos == start + 1 && s.charAt(start) == '-')) {
                if (pos < s.length() && s.charAt(pos) == 'L') {
                    pos++;
                }
                try {
                    return Long.parseLong(s.substring(start, pos).replace("L", ""));
                } catch (NumberFormatException e) {
                    throw error("integer out of range");
                }
            }
            throw error("unexpected character '" + c + "'");
        }

        private char peek() {
            return pos < s.length() ? s.charAt(pos) : '\0';
        }
    }
}
