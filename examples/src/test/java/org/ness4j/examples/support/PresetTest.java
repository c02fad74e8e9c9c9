package org.ness4j.examples.support;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ness4j.examples.support.CliTest.Run;

/**
 * {@code --preset} and {@code --dry-run} of {@link Cli} on a test command: the preset sets the
 * options not given (typed, list, yes/no and mixin options alike), explicit options win, the
 * cost estimate and the provenance see the preset values, {@code quick} changes nothing, an
 * unknown preset or a missing paper preset is refused with exit code 2, and a dry run prints
 * the estimate and exits 0 without running or creating anything.
 */
class PresetTest {

    @TempDir
    Path dir;

    /** The values the body saw. */
    record Seen(double dt, long length, double[] drives, boolean uniform, long seed,
                String text, Map<String, Object> options) {
    }

    private Cli probe(AtomicReference<Seen> seen, boolean paper) {
        Cli c = new Cli("Probe", "test command", o -> seen.set(new Seen(o.real("dt"),
                o.integer("L"), o.reals("F"), o.bool("uniform"), o.seedValue(),
                o.string("algorithm"), o.optionValues())))
            .real("dt", "0.01", "time step (units of 1/gamma)")
            .integer("L", "10", "chain length (sites)")
            .reals("F", "0:1:0.5", "drives (units of gamma)")
            .flag("uniform", "false", "uniform drive")
            .text("algorithm", "heun", "integrator")
            .seed(42).threads().output(dir.resolve("out").toString())
            .cost(o -> Cost.chain(o.integer("L") * 1e6, o.integer("L"), 1, 1));
        if (paper) {
            c.preset("paper", Map.of("dt", "0.04", "L", "400", "F", "5.5:8:0.5",
                "uniform", "true", "seed", "7", "algorithm", "splitstep"));
        }
        return c;
    }

    @Test
    void thePresetSetsEveryTypedOptionNotGiven() {
        AtomicReference<Seen> seen = new AtomicReference<>();
        Run r = CliTest.execute(probe(seen, true), "--preset", "paper");
        assertEquals(0, r.code(), r.err());
        Seen s = seen.get();
        assertEquals(0.04, s.dt());
        assertEquals(400, s.length());
        assertArrayEquals(new double[] {5.5, 6, 6.5, 7, 7.5, 8}, s.drives(), 1e-12);
        assertTrue(s.uniform());
        assertEquals(7, s.seed());
        assertEquals("splitstep", s.text());
        // provenance sees the preset values and the preset's name
        assertEquals(400L, s.options().get("--L"));
        assertEquals(0.04, s.options().get("--dt"));
        assertEquals("paper", s.options().get("--preset"));
        // one line lists the values applied; the estimate uses them (400 x 1e6 site-steps)
        assertTrue(r.out().contains("preset paper: --dt 0.04 --L 400 --F 5.5:8:0.5 --uniform "
            + "true --algorithm splitstep --seed 7"), r.out());
        assertTrue(r.out().contains("cost: 4.00e+08 site-steps"), r.out());
    }

    @Test
    void explicitOptionsWinOverThePreset() {
        AtomicReference<Seen> seen = new AtomicReference<>();
        Run r = CliTest.execute(probe(seen, true), "--L", "50", "--preset", "paper",
            "--uniform", "false", "--seed=3", "--F", "2,6");
        assertEquals(0, r.code(), r.err());
        Seen s = seen.get();
        assertEquals(50, s.length());
        assertFalse(s.uniform());
        assertEquals(3, s.seed());
        assertArrayEquals(new double[] {2, 6}, s.drives());
        assertEquals(0.04, s.dt(), "the options not given still take the preset");
        assertEquals(50L, s.options().get("--L"));
        assertTrue(r.out().contains("preset paper: --dt 0.04 --algorithm splitstep; given "
            + "explicitly, kept: --L --F --uniform --seed"), r.out());
        assertTrue(r.out().contains("cost: 5.00e+07 site-steps"), r.out());
    }

    @Test
    void quickIsTheDefaultsUnchanged() {
        for (String[] args : List.of(new String[0], new String[] {"--preset", "quick"})) {
            AtomicReference<Seen> seen = new AtomicReference<>();
            Run r = CliTest.execute(probe(seen, true), args);
            assertEquals(0, r.code(), r.err());
            assertEquals(10, seen.get().length());
            assertEquals(0.01, seen.get().dt());
            assertEquals(42, seen.get().seed());
            assertEquals("quick", seen.get().options().get("--preset"));
            assertFalse(r.out().contains("preset"), r.out());
        }
    }

    @Test
    void anUnknownPresetIsBadInput() {
        AtomicReference<Seen> seen = new AtomicReference<>();
        Run r = CliTest.execute(probe(seen, true), "--preset", "huge");
        assertEquals(Cli.BAD_INPUT, r.code());
        assertTrue(r.err().startsWith("error: --preset must be one of quick, paper: huge"),
            r.err());
        assertEquals(null, seen.get(), "the body must not run");
    }

    @Test
    void paperWithoutAPaperPresetIsBadInputNamingTheExample() {
        AtomicReference<Seen> seen = new AtomicReference<>();
        Run r = CliTest.execute(probe(seen, false), "--preset", "paper");
        assertEquals(Cli.BAD_INPUT, r.code());
        assertTrue(r.err().startsWith("error: Probe has no paper preset"), r.err());
        assertEquals(null, seen.get(), "the body must not run");
    }

    @Test
    void aPresetNamingAnUndeclaredOptionIsABugOfTheExample() {
        Cli c = new Cli("Probe", "test", o -> { }).integer("L", "10", "sites")
            .preset("paper", Map.of("trajectories", "5"));
        Run r = CliTest.execute(c, "--preset", "paper");
        assertEquals(Cli.FAILURE, r.code());
        assertTrue(r.err().contains("undeclared option --trajectories"), r.err());
    }

    @Test
    void helpListsThePresetValues() {
        Run r = CliTest.execute(probe(new AtomicReference<>(), true), "--help");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().replaceAll("\\s+", " ").contains("--preset paper sets: --dt 0.04 --L "
            + "400 --F 5.5:8:0.5 --uniform true --algorithm splitstep --seed 7"), r.out());
    }

    @Test
    void quickCannotBeDeclared() {
        Cli c = new Cli("Probe", "test", o -> { });
        assertThrows(IllegalArgumentException.class, () -> c.preset("quick", Map.of("L", "1")));
        assertThrows(IllegalArgumentException.class, () -> c.preset("paper", Map.of()));
    }

    @Test
    void parseAppliesThePresetForTools() {
        Cli c = probe(new AtomicReference<>(), true).parse("--preset", "paper", "--dt", "0.02");
        assertEquals(400, c.integer("L"));
        assertEquals(0.02, c.real("dt"));
        assertEquals("5.5:8:0.5", c.string("F"));
        assertEquals(Map.of("L", "400", "F", "5.5:8:0.5", "uniform", "true", "algorithm",
            "splitstep", "seed", "7"), c.presetValues());
        assertEquals(4e8, c.estimate().siteSteps());
    }

    @Test
    void aDryRunPrintsTheEstimateAndExitsWithoutWork() {
        AtomicBoolean ran = new AtomicBoolean();
        Cli c = new Cli("Probe", "test", o -> ran.set(true)).integer("L", "10", "sites")
            .output(dir.resolve("never").toString())
            .preset("paper", Map.of("L", "1000000"))
            .cost(o -> Cost.chain(o.integer("L") * 1e7, o.integer("L"), 1, 1));
        Run r = CliTest.execute(c, "--preset", "paper", "--dry-run");
        assertEquals(0, r.code(), r.err());
        assertFalse(ran.get());
        assertFalse(Files.exists(dir.resolve("never")), "a dry run creates nothing");
        assertTrue(r.out().contains("preset paper: --L 1000000"), r.out());
        assertTrue(r.out().contains("cost: 1.00e+13 site-steps"), r.out());
        assertTrue(r.out().contains("a run needs --force"), r.out());
        // the same without --dry-run is refused before any work
        r = CliTest.execute(c, "--preset", "paper");
        assertEquals(Cli.BAD_INPUT, r.code());
        assertFalse(ran.get());
    }
}
