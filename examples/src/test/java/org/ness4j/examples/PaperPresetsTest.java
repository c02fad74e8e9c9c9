package org.ness4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.ness4j.examples.support.Cli;

/**
 * Every example under {@code --preset paper --dry-run}, through the launcher as a user runs
 * it: the figure examples apply their paper preset and print its values and the cost
 * estimate, exit 0 and run nothing; the others refuse {@code paper} with exit code 2, naming
 * the example. No simulation runs.
 */
class PaperPresetsTest {

    /** The examples without a paper figure (benchmarks, tools, beyond the papers). */
    private static final Set<String> WITHOUT_PAPER = Set.of("WorkPrecision", "SdeConvergence",
        "IsolatedChainDrift", "ChainBenchmark", "LocalModels", "DimerSteadyState",
        "HydroTwoComponent", "HydroBenchmark");

    /** The examples with a paper preset but no cost estimate (no site-steps). */
    private static final Set<String> WITHOUT_ESTIMATE = Set.of("Fig9QuantumTrajectories",
        "Fig10Cumulants", "HydroForceField");

    static Stream<Supplier<Cli>> examples() {
        return Ness4j.EXAMPLES.stream();
    }

    @ParameterizedTest
    @MethodSource("examples")
    void paperDryRunPrintsThePresetAndTheEstimate(Supplier<Cli> example) {
        Cli cli = example.get();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Ness4j.run(new String[] {cli.subcommandName(), "--preset", "paper",
            "--dry-run"},
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
        String o = out.toString(StandardCharsets.UTF_8);
        String e = err.toString(StandardCharsets.UTF_8);
        if (WITHOUT_PAPER.contains(cli.name())) {
            assertEquals(Cli.BAD_INPUT, code, cli.name() + ": " + o + e);
            assertTrue(e.startsWith("error: " + cli.name() + " has no paper preset"), e);
            return;
        }
        assertEquals(0, code, cli.name() + ": " + o + e);
        assertTrue(o.contains("preset paper: --"), cli.name() + ": " + o);
        assertTrue(o.contains("dry run: nothing run or written"), cli.name() + ": " + o);
        if (WITHOUT_ESTIMATE.contains(cli.name())) {
            assertTrue(o.contains("cost: no site-steps estimate"), cli.name() + ": " + o);
        } else {
            assertTrue(o.matches("(?s).*cost: [0-9.]+e\\+[0-9]+ site-steps.*"),
                cli.name() + ": " + o);
        }
    }

    @ParameterizedTest
    @MethodSource("examples")
    void everyPresetValueNamesADeclaredOptionAndParses(Supplier<Cli> example) {
        Cli cli = example.get();
        if (WITHOUT_PAPER.contains(cli.name())) {
            return;
        }
        // dry run with every preset option also given explicitly with the preset's own text:
        // nothing applied, all kept (the explicit path parses the same values)
        List<String> args = new java.util.ArrayList<>(List.of("--preset", "paper",
            "--dry-run"));
        cli.presetDeclared("paper").forEach((k, v) -> args.add("--" + k + "=" + v));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = cli.execute(args.toArray(String[]::new),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        String o = out.toString(StandardCharsets.UTF_8);
        assertEquals(0, code, cli.name() + ": " + o);
        assertTrue(o.contains("preset paper: no values applied; given explicitly, kept:"),
            cli.name() + ": " + o);
    }
}
