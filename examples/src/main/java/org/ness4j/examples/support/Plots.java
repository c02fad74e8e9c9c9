package org.ness4j.examples.support;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.ChartEncoder;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Small façade over XChart for the figure examples: line plots with error bars and heat maps,
 * saved as PNG (headless).
 */
public final class Plots {

    static {
        System.setProperty("java.awt.headless", "true");
    }

    private Plots() {
    }

    /**
     * Creates an empty XY chart.
     *
     * @param title chart title
     * @param xLabel x-axis label
     * @param yLabel y-axis label
     * @return a new chart, 640 x 480 pixels
     */
    public static XYChart xy(String title, String xLabel, String yLabel) {
        XYChart chart = new XYChartBuilder().width(640).height(480)
            .title(title).xAxisTitle(xLabel).yAxisTitle(yLabel).build();
        chart.getStyler().setLegendVisible(true);
        chart.getStyler().setMarkerSize(5);
        return chart;
    }

    /**
     * Adds a line-and-marker series with optional error bars.
     *
     * @param chart the chart (modified)
     * @param name series name
     * @param x abscissae (not modified)
     * @param y ordinates (not modified)
     * @param errors one-sigma error bars, or {@code null} for none (not modified)
     * @return the series
     */
    public static XYSeries line(XYChart chart, String name, double[] x, double[] y,
                                double[] errors) {
        XYSeries s = errors == null ? chart.addSeries(name, x, y)
                                    : chart.addSeries(name, x, y, errors);
        s.setMarker(SeriesMarkers.CIRCLE);
        return s;
    }

    /**
     * Creates a heat map of {@code z[i][j]} over {@code x[i]}, {@code y[j]}.
     *
     * @param title chart title
     * @param xLabel x-axis label
     * @param yLabel y-axis label
     * @param x x coordinates (not modified)
     * @param y y coordinates (not modified)
     * @param z values, {@code z[i][j]} at {@code (x[i], y[j])} (not modified)
     * @return a new chart
     */
    public static HeatMapChart heatMap(String title, String xLabel, String yLabel,
                                       double[] x, double[] y, double[][] z) {
        HeatMapChart chart = new HeatMapChartBuilder().width(720).height(540)
            .title(title).xAxisTitle(xLabel).yAxisTitle(yLabel).build();
        chart.getStyler().setShowValue(false);
        List<Double> xs = new ArrayList<>();
        for (double v : x) {
            xs.add(label(v));
        }
        List<Double> ys = new ArrayList<>();
        for (double v : y) {
            ys.add(label(v));
        }
        List<Number[]> cells = new ArrayList<>();
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < y.length; j++) {
                cells.add(new Number[] {i, j, z[i][j]});
            }
        }
        chart.addSeries(title, xs, ys, cells);
        return chart;
    }

    /** Rounds an axis value to 4 significant digits for use as a heat-map label. */
    private static double label(double v) {
        return v == 0 ? 0 : new java.math.BigDecimal(v).round(new java.math.MathContext(4))
            .doubleValue();
    }

    /**
     * Saves a chart as PNG, creating parent directories.
     *
     * @param chart chart to save
     * @param file destination; {@code .png} is appended if missing
     * @throws UncheckedIOException if writing fails
     */
    public static void savePng(Chart<?, ?> chart, Path file) {
        try {
            if (file.toAbsolutePath().getParent() != null) {
                Files.createDirectories(file.toAbsolutePath().getParent());
            }
            String name = file.toString();
            if (!name.endsWith(".png")) {
                name += ".png";
            }
            try (OutputStream out = Files.newOutputStream(Path.of(name))) {
                ChartEncoder.saveChart(chart, out, "png");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
