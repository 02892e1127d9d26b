package dev.knobs.site.render;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import dev.knobs.lessons.common.RunComparison;
import dev.knobs.nn.metrics.EpochRecord;
import dev.knobs.site.inputs.KeptRun;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * The curves of a comparison page, twice: the numbers as a small script next to the page
 * ({@value #DATA_FILE}, setting {@code window.KNOBS_COMPARISON}), which {@code assets/compare.js}
 * draws with uPlot, and pictures made by {@link RunComparison#plot} that the page shows when
 * JavaScript is off. A script rather than a JSON file: a {@code fetch} fails from {@code file://}.
 *
 * <p>The same rule as the pictures: validation accuracy per epoch when every run measured it, else
 * test accuracy; and training loss per epoch.
 */
final class ComparisonCharts {
    /** The chart data, next to the page. */
    static final String DATA_FILE = "compare-data.js";

    private static final Gson GSON = new GsonBuilder().disableHtmlEscaping().create();

    /** One chart as the page shows it: the container's id, the fallback picture, its words. */
    record Chart(String id, String png, String svg, String title, String alt, String caption) {}

    private ComparisonCharts() {}

    /** True when every run has a chosen configuration whose every epoch measured validation accuracy (as {@link RunComparison#plot}). */
    static boolean validation(List<KeptRun> runs) {
        return runs.stream().allMatch(r -> r.result().chosen() != null
                && r.result().chosen().epochs().stream().noneMatch(e -> Double.isNaN(e.validationAccuracy())));
    }

    /**
     * Writes {@value #DATA_FILE} and the pictures into {@code folder} and returns the charts, or
     * none when no run has curves.
     */
    static List<Chart> write(List<KeptRun> runs, Path folder) throws IOException {
        List<KeptRun> curved = runs.stream().filter(KeptRun::hasCurves).toList();
        if (curved.isEmpty()) {
            return List.of();
        }
        Files.createDirectories(folder);
        new RunComparison(runs.stream().map(KeptRun::asRun).toList()).plot(folder);
        boolean validation = validation(runs);
        String metric = validation ? "validation accuracy" : "test accuracy";
        List<Chart> charts = List.of(
                new Chart("accuracy", "validation-accuracy.png", "validation-accuracy.svg",
                        capitalised(metric) + " per epoch",
                        alt("Line chart of the " + metric + " (%) per epoch", curved,
                                e -> 100 * (validation ? e.validationAccuracy() : e.testAccuracy()), "%.2f%%"),
                        validation ? "measured on the held-out validation images after each epoch."
                                : "on the test images: not every run here kept a validation set."),
                new Chart("train-loss", "train-loss.png", "train-loss.svg", "Training loss per epoch",
                        alt("Line chart of the training loss per epoch", curved, EpochRecord::trainLoss, "%.4f"),
                        "the mean cross-entropy of the mini-batches during each epoch."));
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("x", epochs(curved));
        data.put("charts", List.of(
                chart(charts.get(0), metric + " (%)", "%", 2, curved,
                        e -> 100 * (validation ? e.validationAccuracy() : e.testAccuracy())),
                chart(charts.get(1), "training loss", "", 4, curved, EpochRecord::trainLoss)));
        Files.writeString(folder.resolve(DATA_FILE), "// The curves of this comparison, drawn by assets/compare.js.\n"
                + "window.KNOBS_COMPARISON = " + GSON.toJson(data) + ";\n", StandardCharsets.UTF_8);
        return charts;
    }

    /** 1, 2, ... up to the longest run's last epoch. */
    private static List<Integer> epochs(List<KeptRun> runs) {
        int last = 0;
        for (KeptRun r : runs) {
            for (EpochRecord e : r.result().chosen().epochs()) {
                last = Math.max(last, e.epoch());
            }
        }
        List<Integer> x = new ArrayList<>();
        for (int i = 1; i <= last; i++) {
            x.add(i);
        }
        return x;
    }

    private static Map<String, Object> chart(Chart c, String yLabel, String unit, int decimals, List<KeptRun> runs,
                                             ToDoubleFunction<EpochRecord> value) {
        int length = epochs(runs).size();
        List<Map<String, Object>> series = new ArrayList<>();
        for (KeptRun r : runs) {
            Double[] values = new Double[length];
            for (EpochRecord e : r.result().chosen().epochs()) {
                double v = value.applyAsDouble(e);
                if (e.epoch() >= 1 && e.epoch() <= length && Double.isFinite(v)) {
                    values[e.epoch() - 1] = v;
                }
            }
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("label", RunFacts.label(r));
            s.put("values", values);
            series.add(s);
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", c.id());
        m.put("title", c.title());
        m.put("y", yLabel);
        m.put("unit", unit);
        m.put("decimals", decimals);
        m.put("alt", c.alt());
        m.put("series", series);
        return m;
    }

    /** Alt text: what the chart shows, and each curve's last value. */
    private static String alt(String what, List<KeptRun> runs, ToDoubleFunction<EpochRecord> value, String format) {
        List<String> last = new ArrayList<>();
        for (KeptRun r : runs) {
            List<EpochRecord> epochs = r.result().chosen().epochs();
            EpochRecord e = epochs.get(epochs.size() - 1);
            double v = value.applyAsDouble(e);
            last.add(RunFacts.label(r) + " " + (Double.isFinite(v) ? String.format(Locale.ROOT, format, v) : "not measured")
                    + " after epoch " + e.epoch());
        }
        return what + " of the chosen configuration of " + runs.size() + " run" + (runs.size() == 1 ? "" : "s")
                + "; last values: " + String.join("; ", last) + ".";
    }

    private static String capitalised(String s) {
        return s.substring(0, 1).toUpperCase(Locale.ROOT) + s.substring(1);
    }
}
