package dev.knobs.search.report;

import dev.knobs.lessons.common.Plots;
import dev.knobs.search.space.Dimension;
import dev.knobs.search.space.Space;
import dev.knobs.search.strategy.TrialResult;
import java.awt.BasicStroke;
import java.awt.Color;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The plots of a search, in the lessons' style ({@link Plots}): the best validation accuracy so far
 * against trials and against wall time, every trial in parallel coordinates, which trials went on
 * at each rung, and validation accuracy over the two knobs that matter most.
 */
public final class SearchPlots {
    private static final Color GREY = new Color(190, 190, 190);
    private static final Color BLUE = new Color(0, 114, 178);
    private static final Color ORANGE = new Color(213, 94, 0);

    private SearchPlots() {}

    /** Best validation accuracy so far, and each trial's, against the number of trials finished. */
    public static XYChart bestByTrials(List<TrialResult> trials) {
        return bestSoFar(trials, false);
    }

    /** Best validation accuracy so far, and each trial's, against minutes of search time. */
    public static XYChart bestByTime(List<TrialResult> trials) {
        return bestSoFar(trials, true);
    }

    private static XYChart bestSoFar(List<TrialResult> trials, boolean time) {
        List<Double> x = new ArrayList<>();
        List<Double> each = new ArrayList<>();
        List<Double> best = new ArrayList<>();
        double top = Double.NaN;
        int n = 0;
        for (TrialResult r : trials) {
            n++;
            if (r.failed()) {
                continue;
            }
            top = Double.isNaN(top) ? r.validationAccuracy() : Math.max(top, r.validationAccuracy());
            x.add(time ? r.finished() / 60 : n);
            each.add(100 * r.validationAccuracy());
            best.add(100 * top);
        }
        XYChart chart = Plots.lines(time ? "Best validation accuracy against search time" : "Best validation accuracy "
                        + "against trials", time ? "minutes of search" : "trials finished", "validation accuracy (%)",
                List.of(Plots.Series.of("best so far", x, best), Plots.Series.of("each trial", x, each)));
        if (chart.getSeriesMap().containsKey("each trial")) {
            XYSeries s = chart.getSeriesMap().get("each trial");
            s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            s.setMarker(SeriesMarkers.CIRCLE);
        }
        return chart;
    }

    /**
     * Best validation accuracy so far against minutes of search, one line per search: two
     * strategies given the same configurations, side by side, show which reaches a good
     * configuration sooner, not only which ends higher.
     *
     * @param searches each search's trials in the order they finished, by the search's name
     */
    public static XYChart compareByTime(Map<String, List<TrialResult>> searches) {
        List<Plots.Series> series = new ArrayList<>();
        for (Map.Entry<String, List<TrialResult>> e : searches.entrySet()) {
            List<Double> x = new ArrayList<>();
            List<Double> best = new ArrayList<>();
            double top = Double.NaN;
            for (TrialResult r : e.getValue()) {
                if (r.failed()) {
                    continue;
                }
                top = Double.isNaN(top) ? r.validationAccuracy() : Math.max(top, r.validationAccuracy());
                x.add(r.finished() / 60);
                best.add(100 * top);
            }
            series.add(Plots.Series.of(e.getKey(), x, best));
        }
        XYChart chart = Plots.lines("Best validation accuracy so far: the same configurations, two strategies",
                "minutes of search", "best validation accuracy so far (%)", series);
        for (XYSeries s : chart.getSeriesMap().values()) {
            s.setMarker(SeriesMarkers.CIRCLE);
        }
        return chart;
    }

    /**
     * Parallel coordinates: one line per configuration across one axis per knob (scaled to [0, 1]
     * between the ends of its range, log knobs in the logarithm) and a last axis for validation
     * accuracy; the better the configuration, the darker its line, the best in orange.
     *
     * @param trials one result per configuration, all at the same budget
     */
    public static XYChart parallelCoordinates(Space space, List<TrialResult> trials, String budget) {
        List<Dimension> dims = space.dimensions();
        List<String> axes = new ArrayList<>(space.knobs());
        axes.add("validation accuracy");
        XYChart chart = Plots.lines("Every configuration, " + budget, "", "position in the knob's range (0 = low end)",
                List.of());
        chart.getStyler().setLegendVisible(false);
        chart.getStyler().setYAxisMin(-0.05);
        chart.getStyler().setYAxisMax(1.05);
        chart.getStyler().setXAxisMin(-0.1);
        chart.getStyler().setXAxisMax(axes.size() - 0.9);
        chart.setCustomXAxisTickLabelsFormatter(v -> {
            int i = (int) Math.round(v);
            return Math.abs(v - i) < 1e-3 && i >= 0 && i < axes.size() ? axes.get(i) : "";
        });
        List<TrialResult> done = trials.stream().filter(r -> !r.failed())
                .sorted(Comparator.comparingDouble(TrialResult::validationAccuracy)).toList();
        if (done.isEmpty()) {
            return chart;
        }
        double lo = done.get(0).validationAccuracy();
        double hi = done.get(done.size() - 1).validationAccuracy();
        Map<Dimension, double[]> ranges = new TreeMap<>(Comparator.comparing(Dimension::knob));
        for (Dimension d : dims) {
            ranges.put(d, range(d));
        }
        for (int k = 0; k < done.size(); k++) {
            TrialResult r = done.get(k);
            double[] x = new double[axes.size()];
            double[] y = new double[axes.size()];
            for (int i = 0; i < dims.size(); i++) {
                double[] range = ranges.get(dims.get(i));
                x[i] = i;
                y[i] = unit(dims.get(i).position(r.knobs().get(dims.get(i).knob())), range[0], range[1]);
            }
            x[dims.size()] = dims.size();
            y[dims.size()] = unit(r.validationAccuracy(), lo, hi);
            XYSeries s = chart.addSeries(String.format("trial %03d", r.trial()), x, y);
            boolean best = k == done.size() - 1;
            float shade = (float) unit(r.validationAccuracy(), lo, hi);
            s.setLineColor(best ? ORANGE : blend(GREY, BLUE, shade));
            s.setLineWidth(best ? 3f : 1.2f);
            s.setMarker(SeriesMarkers.NONE);
        }
        return chart;
    }

    /**
     * Successive halving's rungs: each configuration's validation accuracy at every budget it was
     * trained for; the lines that reach the top rung survived every cut, the others were stopped at
     * the rung where they end.
     */
    public static XYChart rungs(List<TrialResult> trials, List<Integer> budgets) {
        Map<Integer, List<TrialResult>> byTrial = new TreeMap<>();
        for (TrialResult r : trials) {
            if (!r.failed()) {
                byTrial.computeIfAbsent(r.trial(), t -> new ArrayList<>()).add(r);
            }
        }
        XYChart chart = Plots.lines("Which trials went on at each rung", "budget (epochs)",
                "validation accuracy (%)", List.of());
        chart.getStyler().setLegendVisible(false);
        int top = budgets.size();
        for (Map.Entry<Integer, List<TrialResult>> e : byTrial.entrySet()) {
            List<TrialResult> rs = e.getValue().stream().sorted(Comparator.comparingInt(TrialResult::rung)).toList();
            double[] x = rs.stream().mapToDouble(r -> r.epochs()).toArray();
            double[] y = rs.stream().mapToDouble(r -> 100 * r.validationAccuracy()).toArray();
            boolean survived = rs.get(rs.size() - 1).rung() == top;
            XYSeries s = chart.addSeries(String.format("trial %03d", e.getKey()), x, y);
            s.setLineColor(survived ? BLUE : GREY);
            s.setMarkerColor(survived ? BLUE : GREY);
            s.setMarker(SeriesMarkers.CIRCLE);
            s.setLineWidth(survived ? 2.5f : 1f);
            s.setLineStyle(new BasicStroke(survived ? 2.5f : 1f));
        }
        return chart;
    }

    /** The interpolated surface as a heat map (its static form; the data is also in {@code surface.json}). */
    public static HeatMapChart surface(Surface s) {
        List<String> rows = new ArrayList<>(s.y().values());
        java.util.Collections.reverse(rows);
        double[][] values = new double[s.y().values().size()][];
        for (int j = 0; j < values.length; j++) {
            values[j] = s.zGrid()[values.length - 1 - j];
        }
        HeatMapChart chart = Plots.heatMap(s.title(), s.x().knob() + (s.x().scale().equals("log") ? " (log scale)" : ""),
                s.y().knob() + (s.y().scale().equals("log") ? " (log scale)" : ""), s.x().values(), rows, values);
        chart.getStyler().setShowValue(s.x().values().size() <= 8 && s.y().values().size() <= 8);
        chart.getStyler().setHeatMapValueDecimalPattern("0.0");
        chart.getStyler().setHeatMapDecimalValueFormatter(v -> String.format(java.util.Locale.ROOT, "%.1f%%", v));
        chart.getStyler().setXAxisLabelRotation(45);
        return chart;
    }

    private static double[] range(Dimension d) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (String v : d.distribution().extremes(d.whole())) {
            lo = Math.min(lo, d.position(v));
            hi = Math.max(hi, d.position(v));
        }
        return new double[] {lo, hi};
    }

    private static double unit(double v, double lo, double hi) {
        return hi == lo ? 0.5 : (v - lo) / (hi - lo);
    }

    private static Color blend(Color a, Color b, float t) {
        return new Color(Math.round(a.getRed() + t * (b.getRed() - a.getRed())),
                Math.round(a.getGreen() + t * (b.getGreen() - a.getGreen())),
                Math.round(a.getBlue() + t * (b.getBlue() - a.getBlue())));
    }
}
