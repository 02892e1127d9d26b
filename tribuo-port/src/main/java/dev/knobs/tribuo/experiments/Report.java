package dev.knobs.tribuo.experiments;

import dev.knobs.lessons.common.DigitGrid;
import dev.knobs.lessons.common.Lesson;
import dev.knobs.lessons.common.Plots;
import dev.knobs.lessons.common.TextTable;
import dev.knobs.tribuo.data.LabelOrder;
import dev.knobs.tribuo.data.PixelLayout;
import dev.knobs.tribuo.mlp.EpochStats;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.tribuo.Example;
import org.tribuo.Feature;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;
import org.tribuo.classification.evaluation.ConfusionMatrix;
import org.tribuo.classification.evaluation.LabelEvaluation;

/**
 * The figures, tables and numbers every Tribuo experiment writes, in the lessons' output format:
 * Tribuo's confusion matrix as a heat map and a table, Tribuo's per-class precision, recall and
 * F1, the worst errors as a grid of digits, the most confused pairs, and training curves.
 */
public final class Report {
    private Report() {}

    /** Tribuo's confusion matrix as a heat map, a table and JSON ({@code name.json}: counts[true][predicted]). */
    public static void confusion(Lesson lesson, String name, String what, LabelEvaluation evaluation) {
        ConfusionMatrix<Label> cm = evaluation.getConfusionMatrix();
        List<Label> labels = LabelOrder.of(cm.getDomain());
        List<String> names = labels.stream().map(Label::getLabel).toList();
        double[][] counts = new double[labels.size()][labels.size()];
        TextTable table = new TextTable("Confusion matrix of " + what + " (rows: true digit, columns: predicted)",
                header("true \\ predicted", names));
        for (int t = 0; t < labels.size(); t++) {
            Object[] row = new Object[labels.size() + 1];
            row[0] = names.get(t);
            for (int p = 0; p < labels.size(); p++) {
                counts[t][p] = cm.confusion(labels.get(p), labels.get(t));
                row[p + 1] = (long) counts[t][p];
            }
            table.row(row);
        }
        lesson.figure(name, Plots.heatMap("Confusion matrix, " + what, "predicted digit", "true digit", names, names, counts),
                "Row = true digit, column = predicted digit; the diagonal holds the correct answers, any other cell a kind "
                        + "of mistake. Counted by Tribuo's LabelConfusionMatrix on the 10,000 test images.",
                "Heat map of a 10 by 10 confusion matrix of " + what + ": large counts on the diagonal, small counts "
                        + "elsewhere, the largest off-diagonal cells being the most common confusions.");
        lesson.table(table);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("labels", names);
        json.put("counts", counts);
        lesson.json(name, json);
    }

    private static String[] header(String first, List<String> rest) {
        String[] h = new String[rest.size() + 1];
        h[0] = first;
        for (int i = 0; i < rest.size(); i++) {
            h[i + 1] = rest.get(i);
        }
        return h;
    }

    /** Tribuo's per-class precision, recall and F1 as a table, plus the macro averages. */
    public static void perClass(Lesson lesson, String what, LabelEvaluation evaluation) {
        TextTable table = new TextTable("Per-class metrics of " + what + " (Tribuo LabelEvaluation)", "digit", "precision",
                "recall", "F1", "test images");
        for (Label label : LabelOrder.of(evaluation.getConfusionMatrix().getDomain())) {
            table.row(label.getLabel(), f4(evaluation.precision(label)), f4(evaluation.recall(label)), f4(evaluation.f1(label)),
                    (long) evaluation.getConfusionMatrix().support(label));
        }
        table.row("macro average", f4(evaluation.macroAveragedPrecision()), f4(evaluation.macroAveragedRecall()),
                f4(evaluation.macroAveragedF1()), (long) evaluation.getConfusionMatrix().support());
        lesson.table(table);
        lesson.metric("macro_f1", evaluation.macroAveragedF1());
    }

    /** One mistake: which test example, its truth, the prediction and both probabilities. */
    public record Mistake(int index, String trueLabel, String predicted, double confidence, double pTrue) {
        /** {@code P(predicted) - P(true)}: near 1 when the model was sure of the wrong answer. */
        public double margin() {
            return confidence - pTrue;
        }
    }

    /** The {@code k} misclassified examples with the largest {@code P(predicted) - P(true)}. */
    public static List<Mistake> worstMistakes(List<Prediction<Label>> predictions, int k) {
        List<Mistake> wrong = new ArrayList<>();
        for (int i = 0; i < predictions.size(); i++) {
            Prediction<Label> p = predictions.get(i);
            String truth = p.getExample().getOutput().getLabel();
            String predicted = p.getOutput().getLabel();
            if (!truth.equals(predicted)) {
                wrong.add(new Mistake(i, truth, predicted, Evaluations.probability(p, predicted),
                        Evaluations.probability(p, truth)));
            }
        }
        wrong.sort(Comparator.comparingDouble(Mistake::margin).reversed().thenComparingInt(Mistake::index));
        return wrong.subList(0, Math.min(k, wrong.size()));
    }

    /** A grid of the worst mistakes with their true and predicted digits, and the most confused pairs. */
    public static void topErrors(Lesson lesson, String name, String what, List<Prediction<Label>> predictions,
                                 int height, int width) {
        List<Mistake> worst = worstMistakes(predictions, 24);
        List<DigitGrid.Tile> tiles = new ArrayList<>();
        for (Mistake m : worst) {
            tiles.add(new DigitGrid.Tile(pixels(predictions.get(m.index()).getExample(), height, width),
                    String.format(Locale.ROOT, "#%d: %s, not %s%n%.1f%% sure", m.index(), m.predicted(), m.trueLabel(),
                            100 * m.confidence())));
        }
        if (!tiles.isEmpty()) {
            String title = "The " + tiles.size() + " worst mistakes of " + what;
            lesson.figure(name, DigitGrid.render(title, tiles, height, width, 8, 0f, 255f), title,
                    "Each caption reads 'test image: predicted, not true' and the model's confidence in its wrong answer. "
                            + "Sorted by P(predicted) - P(true), the most confident mistakes first.",
                    "A grid of " + tiles.size() + " misclassified handwritten test digits, each captioned with the "
                            + "predicted digit, the true digit and the confidence; many are ambiguous or badly written.");
        }
        Map<String, Integer> pairs = new LinkedHashMap<>();
        for (Prediction<Label> p : predictions) {
            String truth = p.getExample().getOutput().getLabel();
            String predicted = p.getOutput().getLabel();
            if (!truth.equals(predicted)) {
                pairs.merge(truth + " → " + predicted, 1, Integer::sum);
            }
        }
        TextTable table = new TextTable("Most confused pairs of " + what, "true → predicted", "test images");
        pairs.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()
                        .thenComparing(Map.Entry.comparingByKey())).limit(8)
                .forEach(e -> table.row(e.getKey(), e.getValue()));
        lesson.table(table);
        lesson.json(name, worst);
    }

    /** The raw pixels of an example from an {@code IDXDataSource}: feature "412" is pixel 412. */
    static float[] pixels(Example<Label> example, int height, int width) {
        float[] image = new float[height * width];
        for (Feature f : example) {
            try {
                int pixel = Integer.parseInt(f.getName());
                if (pixel >= 0 && pixel < image.length) {
                    image[pixel] = (float) f.getValue();
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("feature '" + f.getName() + "' is not a pixel index; the error grid "
                        + "needs MNIST-style features (" + PixelLayout.featureName(0, height * width) + " to "
                        + PixelLayout.featureName(height * width - 1, height * width) + ")");
            }
        }
        return image;
    }

    /** Per-epoch curves of several runs: training loss and validation accuracy (or training accuracy without validation). */
    public static void curves(Lesson lesson, String name, String title, Map<String, List<EpochStats>> histories) {
        boolean validation = histories.values().stream().flatMap(List::stream)
                .anyMatch(e -> !Double.isNaN(e.validationAccuracy()));
        lesson.figure(name + "-loss", Plots.lines(title + ": training loss", "epoch", "cross-entropy (mean over the epoch)",
                        series(histories, EpochStats::trainLoss)),
                "Mean mini-batch loss over each epoch, with dropout and augmentation on and the weights still moving.",
                "Line chart of the training loss per epoch of each run of " + title + ", all falling.");
        if (validation) {
            lesson.figure(name + "-accuracy", Plots.lines(title + ": validation accuracy", "epoch", "validation accuracy (%)",
                            series(histories, e -> 100 * e.validationAccuracy())),
                    "Accuracy on the held-out validation images after each epoch: the number runs are chosen by.",
                    "Line chart of the validation accuracy per epoch of each run of " + title + ".");
        } else {
            lesson.figure(name + "-accuracy", Plots.lines(title + ": training accuracy", "epoch", "training accuracy (%)",
                            series(histories, e -> 100 * e.trainAccuracy())),
                    "Share of training images the mini-batch predictions got right during each epoch.",
                    "Line chart of the training accuracy per epoch of each run of " + title + ".");
        }
        lesson.json(name, histories);
    }

    private static List<Plots.Series> series(Map<String, List<EpochStats>> histories, ToDoubleFunction<EpochStats> value) {
        List<Plots.Series> series = new ArrayList<>();
        histories.forEach((label, h) -> series.add(Plots.Series.ofEpochs(label, h.stream().mapToDouble(value).toArray())));
        return series;
    }

    static String pct(double fraction) {
        return Double.isNaN(fraction) ? "-" : String.format(Locale.ROOT, "%.2f%%", 100 * fraction);
    }

    static String f4(double v) {
        return String.format(Locale.ROOT, "%.4f", v);
    }

    static String seconds(double s) {
        return String.format(Locale.ROOT, "%.1f", s);
    }
}
