package dev.knobs.lessons.common;

import java.awt.Color;
import java.awt.Font;
import java.util.List;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The chart types the lessons draw, built with XChart in one house style: line charts of curves
 * against epochs, steps or rates (optionally with a log axis), bar charts of sweeps, and heat
 * maps. Pictures of digits are drawn by {@link DigitGrid}. Charts are saved by
 * {@link Lesson#figure}.
 */
public final class Plots {
    /** Width and height of every chart, in pixels: readable on a laptop, scaled down on a phone. */
    public static final int WIDTH = 800;
    public static final int HEIGHT = 480;

    /** A palette that stays distinguishable for colour-blind readers (Okabe and Ito 2008). */
    private static final Color[] PALETTE = {
        new Color(0, 114, 178), new Color(213, 94, 0), new Color(0, 158, 115), new Color(204, 121, 167),
        new Color(230, 159, 0), new Color(86, 180, 233), new Color(0, 0, 0), new Color(240, 228, 66),
        new Color(120, 120, 120), new Color(150, 60, 30),
    };

    private Plots() {}

    /** One curve: y against x, with a legend label. */
    public record Series(String label, double[] x, double[] y) {
        /** A curve against 1, 2, 3, ... (epochs). */
        public static Series ofEpochs(String label, double[] y) {
            double[] x = new double[y.length];
            for (int i = 0; i < y.length; i++) {
                x[i] = i + 1;
            }
            return new Series(label, x, y);
        }

        /** A series from two lists of the same length. */
        public static Series of(String label, List<? extends Number> x, List<? extends Number> y) {
            return new Series(label, x.stream().mapToDouble(Number::doubleValue).toArray(),
                    y.stream().mapToDouble(Number::doubleValue).toArray());
        }
    }

    /** A line chart of one or more curves. Non-finite points (a diverged run) are left out. */
    public static XYChart lines(String title, String xLabel, String yLabel, List<Series> series) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(xLabel)
                .yAxisTitle(yLabel).build();
        style(chart.getStyler());
        chart.getStyler().setMarkerSize(4);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        chart.getStyler().setLegendVisible(series.size() > 1);
        int i = 0;
        for (Series s : series) {
            double[][] finite = finite(s.x(), s.y());
            if (finite[0].length == 0) {
                continue;
            }
            XYSeries xy = chart.addSeries(s.label(), finite[0], finite[1]);
            xy.setLineColor(PALETTE[i % PALETTE.length]);
            xy.setMarkerColor(PALETTE[i % PALETTE.length]);
            xy.setLineWidth(2f);
            xy.setMarker(finite[0].length > 40 ? SeriesMarkers.NONE : SeriesMarkers.CIRCLE);
            i++;
        }
        return chart;
    }

    /** {@link #lines} with a logarithmic x axis (learning rates, batch sizes). */
    public static XYChart linesLogX(String title, String xLabel, String yLabel, List<Series> series) {
        XYChart chart = lines(title, xLabel, yLabel, series);
        chart.getStyler().setXAxisLogarithmic(true);
        return chart;
    }

    /** {@link #lines} with a logarithmic y axis (losses spanning decades, learning-rate curves). */
    public static XYChart linesLogY(String title, String xLabel, String yLabel, List<Series> series) {
        XYChart chart = lines(title, xLabel, yLabel, series);
        chart.getStyler().setYAxisLogarithmic(true);
        return chart;
    }

    /** A bar chart: one bar per category for each named group of values. */
    public static CategoryChart bars(String title, String xLabel, String yLabel, List<String> categories,
                                     List<String> groups, List<double[]> values) {
        CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(xLabel)
                .yAxisTitle(yLabel).build();
        style(chart.getStyler());
        chart.getStyler().setLegendVisible(groups.size() > 1);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        chart.getStyler().setSeriesColors(PALETTE);
        chart.getStyler().setXAxisLabelRotation(categories.size() > 12 ? 45 : 0);
        for (int g = 0; g < groups.size(); g++) {
            double[] v = values.get(g);
            Double[] boxed = new Double[v.length];
            for (int i = 0; i < v.length; i++) {
                boxed[i] = Double.isFinite(v[i]) ? v[i] : 0.0;
            }
            chart.addSeries(groups.get(g), categories, List.of(boxed));
        }
        return chart;
    }

    /**
     * A heat map of {@code values[row][col]}, e.g. a confusion matrix with true classes as rows.
     * Cells are annotated with their values.
     */
    public static HeatMapChart heatMap(String title, String xLabel, String yLabel, List<String> columns,
                                       List<String> rows, double[][] values) {
        HeatMapChart chart = new HeatMapChartBuilder().width(640).height(560).title(title).xAxisTitle(xLabel)
                .yAxisTitle(yLabel).build();
        style(chart.getStyler());
        chart.getStyler().setShowValue(true);
        chart.getStyler().setValueFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        chart.getStyler().setRangeColors(new Color[] {
            new Color(247, 251, 255), new Color(107, 174, 214), new Color(8, 48, 107)});
        chart.getStyler().setLegendVisible(true);
        chart.getStyler().setPlotContentSize(0.95);
        Number[][] heat = new Number[rows.size() * columns.size()][];
        int k = 0;
        for (int r = 0; r < rows.size(); r++) {
            for (int c = 0; c < columns.size(); c++) {
                // XChart draws the first y category at the bottom; reverse rows so row 0 is on top.
                heat[k++] = new Number[] {c, rows.size() - 1 - r, values[r][c]};
            }
        }
        List<String> yLabels = new java.util.ArrayList<>(rows);
        java.util.Collections.reverse(yLabels);
        chart.addSeries("counts", columns, yLabels, List.of(heat));
        return chart;
    }

    private static void style(Styler s) {
        s.setChartBackgroundColor(Color.WHITE);
        s.setPlotBackgroundColor(Color.WHITE);
        s.setPlotBorderVisible(false);
        s.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
        s.setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        s.setLegendBorderColor(Color.WHITE);
        s.setAntiAlias(true);
        if (s instanceof org.knowm.xchart.style.AxesChartStyler a) {
            a.setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
            a.setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
            a.setPlotGridLinesColor(new Color(225, 225, 225));
        }
    }

    private static double[][] finite(double[] x, double[] y) {
        int n = 0;
        for (int i = 0; i < x.length; i++) {
            if (Double.isFinite(x[i]) && Double.isFinite(y[i])) {
                n++;
            }
        }
        double[][] out = new double[2][n];
        int k = 0;
        for (int i = 0; i < x.length; i++) {
            if (Double.isFinite(x[i]) && Double.isFinite(y[i])) {
                out[0][k] = x[i];
                out[1][k++] = y[i];
            }
        }
        return out;
    }
}
