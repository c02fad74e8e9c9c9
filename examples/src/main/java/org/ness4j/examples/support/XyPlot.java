package org.ness4j.examples.support;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Shape;
import java.awt.Stroke;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.DatasetRenderingOrder;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.DeviationRenderer;
import org.jfree.chart.renderer.xy.XYErrorRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;

/**
 * A line plot: series with optional one-sigma error bars or bands, linear or log axes with
 * labelled ticks (also on a log axis spanning less than a decade), reference lines, and a
 * legend inside the plot area in the corner with the least data. On a log axis, points that are
 * not positive cannot be drawn: they are left out and a note in the legend says how many.
 * Not thread-safe.
 */
public final class XyPlot extends Figure {

    /** Colour cycle (Tableau 10): distinguishable, also in greyscale order. */
    static final Color[] HUES = {new Color(0x1f77b4), new Color(0xd62728),
        new Color(0x2ca02c), new Color(0xff7f0e), new Color(0x9467bd), new Color(0x8c564b),
        new Color(0xe377c2), new Color(0x17becf), new Color(0xbcbd22), new Color(0x7f7f7f)};

    /** Above this many points a series gets no markers and error bands instead of bars. */
    static final int DENSE = 40;

    private final List<Series> series = new ArrayList<>();
    private final List<double[]> hLines = new ArrayList<>();
    private final List<String> hLabels = new ArrayList<>();
    private final List<double[]> vLines = new ArrayList<>();
    private final List<String> vLabels = new ArrayList<>();
    boolean logX;
    boolean logY;
    private double[] xRange;
    private double[] yRange;
    private boolean legend = true;
    private int nextHue;

    XyPlot(String title, String xLabel, String yLabel) {
        super(title, xLabel, yLabel, Plots.COLUMN_WIDTH, Plots.COLUMN_HEIGHT);
    }

    /**
     * One series. Styles are set by chained calls; the defaults are a solid line in the next
     * colour of the cycle, markers for at most {@value XyPlot#DENSE} points, error bars (bands
     * above that).
     */
    public static final class Series {
        final String name;
        final double[] x;
        final double[] y;
        final double[] err;
        Color color;
        int hue;
        float[] dash;
        float width = 1.0f;
        Boolean markers;
        boolean lines = true;
        Boolean band;
        boolean inLegend = true;
        boolean reference;
        int shape = -1;
        XyPlot owner;

        /** @return the plot this series belongs to (for chaining) */
        public XyPlot plot() {
            return owner;
        }

        Series(String name, double[] x, double[] y, double[] err, int hue) {
            this.name = name;
            this.x = x.clone();
            this.y = y.clone();
            this.err = err == null ? null : err.clone();
            this.hue = hue;
        }

        /**
         * Colour from the cycle: related series (TWA and Gross-Pitaevskii of one L) share a
         * hue and differ by {@link #dashed()}.
         *
         * @param k index into the colour cycle (taken modulo its length)
         * @return this series
         */
        public Series hue(int k) {
            this.hue = Math.floorMod(k, HUES.length);
            this.color = null;
            return this;
        }

        /**
         * An explicit colour.
         *
         * @param c the colour
         * @return this series
         */
        public Series color(Color c) {
            this.color = c;
            return this;
        }

        /** @return this series, drawn dashed (the partner of a solid series) */
        public Series dashed() {
            this.dash = new float[] {3.5f, 2f};
            return this;
        }

        /** @return this series, drawn dotted */
        public Series dotted() {
            this.dash = new float[] {1f, 1.5f};
            return this;
        }

        /**
         * Line width.
         *
         * @param w width in points
         * @return this series
         */
        public Series width(float w) {
            this.width = w;
            return this;
        }

        /**
         * Markers at the data points.
         *
         * @param on whether to draw them
         * @return this series
         */
        public Series markers(boolean on) {
            this.markers = on;
            return this;
        }

        /**
         * Marker shape (0 circle, 1 square, 2 triangle, 3 diamond, 4 inverted triangle).
         *
         * @param k the shape index
         * @return this series
         */
        public Series shape(int k) {
            this.shape = k;
            return this;
        }

        /** @return this series, markers only (no connecting line) */
        public Series pointsOnly() {
            this.lines = false;
            this.markers = true;
            return this;
        }

        /**
         * Connecting line.
         *
         * @param on whether to connect the points
         * @return this series
         */
        public Series lines(boolean on) {
            this.lines = on;
            return this;
        }

        /** @return this series, errors drawn as a shaded band */
        public Series band() {
            this.band = true;
            return this;
        }

        /** @return this series, errors drawn as bars */
        public Series bars() {
            this.band = false;
            return this;
        }

        /** @return this series, not listed in the legend */
        public Series hidden() {
            this.inLegend = false;
            return this;
        }

        Color paint() {
            return color != null ? color : HUES[hue];
        }

        Stroke stroke() {
            return dash == null ? new BasicStroke(width, BasicStroke.CAP_BUTT,
                BasicStroke.JOIN_ROUND) : new BasicStroke(width, BasicStroke.CAP_BUTT,
                BasicStroke.JOIN_ROUND, 10f, dash, 0f);
        }

        boolean showMarkers() {
            return markers != null ? markers : x.length <= DENSE;
        }

        boolean showBand() {
            return band != null ? band : x.length > DENSE;
        }

        Shape marker() {
            return XyPlot.marker(shape >= 0 ? shape : hue, 1.8);
        }
    }

    /**
     * Adds a data series (line with markers; error bars or, for dense series, a band).
     *
     * @param name legend entry (markup allowed), or {@code null} for none
     * @param x abscissae (copied)
     * @param y ordinates (copied)
     * @param err one-sigma errors, or {@code null} (copied)
     * @return the series, for styling
     * @throws IllegalArgumentException if the lengths differ
     */
    public Series line(String name, double[] x, double[] y, double[] err) {
        if (x.length != y.length || (err != null && err.length != y.length)) {
            throw new IllegalArgumentException("series " + name + ": x, y and err lengths differ: "
                + x.length + ", " + y.length + ", " + (err == null ? "none" : err.length));
        }
        Series s = new Series(name, x, y, err, nextHue % HUES.length);
        nextHue++;
        s.owner = this;
        series.add(s);
        return s;
    }

    /**
     * Adds a reference curve from the paper or a fit (thin black dashed line, no markers); it
     * enters the automatic axis ranges like data, so that it is never silently off the plot.
     *
     * @param name legend entry (markup allowed)
     * @param x abscissae
     * @param y ordinates
     * @return the series, for styling
     */
    public Series reference(String name, double[] x, double[] y) {
        if (x.length != y.length) {
            throw new IllegalArgumentException("reference " + name + ": x and y lengths differ: "
                + x.length + ", " + y.length);
        }
        Series s = new Series(name, x, y, null, 0);
        s.color = Color.BLACK;
        s.dashed();
        s.width = 0.8f;
        s.markers = false;
        s.reference = true;
        s.owner = this;
        series.add(s);
        return s;
    }

    /**
     * Adds a histogram as a step line over bins {@code [lo[i], hi[i])}.
     *
     * @param name legend entry
     * @param lo lower bin edges
     * @param hi upper bin edges
     * @param counts bin contents
     * @return the series
     */
    public Series histogram(String name, double[] lo, double[] hi, double[] counts) {
        if (lo.length != hi.length || lo.length != counts.length) {
            throw new IllegalArgumentException("histogram " + name + ": lengths differ: "
                + lo.length + ", " + hi.length + ", " + counts.length);
        }
        double[] x = new double[2 * lo.length + 2];
        double[] y = new double[x.length];
        for (int i = 0; i < lo.length; i++) {
            x[2 * i + 1] = lo[i];
            x[2 * i + 2] = hi[i];
            y[2 * i + 1] = counts[i];
            y[2 * i + 2] = counts[i];
        }
        if (lo.length > 0) {
            x[0] = lo[0];
            x[x.length - 1] = hi[hi.length - 1];
        }
        return line(name, x, y, null).markers(false);
    }

    /**
     * Horizontal reference line across the plot (grey dashed), listed in the legend.
     *
     * @param y the ordinate
     * @param label legend entry (markup allowed)
     * @return this plot
     */
    public XyPlot hLine(double y, String label) {
        hLines.add(new double[] {y});
        hLabels.add(label);
        return this;
    }

    /**
     * Vertical reference line across the plot (grey dashed), listed in the legend.
     *
     * @param x the abscissa
     * @param label legend entry (markup allowed)
     * @return this plot
     */
    public XyPlot vLine(double x, String label) {
        vLines.add(new double[] {x});
        vLabels.add(label);
        return this;
    }

    /** @return this plot with a logarithmic x axis */
    public XyPlot logX() {
        logX = true;
        return this;
    }

    /** @return this plot with a logarithmic y axis */
    public XyPlot logY() {
        logY = true;
        return this;
    }

    /**
     * Fixes the x range.
     *
     * @param lo lower end
     * @param hi upper end, above lo
     * @return this plot
     */
    public XyPlot xRange(double lo, double hi) {
        xRange = checkRange("x", lo, hi);
        return this;
    }

    /**
     * Fixes the y range.
     *
     * @param lo lower end
     * @param hi upper end, above lo
     * @return this plot
     */
    public XyPlot yRange(double lo, double hi) {
        yRange = checkRange("y", lo, hi);
        return this;
    }

    /** @return this plot without a legend (notes are still shown) */
    public XyPlot noLegend() {
        legend = false;
        return this;
    }

    @Override
    public XyPlot size(double width, double height) {
        super.size(width, height);
        return this;
    }

    @Override
    public XyPlot note(String text) {
        super.note(text);
        return this;
    }

    /** @return {lo, hi}, after checking both finite with lo below hi (also the colour range) */
    static double[] checkRange(String axis, double lo, double hi) {
        if (!(lo < hi) || !Double.isFinite(lo) || !Double.isFinite(hi)) {
            throw new IllegalArgumentException(axis + " range must be finite with lo < hi: lo = "
                + lo + ", hi = " + hi);
        }
        return new double[] {lo, hi};
    }

    static Shape marker(int k, double r) {
        switch (Math.floorMod(k, 5)) {
            case 1:
                return new Rectangle2D.Double(-r * 0.9, -r * 0.9, 1.8 * r, 1.8 * r);
            case 2: {
                Path2D.Double p = new Path2D.Double();
                p.moveTo(0, -r * 1.15);
                p.lineTo(r * 1.05, r * 0.75);
                p.lineTo(-r * 1.05, r * 0.75);
                p.closePath();
                return p;
            }
            case 3: {
                Path2D.Double p = new Path2D.Double();
                p.moveTo(0, -r * 1.2);
                p.lineTo(r * 1.0, 0);
                p.lineTo(0, r * 1.2);
                p.lineTo(-r * 1.0, 0);
                p.closePath();
                return p;
            }
            case 4: {
                Path2D.Double p = new Path2D.Double();
                p.moveTo(0, r * 1.15);
                p.lineTo(r * 1.05, -r * 0.75);
                p.lineTo(-r * 1.05, -r * 0.75);
                p.closePath();
                return p;
            }
            default:
                return new Ellipse2D.Double(-r, -r, 2 * r, 2 * r);
        }
    }

    @Override
    JFreeChart build() {
        XYPlot plot = new XYPlot();
        plot.setDatasetRenderingOrder(DatasetRenderingOrder.FORWARD);
        ValueAxis xAxis = logX ? new Ticks.NiceLogAxis() : new NumberAxis();
        ValueAxis yAxis = logY ? new Ticks.NiceLogAxis() : new NumberAxis();
        styleHorizontal(xAxis, xLabel);
        style(yAxis, yLabel);
        plot.setDomainAxis(xAxis);
        plot.setRangeAxis(yAxis);
        int droppedX = 0;
        int droppedY = 0;
        double[] xr = {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
        double[] yr = {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
        List<LegendBox.Entry> entries = new ArrayList<>();
        List<double[]> occupied = new ArrayList<>();
        int index = 0;
        for (Series s : series) {
            double[] ys = s.y.clone();
            double[] lo = new double[ys.length];
            double[] hi = new double[ys.length];
            for (int i = 0; i < ys.length; i++) {
                double e = s.err == null || !Double.isFinite(s.err[i]) ? 0 : s.err[i];
                boolean badX = !Double.isFinite(s.x[i]) || (logX && s.x[i] <= 0);
                boolean badY = !Double.isFinite(ys[i]) || (logY && ys[i] <= 0);
                if (!s.reference && logX && Double.isFinite(s.x[i]) && s.x[i] <= 0) {
                    droppedX++;
                }
                if (!s.reference && logY && Double.isFinite(ys[i]) && ys[i] <= 0) {
                    droppedY++;
                }
                if (badX || badY) {
                    ys[i] = Double.NaN;
                    lo[i] = Double.NaN;
                    hi[i] = Double.NaN;
                    continue;
                }
                lo[i] = ys[i] - e;
                hi[i] = ys[i] + e;
                if (logY && lo[i] <= 0) {
                    // the bar reaches zero: draw it to the bottom of the axis
                    lo[i] = Double.MIN_NORMAL;
                }
                include(xr, s.x[i]);
                include(yr, ys[i]);
                if (lo[i] > Double.MIN_NORMAL) {
                    include(yr, lo[i]);
                }
                include(yr, hi[i]);
                {
                    occupied.add(new double[] {s.x[i], ys[i]});
                    if (i > 0 && Double.isFinite(ys[i - 1]) && s.lines) {
                        for (int k = 1; k < 8; k++) {
                            occupied.add(new double[] {s.x[i - 1] + k * (s.x[i] - s.x[i - 1]) / 8,
                                ys[i - 1] + k * (ys[i] - ys[i - 1]) / 8});
                        }
                    }
                }
            }
            XYLineAndShapeRenderer r;
            if (s.err != null) {
                YIntervalSeries data = new YIntervalSeries(index, false, true);
                for (int i = 0; i < ys.length; i++) {
                    data.add(s.x[i], ys[i], lo[i], hi[i]);
                }
                YIntervalSeriesCollection c = new YIntervalSeriesCollection();
                c.addSeries(data);
                plot.setDataset(index, c);
                if (s.showBand()) {
                    DeviationRenderer d = new DeviationRenderer(s.lines, s.showMarkers());
                    d.setSeriesFillPaint(0, s.paint());
                    d.setAlpha(0.2f);
                    r = d;
                } else {
                    XYErrorRenderer e = new XYErrorRenderer();
                    e.setDrawXError(false);
                    e.setDefaultLinesVisible(s.lines);
                    e.setDefaultShapesVisible(s.showMarkers());
                    e.setCapLength(2.5);
                    e.setErrorStroke(new BasicStroke(0.5f));
                    e.setErrorPaint(s.paint());
                    r = e;
                }
            } else {
                XYSeries data = new XYSeries(index, false, true);
                for (int i = 0; i < ys.length; i++) {
                    data.add(s.x[i], ys[i]);
                }
                plot.setDataset(index, new XYSeriesCollection(data));
                r = new XYLineAndShapeRenderer(s.lines, s.showMarkers());
            }
            r.setSeriesPaint(0, s.paint());
            r.setSeriesStroke(0, s.stroke());
            r.setSeriesShape(0, s.marker());
            r.setSeriesLinesVisible(0, s.lines);
            r.setSeriesShapesVisible(0, s.showMarkers());
            r.setDrawSeriesLineAsPath(true);
            plot.setRenderer(index, r);
            if (s.name != null && s.inLegend) {
                entries.add(new LegendBox.Entry(s.name, s.paint(), s.lines ? s.stroke() : null,
                    s.showMarkers() ? s.marker() : null, s.err != null && s.showBand()));
            }
            index++;
        }
        Stroke refStroke = new BasicStroke(0.6f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND,
            10f, new float[] {2.5f, 2f}, 0f);
        Color refPaint = new Color(0x555555);
        for (int i = 0; i < hLines.size(); i++) {
            org.jfree.chart.plot.ValueMarker m = new org.jfree.chart.plot.ValueMarker(
                hLines.get(i)[0], refPaint, refStroke);
            plot.addRangeMarker(m);
            entries.add(new LegendBox.Entry(hLabels.get(i), refPaint, refStroke, null, false));
        }
        for (int i = 0; i < vLines.size(); i++) {
            org.jfree.chart.plot.ValueMarker m = new org.jfree.chart.plot.ValueMarker(
                vLines.get(i)[0], refPaint, refStroke);
            plot.addDomainMarker(m);
            entries.add(new LegendBox.Entry(vLabels.get(i), refPaint, refStroke, null, false));
        }
        double[] xs = axisRange(xRange, xr, logX);
        double[] ysr = axisRange(yRange, yr, logY);
        List<String> allNotes = new ArrayList<>(notes);
        if (droppedY > 0) {
            allNotes.add(String.format(Locale.ROOT, "%d point%s ≤ 0 not shown (log axis)",
                droppedY, droppedY == 1 ? "" : "s"));
        }
        if (droppedX > 0) {
            allNotes.add(String.format(Locale.ROOT, "%d point%s with x ≤ 0 not shown (log axis)",
                droppedX, droppedX == 1 ? "" : "s"));
        }
        if (!legend) {
            entries.clear();
        }
        if (!entries.isEmpty() || !allNotes.isEmpty()) {
            // place the legend where it covers no data: try 1 and 2 columns in the four
            // corners (sizes estimated on the data area of the page size); if every place
            // covers data, raise the top of the y axis so that the legend fits above it
            java.awt.image.BufferedImage scratch = new java.awt.image.BufferedImage(1, 1,
                java.awt.image.BufferedImage.TYPE_INT_RGB);
            java.awt.Graphics2D g = scratch.createGraphics();
            double areaW = widthPoints() - 48;
            double areaH = heightPoints() - (title == null || title.isEmpty() ? 30 : 42);
            int bestCorner = 0;
            int bestColumns = 1;
            int bestCount = Integer.MAX_VALUE;
            double bestFh = 1;
            for (int columns = 1; columns <= (entries.size() > 3 ? 2 : 1); columns++) {
                double[] wh = LegendBox.size(g, entries, allNotes, columns);
                double fw = wh[0] / areaW;
                double fh = wh[1] / areaH;
                double[][] corners = {{1 - fw, 1 - fh}, {0, 1 - fh}, {1 - fw, 0}, {0, 0}};
                for (int c = 0; c < 4; c++) {
                    int count = 0;
                    for (double[] p : occupied) {
                        double u = fraction(p[0], xs, logX);
                        double v = fraction(p[1], ysr, logY);
                        if (u >= corners[c][0] && u <= corners[c][0] + fw
                            && v >= corners[c][1] && v <= corners[c][1] + fh) {
                            count++;
                        }
                    }
                    if (count < bestCount || (count == bestCount && fh < bestFh && count > 0)) {
                        bestCount = count;
                        bestCorner = c;
                        bestColumns = columns;
                        bestFh = fh;
                    }
                }
            }
            g.dispose();
            if (bestCount > 0 && yRange == null && bestFh < 0.6) {
                double keep = 1 - bestFh - 0.02;
                ysr = logY ? new double[] {ysr[0], ysr[0] * Math.pow(ysr[1] / ysr[0], 1 / keep)}
                    : new double[] {ysr[0], ysr[0] + (ysr[1] - ysr[0]) / keep};
                bestCorner = bestCorner >= 2 ? bestCorner - 2 : bestCorner;
            }
            plot.addAnnotation(new LegendBox(entries, allNotes, bestCorner, bestColumns));
        }
        xAxis.setRange(xs[0], xs[1]);
        yAxis.setRange(ysr[0], ysr[1]);
        fixTicks(xAxis);
        fixTicks(yAxis);
        return frame(plot);
    }

    private static double fraction(double v, double[] range, boolean log) {
        return log ? (Math.log(v) - Math.log(range[0])) / (Math.log(range[1])
            - Math.log(range[0])) : (v - range[0]) / (range[1] - range[0]);
    }

    private static void include(double[] r, double v) {
        if (Double.isFinite(v)) {
            r[0] = Math.min(r[0], v);
            r[1] = Math.max(r[1], v);
        }
    }

    /** Axis range: the fixed one, or the data's with a margin (a factor on log axes). */
    private static double[] axisRange(double[] fixed, double[] data, boolean log) {
        if (fixed != null) {
            if (log && fixed[0] <= 0) {
                throw new IllegalArgumentException("log axis range must be positive: lo = "
                    + fixed[0]);
            }
            return fixed;
        }
        double lo = data[0];
        double hi = data[1];
        if (!(lo <= hi)) {
            return log ? new double[] {0.1, 10} : new double[] {0, 1};
        }
        if (log) {
            if (hi / lo < 1.0001) {
                return new double[] {lo / 2, hi * 2};
            }
            double pad = Math.pow(hi / lo, 0.04);
            return new double[] {lo / pad, hi * pad};
        }
        if (hi - lo <= 1e-12 * Math.max(1, Math.abs(hi))) {
            double d = Math.max(Math.abs(hi) * 0.1, 1e-9);
            return new double[] {lo - d, hi + d};
        }
        double pad = 0.04 * (hi - lo);
        return new double[] {lo - pad, hi + pad};
    }
}
