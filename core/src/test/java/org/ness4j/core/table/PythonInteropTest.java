package org.ness4j.core.table;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ness4j.core.table.hdf5.TableHdf5;

/**
 * The files load in the tools Python users load them with: Debian's {@code /usr/bin/python3}
 * with {@code python3-numpy} and {@code python3-h5py} (installed by {@code .ci/run}) reads every
 * table in every format ({@code check_tables.py}: {@code numpy.load(allow_pickle=False)}, the
 * {@code csv} module, {@code h5py}, {@code json}) and finds the same column names and the same
 * values bit for bit. Skipped, saying why, where that python lacks numpy or h5py. Deliberately
 * {@code /usr/bin/python3}, not the first python3 on the PATH, which may be another installation
 * without these packages.
 */
class PythonInteropTest {

    private static final Path PYTHON = Path.of("/usr/bin/python3");

    @TempDir
    Path dir;

    @Test
    void numpyAndH5pyReadEveryFormat() throws IOException, InterruptedException {
        assumePythonWithNumpyAndH5py();
        Table hard = TestTables.hard();
        Table random = TestTables.random(RandomSource.XO_SHI_RO_256_PP.create(17), 200);
        Table.Builder wideBuilder = Table.builder("wide").provenance(
                Provenance.builder().masterSeed(3).build());
        for (int c = 0; c < 2500; c++) {
            wideBuilder.longs(String.format("column_number_%05d", c), c, -c);
        }
        // Header beyond 64 KiB: .npy format version 2.0, loaded with max_header_size.
        Table wide = wideBuilder.build();
        for (Table t : List.of(hard, random)) {
            TableCsv.write(t, dir.resolve(t.name() + ".csv"));
            TableNpy.write(t, dir.resolve(t.name() + ".npy"));
        }
        TableNpy.write(wide, dir.resolve("wide.npy"), 200_000);
        TableHdf5.write(dir.resolve("tables.h5"), hard, random);

        List<Object> tables = new ArrayList<>();
        for (Table t : List.of(hard, random, wide)) {
            tables.add(expected(t, t == wide));
        }
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("tables", tables);
        Files.writeString(dir.resolve("expected.json"), Json.write(root), StandardCharsets.UTF_8);
        Path script = dir.resolve("check_tables.py");
        try (InputStream in = PythonInteropTest.class.getResourceAsStream("check_tables.py")) {
            Files.copy(in, script);
        }

        Result r = run(PYTHON.toString(), script.toString(), dir.toString());
        assertEquals(0, r.exitCode, "check_tables.py failed:\n" + r.output);
        long values = 0;
        for (Table t : List.of(hard, random)) {
            values += 3L * t.rowCount() * t.columnCount(); // CSV, .npy and HDF5
        }
        values += (long) wide.rowCount() * wide.columnCount(); // .npy only
        assertEquals("OK " + values + " values checked", r.output.strip());
    }

    /** The expected names, types and values, in JSON (NaN as null). */
    private static Map<String, Object> expected(Table t, boolean npyOnly) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", t.name());
        m.put("masterSeed", t.provenance().masterSeed().getAsLong());
        m.put("npyOnly", npyOnly);
        List<Object> columns = new ArrayList<>();
        for (Column c : t.columns()) {
            Map<String, Object> cm = new LinkedHashMap<>();
            cm.put("name", c.name());
            cm.put("type", c.type().label());
            List<Object> values = new ArrayList<>();
            for (int r = 0; r < t.rowCount(); r++) {
                switch (c.type()) {
                    case DOUBLE:
                        double d = c.doubleAt(r);
                        values.add(Double.isNaN(d) ? null : d);
                        break;
                    case LONG:
                        values.add(c.longAt(r));
                        break;
                    default:
                        values.add(c.stringAt(r));
                }
            }
            cm.put("values", values);
            columns.add(cm);
        }
        m.put("columns", columns);
        return m;
    }

    private static void assumePythonWithNumpyAndH5py() throws InterruptedException {
        Assumptions.assumeTrue(Files.isExecutable(PYTHON),
                "skipped: Debian's /usr/bin/python3 is not installed, so the files cannot be"
                        + " checked with numpy and h5py (apt-get install python3-numpy"
                        + " python3-h5py; .ci/run does this)");
        Result probe;
        try {
            probe = run(PYTHON.toString(), "-c", "import numpy, h5py");
        } catch (IOException e) {
            probe = new Result(-1, e.toString());
        }
        Assumptions.assumeTrue(probe.exitCode == 0,
                "skipped: /usr/bin/python3 lacks numpy or h5py (apt-get install python3-numpy"
                        + " python3-h5py; .ci/run does this): " + lastLine(probe.output));
    }

    private static String lastLine(String text) {
        String[] lines = text.strip().split("\n");
        return lines[lines.length - 1];
    }

    private static final class Result {
        final int exitCode;
        final String output;

        Result(int exitCode, String output) {
            this.exitCode = exitCode;
            this.output = output;
        }
    }

    private static Result run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return new Result(-1, "timed out after 60 s");
        }
        return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }
}
