package org.ness4j.core.table;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ness4j.core.table.ProvenanceTest.assertMessage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The .npy layout against the NumPy format specification (numpy.lib.format, "NEP 1"): magic
 * {@code \x93NUMPY}, major and minor version bytes, little-endian header length (2 bytes in
 * version 1.0, 4 in 2.0), an ASCII Python dict literal with 'descr', 'fortran_order' and 'shape',
 * padded with spaces and ended by '\n' so that the data starts at a multiple of 64, then the
 * records in C order.
 */
class TableNpyTest {

    @TempDir
    Path dir;

    /**
     * The file NumPy 1.24 writes for this array (np.save of
     * {@code np.array([(1, 0.5, 'é'), (-2, -0.0, 'a😀b')], dtype=[('k','<i8'), ('x','<f8'),
     * ('s','<U3')])}), checked byte by byte.
     */
    @Test
    void matchesNumpySaveByteForByte() {
        Table t = Table.builder("t").longs("k", 1, -2).doubles("x", 0.5, -0.0)
                .strings("s", "é", "a😀b").build();
        byte[] bytes = TableNpy.toNpy(t);
        String dict = "{'descr': [('k', '<i8'), ('x', '<f8'), ('s', '<U3')], 'fortran_order':"
                + " False, 'shape': (2,), }";
        byte[] expectedHeader = new byte[128];
        Arrays.fill(expectedHeader, (byte) ' ');
        byte[] magic = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0, 118, 0};
        System.arraycopy(magic, 0, expectedHeader, 0, magic.length);
        byte[] dictBytes = dict.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(dictBytes, 0, expectedHeader, 10, dictBytes.length);
        expectedHeader[127] = '\n';
        // Records of 8 + 8 + 3 * 4 bytes: int64 LE, float64 LE, three UTF-32LE code points.
        byte[] expectedData = HexFormat.of().parseHex(
                "0100000000000000" + "000000000000e03f" + "e9000000" + "00000000" + "00000000"
                + "feffffffffffffff" + "0000000000000080" + "61000000" + "00f60100" + "62000000");
        assertEquals(128 + 56, bytes.length);
        assertArrayEquals(expectedHeader, Arrays.copyOfRange(bytes, 0, 128),
                new String(bytes, 0, 128, StandardCharsets.ISO_8859_1));
        assertArrayEquals(expectedData, Arrays.copyOfRange(bytes, 128, bytes.length));
    }

    static IntStream rowCounts() {
        return IntStream.of(0, 1, 2, 9, 10, 99, 100, 1000, 12345);
    }

    /** Alignment and header grammar for every header length the row count's digits give. */
    @ParameterizedTest
    @MethodSource("rowCounts")
    void headerFollowsTheSpecification(int rows) {
        double[] x = new double[rows];
        Arrays.fill(x, 1.0);
        Table t = Table.builder("t").doubles("value", x).build();
        byte[] bytes = TableNpy.toNpy(t);
        checkHeader(bytes, 1, "{'descr': [('value', '<f8')], 'fortran_order': False, 'shape': ("
                + rows + ",), }");
    }

    /** Checks a version-1.0 or 2.0 header; returns where the data starts. */
    static int checkHeader(byte[] bytes, int major, String dict) {
        assertArrayEquals(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'},
                Arrays.copyOf(bytes, 6));
        assertEquals(major, bytes[6]);
        assertEquals(0, bytes[7]);
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int start = major == 1 ? 10 : 12;
        int hlen = major == 1 ? b.getShort(8) & 0xFFFF : b.getInt(8);
        assertEquals(0, (start + hlen) % 64, "data must start at a multiple of 64");
        String header = new String(bytes, start, hlen, StandardCharsets.US_ASCII);
        assertTrue(header.endsWith("\n"), "header must end with a newline");
        assertTrue(header.startsWith(dict), header);
        String padding = header.substring(dict.length(), header.length() - 1);
        assertTrue(padding.chars().allMatch(c -> c == ' '), "padding must be spaces");
        return start + hlen;
    }

    @Test
    void largeHeaderUsesVersion2() {
        Table.Builder b = Table.builder("wide");
        StringBuilder dict = new StringBuilder("{'descr': [");
        for (int c = 0; c < 2500; c++) {
            String name = String.format("column_number_%05d", c);
            b.longs(name, c);
            dict.append(c == 0 ? "" : ", ").append("('").append(name).append("', '<i8')");
        }
        dict.append("], 'fortran_order': False, 'shape': (1,), }");
        Table t = b.build();
        assertMessage("table 'wide' needs a .npy header of 80116 bytes (2500 columns), more than"
                + " 10000, the most numpy.load reads without max_header_size",
                () -> TableNpy.toNpy(t));
        byte[] bytes = TableNpy.toNpy(t, 200_000);
        assertTrue(dict.length() > 65535, "the test needs a header beyond version 1.0's limit");
        int data = checkHeader(bytes, 2, dict.toString());
        ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(data + 2500 * 8, bytes.length);
        assertEquals(1234, buf.getLong(data + 1234 * 8));
        assertEquals(t, TableNpy.fromNpy(bytes, t.metadata()));
    }

    @Test
    void hardValuesRoundTripThroughFiles() throws IOException {
        Table t = TestTables.hard();
        Path npy = dir.resolve("hard_values.npy");
        TableNpy.write(t, npy);
        assertEquals(t.metadata().toJson(), Files.readString(dir.resolve("hard_values.json")));
        assertArrayEquals(TableNpy.toNpy(t), Files.readAllBytes(npy));
        assertEquals(t, TableNpy.read(npy));
        // Strings column: <U longest in code points ("trailing space " has 15).
        String header = new String(Files.readAllBytes(npy), 0, 200, StandardCharsets.ISO_8859_1);
        assertTrue(header.contains("('label', '<U15')"), header);
    }

    static LongStream seeds() {
        return LongStream.range(0, 10);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void randomRoundTrip(long seed) {
        Table t = TestTables.random(RandomSource.XO_SHI_RO_256_PP.create(seed), 40);
        assertEquals(t, TableNpy.fromNpy(TableNpy.toNpy(t), t.metadata()), "seed " + seed);
    }

    @Test
    void emptyTableAndEmptyStrings() {
        Table empty = Table.builder("e").strings("s").doubles("x").build();
        byte[] bytes = TableNpy.toNpy(empty);
        checkHeader(bytes, 1, "{'descr': [('s', '<U1'), ('x', '<f8')], 'fortran_order': False,"
                + " 'shape': (0,), }");
        assertEquals(empty, TableNpy.fromNpy(bytes, empty.metadata()));
        Table blank = Table.builder("b").strings("s", "", "").build();
        assertEquals(blank, TableNpy.fromNpy(TableNpy.toNpy(blank), blank.metadata()));
    }

    @Test
    void readerRefusesMismatches() {
        Table t = Table.builder("t").longs("k", 1, 2).doubles("x", 1, 2).build();
        byte[] bytes = TableNpy.toNpy(t);
        Table other = Table.builder("t").doubles("k", 1, 2).doubles("x", 1, 2).build();
        assertMessage(".npy field k has type <i8, expected <f8 for a double column",
                () -> TableNpy.fromNpy(bytes, other.metadata()));
        Table renamed = Table.builder("t").longs("q", 1, 2).doubles("x", 1, 2).build();
        assertMessage(".npy field 0 is named k, the metadata's column is q",
                () -> TableNpy.fromNpy(bytes, renamed.metadata()));
        Table shorter = Table.builder("t").longs("k", 1).doubles("x", 1).build();
        assertMessage(".npy array has 2 rows, the metadata says 1",
                () -> TableNpy.fromNpy(bytes, shorter.metadata()));
        assertMessage(".npy data has 31 bytes",
                () -> TableNpy.fromNpy(Arrays.copyOf(bytes, bytes.length - 1), t.metadata()));
        byte[] bad = bytes.clone();
        bad[1] = 'X';
        assertMessage("not a .npy file", () -> TableNpy.fromNpy(bad, t.metadata()));
    }
}
