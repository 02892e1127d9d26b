package dev.knobs.lessons.l11;

import static dev.knobs.lessons.common.Percent.pct;

import dev.knobs.exercises.l11.ConfusionCounts;
import dev.knobs.exercises.l11.TopErrorsRanking;
import dev.knobs.lessons.common.Lesson;
import dev.knobs.lessons.common.LessonDefinition;
import dev.knobs.lessons.common.LessonResults;
import dev.knobs.lessons.common.Mode;
import dev.knobs.lessons.common.Parts;
import dev.knobs.lessons.common.TextTable;
import dev.knobs.lessons.common.Words;
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
import dev.knobs.nn.schedule.LearningRateSchedule;
import dev.knobs.nn.schedule.WarmUp;
import dev.knobs.nn.train.Recipe;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

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
     * @param peakLr          0.1: the peak of the schedule, twice the baseline's constant rate, as in lesson 10
     * @param warmupSteps     200 mini-batches of linear warm-up (at most a quarter of the run), then a cosine down
     *                        to 0 per mini-batch (lesson 10); 0 for the cosine alone
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

        /** e.g. "dropout 0.2", or "no dropout". */
        String dropout() {
            return hiddenDropout > 0 ? "dropout " + hiddenDropout : "no dropout";
        }
    }

    /**
     * What this lesson found: the network trained with the course's choices, measured on the test
     * set after the last epoch (accuracies are shares in [0, 1]).
     *
     * @param testAccuracy               share of the test images classified correctly
     * @param testErrors                 test images classified wrongly
     * @param testLoss                   mean cross-entropy on the test images, in nats
     * @param validationAccuracy         accuracy on the held-out validation images after the last epoch: how well
     *                                   validation predicts the test result
     * @param macroF1                    the plain mean of the ten per-digit F1 scores on the test set
     * @param architecture               the layer widths from pixels to classes, e.g. {@code 784-256-128-10}
     * @param parameters                 weights and biases of the network
     * @param configuration              the network, its dropout and its epochs in one line
     * @param mostConfusedTrueDigit      the true digit of the most frequent error on the test set (-1: no errors)
     * @param mostConfusedPredictedDigit the digit it was taken for (-1: no errors)
     * @param mostConfusedCount          test images of {@code mostConfusedTrueDigit} taken for
     *                                   {@code mostConfusedPredictedDigit}
     * @param worstErrorsShown           errors in the grid of the most confident errors
     * @param confusedPairsShown         pairs in the table and grid of the most confused pairs
     * @param epochs                     passes over the training images
     */
    public record Results(double testAccuracy, int testErrors, double testLoss, double validationAccuracy, double macroF1,
                   String architecture, long parameters, String configuration, int mostConfusedTrueDigit,
                   int mostConfusedPredictedDigit, int mostConfusedCount, int worstErrorsShown, int confusedPairsShown,
                   int epochs) implements LessonResults {}

    /** The lesson: its folder, title, knobs and experiment. */
    public static final LessonDefinition<Hyperparams, Results> LESSON = new LessonDefinition<>("11-evaluation", "Evaluation: metrics and errors",
            Hyperparams.class, Hyperparams::defaults, Results.class, Evaluation::run)
            .withExercises(() -> Parts.library()
                    .withConfusion("11.1 confusion matrix (ConfusionCounts)", ConfusionCounts::counts)
                    .withErrorRanking("11.2 top errors by margin (TopErrorsRanking)", TopErrorsRanking::byMargin));

    /** Runs the lesson with the knobs given as flags or in a knob file ({@code --help} lists them). */
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
        LearningRateSchedule cosine = CosineSchedule.annealing(hp.peakLr(), 0f, steps - warmup);
        recipe = recipe.withStepSchedule(warmup > 0 ? new WarmUp(warmup, cosine) : cosine);
        lesson.table(recipeTable(hp, warmup));
        lesson.out().println(recipe.describe());

        // ---------------------------------------------------------------- 3. training, with curves
        lesson.section("3. Training: " + Words.epochs(hp.epochs()) + ", measured on all three sets after each");
        Recipe.Run run = recipe.train(data, lesson.progress(recipe)).orThrow();
        History history = run.history();
        EvaluationCharts.loss(lesson, history, hp.hiddenDropout() > 0);
        EvaluationCharts.accuracy(lesson, history);
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
        ConfusionMatrix confusion = lesson.parts().confusion(predictions);
        lesson.out().print(confusion);
        EvaluationCharts.confusionMatrix(lesson, confusion);
        EvaluationCharts.confusionMatrixNormalised(lesson, confusion);
        EvaluationCharts.confusionErrors(lesson, confusion);
        Map<String, Object> matrix = new LinkedHashMap<>();
        matrix.put("rows", "true digit");
        matrix.put("columns", "predicted digit");
        matrix.put("counts", confusion.counts());
        lesson.json("confusion-matrix", matrix);

        // ---------------------------------------------------------------- 5. per-class metrics
        lesson.section("5. Precision, recall and F1 per class");
        List<ConfusionMatrix.ClassMetrics> perClass = confusion.perClass();
        TextTable perClassTable = new TextTable("Per-class metrics on the test set", "digit", "precision", "recall", "F1",
                "support");
        double macroF1 = 0;
        for (ConfusionMatrix.ClassMetrics m : perClass) {
            perClassTable.row(m.label(), pct(m.precision()), pct(m.recall()), String.format("%.4f", m.f1()), m.support());
            macroF1 += m.f1() / perClass.size();                  // every digit counts the same, however many images it has
        }
        lesson.table(perClassTable);
        lesson.out().printf("macro F1 (mean of the ten F1 scores): %.4f%n", macroF1);
        EvaluationCharts.perClass(lesson, perClass);
        lesson.json("per-class", perClass);

        // ---------------------------------------------------------------- 6. the worst errors
        lesson.section("6. The worst errors");
        List<TopErrors.ErrorCase> worst = lesson.parts().topErrors(predictions, hp.worstShown());
        lesson.out().printf("%d of %d test images are misclassified; the %d the network was surest about:%n",
                predictions.errors(), test.size(), worst.size());
        for (TopErrors.ErrorCase e : worst) {
            lesson.out().printf("  test image %5d: true %d, predicted %d with p = %.3f (p(true) = %.3f)%n", e.index(),
                    e.trueLabel(), e.predicted(), e.confidence(), e.pTrue());
        }
        if (worst.isEmpty()) {
            lesson.out().println("  no errors at all: nothing to show");
        } else {
            EvaluationCharts.worstErrors(lesson, test, worst);
            lesson.json("worst-errors", worst);
        }

        // ---------------------------------------------------------------- 7. most-confused pairs
        lesson.section("7. The most confused pairs");
        List<ConfusionMatrix.ConfusedPair> pairs = confusion.mostConfused(hp.pairsShown());
        TextTable pairTable = new TextTable("Most confused pairs on the test set", "true digit", "predicted as", "count",
                "share of all errors");
        List<List<Integer>> examples = new ArrayList<>();
        for (ConfusionMatrix.ConfusedPair p : pairs) {
            pairTable.row(p.trueLabel(), p.predicted(), p.count(), pct((double) p.count() / Math.max(1, predictions.errors())));
            examples.add(surestExamples(predictions, p, hp.examplesPerPair()));
        }
        lesson.table(pairTable);
        if (!pairs.isEmpty()) {
            EvaluationCharts.confusedPairs(lesson, test, predictions, pairs, examples, hp.examplesPerPair());
            lesson.json("confused-pairs", pairs);
        }

        // ---------------------------------------------------------------- 8. first-layer weights
        lesson.section("8. What the first layer looks for");
        Parameter w = firstDense(run.model()).weights();                             // W: [out, in] = [256, 784]
        Sequential initial = recipe.network().build(new SplittableRandom(recipe.seed()).split()); // as Recipe.train built it
        int shown = Math.min(hp.unitsShown(), w.rows());
        float[][] weights = firstRows(w, shown);
        float[][] changes = whatTrainingWrote(weights, firstRows(firstDense(initial).weights(), shown));
        lesson.out().printf("drawing the 784 incoming weights of units 0-%d of %d as 28x28 images%n", shown - 1, w.rows());
        EvaluationCharts.firstLayerWeights(lesson, weights, test.height(), test.width());
        EvaluationCharts.firstLayerChanges(lesson, changes, test.height(), test.width());

        // ---------------------------------------------------------------- 9. results
        lesson.section("9. Results");
        String configuration = recipe.label() + ", " + hp.dropout() + ", " + Words.epochs(hp.epochs());
        TextTable summary = new TextTable("Evaluation of " + recipe.label() + " on the " + test.size() + " test images",
                "configuration", "test accuracy", "errors", "macro F1", "test loss", "training seconds");
        summary.row(configuration, pct(predictions.accuracy()), predictions.errors(), String.format("%.4f", macroF1),
                f4(predictions.loss()), String.format("%.0f", history.seconds()));
        lesson.table(summary);
        lesson.metric("test_accuracy", predictions.accuracy());
        lesson.metric("test_loss", predictions.loss());
        lesson.metric("errors", predictions.errors());
        lesson.metric("macro_f1", macroF1);
        lesson.metric("worst_errors_shown", worst.size());
        lesson.metric("confused_pairs_shown", pairs.size());
        lesson.metric("epochs", hp.epochs());
        List<String> top = pairs.stream().limit(3).map(p -> p.trueLabel() + " taken for " + p.predicted() + " (" + p.count()
                + ")").toList();
        lesson.headline(predictions.errors() == 0
                ? String.format("A %s network gets all %d test digits right.", recipe.label(), test.size())
                : String.format("A %s network gets %s of the test digits right; its %d errors cluster in a few pairs "
                        + "(%s), and many of the worst ones are digits a person would also hesitate over.",
                recipe.label(), pct(predictions.accuracy()), predictions.errors(), String.join(", ", top)));
        lesson.chose(recipe.label(), run.history(), run.model());
        ConfusionMatrix.ConfusedPair most = pairs.isEmpty() ? new ConfusionMatrix.ConfusedPair(-1, -1, 0) : pairs.get(0);
        return new Results(predictions.accuracy(), predictions.errors(), predictions.loss(),
                history.last().validationAccuracy(), macroF1, recipe.label(), run.model().parameterCount(), configuration,
                most.trueLabel(), most.predicted(), most.count(), worst.size(), pairs.size(), hp.epochs());
    }

    /** The recipe as a table: every knob, its value, and the lesson that chose it. */
    private static TextTable recipeTable(Hyperparams hp, int warmup) {
        TextTable t = new TextTable("The recipe", "knob", "value", "from lesson");
        t.row("inputs", "grey level / 255, in [0, 1]", "02");
        t.row("mini-batch size", hp.batchSize(), "03");
        t.row("initialisation", "He normal", "04");
        t.row("hidden activation", "ReLU (softmax only in the loss)", "05");
        t.row("optimiser", "Nesterov momentum " + hp.momentum(), "06");
        t.row("dropout", hp.hiddenDropout() > 0 ? "none on the input, " + hp.hiddenDropout() + " after each hidden layer"
                : "none", "07");
        t.row("augmentation", "none (lesson 12 adds it back)", "08");
        t.row("architecture", Mlp.architecture(hp.widths()), "09");
        t.row("learning rate", (warmup > 0 ? warmup + " steps warm-up to " + hp.peakLr() + ", cosine to 0 per step"
                : "cosine from " + hp.peakLr() + " to 0 per step, no warm-up"), "10");
        t.row("epochs", hp.epochs(), "");
        return t;
    }

    /**
     * The test images of one confused pair (true digit taken for the predicted one), at most
     * {@code limit}, those the network was surest of its wrong answer first.
     */
    private static List<Integer> surestExamples(Predictions predictions, ConfusionMatrix.ConfusedPair pair, int limit) {
        List<Integer> examples = new ArrayList<>();
        for (int i = 0; i < predictions.size(); i++) {
            if (predictions.labels()[i] == pair.trueLabel() && predictions.predicted()[i] == pair.predicted()) {
                examples.add(i);
            }
        }
        examples.sort(Comparator.comparingDouble((Integer i) -> -predictions.probability(i, pair.predicted()))
                .thenComparingInt(i -> i));
        return examples.subList(0, Math.min(limit, examples.size()));
    }

    /**
     * Final minus initial weights, {@code ΔW = W_final - W_initial}, row by row. A first-layer
     * weight {@code W[j,i]} gets the gradient {@code δ_j · x_i}, which is 0 whenever pixel
     * {@code i} is 0; pixels at the border, where MNIST has no ink, therefore keep their random
     * starting values, and the difference shows only what training wrote.
     */
    private static float[][] whatTrainingWrote(float[][] finalRows, float[][] initialRows) {
        float[][] change = new float[finalRows.length][];
        for (int u = 0; u < finalRows.length; u++) {
            change[u] = new float[finalRows[u].length];
            for (int i = 0; i < change[u].length; i++) {
                change[u][i] = finalRows[u][i] - initialRows[u][i];
            }
        }
        return change;
    }

    /** The first {@code n} rows of a weight matrix: the incoming weights of its first {@code n} units. */
    private static float[][] firstRows(Parameter w, int n) {
        float[][] rows = new float[n][];
        for (int u = 0; u < n; u++) {
            rows[u] = Arrays.copyOfRange(w.value(), u * w.cols(), (u + 1) * w.cols());
        }
        return rows;
    }

    private static Dense firstDense(Sequential model) {
        for (Layer layer : model.layers()) {
            if (layer instanceof Dense d) {
                return d;
            }
        }
        throw new IllegalStateException("the model has no Dense layer");
    }

    private static String f4(double v) {
        return String.format("%.4f", v);
    }
}
