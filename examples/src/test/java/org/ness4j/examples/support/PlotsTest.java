package org.ness4j.examples.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.BasicStroke;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.XYPlot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

/**
 * Renders every figure type headless and checks the files and what is written in them: PNG at
 * 300 dpi, SVG that parses as XML with its labels as text, PDF; tick labels on a log axis
 * spanning less than a decade; short colour-bar labels; marked floors and omitted points;
 * paired series styles.
 */
class PlotsTest {

    @TempDir
    Path dir;

    /** Checks the three files and returns the SVG's text elements. */
    private List<String> checkFiles(Path png, double widthInches) throws Exception {
        assertTrue(Files.size(png) > 1000, "PNG too small: " + Files.size(png));
        BufferedImage img = ImageIO.read(png.toFile());
        assertEquals(Math.round(widthInches * 72 * Plots.DPI / 72.0), img.getWidth(),
            "PNG width at " + Plots.DPI + " dpi");
        String stem = png.toString().substring(0, png.toString().length() - 4);
        byte[] pdf = Files.readAllBytes(Path.of(stem + ".pdf"));
        assertTrue(pdf.length > 500, "PDF too small: " + pdf.length);
        assertEquals("%PDF", new String(pdf, 0, 4, StandardCharsets.US_ASCII));
        byte[] svg = Files.readAllBytes(Path.of(stem + ".svg"));
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        // the SVG names its DTD: parse without fetching it from the network
        f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        Document doc = f.newDocumentBuilder().parse(new ByteArrayInputStream(svg));
        assertEquals("svg", doc.getDocumentElement().getLocalName());
        NodeList texts = doc.getElementsByTagNameNS("*", "text");
        List<String> out = new ArrayList<>();
        for (int i = 0; i < texts.getLength(); i++) {
            out.add(texts.item(i).getTextContent());
        }
        return out;
    }

    /** Parses a tick label written by {@link Ticks} (Unicode minus, m×10ⁿ). */
    static double parseLabel(String s) {
        String t = s.replace(Ticks.MINUS, '-');
        int x = t.indexOf("10");
        if (t.contains("×") || (t.startsWith("10") && t.length() > 2
            && "⁰¹²³⁴⁵⁶⁷⁸⁹⁻".indexOf(t.charAt(2)) >= 0)
            || (t.startsWith("-10") && t.length() > 3)) {
            double mant = 1;
            String pow;
            if (t.contains("×")) {
                mant = Double.parseDouble(t.substring(0, t.indexOf('×')));
                pow = t.substring(t.indexOf('×') + 3);
            } else {
                mant = t.startsWith("-") ? -1 : 1;
                pow = t.substring(x + 2);
            }
            StringBuilder e = new StringBuilder();
            for (char c : pow.toCharArray()) {
                e.append(c == '⁻' ? '-' : (char) ('0' + "⁰¹²³⁴⁵⁶⁷⁸⁹".indexOf(c)));
            }
            return mant * Math.pow(10, Integer.parseInt(e.toString()));
        }
        return Double.parseDouble(t);
    }

    private static List<Double> numbers(List<String> texts) {
        List<Double> v = new ArrayList<>();
        for (String t : texts) {
            try {
                v.add(parseLabel(t.trim()));
            } catch (RuntimeException e) {
                // not a number
            }
        }
        return v;
    }

    @Test
    void linePlotWritesPngSvgAndPdfWithLabelledTicks() throws Exception {
        double[] x = {0, 1, 2, 3, 4, 5};
        double[] y = {0.1, 0.4, 0.9, 1.6, 2.5, 3.6};
        double[] e = {0.05, 0.05, 0.05, 0.1, 0.1, 0.1};
        XyPlot p = Plots.xy("Fig. 2(d): n_L", "F", "n_L");
        p.line("TWA", x, y, e);
        p.hLine(0, "zero");
        Path png = Plots.save(p, dir.resolve("a"));
        assertEquals(dir.resolve("a.png"), png);
        List<String> texts = checkFiles(png, Plots.COLUMN_WIDTH);
        List<Double> ticks = numbers(texts);
        // both axes carry at least three numeric tick labels inside the data range
        assertTrue(ticks.stream().filter(v -> v >= 0 && v <= 5).count() >= 6, texts.toString());
        assertTrue(texts.contains("TWA"), "legend entry as text: " + texts);
    }

    @Test
    void logAxisSpanningLessThanADecadeHasAtLeastThreeTickLabels() throws Exception {
        double[] x = {100, 200, 300, 400};
        double[] y = {0.012, 0.019, 0.031, 0.047};
        XyPlot p = Plots.xy("sub-decade", "L", "n_{DW}").logY();
        p.line("data", x, y, null);
        List<String> texts = checkFiles(Plots.save(p, dir.resolve("log.png")),
            Plots.COLUMN_WIDTH);
        long inRange = numbers(texts).stream().filter(v -> v > 0.011 && v < 0.05).count();
        assertTrue(inRange >= 3, "tick labels of the y axis in " + texts);
    }

    @Test
    void nonPositiveValuesOnALogAxisAreLeftOutAndCounted() throws Exception {
        double[] x = {1, 2, 3, 4};
        double[] y = {0, 1e-3, -1e-5, 1e-1};
        XyPlot p = Plots.xy(null, "τ", "D").logY();
        p.line("D", x, y, null);
        List<String> texts = checkFiles(Plots.save(p, dir.resolve("omit.png")),
            Plots.COLUMN_WIDTH);
        assertTrue(texts.stream().anyMatch(t -> t.startsWith("2 points ≤ 0 not shown")),
            texts.toString());
    }

    @Test
    void heatMapHasShortColourBarLabelsAndMarksItsFloor() throws Exception {
        double[] x = {0, 1, 2, 3, 4};
        double[] y = {1, 2, 3};
        double[][] z = new double[5][3];
        for (int i = 0; i < 5; i++) {
            for (int j = 0; j < 3; j++) {
                z[i][j] = Math.pow(10, -i - j) / 3.0;
            }
        }
        z[0][0] = 1e-16;
        HeatMapPlot m = Plots.heatMap("map", "τ", "site l", x, y, z).colourBar("D_{1,l}")
            .log(1e-16);
        List<String> texts = checkFiles(Plots.save(m, dir.resolve("map.png")),
            Plots.COLUMN_WIDTH);
        assertTrue(texts.stream().anyMatch(t -> t.contains("≤ 10⁻¹⁶") && t.contains("1 cells")),
            "floor note: " + texts);
        for (String t : texts) {
            if (!numbers(List.of(t)).isEmpty()) {
                assertTrue(t.trim().length() <= 7, "long tick label '" + t + "'");
            }
        }
        // linear scale with values like 0.123456789: still short labels
        double[][] w = new double[5][3];
        for (int i = 0; i < 5; i++) {
            for (int j = 0; j < 3; j++) {
                w[i][j] = 0.123456789 * (i + 1) + 0.0101 * j;
            }
        }
        List<String> lin = checkFiles(Plots.save(Plots.heatMap("lin", "F", "L", x, y, w)
            .colourBar("n_L").normalizeToMax(), dir.resolve("lin.png")), Plots.COLUMN_WIDTH);
        long barTicks = numbers(lin).stream().filter(v -> v > 0.15 && v <= 1).count();
        assertTrue(barTicks >= 3, lin.toString());
        for (String t : lin) {
            if (!numbers(List.of(t)).isEmpty()) {
                assertTrue(t.trim().length() <= 5, "long tick label '" + t + "'");
            }
        }
    }

    @Test
    void nonUniformHeatMapAndOverlayRender() throws Exception {
        double[] x = {0, 1, 3, 7};
        double[] y = {2, 4, 10};
        double[][] z = {{1, 2, 3}, {2, Double.NaN, 4}, {-1, 0, 1}, {5, 6, 7}};
        HeatMapPlot m = Plots.heatMap(null, "F", "L", x, y, z).colourBar("δn_L")
            .palette(HeatMapPlot.Palette.DIVERGING)
            .overlay("v = 2J", new double[] {0, 7}, new double[] {2, 10}, java.awt.Color.WHITE);
        List<String> texts = checkFiles(Plots.save(m, dir.resolve("nu.png")),
            Plots.COLUMN_WIDTH);
        assertTrue(texts.stream().anyMatch(t -> t.contains("no value (1 cells)")),
            texts.toString());
        assertTrue(texts.contains("v = 2J"), texts.toString());
    }

    @Test
    void pairedSeriesShareTheirColourAndDifferInDash() {
        XyPlot p = Plots.xy("pairs", "t", "n_L");
        double[] t = {0, 1, 2};
        p.line("TWA, L = 50", t, t, null).hue(3);
        p.line("GP, L = 50", t, t, null).hue(3).dashed();
        p.line("TWA, L = 100", t, t, null).hue(4);
        JFreeChart chart = p.build();
        XYPlot plot = (XYPlot) chart.getPlot();
        assertEquals(plot.getRenderer(0).getSeriesPaint(0), plot.getRenderer(1).getSeriesPaint(0));
        assertNotEquals(plot.getRenderer(0).getSeriesPaint(0),
            plot.getRenderer(2).getSeriesPaint(0));
        BasicStroke solid = (BasicStroke) plot.getRenderer(0).getSeriesStroke(0);
        BasicStroke dashed = (BasicStroke) plot.getRenderer(1).getSeriesStroke(0);
        assertEquals(null, solid.getDashArray());
        assertTrue(dashed.getDashArray() != null && dashed.getDashArray().length > 0);
    }

    @Test
    void markupBecomesSubscriptsAndSuperscripts() {
        assertEquals(List.of(new RichText.Run("n", 0), new RichText.Run("L", -1)),
            RichText.parse("n_L"));
        assertEquals(List.of(new RichText.Run("D", 0), new RichText.Run("1,l", -1),
            new RichText.Run("(τ)", 0)), RichText.parse("D_{1,l}(τ)"));
        assertEquals(List.of(new RichText.Run("10", 0), new RichText.Run("-3", 1)),
            RichText.parse("10^{-3}"));
        assertEquals("δnL", RichText.plain("δn_L"));
    }

    @Test
    void badInputIsRefusedNamingTheParameter() {
        double[] x = {0, 1};
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> Plots.heatMap("m", "x", "y", x, new double[] {0, 1, 2}, new double[2][2]));
        assertTrue(e.getMessage().contains("y.length"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
            () -> Plots.heatMap("m", "x", "y", new double[] {1, 0}, x, new double[2][2]));
        assertTrue(e.getMessage().contains("x coordinates"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
            () -> Plots.xy("p", "x", "y").line("s", x, new double[] {1}, null));
        assertTrue(e.getMessage().contains("lengths"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Plots.xy("p", "x", "y")
            .size(-1, 2));
        assertTrue(e.getMessage().contains("width = -1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Plots.xy("p", "x", "y")
            .yRange(2, 1));
        assertTrue(e.getMessage().contains("lo = 2"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Plots.heatMap("m", "x", "y", x,
            x, new double[2][2]).range(1, Double.NaN));
        assertTrue(e.getMessage().contains("colour range") && e.getMessage().contains("hi = NaN"),
            e.getMessage());
    }

    /** Random log ranges from a seeded generator (ratios from 1.02 to 1e12). */
    static Stream<Arguments> logRanges() {
        UniformRandomProvider rng = RandomSource.XO_SHI_RO_256_PP.create(20261208L);
        List<Arguments> a = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            double lo = Math.pow(10, -12 + 24 * rng.nextDouble());
            double ratio = Math.pow(10, Math.log10(1.02) + (12 - Math.log10(1.02))
                * Math.pow(rng.nextDouble(), 3));
            a.add(Arguments.of(lo, lo * ratio));
        }
        return a.stream();
    }

    @ParameterizedTest
    @MethodSource("logRanges")
    void logTicksAreAtLeastThreeInsideTheRangeAndTheirLabelsReadBack(double lo, double hi) {
        List<Double> ticks = Ticks.logMajor(lo, hi);
        String where = "range [" + lo + ", " + hi + "]: " + ticks;
        assertTrue(ticks.size() >= 3 && ticks.size() <= 12, where);
        for (int i = 0; i < ticks.size(); i++) {
            assertTrue(ticks.get(i) >= lo * (1 - 1e-9) && ticks.get(i) <= hi * (1 + 1e-9),
                where);
            if (i > 0) {
                assertTrue(ticks.get(i) > ticks.get(i - 1), where);
            }
        }
        List<String> labels = Ticks.logLabels(ticks);
        assertEquals(ticks.size(), labels.stream().distinct().count(), where + " " + labels);
        for (int i = 0; i < ticks.size(); i++) {
            double back = parseLabel(labels.get(i));
            assertEquals(ticks.get(i), back, 0.006 * ticks.get(i), where + " " + labels);
            assertTrue(labels.get(i).length() <= 12, where + " " + labels);
        }
    }

    /** Random linear ranges and steps: labels read back to the tick value. */
    static Stream<Arguments> linearValues() {
        UniformRandomProvider rng = RandomSource.XO_SHI_RO_256_PP.create(8122026L);
        List<Arguments> a = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            int e = -8 + rng.nextInt(17);
            int m = new int[] {1, 2, 5}[rng.nextInt(3)];
            double step = m * Math.pow(10, e);
            long k = rng.nextInt(2001) - 1000;
            a.add(Arguments.of(step, k * step));
        }
        return a.stream();
    }

    @ParameterizedTest
    @MethodSource("linearValues")
    void linearTickLabelsReadBackToTheirValue(double step, double value) {
        String label = new Ticks.Format(step).format(value);
        double back = parseLabel(label);
        assertEquals(value, back, Math.max(1e-9 * step, 0.005 * Math.abs(value)),
            "step " + step + ", value " + value + ": '" + label + "'");
        assertTrue(label.length() <= 10, "step " + step + ": '" + label + "'");
    }

    @Test
    void replotRedrawsAFigureFromItsCsv() throws IOException {
        Path fig2 = Files.createDirectories(dir.resolve("fig2"));
        Files.writeString(fig2.resolve("fig2_cut.csv"), String.join("\n",
            "F,n_L,n_L_err,delta_n_L,delta_n_L_err,n_1,n_1_err,circular_variance_L,"
                + "circular_variance_L_err",
            "0,0.0004,0.0017,-0.0012,0.001,0.002,0.0019,0.99,0.002",
            "0.5,0.12,0.0017,0.0003,0.0015,0.05,0.0016,0.59,0.0015",
            "1,0.38,0.0017,0.012,0.0025,0.10,0.0013,0.36,0.0012") + "\n");
        org.ness4j.examples.Replot.main(new String[] {dir.toString()});
        for (String f : new String[] {"fig2d_nL", "fig2e_dnL"}) {
            for (String ext : new String[] {".png", ".svg", ".pdf"}) {
                assertTrue(Files.size(fig2.resolve(f + ext)) > 500, f + ext);
            }
        }
        assertTrue(Arrays.asList(dir.toFile().list()).contains("fig2"));
    }

    @Test
    void libraryModulesHaveNoPlottingDependency() throws IOException {
        // Surefire runs in the examples module's directory; the library POMs are its siblings
        for (String module : new String[] {"core", "sde", "observables", "fitting", "hydro"}) {
            Path pom = Path.of("..", module, "pom.xml");
            assertTrue(Files.exists(pom), "missing " + pom.toAbsolutePath());
            String text = Files.readString(pom);
            for (String group : new String[] {"org.jfree", "org.knowm.xchart"}) {
                assertTrue(!text.contains("<groupId>" + group + "</groupId>"),
                    module + " depends on " + group);
            }
        }
    }

    @Test
    void theSameFigureGivesTheSameFiles() throws Exception {
        double[] x = {1, 2, 3};
        Path a = Plots.save(Plots.xy("same", "x", "y").line("s", x, x, null).plot(),
            dir.resolve("one/f.png"));
        Thread.sleep(1100); // a clock reading in the files would now differ
        Path b = Plots.save(Plots.xy("same", "x", "y").line("s", x, x, null).plot(),
            dir.resolve("two/f.png"));
        for (String ext : new String[] {".png", ".svg", ".pdf"}) {
            Path fa = Path.of(a.toString().replace(".png", ext));
            Path fb = Path.of(b.toString().replace(".png", ext));
            assertTrue(Arrays.equals(Files.readAllBytes(fa), Files.readAllBytes(fb)),
                "files differ: " + ext);
        }
        String pdf = new String(Files.readAllBytes(Path.of(a.toString().replace(".png", ".pdf"))),
            StandardCharsets.ISO_8859_1);
        assertTrue(pdf.contains("(D:19700101000000"), "fixed date in the PDF");
    }
}
