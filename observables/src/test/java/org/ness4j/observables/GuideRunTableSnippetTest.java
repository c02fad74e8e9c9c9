package org.ness4j.observables;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ness4j.core.table.Table;
import org.ness4j.core.table.TableCsv;

/**
 * The "Tables from a run" snippet of docs/guide.md compiles as copied (with its imports) and
 * does what the guide says: runs an ensemble and writes a SiteMoments table whose sidecar holds
 * the seed.
 */
class GuideRunTableSnippetTest {

    private static final Path GUIDE = Path.of("..", "docs", "guide.md");

    @TempDir
    Path dir;

    private static String location(Class<?> type) throws Exception {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI())
            .toString();
    }

    @Test
    void guideSnippetCompilesAndRuns() throws Exception {
        String guide = Files.readString(GUIDE, StandardCharsets.UTF_8);
        Matcher m = Pattern.compile("GuideRunTableSnippetTest[^\\n]*\\n```java\\n(.*?)```",
            Pattern.DOTALL).matcher(guide);
        assertTrue(m.find(), "no snippet marked for GuideRunTableSnippetTest in " + GUIDE);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        Assumptions.assumeTrue(javac != null, "skipped: running on a JRE without javac");
        Path src = Files.createDirectories(dir.resolve("src"));
        Path classes = Files.createDirectories(dir.resolve("classes"));
        Path file = src.resolve("WriteRunTable.java");
        Files.writeString(file, m.group(1), StandardCharsets.UTF_8);
        List<String> path = new ArrayList<>();
        for (Class<?> c : new Class<?>[] {Table.class, SiteMoments.class,
            org.ness4j.sde.ensemble.Ensemble.class,
            org.apache.commons.rng.UniformRandomProvider.class,
            org.apache.commons.rng.sampling.distribution.NormalizedGaussianSampler.class}) {
            path.add(location(c));
        }
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        int rc = javac.run(null, null, errors, "-Xlint:all", "-Werror", "-cp",
            String.join(File.pathSeparator, path), "-d", classes.toString(), file.toString());
        assertEquals(0, rc, "the guide's snippet does not compile:\n" + errors);

        Path out = Files.createDirectories(dir.resolve("out"));
        PrintStream stdout = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()},
            GuideRunTableSnippetTest.class.getClassLoader())) {
            System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
            loader.loadClass("WriteRunTable").getMethod("main", String[].class)
                .invoke(null, (Object) new String[] {out.toString()});
        } finally {
            System.setOut(stdout);
        }
        String[] lines = printed.toString(StandardCharsets.UTF_8).strip().split("\n");
        assertEquals("42", lines[lines.length - 1].strip(), "last line printed");
        Table t = TableCsv.read(out.resolve("site_moments.csv"));
        assertEquals("site_moments", t.name());
        assertEquals(List.of("site", "field_re", "field_re_err"), t.columnNames().subList(0, 3));
        assertEquals(4, t.rowCount());
        assertEquals(42L, t.provenance().masterSeed().getAsLong());
        assertEquals(2000L, t.provenance().steps().getAsLong());
        assertEquals(8, t.provenance().groups().getAsInt());
    }
}
