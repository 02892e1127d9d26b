package dev.knobs.lessons.l12;

import static dev.knobs.lessons.common.Percent.pct;

import dev.knobs.lessons.common.Lesson;
import dev.knobs.lessons.common.LessonOptions;
import dev.knobs.lessons.common.LessonDefinition;
import dev.knobs.lessons.common.LessonResults;
import dev.knobs.lessons.common.Mode;
import dev.knobs.lessons.common.TextTable;
import dev.knobs.lessons.common.UsageException;
import dev.knobs.lessons.common.Words;
import dev.knobs.nn.augment.Augmenter;
import dev.knobs.nn.augment.ImageTransform;
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
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
 * <p>The recipe was chosen on a validation set held out from the training images, among nine
 * candidates, by {@code --select} ({@link RecipeSelection}); the run says whether its recipe is the
 * chosen one. The test images are measured after every epoch only to draw the curves, and the model
 * saved is the one after the last epoch, fixed in advance.
 *
 * <p>With {@code --members K} the lesson trains a committee of K networks of the same recipe from
 * different seeds and answers with their averaged probabilities ({@link CommitteeRun}). The full run
 * and any committee save a checkpoint after every epoch and, started again after an interruption,
 * continue where they stopped.
 *
 * <p>Run: {@code mvn -pl lessons/12-towards-99 exec:java} (about 6 minutes on 2 idle cores, more
 * when other programs share them), add {@code -Dexec.args="--mode smoke"} for a seconds-long run of the same code on a tiny network (a
 * committee of two), or {@code --mode full} for the long run (500 epochs on stronger distortions, checkpointed);
 * {@code -Dexec.args="--select"} makes the choice of the recipe again, and {@code --validate} with any knobs
 * scores them on validation data without touching the test set.
 */
public final class TowardsNinetyNine {
    private TowardsNinetyNine() {}

    /** Where the trained model goes, inside the lesson's output folder. */
    static final String MODEL_FILE = "model.knobs";
    /** The most confident errors drawn in the grid of errors; at 99% that is all of them. */
    private static final int ERRORS_SHOWN = 120;

    /**
     * The knobs of this lesson. Their reasons are in {@link #recipeTable}, printed with the run, and
     * in the README, which shows how they were chosen on validation data.
     *
     * @param hidden        the hidden layers' widths: two of 1,024 in standard mode (75 epochs fit 6 minutes
     *                      on 2 cores) and in full mode, two of 64 in smoke mode (the same code path). Full
     *                      mode trains the same network 500 epochs on stronger distortions (elastic α 36,
     *                      σ 6, zoom 15%) without dropout, as Ciresan et al. 2010 did: chosen on validation
     *                      data, 24 errors in the 5,000 held-out images against the standard recipe's 31
     * @param inputDropout  dropout rate on the 784 pixels
     * @param hiddenDropout dropout rate after each hidden ReLU
     * @param momentum      Nesterov momentum μ
     * @param peakLr        the top of the one-cycle schedule
     * @param warmupShare   share of the steps spent rising to the peak, in (0, 1)
     * @param batchSize     examples per step
     * @param epochs        passes over the training images
     * @param degrees       largest random rotation, either way
     * @param shift         largest random shift on each axis, in pixels
     * @param zoom          largest relative zoom, in and out
     * @param shear         largest random shear, either way, in degrees (0: the standard recipe does not shear)
     * @param elasticAlpha  elastic distortion strength (0 = off)
     * @param elasticSigma  elastic distortion smoothness, in pixels
     * @param members       networks in the committee, each trained by this recipe from its own seed: 1 in
     *                      standard and full mode, 2 in smoke mode (the committee's code path, in seconds);
     *                      the README measures a committee of 8 against the single networks
     */
    record Hyperparams(int[] hidden, float inputDropout, float hiddenDropout, float momentum, float peakLr,
                       float warmupShare, int batchSize, int epochs, double degrees, double shift, double zoom,
                       double shear, double elasticAlpha, double elasticSigma, int members) {
        static Hyperparams defaults(Mode mode) {
            int[] hidden = mode.pick(new int[] {64, 64}, new int[] {1024, 1024}, new int[] {1024, 1024});
            float hiddenDropout = mode.pick(0.2f, 0.2f, 0f);
            double zoom = mode.pick(0.1, 0.1, 0.15);
            double elasticAlpha = mode.pick(10.0, 10.0, 36.0);
            double elasticSigma = mode.pick(4.0, 4.0, 6.0);
            return new Hyperparams(hidden, 0f, hiddenDropout, 0.9f, 0.1f, 0.25f, 128, mode.pick(2, 75, 500),
                    10, 2, zoom, 0, elasticAlpha, elasticSigma, mode.pick(2, 1, 1));
        }

        Hyperparams {
            if (warmupShare <= 0) {
                throw new UsageException("--warmup-share must be above 0: the one-cycle schedule rises to its peak over "
                        + "that share of the steps (0.25 is the standard recipe's), got " + warmupShare);
            }
        }

        /** The network's layer widths: 784 pixels, the hidden layers, 10 classes. */
        int[] widths() {
            int[] w = new int[hidden.length + 2];
            w[0] = 784;
            System.arraycopy(hidden, 0, w, 1, hidden.length);
            w[w.length - 1] = 10;
            return w;
        }

        Distortions distortions() {
            return new Distortions(elasticAlpha, elasticSigma, degrees, shift, zoom, shear);
        }

        boolean dropout() {
            return inputDropout > 0 || hiddenDropout > 0;
        }

        /** The same recipe for a committee of {@code n}. */
        Hyperparams withMembers(int n) {
            return new Hyperparams(hidden, inputDropout, hiddenDropout, momentum, peakLr, warmupShare, batchSize, epochs,
                    degrees, shift, zoom, shear, elasticAlpha, elasticSigma, n);
        }
    }

    /**
     * What this lesson found: the recipe's final model (the one after the last epoch, fixed in
     * advance), or the committee of such models, measured once on the test set. Nothing is chosen
     * here: the recipe was chosen on validation data before (see the README), the committee's size
     * fixed by the time budget.
     *
     * @param testAccuracy    share of the test images the final model (or committee) classifies correctly, in [0, 1]
     * @param testErrors      test images it gets wrong
     * @param testImages      test images measured (10,000 for MNIST, 1,000 in smoke mode)
     * @param testLoss        mean cross-entropy of the final model (or committee) on the test images, in nats
     * @param architecture    the layer widths from pixels to classes, e.g. {@code 784-1024-1024-10}
     * @param parameters      weights and biases of the network
     * @param configuration   the recipe in one line: network, dropout, augmentation and the schedule's peak
     * @param epochs          passes over the training images
     * @param trainingSeconds wall-clock seconds of the training steps, evaluation not included; depends on the
     *                        machine and on what else runs on it
     * @param recipeChoice    whether this recipe is the one {@code --select} chose on validation data, naming the
     *                        chosen candidate and its validation accuracy; or, when no choice is kept, the command
     *                        that makes it ({@link RecipeChoice})
     * @param members         networks in the committee (1: a single network)
     * @param memberTestAccuracyMean the members' own test accuracies, averaged (the single network's for one)
     * @param memberTestAccuracyBest the best member's own test accuracy
     */
    public record Results(double testAccuracy, int testErrors, int testImages, double testLoss, String architecture,
                   long parameters, String configuration, int epochs, double trainingSeconds, String recipeChoice,
                   int members, double memberTestAccuracyMean, double memberTestAccuracyBest)
            implements LessonResults {}

    /** The lesson: its folder, title, knobs and experiment. */
    public static final LessonDefinition<Hyperparams, Results> LESSON = new LessonDefinition<>("12-towards-99", "Towards 99%",
            Hyperparams.class, Hyperparams::defaults, Results.class, TowardsNinetyNine::run);

    /**
     * Runs the lesson with the knobs given as flags or in a knob file ({@code --help} lists them);
     * with {@code --select}, makes the choice of the recipe on validation data instead; with
     * {@code --validate}, tries the knobs given on validation data ({@link ValidationTry}).
     */
    public static void main(String[] args) {
        if (ValidationTry.requested(args)) {
            Lesson.launch(args, LESSON, ValidationTry::execute);
        } else if (RecipeSelection.requested(args)) {
            Lesson.launch(args, LESSON, RecipeSelection::execute);
        } else {
            Lesson.launch(args, LESSON);
        }
    }

    static Results run(Lesson lesson, Hyperparams hp) {

        // ---------------------------------------------------------------- 1. the data
        lesson.section("1. The data: all training images, inputs in [0, 1]");
        TrainTest data = lesson.data();
        RunData runData = RunData.withoutValidation(data);             // the recipe was chosen beforehand, on validation data
        Dataset train = runData.train();
        Dataset test = runData.test();
        lesson.out().printf("%d training and %d test images; pixel value = grey level / 255%n", train.size(), test.size());

        // ---------------------------------------------------------------- 2. the recipe, up close
        lesson.section("2. The recipe: every knob of lessons 02-11");
        Recipe recipe = recipe(hp, lesson.seed(), train.size());
        Distortions distortions = hp.distortions();
        int steps = recipe.totalSteps(train.size());
        lesson.table(recipeTable(hp, steps));
        lesson.out().println(recipe.describe());
        showAugmentation(lesson, train, distortions);

        // ---------------------------------------------------------------- 3. training
        lesson.section("3. Training: " + Words.epochs(hp.epochs()) + " over all " + train.size() + " training images"
                + (hp.members() > 1 ? ", " + hp.members() + " networks one after another" : ""));
        CommitteeRun committee = CommitteeRun.train(lesson, recipe, hp.members(), runData, runsFolder(lesson.options()));
        Recipe.Run run = committee.members().get(0);                   // member 1: the lesson's seed
        Sequential model = run.model();
        History history = run.history();
        Predictions predictions = committee.test();                    // after the last epoch; averaged over members
        lesson.out().printf("test accuracy %.2f%%: %d errors out of %d%s%n", 100 * predictions.accuracy(),
                predictions.errors(), predictions.size(), hp.members() > 1 ? " (the committee of " + hp.members() + ")" : "");

        // ---------------------------------------------------------------- 4. the saved model, loaded back
        lesson.section("4. Saving the model");
        save(lesson, MODEL_FILE, run, hp, train, test);                 // member 1: the site and the ONNX exporter read one network
        if (hp.members() > 1) {
            copy(lesson, MODEL_FILE, "member-1.knobs");                 // checked once, copied byte for byte
            for (int k = 1; k < hp.members(); k++) {
                save(lesson, "member-" + (k + 1) + ".knobs", committee.members().get(k), hp, train, test);
            }
        }
        Map<String, Object> answers = new LinkedHashMap<>();
        answers.put("labels", predictions.labels());
        answers.put("predicted", predictions.predicted());
        lesson.json("test-predictions", answers);

        // ---------------------------------------------------------------- 5. results
        lesson.section("5. Results");
        String memberOne = hp.members() > 1 ? " The curves are member 1's, of the committee of " + hp.members() + "." : "";
        String committeeOnes = hp.members() > 1 ? " The answers are the committee's." : "";
        TowardsNinetyNineCharts.loss(lesson, history, distortions, hp.dropout(), memberOne);
        TowardsNinetyNineCharts.accuracy(lesson, history, memberOne);
        TowardsNinetyNineCharts.error(lesson, history, memberOne);
        TowardsNinetyNineCharts.learningRate(lesson, history.stepLearningRates(), hp.warmupShare(), memberOne);
        TextTable perEpoch = new TextTable(recipe.label() + (hp.members() > 1 ? ", member 1" : "") + ", per epoch", "epoch", "learning rate (end)", "train loss",
                "train accuracy", "test loss", "test accuracy", "seconds");
        for (EpochRecord e : history.epochs()) {
            perEpoch.row(e.epoch(), String.format("%.5f", e.learningRate()), f4(e.trainLoss()), pct(e.trainAccuracy()),
                    f4(e.testLoss()), pct(e.testAccuracy()), String.format("%.1f", e.seconds()));
        }
        lesson.table(perEpoch);
        lesson.json("history", history);

        ConfusionMatrix confusion = ConfusionMatrix.of(predictions);
        lesson.out().print(confusion);
        TowardsNinetyNineCharts.confusionMatrix(lesson, confusion, committeeOnes);
        TowardsNinetyNineCharts.confusionErrors(lesson, confusion, committeeOnes);
        lesson.json("confusion-matrix", confusionJson(confusion));
        List<TopErrors.ErrorCase> errors = TopErrors.byMargin(predictions, ERRORS_SHOWN);
        if (!errors.isEmpty()) {
            TowardsNinetyNineCharts.errors(lesson, test, errors, predictions.errors(), committeeOnes);
            lesson.json("errors", errors);
        }

        String configuration = recipe.label() + ", " + (hp.dropout() ? "dropout " + hp.hiddenDropout() : "no dropout")
                + ", " + distortions.inShort() + ", one-cycle " + hp.peakLr();
        double seconds = committee.members().stream().mapToDouble(m -> m.history().seconds()).sum();
        if (hp.members() > 1) {
            lesson.table(committeeTable(committee));
        }
        TextTable summary = new TextTable("Towards 99%: the final run", "configuration", "epochs", "parameters",
                "test accuracy", "test errors", "training time");
        summary.row(configuration + (hp.members() > 1 ? ", a committee of " + hp.members() : ""), hp.epochs(),
                String.format("%,d", model.parameterCount()), pct(predictions.accuracy()), predictions.errors(),
                String.format("%.0f s", seconds));
        lesson.table(summary);
        String recipeChoice = RecipeChoice.of(runsFolder(lesson.options()), lesson.mode(), hp);
        lesson.out().println(recipeChoice);
        lesson.metric("test_accuracy", predictions.accuracy());
        lesson.metric("test_errors", predictions.errors());
        lesson.metric("test_loss", predictions.loss());
        lesson.metric("epochs", hp.epochs());
        lesson.metric("parameters", model.parameterCount());
        lesson.metric("training_seconds", seconds);
        double best = committee.members().stream().mapToDouble(Recipe.Run::testAccuracy).max().orElseThrow();
        if (hp.members() > 1) {
            lesson.metric("members", hp.members());
            lesson.metric("member_test_accuracy_mean", committee.memberAccuracyMean());
            lesson.metric("member_test_accuracy_best", best);
        }
        lesson.headline(String.format("A %s %s, trained on %s with %s, Nesterov momentum and a one-cycle schedule, "
                        + "reaches %s test accuracy (%d errors in %,d) after %s.",
                hp.members() > 1 ? "committee of " + hp.members() + " fully connected" : "fully connected", recipe.label()
                        + (hp.members() > 1 ? " networks, their probabilities averaged" : " network"),
                distortions.any() ? "augmented digits" : "undistorted digits", hp.dropout() ? "dropout" : "no dropout",
                pct(predictions.accuracy()), predictions.errors(), test.size(),
                Words.epochs(hp.epochs())));
        lesson.chose(recipe.label(), run.history(), model, metadata(recipe, hp, train, run.test(), model));
        committee.finished();
        return new Results(predictions.accuracy(), predictions.errors(), predictions.size(), predictions.loss(),
                recipe.label(), model.parameterCount(), configuration, hp.epochs(), seconds, recipeChoice,
                hp.members(), committee.memberAccuracyMean(), best);
    }

    /**
     * Saves one trained network as {@code name} and loads it back: it must give the same answer on
     * every test image, or the file is not a faithful copy.
     */
    private static void save(Lesson lesson, String name, Recipe.Run member, Hyperparams hp, Dataset train, Dataset test) {
        Path file = lesson.file(name);
        Sequential model = member.model();
        ModelFile.save(model, metadata(member.recipe(), hp, train, member.test(), model), file);
        int disagreements = disagreements(ModelFile.load(file).model(), test, member.test());
        if (disagreements > 0) {
            throw new IllegalStateException("the saved model disagrees with the trained one on " + disagreements
                    + " test images: " + file + " is not a faithful copy");
        }
        lesson.out().printf("saved %s (%,d parameters) to %s; loaded back, it gives the same answer on all %d test "
                + "images%n", member.recipe().label(), model.parameterCount(), lesson.outputDir().resolve(name), test.size());
    }

    /** Copies the output file {@code from} to {@code to} (both in the run's staging folder, moved in as a whole). */
    private static void copy(Lesson lesson, String from, String to) {
        try {
            Files.copy(lesson.file(from), lesson.file(to), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("could not copy " + lesson.file(from) + " to " + to + ": " + e.getMessage(), e);
        }
        lesson.out().printf("copied %s to %s%n", from, lesson.outputDir().resolve(to));
    }

    /** Each member's test accuracy, then the committee's: what averaging the probabilities gains. */
    private static TextTable committeeTable(CommitteeRun committee) {
        TextTable t = new TextTable("The committee", "network", "seed", "test accuracy", "test errors", "test loss");
        List<Recipe.Run> members = committee.members();
        for (int k = 0; k < members.size(); k++) {
            Predictions p = members.get(k).test();
            t.row("member " + (k + 1), members.get(k).recipe().seed(), pct(p.accuracy()), p.errors(), f4(p.loss()));
        }
        Predictions c = committee.test();
        t.row("committee: mean of the " + members.size() + " members' probabilities", "", pct(c.accuracy()), c.errors(),
                f4(c.loss()));
        return t;
    }

    /**
     * The recipe these knobs describe, for a run over {@code trainingImages} images (the one-cycle
     * schedule spans all of its steps). The one place a lesson-12 network and its training are put
     * together: the standard run trains what it returns, so does every candidate of {@code --select},
     * and so does every trial of lesson 13's search, which runs this lesson.
     */
    static Recipe recipe(Hyperparams hp, long seed, int trainingImages) {
        Mlp network = new Mlp(hp.widths(), "relu", hp.inputDropout(), new float[] {hp.hiddenDropout()}, new HeNormal());
        Recipe recipe = Recipe.BASELINE.withLabel(Mlp.architecture(hp.widths())).withNetwork(network)
                .withOptimizer(new Nesterov(hp.momentum())).withBatchSize(hp.batchSize()).withEpochs(hp.epochs())
                .withAugmentation(hp.distortions().transform()).withSeed(seed);
        return recipe.withStepSchedule(new OneCycle(hp.peakLr(), recipe.totalSteps(trainingImages), hp.warmupShare(),
                25f, 1e3f));
    }

    /** Where this lesson keeps its runs, {@code runs/select} among them: {@code --runs-dir}, else the lesson's own. */
    static Path runsFolder(LessonOptions options) {
        return options.runsDir() != null ? options.runsDir() : Lesson.runsFolder(LESSON.id());
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
        t.row("dropout", "input " + hp.inputDropout() + ", hidden " + hp.hiddenDropout(), hp.dropout()
                ? "a wide net memorises; dropout makes every unit useful on its own (Srivastava et al. 2014). "
                        + "Augmentation already perturbs the pixels, so light hidden dropout and none on the input did "
                        + "best on validation data"
                : "none: on strong distortions over a long run the network does not memorise, and dropout only "
                        + "held it back (the full run's tries on validation data, in the README)", "07");
        t.row("augmentation", hp.distortions().describe(),
                "an MLP has no notion of neighbouring pixels; it must see digits move and bend to learn "
                        + "that they stay the same digit (Simard et al. 2003)", "08");
        t.row("architecture", Mlp.architecture(hp.widths()), "wide enough to use all that augmented data; on validation "
                + "data a third hidden layer did not help, and twice the width helped little for three times the "
                + "cost per epoch", "09");
        t.row("learning rate", String.format("one-cycle: %.4f up to %.2f over %.0f%% of %d steps, then down to %.1e",
                        hp.peakLr() / 25, hp.peakLr(), 100 * hp.warmupShare(), steps, hp.peakLr() / 25 / 1e3),
                "high rates in the middle explore and regularise, the long descent settles (Smith 2018)", "10");
        t.row("epochs", hp.epochs(), "as many as fit the time budget (6 minutes on 2 cores for the standard run, "
                + "under an hour for the full one); "
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

    /**
     * Ten training digits and three random variants of each, as the network sees them; with
     * nothing to distort there is nothing to show.
     */
    private static void showAugmentation(Lesson lesson, Dataset train, Distortions distortions) {
        if (!distortions.any()) {
            lesson.out().println("no augmentation: the network trains on the digits as they are");
            return;
        }
        int originals = 10;
        int variants = 3;
        ImageTransform augmentation = distortions.transform();
        float[] x = Arrays.copyOf(train.x(), originals * train.features());
        List<float[]> versions = new ArrayList<>();
        for (int v = 0; v < variants; v++) {
            float[] out = new float[x.length];
            new Augmenter(augmentation, lesson.seed()).augment(x, originals, train.height(), train.width(), v, 0, out);
            versions.add(out);
        }
        TowardsNinetyNineCharts.augmented(lesson, train, x, Arrays.copyOf(train.labels(), originals), versions,
                distortions);
    }

    /** How many test images the loaded model answers differently from the trained one: 0 for a faithful copy. */
    private static int disagreements(Sequential loaded, Dataset test, Predictions trained) {
        Predictions again = Evaluator.evaluate(loaded, test);
        int n = 0;
        for (int i = 0; i < test.size(); i++) {
            n += again.predicted()[i] != trained.predicted()[i] ? 1 : 0;
        }
        return n;
    }

    /** The confusion matrix as {@code confusion-matrix.json} holds it, rows and columns named. */
    private static Map<String, Object> confusionJson(ConfusionMatrix confusion) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("rows", "true digit");
        json.put("columns", "predicted digit");
        json.put("counts", confusion.counts());
        return json;
    }

    private static String f4(double v) {
        return String.format("%.4f", v);
    }
}
