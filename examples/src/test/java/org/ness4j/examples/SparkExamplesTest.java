package org.ness4j.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.apache.spark.SparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.ness4j.examples.fitting.Fig16Autocorrelation;
import org.ness4j.examples.fitting.ThermometryFigures;
import org.ness4j.examples.quantum.Fig9QuantumTrajectories;
import org.ness4j.examples.support.Cli;

/**
 * Issue 18 item 4: an ensemble example run with {@code --spark local[2]} (Spark in-process,
 * tasks serialized as on a cluster) writes CSV tables byte-identical to its run on local
 * threads. Tiny sizes; deterministic (fixed seeds), no statistical assertion. Spark's JVM
 * options come from the Surefire argLine (parent pom, {@code spark.jvm.options}).
 */
class SparkExamplesTest {

    @TempDir
    Path dir;

    /** @return example name, its command line, tiny arguments */
    static Stream<Arguments> examples() {
        return Stream.of(
            Arguments.of("Fig2Cut", (Supplier<Cli>) Fig2Cut::command, new String[] {"--F",
                "2,6", "--L", "4", "--trajectories", "16", "--group-size", "2", "--transient",
                "2", "--window", "5"}),
            Arguments.of("Fig2Map", (Supplier<Cli>) Fig2Map::command, new String[] {"--F",
                "2,5", "--L", "4,6", "--trajectories", "8", "--group-size", "2",
                "--transient", "5", "--window", "30"}),
            Arguments.of("Fig8Otoc", (Supplier<Cli>) Fig8Otoc::command, new String[] {"--F",
                "7.5", "--L", "6", "--trajectories", "8", "--group-size", "2", "--transient",
                "5", "--tau", "2"}),
            Arguments.of("Fig3Profiles", (Supplier<Cli>) Fig3Profiles::command,
                new String[] {"--F", "5.5", "--L", "6", "--trajectories", "4", "--group-size",
                    "2", "--transient", "2", "--window", "4", "--wigner-sites", "1,6",
                    "--bins", "8", "--max-n", "50"}),
            Arguments.of("Fig7Rnw", (Supplier<Cli>) Fig7Rnw::command, new String[] {"--L",
                "4,6", "--trajectories", "4", "--time", "10", "--every", "1", "--window",
                "5"}),
            Arguments.of("Fig7Tss", (Supplier<Cli>) Fig7Tss::command, new String[] {"--F",
                "12.5", "--L", "4,6", "--trajectories", "8", "--time", "20", "--every", "1",
                "--plateau", "5", "--rnw-min", "0"}),
            Arguments.of("RnwProfiles", (Supplier<Cli>) RnwProfiles::command, new String[] {
                "--L", "4", "--wigner-site", "2", "--trajectories", "8", "--transient", "5",
                "--window", "10", "--intrinsic-loss", "0,0.01"}),
            Arguments.of("Fig16Autocorrelation", (Supplier<Cli>) Fig16Autocorrelation::command,
                new String[] {"--L", "10", "--sites", "3,6", "--trajectories", "4",
                    "--transient", "20", "--window", "200", "--lags", "40", "--tau-max", "3",
                    "--bins", "16", "--max-n", "100"}),
            Arguments.of("ThermometryFigures", (Supplier<Cli>) ThermometryFigures::command,
                new String[] {"--F", "3", "--L", "4", "--trajectories", "16", "--group-size",
                    "2", "--transient", "5", "--window", "20", "--sample-every", "5", "--bins",
                    "16", "--max-n", "100", "--jackknife", "false"}),
            Arguments.of("Fig9QuantumTrajectories",
                (Supplier<Cli>) Fig9QuantumTrajectories::command, new String[] {"--F", "1,2",
                    "--cutoffs", "4", "--trajectories", "4", "--twa-trajectories", "40",
                    "--end", "2", "--window-start", "1"}),
            // the coherent start: MCWF from the TWA's <a_l> (a Spark result) on Spark
            Arguments.of("Fig9QuantumTrajectories coherent",
                (Supplier<Cli>) Fig9QuantumTrajectories::command, new String[] {"--F", "2",
                    "--initial", "coherent", "--cutoffs", "4", "--trajectories", "4",
                    "--twa-trajectories", "40", "--end", "2", "--window-start", "1"}));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void sparkWritesTheTablesOfTheLocalRun(String name, Supplier<Cli> command, String[] args)
        throws IOException {
        Path local = dir.resolve("local");
        Path spark = dir.resolve("spark");
        run(command.get(), args, "--threads", "2", "--out", local.toString());
        run(command.get(), args, "--threads", "1", "--spark", "local[2]", "--out",
            spark.toString());
        List<String> csv = csvFiles(local);
        assertFalse(csv.isEmpty(), name + " wrote no CSV file");
        assertEquals(csv, csvFiles(spark), name + ": the same CSV files");
        for (String f : csv) {
            byte[] a = Files.readAllBytes(local.resolve(f));
            byte[] b = Files.readAllBytes(spark.resolve(f));
            assertArrayEquals(a, b, name + ": " + f + " differs between local threads and "
                + "--spark local[2]");
        }
    }

    @Test
    void errorBudgetWithSparkIsRefusedBeforeAnyWork() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Fig2Cut.command().execute(new String[] {"--F", "2", "--L", "4",
            "--trajectories", "4", "--group-size", "2", "--window", "1", "--error-budget",
            "auto", "--spark", "local[2]", "--out", dir.toString()},
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
        String message = err.toString(StandardCharsets.UTF_8);
        assertEquals(Cli.BAD_INPUT, code, message);
        assertTrue(message.startsWith("error: --error-budget cannot run with --spark"), message);
    }

    /**
     * Fig7Rnw's {@code --checkpoint} on Spark keeps the finished ranges: a second run reads
     * them (no task runs) and writes the same tables as local threads.
     */
    @Test
    void checkpointOnSparkKeepsFinishedRangesAndARestartGivesTheSameTables()
        throws IOException {
        String[] args = {"--L", "4", "--trajectories", "8", "--time", "10", "--every", "1",
            "--window", "5"};
        Path local = dir.resolve("local");
        Path ranges = dir.resolve("ranges");
        run(Fig7Rnw.command(), args, "--threads", "2", "--out", local.toString());
        List<Object> written = null;
        for (int attempt = 0; attempt < 2; attempt++) {
            Path spark = dir.resolve("spark" + attempt);
            run(Fig7Rnw.command(), args, "--spark", "local[2]", "--checkpoint",
                ranges.toString(), "--out", spark.toString());
            List<Object> files = new ArrayList<>();
            try (Stream<Path> s = Files.walk(ranges.resolve("spark-ranges"))) {
                for (Path p : s.filter(p -> p.toString().endsWith(".part")).sorted().toList()) {
                    files.add(Files.readAttributes(p, BasicFileAttributes.class).fileKey());
                }
            }
            // 8 trajectories in ranges of 8 / 16 -> 1 trajectory (group size 1): 8 parts
            assertEquals(8, files.size(), "finished ranges kept");
            if (written != null) {
                // the restart read them: no part was written again (a new file, a new key)
                assertEquals(written, files, "parts rewritten on the restart");
            }
            written = files;
            for (String f : csvFiles(local)) {
                assertArrayEquals(Files.readAllBytes(local.resolve(f)),
                    Files.readAllBytes(spark.resolve(f)), "attempt " + attempt + ": " + f);
            }
        }
    }

    @AfterAll
    static void stopSpark() {
        SparkContext.getOrCreate().stop();
    }

    private static void run(Cli cli, String[] args, String... more) {
        List<String> all = new ArrayList<>(Arrays.asList(args));
        all.addAll(List.of(more));
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = cli.execute(all.toArray(new String[0]),
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(0, code, () -> cli.name() + " " + all + ": "
            + err.toString(StandardCharsets.UTF_8));
    }

    private static List<String> csvFiles(Path d) throws IOException {
        try (Stream<Path> s = Files.list(d)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".csv"))
                .sorted().toList();
        }
    }
}
