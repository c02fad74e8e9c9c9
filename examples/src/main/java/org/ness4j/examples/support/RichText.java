package org.ness4j.examples.support;

import java.awt.Font;
import java.awt.Graphics2D;
import java.util.ArrayList;
import java.util.List;

/**
 * Labels with subscripts and superscripts, drawn run by run with plain
 * {@link Graphics2D#drawString(String, float, float)} so that the text stays text in SVG and
 * PDF. Markup: {@code n_L}, {@code D_{1,l}}, {@code 10^{-3}} (one character or a braced group).
 * Greek letters are written as Unicode ({@code δn_L}, {@code τ}).
 */
final class RichText {

    /** Font size of a sub- or superscript relative to the base font. */
    private static final float SCRIPT_SCALE = 0.72f;

    /** One run of text: 0 normal, -1 subscript, +1 superscript. */
    record Run(String text, int level) {
    }

    private RichText() {
    }

    /**
     * Splits markup into runs.
     *
     * @param markup text with {@code _x}, {@code _{..}}, {@code ^x}, {@code ^{..}}
     * @return the runs, in order
     */
    static List<Run> parse(String markup) {
        List<Run> runs = new ArrayList<>();
        StringBuilder plain = new StringBuilder();
        int i = 0;
        while (i < markup.length()) {
            char c = markup.charAt(i);
            if ((c == '_' || c == '^') && i + 1 < markup.length()) {
                String group;
                int next;
                if (markup.charAt(i + 1) == '{') {
                    int close = markup.indexOf('}', i + 2);
                    if (close < 0) {
                        plain.append(c);
                        i++;
                        continue;
                    }
                    group = markup.substring(i + 2, close);
                    next = close + 1;
                } else {
                    group = markup.substring(i + 1, i + 1 + Character.charCount(
                        markup.codePointAt(i + 1)));
                    next = i + 1 + group.length();
                }
                if (plain.length() > 0) {
                    runs.add(new Run(plain.toString(), 0));
                    plain.setLength(0);
                }
                runs.add(new Run(group, c == '_' ? -1 : 1));
                i = next;
            } else {
                plain.append(c);
                i++;
            }
        }
        if (plain.length() > 0) {
            runs.add(new Run(plain.toString(), 0));
        }
        return runs;
    }

    /**
     * The text without markup (for CSV-like contexts and tests).
     *
     * @param markup text with markup
     * @return the characters of all runs
     */
    static String plain(String markup) {
        StringBuilder b = new StringBuilder();
        for (Run r : parse(markup)) {
            b.append(r.text());
        }
        return b.toString();
    }

    /**
     * Width of the rendered markup.
     *
     * @param g2 graphics (for font metrics)
     * @param markup text with markup
     * @param font base font
     * @return width in user-space units
     */
    static double width(Graphics2D g2, String markup, Font font) {
        double w = 0;
        Font script = font.deriveFont(font.getSize2D() * SCRIPT_SCALE);
        for (Run r : parse(markup)) {
            w += advance(g2, r.text(), r.level() == 0 ? font : script);
        }
        return w;
    }

    /**
     * Advance of a string in the graphics' own font render context (the PDF backend draws
     * glyph outlines with it; integer font metrics would leave gaps between runs).
     */
    private static double advance(Graphics2D g2, String text, Font font) {
        return font.getStringBounds(text, g2.getFontRenderContext()).getWidth();
    }

    /**
     * Draws markup with its baseline at {@code (x, y)}.
     *
     * @param g2 graphics
     * @param markup text with markup
     * @param font base font
     * @param x left end
     * @param y baseline
     * @return the width drawn
     */
    static double draw(Graphics2D g2, String markup, Font font, double x, double y) {
        Font saved = g2.getFont();
        Font script = font.deriveFont(font.getSize2D() * SCRIPT_SCALE);
        double cx = x;
        for (Run r : parse(markup)) {
            Font f = r.level() == 0 ? font : script;
            g2.setFont(f);
            double shift = r.level() < 0 ? 0.25 * font.getSize2D()
                : r.level() > 0 ? -0.38 * font.getSize2D() : 0;
            g2.drawString(r.text(), (float) cx, (float) (y + shift));
            cx += advance(g2, r.text(), f);
        }
        g2.setFont(saved);
        return cx - x;
    }
}
