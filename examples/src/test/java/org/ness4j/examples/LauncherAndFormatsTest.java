package org.ness4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.ness4j.core.Version;
import org.ness4j.core.table.Table;
import org.ness4j.core.table.TableCsv;
import org.ness4j.core.table.TableNpy;
import org.ness4j.core.table.hdf5.TableHdf5;
import org.ness4j.examples.hydro.HydroWallProfiles;
import org.ness4j.examples.quantum.DimerSteadyState;
import org.ness4j.examples.support.Cli;

/**
 * The {@code ness4j} launcher dispatching to the examples' subcommands, and examples run end to
 * end at tiny sizes with {@code --format csv,npy,h5}: every table is written in the three
 * formats, and reading them back with the core readers gives equal tables (names, types,
 * values, provenance) whose CSV header is the documented one.
 */
class LauncherAndFormatsTest {

    @TempDir
    Path dir;

    record Run(int code, String out, String err) {
    }

    static Run launch(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Ness4j.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8),
            err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void everyExampleIsASubcommandWithHelp() {
        Set<String> names = new HashSet<>();
        Run top = launch("--help");
        assertEquals(0, top.code());
        for (Supplier<Cli> s : Ness4j.EXAMPLES) {
            Cli c = s.get();
            assertTrue(names.add(c.subcommandName()), "twice: " + c.subcommandName());
            assertTrue(top.out().contains(c.subcommandName() + ", " + c.name()),
                c.name() + " not listed:\n" + top.out());
            Run help = launch(c.subcommandName(), "--help");
            assertEquals(0, help.code(), c.name() + ": " + help.err());
            assertTrue(help.out().startsWith("Usage: ness4j " + c.name()), help.out());
        }
        assertEquals(Ness4j.EXAMPLES.size(), names.size());
        assertEquals("ness4j " + Version.current(), launch("--version").out().strip());
    }

    @Test
    void theLauncherRunsAnExampleUnderEitherName() throws IOException {
        Path out = dir.resolve("sde");
        Run r = launch("sde-convergence", "--problems", "linear", "--algorithms", "euler,heun",
            "--steps", "8,16", "--paths", "64", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        Table orders = TableCsv.read(out.resolve("orders.csv"));
        assertTrue(orders.rowCount() >= 1, orders.toString());
        assertEquals(List.of("SdeConvergence", "--problems", "linear", "--algorithms",
            "euler,heun", "--steps", "8,16", "--paths", "64", "--out", out.toString()),
            orders.provenance().commandLine().orElseThrow());
        Run bad = launch("SdeConvergence", "--paths", "many");
        assertEquals(Cli.BAD_INPUT, bad.code());
        assertEquals(1, bad.err().lines().count(), bad.err());
        assertTrue(bad.err().startsWith("error: ") && bad.err().contains("--paths"), bad.err());
    }

    @Test
    void unknownOrMissingExamplesAreBadInput() {
        Run unknown = launch("fig99", "--F", "2");
        assertEquals(Cli.BAD_INPUT, unknown.code());
        assertEquals(1, unknown.err().lines().count(), unknown.err());
        assertTrue(unknown.err().startsWith("error: ") && unknown.err().contains("fig99"),
            unknown.err());
        Run none = launch();
        assertEquals(Cli.BAD_INPUT, none.code());
        assertTrue(none.err().startsWith("error: name an example"), none.err());
    }

    /**
     * @return example, tiny arguments, the tables it writes with their documented headers
     */
    static Stream<Arguments> examples() {
        return Stream.of(
            Arguments.of((Supplier<Cli>) Fig2Cut::command, new String[] {"--F", "2,6",
                "--trajectories", "8", "--group-size", "2", "--transient", "1", "--window",
                "4", "--threads", "2"}, List.of("fig2_cut"),
                List.of(List.of("F", "n_L", "n_L_err", "delta_n_L",
                    "delta_n_L_err", "n_1", "n_1_err", "circular_variance_L",
                    "circular_variance_L_err"))),
            Arguments.of((Supplier<Cli>) Fig2Map::command, new String[] {"--F", "2,5", "--L",
                "2,4", "--trajectories", "4", "--group-size", "2", "--transient", "2",
                "--window", "4", "--threads", "2"}, List.of("fig2_map"),
                List.of(List.of("F", "L", "n_L",
                    "n_L_err", "delta_n_L", "delta_n_L_err", "D_1_1", "D_1_1_err", "D_1_mid",
                    "D_1_mid_err", "D_1_L", "D_1_L_err"))),
            Arguments.of((Supplier<Cli>) Fig7Tss::command, new String[] {"--F", "12.5", "--L",
                "4,6", "--trajectories", "4", "--time", "10", "--every", "1", "--plateau", "5",
                "--rnw-min", "0", "--threads", "2"}, List.of("fig7b_tss", "fig7b_fits"), List.of(
                    List.of("F", "L", "t_ss_or_minus1", "n_L_tmax"),
                    List.of("F", "A", "xi", "xi_err", "points"))),
            Arguments.of((Supplier<Cli>) DimerSteadyState::command, new String[] {"--F", "0.5",
                "--cutoffs", "6,5", "--truncation-tolerance", "0.001"},
                List.of("dimer_steady_state"), List.of(List.of("F", "n1",
                    "n2", "dn1", "dn2", "residual", "top1", "top2", "iterations", "seconds"))),
            Arguments.of((Supplier<Cli>) HydroWallProfiles::command, new String[] {"--eps",
                "0.4", "--length", "40", "--dx", "0.5", "--dt", "0.01", "--relax", "1"},
                List.of("wall_profiles"), List.of(List.of("r_eps0p4", "m_eps0p4"))));
    }

    @ParameterizedTest
    @MethodSource("examples")
    void everyFormatHoldsTheSameTable(Supplier<Cli> example, String[] args, List<String> tables,
                                      List<List<String>> headers) throws IOException {
        Path out = dir.resolve("all");
        List<String> a = new ArrayList<>(List.of(args));
        a.addAll(List.of("--out", out.toString(), "--format", "csv,npy,h5"));
        Cli cli = example.get();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = cli.execute(a.toArray(String[]::new), System.out,
            new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(0, code, cli.name() + ": " + err.toString(StandardCharsets.UTF_8));
        for (int i = 0; i < tables.size(); i++) {
            String base = tables.get(i);
            Table csv = TableCsv.read(out.resolve(base + ".csv"));
            Table npy = TableNpy.read(out.resolve(base + ".npy"));
            assertEquals(csv, npy, cli.name() + " " + base + ": csv and npy");
            if (csv.rowCount() > 0) {
                assertEquals(csv, TableHdf5.read(out.resolve(base + ".h5"), base),
                    cli.name() + " " + base + ": csv and h5");
            } else {
                assertFalse(Files.exists(out.resolve(base + ".h5")), "empty table as h5");
            }
            if (i < headers.size()) {
                assertEquals(headers.get(i), csv.columnNames(), cli.name() + " " + base);
                assertEquals(String.join(",", headers.get(i)),
                    Files.readAllLines(out.resolve(base + ".csv")).get(0));
            }
            assertEquals(Version.current(), csv.provenance().libraryVersion());
            assertEquals(cli.name(), csv.provenance().commandLine().orElseThrow().get(0));
            assertTrue(csv.provenance().parameters().containsKey("--format"), base);
        }
    }
}
