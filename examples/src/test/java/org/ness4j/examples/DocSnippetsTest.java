package org.ness4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.ness4j.core.table.Table;
import org.ness4j.core.table.TableCsv;
import org.ness4j.core.table.TableNpy;
import org.ness4j.core.table.hdf5.TableHdf5;

/**
 * Every {@code ```java} block of docs/guide.md and README.md compiles as copied, against the
 * whole library (this module depends on every library module), with {@code -Xlint:all
 * -Werror}. A block is either a complete compilation unit (it declares a class) or a run of
 * statements after its {@code import} lines, which the test puts into a method body; every name
 * it uses must be imported or declared in the block. The "Tables and provenance" class is also
 * run, and must write and read back what the guide says.
 */
class DocSnippetsTest {

    private static final Path ROOT = Path.of("..");
    private static final List<String> DOCUMENTS = List.of("docs/guide.md", "README.md");
    private static final Pattern BLOCK = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL);
    private static final Pattern CLASS = Pattern.compile("(?m)^public (?:final )?class (\\w+)");

    /** A Java block of a document. */
    record Snippet(String document, int line, String source) {
        @Override
        public String toString() {
            return document + ":" + line;
        }

        /** The class name the compilation unit declares or the test gives it. */
        String className() {
            Matcher m = CLASS.matcher(source);
            return m.find() ? m.group(1)
                : "Snippet_" + document.replaceAll("\\W", "_") + "_" + line;
        }

        /** The block as a compilation unit. */
        String unit() {
            if (CLASS.matcher(source).find()) {
                return source;
            }
            StringBuilder imports = new StringBuilder();
            StringBuilder body = new StringBuilder();
            for (String l : source.split("\n", -1)) {
                (body.length() == 0 && (l.startsWith("import ") || l.isBlank()) ? imports : body)
                    .append(l).append('\n');
            }
            return imports + "public class " + className() + " {\n"
                + "    static void run() throws Exception {\n" + body + "    }\n}\n";
        }
    }

    static Stream<Snippet> snippets() {
        List<Snippet> all = new ArrayList<>();
        for (String document : DOCUMENTS) {
            String text;
            try {
                text = Files.readString(ROOT.resolve(document), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Matcher m = BLOCK.matcher(text);
            while (m.find()) {
                int line = (int) text.substring(0, m.start()).chars().filter(c -> c == '\n')
                    .count() + 1;
                all.add(new Snippet(document, line, m.group(1)));
            }
        }
        return all.stream();
    }

    @Test
    void everyDocumentHasJavaBlocks() {
        for (String document : DOCUMENTS) {
            assertTrue(snippets().anyMatch(s -> s.document().equals(document)), document);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("snippets")
    void compilesAsCopied(Snippet snippet, @TempDir Path dir) throws IOException {
        String errors = compile(snippet, dir);
        assertTrue(errors.isEmpty(), snippet + " does not compile:\n" + errors
            + "\n--- as compiled:\n" + snippet.unit());
    }

    /** The guide's table class writes CSV, sidecar, .npy and HDF5 and reads the CSV back. */
    @Test
    void tableSnippetRunsAndRoundTrips(@TempDir Path dir) throws Exception {
        Snippet table = snippets().filter(s -> s.className().equals("WriteDensityTable"))
            .findFirst().orElseThrow(() -> new AssertionError("no WriteDensityTable in the guide"));
        String errors = compile(table, dir);
        assertTrue(errors.isEmpty(), errors);
        Path out = Files.createDirectories(dir.resolve("out"));
        PrintStream stdout = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        try (URLClassLoader loader = new URLClassLoader(
            new URL[] {dir.resolve("classes").toUri().toURL()},
            DocSnippetsTest.class.getClassLoader())) {
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

    /** Compiles the snippet into {@code dir/classes}; returns the compiler's errors or "". */
    private static String compile(Snippet snippet, Path dir) throws IOException {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        Assumptions.assumeTrue(javac != null, "skipped: running on a JRE without javac");
        Path src = Files.createDirectories(dir.resolve("src"));
        Path classes = Files.createDirectories(dir.resolve("classes"));
        Path file = src.resolve(snippet.className() + ".java");
        Files.writeString(file, snippet.unit(), StandardCharsets.UTF_8);
        // Surefire runs from a manifest-only jar; the real class path is in this property
        String classPath = System.getProperty("surefire.test.class.path",
            System.getProperty("java.class.path"));
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        int rc = javac.run(null, null, errors, "-Xlint:all", "-Werror", "-proc:none", "-cp",
            classPath, "-d", classes.toString(), file.toString());
        return rc == 0 ? "" : errors.toString(StandardCharsets.UTF_8);
    }
}
