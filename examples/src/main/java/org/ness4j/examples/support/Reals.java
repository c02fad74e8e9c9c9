package org.ness4j.examples.support;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * A list of numbers as the examples take it: comma-separated ({@code 1,2.5,7}) or a range
 * {@code start:stop:step} (inclusive of {@code stop} up to rounding). Immutable.
 *
 * @param text the text given
 * @param values the numbers (do not modify)
 */
public record Reals(String text, double[] values) {

    /**
     * Parses a list or a range.
     *
     * @param text the text
     * @return the numbers
     * @throws IllegalArgumentException if the text is neither (the message says why)
     */
    public static Reals parse(String text) {
        String s = text.trim();
        try {
            if (s.contains(":")) {
                String[] p = s.split(":");
                if (p.length != 3) {
                    throw new IllegalArgumentException("a range must be start:stop:step: " + s);
                }
                double a = Double.parseDouble(p[0]);
                double b = Double.parseDouble(p[1]);
                double h = Double.parseDouble(p[2]);
                if (!(h > 0) || !(b >= a) || !Double.isFinite(b)) {
                    throw new IllegalArgumentException("a range needs finite stop >= start and "
                        + "step > 0: " + s);
                }
                double count = Math.floor((b - a) / h + 1e-9) + 1;
                if (count > 10_000_000) {
                    throw new IllegalArgumentException("a range of more than 1e7 values: " + s);
                }
                int n = (int) count;
                double[] v = new double[n];
                for (int i = 0; i < n; i++) {
                    v[i] = a + i * h;
                }
                return new Reals(text, v);
            }
            List<Double> v = new ArrayList<>();
            for (String t : s.split(",", -1)) {
                double x = Double.parseDouble(t.trim());
                if (!Double.isFinite(x)) {
                    throw new IllegalArgumentException("values must be finite: " + s);
                }
                v.add(x);
            }
            return new Reals(text, v.stream().mapToDouble(Double::doubleValue).toArray());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("must be numbers a,b,c or a range "
                + "start:stop:step: " + s);
        }
    }

    @Override
    public String toString() {
        return text;
    }

    /** The picocli converter. */
    static final class Converter implements ITypeConverter<Reals> {
        @Override
        public Reals convert(String value) {
            try {
                return parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }
}
