package org.ness4j.core.table;

import java.time.Instant;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;

/** Tables with hard values for the format tests. */
public final class TestTables {

    private TestTables() {
    }

    /** Provenance with every field set, including characters JSON must escape. */
    public static Provenance fullProvenance() {
        return Provenance.builder()
                .masterSeed(-8_765_432_109_876_543_210L)
                .dt(0.005)
                .steps(20_000)
                .algorithm("Heun")
                .parameter("J", 1.0)
                .parameter("F", 2.5e-3)
                .parameter("L", 16L)
                .parameter("open", true)
                .parameter("note", "a \"quoted\" \\ back\tslash, é, \u2028 and 😀")
                .trajectories(4096)
                .groups(64)
                .interval(Instant.parse("2026-12-07T22:31:15.123456789Z"),
                        Instant.parse("2026-12-07T22:45:00Z"))
                .commandLine(List.of("--F", "2,6,12", "--out", "dir with space/ü", "--x=\"q\""))
                .build();
    }

    /** Doubles that test exact printing: extremes, subnormals, signed zero, short and long. */
    public static final double[] HARD_DOUBLES = {
        4.9e-324, 1e308, -0.0, 0.0, Double.MAX_VALUE, -Double.MIN_NORMAL, 0.1, 1.0 / 3,
        2.0e-3, 1e23, 9_007_199_254_740_993.0, 1e7, 9_999_999.999999998, 1e-3, 123.456,
        -2.2250738585072014E-308 / 3
    };

    /** Longs beyond 2^53 and at the limits. */
    public static final long[] HARD_LONGS = {
        (1L << 53) + 1, Long.MIN_VALUE, Long.MAX_VALUE, -1, 0, 1, -(1L << 53) - 3, 42,
        1_000_000_000_000_000_001L, Integer.MIN_VALUE - 1L, Integer.MAX_VALUE + 1L, 7, 8, 9, 10, 11
    };

    /** Strings with CSV specials, non-ASCII, a supplementary character, empty and blank. */
    public static final String[] HARD_STRINGS = {
        "plain", "a,b", "say \"hi\"", "line\nbreak", "crlf\r\nend", "", " padded ", "é ü ß 中文",
        "😀 emoji", "\"", ",", "tab\there", "'single'", "x", "trailing space ", "∞"
    };

    /** A table of 16 rows with every column type and the hard values above. */
    public static Table hard() {
        int n = HARD_DOUBLES.length;
        double[] missing = new double[n];
        double[] err = new double[n];
        double[] stepErr = new double[n];
        for (int i = 0; i < n; i++) {
            missing[i] = i % 3 == 0 ? Double.NaN : HARD_DOUBLES[n - 1 - i];
            err[i] = Math.abs(HARD_DOUBLES[i]) * 1e-3;
            stepErr[i] = i * 1e-17;
        }
        return Table.builder("hard_values")
                .longs("id", HARD_LONGS)
                .ints("site", new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15})
                .strings("label", HARD_STRINGS)
                .estimate("n", HARD_DOUBLES, err, stepErr)
                .doublesWithMissing("maybe", missing)
                .provenance(fullProvenance())
                .build();
    }

    /** A random table: {@code rows} rows of random doubles (any finite bits), longs and strings. */
    public static Table random(UniformRandomProvider rng, int rows) {
        double[] d = new double[rows];
        long[] l = new long[rows];
        String[] s = new String[rows];
        for (int i = 0; i < rows; i++) {
            double v;
            do {
                v = Double.longBitsToDouble(rng.nextLong());
            } while (!Double.isFinite(v));
            d[i] = v;
            l[i] = rng.nextLong();
            StringBuilder sb = new StringBuilder();
            int len = rng.nextInt(6);
            for (int k = 0; k < len; k++) {
                int[] pool = {'a', ',', '"', '\n', ' ', 'é', 0x1F600, '\r', '中'};
                sb.appendCodePoint(pool[rng.nextInt(pool.length)]);
            }
            s[i] = sb.toString();
        }
        return Table.builder("random").doubles("x", d).longs("k", l).strings("s", s)
                .provenance(Provenance.builder().masterSeed(rng.nextLong()).build()).build();
    }
}
