package dev.knobs.lessons.l12;

import static dev.knobs.lessons.common.Percent.pct;

import dev.knobs.lessons.common.DigitGrid;
import dev.knobs.lessons.common.Lesson;
import dev.knobs.lessons.common.LessonDefinition;
import dev.knobs.lessons.common.LessonResults;
import dev.knobs.lessons.common.Mode;
import dev.knobs.lessons.common.Plots;
import dev.knobs.lessons.common.TextTable;
import dev.knobs.nn.augment.Augmenter;
import dev.knobs.nn.augment.Compose;
import dev.knobs.nn.augment.ElasticDistortion;
import dev.knobs.nn.augment.ImageTransform;
import dev.knobs.nn.augment.RandomAffine;
import dev.knobs.nn.data.Dataset;
import dev.knobs.nn.data.RunData;
import dev.knobs.nn.data.TrainTest;
import dev.knobs.nn.init.HeNormal;
import dev.knobs.nn.io.ModelFile;
import dev.knobs.nn.layer.Mlp;
import dev.knobs.nn.layer.Sequential;
import dev.knobs.nn.metrics.ConfusionMatrix;
import dev.knobs.nn.metrics.EpochRecord;
import dev.knobs.nn.metrics.Evaluator;
import dev.knobs.nn.metrics.History;
import dev.knobs.nn.metrics.Predictions;
import dev.knobs.nn.metrics.TopErrors;
import dev.knobs.nn.optim.Nesterov;
import dev.knobs.nn.schedule.OneCycle;
import dev.knobs.nn.train.Recipe;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * Lesson 12, towards 99%. Changes from lesson 11: every knob of lessons 02-11 at once, each set
 * to the value that served best, in one recipe trained on all 60,000 training images: a wide
 * ReLU network with He initialisation, inputs in [0, 1], mini-batch SGD with Nesterov momentum,
 * dropout on the inputs and the hidden layers, a one-cycle learning rate stepped per mini-batch,
 * and random affine and elastic distortions of every training image. The trained network is saved
 * to {@code model.knobs} for the site's "draw a digit" page and the ONNX exporter.
 *
 * <p>No convolutions: the network sees 784 numbers in a row and knows nothing of which pixels are
 * neighbours. Augmentation is how it learns that a digit shifted by a pixel or turned by a few
 * degrees is the same digit, and that is what takes a fully connected network past 99%.
 *
 * <p>The recipe was chosen on a validation set held out from the training images (see the
 * README); the test images are measured after every epoch only to draw the curves, and the model
 * saved is the one after the last epoch, fixed in advance.
 *
 * <p>Run: {@code mvn -pl lessons/12-towards-99 exec:java} (about 12 minutes on 2 cores), add
 * {@code -Dexec.args="--mode smoke"} for a seconds-long run of the same code on a tiny network,
 * or {@code --mode full} for the long run.
 */
public final class TowardsNinetyNine {
    private TowardsNinetyNine() {}

    /** Where the trained model goes, inside the lesson's output folder. */
    static final String MODEL_FILE = "model.knobs";

    /**
     * The knobs of this lesson. Their reasons are in {@link #recipeTable}, printed with the run.
     *
     * @param hidden        the hidden layers' widths
     * @param inputDropout  dropout rate on the 784 pixels
     * @param hiddenDropout dropout rate after each hidden ReLU
     * @param momentum      Nesterov momentum μ
     * @param peakLr      the top of the one-cycle schedule
     * @param warmupShare   fraction of the steps spent rising to the peak
     * @param batchSize     examples per step
     * @param epochs        passes over the 60,000 training images
     * @param degrees       largest random rotation, either way
     * @param shift   largest random shift on each axis
     * @param zoom          largest relative zoom, in and out
     * @param elasticAlpha  elastic distortion strength (0 = off)
     * @param elasticSigma  elastic distortion smoothness, in pixels
     */
    record Hyperparams(int[] hidden, float inputDropout, float hiddenDropout, float momentum, float peakLr,
                       float warmupShare, int batchSize, int epochs, double degrees, double shift, double zoom,
                       double elasticAlpha, double elasticSigma) {
        static Hyperparams defaults(Mode mode) {
            int[] hidden = mode.pick(new int[] {64, 64},              // smoke: tiny, the same code path
                    new int[] {1024, 1024},                                     // standard: fits 15 minutes on 2 cores
                    new int[] {2048, 2048});                                    // full: wider, for the long run
            return new Hyperparams(hidden, 0f, 0.2f, 0.9f, 0.1f, 0.25f, 128, mode.pick(2, 50, 150),
                    10, 2, 0.1, 10, 4);
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
    public static final LessonDefinition<Hyperparams, Results> LESSON = new LessonDefinition<>("12-towards-99", "Towards 99%",
            Hyperparams.class, Hyperparams::defaults, Results.class, TowardsNinetyNine::run);

    public static void main(String[] args) {
        Lesson.launch(args, LESSON);
    }

    static Results run(Lesson lesson, Hyperparams hp) {

        // ---------------------------------------------------------------- 1. the data
        lesson.section("1. The data: all training images, inputs in [0, 1]");
        TrainTest data = lesson.data();
        RunData runData = RunData.withoutValidation(data);             // the recipe was chosen beforehand, on validation data
        Dataset train = runData.train();
        Dataset test = runData.test();
        lesson.out().printf("%d training and %d test images; pixel value = grey level / 255%n", train.size(), test.size());

        // ---------------------------------------------------------------- 2. the recipe
        lesson.section("2. The recipe: every knob of lessons 02-11");
        Mlp network = new Mlp(hp.widths(), "relu", hp.inputDropout(), new float[] {hp.hiddenDropout()}, new HeNormal());
        ImageTransform augmentation = new Compose(
                new ElasticDistortion(hp.elasticAlpha(), hp.elasticSigma(), 0f),       // strokes bend a little
                new RandomAffine(hp.degrees(), hp.shift(), hp.zoom(), 0, 0f));    // then the whole digit moves
        Recipe recipe = Recipe.BASELINE.withLabel(Mlp.architecture(hp.widths())).withNetwork(network)
                .withOptimizer(new Nesterov(hp.momentum())).withBatchSize(hp.batchSize()).withEpochs(hp.epochs())
                .withAugmentation(augmentation).withSeed(lesson.seed());
        int steps = recipe.totalSteps(train.size());
        recipe = recipe.withStepSchedule(new OneCycle(hp.peakLr(), steps, hp.warmupShare(), 25f, 1e3f));
        lesson.table(recipeTable(hp, steps));
        lesson.out().println(recipe.describe());
        showAugmentation(lesson, train, augmentation);

        // ---------------------------------------------------------------- 3. training
        lesson.section("3. Training: " + hp.epochs() + " epochs over all " + train.size() + " training images");
        Recipe.Run run = recipe.train(runData, lesson.progress(recipe)).orThrow();
        Sequential model = run.model();
        History history = run.history();
        Predictions predictions = run.test();                          // the model after the last epoch
        lesson.out().printf("test accuracy %.2f%%: %d errors out of %d%n", 100 * predictions.accuracy(),
                predictions.errors(), predictions.size());

        // ---------------------------------------------------------------- 4. results
        lesson.section("4. Results");
        plotCurves(lesson, history);
        TextTable perEpoch = new TextTable(recipe.label() + ", per epoch", "epoch", "learning rate (end)", "train loss",
                "train accuracy", "test loss", "test accuracy", "seconds");
        for (EpochRecord e : history.epochs()) {
            perEpoch.row(e.epoch(), String.format("%.5f", e.learningRate()), f4(e.trainLoss()), pct(e.trainAccuracy()),
                    f4(e.testLoss()), pct(e.testAccuracy()), String.format("%.1f", e.seconds()));
        }
        lesson.table(perEpoch);
        lesson.json("history", history);
        ConfusionMatrix confusion = ConfusionMatrix.of(predictions);
        lesson.out().print(confusion);
        plotConfusion(lesson, confusion);
        showErrors(lesson, test, predictions);

        // ---------------------------------------------------------------- 5. save the model, load it back
        lesson.section("5. Saving the model");
        Path file = lesson.file(MODEL_FILE);
        ModelFile.save(model, metadata(recipe, hp, train, predictions, model), file);
        Sequential loaded = ModelFile.load(file).model();
        Predictions again = Evaluator.evaluate(loaded, test);
        int disagreements = 0;
        for (int i = 0; i < test.size(); i++) {
            disagreements += again.predicted()[i] != predictions.predicted()[i] ? 1 : 0;
        }
        if (disagreements > 0) {
            throw new IllegalStateException("the saved model disagrees with the trained one on " + disagreements
                    + " test images: " + file + " is not a faithful copy");
        }
        lesson.out().printf("saved %s (%,d parameters) to %s; loaded back, it gives the same answer on all %d test "
                + "images%n", recipe.label(), model.parameterCount(), lesson.outputDir().resolve(MODEL_FILE), test.size());
        Map<String, Object> answers = new LinkedHashMap<>();
        answers.put("labels", predictions.labels());
        answers.put("predicted", predictions.predicted());
        lesson.json("test-predictions", answers);

        // ---------------------------------------------------------------- 6. summary
        lesson.section("6. Summary");
        TextTable summary = new TextTable("Towards 99%: the final run", "configuration", "epochs", "parameters",
                "test accuracy", "test errors", "training time");
        summary.row(recipe.label() + ", dropout " + hp.hiddenDropout() + ", elastic + affine augmentation, one-cycle "
                        + hp.peakLr(), hp.epochs(),
                String.format("%,d", model.parameterCount()), pct(predictions.accuracy()), predictions.errors(),
                String.format("%.0f s", history.seconds()));
        lesson.table(summary);
        lesson.metric("test_accuracy", predictions.accuracy());
        lesson.metric("test_errors", predictions.errors());
        lesson.metric("test_loss", predictions.loss());
        lesson.metric("epochs", hp.epochs());
        lesson.metric("parameters", model.parameterCount());
        lesson.metric("training_seconds", history.seconds());
        lesson.headline(String.format("A fully connected %s network, trained on augmented digits with dropout, Nesterov "
                        + "momentum and a one-cycle schedule, reaches %s test accuracy (%d errors in %,d) after %d epochs.",
                recipe.label(), pct(predictions.accuracy()), predictions.errors(), test.size(), hp.epochs()));
        lesson.chose(recipe.label(), run.history(), model, metadata(recipe, hp, train, predictions, model));
        return new Results(predictions.accuracy());
    }

    /** Every knob, its value, why, and the lesson that explains it. */
    static TextTable recipeTable(Hyperparams hp, int steps) {
        TextTable t = new TextTable("The recipe", "knob", "value", "why", "lesson");
        t.row("inputs", "grey / 255, in [0, 1]", "small inputs keep the first layer's sums and gradients in range; "
                + "0 stays background, so augmentation can fill with 0", "02");
        t.row("mini-batch", hp.batchSize() + " images", "cheap, noisy steps; big enough to keep the matrix kernels busy", "03");
        t.row("initialisation", "He normal, σ = √(2/fan-in)", "keeps the signal's scale through the ReLU layers", "04");
        t.row("activation", "ReLU, softmax in the loss", "does not saturate, so deep and wide nets keep learning", "05");
        t.row("optimiser", "Nesterov momentum " + hp.momentum(), "momentum averages noisy gradients; Nesterov corrects "
                + "overshoot one step earlier", "06");
        t.row("dropout", "input " + hp.inputDropout() + ", hidden " + hp.hiddenDropout(), "a wide net memorises; dropout "
                + "makes every unit useful on its own (Srivastava et al. 2014). Augmentation already perturbs the "
                + "pixels, so light hidden dropout and none on the input did best on validation data", "07");
        t.row("augmentation", String.format("elastic (α %.0f, σ %.0f), then rotate ±%.0f°, shift ±%.0f px, zoom ±%.0f%%",
                hp.elasticAlpha(), hp.elasticSigma(), hp.degrees(), hp.shift(), 100 * hp.zoom()),
                "an MLP has no notion of neighbouring pixels; it must see digits move and bend to learn "
                        + "that they stay the same digit (Simard et al. 2003)", "08");
        t.row("architecture", Mlp.architecture(hp.widths()), "wide enough to use all that augmented data; on validation "
                + "data a third hidden layer did not help, and twice the width helped little for three times the "
                + "cost per epoch (the full run uses it)", "09");
        t.row("learning rate", String.format("one-cycle: %.4f up to %.2f over %.0f%% of %d steps, then down to %.1e",
                        hp.peakLr() / 25, hp.peakLr(), 100 * hp.warmupShare(), steps, hp.peakLr() / 25 / 1e3),
                "high rates in the middle explore and regularise, the long descent settles (Smith 2018)", "10");
        t.row("epochs", hp.epochs(), "as many as fit the time budget (15 minutes on 2 cores for the standard run); "
                + "with augmentation the network never sees the same image twice, so it does not overfit", "11");
        t.row("evaluation", "test images after the last epoch", "the recipe and the epoch count were fixed on "
                + "validation data; the test set is measured, never chosen from", "11");
        return t;
    }

    /**
     * What the model file says about itself. The "draw a digit" page and the ONNX exporter read
     * the input description from here, so it states exactly what the network expects.
     */
    private static Map<String, String> metadata(Recipe recipe, Hyperparams hp, Dataset train, Predictions test,
                                                Sequential model) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("lesson", "12-towards-99");
        m.put("task", "MNIST handwritten digit classification, classes 0-9");
        m.put("input", "784 floats: a 28x28 grey image in row-major order (row 0 at the top, each row left to right)");
        m.put("input_scaling", "value = grey / 255, so 0.0 is background (black) and 1.0 full ink (white), as in MNIST");
        m.put("input_mean", "0");
        m.put("input_std", "1");
        m.put("input_standardisation", "none: feed the [0, 1] values as they are");
        m.put("input_preparation", "MNIST digits are white on black, fitted into a 20x20 box and centred by centre of "
                + "mass in the 28x28 image; prepare drawn digits the same way");
        m.put("output", "10 logits, one per digit 0-9; softmax turns them into probabilities");
        m.put("architecture", recipe.label());
        m.put("parameters", String.valueOf(model.parameterCount()));
        m.put("recipe", recipe.describe());
        m.put("trained_on", train.size() + " training images (" + train.name() + ")");
        m.put("epochs", String.valueOf(hp.epochs()));
        m.put("seed", String.valueOf(recipe.seed()));
        m.put("test_accuracy", String.format(java.util.Locale.ROOT, "%.4f", test.accuracy()));
        m.put("test_errors", String.valueOf(test.errors()));
        return m;
    }

    /** Ten training digits, each followed by three random variants of it, as the network sees them. */
    private static void showAugmentation(Lesson lesson, Dataset train, ImageTransform augmentation) {
        int f = train.features();
        int originals = 10;
        int variants = 3;
        float[] x = Arrays.copyOf(train.x(), originals * f);
        List<float[]> versions = new ArrayList<>();
        for (int v = 0; v < variants; v++) {
            float[] out = new float[x.length];
            new Augmenter(augmentation, lesson.seed()).augment(x, originals, train.height(), train.width(), v, 0, out);
            versions.add(out);
        }
        List<DigitGrid.Tile> tiles = new ArrayList<>();
        for (int i = 0; i < originals; i++) {
            tiles.add(new DigitGrid.Tile(Arrays.copyOfRange(x, i * f, (i + 1) * f), "original " + train.labels()[i]));
            for (int v = 0; v < variants; v++) {
                tiles.add(new DigitGrid.Tile(Arrays.copyOfRange(versions.get(v), i * f, (i + 1) * f), "variant " + (v + 1)));
            }
        }
        String title = "Training digits and three augmented variants of each";
        lesson.figure("augmented", DigitGrid.render(title, tiles, train.height(), train.width(), 8, 0f, 1f), title,
                "Every epoch the network sees a freshly bent, turned, shifted and zoomed copy of each digit, never the "
                        + "same image twice; the test images are never changed.",
                "A grid of ten training digits, each followed by three randomly distorted copies: slightly rotated, "
                        + "shifted, zoomed and bent, all still clearly the same digit.");
    }

    private static void plotCurves(Lesson lesson, History history) {
        lesson.figure("loss", Plots.lines("Loss per epoch", "epoch", "cross-entropy loss", List.of(
                        Plots.Series.ofEpochs("train", values(history, EpochRecord::trainLoss)),
                        Plots.Series.ofEpochs("test", values(history, EpochRecord::testLoss)))),
                "Training loss is averaged over the epoch on distorted digits with dropout on, so it stays above the test loss.",
                "Line chart of training and test cross-entropy loss per epoch, both falling, the training loss above "
                        + "the test loss throughout.");
        lesson.figure("accuracy", Plots.lines("Accuracy per epoch", "epoch", "accuracy (%)", List.of(
                        Plots.Series.ofEpochs("train", values(history, e -> 100 * e.trainAccuracy())),
                        Plots.Series.ofEpochs("test", values(history, e -> 100 * e.testAccuracy())))),
                "Test accuracy climbs as the learning rate falls in the second half of the cycle.",
                "Line chart of training and test accuracy per epoch; test accuracy rises towards 99% and above.");
        lesson.figure("error", Plots.linesLogY("Error rate per epoch (log scale)", "epoch", "error (%)", List.of(
                        Plots.Series.ofEpochs("train", values(history, e -> 100 * (1 - e.trainAccuracy()))),
                        Plots.Series.ofEpochs("test", values(history, e -> 100 * (1 - e.testAccuracy()))))),
                "Near 99% accuracy, plot the error instead: on a log scale, going from 2% to 1% is as big a step as "
                        + "from 20% to 10%.",
                "Line chart of training and test error in percent per epoch on a logarithmic axis; the test error "
                        + "falls from several percent towards one percent or below.");
        List<Float> rates = history.stepLearningRates();
        int every = Math.max(1, rates.size() / 1000);                  // at most ~1,000 points: the curve is smooth
        int points = (rates.size() + every - 1) / every;
        double[] step = new double[points];
        double[] rate = new double[points];
        for (int k = 0; k < points; k++) {
            step[k] = k * every + 1;
            rate[k] = rates.get(k * every);
        }
        lesson.figure("learning-rate", Plots.lines("Learning rate of every step (one-cycle)", "mini-batch step",
                        "learning rate", List.of(new Plots.Series("one-cycle", step, rate))),
                "One rise and one long fall over the whole run: fast early, careful at the end.",
                "Line chart of the learning rate against the mini-batch step: a cosine rise to the peak in the first "
                        + "quarter, then a cosine fall to almost zero.");
    }

    private static void plotConfusion(Lesson lesson, ConfusionMatrix confusion) {
        int k = confusion.classes();
        List<String> digits = new ArrayList<>();
        for (int c = 0; c < k; c++) {
            digits.add(String.valueOf(c));
        }
        int[][] counts = confusion.counts();
        double[][] raw = new double[k][k];
        double[][] errorsOnly = new double[k][k];
        for (int t = 0; t < k; t++) {
            for (int p = 0; p < k; p++) {
                raw[t][p] = counts[t][p];
                errorsOnly[t][p] = t == p ? 0 : counts[t][p];
            }
        }
        lesson.figure("confusion-matrix", Plots.heatMap("Confusion matrix of the final model", "predicted digit",
                        "true digit", digits, digits, raw),
                "Row = true digit, column = the network's answer; almost everything is on the diagonal.",
                "Heat map of the 10 by 10 confusion matrix of the final model on the test set: a dark diagonal "
                        + "holding the " + Math.round(confusion.accuracy() * confusion.total()) + " correct answers, "
                        + "small counts elsewhere.");
        lesson.figure("confusion-errors", Plots.heatMap("Errors only (diagonal left out)", "predicted digit",
                        "true digit", digits, digits, errorsOnly),
                "The few remaining errors, without the correct answers that dominate the colour scale.",
                "Heat map of the off-diagonal counts of the final model's confusion matrix, showing which few pairs "
                        + "of digits are still confused.");
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("rows", "true digit");
        json.put("columns", "predicted digit");
        json.put("counts", counts);
        lesson.json("confusion-matrix", json);
    }

    /** Every remaining error (up to 120), most confident first. */
    private static void showErrors(Lesson lesson, Dataset test, Predictions predictions) {
        List<TopErrors.ErrorCase> errors = TopErrors.byMargin(predictions, 120);
        if (errors.isEmpty()) {
            return;
        }
        List<DigitGrid.Tile> tiles = new ArrayList<>();
        int f = test.features();
        for (TopErrors.ErrorCase e : errors) {
            tiles.add(new DigitGrid.Tile(Arrays.copyOfRange(test.x(), e.index() * f, (e.index() + 1) * f),
                    String.format("true %d / pred %d%np=%.2f", e.trueLabel(), e.predicted(), e.confidence())));
        }
        String title = errors.size() == predictions.errors() ? "All " + errors.size() + " test errors of the final model"
                : "The " + errors.size() + " most confident of " + predictions.errors() + " test errors";
        lesson.figure("errors", DigitGrid.render(title, tiles, test.height(), test.width(), 12, 0f, 1f), title,
                "What is left at 99%: most are digits a person would hesitate over, or labels one could argue with.",
                "A grid of the test digits the final model gets wrong, each captioned with its true label, the "
                        + "predicted label and the confidence; many are oddly written or ambiguous.");
        lesson.json("errors", errors);
    }

    private static double[] values(History history, ToDoubleFunction<EpochRecord> f) {
        return history.epochs().stream().mapToDouble(f).toArray();
    }

    private static String f4(double v) {
        return String.format("%.4f", v);
    }
}
