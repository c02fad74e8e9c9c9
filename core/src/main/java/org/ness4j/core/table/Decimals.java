package org.ness4j.core.table;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.regex.Pattern;

/**
 * Decimal text for doubles that reads back exactly and is the same on every JVM.
 *
 * <p>{@link Double#toString(double)} round-trips, but its digits changed in JDK 19 (JDK 17
 * sometimes prints more digits than needed, e.g. {@code 2.0E-3} as {@code 0.0020}), so two
 * machines could write different bytes for the same result. {@link #format} instead takes the
 * exact binary value, rounds it half-even to p = 17, 16, ..., 2 significant digits while the
 * rounded decimal still parses back to the same double, and keeps the last such (the shortest in
 * that sequence; at least two digits, as {@code Double.toString} prints {@code 4.9E-324}, not
 * {@code 5.0E-324}, for the smallest subnormal). That depends only on exact decimal arithmetic and correctly rounded parsing,
 * so the text is the same everywhere; the layout follows {@code Double.toString}: plain notation
 * with at least one digit after the point when the decimal exponent is in [-3, 7)
 * ({@code 0.001}, {@code 1234567.0}), otherwise {@code d.dddE<exponent>} ({@code 1.0E-4},
 * {@code 4.9E-324}); {@code -0.0} keeps its sign.
 */
final class Decimals {

    private static final Pattern NUMBER =
            Pattern.compile("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?");

    private static final int GUARD_DIGITS = 20;
    private static final MathContext TRUNCATE = new MathContext(GUARD_DIGITS, RoundingMode.DOWN);
    private static final MathContext[] HALF_EVEN = new MathContext[18];

    static {
        for (int p = 1; p < HALF_EVEN.length; p++) {
            HALF_EVEN[p] = new MathContext(p, RoundingMode.HALF_EVEN);
        }
    }

    private Decimals() {
    }

    static String format(double d) {
        if (!Double.isFinite(d)) {
            throw new IllegalArgumentException("value must be finite: " + d);
        }
        if (d == 0) {
            return Double.doubleToRawLongBits(d) < 0 ? "-0.0" : "0.0";
        }
        BigDecimal exact = new BigDecimal(d);
        // Rounding the exact value (up to 767 digits) 16 times is slow; rounding it once to 20
        // digits towards zero plus a sticky digit gives the same half-even roundings to p <= 17
        // digits (the sticky digit only tells "beyond the tie" from "at the tie").
        BigDecimal base = exact;
        if (exact.precision() > GUARD_DIGITS) {
            BigDecimal truncated = exact.round(TRUNCATE);
            base = truncated.compareTo(exact) == 0 ? truncated
                    : new BigDecimal(truncated.unscaledValue().multiply(BigInteger.TEN)
                            .add(BigInteger.valueOf(truncated.signum())), truncated.scale() + 1);
        }
        BigDecimal best = null;
        for (int p = 17; p >= 2; p--) {
            BigDecimal r = base.round(HALF_EVEN[p]);
            if (Double.parseDouble(r.toString()) != d) {
                break;
            }
            best = r;
        }
        // 17 significant digits always round-trip, so best is set.
        BigDecimal stripped = best.stripTrailingZeros();
        String digits = stripped.unscaledValue().abs().toString();
        int exponent = digits.length() - 1 - stripped.scale();
        StringBuilder sb = new StringBuilder(26);
        if (d < 0) {
            sb.append('-');
        }
        if (exponent >= -3 && exponent < 7) {
            if (exponent >= 0) {
                if (digits.length() <= exponent + 1) {
                    sb.append(digits);
                    for (int i = digits.length(); i <= exponent; i++) {
                        sb.append('0');
                    }
                    sb.append(".0");
                } else {
                    sb.append(digits, 0, exponent + 1).append('.')
                            .append(digits, exponent + 1, digits.length());
                }
            } else {
                sb.append("0.");
                for (int i = -1; i > exponent; i--) {
                    sb.append('0');
                }
                sb.append(digits);
            }
        } else {
            sb.append(digits.charAt(0)).append('.');
            if (digits.length() > 1) {
                sb.append(digits, 1, digits.length());
            } else {
                sb.append('0');
            }
            sb.append('E').append(exponent);
        }
        return sb.toString();
    }

    /**
     * Parses a decimal number in JSON syntax (no {@code NaN}, {@code Infinity}, hexadecimal or
     * Java suffixes); null if the text is not one.
     */
    static Double parse(String text) {
        if (!NUMBER.matcher(text).matches()) {
            return null;
        }
        double d = Double.parseDouble(text);
        return Double.isInfinite(d) ? null : d;
    }
}
