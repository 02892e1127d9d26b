package dev.knobs.lessons.l11;

import static dev.knobs.lessons.common.Percent.pct;

import dev.knobs.lessons.common.DigitGrid;
import dev.knobs.lessons.common.Lesson;
import dev.knobs.lessons.common.LessonDefinition;
import dev.knobs.lessons.common.LessonResults;
import dev.knobs.lessons.common.Mode;
import dev.knobs.lessons.common.Plots;
import dev.knobs.lessons.common.TextTable;
import dev.knobs.nn.data.Dataset;
import dev.knobs.nn.data.RunData;
import dev.knobs.nn.init.HeNormal;
import dev.knobs.nn.layer.Dense;
import dev.knobs.nn.layer.Layer;
import dev.knobs.nn.layer.Mlp;
import dev.knobs.nn.layer.Parameter;
import dev.knobs.nn.layer.Sequential;
import dev.knobs.nn.metrics.ConfusionMatrix;
import dev.knobs.nn.metrics.EpochRecord;
import dev.knobs.nn.metrics.History;
import dev.knobs.nn.metrics.Predictions;
import dev.knobs.nn.metrics.TopErrors;
import dev.knobs.nn.optim.Nesterov;
import dev.knobs.nn.schedule.CosineSchedule;
import dev.knobs.nn.schedule.WarmUp;
import dev.knobs.nn.train.Recipe;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;

/**
 * Lesson 11, evaluation: metrics and errors. Changes from lesson 10: no new training knob. We
 * train one good network with the choices of lessons 02-10 and then look at it closely: loss and
 * accuracy curves on training, validation and test data, the confusion matrix, precision, recall
 * and F1 per class, the worst errors, the most confused pairs of digits, and what the first layer
 * learned.
 *
 * <p>Accuracy is one number; it says how often the network is wrong, not where or how. The
 * confusion matrix says which digits are taken for which, per-class metrics say which digits are
 * hard, and looking at the errors themselves says whether the network or the label is to blame.
 *
 * <p>Run: {@code mvn -pl lessons/11-evaluation exec:java} (add {@code -Dexec.args="--mode smoke"}
 * for a seconds-long run).
 */
public final class Evaluation {
    private Evaluation() {}

    /**
     * The knobs of this lesson, each with its reason.
     *
     * @param hidden          784-256-128-10: two hidden layers, wide then narrower, a good size-for-time choice (lesson 09)
     * @param hiddenDropout   0.2 after each hidden layer: closes part of the train/test gap without slowing learning much (lesson 07)
     * @param momentum        Nesterov momentum 0.9: the usual value, faster than plain SGD (lesson 06)
     * @param peakLr        0.05: the peak of the schedule, below where this network starts to diverge (lesson 06)
     * @param warmupSteps     200 mini-batches of linear warm-up, then a cosine down to 0 per mini-batch (lesson 10)
     * @param batchSize       128: cheap steps that still use the matrix kernels well (lesson 03)
     * @param epochs          passes over the training images
     * @param worstShown      errors in the grid of the worst errors
     * @param pairsShown      most-confused pairs to show
     * @param examplesPerPair example images per confused pair
     * @param unitsShown      first-layer units whose weights are drawn
     */
    record Hyperparams(int[] hidden, float hiddenDropout, float momentum, float peakLr, int warmupSteps,
                       int batchSize, int epochs, int worstShown, int pairsShown, int examplesPerPair, int unitsShown) {
        static Hyperparams defaults(Mode mode) {
            return new Hyperparams(new int[] {256, 128}, 0.2f, 0.9f, 0.1f, 200, 128,
                    mode.pick(2, 15, 40), 36, 6, 8, 40);
        }

        /** The network's layer widths: 784 pixels, the hidden layers, 10 classes. */
        int[] widths() {
            int[] w = new int[hidden.length + 2];
            w[0] = 784;
            System.arraycopy(hidden, 0, w, 1, hidden.length);
            w[w.length - 1] = 10;
            return w;
        }
    }

    /**
     * What this lesson found.
     *
     * @param testAccuracy test accuracy of the configuration chosen on validation data
     */
    record Results(double testAccuracy) implements LessonResults {}

    /** The lesson: its folder, title, knobs and experiment. */
    public static final LessonDefinition<Hyperparams, Results> LESSON = new LessonDefinition<>("11-evaluation", "Evaluation: metrics and errors",
            Hyperparams.class, Hyperparams::defaults, Results.class, Evaluation::run);

    public static void main(String[] args) {
        Lesson.launch(args, LESSON);
    }

    static Results run(Lesson lesson, Hyperparams hp) {

        // ---------------------------------------------------------------- 1. the data
        lesson.section("1. The data: train, validation, test");
        RunData data = RunData.withValidation(lesson.data(), lesson.seed());
        Dataset test = data.test();
        lesson.out().printf("%d training images, %d held out for validation, %d test images%n",
                data.train().size(), data.validation().size(), test.size());

        // ---------------------------------------------------------------- 2. the model
        lesson.section("2. The model: the choices of lessons 02-10");
        Mlp network = new Mlp(hp.widths(), "relu", 0f, new float[] {hp.hiddenDropout()}, new HeNormal());
        Recipe recipe = Recipe.BASELINE.withLabel(Mlp.architecture(hp.widths())).withNetwork(network)
                .withOptimizer(new Nesterov(hp.momentum())).withBatchSize(hp.batchSize()).withEpochs(hp.epochs())
                .withSeed(lesson.seed());
        int steps = recipe.totalSteps(data.train().size());
        int warmup = Math.min(hp.warmupSteps(), steps / 4);
        recipe = recipe.withStepSchedule(new WarmUp(warmup, CosineSchedule.annealing(hp.peakLr(), 0f, steps - warmup)));
        showRecipe(lesson, hp, warmup);
        lesson.out().println(recipe.describe());

        // ---------------------------------------------------------------- 3. training, with curves
        lesson.section("3. Training: " + hp.epochs() + " epochs, measured on all three sets after each");
        Recipe.Run run = recipe.train(data, lesson.progress(recipe)).orThrow();
        History history = run.history();
        plotCurves(lesson, history);
        TextTable perEpoch = new TextTable(recipe.label() + ", per epoch", "epoch", "learning rate", "train loss",
                "train accuracy", "validation loss", "validation accuracy", "test loss", "test accuracy", "seconds");
        for (EpochRecord e : history.epochs()) {
            perEpoch.row(e.epoch(), String.format("%.4f", e.learningRate()), f4(e.trainLoss()), pct(e.trainAccuracy()),
                    f4(e.validationLoss()), pct(e.validationAccuracy()), f4(e.testLoss()), pct(e.testAccuracy()),
                    String.format("%.1f", e.seconds()));
        }
        lesson.table(perEpoch);
        lesson.json("history", history);
        Predictions predictions = run.test();                      // the final network on the 10,000 test images

        // ---------------------------------------------------------------- 4. confusion matrix
        lesson.section("4. The confusion matrix");
        ConfusionMatrix confusion = ConfusionMatrix.of(predictions);
        lesson.out().print(confusion);
        plotConfusion(lesson, confusion);

        // ---------------------------------------------------------------- 5. per-class metrics
        lesson.section("5. Precision, recall and F1 per class");
        double macroF1 = perClass(lesson, confusion);

        // ---------------------------------------------------------------- 6. the worst errors
        lesson.section("6. The worst errors");
        List<TopErrors.ErrorCase> worst = TopErrors.byMargin(predictions, hp.worstShown());
        showWorstErrors(lesson, test, worst, predictions.errors());

        // ---------------------------------------------------------------- 7. most-confused pairs
        lesson.section("7. The most confused pairs");
        List<ConfusionMatrix.ConfusedPair> pairs = confusion.mostConfused(hp.pairsShown());
        showConfusedPairs(lesson, test, predictions, pairs, hp.examplesPerPair());

        // ---------------------------------------------------------------- 8. first-layer weights
        lesson.section("8. What the first layer looks for");
        showFirstLayer(lesson, recipe, run.model(), test.height(), test.width(), hp.unitsShown());

        // ---------------------------------------------------------------- 9. summary
        lesson.section("9. Summary");
        TextTable summary = new TextTable("Evaluation of " + recipe.label() + " on the " + test.size() + " test images",
                "configuration", "test accuracy", "errors", "macro F1", "test loss", "training seconds");
        summary.row(recipe.label() + ", dropout " + hp.hiddenDropout() + ", " + hp.epochs() + " epochs",
                pct(predictions.accuracy()), predictions.errors(), String.format("%.4f", macroF1),
                f4(predictions.loss()), String.format("%.0f", history.seconds()));
        lesson.table(summary);
        lesson.metric("test_accuracy", predictions.accuracy());
        lesson.metric("test_loss", predictions.loss());
        lesson.metric("errors", predictions.errors());
        lesson.metric("macro_f1", macroF1);
        lesson.metric("worst_errors_shown", worst.size());
        lesson.metric("confused_pairs_shown", pairs.size());
        lesson.metric("epochs", hp.epochs());
        StringBuilder top = new StringBuilder();
        for (int i = 0; i < Math.min(3, pairs.size()); i++) {
            ConfusionMatrix.ConfusedPair p = pairs.get(i);
            top.append(i == 0 ? "" : ", ").append(p.trueLabel()).append(" taken for ").append(p.predicted())
                    .append(" (").append(p.count()).append(")");
        }
        lesson.headline(String.format("A %s network gets %s of the test digits right; its %d errors cluster in a few "
                        + "pairs (%s), and many of the worst ones are digits a person would also hesitate over.",
                recipe.label(), pct(predictions.accuracy()), predictions.errors(), top));
        lesson.chose(recipe.label(), run.history(), run.model());
        return new Results(predictions.accuracy());
    }

    /** The recipe as a table: every knob, its value, and the lesson that chose it. */
    private static void showRecipe(Lesson lesson, Hyperparams hp, int warmup) {
        TextTable t = new TextTable("The recipe", "knob", "value", "from lesson");
        t.row("inputs", "grey level / 255, in [0, 1]", "02");
        t.row("mini-batch size", hp.batchSize(), "03");
        t.row("initialisation", "He normal", "04");
        t.row("hidden activation", "ReLU (softmax only in the loss)", "05");
        t.row("optimiser", "Nesterov momentum " + hp.momentum(), "06");
        t.row("dropout", "none on the input, " + hp.hiddenDropout() + " after each hidden layer", "07");
        t.row("augmentation", "none (lesson 12 adds it back)", "08");
        t.row("architecture", Mlp.architecture(hp.widths()), "09");
        t.row("learning rate", warmup + " steps warm-up to " + hp.peakLr() + ", cosine to 0 per step", "10");
        t.row("epochs", hp.epochs(), "");
        lesson.table(t);
    }

    /** Loss and accuracy per epoch on the three datasets. */
    private static void plotCurves(Lesson lesson, History history) {
        lesson.figure("loss", Plots.lines("Loss per epoch", "epoch", "cross-entropy loss", List.of(
                        Plots.Series.ofEpochs("train", values(history, EpochRecord::trainLoss)),
                        Plots.Series.ofEpochs("validation", values(history, EpochRecord::validationLoss)),
                        Plots.Series.ofEpochs("test", values(history, EpochRecord::testLoss)))),
                "Train: average over the epoch with dropout on; validation and test: after the epoch. Validation and "
                        + "test lie close together: the validation set is a fair stand-in for the test set.",
                "Line chart of training, validation and test cross-entropy loss per epoch; all fall, the validation "
                        + "and test curves close together.");
        lesson.figure("accuracy", Plots.lines("Accuracy per epoch", "epoch", "accuracy (%)", List.of(
                        Plots.Series.ofEpochs("train", values(history, e -> 100 * e.trainAccuracy())),
                        Plots.Series.ofEpochs("validation", values(history, e -> 100 * e.validationAccuracy())),
                        Plots.Series.ofEpochs("test", values(history, e -> 100 * e.testAccuracy())))),
                "Accuracy rises fast in the first epochs and levels off as the learning rate decays to 0.",
                "Line chart of training, validation and test accuracy in percent per epoch, rising and levelling off "
                        + "near the top.");
    }

    /** Two heat maps: the raw counts, and each row as a percentage of its true class. */
    private static void plotConfusion(Lesson lesson, ConfusionMatrix confusion) {
        int k = confusion.classes();
        List<String> digits = digits(k);
        int[][] counts = confusion.counts();
        double[][] raw = new double[k][k];
        double[][] rowShare = new double[k][k];
        double[][] errorsOnly = new double[k][k];
        for (int t = 0; t < k; t++) {
            int rowTotal = Arrays.stream(counts[t]).sum();
            for (int p = 0; p < k; p++) {
                raw[t][p] = counts[t][p];
                rowShare[t][p] = rowTotal == 0 ? 0 : Math.round(1000.0 * counts[t][p] / rowTotal) / 10.0;
                errorsOnly[t][p] = t == p ? 0 : counts[t][p];
            }
        }
        lesson.figure("confusion-matrix", Plots.heatMap("Confusion matrix (counts)", "predicted digit", "true digit",
                        digits, digits, raw),
                "Row = true digit, column = the network's answer; the diagonal holds the correct answers, every other "
                        + "cell a kind of error.",
                "Heat map of the 10 by 10 confusion matrix on the test set: a dark diagonal holding the "
                        + Math.round(confusion.accuracy() * confusion.total()) + " correct answers, and small counts of "
                        + "errors off the diagonal.");
        lesson.figure("confusion-matrix-normalised", Plots.heatMap("Confusion matrix (% of each true digit)",
                        "predicted digit", "true digit", digits, digits, rowShare),
                "Each row sums to 100%: the diagonal is the recall of that digit, the other cells where its misses went.",
                "Heat map of the confusion matrix with each row divided by its total, in percent; the diagonal is close "
                        + "to 100 and the off-diagonal cells are fractions of a percent.");
        lesson.figure("confusion-errors", Plots.heatMap("Errors only (diagonal left out)", "predicted digit",
                        "true digit", digits, digits, errorsOnly),
                "With the correct answers removed the colour scale shows the errors: the darkest cells are the most "
                        + "confused pairs.",
                "Heat map of the off-diagonal counts of the confusion matrix, the diagonal set to 0, so that the "
                        + "few most common kinds of error stand out.");
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("rows", "true digit");
        json.put("columns", "predicted digit");
        json.put("counts", counts);
        lesson.json("confusion-matrix", json);
    }

    /** Prints and plots precision, recall and F1 of every class; returns the macro F1 (their plain mean). */
    private static double perClass(Lesson lesson, ConfusionMatrix confusion) {
        List<ConfusionMatrix.ClassMetrics> metrics = confusion.perClass();
        TextTable table = new TextTable("Per-class metrics on the test set", "digit", "precision", "recall", "F1",
                "support");
        double[] precision = new double[metrics.size()];
        double[] recall = new double[metrics.size()];
        double[] f1 = new double[metrics.size()];
        double macroF1 = 0;
        for (ConfusionMatrix.ClassMetrics m : metrics) {
            table.row(m.label(), pct(m.precision()), pct(m.recall()), String.format("%.4f", m.f1()), m.support());
            precision[m.label()] = 100 * m.precision();
            recall[m.label()] = 100 * m.recall();
            f1[m.label()] = 100 * m.f1();
            macroF1 += m.f1() / metrics.size();
        }
        lesson.table(table);
        lesson.out().printf("macro F1 (mean of the ten F1 scores): %.4f%n", macroF1);
        double low = Math.floor(Math.min(Arrays.stream(f1).min().orElse(0), Math.min(
                Arrays.stream(precision).min().orElse(0), Arrays.stream(recall).min().orElse(0))));
        var chart = Plots.bars("Precision, recall and F1 per digit", "digit", "%", digits(metrics.size()),
                List.of("precision", "recall", "F1"), List.of(precision, recall, f1));
        chart.getStyler().setYAxisMin(Math.max(0, low - 1));      // zoom in: all bars are near 100%
        chart.getStyler().setYAxisMax(100.0);
        lesson.figure("per-class", chart,
                "The y axis starts just below the lowest bar: differences of a fraction of a percent are what separate "
                        + "easy digits from hard ones.",
                "Bar chart of precision, recall and F1 in percent for each digit 0 to 9, all close to 100, with the axis "
                        + "zoomed in to show which digits are harder.");
        lesson.json("per-class", metrics);
        return macroF1;
    }

    /** A grid of the errors the network was most sure about. */
    private static void showWorstErrors(Lesson lesson, Dataset test, List<TopErrors.ErrorCase> worst, int errors) {
        lesson.out().printf("%d of %d test images are misclassified; the %d the network was surest about:%n", errors,
                test.size(), worst.size());
        List<DigitGrid.Tile> tiles = new ArrayList<>();
        for (TopErrors.ErrorCase e : worst) {
            tiles.add(new DigitGrid.Tile(image(test, e.index()), String.format("true %d / pred %d%np=%.2f",
                    e.trueLabel(), e.predicted(), e.confidence())));
            lesson.out().printf("  test image %5d: true %d, predicted %d with p = %.3f (p(true) = %.3f)%n", e.index(),
                    e.trueLabel(), e.predicted(), e.confidence(), e.pTrue());
        }
        if (tiles.isEmpty()) {
            lesson.out().println("  no errors at all: nothing to show");
            return;
        }
        String title = "The " + worst.size() + " most confident errors";
        lesson.figure("worst-errors", DigitGrid.render(title, tiles, test.height(), test.width(), 9, 0f, 1f), title,
                "Wrong answers ranked by P(predicted) - P(true): p is the network's confidence in its wrong answer.",
                "A grid of the " + worst.size() + " misclassified test digits the network was most sure about, each "
                        + "captioned with its true label, the predicted label and the confidence; many are badly "
                        + "written or ambiguous.");
        lesson.json("worst-errors", worst);
    }

    /** A table of the most confused pairs and a grid with one row of examples per pair. */
    private static void showConfusedPairs(Lesson lesson, Dataset test, Predictions predictions,
                                          List<ConfusionMatrix.ConfusedPair> pairs, int perPair) {
        int errors = predictions.errors();
        TextTable table = new TextTable("Most confused pairs on the test set", "true digit", "predicted as", "count",
                "share of all errors");
        List<DigitGrid.Tile> tiles = new ArrayList<>();
        float[] blank = new float[test.features()];
        Arrays.fill(blank, 1f);                                        // drawn white: an empty cell
        for (ConfusionMatrix.ConfusedPair p : pairs) {
            table.row(p.trueLabel(), p.predicted(), p.count(), pct((double) p.count() / Math.max(1, errors)));
            List<Integer> examples = new ArrayList<>();
            for (int i = 0; i < predictions.size(); i++) {
                if (predictions.labels()[i] == p.trueLabel() && predictions.predicted()[i] == p.predicted()) {
                    examples.add(i);
                }
            }
            examples.sort(Comparator.comparingDouble((Integer i) -> -predictions.probability(i, p.predicted()))
                    .thenComparingInt(i -> i));
            for (int j = 0; j < perPair; j++) {
                if (j < examples.size()) {
                    int i = examples.get(j);
                    tiles.add(new DigitGrid.Tile(image(test, i), String.format("%d as %d%np=%.2f", p.trueLabel(),
                            p.predicted(), predictions.probability(i, p.predicted()))));
                } else {
                    tiles.add(new DigitGrid.Tile(blank, ""));
                }
            }
        }
        lesson.table(table);
        if (tiles.isEmpty()) {
            return;
        }
        String title = "The " + pairs.size() + " most confused pairs, one per row";
        lesson.figure("confused-pairs", DigitGrid.render(title, tiles, test.height(), test.width(), perPair, 0f, 1f), title,
                "Each row is one kind of error (true digit as predicted digit), its examples ordered by confidence.",
                "A grid with one row per most-confused pair of digits, showing up to " + perPair + " test images "
                        + "that were misclassified that way, with the confidence of the wrong answer.");
        lesson.json("confused-pairs", pairs);
    }

    /**
     * The incoming weights of the first units of the first layer, each drawn as a 28x28 image,
     * twice: as they are, and minus their initial values. A weight {@code W[j,i]} gets the
     * gradient {@code δ_j · x_i}, which is 0 whenever pixel {@code i} is 0; pixels at the border,
     * where MNIST has no ink, therefore keep their random starting values, and the difference
     * shows only what training wrote.
     */
    private static void showFirstLayer(Lesson lesson, Recipe recipe, Sequential model, int height, int width, int units) {
        Parameter w = firstDense(model).weights();                                    // W: [out, in] = [256, 784]
        Sequential initial = recipe.network().build(new SplittableRandom(recipe.seed()).split()); // as Recipe.train builds it
        Parameter w0 = firstDense(initial).weights();
        int shown = Math.min(units, w.rows());
        List<DigitGrid.Tile> weights = new ArrayList<>();
        List<DigitGrid.Tile> learned = new ArrayList<>();
        for (int u = 0; u < shown; u++) {
            float[] row = Arrays.copyOfRange(w.value(), u * w.cols(), (u + 1) * w.cols());
            float[] change = new float[row.length];
            for (int i = 0; i < row.length; i++) {
                change[i] = row[i] - w0.value()[u * w.cols() + i];                   // ΔW = W_final - W_initial
            }
            weights.add(new DigitGrid.Tile(row, "unit " + u));
            learned.add(new DigitGrid.Tile(change, "unit " + u));
        }
        lesson.out().printf("drawing the 784 incoming weights of units 0-%d of %d as 28x28 images%n", shown - 1, w.rows());
        String title = "Incoming weights of " + shown + " first-layer units";
        lesson.figure("first-layer-weights", DigitGrid.renderSigned(title, weights, height, width, 10), title,
                "Red: ink there raises the unit's input, blue: lowers it (each tile scaled to its own largest weight); "
                        + "the speckle is the random initialisation, which training changes only where digits have ink.",
                "A grid of " + shown + " first-layer weight vectors drawn as 28x28 images in red and blue speckle, "
                        + "with faint stroke-like patterns in the centre.");
        title = "What training changed: final minus initial weights";
        lesson.figure("first-layer-changes", DigitGrid.renderSigned(title, learned, height, width, 10), title,
                "The same units with their starting values subtracted: the border stays white because pixels that are "
                        + "always 0 give their weights no gradient.",
                "A grid of " + shown + " images of how much each first-layer weight moved during training: smooth "
                        + "red and blue blobs and stroke fragments in the centre, white borders.");
    }

    private static Dense firstDense(Sequential model) {
        for (Layer layer : model.layers()) {
            if (layer instanceof Dense d) {
                return d;
            }
        }
        throw new IllegalStateException("the model has no Dense layer");
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

    private static String f4(double v) {
        return String.format("%.4f", v);
    }
}
