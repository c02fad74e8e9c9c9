package org.ness4j.examples.support;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;

/**
 * The options of examples that write files (a picocli mixin, added by
 * {@link Cli#output(String)}): {@code --out DIR} and {@code --format csv,npy,h5}. The directory
 * is created and checked writable before any work; every table is written in every format
 * ({@link TableOutput}).
 *
 * <p>Not thread-safe (filled by the parser).
 */
public final class OutputOptions {

    @Option(names = "--out", paramLabel = "<dir>",
        description = "output directory, created if missing (default: ${DEFAULT-VALUE})")
    Path out;

    @Option(names = "--format", paramLabel = "<formats>", converter = FormatsConverter.class,
        description = "table formats, comma list of csv, npy (NumPy structured array), h5 "
            + "(HDF5); each table is written in every format with the same base name and a "
            + "<table>.json sidecar (seed, version, command line) (default: csv)")
    List<TableFormat> formats = List.of(TableFormat.CSV);

    /**
     * @param defaultOut the example's default output directory
     */
    OutputOptions(String defaultOut) {
        this.out = Path.of(defaultOut);
    }

    /** Parses {@code csv,npy,h5}. */
    static final class FormatsConverter implements ITypeConverter<List<TableFormat>> {
        @Override
        public List<TableFormat> convert(String value) {
            List<TableFormat> formats = new ArrayList<>();
            for (String s : value.split(",", -1)) {
                TableFormat f = TableFormat.of(s.trim());
                if (!formats.contains(f)) {
                    formats.add(f);
                }
            }
            return List.copyOf(formats);
        }
    }
}
