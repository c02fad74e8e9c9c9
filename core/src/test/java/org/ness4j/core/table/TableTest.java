package org.ness4j.core.table;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ness4j.core.table.ProvenanceTest.assertMessage;

import java.util.List;
import org.ness4j.core.stat.Estimate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TableTest {

    @Test
    void estimateAddsValueAndErrorColumns() {
        Table t = Table.builder("moments").ints("site", 0, 1)
                .estimate("n", new double[] {1.5, 2.5}, new double[] {0.1, 0.2},
                        new double[] {0.01, -0.02})
                .estimate("m", new double[] {1, 2}, new double[] {0.1, 0.2},
                        new double[] {-0.5, 0.5}, new double[] {0.05, 0.06})
                .estimates("x", List.of(new Estimate(3, 0.3), new Estimate(4, 0.4)))
                .build();
        assertEquals(List.of("site", "n", "n_err", "n_step", "m", "m_err", "m_step",
                "m_step_err", "x", "x_err"), t.columnNames());
        assertEquals(ColumnType.LONG, t.column("site").type());
        assertArrayEquals(new long[] {0, 1}, t.column("site").longs());
        // step errors are signed; their standard errors are not
        assertArrayEquals(new double[] {0.01, -0.02}, t.column("n_step").doubles());
        assertArrayEquals(new double[] {0.05, 0.06}, t.column("m_step_err").doubles());
        assertArrayEquals(new double[] {0.3, 0.4}, t.column("x_err").doubles());
        assertEquals(2, t.rowCount());
        assertEquals("Table moments (2 rows: site, n, n_err, n_step, m, m_err, m_step, "
                + "m_step_err, x, x_err)", t.toString());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Table.builder("t").estimate("n", new double[] {1}, new double[] {0.1},
                        new double[] {0.1}, new double[] {-1}));
        assertTrue(e.getMessage().contains("n_step_err"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Table.builder("t").estimate("n", new double[] {1}, new double[] {0.1},
                        null, new double[] {1}));
        assertTrue(e.getMessage().contains("n_step"), e.getMessage());
    }

    @Test
    void isImmutable() {
        double[] v = {1, 2};
        String[] s = {"a", "b"};
        Table t = Table.builder("t").doubles("v", v).strings("s", s).build();
        v[0] = 99;
        s[0] = "z";
        t.column("v").doubles()[1] = 42;
        assertArrayEquals(new double[] {1, 2}, t.column("v").doubles());
        assertArrayEquals(new String[] {"a", "b"}, t.column("s").strings());
        assertThrows(UnsupportedOperationException.class,
                () -> t.columns().add(Column.ofDoubles("w", v)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "1a", "a b", "a-b", "a.b", "a/b", "é", "a,b", "a\"b", "n\n"})
    void refusesUnsafeNames(String name) {
        assertMessage("column name must match [A-Za-z_][A-Za-z0-9_]*",
                () -> Column.ofDoubles(name, new double[0]));
        assertMessage("table name must match", () -> Table.builder(name));
    }

    @Test
    void refusesInvalidTables() {
        assertMessage("table 't': column name 'a' appears twice",
                () -> Table.builder("t").doubles("a", 1).longs("a", 1));
        assertMessage("table 't': column 'b' has 2 rows, column 'a' has 1",
                () -> Table.builder("t").doubles("a", 1).longs("b", 1, 2));
        assertMessage("table 't' needs at least one column", () -> Table.builder("t").build());
        assertMessage("column 'a' row 1: value must be finite: NaN (use Column.ofDoublesWithMissing",
                () -> Column.ofDoubles("a", new double[] {0, Double.NaN}));
        assertMessage("column 'a' row 0: value must be finite or NaN (missing): Infinity",
                () -> Column.ofDoublesWithMissing("a", new double[] {Double.POSITIVE_INFINITY}));
        assertMessage("column 's' row 1: value must not be null",
                () -> Column.ofStrings("s", new String[] {"a", null}));
        assertMessage("column 's' row 0: value must not contain U+0000",
                () -> Column.ofStrings("s", new String[] {"a\0"}));
        assertMessage("column 's' row 0: value contains an unpaired surrogate at index 1",
                () -> Column.ofStrings("s", new String[] {"a\ud83d"}));
        assertMessage("column 'n_err' row 1: error must be finite and >= 0: -1.0",
                () -> Table.builder("t").estimate("n", new double[] {1, 2},
                        new double[] {0, -1}));
        assertMessage("column 'n_err' has 1 rows, its value column has 2",
                () -> Table.builder("t").estimate("n", new double[] {1, 2}, new double[] {0}));
        assertMessage("table 't' has no column 'x'; columns: [a]",
                () -> Table.builder("t").doubles("a", 1).build().column("x"));
    }

    @Test
    void missingValuesOnlyWhereAllowed() {
        Column c = Column.ofDoublesWithMissing("m", new double[] {Double.NaN, 1});
        assertTrue(c.allowsMissing());
        assertTrue(Double.isNaN(c.doubleAt(0)));
        assertMessage("only double columns may allow missing values",
                () -> new TableMetadata.ColumnSpec("x", ColumnType.LONG, true));
    }

    @Test
    void equalityIsBitwiseOnDoubles() {
        Table a = Table.builder("t").doubles("x", 0.0).build();
        Table b = Table.builder("t").doubles("x", -0.0).build();
        assertNotEquals(a, b);
        assertEquals(a, Table.builder("t").doubles("x", 0.0).provenance(a.provenance()).build());
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> a.column("x").longs());
        assertEquals("column 'x' holds double values, not long", e.getMessage());
    }

    @Test
    void metadataJsonRoundTrip() {
        Table t = TestTables.hard();
        TableMetadata m = t.metadata();
        assertEquals(m, TableMetadata.fromJson(m.toJson()));
        assertTrue(m.toJson().startsWith("{\n  \"format\": \"ness4j-table\",\n"
                + "  \"formatVersion\": 1,\n  \"table\": \"hard_values\",\n  \"rows\": 16,\n"
                + "  \"columns\": [\n    {\n      \"name\": \"id\",\n      \"type\": \"long\",\n"
                + "      \"missing\": false\n    },\n"), m.toJson());
        assertMessage("formatVersion 2 is not supported",
                () -> TableMetadata.fromJson(m.toJson().replace("\"formatVersion\": 1",
                        "\"formatVersion\": 2")));
        assertMessage("column type must be \"double\", \"long\" or \"string\": \"int\"",
                () -> TableMetadata.fromJson(m.toJson().replace("\"type\": \"long\"",
                        "\"type\": \"int\"")));
    }
}
