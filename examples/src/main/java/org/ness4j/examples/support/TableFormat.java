package org.ness4j.examples.support;

import java.util.Locale;

/** The table formats of {@code --format}. */
public enum TableFormat {
    /** CSV with a JSON sidecar ({@code TableCsv}). */
    CSV("csv"),
    /** NumPy structured array with a JSON sidecar ({@code TableNpy}). */
    NPY("npy"),
    /** HDF5, one group per table, metadata as attributes ({@code TableHdf5}). */
    H5("h5");

    private final String extension;

    TableFormat(String extension) {
        this.extension = extension;
    }

    /**
     * @return the file extension without the dot, also the option's name for the format
     */
    public String extension() {
        return extension;
    }

    /**
     * The format of a name.
     *
     * @param name {@code csv}, {@code npy} or {@code h5} (case-insensitive)
     * @return the format
     * @throws IllegalArgumentException for another name
     */
    public static TableFormat of(String name) {
        for (TableFormat f : values()) {
            if (f.extension.equals(name.toLowerCase(Locale.ROOT))) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown format '" + name + "' (csv, npy or h5)");
    }
}
