package dev.knobs.lessons.common;

import dev.knobs.nn.io.AtomicFiles;
import dev.knobs.nn.metrics.EpochRecord;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.ToDoubleFunction;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.XYChart;

/**
 * Kept runs side by side: which knobs differ between them, what each chose, how well it did on
 * validation and test data, how long it took, and the training curves of the chosen
 * configurations overlaid. Runs of different lessons compare too: every lesson records its
 * chosen configuration the same way ({@link LessonResult.Chosen}).
 *
 * @param runs the runs, in the order given
 */
public record RunComparison(List<RunFolders.Run> runs) {

    /** The knobs (and mode or seed) whose values are not the same in every run, in first-seen order. */
    public List<String> differingKnobs() {
        Set<String> names = new LinkedHashSet<>();
        for (RunFolders.Run r : runs) {
            names.addAll(knobs(r).keySet());
        }
        List<String> differing = new ArrayList<>();
        if (runs.stream().map(r -> r.result().mode()).distinct().count() > 1) {
            differing.add("mode");
        }
        if (runs.stream().map(r -> r.result().provenance() == null ? null : r.result().provenance().seed()).distinct().count() > 1) {
            differing.add("seed");
        }
        for (String name : names) {
            if (runs.stream().map(r -> knobs(r).get(name)).distinct().count() > 1) {
                differing.add(name);
            }
        }
        return differing;
    }

    /** The comparison as a table: one row per run, a column per differing knob. */
    public TextTable table() {
        List<String> knobs = differingKnobs();
        List<String> columns = new ArrayList<>(List.of("run"));
        columns.addAll(knobs);
        columns.addAll(List.of("chosen", "validation accuracy", "test accuracy", "seconds"));
        TextTable t = new TextTable(runs.size() + (runs.size() == 1 ? " run" : " runs")
                + (knobs.isEmpty() ? ", no knob differs" : ", the knobs that differ"), columns.toArray(String[]::new));
        for (RunFolders.Run r : runs) {
            List<Object> row = new ArrayList<>();
            row.add(r.lesson() + "/" + r.name());
            for (String k : knobs) {
                row.add(switch (k) {
                    case "mode" -> r.result().mode();
                    case "seed" -> r.result().provenance() == null ? "-" : String.valueOf(r.result().provenance().seed());
                    default -> Objects.requireNonNullElse(knobs(r).get(k), "-");
                });
            }
            LessonResult.Chosen c = r.result().chosen();
            row.add(c == null ? "-" : c.label());
            row.add(c == null || Double.isNaN(c.validationAccuracy()) ? "-" : Percent.pct(c.validationAccuracy()));
            row.add(Percent.pct(r.result().testAccuracy()));
            row.add(String.format(Locale.ROOT, "%.1f", r.result().seconds()));
            t.row(row.toArray());
        }
        return t;
    }

    /** The table as CSV (RFC 4180: cells quoted when they hold a comma, quote or line break). */
    public String csv() {
        LessonResult.Table t = table().toResult();
        StringBuilder s = new StringBuilder();
        s.append(csvLine(t.columns()));
        for (List<String> row : t.rows()) {
            s.append(csvLine(row));
        }
        return s.toString();
    }

    /**
     * Writes the overlaid curves of the chosen configurations into {@code folder}:
     * {@code validation-accuracy.png/.svg} (test accuracy where a run has no validation set) and
     * {@code train-loss.png/.svg}.
     *
     * @return the files written
     */
    public List<Path> plot(Path folder) {
        List<Path> written = new ArrayList<>();
        boolean validation = runs.stream().allMatch(r -> r.result().chosen() != null && r.result().chosen().epochs()
                .stream().noneMatch(e -> Double.isNaN(e.validationAccuracy())));
        written.addAll(save(folder, "validation-accuracy", Plots.lines(validation ? "Validation accuracy of the chosen "
                        + "configurations" : "Test accuracy of the chosen configurations", "epoch",
                validation ? "validation accuracy (%)" : "test accuracy (%)",
                series(e -> 100 * (validation ? e.validationAccuracy() : e.testAccuracy())))));
        written.addAll(save(folder, "train-loss", Plots.lines("Training loss of the chosen configurations", "epoch",
                "training loss", series(EpochRecord::trainLoss))));
        return written;
    }

    private List<Plots.Series> series(ToDoubleFunction<EpochRecord> value) {
        List<Plots.Series> s = new ArrayList<>();
        for (RunFolders.Run r : runs) {
            LessonResult.Chosen c = r.result().chosen();
            if (c != null && !c.epochs().isEmpty()) {
                s.add(Plots.Series.ofEpochs(r.lesson() + "/" + r.name(), c.epochs().stream().mapToDouble(value).toArray()));
            }
        }
        return s;
    }

    private static List<Path> save(Path folder, String name, XYChart chart) {
        if (chart.getSeriesMap().isEmpty()) {
            return List.of();
        }
        Path png = folder.resolve(name + ".png");
        Path svg = folder.resolve(name + ".svg");
        AtomicFiles.write(png, out -> BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG));
        AtomicFiles.write(svg, out -> VectorGraphicsEncoder.saveVectorGraphic(chart, out,
                VectorGraphicsEncoder.VectorGraphicsFormat.SVG));
        return List.of(png, svg);
    }

    private static Map<String, String> knobs(RunFolders.Run r) {
        return r.result().knobs() == null ? Map.of() : r.result().knobs();
    }

    private static String csvLine(List<String> cells) {
        List<String> quoted = new ArrayList<>();
        for (String c : cells) {
            quoted.add(c.contains(",") || c.contains("\"") || c.contains("\n") ? "\"" + c.replace("\"", "\"\"") + "\"" : c);
        }
        return String.join(",", quoted) + "\r\n";
    }

    /** Writes the CSV to {@code file}, atomically. */
    public void writeCsv(Path file) {
        AtomicFiles.write(file, csv().getBytes(StandardCharsets.UTF_8));
    }
}
