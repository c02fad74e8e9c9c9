package org.ness4j.examples.support;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Shape;
import java.awt.Stroke;
import java.awt.geom.AffineTransform;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;
import java.util.List;
import org.jfree.chart.annotations.AbstractXYAnnotation;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.PlotRenderingInfo;
import org.jfree.chart.plot.XYPlot;

/**
 * The legend, drawn inside the data area in a given corner (chosen by the plot so that it
 * covers no data), with notes (clamp floors, omitted points) in italics below the entries.
 */
final class LegendBox extends AbstractXYAnnotation {

    private static final long serialVersionUID = 1L;
    private static final double SAMPLE = 14;
    private static final double PAD = 2.5;
    private static final double MARGIN = 3;

    /** One legend row: label, colour, line stroke or null, marker or null, band. */
    record Entry(String label, Color paint, Stroke stroke, Shape marker, boolean band) {
    }

    private final transient List<Entry> entries;
    private final List<String> notes;
    private final int corner;
    private final int columns;

    /**
     * A legend box.
     *
     * @param entries rows
     * @param notes italic notes below the rows
     * @param corner 0 top right, 1 top left, 2 bottom right, 3 bottom left
     * @param columns 1 or 2
     */
    LegendBox(List<Entry> entries, List<String> notes, int corner, int columns) {
        this.entries = List.copyOf(entries);
        this.notes = List.copyOf(notes);
        this.corner = corner;
        this.columns = columns;
    }

    /**
     * Size of the box, points.
     *
     * @param g2 graphics for font metrics
     * @param entries rows
     * @param notes notes
     * @param columns 1 or 2
     * @return width and height, each including the margin to the plot frame
     */
    static double[] size(Graphics2D g2, List<Entry> entries, List<String> notes, int columns) {
        Layout l = layout(g2, entries, notes, columns);
        return new double[] {l.width(), l.height()};
    }

    /**
     * Row heights, rows per column, entry width and the box size with its margin, points:
     * computed once for {@link #size} and {@link #draw}.
     */
    private record Layout(double row, double noteRow, int rows, double entryW, double width,
                          double height) {
    }

    private static Layout layout(Graphics2D g2, List<Entry> entries, List<String> notes,
                                 int columns) {
        double row = Figure.LEGEND_FONT.getSize2D() * 1.35;
        double noteRow = Figure.NOTE_FONT.getSize2D() * 1.3;
        int rows = (entries.size() + columns - 1) / columns;
        double entryW = 0;
        for (Entry e : entries) {
            entryW = Math.max(entryW, SAMPLE + 3 + RichText.width(g2, e.label(),
                Figure.LEGEND_FONT));
        }
        double textW = columns * entryW + (columns - 1) * 6;
        for (String n : notes) {
            textW = Math.max(textW, RichText.width(g2, n, Figure.NOTE_FONT));
        }
        return new Layout(row, noteRow, rows, entryW, textW + 2 * PAD + MARGIN,
            rows * row + notes.size() * noteRow + 2 * PAD - 1 + MARGIN);
    }

    @Override
    public void draw(Graphics2D g2, XYPlot plot, Rectangle2D dataArea, ValueAxis domainAxis,
                     ValueAxis rangeAxis, int rendererIndex, PlotRenderingInfo info) {
        Layout l = layout(g2, entries, notes, columns);
        double row = l.row();
        double noteRow = l.noteRow();
        int rows = l.rows();
        double entryW = l.entryW();
        double w = l.width() - MARGIN;
        double h = l.height() - MARGIN;
        int best = corner;
        double x0 = best % 2 == 0 ? dataArea.getMaxX() - MARGIN - w : dataArea.getX() + MARGIN;
        double y0 = best < 2 ? dataArea.getY() + MARGIN : dataArea.getMaxY() - MARGIN - h;
        Rectangle2D box = new Rectangle2D.Double(x0, y0, w, h);
        g2.setPaint(new Color(255, 255, 255, 225));
        g2.fill(box);
        g2.setPaint(new Color(0x999999));
        g2.setStroke(new BasicStroke(0.4f));
        g2.draw(box);
        for (int k = 0; k < entries.size(); k++) {
            Entry e = entries.get(k);
            double ex = x0 + (k / rows) * (entryW + 6);
            double mid = y0 + PAD + (k % rows) * row + row / 2;
            if (e.band()) {
                g2.setPaint(new Color(e.paint().getRed(), e.paint().getGreen(),
                    e.paint().getBlue(), 64));
                g2.fill(new Rectangle2D.Double(ex + PAD, mid - row * 0.3, SAMPLE, row * 0.6));
            }
            g2.setPaint(e.paint());
            if (e.stroke() != null) {
                g2.setStroke(e.stroke());
                g2.draw(new Line2D.Double(ex + PAD, mid, ex + PAD + SAMPLE, mid));
            }
            if (e.marker() != null) {
                Shape s = AffineTransform.getTranslateInstance(ex + PAD + SAMPLE / 2, mid)
                    .createTransformedShape(e.marker());
                g2.fill(s);
            }
            g2.setPaint(Color.BLACK);
            RichText.draw(g2, e.label(), Figure.LEGEND_FONT, ex + PAD + SAMPLE + 3,
                mid + Figure.LEGEND_FONT.getSize2D() * 0.35);
        }
        double y = y0 + PAD + rows * row;
        for (String n : notes) {
            g2.setPaint(new Color(0x333333));
            RichText.draw(g2, n, Figure.NOTE_FONT, x0 + PAD,
                y + noteRow * 0.5 + Figure.NOTE_FONT.getSize2D() * 0.35);
            y += noteRow;
        }
    }
}
