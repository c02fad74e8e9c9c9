package org.ness4j.examples.support;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Paint;
import java.awt.RenderingHints;
import java.awt.Stroke;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.AxisLocation;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.CrosshairState;
import org.jfree.chart.plot.PlotRenderingInfo;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.PaintScale;
import org.jfree.chart.renderer.xy.AbstractXYItemRenderer;
import org.jfree.chart.renderer.xy.XYItemRendererState;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.PaintScaleLegend;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.data.xy.DefaultXYDataset;
import org.jfree.data.xy.XYDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * A heat map of {@code z[i][j]} at {@code (x[i], y[j])} with a labelled colour bar. Cells span
 * half-way to their neighbours. Colour scales: linear (sequential, diverging around zero, or
 * cyclic for phases) or logarithmic, where cells at or below the floor get a separate grey that
 * the colour bar's note names. Values outside a fixed range are drawn in the end colours and
 * counted in a note; missing values (NaN) are light grey. Not thread-safe.
 */
public final class HeatMapPlot extends Figure {

    /** Colour palettes. */
    public enum Palette {
        /** Viridis (perceptually uniform, readable in greyscale). */
        SEQUENTIAL(new int[] {0x440154, 0x482878, 0x3e4989, 0x31688e, 0x26828e, 0x1f9e89,
            0x35b779, 0x6ece58, 0xb5de2b, 0xfde725}),
        /** Blue, white, red (signed data; symmetric around zero unless a range is fixed). */
        DIVERGING(new int[] {0x2166ac, 0x4393c3, 0x92c5de, 0xd1e5f0, 0xf7f7f7, 0xfddbc7,
            0xf4a582, 0xd6604d, 0xb2182b}),
        /** Cyclic (phases in [-π, π]): equal colours at both ends. */
        CYCLIC(new int[] {0xe2d9e2, 0x9eb9cd, 0x6a8fc0, 0x5a4fa2, 0x2f1436, 0x6b1c3a,
            0xb2533a, 0xd8a68a, 0xe2d9e2});

        private final Color[] stops;

        Palette(int[] rgb) {
            stops = new Color[rgb.length];
            for (int i = 0; i < rgb.length; i++) {
                stops[i] = new Color(rgb[i]);
            }
        }

        /**
         * Colour at a fraction of the palette.
         *
         * @param t fraction in [0, 1] (clamped)
         * @return the interpolated colour
         */
        public Color at(double t) {
            double u = Math.max(0, Math.min(1, t)) * (stops.length - 1);
            int i = Math.min((int) u, stops.length - 2);
            double f = u - i;
            Color a = stops[i];
            Color b = stops[i + 1];
            return new Color((int) Math.round(a.getRed() + f * (b.getRed() - a.getRed())),
                (int) Math.round(a.getGreen() + f * (b.getGreen() - a.getGreen())),
                (int) Math.round(a.getBlue() + f * (b.getBlue() - a.getBlue())));
        }
    }

    /** Colour of cells at or below a log scale's floor. */
    static final Color FLOOR = new Color(0x8c8c8c);
    /** Colour of missing cells. */
    static final Color MISSING = new Color(0xdddddd);

    private final double[] x;
    private final double[] y;
    private final double[][] z;
    private String colourLabel = "";
    private Palette palette = Palette.SEQUENTIAL;
    private double[] range;
    private boolean log;
    private double floor;
    private boolean normalize;
    private final List<double[][]> overlays = new ArrayList<>();
    private final List<String> overlayNames = new ArrayList<>();
    private final List<Color> overlayColors = new ArrayList<>();

    HeatMapPlot(String title, String xLabel, String yLabel, double[] x, double[] y,
                double[][] z) {
        super(title, xLabel, yLabel, Plots.COLUMN_WIDTH, Plots.COLUMN_WIDTH * 0.78);
        if (x.length == 0 || y.length == 0 || z.length != x.length) {
            throw new IllegalArgumentException("heat map " + title + ": need z.length = x.length"
                + " > 0 and y.length > 0: x " + x.length + ", y " + y.length + ", z "
                + z.length);
        }
        for (int i = 0; i < z.length; i++) {
            if (z[i].length != y.length) {
                throw new IllegalArgumentException("heat map " + title + ": z[" + i
                    + "].length = " + z[i].length + " != y.length = " + y.length);
            }
        }
        checkAscending("x", x);
        checkAscending("y", y);
        this.x = x.clone();
        this.y = y.clone();
        this.z = new double[z.length][];
        for (int i = 0; i < z.length; i++) {
            this.z[i] = z[i].clone();
        }
    }

    private static void checkAscending(String name, double[] v) {
        for (int i = 1; i < v.length; i++) {
            if (!(v[i] > v[i - 1])) {
                throw new IllegalArgumentException(name + " coordinates must be strictly "
                    + "ascending: " + name + "[" + i + "] = " + v[i] + " after " + v[i - 1]);
            }
        }
    }

    /**
     * Labels the colour bar.
     *
     * @param label the quantity (markup allowed), e.g. {@code "δn_L"}
     * @return this map
     */
    public HeatMapPlot colourBar(String label) {
        this.colourLabel = label;
        return this;
    }

    /**
     * Chooses the palette.
     *
     * @param p the palette
     * @return this map
     */
    public HeatMapPlot palette(Palette p) {
        this.palette = p;
        return this;
    }

    /**
     * Fixes the colour range; values outside are drawn in the end colours and counted in a
     * note.
     *
     * @param lo value of the first colour
     * @param hi value of the last colour, above lo
     * @return this map
     */
    public HeatMapPlot range(double lo, double hi) {
        this.range = XyPlot.checkRange("colour", lo, hi);
        return this;
    }

    /**
     * Logarithmic colour scale; cells with values at or below {@code floor} (such as a display
     * clamp, or zero) get a separate grey, named in a note.
     *
     * @param floor the floor, non-negative
     * @return this map
     */
    public HeatMapPlot log(double floor) {
        if (!(floor >= 0) || Double.isInfinite(floor)) {
            throw new IllegalArgumentException("floor must be finite and >= 0: " + floor);
        }
        this.log = true;
        this.floor = floor;
        return this;
    }

    /**
     * Divides every value by the largest one, as the paper's W̃ = W / max W (Fig. 6).
     *
     * @return this map
     */
    public HeatMapPlot normalizeToMax() {
        this.normalize = true;
        return this;
    }

    /**
     * Draws a reference curve over the map (dashed), listed in the legend.
     *
     * @param name legend entry (markup allowed)
     * @param xs abscissae
     * @param ys ordinates
     * @param color line colour (white or black, whichever the palette shows best)
     * @return this map
     */
    public HeatMapPlot overlay(String name, double[] xs, double[] ys, Color color) {
        if (xs.length != ys.length) {
            throw new IllegalArgumentException("overlay " + name + ": lengths differ: "
                + xs.length + ", " + ys.length);
        }
        overlays.add(new double[][] {xs.clone(), ys.clone()});
        overlayNames.add(name);
        overlayColors.add(color);
        return this;
    }

    @Override
    public HeatMapPlot size(double width, double height) {
        super.size(width, height);
        return this;
    }

    @Override
    public HeatMapPlot note(String text) {
        super.note(text);
        return this;
    }

    static double[] edges(double[] c) {
        double[] e = new double[c.length + 1];
        if (c.length == 1) {
            e[0] = c[0] - 0.5;
            e[1] = c[0] + 0.5;
            return e;
        }
        for (int i = 1; i < c.length; i++) {
            e[i] = 0.5 * (c[i - 1] + c[i]);
        }
        e[0] = c[0] - (e[1] - c[0]);
        e[c.length] = c[c.length - 1] + (c[c.length - 1] - e[c.length - 1]);
        return e;
    }

    private static boolean uniform(double[] c) {
        if (c.length < 3) {
            return true;
        }
        double d = (c[c.length - 1] - c[0]) / (c.length - 1);
        for (int i = 1; i < c.length; i++) {
            if (Math.abs(c[i] - c[i - 1] - d) > 1e-6 * Math.abs(d)) {
                return false;
            }
        }
        return true;
    }

    @Override
    JFreeChart build() {
        double scale = 1;
        if (normalize) {
            double max = Double.NEGATIVE_INFINITY;
            for (double[] row : z) {
                for (double v : row) {
                    if (Double.isFinite(v)) {
                        max = Math.max(max, v);
                    }
                }
            }
            if (max > 0) {
                scale = 1 / max;
            }
        }
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        int floored = 0;
        int missing = 0;
        for (double[] row : z) {
            for (double v0 : row) {
                double v = v0 * scale;
                if (!Double.isFinite(v)) {
                    missing++;
                } else if (log && v <= floor) {
                    floored++;
                } else if (!log || v > 0) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
        }
        if (!(lo <= hi)) {
            lo = log ? 1e-3 : 0;
            hi = log ? 1 : 1;
        }
        double cLo;
        double cHi;
        if (range != null) {
            cLo = log ? Math.log10(range[0]) : range[0];
            cHi = log ? Math.log10(range[1]) : range[1];
        } else if (log) {
            cLo = Math.floor(Math.log10(lo) * 2) / 2;
            cHi = Math.ceil(Math.log10(hi) * 2) / 2;
        } else if (palette == Palette.DIVERGING) {
            double m = Math.max(Math.abs(lo), Math.abs(hi));
            cLo = -m;
            cHi = m;
        } else {
            cLo = lo;
            cHi = hi;
        }
        if (!(cHi > cLo)) {
            cHi = cLo + (log ? 1 : Math.max(1e-12, Math.abs(cLo) * 0.1));
        }
        int below = 0;
        int above = 0;
        Color[][] cells = new Color[x.length][y.length];
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < y.length; j++) {
                double v = z[i][j] * scale;
                if (!Double.isFinite(v)) {
                    cells[i][j] = MISSING;
                } else if (log && v <= floor) {
                    cells[i][j] = FLOOR;
                } else if (log && v <= 0) {
                    cells[i][j] = FLOOR;
                } else {
                    double c = log ? Math.log10(v) : v;
                    if (c < cLo - 1e-12 * Math.abs(cLo)) {
                        below++;
                    } else if (c > cHi + 1e-12 * Math.abs(cHi)) {
                        above++;
                    }
                    cells[i][j] = palette.at((c - cLo) / (cHi - cLo));
                }
            }
        }
        double[] xe = edges(x);
        double[] ye = edges(y);
        XYPlot plot = new XYPlot();
        NumberAxis xAxis = new NumberAxis();
        NumberAxis yAxis = new NumberAxis();
        styleHorizontal(xAxis, xLabel);
        style(yAxis, yLabel);
        xAxis.setRange(xe[0], xe[xe.length - 1]);
        yAxis.setRange(ye[0], ye[ye.length - 1]);
        fixTicks(xAxis);
        fixTicks(yAxis);
        centreTicks(xAxis, x);
        centreTicks(yAxis, y);
        plot.setDomainAxis(xAxis);
        plot.setRangeAxis(yAxis);
        DefaultXYDataset one = new DefaultXYDataset();
        one.addSeries("map", new double[][] {{x[0]}, {y[0]}});
        plot.setDataset(0, one);
        plot.setRenderer(0, new GridRenderer(cells, xe, ye, uniform(x) && uniform(y)));
        List<LegendBox.Entry> entries = new ArrayList<>();
        for (int k = 0; k < overlays.size(); k++) {
            XYSeries s = new XYSeries(k, false, true);
            for (int i = 0; i < overlays.get(k)[0].length; i++) {
                s.add(overlays.get(k)[0][i], overlays.get(k)[1][i]);
            }
            plot.setDataset(k + 1, new XYSeriesCollection(s));
            XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, false);
            Stroke st = new BasicStroke(1.0f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f,
                new float[] {3.5f, 2f}, 0f);
            r.setSeriesPaint(0, overlayColors.get(k));
            r.setSeriesStroke(0, st);
            r.setDrawSeriesLineAsPath(true);
            plot.setRenderer(k + 1, r);
            entries.add(new LegendBox.Entry(overlayNames.get(k), overlayColors.get(k) == null
                ? Color.BLACK : darkOnWhite(overlayColors.get(k)), st, null, false));
        }
        plot.setDatasetRenderingOrder(org.jfree.chart.plot.DatasetRenderingOrder.FORWARD);
        List<String> allNotes = new ArrayList<>(notes);
        if (floored > 0) {
            allNotes.add(String.format(Locale.ROOT, "grey: ≤ %s (%d cells, not data)",
                floor == 0 ? "0" : Ticks.scientific(floor), floored));
        }
        if (missing > 0) {
            allNotes.add(String.format(Locale.ROOT, "light grey: no value (%d cells)", missing));
        }
        if (below > 0) {
            allNotes.add(String.format(Locale.ROOT, "%d cells below %s drawn in the lowest colour",
                below, barLabel(cLo)));
        }
        if (above > 0) {
            allNotes.add(String.format(Locale.ROOT, "%d cells above %s drawn in the highest colour",
                above, barLabel(cHi)));
        }
        if (!entries.isEmpty()) {
            plot.addAnnotation(new LegendBox(entries, List.of(), 0, 1));
        }
        JFreeChart chart = frame(plot);
        // notes go under the map, where they cover no cells
        for (String n : allNotes) {
            RichTitle t = new RichTitle(n, NOTE_FONT);
            t.setPosition(RectangleEdge.BOTTOM);
            chart.addSubtitle(t);
        }
        NumberAxis bar = new NumberAxis();
        style(bar, (normalize && !colourLabel.contains("max") ? colourLabel + " / max" : colourLabel));
        bar.setRange(cLo, cHi);
        if (log) {
            bar.setTickUnit((org.jfree.chart.axis.NumberTickUnit) Ticks.decadeUnits()
                .getCeilingTickUnit((cHi - cLo) / 7));
        } else {
            fixTicks(bar);
        }
        final double fLo = cLo;
        final double fHi = cHi;
        final Palette p = palette;
        PaintScale ps = new PaintScale() {
            @Override
            public double getLowerBound() {
                return fLo;
            }

            @Override
            public double getUpperBound() {
                return fHi;
            }

            @Override
            public Paint getPaint(double value) {
                return p.at((value - fLo) / (fHi - fLo));
            }
        };
        PaintScaleLegend legend = new PaintScaleLegend(ps, bar);
        legend.setPosition(RectangleEdge.RIGHT);
        legend.setAxisLocation(AxisLocation.BOTTOM_OR_RIGHT);
        legend.setStripWidth(7);
        legend.setStripOutlineVisible(true);
        legend.setStripOutlinePaint(Color.BLACK);
        legend.setStripOutlineStroke(new BasicStroke(0.4f));
        legend.setSubdivisionCount(256);
        legend.setAxisOffset(1);
        legend.setMargin(new RectangleInsets(4, 6, 4, 0));
        legend.setPadding(new RectangleInsets(0, 0, 0, 0));
        legend.setBackgroundPaint(Color.WHITE);
        chart.addSubtitle(legend);
        return chart;
    }

    /**
     * On a uniform grid whose coordinates are multiples of its spacing (L = 2, 4, ..., or
     * F = 0, 0.5, ...), puts the ticks at cell centres: a multiple of the spacing, at most eight.
     */
    private static void centreTicks(NumberAxis axis, double[] c) {
        if (c.length < 2 || !uniform(c)) {
            return;
        }
        double d = (c[c.length - 1] - c[0]) / (c.length - 1);
        double q = c[0] / d;
        if (Math.abs(q - Math.rint(q)) > 1e-6) {
            return;
        }
        for (int k : new int[] {1, 2, 5, 10, 20, 50, 100, 200, 500, 1000}) {
            if (c.length / (double) k <= 8) {
                double unit = d * k;
                axis.setTickUnit(new org.jfree.chart.axis.NumberTickUnit(unit,
                    new Ticks.Format(unit)));
                return;
            }
        }
    }

    /** A colour-bar end as text: 10ⁿ on a log scale, else a short decimal. */
    private String barLabel(double c) {
        return log ? Ticks.scientific(Math.pow(10, c)) : Ticks.logLabels(List.of(Math.abs(c)))
            .get(0).replaceFirst("^", c < 0 ? String.valueOf(Ticks.MINUS) : "");
    }

    private static Color darkOnWhite(Color c) {
        return c.getRed() + c.getGreen() + c.getBlue() > 600 ? Color.BLACK : c;
    }

    /** Draws the cells: one scaled image for uniform grids, rectangles otherwise. */
    static final class GridRenderer extends AbstractXYItemRenderer {
        private static final long serialVersionUID = 1L;
        private final transient Color[][] cells;
        private final double[] xe;
        private final double[] ye;
        private final boolean uniform;

        GridRenderer(Color[][] cells, double[] xe, double[] ye, boolean uniform) {
            this.cells = cells;
            this.xe = xe;
            this.ye = ye;
            this.uniform = uniform;
        }

        @Override
        public void drawItem(Graphics2D g2, XYItemRendererState state, Rectangle2D dataArea,
                             PlotRenderingInfo info, XYPlot plot, ValueAxis domainAxis,
                             ValueAxis rangeAxis, XYDataset dataset, int series, int item,
                             CrosshairState crosshairState, int pass) {
            if (item != 0 || series != 0) {
                return;
            }
            int nx = cells.length;
            int ny = cells[0].length;
            RectangleEdge xEdge = plot.getDomainAxisEdge();
            RectangleEdge yEdge = plot.getRangeAxisEdge();
            if (uniform) {
                // k x k pixels per cell, so that viewers that smooth images keep sharp cells
                int k = Math.max(1, (int) Math.ceil(600.0 / Math.max(nx, ny)));
                k = Math.min(k, 40);
                BufferedImage img = new BufferedImage(nx * k, ny * k,
                    BufferedImage.TYPE_INT_RGB);
                for (int i = 0; i < nx; i++) {
                    for (int j = 0; j < ny; j++) {
                        int rgb = cells[i][j].getRGB();
                        for (int a = 0; a < k; a++) {
                            for (int b = 0; b < k; b++) {
                                img.setRGB(i * k + a, (ny - 1 - j) * k + b, rgb);
                            }
                        }
                    }
                }
                double x0 = domainAxis.valueToJava2D(xe[0], dataArea, xEdge);
                double x1 = domainAxis.valueToJava2D(xe[nx], dataArea, xEdge);
                double y0 = rangeAxis.valueToJava2D(ye[ny], dataArea, yEdge);
                double y1 = rangeAxis.valueToJava2D(ye[0], dataArea, yEdge);
                Object hint = g2.getRenderingHint(RenderingHints.KEY_INTERPOLATION);
                g2.setRenderingHint(RenderingHints.KEY_INTERPOLATION,
                    RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR);
                java.awt.geom.AffineTransform at = new java.awt.geom.AffineTransform();
                at.translate(Math.min(x0, x1), Math.min(y0, y1));
                at.scale(Math.abs(x1 - x0) / img.getWidth(), Math.abs(y1 - y0) / img.getHeight());
                g2.drawImage(img, at, null);
                if (hint != null) {
                    g2.setRenderingHint(RenderingHints.KEY_INTERPOLATION, hint);
                }
                return;
            }
            for (int i = 0; i < nx; i++) {
                double x0 = domainAxis.valueToJava2D(xe[i], dataArea, xEdge);
                double x1 = domainAxis.valueToJava2D(xe[i + 1], dataArea, xEdge);
                for (int j = 0; j < ny; j++) {
                    double y0 = rangeAxis.valueToJava2D(ye[j], dataArea, yEdge);
                    double y1 = rangeAxis.valueToJava2D(ye[j + 1], dataArea, yEdge);
                    g2.setPaint(cells[i][j]);
                    // a quarter point of overlap hides hairline seams between cells
                    g2.fill(new Rectangle2D.Double(Math.min(x0, x1) - 0.125,
                        Math.min(y0, y1) - 0.125, Math.abs(x1 - x0) + 0.25,
                        Math.abs(y1 - y0) + 0.25));
                }
            }
        }
    }
}
