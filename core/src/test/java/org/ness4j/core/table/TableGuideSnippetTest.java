package org.ness4j.core.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ness4j.core.table.hdf5.TableHdf5;

/**
 * The "Tables and provenance" snippet of docs/guide.md compiles as copied (with its imports)
 * and does what the guide says: writes CSV, sidecar, .npy and HDF5 and reads the CSV back equal.
 */
class TableGuideSnippetTest {

    private static final Path GUIDE = Path.of("..", "docs", "guide.md");

    @TempDir
    Path dir;

    @Test
    void guideSnippetCompilesAndRuns() throws Exception {
        String guide = Files.readString(GUIDE, StandardCharsets.UTF_8);
        Matcher m = Pattern.compile("TableGuideSnippetTest[^\\n]*\\n```java\\n(.*?)```",
                Pattern.DOTALL).matcher(guide);
        assertTrue(m.find(), "no snippet marked for TableGuideSnippetTest in " + GUIDE);
        String source = m.group(1);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        Assumptions.assumeTrue(javac != null, "skipped: running on a JRE without javac");
        Path src = dir.resolve("src");
        Path classes = dir.resolve("classes");
        Files.createDirectories(src);
        Files.createDirectories(classes);
        Path file = src.resolve("WriteDensityTable.java");
        Files.writeString(file, source, StandardCharsets.UTF_8);
        String coreClasses = Path.of(Table.class.getProtectionDomain().getCodeSource()
                .getLocation().toURI()).toString();
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        int rc = javac.run(null, null, errors, "-Xlint:all", "-Werror", "-cp", coreClasses,
                "-d", classes.toString(), file.toString());
        assertEquals(0, rc, "the guide's snippet does not compile:\n" + errors);

        Path out = Files.createDirectories(dir.resolve("out"));
        PrintStream stdout = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()},
                TableGuideSnippetTest.class.getClassLoader())) {
            System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
            loader.loadClass("WriteDensityTable").getMethod("main", String[].class)
                    .invoke(null, (Object) new String[] {out.toString()});
        } finally {
            System.setOut(stdout);
        }
        String[] lines = printed.toString(StandardCharsets.UTF_8).strip().split("\n");
        assertEquals("true", lines[lines.length - 1].strip(), "last line printed"); // after logs
        Table csv = TableCsv.read(out.resolve("site_density.csv"));
        assertEquals(List.of("site", "n", "n_err"), csv.columnNames());
        assertEquals(42L, csv.provenance().masterSeed().getAsLong());
        assertEquals(csv, TableNpy.read(out.resolve("site_density.npy")));
        assertEquals(csv, TableHdf5.read(out.resolve("results.h5"), "site_density"));
    }
}
