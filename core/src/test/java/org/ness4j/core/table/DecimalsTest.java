package org.ness4j.core.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class DecimalsTest {

    /** Texts worked out by hand from the shortest decimal that rounds to each double. */
    static Stream<Arguments> known() {
        return Stream.of(
                Arguments.of(0.0, "0.0"),
                Arguments.of(-0.0, "-0.0"),
                Arguments.of(1.0, "1.0"),
                Arguments.of(-1.5, "-1.5"),
                Arguments.of(0.1, "0.1"),
                Arguments.of(100.0, "100.0"),
                Arguments.of(2.0e-3, "0.002"), // JDK 17's Double.toString prints 0.0020
                Arguments.of(1.0e-3, "0.001"),
                Arguments.of(9.9e-4, "9.9E-4"),
                Arguments.of(1234567.0, "1234567.0"),
                Arguments.of(1.0e7, "1.0E7"),
                Arguments.of(1.0 / 3, "0.3333333333333333"),
                Arguments.of(2.0 / 3, "0.6666666666666666"),
                Arguments.of(4.9e-324, "4.9E-324"),
                Arguments.of(Double.MIN_VALUE, "4.9E-324"),
                Arguments.of(Double.MAX_VALUE, "1.7976931348623157E308"),
                Arguments.of(Double.MIN_NORMAL, "2.2250738585072014E-308"),
                Arguments.of(1e308, "1.0E308"),
                Arguments.of(1e23, "1.0E23"),
                Arguments.of(9_007_199_254_740_993.0, "9.007199254740992E15"),
                Arguments.of(123.456, "123.456"),
                Arguments.of(-6.02214076e23, "-6.02214076E23"));
    }

    @ParameterizedTest
    @MethodSource("known")
    void knownTexts(double d, String text) {
        assertEquals(text, Decimals.format(d), "format(" + d + ")");
        assertEquals(Double.doubleToRawLongBits(d),
                Double.doubleToRawLongBits(Double.parseDouble(text)));
    }

    static LongStream seeds() {
        return LongStream.range(0, 20);
    }

    /**
     * Any finite double (random bit patterns, so every exponent) reads back bit for bit, with no
     * more significant digits than Double.toString (which round-trips) uses.
     */
    @ParameterizedTest
    @MethodSource("seeds")
    void roundTripsWithFewDigits(long seed) {
        UniformRandomProvider rng = RandomSource.XO_SHI_RO_256_PP.create(seed);
        for (int i = 0; i < 250; i++) {
            double d = Double.longBitsToDouble(rng.nextLong());
            if (!Double.isFinite(d)) {
                continue;
            }
            String text = Decimals.format(d);
            assertEquals(Double.doubleToRawLongBits(d),
                    Double.doubleToRawLongBits(Double.parseDouble(text)),
                    "seed " + seed + ": " + d + " written as " + text);
            assertTrue(digits(text) <= digits(Double.toString(d)),
                    "seed " + seed + ": " + text + " longer than " + Double.toString(d));
            assertEquals(text, Decimals.format(Double.parseDouble(text)), "not a fixed point");
        }
    }

    /**
     * The definition, evaluated directly on the exact binary value (slow): the shortest p in
     * 17, 16, ..., 2 before the first that does not round-trip. Checks the sticky-digit shortcut.
     */
    private static BigDecimal reference(double d) {
        BigDecimal exact = new BigDecimal(d);
        BigDecimal best = null;
        for (int p = 17; p >= 2; p--) {
            BigDecimal r = exact.round(new MathContext(p, RoundingMode.HALF_EVEN));
            if (Double.parseDouble(r.toString()) != d) {
                break;
            }
            best = r;
        }
        return best;
    }

    @Test
    void sameDigitsAsTheDefinition() {
        UniformRandomProvider rng = RandomSource.XO_SHI_RO_256_PP.create(99);
        for (int i = 0; i < 1000; i++) {
            // Random bits (every exponent) and values with few significant digits (ties).
            double d = i % 2 == 0 ? Double.longBitsToDouble(rng.nextLong())
                    : (rng.nextInt(2_000_001) - 1_000_000) * Math.pow(10, rng.nextInt(40) - 20);
            if (!Double.isFinite(d) || d == 0) {
                continue;
            }
            BigDecimal expected = reference(d);
            BigDecimal actual = new BigDecimal(Decimals.format(d));
            assertEquals(0, expected.compareTo(actual), d + ": " + Decimals.format(d)
                    + " but the definition gives " + expected);
        }
    }

    /**
     * Doubles whose exact value has the digits 500 in places 18-20 and more digits after them:
     * rounding to 17 digits is just above a tie, which a shortcut that kept only 20 digits
     * without a sticky digit would round to even instead.
     */
    @Test
    void nearTiesRoundLikeTheDefinition() {
        UniformRandomProvider rng = RandomSource.XO_SHI_RO_256_PP.create(7);
        int found = 0;
        while (found < 200) {
            double d = 1 + rng.nextDouble();
            BigDecimal exact = new BigDecimal(d);
            String digits = exact.unscaledValue().toString();
            if (digits.length() <= 20 || !digits.startsWith("500", 17)
                    || digits.substring(20).chars().allMatch(c -> c == '0')) {
                continue;
            }
            found++;
            BigDecimal expected = reference(d);
            assertEquals(0, expected.compareTo(new BigDecimal(Decimals.format(d))),
                    d + ": " + Decimals.format(d) + " but the definition gives " + expected);
        }
    }

    private static int digits(String text) {
        String mantissa = text.replaceFirst("[eE].*", "").replace("-", "").replace(".", "");
        return mantissa.replaceFirst("^0+", "").replaceFirst("0+$", "").length();
    }

    @Test
    void refusesNonFinite() {
        for (double d : new double[] {Double.NaN, Double.POSITIVE_INFINITY,
            Double.NEGATIVE_INFINITY}) {
            IllegalArgumentException e =
                    assertThrows(IllegalArgumentException.class, () -> Decimals.format(d));
            assertTrue(e.getMessage().contains(Double.toString(d)), e.getMessage());
        }
    }

    @Test
    void parsesJsonNumbersOnly() {
        assertEquals(1e-5, Decimals.parse("1e-5"));
        assertEquals(3.0, Decimals.parse("3"));
        assertEquals(-0.0, Decimals.parse("-0.0"));
        for (String bad : new String[] {"NaN", "Infinity", "-Infinity", "0x1p3", "1d", "1f",
            " 1", "1 ", "+1", ".5", "1.", "01", "1e", "", "1e999"}) {
            assertNull(Decimals.parse(bad), bad);
        }
    }
}
