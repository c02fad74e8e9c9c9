package org.ness4j.examples.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.ness4j.core.table.Column;
import org.ness4j.core.table.Provenance;
import org.ness4j.core.table.Table;
import org.ness4j.core.table.TableCsv;
import org.ness4j.core.table.TableMetadata;
import org.ness4j.core.table.TableNpy;
import org.ness4j.core.table.hdf5.TableHdf5;

/**
 * Writes the examples' tables with the library writers, in every format of {@code --format}:
 * {@code <base>.csv} ({@link TableCsv}: one header line of the column names, data only),
 * {@code <base>.npy} ({@link TableNpy}: a NumPy structured array with the same field names),
 * {@code <base>.h5} ({@link TableHdf5}: group {@code <base>}, one dataset per column), all with
 * the same columns and values, and the sidecar {@code <base>.json} ({@link TableMetadata}) with
 * the column types and the provenance: library and Java versions, master seed, start and end,
 * every option's value (parameters named {@code --dt}, ...) and the command line. The CSV does
 * not contain any of it, so a run gives the same CSV bytes wherever it ran.
 *
 * <p>Tables without rows are written as CSV and {@code .npy} but not as HDF5 (jhdf cannot write
 * empty datasets); the example then prints a line saying so.
 *
 * <p>Not thread-safe.
 */
public final class TableOutput {

    private final Cli cli;

    TableOutput(Cli cli) {
        this.cli = cli;
    }

    /**
     * Writes a table of double columns (the examples' wide tables).
     *
     * @param base file base name
     * @param header column names ({@code [A-Za-z_][A-Za-z0-9_]*})
     * @param columns {@code columns[c][r]}, finite
     * @return the table written
     * @throws IllegalArgumentException if the shapes disagree or a value is not finite (naming
     *     the column)
     */
    public Table write(String base, List<String> header, double[]... columns) {
        if (header.size() != columns.length) {
            throw new IllegalArgumentException("table " + base + ": header has " + header.size()
                + " names but " + columns.length + " columns given");
        }
        Table.Builder b = Table.builder(tableName(base));
        List<String> renamed = new java.util.ArrayList<>();
        for (int c = 0; c < columns.length; c++) {
            String name = safeName(header.get(c));
            if (!name.equals(header.get(c))) {
                renamed.add(header.get(c) + " -> " + name);
            }
            b.doubles(name, columns[c]);
        }
        if (!renamed.isEmpty()) {
            System.out.println("  note: " + base + ": column names made safe for CSV, NumPy and "
                + "HDF5: " + String.join(", ", renamed));
        }
        return write(base, b.build());
    }

    /**
     * Writes a table with this run's provenance added: the master seed (if the table has none
     * and the example has {@code --seed}), the options, the command line and, if the table has
     * none, the interval from the start of the run to now.
     *
     * @param base file base name
     * @param table the table
     * @return the table written (renamed to the base name where that is a valid table name)
     */
    public Table write(String base, Table table) {
        Provenance p = table.provenance();
        Provenance.Builder b = p.toBuilder();
        if (p.masterSeed().isEmpty() && cli.hasSeed()) {
            b.masterSeed(cli.seedValue());
        }
        b.parameters(cli.optionValues());
        b.commandLine(cli.commandLine());
        if (p.start().isEmpty() && cli.started() != null) {
            b.interval(cli.started(), Instant.now());
        }
        String safe = safeName(base);
        if (!safe.equals(base)) {
            System.out.println("  note: table " + base + " written as " + safe + ".* (a '.' in "
                + "the base name would change its .json sidecar's name)");
        }
        base = safe;
        String name = tableName(base);
        Table t = Table.of(new TableMetadata(name, table.rowCount(),
            table.metadata().columns(), b.build()), table.columns());
        Path dir = cli.out();
        try {
            for (TableFormat f : cli.formats()) {
                Path file = dir.resolve(base + "." + f.extension());
                switch (f) {
                    case CSV -> TableCsv.write(t, file);
                    case NPY -> TableNpy.write(t, file);
                    case H5 -> {
                        if (t.rowCount() == 0) {
                            System.out.println("  note: " + base + " has no rows; not written "
                                + "as HDF5 (jhdf cannot write empty datasets), only as "
                                + "csv/npy if requested");
                        } else {
                            TableHdf5.write(file, t);
                            t.metadata().writeSidecar(file);
                        }
                    }
                    default -> throw new IllegalStateException("format " + f);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + dir.resolve(base), e);
        }
        return t;
    }

    /**
     * A name with only {@code [A-Za-z0-9_]}: {@code .} becomes {@code p} (decimal point,
     * {@code eps0.4} gives {@code eps0p4}), {@code -} becomes {@code m}, anything else
     * {@code _}; a leading digit gets a {@code _} in front.
     *
     * @param name the name
     * @return the safe name ({@code name} itself if it is safe)
     */
    static String safeName(String name) {
        String s = name.replace('.', 'p').replace('-', 'm').replaceAll("[^A-Za-z0-9_]", "_");
        return s.isEmpty() || Character.isDigit(s.charAt(0)) ? "_" + s : s;
    }

    /**
     * The table name of a file base name: itself if valid, else with every character outside
     * {@code [A-Za-z0-9_]} replaced by {@code _} (and a leading {@code _} before a digit).
     *
     * @param base the base name
     * @return a valid table name
     */
    static String tableName(String base) {
        String s = base.replaceAll("[^A-Za-z0-9_]", "_");
        if (s.isEmpty() || Character.isDigit(s.charAt(0))) {
            s = "_" + s;
        }
        return Column.requireName("table name", s.length() > Column.MAX_NAME_LENGTH
            ? s.substring(0, Column.MAX_NAME_LENGTH) : s);
    }

    /**
     * Turns rows of equal width into the columns {@link Cli#write(String, List, double[]...)}
     * takes.
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
