package dev.knobs.lessons.l11;

import dev.knobs.lessons.common.DigitGrid;
import dev.knobs.lessons.common.Lesson;
import dev.knobs.lessons.common.Plots;
import dev.knobs.nn.data.Dataset;
import dev.knobs.nn.metrics.ConfusionMatrix;
import dev.knobs.nn.metrics.EpochRecord;
import dev.knobs.nn.metrics.History;
import dev.knobs.nn.metrics.Predictions;
import dev.knobs.nn.metrics.TopErrors;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.ToDoubleFunction;
import org.knowm.xchart.CategoryChart;

/**
 * The figures of lesson 11, one method per figure, each given the numbers or images it draws.
 * Titles, captions and alt texts live here so that {@link Evaluation} reads as the evaluation.
 */
final class EvaluationCharts {
    /** Tiles per row in the grids of first-layer weights. */
    private static final int UNITS_PER_ROW = 10;
    /** Tiles per row in the grid of the worst errors. */
    private static final int ERRORS_PER_ROW = 9;

    private EvaluationCharts() {}

    /**
     * Loss per epoch on the three datasets.
     *
     * @param dropout whether dropout was on in training, which the training loss is measured with
     */
    static void loss(Lesson lesson, History history, boolean dropout) {
        lesson.figure("loss", Plots.lines("Loss per epoch", "epoch", "cross-entropy loss", List.of(
                        Plots.Series.ofEpochs("train", values(history, EpochRecord::trainLoss)),
                        Plots.Series.ofEpochs("validation", values(history, EpochRecord::validationLoss)),
                        Plots.Series.ofEpochs("test", values(history, EpochRecord::testLoss)))),
                "Train: average over the epoch" + (dropout ? " with dropout on" : ", while the weights still change")
                        + "; validation and test: after the epoch. Validation and "
                        + "test lie close together: the validation set is a fair stand-in for the test set.",
                "Line chart of training, validation and test cross-entropy loss per epoch; all fall, the validation "
                        + "and test curves close together.");
    }

    /** Accuracy per epoch on the three datasets. */
    static void accuracy(Lesson lesson, History history) {
        lesson.figure("accuracy", Plots.lines("Accuracy per epoch", "epoch", "accuracy (%)", List.of(
                        Plots.Series.ofEpochs("train", values(history, e -> 100 * e.trainAccuracy())),
                        Plots.Series.ofEpochs("validation", values(history, e -> 100 * e.validationAccuracy())),
                        Plots.Series.ofEpochs("test", values(history, e -> 100 * e.testAccuracy())))),
                "Accuracy rises fast in the first epochs and levels off as the learning rate decays to 0.",
                "Line chart of training, validation and test accuracy in percent per epoch, rising and levelling off "
                        + "near the top.");
    }

    /** The raw counts as a heat map. */
    static void confusionMatrix(Lesson lesson, ConfusionMatrix confusion) {
        int k = confusion.classes();
        int[][] counts = confusion.counts();
        double[][] raw = new double[k][k];
        for (int t = 0; t < k; t++) {
            for (int p = 0; p < k; p++) {
                raw[t][p] = counts[t][p];
            }
        }
        lesson.figure("confusion-matrix", Plots.heatMap("Confusion matrix (counts)", "predicted digit", "true digit",
                        digits(k), digits(k), raw),
                "Row = true digit, column = the network's answer; the diagonal holds the correct answers, every other "
                        + "cell a kind of error.",
                "Heat map of the 10 by 10 confusion matrix on the test set: a dark diagonal holding the "
                        + Math.round(confusion.accuracy() * confusion.total()) + " correct answers, and small counts of "
                        + "errors off the diagonal.");
    }

    /** Each row as a percentage of its true class, one decimal: the diagonal is each digit's recall. */
    static void confusionMatrixNormalised(Lesson lesson, ConfusionMatrix confusion) {
        int k = confusion.classes();
        int[][] counts = confusion.counts();
        double[][] rowShare = new double[k][k];
        for (int t = 0; t < k; t++) {
            int rowTotal = Arrays.stream(counts[t]).sum();
            for (int p = 0; p < k; p++) {
                rowShare[t][p] = rowTotal == 0 ? 0 : Math.round(1000.0 * counts[t][p] / rowTotal) / 10.0;
            }
        }
        lesson.figure("confusion-matrix-normalised", Plots.heatMap("Confusion matrix (% of each true digit)",
                        "predicted digit", "true digit", digits(k), digits(k), rowShare),
                "Each row sums to 100%: the diagonal is the recall of that digit, the other cells where its misses went.",
                "Heat map of the confusion matrix with each row divided by its total, in percent; the diagonal is close "
                        + "to 100 and the off-diagonal cells are fractions of a percent.");
    }

    /** The counts with the diagonal set to 0, so that the colour scale shows the errors. */
    static void confusionErrors(Lesson lesson, ConfusionMatrix confusion) {
        int k = confusion.classes();
        int[][] counts = confusion.counts();
        double[][] errorsOnly = new double[k][k];
        for (int t = 0; t < k; t++) {
            for (int p = 0; p < k; p++) {
                errorsOnly[t][p] = t == p ? 0 : counts[t][p];
            }
        }
        lesson.figure("confusion-errors", Plots.heatMap("Errors only (diagonal left out)", "predicted digit",
                        "true digit", digits(k), digits(k), errorsOnly),
                "With the correct answers removed the colour scale shows the errors: the darkest cells are the most "
                        + "confused pairs.",
                "Heat map of the off-diagonal counts of the confusion matrix, the diagonal set to 0, so that the "
                        + "few most common kinds of error stand out.");
    }

    /** Precision, recall and F1 of every digit as bars, the axis zoomed in to just below the lowest. */
    static void perClass(Lesson lesson, List<ConfusionMatrix.ClassMetrics> metrics) {
        double[] precision = new double[metrics.size()];
        double[] recall = new double[metrics.size()];
        double[] f1 = new double[metrics.size()];
        for (ConfusionMatrix.ClassMetrics m : metrics) {
            precision[m.label()] = 100 * m.precision();
            recall[m.label()] = 100 * m.recall();
            f1[m.label()] = 100 * m.f1();
        }
        double low = Math.floor(Math.min(Arrays.stream(f1).min().orElse(0), Math.min(
                Arrays.stream(precision).min().orElse(0), Arrays.stream(recall).min().orElse(0))));
        CategoryChart chart = Plots.bars("Precision, recall and F1 per digit", "digit", "%", digits(metrics.size()),
                List.of("precision", "recall", "F1"), List.of(precision, recall, f1));
        chart.getStyler().setYAxisMin(Math.max(0, low - 1));      // zoom in: all bars are near 100%
        chart.getStyler().setYAxisMax(100.0);
        lesson.figure("per-class", chart,
                "The y axis starts just below the lowest bar: differences of a fraction of a percent are what separate "
                        + "easy digits from hard ones.",
                "Bar chart of precision, recall and F1 in percent for each digit 0 to 9, all close to 100, with the axis "
                        + "zoomed in to show which digits are harder.");
    }

    /** A grid of the errors the network was most sure about, each captioned with its labels and confidence. */
    static void worstErrors(Lesson lesson, Dataset test, List<TopErrors.ErrorCase> worst) {
        List<DigitGrid.Tile> tiles = new ArrayList<>();
        for (TopErrors.ErrorCase e : worst) {
            tiles.add(new DigitGrid.Tile(image(test, e.index()), String.format("true %d / pred %d%np=%.2f",
                    e.trueLabel(), e.predicted(), e.confidence())));
        }
        String title = "The " + worst.size() + " most confident errors";
        lesson.figure("worst-errors", DigitGrid.render(title, tiles, test.height(), test.width(), ERRORS_PER_ROW, 0f, 1f),
                title, "Wrong answers ranked by P(predicted) - P(true): p is the network's confidence in its wrong answer.",
                "A grid of the " + worst.size() + " misclassified test digits the network was most sure about, each "
                        + "captioned with its true label, the predicted label and the confidence; many are badly "
                        + "written or ambiguous.");
    }

    /**
     * One row per confused pair, its examples in order, padded with empty cells to {@code perPair}.
     *
     * @param examples for each pair, the test images to show (at most {@code perPair})
     */
    static void confusedPairs(Lesson lesson, Dataset test, Predictions predictions,
                              List<ConfusionMatrix.ConfusedPair> pairs, List<List<Integer>> examples, int perPair) {
        float[] blank = new float[test.features()];
        Arrays.fill(blank, 1f);                                        // drawn white: an empty cell
        List<DigitGrid.Tile> tiles = new ArrayList<>();
        for (int k = 0; k < pairs.size(); k++) {
            ConfusionMatrix.ConfusedPair p = pairs.get(k);
            List<Integer> shown = examples.get(k);
            for (int j = 0; j < perPair; j++) {
                if (j < shown.size()) {
                    int i = shown.get(j);
                    tiles.add(new DigitGrid.Tile(image(test, i), String.format("%d as %d%np=%.2f", p.trueLabel(),
                            p.predicted(), predictions.probability(i, p.predicted()))));
                } else {
                    tiles.add(new DigitGrid.Tile(blank, ""));
                }
            }
        }
        String title = "The " + pairs.size() + " most confused pairs, one per row";
        lesson.figure("confused-pairs", DigitGrid.render(title, tiles, test.height(), test.width(), perPair, 0f, 1f), title,
                "Each row is one kind of error (true digit as predicted digit), its examples ordered by confidence.",
                "A grid with one row per most-confused pair of digits, showing up to " + perPair + " test images "
                        + "that were misclassified that way, with the confidence of the wrong answer.");
    }

    /**
     * The incoming weights of the first units of the first layer, each drawn as an image: red
     * where ink raises the unit's input, blue where it lowers it.
     *
     * @param weights one row of 784 weights per unit
     */
    static void firstLayerWeights(Lesson lesson, float[][] weights, int height, int width) {
        String title = "Incoming weights of " + weights.length + " first-layer units";
        lesson.figure("first-layer-weights", DigitGrid.renderSigned(title, tiles(weights), height, width, UNITS_PER_ROW),
                title, "Red: ink there raises the unit's input, blue: lowers it (each tile scaled to its own largest weight); "
                        + "the speckle is the random initialisation, which training changes only where digits have ink.",
                "A grid of " + weights.length + " first-layer weight vectors drawn as 28x28 images in red and blue speckle, "
                        + "with faint stroke-like patterns in the centre.");
    }

    /**
     * The same units' weights minus their initial values: what training wrote.
     *
     * @param changes one row of 784 weight changes per unit
     */
    static void firstLayerChanges(Lesson lesson, float[][] changes, int height, int width) {
        String title = "What training changed: final minus initial weights";
        lesson.figure("first-layer-changes", DigitGrid.renderSigned(title, tiles(changes), height, width, UNITS_PER_ROW),
                title, "The same units with their starting values subtracted: the border stays white because pixels that are "
                        + "always 0 give their weights no gradient.",
                "A grid of " + changes.length + " images of how much each first-layer weight moved during training: smooth "
                        + "red and blue blobs and stroke fragments in the centre, white borders.");
    }

    private static List<DigitGrid.Tile> tiles(float[][] units) {
        List<DigitGrid.Tile> tiles = new ArrayList<>();
        for (int u = 0; u < units.length; u++) {
            tiles.add(new DigitGrid.Tile(units[u], "unit " + u));
        }
        return tiles;
    }

    private static float[] image(Dataset d, int i) {
        return Arrays.copyOfRange(d.x(), i * d.features(), (i + 1) * d.features());
    }

    private static double[] values(History history, ToDoubleFunction<EpochRecord> f) {
        return history.epochs().stream().mapToDouble(f).toArray();
    }

    private static List<String> digits(int k) {
        List<String> d = new ArrayList<>();
        for (int c = 0; c < k; c++) {
            d.add(String.valueOf(c));
        }
        return d;
    }
}
