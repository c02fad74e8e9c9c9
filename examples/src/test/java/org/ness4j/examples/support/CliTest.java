package org.ness4j.examples.support;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.ness4j.core.Version;
import org.ness4j.examples.Fig2Cut;
import org.ness4j.examples.Fig2Map;
import org.ness4j.examples.Fig7Rnw;

/**
 * The examples' command line ({@link Cli}) on real examples and on a test command whose body
 * records whether it ran: help and version, one {@code error:} line and exit code 2 for bad
 * input (naming the option), no stack trace unless {@code --debug}, the output directory
 * refused before any work, the size limit and {@code --force}, the old comma lists, and
 * {@code --progress} without a system property.
 */
class CliTest {

    @TempDir
    Path dir;

    /** What one execution printed. */
    record Run(int code, String out, String err) {
    }

    static Run execute(Cli cli, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = cli.execute(args, new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8),
            err.toString(StandardCharsets.UTF_8));
    }

    /** A command with one option of each kind, the shared ones and a body that records. */
    private Cli probe(AtomicBoolean ran) {
        return new Cli("Probe", "test command", o -> {
            ran.set(true);
            o.write("probe", List.of("x", "y"), new double[] {1, 2}, new double[] {0.5, -3});
        }).real("dt", "0.01", "time step (units of 1/gamma)")
            .integer("L", "10", "chain length (sites)")
            .reals("F", "0:1:0.5", "drives (units of gamma)")
            .flag("uniform", "false", "uniform drive")
            .seed(42).threads().progress().errorBudget().output(dir.resolve("out").toString())
            .cost(o -> Cost.chain(o.integer("L") * 1e6, o.integer("L"), 1, 1));
    }

    @Test
    void helpListsTypedOptionsWithUnitsAndDefaults() {
        Run r = execute(Fig2Cut.command(), "--help");
        assertEquals(0, r.code(), r.err());
        for (String s : new String[] {"Usage: Fig2Cut", "--F=<list>", "units of gamma",
            "--dt=<x>", "units of 1/gamma", "default: 0.01", "--seed=<seed>",
            "default: 20250101", "--out=<dir>", "default: out/fig2", "--format=<formats>",
            "--threads", "--error-budget", "--debug", "--force", "--max-site-steps",
            "--version"}) {
            // picocli wraps long descriptions: compare with single spaces
            assertTrue(r.out().replaceAll("\\s+", " ").contains(s),
                "help lacks " + s + ":\n" + r.out());
        }
        assertEquals("", r.err());
        assertFalse(Files.exists(dir.resolve("out")));
    }

    @Test
    void versionPrintsTheLibraryVersion() {
        Run r = execute(Fig2Cut.command(), "--version");
        assertEquals(0, r.code());
        assertEquals("ness4j " + Version.current(), r.out().strip());
    }

    /**
     * @return arguments and the option the error must name
     */
    static Stream<Arguments> badInput() {
        return Stream.of(
            Arguments.of(new String[] {"--dt", "abc"}, "--dt"),
            Arguments.of(new String[] {"--L", "2.5"}, "--L"),
            Arguments.of(new String[] {"--F", "1,x"}, "--F"),
            Arguments.of(new String[] {"--F", "3:1:1"}, "--F"),
            Arguments.of(new String[] {"--uniform", "maybe"}, "--uniform"),
            Arguments.of(new String[] {"--format", "csv,xls"}, "--format"),
            Arguments.of(new String[] {"--error-budget", "1"}, "--error-budget"),
            Arguments.of(new String[] {"--progress", "bar"}, "--progress"),
            Arguments.of(new String[] {"--threads", "0"}, "--threads"),
            Arguments.of(new String[] {"--seed", "x"}, "--seed"),
            Arguments.of(new String[] {"--max-site-steps", "-1"}, "--max-site-steps"),
            Arguments.of(new String[] {"--bogus", "1"}, "--bogus"),
            Arguments.of(new String[] {"--dt"}, "--dt"));
    }

    @ParameterizedTest
    @MethodSource("badInput")
    void badInputIsOneErrorLineWithExitCode2BeforeAnyWork(String[] args, String option) {
        AtomicBoolean ran = new AtomicBoolean();
        Run r = execute(probe(ran), args);
        assertEquals(Cli.BAD_INPUT, r.code(), String.join(" ", args) + ": " + r.err());
        List<String> lines = r.err().lines().toList();
        assertEquals(1, lines.size(), "one line: " + r.err());
        assertTrue(lines.get(0).startsWith("error: "), r.err());
        assertTrue(lines.get(0).contains(option), "names " + option + ": " + r.err());
        assertFalse(ran.get(), "the body ran");
        assertFalse(Files.exists(dir.resolve("out").resolve("probe.csv")));
    }

    @Test
    void debugShowsTheStackTrace() {
        Run plain = execute(probe(new AtomicBoolean()), "--threads", "0");
        Run debug = execute(probe(new AtomicBoolean()), "--threads", "0", "--debug");
        assertFalse(plain.err().contains("\tat "), plain.err());
        assertEquals(Cli.BAD_INPUT, debug.code());
        assertTrue(debug.err().startsWith("error: --threads must be >= 1: 0"), debug.err());
        assertTrue(debug.err().contains("\tat org.ness4j.examples.support.Cli"), debug.err());
    }

    @Test
    void aFailureInTheBodyIsExitCode1AndAnIllegalArgumentCode2() {
        Run failure = execute(new Cli("Boom", "fails", o -> {
            throw new IllegalStateException("broken\nsecond line");
        }), new String[0]);
        assertEquals(Cli.FAILURE, failure.code());
        assertEquals(List.of("error: java.lang.IllegalStateException: broken; second line"),
            failure.err().lines().toList());
        Run bad = execute(new Cli("Bad", "refuses", o -> {
            throw new IllegalArgumentException("--x must be positive: -1");
        }), new String[0]);
        assertEquals(Cli.BAD_INPUT, bad.code());
        assertEquals(List.of("error: --x must be positive: -1"), bad.err().lines().toList());
    }

    @Test
    void anUnwritableOutputDirectoryIsRefusedBeforeAnyWork() throws IOException {
        Path file = Files.writeString(dir.resolve("a-file"), "x");
        AtomicBoolean ran = new AtomicBoolean();
        Run r = execute(probe(ran), "--out", file.resolve("sub").toString());
        assertEquals(Cli.BAD_INPUT, r.code(), r.err());
        assertTrue(r.err().startsWith("error: --out " + file.resolve("sub")
            + " is not a writable directory"), r.err());
        assertFalse(ran.get(), "the body ran");
        assertFalse(r.out().contains("cost:"), "the cost is printed after the check: " + r.out());
        // a real example: nothing computed (its first output line is not printed)
        Run e = execute(Fig2Cut.command(), "--F", "2", "--trajectories", "8", "--out",
            file.resolve("sub").toString());
        assertEquals(Cli.BAD_INPUT, e.code(), e.err());
        assertFalse(e.out().contains("Fig. 2(d,e) cut"), e.out());
    }

    @Test
    void theOutputDirectoryIsCreated() {
        AtomicBoolean ran = new AtomicBoolean();
        Path out = dir.resolve("a").resolve("b");
        Run r = execute(probe(ran), "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(ran.get());
        assertTrue(Files.isRegularFile(out.resolve("probe.csv")));
        assertTrue(Files.isRegularFile(out.resolve("probe.json")));
    }

    @Test
    void runsAboveTheSizeLimitNeedForce() {
        AtomicBoolean ran = new AtomicBoolean();
        // the probe's estimate: L x 1e6 site-steps
        Run refused = execute(probe(ran), "--L", "10", "--max-site-steps", "1e6");
        assertEquals(Cli.BAD_INPUT, refused.code(), refused.err());
        assertTrue(refused.out().contains("cost: 1.00e+07 site-steps"), refused.out());
        assertTrue(refused.err().startsWith("error: the estimated 1.00e+07 site-steps exceed "
            + "--max-site-steps 1.00e+06; give --force"), refused.err());
        assertFalse(ran.get());
        Run forced = execute(probe(ran), "--L", "10", "--max-site-steps", "1e6", "--force");
        assertEquals(0, forced.code(), forced.err());
        assertTrue(ran.get());
        assertTrue(forced.out().contains("running because of --force"), forced.out());
        // a real example at a tiny limit: refused before any ensemble ran
        Run example = execute(Fig2Cut.command(), "--F", "2", "--trajectories", "8",
            "--max-site-steps", "1000", "--out", dir.resolve("fig2").toString());
        assertEquals(Cli.BAD_INPUT, example.code(), example.err());
        assertFalse(example.out().contains("Fig. 2(d,e) cut"), example.out());
    }

    @Test
    void theDefaultLimitLetsTheDocumentedFullSizeRunThroughButNotAnAbsurdOne() {
        // docs/guide.md: Fig7Rnw at full size, "40 min" on 2 cores
        Cost full = Fig7Rnw.command().parse("--L", "200,300,400", "--time", "100000",
            "--trajectories", "200", "--dt", "0.04").estimate();
        // 900 sites x 201 trajectories (with the GP run) x 2.5e6 steps
        assertEquals(900.0 * 201 * 2.5e6, full.siteSteps(), 1e-6 * full.siteSteps());
        assertTrue(full.siteSteps() < CommonOptions.DEFAULT_MAX_SITE_STEPS, full.toString());
        Cost absurd = Fig7Rnw.command().parse("--L", "10000", "--time", "1e7",
            "--trajectories", "1000", "--dt", "0.01").estimate();
        assertTrue(absurd.siteSteps() > CommonOptions.DEFAULT_MAX_SITE_STEPS,
            absurd.toString());
    }

    @Test
    void oldStyleListsAndRangesAreAccepted() {
        Cli o = Fig2Cut.command().parse("--F", "2,6,12", "--L", "12", "--dt=0.02");
        assertArrayEquals(new double[] {2, 6, 12}, o.reals("F"));
        assertEquals(12, o.integer("L"));
        assertEquals(0.02, o.real("dt"));
        assertEquals("2,6,12", o.string("F"));
        assertArrayEquals(new double[] {0, 0.5, 1, 1.5}, Fig2Cut.command()
            .parse("--F", "0:1.5:0.5").reals("F"));
        Cli defaults = Fig2Map.command().parse();
        assertEquals(16, defaults.reals("F").length);
        assertFalse(defaults.bool("uniform"));
        assertTrue(Fig2Map.command().parse("--uniform", "true").bool("uniform"));
        assertEquals(2, defaults.seedValue());
        assertEquals(List.of(TableFormat.CSV), defaults.formats());
        assertEquals(List.of(TableFormat.NPY, TableFormat.H5, TableFormat.CSV),
            Fig2Map.command().parse("--format", "npy,h5,csv,npy").formats());
    }

    @Test
    void progressModeIsAnOptionNotASystemProperty() {
        String before = System.getProperty(ConsoleProgress.MODE_PROPERTY);
        AtomicBoolean ran = new AtomicBoolean();
        Run r = execute(probe(ran), "--progress", "log");
        assertEquals(0, r.code(), r.err());
        assertEquals(before, System.getProperty(ConsoleProgress.MODE_PROPERTY));
        if (before == null) {
            assertNull(System.getProperty(ConsoleProgress.MODE_PROPERTY));
        }
        // an example without --progress refuses it
        Run none = execute(new Cli("Plain", "no progress", o -> { }), "--progress", "log");
        assertEquals(Cli.BAD_INPUT, none.code());
    }

    @Test
    void provenanceHoldsSeedVersionOptionsAndCommandLine() throws IOException {
        AtomicBoolean ran = new AtomicBoolean();
        Path out = dir.resolve("p");
        Run r = execute(probe(ran), "--out", out.toString(), "--seed", "7", "--L", "3");
        assertEquals(0, r.code(), r.err());
        var t = org.ness4j.core.table.TableCsv.read(out.resolve("probe.csv"));
        assertEquals(7, t.provenance().masterSeed().getAsLong());
        assertEquals(Version.current(), t.provenance().libraryVersion());
        assertEquals(List.of("Probe", "--out", out.toString(), "--seed", "7", "--L", "3"),
            t.provenance().commandLine().orElseThrow());
        assertEquals(3L, t.provenance().parameters().get("--L"));
        assertEquals(0.01, t.provenance().parameters().get("--dt"));
        assertEquals("0:1:0.5", t.provenance().parameters().get("--F"));
        assertTrue(t.provenance().start().isPresent());
        // the CSV itself holds data only
        assertEquals("x,y\n1.0,0.5\n2.0,-3.0\n", Files.readString(out.resolve("probe.csv")));
        List<String> names = new ArrayList<>(t.columnNames());
        assertEquals(List.of("x", "y"), names);
    }
}
