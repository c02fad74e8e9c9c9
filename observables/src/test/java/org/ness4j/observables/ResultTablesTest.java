package org.ness4j.observables;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.ness4j.core.Version;
import org.ness4j.core.chain.BoseHubbardChain;
import org.ness4j.core.stat.Estimate;
import org.ness4j.core.table.Column;
import org.ness4j.core.table.Provenance;
import org.ness4j.core.table.Table;
import org.ness4j.core.table.TableCsv;
import org.ness4j.core.table.TableMetadata;
import org.ness4j.sde.chain.ChainProblem;
import org.ness4j.sde.chain.SplitStep;
import org.ness4j.sde.ensemble.Ensemble;
import org.ness4j.sde.ensemble.EnsembleResult;
import org.ness4j.sde.ensemble.ReturnCode;
import org.ness4j.sde.ensemble.SampleSchedule;
import org.ness4j.sde.ensemble.Scan;

/**
 * Tables of whole runs: {@link EnsembleResult#provenance()} holds the ensemble's settings and
 * the run's wall-clock interval, {@link EnsembleResult#table()} attaches it (and the error
 * budget's step errors), the CSV bytes do not depend on it, and {@link Scan#table} joins the
 * points of a grid into one tidy table.
 */
class ResultTablesTest {

    private static final double DT = 0.01;

    @TempDir
    Path dir;

    /** Random settings: {length, groupSize, groups, steps, seed}. */
    static Stream<long[]> settings() {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(17_2026L);
        List<long[]> cases = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            cases.add(new long[] {2 + rng.nextInt(4), 1 + rng.nextInt(4), 2 + rng.nextInt(4),
                20 + rng.nextInt(40), rng.nextLong()});
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{index}: L, groupSize, groups, steps, seed = {0}")
    @MethodSource("settings")
    void provenanceHoldsTheBuilderSettings(long[] c) {
        int length = (int) c[0];
        int groupSize = (int) c[1];
        long trajectories = groupSize * c[2];
        BoseHubbardChain chain = BoseHubbardChain.builder(length).boundaryDrive(2.5)
            .interaction(0.1).build();
        Ensemble e = Ensemble.builder(ChainProblem.truncatedWigner(chain))
            .algorithm(SplitStep.create()).trajectories(trajectories).groupSize(groupSize)
            .dt(DT).steps(c[3]).seed(c[4]).build();
        Instant before = Instant.now();
        EnsembleResult<SiteMoments> r = e.run(SiteMoments.observer(new SampleSchedule(0, 5), 0));
        Instant after = Instant.now();
        Provenance p = r.provenance();
        String label = java.util.Arrays.toString(c);
        assertEquals(c[4], p.masterSeed().getAsLong(), label);
        assertEquals(DT, p.dt().getAsDouble(), label);
        assertEquals(c[3], p.steps().getAsLong(), label);
        assertEquals(SplitStep.create().name(), p.algorithm().get(), label);
        assertEquals(trajectories, p.trajectories().getAsLong(), label);
        assertEquals(c[2], p.groups().getAsInt(), label);
        assertEquals((long) groupSize, p.parameters().get("groupSize"), label);
        assertEquals((long) length, p.parameters().get("L"), label);
        assertEquals(chain.hopping(), p.parameters().get("J"), label);
        assertEquals(chain.interaction(), p.parameters().get("U"), label);
        assertEquals(chain.detuning(), p.parameters().get("Delta"), label);
        assertEquals(java.util.Arrays.toString(chain.drives()), p.parameters().get("F"), label);
        assertEquals(ChainProblem.truncatedWigner(chain).toString(),
            p.parameters().get("problem"), label);
        assertEquals("TRUNCATED_WIGNER", p.parameters().get("limit"), label);
        assertEquals(Version.current(), p.libraryVersion());
        assertEquals(System.getProperty("java.version"), p.javaVersion());
        Instant start = p.start().orElseThrow();
        Instant end = p.end().orElseThrow();
        assertFalse(start.isBefore(before.minusMillis(1)), start + " before " + before);
        assertFalse(end.isAfter(after), end + " after " + after);
        assertFalse(end.isBefore(start));
        // the settings part is also available before a run
        Provenance settings = e.provenance();
        assertEquals(p.parameters(), settings.parameters());
        assertTrue(settings.start().isEmpty());
        // the table carries it; the CSV bytes do not
        Table t = r.table();
        assertEquals(p, t.provenance());
        assertEquals(r.statistics().toTable().columns(), t.columns());
        assertEquals(TableCsv.toCsv(r.statistics().toTable()), TableCsv.toCsv(t));
        assertEquals(t, r.table(SiteMoments::toTable));
    }

    @Test
    void csvBytesAreDataOnlyAndSidecarHasTheRun() throws Exception {
        Ensemble.Builder b = Ensemble.builder(ChainProblem.truncatedWigner(
                BoseHubbardChain.builder(3).boundaryDrive(2).build()))
            .trajectories(8).groupSize(2).dt(DT).steps(30).seed(987_654_321L);
        Table first = b.build().run(SiteMoments.observer(new SampleSchedule(0, 3), 0, 1, 2))
            .table();
        Table second = b.threads(1).build()
            .run(SiteMoments.observer(new SampleSchedule(0, 3), 0, 1, 2)).table();
        Path a = dir.resolve("a.csv");
        Path c = dir.resolve("c.csv");
        TableCsv.write(first, a);
        TableCsv.write(second, c);
        // same computation at another time and thread count: the same bytes
        assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(c));
        String csv = Files.readString(a, StandardCharsets.UTF_8);
        assertFalse(csv.contains("987654321"), csv);
        assertFalse(csv.contains(first.provenance().start().get().toString().substring(0, 10)));
        TableMetadata meta = TableMetadata.readSidecar(a);
        assertEquals(987_654_321L, meta.provenance().masterSeed().getAsLong());
        assertEquals(first, TableCsv.read(a));
    }

    @Test
    void errorBudgetAddsSignedStepErrorColumns() {
        EnsembleResult<SiteMoments> r = Ensemble.builder(ChainProblem.truncatedWigner(
                BoseHubbardChain.builder(2).boundaryDrive(2).build()))
            .trajectories(16).groupSize(2).dt(0.05).steps(40).seed(3).errorBudget(8).build()
            .run(SiteMoments.observer(new SampleSchedule(20, 5), 0, 1));
        assertTrue(r.hasStepErrors());
        Table t = r.table();
        List<String> names = t.columnNames();
        int i = names.indexOf("n_err");
        assertEquals(List.of("n_err", "n_step", "n_step_err", "pair_correlation"),
            names.subList(i, i + 4));
        Estimate[] n = r.estimates(m -> new Estimate[] {m.photonNumber(0), m.photonNumber(1)});
        for (int row = 0; row < 2; row++) {
            assertEquals(n[row].value(), t.column("n").doubleAt(row));
            assertEquals(Double.doubleToLongBits(n[row].stepError().value()),
                Double.doubleToLongBits(t.column("n_step").doubleAt(row)));
            assertEquals(Double.doubleToLongBits(n[row].stepError().standardError()),
                Double.doubleToLongBits(t.column("n_step_err").doubleAt(row)));
        }
        assertTrue(n[0].hasStepError());
        // every estimate column got them, keys did not
        assertTrue(t.hasColumn("g2_step") && !t.hasColumn("site_step"));
    }

    @Test
    void oldConstructorsStillWorkAndRecordTheInterval() {
        Instant before = Instant.now();
        EnsembleResult<SiteMoments> r = new EnsembleResult<>(SiteMoments.of(0),
            ReturnCode.SUCCESS, List.of(), 12, 5L, Duration.ofSeconds(3));
        assertEquals(5L, r.provenance().masterSeed().getAsLong());
        assertEquals(12, r.provenance().trajectories().getAsLong());
        assertEquals(Duration.ofSeconds(3),
            Duration.between(r.provenance().start().get(), r.provenance().end().get()));
        assertFalse(r.provenance().end().get().isBefore(before));
        assertEquals(null, new EnsembleResult<>(SiteMoments.of(0), ReturnCode.SUCCESS,
            List.of(), 1, 1L, Duration.ZERO, null).stepErrors());
        assertThrows(IllegalStateException.class, () -> new EnsembleResult<>(SiteMoments.of(0),
            ReturnCode.CANCELLED, List.of(), 0, 1L, Duration.ZERO).table());
    }

    record Point(double drive, int length) {
    }

    @Test
    void scanTableHasOneBlockPerPointWithItsKeys() {
        List<Point> points = new ArrayList<>();
        for (int l : new int[] {2, 3}) {
            for (double f : new double[] {1.0, 2.5, 4.0}) {
                points.add(new Point(f, l));
            }
        }
        long master = 77;
        List<EnsembleResult<SiteMoments>> results = Scan.run(points, (p, index, progress) -> {
            int[] sites = new int[p.length()];
            for (int s = 0; s < sites.length; s++) {
                sites[s] = s;
            }
            return Ensemble.builder(ChainProblem.truncatedWigner(BoseHubbardChain
                    .builder(p.length()).boundaryDrive(p.drive()).build()))
                .trajectories(6).groupSize(2).dt(DT).steps(20).seed(master + index).threads(1)
                .build().run(SiteMoments.observer(new SampleSchedule(0, 4), sites));
        }, 2, null, Duration.ofSeconds(1));
        List<Table> tables = results.stream().map(EnsembleResult::table).toList();
        Table scan = Scan.table("scan_moments", points, p -> {
            Map<String, Object> k = new LinkedHashMap<>();
            k.put("F", p.drive());
            k.put("L", p.length());
            return k;
        }, tables);
        List<String> expected = new ArrayList<>(List.of("F", "L", "master_seed"));
        expected.addAll(tables.get(0).columnNames());
        assertEquals(expected, scan.columnNames());
        int row = 0;
        for (int p = 0; p < points.size(); p++) {
            Table t = tables.get(p);
            for (int r = 0; r < t.rowCount(); r++, row++) {
                assertEquals(points.get(p).drive(), scan.column("F").doubleAt(row));
                assertEquals(points.get(p).length(), scan.column("L").longAt(row));
                assertEquals(master + p, scan.column("master_seed").longAt(row));
                for (Column c : t.columns()) {
                    Column s = scan.column(c.name());
                    switch (c.type()) {
                        case DOUBLE -> assertEquals(Double.doubleToLongBits(c.doubleAt(r)),
                            Double.doubleToLongBits(s.doubleAt(row)), c.name());
                        case LONG -> assertEquals(c.longAt(r), s.longAt(row), c.name());
                        default -> assertEquals(c.stringAt(r), s.stringAt(row), c.name());
                    }
                    assertEquals(c.allowsMissing(), s.allowsMissing(), c.name());
                }
            }
        }
        assertEquals(row, scan.rowCount());
        assertEquals(3 * 2 + 3 * 3, row);
        Provenance sp = scan.provenance();
        assertEquals(DT, sp.dt().getAsDouble());
        assertEquals(20, sp.steps().getAsLong());
        assertEquals(6, sp.trajectories().getAsLong());
        assertTrue(sp.masterSeed().isEmpty(), "seeds differ: in the data, not the provenance");
        assertEquals(6L, sp.parameters().get("points"));
        assertFalse(sp.parameters().containsKey("L"), "L differs between points");
        assertEquals(BoseHubbardChain.DEFAULT_HOPPING, sp.parameters().get("J")); // same everywhere
        for (Table t : tables) {
            assertFalse(t.provenance().start().get().isBefore(sp.start().get()));
            assertFalse(t.provenance().end().get().isAfter(sp.end().get()));
        }
        assertEquals(scan, Scan.table("scan_moments", points, p -> {
            Map<String, Object> k = new LinkedHashMap<>();
            k.put("F", p.drive());
            k.put("L", p.length());
            return k;
        }, tables));
    }

    @Test
    void scanRefusesMismatchedPoints() {
        Table a = Table.builder("x").ints("site", 0).doubles("v", 1.0).build();
        Table b = Table.builder("x").ints("site", 0).ints("v", 1).build();
        List<Integer> points = List.of(1, 2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> Scan.table("s", points, p -> Map.of("F", p), List.of(a, b)));
        assertTrue(e.getMessage().contains("point 1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
            () -> Scan.table("s", points, p -> Map.of("site", p), List.of(a, a)));
        assertTrue(e.getMessage().contains("site"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
            () -> Scan.table("s", points, p -> Map.of("F", p), List.of(a)));
        assertTrue(e.getMessage().contains("equal size"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
            () -> Scan.table("s", points, p -> Map.<String, Object>of("F", p == 1 ? (Object) 1 : (Object) 2.0), List.of(a, a)));
        assertTrue(e.getMessage().contains("key 'F' of point 1"), e.getMessage());
        // same seeds (or none): no master_seed column
        assertEquals(List.of("F", "site", "v"),
            Scan.table("s", points, p -> Map.of("F", p), List.of(a, a)).columnNames());
    }

    @Test
    void parametersOfOtherTypesBecomeTextInsteadOfFailingTheRun() {
        ChainProblem chain = ChainProblem.truncatedWigner(BoseHubbardChain.builder(2).build());
        org.ness4j.sde.SdeProblem odd = new org.ness4j.sde.SdeProblem() {
            @Override
            public int dimension() {
                return chain.dimension();
            }

            @Override
            public int[] noiseComponents() {
                return chain.noiseComponents();
            }

            @Override
            public org.ness4j.sde.NoiseKind noiseKind() {
                return chain.noiseKind();
            }

            @Override
            public void drift(double t, double[] x, double[] out, int batch) {
                chain.drift(t, x, out, batch);
            }

            @Override
            public void diffusion(double t, double[] x, double[] out, int batch) {
                chain.diffusion(t, x, out, batch);
            }

            @Override
            public void initialState(org.apache.commons.rng.sampling.distribution
                .NormalizedGaussianSampler gaussian, double[] x, int batch, int lane) {
                chain.initialState(gaussian, x, batch, lane);
            }

            @Override
            public Map<String, Object> provenanceParameters() {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("nan", Double.NaN);
                m.put("array", List.of(1, 2));
                m.put("float", 1.5f);
                m.put("int", 7);
                m.put("", 3);
                return m;
            }
        };
        EnsembleResult<SiteMoments> r = Ensemble.builder(odd).trajectories(2).dt(DT).steps(5)
            .build().run(SiteMoments.observer(new SampleSchedule(0, 1), 0));
        Map<String, Object> p = r.provenance().parameters();
        assertEquals("NaN", p.get("nan"));
        assertEquals("[1, 2]", p.get("array"));
        assertEquals(1.5, p.get("float"));
        assertEquals(7L, p.get("int"));
        assertFalse(p.containsKey(""));
        assertEquals(1L, p.get("groupSize"));
        assertEquals(r.statistics().toTable().columns(), r.table().columns());
    }
}
