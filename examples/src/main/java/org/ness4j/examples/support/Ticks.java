package org.ness4j.examples.support;

import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.math.BigDecimal;
import java.math.MathContext;
import java.text.FieldPosition;
import java.text.NumberFormat;
import java.text.ParsePosition;
import java.util.ArrayList;
import java.util.List;
import org.jfree.chart.axis.AxisState;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberTick;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.axis.TickType;
import org.jfree.chart.axis.TickUnits;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.TextAnchor;

/**
 * Tick placement and tick-label formatting: 1-2-5 steps with as many decimals as the step
 * needs on linear axes; on log axes decades, then 1-2-5 or 1-9 mantissas, then linear steps, so
 * that an axis spanning less than a decade still has at least three labelled ticks.
 */
final class Ticks {

    /** Unicode minus sign (typographically correct in labels). */
    static final char MINUS = '\u2212';

    private static final String SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹";

    private Ticks() {
    }

    /**
     * Standard linear tick units: 1, 2, 5 times powers of ten from 1e-12 to 1e12.
     *
     * @return the units, each with a {@link Format} of the decimals it needs
     */
    static TickUnits linearUnits() {
        TickUnits units = new TickUnits();
        for (int e = -12; e <= 12; e++) {
            for (int m : new int[] {1, 2, 5}) {
                double size = m * Math.pow(10, e);
                units.add(new NumberTickUnit(size, new Format(size), 5));
            }
        }
        return units;
    }

    /**
     * Integer tick units for a colour bar over log10 of the data, labelled 10ⁿ.
     *
     * @return the units
     */
    static TickUnits decadeUnits() {
        TickUnits units = new TickUnits();
        for (int step : new int[] {1, 2, 3, 5, 10, 20}) {
            units.add(new NumberTickUnit(step, new DecadeFormat(), 1));
        }
        return units;
    }

    /**
     * Formats a value as {@code 10ⁿ} or {@code m×10ⁿ} with Unicode superscripts.
     *
     * @param v the value (non-zero)
     * @return the label
     */
    static String scientific(double v) {
        return scientific(v, 3);
    }

    /**
     * Formats a value as {@code 10ⁿ} or {@code m×10ⁿ} with a given number of significant
     * digits in the mantissa.
     *
     * @param v the value
     * @param digits significant digits
     * @return the label
     */
    static String scientific(double v, int digits) {
        if (v == 0) {
            return "0";
        }
        int e = (int) Math.floor(Math.log10(Math.abs(v)) + 1e-9);
        double m = v / Math.pow(10, e);
        String mant = trim(new BigDecimal(m).round(new MathContext(digits)));
        if (mant.equals("10") || mant.equals("-10")) {
            mant = mant.substring(0, mant.length() - 1);
            e++;
        }
        String pow = "10" + superscript(e);
        if (mant.equals("1")) {
            return pow;
        }
        if (mant.equals("-1")) {
            return MINUS + pow;
        }
        return mant.replace('-', MINUS) + "×" + pow;
    }

    /**
     * Writes an integer with Unicode superscript digits and minus.
     *
     * @param e the exponent
     * @return the superscript string
     */
    static String superscript(int e) {
        StringBuilder b = new StringBuilder();
        for (char c : Integer.toString(e).toCharArray()) {
            b.append(c == '-' ? '⁻' : SUPERSCRIPTS.charAt(c - '0'));
        }
        return b.toString();
    }

    /** Plain decimal with at most the digits needed. */
    static String decimal(double v, int decimals) {
        BigDecimal d = new BigDecimal(v).setScale(Math.max(0, decimals),
            java.math.RoundingMode.HALF_EVEN);
        String s = trim(d);
        return s.equals("-0") ? "0" : s.replace('-', MINUS);
    }

    private static String trim(BigDecimal d) {
        String s = d.stripTrailingZeros().toPlainString();
        return s;
    }

    /** Tick labels: formats longs as doubles; labels are never parsed. */
    abstract static class LabelFormat extends NumberFormat {
        private static final long serialVersionUID = 1L;

        @Override
        public StringBuffer format(long v, StringBuffer to, FieldPosition pos) {
            return format((double) v, to, pos);
        }

        @Override
        public Number parse(String source, ParsePosition pos) {
            throw new UnsupportedOperationException("tick labels are not parsed");
        }
    }

    /** Tick-label format of a linear axis with a given step. */
    static final class Format extends LabelFormat {
        private static final long serialVersionUID = 1L;
        private final double step;
        private final int decimals;

        Format(double step) {
            this.step = step;
            this.decimals = Math.max(0, new BigDecimal(step).round(new MathContext(6))
                .stripTrailingZeros().scale());
        }

        @Override
        public StringBuffer format(double v, StringBuffer to, FieldPosition pos) {
            if (Math.abs(v) < 1e-9 * step) {
                return to.append('0');
            }
            // one style per axis: powers of ten when the step is below 10^-3 or from 10^5
            if (step >= 1e5 * (1 - 1e-9) || step < 1e-3 * (1 - 1e-9)) {
                return to.append(scientific(v));
            }
            return to.append(decimal(v, decimals));
        }
    }

    /** Labels an integer n as 10ⁿ (colour bars over log10 of the data). */
    static final class DecadeFormat extends LabelFormat {
        private static final long serialVersionUID = 1L;

        @Override
        public StringBuffer format(double v, StringBuffer to, FieldPosition pos) {
            return to.append("10").append(superscript((int) Math.round(v)));
        }
    }

    /**
     * Major tick values of a log axis over {@code [lo, hi]}: at least three labelled ticks
     * whenever possible, at most about eight.
     *
     * @param lo lower end, positive
     * @param hi upper end, greater than lo
     * @return the tick values, ascending
     */
    static List<Double> logMajor(double lo, double hi) {
        int k0 = (int) Math.floor(Math.log10(lo));
        int k1 = (int) Math.ceil(Math.log10(hi));
        int[][] sets = {{1}, {1, 2, 5}, {1, 2, 3, 5}, {1, 2, 3, 4, 5, 6, 7, 8, 9}};
        for (int[] set : sets) {
            List<Double> t = new ArrayList<>();
            for (int k = k0; k <= k1; k++) {
                for (int m : set) {
                    double v = m * Math.pow(10, k);
                    if (v >= lo * (1 - 1e-9) && v <= hi * (1 + 1e-9)) {
                        t.add(v);
                    }
                }
            }
            if (set.length == 1 && t.size() > 8) {
                int every = (int) Math.ceil(t.size() / 6.0);
                List<Double> thin = new ArrayList<>();
                for (int i = 0; i < t.size(); i++) {
                    int k = (int) Math.round(Math.log10(t.get(i)));
                    if (Math.floorMod(k, every) == 0) {
                        thin.add(t.get(i));
                    }
                }
                if (thin.size() >= 3) {
                    return thin;
                }
                return t;
            }
            if (t.size() >= 3) {
                return t;
            }
        }
        // less than a factor of about 2.5: linear 1-2-5 steps inside the range
        double raw = (hi - lo) / 4;
        double p = Math.pow(10, Math.floor(Math.log10(raw)));
        double step = raw / p < 1.5 ? p : raw / p < 3.5 ? 2 * p : raw / p < 7.5 ? 5 * p : 10 * p;
        List<Double> t = new ArrayList<>();
        for (double v = Math.ceil(lo / step) * step; v <= hi * (1 + 1e-12); v += step) {
            t.add(v);
        }
        return t;
    }

    /**
     * Labels for log-axis ticks: plain decimals when all lie in [1e-3, 1e4], else m×10ⁿ.
     *
     * @param values tick values
     * @return labels, one per value
     */
    static List<String> logLabels(List<Double> values) {
        boolean plain = true;
        for (double v : values) {
            if (v < 1e-3 || v >= 1e4) {
                plain = false;
            }
        }
        // the fewest significant digits (at least 3) that keep the labels distinct
        for (int digits = 3; ; digits++) {
            MathContext mc = new MathContext(digits);
            int decimals = 0;
            for (double v : values) {
                decimals = Math.max(decimals, new BigDecimal(v).round(mc).stripTrailingZeros()
                    .scale());
            }
            List<String> labels = new ArrayList<>();
            for (double v : values) {
                double r = new BigDecimal(v).round(mc).doubleValue();
                labels.add(plain ? decimal(r, decimals) : scientific(r, digits));
            }
            if (labels.stream().distinct().count() == labels.size() || digits >= 12) {
                return labels;
            }
        }
    }

    /** A log axis with the ticks of {@link #logMajor} and 1-9 minor ticks. */
    static final class NiceLogAxis extends LogAxis {
        private static final long serialVersionUID = 1L;

        NiceLogAxis() {
            super(null);
            setMinorTickMarksVisible(true);
        }

        @Override
        @SuppressWarnings({"rawtypes", "unchecked"})
        public List refreshTicks(Graphics2D g2, AxisState state, Rectangle2D dataArea,
                                 RectangleEdge edge) {
            double lo = getRange().getLowerBound();
            double hi = getRange().getUpperBound();
            TextAnchor anchor = edge == RectangleEdge.BOTTOM ? TextAnchor.TOP_CENTER
                : edge == RectangleEdge.TOP ? TextAnchor.BOTTOM_CENTER
                : edge == RectangleEdge.LEFT ? TextAnchor.CENTER_RIGHT : TextAnchor.CENTER_LEFT;
            List ticks = new ArrayList();
            List<Double> major = logMajor(lo, hi);
            List<String> labels = logLabels(major);
            for (int i = 0; i < major.size(); i++) {
                ticks.add(new NumberTick(TickType.MAJOR, major.get(i), labels.get(i), anchor,
                    anchor, 0.0));
            }
            int k0 = (int) Math.floor(Math.log10(lo));
            int k1 = (int) Math.ceil(Math.log10(hi));
            if (k1 - k0 <= 8) {
                for (int k = k0; k <= k1; k++) {
                    for (int m = 1; m <= 9; m++) {
                        double v = m * Math.pow(10, k);
                        if (v >= lo && v <= hi && !containsClose(major, v)) {
                            ticks.add(new NumberTick(TickType.MINOR, v, "", anchor, anchor,
                                0.0));
                        }
                    }
                }
            }
            return ticks;
        }

        private static boolean containsClose(List<Double> values, double v) {
            for (double w : values) {
                if (Math.abs(w - v) <= 1e-9 * v) {
                    return true;
                }
            }
            return false;
        }
    }
}
