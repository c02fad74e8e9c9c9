package org.ness4j.core.table;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ness4j.core.table.ProvenanceTest.assertMessage;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.LongStream;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class TableCsvTest {

    @TempDir
    Path dir;

    private static Table small() {
        return Table.builder("small")
                .longs("id", 1, 9_007_199_254_740_993L)
                .doubles("x", 0.5, -0.0)
                .strings("s", "a,b", "say \"hi\"")
                .doublesWithMissing("m", Double.NaN, 2.0e-3)
                .build();
    }

    @Test
    void exactText() {
        assertEquals("id,x,s,m\n"
                + "1,0.5,\"a,b\",\n"
                + "9007199254740993,-0.0,\"say \"\"hi\"\"\",0.002\n", TableCsv.toCsv(small()));
    }

    @Test
    void csvHoldsDataOnly() {
        Table a = TestTables.hard();
        Table b = a.withProvenance(a.provenance().toBuilder().masterSeed(1)
                .interval(Instant.EPOCH, Instant.EPOCH).commandLine(List.of("other"))
                .javaVersion("99").build());
        String csv = TableCsv.toCsv(a);
        assertEquals(csv, TableCsv.toCsv(b), "provenance must not change the CSV bytes");
        assertTrue(csv.startsWith(String.join(",", a.columnNames()) + "\n"), csv);
        assertFalse(csv.contains("#"));
        assertFalse(csv.contains("2026"), "no timestamps");
        assertFalse(csv.contains("8765432109876543210"), "no seed");
    }

    @Test
    void fileRoundTripWithSidecar() throws IOException {
        Table t = TestTables.hard();
        Path csv = dir.resolve("hard_values.csv");
        TableCsv.write(t, csv);
        Path sidecar = dir.resolve("hard_values.json");
        assertTrue(Files.exists(sidecar));
        assertEquals(t.metadata().toJson(), Files.readString(sidecar, StandardCharsets.UTF_8));
        assertArrayEquals(TableCsv.toCsv(t).getBytes(StandardCharsets.UTF_8),
                Files.readAllBytes(csv));
        Table back = TableCsv.read(csv);
        assertEquals(t, back);
        assertEquals(ColumnType.LONG, back.column("site").type());
        assertTrue(Double.isNaN(back.column("maybe").doubleAt(0)));
        assertEquals(Double.doubleToRawLongBits(-0.0),
                Double.doubleToRawLongBits(back.column("n").doubleAt(2)));
    }

    static LongStream seeds() {
        return LongStream.range(0, 10);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void randomRoundTrip(long seed) {
        Table t = TestTables.random(RandomSource.XO_SHI_RO_256_PP.create(seed), 60);
        Table back = TableCsv.fromCsv(TableCsv.toCsv(t), t.metadata());
        assertEquals(t, back, "seed " + seed);
    }

    @Test
    void edgeShapes() {
        Table empty = Table.builder("empty").doubles("x").strings("s").build();
        assertEquals("x,s\n", TableCsv.toCsv(empty));
        assertEquals(empty, TableCsv.fromCsv(TableCsv.toCsv(empty), empty.metadata()));
        Table emptyString = Table.builder("e").strings("s", "", "a").build();
        assertEquals("s\n\"\"\na\n", TableCsv.toCsv(emptyString));
        assertEquals(emptyString,
                TableCsv.fromCsv(TableCsv.toCsv(emptyString), emptyString.metadata()));
        Table missing = Table.builder("m").doublesWithMissing("x", Double.NaN, 1).build();
        assertEquals("x\n\n1.0\n", TableCsv.toCsv(missing));
        assertEquals(missing, TableCsv.fromCsv(TableCsv.toCsv(missing), missing.metadata()));
    }

    @Test
    void readsCrlfAndUnquotedStrings() {
        Table t = Table.builder("t").longs("k", 1, 2).strings("s", "x y", "z").build();
        assertEquals(t, TableCsv.fromCsv("k,s\r\n1,x y\r\n2,\"z\"", t.metadata()));
    }

    @Test
    void readerRefusesMismatchesNamingLineAndColumn() {
        TableMetadata m = small().metadata();
        assertMessage("CSV header [id, x, s] differs from the metadata's columns [id, x, s, m]",
                () -> TableCsv.fromCsv("id,x,s\n", m));
        assertMessage("CSV has 1 data rows, the metadata says 2",
                () -> TableCsv.fromCsv("id,x,s,m\n1,0.5,a,\n", m));
        assertMessage("line 3, column 'x': not a finite decimal number: \"NaN\"",
                () -> TableCsv.fromCsv("id,x,s,m\n1,0.5,a,\n2,NaN,b,1\n", m));
        assertMessage("line 2, column 'x': not a finite decimal number: \"\"",
                () -> TableCsv.fromCsv("id,x,s,m\n1,,a,\n2,1,b,1\n", m));
        assertMessage("line 2, column 'id': not a 64-bit integer: \"9223372036854775808\"",
                () -> TableCsv.fromCsv("id,x,s,m\n9223372036854775808,1,a,\n2,1,b,1\n", m));
        assertMessage("line 2: 3 fields, the header has 4",
                () -> TableCsv.fromCsv("id,x,s,m\n1,1,a\n", m));
        assertMessage("line 2: quoted field not closed",
                () -> TableCsv.fromCsv("id,x,s,m\n1,1,\"a,\n", m));
        assertMessage("line 2: double quote inside an unquoted field",
                () -> TableCsv.fromCsv("id,x,s,m\n1,1,a\"b,\n", m));
        assertMessage("line 2: unexpected 'x' after a field",
                () -> TableCsv.fromCsv("id,x,s,m\n1,1,\"a\"x,\n", m));
        assertMessage("line 4: CSV has more than the 2 data rows",
                () -> TableCsv.fromCsv("id,x,s,m\n1,1,a,\n2,1,b,\n3,1,c,\n", m));
    }

    @Test
    void readerNeedsTheSidecar() throws IOException {
        Path csv = dir.resolve("lonely.csv");
        Files.writeString(csv, "x\n1.0\n");
        NoSuchFileException e = assertThrows(NoSuchFileException.class, () -> TableCsv.read(csv));
        assertTrue(e.getMessage().contains("lonely.json"), e.getMessage());
        assertTrue(e.getMessage().contains("sidecar"), e.getMessage());
    }

    @Test
    void sidecarNames() {
        assertEquals(dir.resolve("a.json"), TableMetadata.sidecarPath(dir.resolve("a.csv")));
        assertEquals(dir.resolve("a.b.json"), TableMetadata.sidecarPath(dir.resolve("a.b.npy")));
        assertEquals(dir.resolve("a.json"), TableMetadata.sidecarPath(dir.resolve("a")));
        assertMessage("data file must not end in .json",
                () -> TableMetadata.sidecarPath(dir.resolve("a.json")));
    }
}
