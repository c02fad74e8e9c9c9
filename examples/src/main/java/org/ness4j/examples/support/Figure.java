package org.ness4j.examples.support;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.awt.font.TextAttribute;
import java.text.AttributedString;
import java.util.ArrayList;
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.block.RectangleConstraint;
import org.jfree.chart.title.Title;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.chart.ui.Size2D;

/**
 * A figure to be saved by {@link Plots#save}: a line plot ({@link XyPlot}) or a heat map
 * ({@link HeatMapPlot}). Sizes are in inches and fonts in points, chosen for a two-column paper
 * (single column {@value Plots#COLUMN_WIDTH} in wide). Not thread-safe; build one figure per
 * thread.
 */
public abstract class Figure {

    /** Font family of all text (the JDK's logical sans-serif font). */
    static final String FAMILY = Font.SANS_SERIF;
    /** Tick labels, points. */
    static final Font TICK_FONT = new Font(FAMILY, Font.PLAIN, 7);
    /** Axis labels and title, points. */
    static final Font LABEL_FONT = new Font(FAMILY, Font.PLAIN, 8);
    /** Legend entries, points. */
    static final Font LEGEND_FONT = new Font(FAMILY, Font.PLAIN, 7).deriveFont(6.5f);
    /** Notes under the legend (clamps, omitted points), points. */
    static final Font NOTE_FONT = new Font(FAMILY, Font.ITALIC, 6).deriveFont(6f);

    final String title;
    final String xLabel;
    final String yLabel;
    double widthInches;
    double heightInches;
    final List<String> notes = new ArrayList<>();

    Figure(String title, String xLabel, String yLabel, double widthInches,
           double heightInches) {
        this.title = title;
        this.xLabel = xLabel;
        this.yLabel = yLabel;
        this.widthInches = widthInches;
        this.heightInches = heightInches;
    }

    /**
     * Sets the size.
     *
     * @param width width in inches, positive
     * @param height height in inches, positive
     * @return this figure
     * @throws IllegalArgumentException for a non-positive or non-finite size
     */
    public Figure size(double width, double height) {
        if (!(width > 0 && height > 0 && width < 100 && height < 100)) {
            throw new IllegalArgumentException("size must be positive inches below 100: width = "
                + width + ", height = " + height);
        }
        this.widthInches = width;
        this.heightInches = height;
        return this;
    }

    /**
     * Adds a note, shown in italics under the legend (for example what a clamp floor or an
     * omitted point means). Markup as in axis labels.
     *
     * @param text the note
     * @return this figure
     */
    public Figure note(String text) {
        notes.add(text);
        return this;
    }

    /** @return width in points (1/72 in) */
    double widthPoints() {
        return 72 * widthInches;
    }

    /** @return height in points (1/72 in) */
    double heightPoints() {
        return 72 * heightInches;
    }

    /**
     * Builds the chart. Each call builds a new chart from the figure's current content.
     *
     * @return the chart
     */
    abstract JFreeChart build();

    /** Common chart styling: white, no JFreeChart legend, rich title. */
    JFreeChart frame(org.jfree.chart.plot.XYPlot plot) {
        JFreeChart chart = new JFreeChart(null, LABEL_FONT, plot, false);
        chart.setBackgroundPaint(Color.WHITE);
        chart.setPadding(new RectangleInsets(2, 2, 2, 4));
        chart.setTextAntiAlias(true);
        if (title != null && !title.isEmpty()) {
            chart.addSubtitle(new RichTitle(title, LABEL_FONT));
        }
        plot.setBackgroundPaint(Color.WHITE);
        plot.setOutlinePaint(Color.BLACK);
        plot.setOutlineStroke(new BasicStroke(0.6f));
        plot.setDomainGridlinesVisible(false);
        plot.setRangeGridlinesVisible(false);
        plot.setAxisOffset(RectangleInsets.ZERO_INSETS);
        plot.setInsets(new RectangleInsets(2, 2, 2, 2));
        return chart;
    }

    /** Common axis styling. */
    static void style(ValueAxis axis, String label) {
        axis.setAttributedLabel(attributed(label, LABEL_FONT));
        axis.setLabelFont(LABEL_FONT);
        axis.setTickLabelFont(TICK_FONT);
        axis.setTickLabelPaint(Color.BLACK);
        axis.setLabelPaint(Color.BLACK);
        axis.setAxisLineVisible(false);
        axis.setTickMarkPaint(Color.BLACK);
        axis.setTickMarkStroke(new BasicStroke(0.5f));
        axis.setTickMarkInsideLength(0f);
        axis.setTickMarkOutsideLength(2.5f);
        axis.setMinorTickMarkInsideLength(0f);
        axis.setMinorTickMarkOutsideLength(1.3f);
        axis.setTickLabelInsets(new RectangleInsets(1.5, 1.5, 1.5, 1.5));
        axis.setLabelInsets(new RectangleInsets(1.5, 1.5, 1.5, 1.5));
        if (axis instanceof NumberAxis n) {
            n.setStandardTickUnits(Ticks.linearUnits());
            n.setAutoRangeIncludesZero(false);
        }
    }

    /**
     * Styles a horizontal axis: JFreeChart 1.5.6 draws an attributed label with its baseline,
     * not its centre, at the anchor, so the label needs extra space above it.
     */
    static void styleHorizontal(ValueAxis axis, String label) {
        style(axis, label);
        axis.setLabelInsets(new RectangleInsets(LABEL_FONT.getSize2D() * 0.55 + 1.5, 1.5, 0.5,
            1.5));
    }

    /**
     * Fixes the tick unit of a linear axis to the smallest 1-2-5 step giving at most eight
     * ticks, so that PNG, SVG and PDF (whose font metrics differ slightly) show the same ticks.
     */
    static void fixTicks(ValueAxis axis) {
        if (axis instanceof NumberAxis n && !(axis.getRange().getLength() <= 0)) {
            n.setTickUnit((org.jfree.chart.axis.NumberTickUnit) Ticks.linearUnits()
                .getCeilingTickUnit(axis.getRange().getLength() / 7));
        }
    }

    /** Markup to an attributed string (axis labels). */
    static AttributedString attributed(String markup, Font font) {
        List<RichText.Run> runs = RichText.parse(markup);
        StringBuilder all = new StringBuilder();
        for (RichText.Run r : runs) {
            all.append(r.text());
        }
        AttributedString s = new AttributedString(all.length() == 0 ? " " : all.toString());
        if (all.length() == 0) {
            return s;
        }
        s.addAttribute(TextAttribute.FAMILY, font.getFamily());
        s.addAttribute(TextAttribute.SIZE, font.getSize2D());
        int at = 0;
        for (RichText.Run r : runs) {
            int end = at + r.text().length();
            if (r.level() != 0) {
                s.addAttribute(TextAttribute.SUPERSCRIPT, r.level() < 0
                    ? TextAttribute.SUPERSCRIPT_SUB : TextAttribute.SUPERSCRIPT_SUPER, at, end);
            }
            at = end;
        }
        return s;
    }

    /** A centred title with sub- and superscripts, shrunk to fit the width. */
    static final class RichTitle extends Title {
        private static final long serialVersionUID = 1L;
        private final String text;
        private final Font font;

        RichTitle(String text, Font font) {
            this.text = text;
            this.font = font;
            setPadding(new RectangleInsets(0, 0, 2, 0));
        }

        @Override
        public Size2D arrange(Graphics2D g2, RectangleConstraint constraint) {
            double w = RichText.width(g2, text, font);
            double h = font.getSize2D() * 1.45;
            if (constraint.getWidthRange() != null) {
                w = Math.min(w, constraint.getWidthRange().getUpperBound());
            }
            return new Size2D(w, h);
        }

        @Override
        public void draw(Graphics2D g2, Rectangle2D area) {
            Font f = font;
            double w = RichText.width(g2, text, f);
            if (w > area.getWidth() && w > 0) {
                f = font.deriveFont((float) (font.getSize2D() * area.getWidth() / w));
                w = RichText.width(g2, text, f);
            }
            g2.setPaint(Color.BLACK);
            RichText.draw(g2, text, f, area.getCenterX() - w / 2,
                area.getY() + font.getSize2D() * 1.05);
        }

        @Override
        public Object draw(Graphics2D g2, Rectangle2D area, Object params) {
            draw(g2, area);
            return null;
        }
    }
}
