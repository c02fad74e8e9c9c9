package org.ness4j.examples.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Writes tidy CSV tables (one header line, one row per record, {@code .} as decimal separator)
 * for every example. Non-finite values are refused: an example never writes NaN to a file.
 */
public final class Csv {

    private Csv() {
    }

    /**
     * Writes columns of equal length as a CSV file, creating parent directories.
     *
     * @param file destination
     * @param header column names
     * @param columns column data, {@code columns[c][r]} (not modified)
     * @throws IllegalArgumentException if the shapes disagree or a value is not finite
     * @throws UncheckedIOException if writing fails
     */
    public static void write(Path file, List<String> header, double[]... columns) {
        if (header.size() != columns.length) {
            throw new IllegalArgumentException(
                "header has " + header.size() + " names but " + columns.length + " columns given");
        }
        int rows = columns.length == 0 ? 0 : columns[0].length;
        for (int c = 0; c < columns.length; c++) {
            if (columns[c].length != rows) {
                throw new IllegalArgumentException("column " + header.get(c) + " has "
                    + columns[c].length + " rows, expected " + rows);
            }
            for (int r = 0; r < rows; r++) {
                if (!Double.isFinite(columns[c][r])) {
                    throw new IllegalArgumentException("column " + header.get(c) + " row " + r
                        + " is not finite: " + columns[c][r]);
                }
            }
        }
        try {
            if (file.toAbsolutePath().getParent() != null) {
                Files.createDirectories(file.toAbsolutePath().getParent());
            }
            try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                w.write(String.join(",", header));
                w.write('\n');
                for (int r = 0; r < rows; r++) {
                    for (int c = 0; c < columns.length; c++) {
                        if (c > 0) {
                            w.write(',');
                        }
                        w.write(String.format(Locale.ROOT, "%.10g", columns[c][r]));
                    }
                    w.write('\n');
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /**
     * Turns rows of equal width into the columns {@link #write} takes.
     *
     * @param rows the rows (each at least {@code width} long)
     * @param width number of columns
     * @return {@code columns[k][r] = rows.get(r)[k]}
     */
    public static double[][] columns(List<double[]> rows, int width) {
        double[][] c = new double[width][rows.size()];
        for (int r = 0; r < rows.size(); r++) {
            for (int k = 0; k < width; k++) {
                c[k][r] = rows.get(r)[k];
            }
        }
        return c;
    }
}
