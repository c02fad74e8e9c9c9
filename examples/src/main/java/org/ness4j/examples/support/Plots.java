package org.ness4j.examples.support;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.jfree.chart.JFreeChart;
import org.jfree.pdf.PDFDocument;
import org.jfree.pdf.PDFGraphics2D;
import org.jfree.pdf.PDFHints;
import org.jfree.pdf.Page;
import org.jfree.svg.SVGGraphics2D;
import org.jfree.svg.SVGUnits;
import org.jfree.svg.ViewBox;

/**
 * Figures for the examples, on JFreeChart: line plots ({@link #xy}) and heat maps
 * ({@link #heatMap}) sized for a two-column paper, saved as PNG (300 dpi), SVG and PDF
 * ({@link #save}). Labels take a small markup for subscripts and superscripts ({@code n_L},
 * {@code D_{1,l}}, {@code 10^{-3}}); Greek letters are written as Unicode. Headless.
 */
public final class Plots {

    /** Width of a single column of a two-column paper, inches. */
    public static final double COLUMN_WIDTH = 3.4;
    /** Default height of a line plot, inches. */
    public static final double COLUMN_HEIGHT = 2.55;
    /** Width of a figure spanning both columns, inches. */
    public static final double PAGE_WIDTH = 7.0;
    /** Resolution of the PNG files, dots per inch. */
    public static final int DPI = 300;

    static {
        System.setProperty("java.awt.headless", "true");
    }

    private Plots() {
    }

    /**
     * Creates an empty line plot, {@value #COLUMN_WIDTH} x {@value #COLUMN_HEIGHT} in.
     *
     * @param title title (markup allowed), or {@code null} for none
     * @param xLabel x-axis label (markup allowed), e.g. {@code "F"}
     * @param yLabel y-axis label (markup allowed), e.g. {@code "δn_L"}
     * @return a new plot
     */
    public static XyPlot xy(String title, String xLabel, String yLabel) {
        return new XyPlot(title, xLabel, yLabel);
    }

    /**
     * Adds a data series (shorthand for {@link XyPlot#line}).
     *
     * @param plot the plot (modified)
     * @param name legend entry, or {@code null}
     * @param x abscissae (copied)
     * @param y ordinates (copied)
     * @param errors one-sigma errors, or {@code null} (copied)
     * @return the series, for styling
     */
    public static XyPlot.Series line(XyPlot plot, String name, double[] x, double[] y,
                                     double[] errors) {
        return plot.line(name, x, y, errors);
    }

    /**
     * Creates a heat map of {@code z[i][j]} over {@code x[i]}, {@code y[j]} (both ascending)
     * with a colour bar; single-column width.
     *
     * @param title title (markup allowed), or {@code null}
     * @param xLabel x-axis label
     * @param yLabel y-axis label
     * @param x x coordinates (copied)
     * @param y y coordinates (copied)
     * @param z values, {@code z[i][j]} at {@code (x[i], y[j])} (copied)
     * @return a new map; label its colour bar with {@link HeatMapPlot#colourBar}
     * @throws IllegalArgumentException for mismatched or unsorted coordinates
     */
    public static HeatMapPlot heatMap(String title, String xLabel, String yLabel,
                                      double[] x, double[] y, double[][] z) {
        return new HeatMapPlot(title, xLabel, yLabel, x, y, z);
    }

    /**
     * Replaces OrsonPDF's creation and modification dates (the clock at writing) by
     * 1970-01-01, keeping every byte offset, so that a figure re-drawn from the same data gives
     * the same file (as for reproducible builds).
     */
    static byte[] fixedDates(byte[] pdf) {
        String text = new String(pdf, StandardCharsets.ISO_8859_1);
        String fixed = text.replaceAll("\\(D:\\d{14}", "(D:19700101000000");
        return fixed.getBytes(StandardCharsets.ISO_8859_1);
    }

    /**
     * Saves a figure as PNG ({@value #DPI} dpi), SVG and PDF next to each other: {@code a.png},
     * {@code a.svg}, {@code a.pdf}. Parent directories are created. The same figure gives the
     * same bytes in all three files.
     *
     * @param figure the figure
     * @param file the PNG path; {@code .png} is appended if missing
     * @return the PNG path written
     * @throws UncheckedIOException if writing fails
     */
    public static Path save(Figure figure, Path file) {
        String name = file.toString();
        if (!name.endsWith(".png")) {
            name += ".png";
        }
        Path png = Path.of(name);
        String stem = name.substring(0, name.length() - 4);
        JFreeChart chart = figure.build();
        double w = figure.widthPoints();
        double h = figure.heightPoints();
        Rectangle2D area = new Rectangle2D.Double(0, 0, w, h);
        try {
            if (png.toAbsolutePath().getParent() != null) {
                Files.createDirectories(png.toAbsolutePath().getParent());
            }
            double s = DPI / 72.0;
            BufferedImage img = new BufferedImage((int) Math.round(w * s),
                (int) Math.round(h * s), BufferedImage.TYPE_INT_RGB);
            Graphics2D g = img.createGraphics();
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING,
                RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS,
                RenderingHints.VALUE_FRACTIONALMETRICS_ON);
            g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL,
                RenderingHints.VALUE_STROKE_PURE);
            g.scale(s, s);
            chart.draw(g, area);
            g.dispose();
            if (!ImageIO.write(img, "png", png.toFile())) {
                throw new IOException("no PNG writer");
            }
            SVGGraphics2D svg = new SVGGraphics2D(w, h, SVGUnits.PT);
            svg.setDefsKeyPrefix("ness4j-"); // the default prefix is a clock reading
            chart.draw(svg, area);
            // width and height in points, user units = points through the view box
            Files.writeString(Path.of(stem + ".svg"), "<?xml version=\"1.0\"?>\n"
                + svg.getSVGElement(null, true, new ViewBox(0, 0, w, h), null, null) + "\n",
                StandardCharsets.UTF_8);
            PDFDocument pdf = new PDFDocument();
            pdf.setTitle(figure.title == null ? "" : RichText.plain(figure.title));
            Page page = pdf.createPage(area);
            PDFGraphics2D pg = page.getGraphics2D();
            // glyph outlines: the PDF standard fonts have no Greek letters or superscripts
            pg.setRenderingHint(PDFHints.KEY_DRAW_STRING_TYPE,
                PDFHints.VALUE_DRAW_STRING_TYPE_VECTOR);
            chart.draw(pg, area);
            Files.write(Path.of(stem + ".pdf"), fixedDates(pdf.getPDFBytes()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + png, e);
        }
        return png;
    }
}
