package org.ness4j.core.table;

import java.util.Arrays;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One named, typed column of a {@link Table}: {@code double}, {@code long} or {@code String}
 * values, validated when the column is created.
 *
 * <p>Names must match {@code [A-Za-z_][A-Za-z0-9_]*} and have at most {@value #MAX_NAME_LENGTH}
 * characters, so that the same name works unquoted as a CSV header, a NumPy field
 * ({@code a.name} in a record array) and an HDF5 dataset name.
 *
 * <p>Values: a {@link ColumnType#DOUBLE} column holds finite values only, unless it was created
 * with {@link #ofDoublesWithMissing}, in which case NaN marks a missing value (infinities are
 * always refused: the library never writes NaN or infinity as a result). Strings must not be
 * null, must not contain U+0000 (NumPy strips trailing NULs) and must not contain unpaired
 * surrogates (they have no UTF-8 or UTF-32 encoding). Violations throw
 * {@link IllegalArgumentException} naming the column and the row.
 *
 * <p>Immutable and thread-safe: the arrays are copied on the way in and on the way out.
 */
public final class Column {

    /** The longest allowed column or table name, in characters. */
    public static final int MAX_NAME_LENGTH = 255;

    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private final String name;
    private final ColumnType type;
    private final boolean allowsMissing;
    private final double[] doubles;
    private final long[] longs;
    private final String[] strings;

    private Column(String name, ColumnType type, boolean allowsMissing, double[] doubles,
            long[] longs, String[] strings) {
        this.name = name;
        this.type = type;
        this.allowsMissing = allowsMissing;
        this.doubles = doubles;
        this.longs = longs;
        this.strings = strings;
    }

    /**
     * A column of finite doubles.
     *
     * @param name the column name (see the class comment)
     * @param values the values (not modified; copied)
     * @return the column
     * @throws IllegalArgumentException if the name is invalid or a value is not finite
     */
    public static Column ofDoubles(String name, double[] values) {
        return doubles(name, values, false);
    }

    /**
     * A column of doubles in which NaN marks a missing value. Written as an empty CSV field and
     * as NaN in NumPy and HDF5. Infinities are still refused.
     *
     * @param name the column name (see the class comment)
     * @param values the values, NaN where missing (not modified; copied)
     * @return the column
     * @throws IllegalArgumentException if the name is invalid or a value is infinite
     */
    public static Column ofDoublesWithMissing(String name, double[] values) {
        return doubles(name, values, true);
    }

    /**
     * A column of 64-bit integers.
     *
     * @param name the column name (see the class comment)
     * @param values the values (not modified; copied)
     * @return the column
     * @throws IllegalArgumentException if the name is invalid
     */
    public static Column ofLongs(String name, long[] values) {
        requireName("column name", name);
        Objects.requireNonNull(values, "values");
        return new Column(name, ColumnType.LONG, false, null, values.clone(), null);
    }

    /**
     * A column of integers, stored as a {@link ColumnType#LONG} column.
     *
     * @param name the column name (see the class comment)
     * @param values the values (not modified)
     * @return the column
     * @throws IllegalArgumentException if the name is invalid
     */
    public static Column ofInts(String name, int[] values) {
        requireName("column name", name);
        Objects.requireNonNull(values, "values");
        long[] copy = new long[values.length];
        for (int i = 0; i < values.length; i++) {
            copy[i] = values[i];
        }
        return new Column(name, ColumnType.LONG, false, null, copy, null);
    }

    /**
     * A column of strings.
     *
     * @param name the column name (see the class comment)
     * @param values the values (not modified; copied)
     * @return the column
     * @throws IllegalArgumentException if the name is invalid or a value is null, contains
     *     U+0000 or an unpaired surrogate
     */
    public static Column ofStrings(String name, String[] values) {
        requireName("column name", name);
        Objects.requireNonNull(values, "values");
        String[] copy = values.clone();
        for (int i = 0; i < copy.length; i++) {
            String s = copy[i];
            if (s == null) {
                throw new IllegalArgumentException(
                        "column '" + name + "' row " + i + ": value must not be null");
            }
            for (int k = 0; k < s.length(); k++) {
                char c = s.charAt(k);
                if (c == 0) {
                    throw new IllegalArgumentException("column '" + name + "' row " + i
                            + ": value must not contain U+0000 (NumPy strips it): "
                            + quoted(s));
                }
                if (Character.isHighSurrogate(c) && k + 1 < s.length()
                        && Character.isLowSurrogate(s.charAt(k + 1))) {
                    k++;
                } else if (Character.isSurrogate(c)) {
                    throw new IllegalArgumentException("column '" + name + "' row " + i
                            + ": value contains an unpaired surrogate at index " + k
                            + " (not encodable as UTF-8 or UTF-32)");
                }
            }
        }
        return new Column(name, ColumnType.STRING, false, null, null, copy);
    }

    private static Column doubles(String name, double[] values, boolean allowsMissing) {
        requireName("column name", name);
        Objects.requireNonNull(values, "values");
        double[] copy = values.clone();
        for (int i = 0; i < copy.length; i++) {
            double v = copy[i];
            if (Double.isInfinite(v) || (Double.isNaN(v) && !allowsMissing)) {
                throw new IllegalArgumentException("column '" + name + "' row " + i
                        + ": value must be finite"
                        + (allowsMissing ? " or NaN (missing)" : "") + ": " + v
                        + (allowsMissing ? "" : " (use Column.ofDoublesWithMissing if the"
                                + " column may have missing values)"));
            }
        }
        return new Column(name, ColumnType.DOUBLE, allowsMissing, copy, null, null);
    }

    /**
     * Checks a column or table name.
     *
     * @param what what is named, for the message (e.g. {@code "column name"})
     * @param name the name
     * @return the name
     * @throws IllegalArgumentException if the name is null, empty, too long or has characters
     *     outside {@code [A-Za-z0-9_]} or starts with a digit
     */
    public static String requireName(String what, String name) {
        if (name == null || name.isEmpty() || name.length() > MAX_NAME_LENGTH
                || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(what + " must match [A-Za-z_][A-Za-z0-9_]* with"
                    + " at most " + MAX_NAME_LENGTH + " characters (safe in CSV, NumPy and HDF5): "
                    + (name == null ? "null" : quoted(name)));
        }
        return name;
    }

    static String quoted(String s) {
        String shown = s.length() > 80 ? s.substring(0, 77) + "..." : s;
        return "\"" + shown + "\"";
    }

    /**
     * The column name.
     *
     * @return the name
     */
    public String name() {
        return name;
    }

    /**
     * The value type.
     *
     * @return the type
     */
    public ColumnType type() {
        return type;
    }

    /**
     * Whether NaN marks missing values in this column (only {@link ColumnType#DOUBLE} columns
     * created with {@link #ofDoublesWithMissing}).
     *
     * @return whether missing values are allowed
     */
    public boolean allowsMissing() {
        return allowsMissing;
    }

    /**
     * The number of values.
     *
     * @return the length
     */
    public int size() {
        switch (type) {
            case DOUBLE:
                return doubles.length;
            case LONG:
                return longs.length;
            default:
                return strings.length;
        }
    }

    /**
     * A copy of the values of a {@link ColumnType#DOUBLE} column.
     *
     * @return the values
     * @throws IllegalStateException if the column has another type
     */
    public double[] doubles() {
        requireType(ColumnType.DOUBLE);
        return doubles.clone();
    }

    /**
     * A copy of the values of a {@link ColumnType#LONG} column.
     *
     * @return the values
     * @throws IllegalStateException if the column has another type
     */
    public long[] longs() {
        requireType(ColumnType.LONG);
        return longs.clone();
    }

    /**
     * A copy of the values of a {@link ColumnType#STRING} column.
     *
     * @return the values
     * @throws IllegalStateException if the column has another type
     */
    public String[] strings() {
        requireType(ColumnType.STRING);
        return strings.clone();
    }

    /**
     * One value of a {@link ColumnType#DOUBLE} column.
     *
     * @param row the row index
     * @return the value (NaN if missing)
     * @throws IllegalStateException if the column has another type
     */
    public double doubleAt(int row) {
        requireType(ColumnType.DOUBLE);
        return doubles[row];
    }

    /**
     * One value of a {@link ColumnType#LONG} column.
     *
     * @param row the row index
     * @return the value
     * @throws IllegalStateException if the column has another type
     */
    public long longAt(int row) {
        requireType(ColumnType.LONG);
        return longs[row];
    }

    /**
     * One value of a {@link ColumnType#STRING} column.
     *
     * @param row the row index
     * @return the value
     * @throws IllegalStateException if the column has another type
     */
    public String stringAt(int row) {
        requireType(ColumnType.STRING);
        return strings[row];
    }

    /**
     * This column's data under another name (for tables that join columns).
     *
     * @param newName the new name (see the class comment)
     * @return the renamed column
     * @throws IllegalArgumentException if the name is invalid
     */
    public Column withName(String newName) {
        requireName("column name", newName);
        return new Column(newName, type, allowsMissing, doubles, longs, strings);
    }

    private void requireType(ColumnType wanted) {
        if (type != wanted) {
            throw new IllegalStateException("column '" + name + "' holds " + type.label()
                    + " values, not " + wanted.label());
        }
    }

    /**
     * Equal if name, type, missing-value flag and all values are equal (doubles compared bit
     * for bit, as {@link Arrays#equals(double[], double[])} does, so {@code -0.0 != 0.0} and
     * NaN equals NaN).
     */
    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Column)) {
            return false;
        }
        Column c = (Column) o;
        return name.equals(c.name) && type == c.type && allowsMissing == c.allowsMissing
                && Arrays.equals(doubles, c.doubles) && Arrays.equals(longs, c.longs)
                && Arrays.equals(strings, c.strings);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, type, allowsMissing, Arrays.hashCode(doubles),
                Arrays.hashCode(longs), Arrays.hashCode(strings));
    }

    /** For example {@code n_err (double, 12 rows)}. */
    @Override
    public String toString() {
        return name + " (" + type.label() + (allowsMissing ? ", missing allowed" : "") + ", "
                + size() + " rows)";
    }
}
