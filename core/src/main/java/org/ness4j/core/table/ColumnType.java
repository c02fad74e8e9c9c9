package org.ness4j.core.table;

/**
 * The value type of a {@link Column}: what a column holds in memory and how every format stores
 * it.
 *
 * <table>
 *   <caption>Storage of each column type</caption>
 *   <tr><th>type</th><th>Java</th><th>CSV</th><th>NumPy</th><th>HDF5</th></tr>
 *   <tr><td>{@link #DOUBLE}</td><td>{@code double[]}</td><td>shortest round-trip decimal</td>
 *       <td>{@code <f8}</td><td>64-bit IEEE float, little-endian</td></tr>
 *   <tr><td>{@link #LONG}</td><td>{@code long[]}</td><td>decimal integer</td>
 *       <td>{@code <i8}</td><td>64-bit signed integer, little-endian</td></tr>
 *   <tr><td>{@link #STRING}</td><td>{@code String[]}</td><td>text, RFC 4180 quoting</td>
 *       <td>{@code <U}<i>n</i> (UTF-32, <i>n</i> = longest value in code points)</td>
 *       <td>fixed-length UTF-8 string</td></tr>
 * </table>
 */
public enum ColumnType {
    /** 64-bit floating-point values. */
    DOUBLE("double"),
    /** 64-bit signed integers; {@code int} data is widened to this type. */
    LONG("long"),
    /** Unicode text. */
    STRING("string");

    private final String label;

    ColumnType(String label) {
        this.label = label;
    }

    /**
     * The name of this type in a table's JSON metadata.
     *
     * @return {@code "double"}, {@code "long"} or {@code "string"}
     */
    public String label() {
        return label;
    }

    /**
     * The type with the given JSON label.
     *
     * @param label {@code "double"}, {@code "long"} or {@code "string"}
     * @return the type
     * @throws IllegalArgumentException if the label is none of these
     */
    public static ColumnType ofLabel(String label) {
        for (ColumnType t : values()) {
            if (t.label.equals(label)) {
                return t;
            }
        }
        throw new IllegalArgumentException(
                "column type must be \"double\", \"long\" or \"string\": \"" + label + "\"");
    }
}
