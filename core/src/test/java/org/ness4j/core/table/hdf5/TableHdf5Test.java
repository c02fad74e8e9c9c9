package org.ness4j.core.table.hdf5;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jhdf.HdfFile;
import io.jhdf.api.Group;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.rng.simple.RandomSource;
import org.ness4j.core.table.Table;
import org.ness4j.core.table.TableMetadata;
import org.ness4j.core.table.TestTables;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TableHdf5Test {

    @TempDir
    Path dir;

    @Test
    void tablesRoundTripThroughAFile() throws IOException {
        Table hard = TestTables.hard();
        Table random = TestTables.random(RandomSource.XO_SHI_RO_256_PP.create(5), 50);
        Path file = dir.resolve("results.h5");
        TableHdf5.write(file, hard, random);
        assertEquals(hard, TableHdf5.read(file, "hard_values"));
        assertEquals(random, TableHdf5.read(file, "random"));
        assertEquals(List.of(hard, random), TableHdf5.readAll(file));
    }

    @Test
    void replacesAnExistingFile() throws IOException {
        Path file = dir.resolve("again.h5");
        TableHdf5.write(file, TestTables.hard(),
                TestTables.random(RandomSource.XO_SHI_RO_256_PP.create(1), 500));
        Table small = Table.builder("small").doubles("x", 1.5).build();
        TableHdf5.write(file, small);
        assertEquals(List.of(small), TableHdf5.readAll(file));
    }

    @Test
    void metadataIsInAttributes() throws IOException {
        Table t = TestTables.hard();
        Path file = dir.resolve("attrs.h5");
        TableHdf5.write(file, t);
        try (HdfFile hdf = new HdfFile(file)) {
            Group g = (Group) hdf.getChild("hard_values");
            assertEquals(t.metadata(),
                    TableMetadata.fromJson((String) g.getAttribute("ness4j_metadata").getData()));
            assertArrayEquals(t.columnNames().toArray(new String[0]),
                    (String[]) g.getAttribute("columns").getData());
            assertEquals(t.provenance().masterSeed().getAsLong(),
                    g.getAttribute("master_seed").getData());
            assertEquals(0.005, g.getAttribute("dt").getData());
            assertEquals(20_000L, g.getAttribute("steps").getData());
            assertEquals("Heun", g.getAttribute("algorithm").getData());
            assertEquals(4096L, g.getAttribute("trajectories").getData());
            assertEquals(64L, g.getAttribute("groups").getData());
            assertEquals(t.provenance().libraryVersion(),
                    g.getAttribute("library_version").getData());
            assertEquals("2026-12-07T22:31:15.123456789Z", g.getAttribute("start").getData());
            assertArrayEquals(t.provenance().commandLine().get().toArray(new String[0]),
                    (String[]) g.getAttribute("command_line").getData());
            assertEquals(t.provenance().parametersJson(), g.getAttribute("parameters").getData());
            assertEquals(16L, g.getAttribute("rows").getData());
            assertArrayEquals(new String[] {"hard_values"},
                    (String[]) hdf.getAttribute("ness4j_tables").getData());
        }
    }

    @Test
    void refusesWhatJhdfCannotWrite() {
        Table empty = Table.builder("empty").doubles("x").build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TableHdf5.write(dir.resolve("e.h5"), empty));
        assertTrue(e.getMessage().contains("table 'empty' has no rows"), e.getMessage());
        Table t = Table.builder("t").doubles("x", 1).build();
        e = assertThrows(IllegalArgumentException.class,
                () -> TableHdf5.write(dir.resolve("d.h5"), t, t));
        assertTrue(e.getMessage().contains("table name 't' appears twice"), e.getMessage());
    }

    @Test
    void readerNamesMissingGroups() throws IOException {
        Path file = dir.resolve("one.h5");
        TableHdf5.write(file, Table.builder("t").doubles("x", 1).build());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TableHdf5.read(file, "other"));
        assertTrue(e.getMessage().contains("has no table group 'other'; groups: [t]"),
                e.getMessage());
    }

    @Test
    void jhdfIsAvailableInTests() {
        assertTrue(TableHdf5.isAvailable());
    }

    /** jhdf is optional: without it, TableHdf5 loads and says what to add. */
    @Test
    void saysWhatToAddWithoutJhdf() throws Exception {
        URL coreClasses = TableHdf5.class.getProtectionDomain().getCodeSource().getLocation();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {coreClasses},
                ClassLoader.getPlatformClassLoader())) {
            Class<?> isolated = loader.loadClass(TableHdf5.class.getName());
            assertEquals(Boolean.FALSE, isolated.getMethod("isAvailable").invoke(null));
            InvocationTargetException e = assertThrows(InvocationTargetException.class,
                    () -> isolated.getMethod("read", Path.class, String.class)
                            .invoke(null, dir.resolve("x.h5"), "t"));
            assertTrue(e.getCause() instanceof IllegalStateException, e.getCause().toString());
            assertTrue(e.getCause().getMessage().startsWith("HDF5 tables need io.jhdf:jhdf"
                    + " (0.13.0) on the class path"), e.getCause().getMessage());
        }
    }
}
