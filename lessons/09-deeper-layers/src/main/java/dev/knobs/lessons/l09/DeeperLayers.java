package dev.knobs.lessons.l09;

import dev.knobs.exercises.l09.LayerStack;
import dev.knobs.lessons.common.CompilerWarmUp;
import dev.knobs.lessons.common.Knob;
import dev.knobs.lessons.common.Lesson;
import dev.knobs.lessons.common.LessonDefinition;
import dev.knobs.lessons.common.LessonResults;
import dev.knobs.lessons.common.Mode;
import dev.knobs.lessons.common.Parts;
import dev.knobs.lessons.common.Percent;
import dev.knobs.lessons.common.TextTable;
import dev.knobs.lessons.common.UsageException;
import dev.knobs.lessons.common.Words;
import dev.knobs.nn.data.Dataset;
import dev.knobs.nn.data.RunData;
import dev.knobs.nn.init.HeNormal;
import dev.knobs.nn.layer.Mlp;
import dev.knobs.nn.metrics.EpochRecord;
import dev.knobs.nn.train.Recipe;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Lesson 09, depth and width. Changes from lesson 08: the training images are no longer augmented
 * and there is no dropout (both pay off only over many epochs, which a grid of networks cannot
 * afford); instead the number of hidden layers and their width change, from 1 to 5 layers and
 * from 128 to 1,024 units (2,048 in full mode).
 *
 * <p>Each network is trained the same way (the baseline recipe: momentum 0.9, rate 0.05, batches
 * of 128), and we compare what it costs (parameters, seconds) with what it gives (validation
 * accuracy). The lesson then chooses a network with at least three layers of weights, as the
 * assignment asks: the cheapest one whose validation accuracy is within one standard error of the
 * best (or, if none comes that close, the most accurate of them). Read it next to the lesson's
 * README.md.
 *
 * <p>Run: {@code mvn -pl lessons/09-deeper-layers exec:java} (add
 * {@code -Dexec.args="--mode smoke"} for a seconds-long run).
 */
public final class DeeperLayers {
    private DeeperLayers() {}

    /**
     * The knobs of this lesson, each with its reason.
     *
     * @param depths        numbers of hidden layers to try at {@code depthWidth}: 1 to 5 is where MLPs on MNIST
     *                      stop improving (Ciresan et al. 2010 went to 5 hidden layers, with months of GPU time)
     * @param depthWidth    256 units per hidden layer for the depth sweep: wide enough not to be the bottleneck
     * @param widths        hidden-layer widths to try at {@code widthDepth}, doubling from 128: the cost grows with
     *                      the square of the width, so doubling covers the range in few steps; 2,048 only in full
     *                      mode (5.8 million parameters, 14 times the largest standard network)
     * @param widthDepth    2 hidden layers for the width sweep: the smallest depth that gives three layers of weights
     * @param lr            the baseline's constant 0.05 (momentum 0.9), the same for every network so that only
     *                      the shape differs
     * @param hiddenDropout 0: no dropout, which pays off only over more epochs than a grid of networks can afford
     *                      (lesson 07); a rate here applies after every hidden layer of every network
     * @param trainSize     20,000 training images in standard mode, to afford 8 networks in 3 minutes; full mode
     *                      uses all 55,000 (5,000 are held out for validation in every mode)
     * @param epochs        4 in standard mode: enough to rank the networks, not to finish training them (full: 10)
     */
    record Hyperparams(int[] depths, int depthWidth, int[] widths, int widthDepth, float lr, float hiddenDropout,
                       int trainSize, int epochs) {
        static Hyperparams defaults(Mode mode) {
            int epochs = mode.pick(1, 4, 10);
            return switch (mode) {
                case SMOKE -> new Hyperparams(new int[] {1, 2, 3}, 64, new int[] {32, 64, 128}, 2, 0.05f, 0f, 20_000,
                        epochs);
                case STANDARD -> new Hyperparams(new int[] {1, 2, 3, 4, 5}, 256, new int[] {128, 256, 512, 1024}, 2,
                        0.05f, 0f, 20_000, epochs);
                case FULL -> new Hyperparams(new int[] {1, 2, 3, 4, 5}, 256, new int[] {128, 256, 512, 1024, 2048}, 2,
                        0.05f, 0f, 55_000, epochs);
            };
        }

        Hyperparams {
            if (Arrays.stream(depths).max().orElse(0) < 2 && widthDepth < 2) {
                throw new UsageException("the lesson chooses a network with at least 2 hidden layers (three layers of "
                        + "weights), so --depths needs a value of 2 or more, or --width-depth must be 2 or more; got "
                        + "--depths " + Knob.format(depths) + " and --width-depth " + widthDepth);
            }
        }

        /** The networks to train: deeper at {@code depthWidth}, then wider at {@code widthDepth}, each once. */
        Set<Architecture> grid() {
            Set<Architecture> grid = new LinkedHashSet<>();
            for (int depth : depths) {
                grid.add(new Architecture(depth, depthWidth));
            }
            for (int width : widths) {
                grid.add(new Architecture(widthDepth, width));
            }
            return grid;
        }
    }

    /**
     * A multilayer perceptron with {@code hiddenLayers} hidden layers of {@code width} ReLU units
     * between 784 inputs and 10 outputs.
     */
    record Architecture(int hiddenLayers, int width) {
        int[] widths() {
            int[] w = new int[hiddenLayers + 2];
            w[0] = 784;
            for (int i = 1; i <= hiddenLayers; i++) {
                w[i] = width;
            }
            w[hiddenLayers + 1] = 10;
            return w;
        }

        /** Weights and biases: {@code 784·w + w  +  (L-1)·(w·w + w)  +  10·w + 10}. */
        long parameters() {
            long w = width;
            return 784 * w + w + (hiddenLayers - 1) * (w * w + w) + 10 * w + 10;
        }

        String label() {
            StringBuilder s = new StringBuilder("784");
            for (int i = 0; i < hiddenLayers; i++) {
                s.append('-').append(width);
            }
            return s.append("-10").toString();
        }
    }

    /**
     * What one network cost and gave, for the table and {@code sweep.json}.
     *
     * @param trainSeconds        all epochs' training steps, without evaluation
     * @param fastestEpochSeconds the quickest epoch: on a shared machine other programs slow some epochs down,
     *                            the quickest one is closest to what the network itself costs
     */
    record Outcome(String architecture, int hiddenLayers, int width, long parameters, double trainSeconds,
                   double fastestEpochSeconds, double trainAccuracy, double validationAccuracy, double testAccuracy,
                   String diverged) {
        boolean finished() {
            return diverged == null;
        }
    }

    /**
     * What this lesson found. Accuracies are shares in [0, 1], measured after the last epoch.
     *
     * @param testAccuracy                 test accuracy of the chosen network
     * @param chosenArchitecture           the chosen network's layer widths, e.g. {@code 784-512-512-10}
     * @param chosenHiddenLayers           its hidden layers (2 or more: three or more layers of weights)
     * @param chosenWidth                  units in each of its hidden layers
     * @param chosenParameters             its weights and biases
     * @param chosenValidationAccuracy     its accuracy on the validation images, which chose it
     * @param chosenWithinOneStandardError true when it was chosen as the cheapest network within one standard
     *                                     error of the best validation accuracy; false when no network with 2+
     *                                     hidden layers came that close and the most accurate of them was taken
     * @param bestArchitecture             the network with the best validation accuracy, of any depth
     * @param bestValidationAccuracy       that best validation accuracy
     * @param validationStandardError      the standard error of the best validation accuracy, √(p(1-p)/n) on the
     *                                     n validation images: the tolerance of the choice
     * @param networksCompared             networks trained (the two sweeps share one)
     * @param epochs                       epochs each network trained
     * @param trainingImages               training images each network saw per epoch
     */
    public record Results(double testAccuracy, String chosenArchitecture, int chosenHiddenLayers, int chosenWidth,
                   long chosenParameters, double chosenValidationAccuracy, boolean chosenWithinOneStandardError,
                   String bestArchitecture, double bestValidationAccuracy, double validationStandardError,
                   int networksCompared, int epochs, int trainingImages) implements LessonResults {}

    /** The lesson: its folder, title, knobs and experiment. */
    public static final LessonDefinition<Hyperparams, Results> LESSON = new LessonDefinition<>("09-deeper-layers", "Depth and width",
            Hyperparams.class, Hyperparams::defaults, Results.class, DeeperLayers::run)
            .withExercises(() -> Parts.library().withNetwork("09.1 a network of configurable depth (LayerStack)",
                    LayerStack::build));

    /** Runs the lesson with the knobs given as flags or in a knob file ({@code --help} lists them). */
    public static void main(String[] args) {
        Lesson.launch(args, LESSON);
    }

    static Results run(Lesson lesson, Hyperparams hp) {

        // ---------------------------------------------------------------- 1. the data
        lesson.section("1. The data");
        RunData all = RunData.withValidation(lesson.data(), lesson.seed());
        RunData data = all.withFirstTrainingImages(hp.trainSize());
        Dataset train = data.train();
        lesson.out().printf("%,d training images (of %,d available), %,d validation images for choosing, %,d test images%n",
                train.size(), all.train().size(), data.validation().size(), data.test().size());

        // ---------------------------------------------------------------- 2. the knob up close: the networks
        lesson.section("2. The networks: deeper at width " + hp.depthWidth() + ", wider at depth " + hp.widthDepth());
        Set<Architecture> grid = hp.grid();
        for (Architecture a : grid) {
            lesson.out().printf("  %-28s %d hidden, %,11d parameters%n", a.label(), a.hiddenLayers(), a.parameters());
        }

        // ---------------------------------------------------------------- 3. training every network
        Recipe base = Recipe.BASELINE.withRate(hp.lr()).withEpochs(hp.epochs()).withSeed(lesson.seed());
        lesson.section("3. Training " + grid.size() + " networks, " + Words.epochs(hp.epochs()) + " each, otherwise as the "
                + "baseline (" + base.optimizer().name() + ", " + base.schedule().name() + ", batch " + base.batchSize()
                + ", seed " + base.seed() + ")");
        CompilerWarmUp.run(base, data, lesson);
        List<Outcome> outcomes = new ArrayList<>();
        List<Recipe.Run> trained = new ArrayList<>();
        for (Architecture a : grid) {
            Mlp network = new Mlp(a.widths(), "relu", 0f, new float[] {hp.hiddenDropout()}, new HeNormal());
            Recipe recipe = base.withLabel(a.label()).withNetwork(network);
            Recipe.Run run = recipe.train(data, lesson.progress(recipe), lesson.parts());
            if (run.model().parameterCount() != a.parameters()) {
                throw new IllegalStateException("parameter formula gives " + a.parameters() + " for " + a.label()
                        + " but the built network has " + run.model().parameterCount());
            }
            trained.add(run);
            outcomes.add(outcome(a, run));
        }

        // ---------------------------------------------------------------- 4. the choice, on validation data
        lesson.section("4. The choice: at least three layers of weights, by validation accuracy and cost");
        Outcome best = outcomes.stream().filter(Outcome::finished)
                .max(Comparator.comparingDouble(Outcome::validationAccuracy)).orElseThrow(() -> new IllegalArgumentException(
                        "every network diverged (its loss became infinite): try a lower --lr or fewer hidden layers"));
        int validationSize = data.validation().size();
        double standardError = Math.sqrt(best.validationAccuracy() * (1 - best.validationAccuracy()) / validationSize);
        List<Outcome> deepEnough = outcomes.stream().filter(o -> o.finished() && o.hiddenLayers() >= 2).toList();
        Outcome cheapestClose = null;
        for (Outcome o : deepEnough) {
            if (o.validationAccuracy() >= best.validationAccuracy() - standardError
                    && (cheapestClose == null || o.parameters() < cheapestClose.parameters())) {
                cheapestClose = o;
            }
        }
        boolean withinOneStandardError = cheapestClose != null;
        Outcome chosen = withinOneStandardError ? cheapestClose : deepEnough.stream()
                .max(Comparator.comparingDouble(Outcome::validationAccuracy)).orElseThrow(() -> new IllegalArgumentException(
                        "every network with 2 or more hidden layers diverged: try a lower --lr or fewer hidden layers"));
        lesson.out().printf("best validation accuracy: %s (%s); one standard error on %,d validation images: %.2f points%n",
                pct(best.validationAccuracy()), best.architecture(), validationSize, 100 * standardError);
        lesson.out().printf("chosen: %s, %s:%n        %,d parameters, %.1f s of training, validation %s, test %s%n",
                chosen.architecture(), withinOneStandardError
                        ? "the cheapest network with 2+ hidden layers within one standard error of the best"
                        : "the most accurate network with 2+ hidden layers (none was within one standard error of the best)",
                chosen.parameters(), chosen.trainSeconds(), pct(chosen.validationAccuracy()), pct(chosen.testAccuracy()));
        Recipe.Run chosenRun = trained.get(outcomes.indexOf(chosen));
        lesson.chose(chosen.architecture(), chosenRun.history(), chosenRun.model());

        // ---------------------------------------------------------------- 5. results
        lesson.section("5. Results: parameters, time and accuracy");
        TextTable table = new TextTable("Depth and width, " + Words.epochs(hp.epochs()) + " on " + String.format("%,d",
                train.size()) + " images", "network", "hidden layers", "width", "parameters", "training seconds",
                "fastest epoch (s)", "train accuracy", "validation accuracy", "test accuracy");
        for (Outcome o : outcomes) {
            table.row(o.architecture(), o.hiddenLayers(), o.width(), String.format("%,d", o.parameters()),
                    String.format("%.1f", o.trainSeconds()), String.format("%.2f", o.fastestEpochSeconds()),
                    pct(o.trainAccuracy()), o.finished() ? pct(o.validationAccuracy()) : "diverged", pct(o.testAccuracy()));
        }
        lesson.table(table);
        lesson.json("sweep", outcomes);
        lesson.json("histories", trained.stream().map(Recipe.Run::history).toList());
        List<Outcome> deeper = line(outcomes, o -> o.width() == hp.depthWidth());
        List<Outcome> wider = line(outcomes, o -> o.hiddenLayers() == hp.widthDepth());
        DeeperLayersCharts.accuracyVsParameters(lesson, deeper, wider);
        DeeperLayersCharts.accuracyVsSeconds(lesson, deeper, wider);
        DeeperLayersCharts.secondsVsParameters(lesson, deeper, wider);

        lesson.metric("configs_compared", outcomes.size());
        lesson.metric("chosen_hidden_layers", chosen.hiddenLayers());
        lesson.metric("chosen_width", chosen.width());
        lesson.metric("chosen_parameters", chosen.parameters());
        lesson.metric("chosen_validation_accuracy", chosen.validationAccuracy());
        lesson.metric("chosen_test_accuracy", chosen.testAccuracy());
        lesson.metric("best_validation_accuracy", best.validationAccuracy());
        lesson.metric("validation_standard_error", standardError);
        lesson.metric("epochs", hp.epochs());
        lesson.metric("training_images", train.size());
        lesson.headline(String.format("Of %s with %s hidden layers of %s units (%s on %,d images), %s (%,d parameters) "
                        + "is the %s with 3+ layers of weights%s; it reaches %s on the test set.",
                count(outcomes.size(), "network", "networks"),
                range(outcomes.stream().mapToInt(Outcome::hiddenLayers).min().orElseThrow(),
                        outcomes.stream().mapToInt(Outcome::hiddenLayers).max().orElseThrow()),
                range(outcomes.stream().mapToInt(Outcome::width).min().orElseThrow(),
                        outcomes.stream().mapToInt(Outcome::width).max().orElseThrow()),
                Words.epochs(hp.epochs()), train.size(), chosen.architecture(), chosen.parameters(),
                withinOneStandardError ? "cheapest" : "most accurate on validation data",
                withinOneStandardError ? " within one standard error of the best validation accuracy" : "",
                pct(chosen.testAccuracy())));
        return new Results(chosen.testAccuracy(), chosen.architecture(), chosen.hiddenLayers(), chosen.width(),
                chosen.parameters(), chosen.validationAccuracy(), withinOneStandardError, best.architecture(),
                best.validationAccuracy(), standardError, outcomes.size(), hp.epochs(), train.size());
    }

    /** What a trained network cost and gave; NaN accuracies if it diverged. */
    private static Outcome outcome(Architecture a, Recipe.Run run) {
        boolean finished = run.diverged() == null;
        EpochRecord last = finished ? run.history().last() : null;
        double fastest = run.history().epochs().stream().mapToDouble(EpochRecord::seconds).min().orElse(Double.NaN);
        return new Outcome(a.label(), a.hiddenLayers(), a.width(), a.parameters(), run.history().seconds(), fastest,
                finished ? last.trainAccuracy() : Double.NaN, finished ? last.validationAccuracy() : Double.NaN,
                finished ? last.testAccuracy() : Double.NaN, run.diverged());
    }

    /** The networks of one sweep, smallest first: a line through the grid. */
    private static List<Outcome> line(List<Outcome> outcomes, Predicate<Outcome> onTheLine) {
        return outcomes.stream().filter(onTheLine).sorted(Comparator.comparingLong(Outcome::parameters)).toList();
    }

    /** "1 to 5", or "2" when both ends are the same, with thousands separated: "128 to 1,024". */
    static String range(int low, int high) {
        return low == high ? String.format("%,d", low) : String.format("%,d to %,d", low, high);
    }

    private static String count(int n, String one, String many) {
        return n + " " + (n == 1 ? one : many);
    }

    private static String pct(double fraction) {
        return Double.isNaN(fraction) ? "-" : Percent.pct(fraction);
    }
}
