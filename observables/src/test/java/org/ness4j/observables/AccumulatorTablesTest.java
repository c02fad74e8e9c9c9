package org.ness4j.observables;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.ness4j.core.chain.BoseHubbardChain;
import org.ness4j.core.stat.Estimate;
import org.ness4j.core.table.Column;
import org.ness4j.core.table.ColumnType;
import org.ness4j.core.table.Table;
import org.ness4j.core.table.TableCsv;
import org.ness4j.sde.chain.ChainProblem;
import org.ness4j.sde.ensemble.Ensemble;
import org.ness4j.sde.ensemble.Observations;
import org.ness4j.sde.ensemble.SampleSchedule;

/**
 * Every accumulator's {@code toTable()}: the documented columns (names, types, missing-value
 * flags), the rows in the documented order, values and errors equal to the accessors bit for
 * bit, and an exact round trip through CSV. Property-style: small ensemble runs whose chain
 * length, trajectories, group size and seed come from a seeded generator (the failing case is
 * in the test name).
 */
class AccumulatorTablesTest {

    private static final double DT = 0.01;

    @TempDir
    Path dir;

    /** Random run configurations: {length, trajectories, groupSize, seed}. */
    static Stream<long[]> configurations() {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(20261207L);
        List<long[]> cases = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            int groupSize = 1 + rng.nextInt(3);
            cases.add(new long[] {2 + rng.nextInt(3), groupSize * (2 + rng.nextInt(4)), groupSize,
                rng.nextLong()});
        }
        // a single group: the error columns must hold missing values, not fail
        cases.add(new long[] {2, 3, 3, 5});
        return cases.stream();
    }

    private static Observations run(long[] c) {
        int length = (int) c[0];
        int[] sites = new int[length];
        for (int l = 0; l < length; l++) {
            sites[l] = l;
        }
        SampleSchedule s = new SampleSchedule(10, 5);
        Ensemble e = Ensemble.builder(ChainProblem.truncatedWigner(
                BoseHubbardChain.builder(length).boundaryDrive(3).build()))
            .trajectories(c[1]).groupSize((int) c[2]).dt(DT).steps(60).seed(c[3]).build();
        return e.run(Observations.observer(SiteMoments.observer(s, sites),
            Correlations.observer(s, Correlations.reference(0, sites)),
            WignerHistogram.observer(s, 4, 6.0, 0, length - 1),
            FockPopulations.observer(s, 3, sites),
            LocalDensityMatrix.observer(s, length - 1, 3),
            SiteSeries.observer(s, 5, DT, sites),
            Autocorrelation.observer(s, 3, DT, sites))).requireSuccess();
    }

    private static PhaseOtoc runOtoc(long[] c) {
        int length = (int) c[0];
        return Ensemble.builder(ChainProblem.truncatedWigner(
                BoseHubbardChain.builder(length).boundaryDrive(3).build()))
            .trajectories(c[1]).groupSize((int) c[2]).dt(DT).steps(10 + 4 * 5).seed(c[3])
            .replicas(2, 10, PhaseOtoc.kick(0, 1e-3)).build()
            .run(PhaseOtoc.observer(10, 4, 6, DT, 0, length - 1)).requireSuccess();
    }

    @ParameterizedTest(name = "{index}: L, trajectories, groupSize, seed = {0}")
    @MethodSource("configurations")
    void everyAccumulatorTableMatchesItsAccessors(long[] c) throws Exception {
        String label = java.util.Arrays.toString(c);
        Observations o = run(c);
        int length = (int) c[0];

        SiteMoments m = o.get(0, SiteMoments.class);
        Table t = m.toTable();
        columns(t, "site_moments", "site:long", "field_re", "field_im", "mean_square",
            "mean_fourth", "field_variance", "n", "pair_correlation", "number_fluctuation", "g2",
            "mean_phase", "circular_variance");
        for (int r = 0; r < length; r++) {
            assertEquals(r, t.column("site").longAt(r), label);
            same(m.fieldRe(r), t, "field_re", r);
            same(m.fieldIm(r), t, "field_im", r);
            same(m.meanSquare(r), t, "mean_square", r);
            same(m.meanFourth(r), t, "mean_fourth", r);
            same(m.fieldVariance(r), t, "field_variance", r);
            same(m.photonNumber(r), t, "n", r);
            same(m.pairCorrelation(r), t, "pair_correlation", r);
            same(m.numberFluctuation(r), t, "number_fluctuation", r);
            same(m.g2(r), t, "g2", r);
            same(m.meanPhase(r), t, "mean_phase", r);
            same(m.circularVariance(r), t, "circular_variance", r);
        }
        roundTrip(t);
        Table withT = m.toTable(-2.5);
        assertEquals(t.columns(), withT.columns().subList(0, t.columnCount()));
        assertEquals(List.of("temperature", "temperature_err"),
            withT.columnNames().subList(t.columnCount(), withT.columnCount()));
        for (int r = 0; r < length; r++) {
            same(m.equipartitionTemperature(r, -2.5), withT, "temperature", r);
        }

        Correlations cor = o.get(1, Correlations.class);
        t = cor.toTable();
        columns(t, "correlations", "k:long", "l:long", "re", "im", "g1_abs");
        assertEquals(length, t.rowCount(), label);
        for (int r = 0; r < length; r++) {
            assertEquals(0, t.column("k").longAt(r));
            assertEquals(r, t.column("l").longAt(r));
            same(cor.correlationRe(0, r), t, "re", r);
            same(cor.correlationIm(0, r), t, "im", r);
            same(cor.g1Abs(0, r), t, "g1_abs", r);
        }
        roundTrip(t);

        WignerHistogram w = o.get(2, WignerHistogram.class).clipTolerance(1);
        t = w.toTable();
        columns(t, "wigner_histogram", "site:long", "i:long", "j:long", "re:double",
            "im:double", "density");
        assertEquals(2 * 16, t.rowCount(), label);
        int r = 0;
        for (int s : new int[] {0, length - 1}) {
            for (int i = 0; i < 4; i++) {
                for (int j = 0; j < 4; j++, r++) {
                    assertEquals(s, t.column("site").longAt(r));
                    assertEquals(i, t.column("i").longAt(r));
                    assertEquals(j, t.column("j").longAt(r));
                    assertEquals(w.center(i), t.column("re").doubleAt(r));
                    assertEquals(w.center(j), t.column("im").doubleAt(r));
                    same(w.density(s, i, j), t, "density", r);
                }
            }
        }
        roundTrip(t);

        FockPopulations f = o.get(3, FockPopulations.class);
        t = f.toTable();
        columns(t, "fock_populations", "site:long", "n:long", "population");
        assertEquals(length * 4, t.rowCount(), label);
        for (r = 0; r < t.rowCount(); r++) {
            assertEquals(r / 4, t.column("site").longAt(r));
            assertEquals(r % 4, t.column("n").longAt(r));
            same(f.population(r / 4, r % 4), t, "population", r);
        }
        roundTrip(t);

        LocalDensityMatrix rho = o.get(4, LocalDensityMatrix.class);
        t = rho.toTable();
        columns(t, "local_density_matrix", "site:long", "n:long", "m:long", "re", "im");
        assertEquals(9, t.rowCount(), label);
        for (r = 0; r < 9; r++) {
            assertEquals(length - 1, t.column("site").longAt(r));
            assertEquals(r / 3, t.column("n").longAt(r));
            assertEquals(r % 3, t.column("m").longAt(r));
            same(rho.re(r / 3, r % 3), t, "re", r);
            same(rho.im(r / 3, r % 3), t, "im", r);
        }
        roundTrip(t);

        SiteSeries series = o.get(5, SiteSeries.class);
        t = series.toTable();
        columns(t, "site_series", "time_index:long", "t:double", "site:long", "n", "mean_phase",
            "circular_variance", "field_re");
        assertEquals(5 * length, t.rowCount(), label);
        for (r = 0; r < t.rowCount(); r++) {
            int j = r / length;
            int s = r % length;
            assertEquals(j, t.column("time_index").longAt(r));
            assertEquals(series.time(j), t.column("t").doubleAt(r));
            assertEquals(s, t.column("site").longAt(r));
            same(series.photonNumber(s, j), t, "n", r);
            same(series.meanPhase(s, j), t, "mean_phase", r);
            same(series.circularVariance(s, j), t, "circular_variance", r);
            same(series.fieldRe(s, j), t, "field_re", r);
        }
        roundTrip(t);

        Autocorrelation a = o.get(6, Autocorrelation.class);
        t = a.toTable();
        columns(t, "autocorrelation", "site:long", "lag_index:long", "lag:double", "c");
        assertEquals(3 * length, t.rowCount(), label);
        for (r = 0; r < t.rowCount(); r++) {
            assertEquals(r / 3, t.column("site").longAt(r));
            assertEquals(r % 3, t.column("lag_index").longAt(r));
            assertEquals(a.lag(r % 3), t.column("lag").doubleAt(r));
            same(a.value(r / 3, r % 3), t, "c", r);
        }
        roundTrip(t);

        PhaseOtoc d = runOtoc(c);
        t = d.toTable();
        columns(t, "phase_otoc", "site:long", "delay_index:long", "delay:double",
            "decorrelation");
        assertEquals(2 * 6, t.rowCount(), label);
        for (r = 0; r < t.rowCount(); r++) {
            int s = r < 6 ? 0 : length - 1;
            assertEquals(s, t.column("site").longAt(r));
            assertEquals(r % 6, t.column("delay_index").longAt(r));
            assertEquals(d.delay(r % 6), t.column("delay").doubleAt(r));
            same(d.decorrelation(s, r % 6), t, "decorrelation", r);
        }
        roundTrip(t);

        // the composite: one table per part, under the parts' names
        List<Table> tables = o.tables();
        assertEquals(List.of("site_moments", "correlations", "wigner_histogram",
            "fock_populations", "local_density_matrix", "site_series", "autocorrelation"),
            tables.stream().map(Table::name).toList());
        assertEquals(m.toTable(), tables.get(0));
    }

    @ParameterizedTest(name = "{index}: {0}")
    @MethodSource("configurations")
    void singleGroupGivesMissingErrors(long[] c) {
        SiteMoments m = run(c).get(0, SiteMoments.class);
        Table t = m.toTable();
        Column err = t.column("n_err");
        for (int r = 0; r < t.rowCount(); r++) {
            // the accessor's error is NaN exactly when there are fewer than two groups
            assertEquals(m.groupCount() < 2, Double.isNaN(err.doubleAt(r)),
                java.util.Arrays.toString(c));
        }
    }

    @org.junit.jupiter.api.Test
    void duplicatePartNamesAreNumbered() {
        SampleSchedule s = new SampleSchedule(0, 5);
        Observations o = Ensemble.builder(ChainProblem.truncatedWigner(
                BoseHubbardChain.builder(2).build())).trajectories(4).dt(DT).steps(20).seed(1)
            .build().run(Observations.observer(SiteMoments.observer(s, 0),
                FockPopulations.observer(s, 2, 1), SiteMoments.observer(s, 1)))
            .requireSuccess();
        assertEquals(List.of("site_moments_0", "fock_populations", "site_moments_2"),
            o.tables().stream().map(Table::name).toList());
        assertEquals(o.get(2, SiteMoments.class).toTable().columns(), o.tables().get(2).columns());
    }

    /**
     * Checks the table name and columns: a key is "name:type", an estimate "name" stands for
     * its value and error columns (doubles allowing missing values).
     */
    private static void columns(Table t, String name, String... spec) {
        assertEquals(name, t.name());
        List<String> expected = new ArrayList<>();
        for (String s : spec) {
            int colon = s.indexOf(':');
            if (colon > 0) {
                String n = s.substring(0, colon);
                expected.add(n);
                assertEquals(ColumnType.ofLabel(s.substring(colon + 1)), t.column(n).type(), n);
                assertFalse(t.column(n).allowsMissing(), n);
            } else {
                expected.add(s);
                expected.add(s + Table.ERROR_SUFFIX);
                for (String n : List.of(s, s + Table.ERROR_SUFFIX)) {
                    assertEquals(ColumnType.DOUBLE, t.column(n).type(), n);
                    assertTrue(t.column(n).allowsMissing(), n);
                }
            }
        }
        assertEquals(expected, t.columnNames());
    }

    /** The row's value and error equal the estimate bit for bit (NaN equals NaN). */
    private static void same(Estimate e, Table t, String name, int row) {
        assertEquals(Double.doubleToLongBits(e.value()),
            Double.doubleToLongBits(t.column(name).doubleAt(row)), name + " row " + row);
        assertEquals(Double.doubleToLongBits(e.standardError()),
            Double.doubleToLongBits(t.column(name + Table.ERROR_SUFFIX).doubleAt(row)),
            name + "_err row " + row);
    }

    private void roundTrip(Table t) throws Exception {
        Path csv = dir.resolve(t.name() + ".csv");
        TableCsv.write(t, csv);
        assertEquals(t, TableCsv.read(csv));
        String header = Files.readAllLines(csv, StandardCharsets.UTF_8).get(0);
        assertEquals(String.join(",", t.columnNames()), header);
        assertArrayEquals(TableCsv.toCsv(t).getBytes(StandardCharsets.UTF_8),
            Files.readAllBytes(csv));
    }
}
