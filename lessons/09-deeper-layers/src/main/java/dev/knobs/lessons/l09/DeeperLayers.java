package dev.knobs.lessons.l09;

import dev.knobs.lessons.common.CompilerWarmUp;
import dev.knobs.lessons.common.Lesson;
import dev.knobs.lessons.common.LessonDefinition;
import dev.knobs.lessons.common.LessonResults;
import dev.knobs.lessons.common.Mode;
import dev.knobs.lessons.common.Percent;
import dev.knobs.lessons.common.Plots;
import dev.knobs.lessons.common.TextTable;
import dev.knobs.nn.data.Dataset;
import dev.knobs.nn.data.RunData;
import dev.knobs.nn.init.HeNormal;
import dev.knobs.nn.layer.Mlp;
import dev.knobs.nn.metrics.EpochRecord;
import dev.knobs.nn.metrics.History;
import dev.knobs.nn.train.Recipe;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.ToDoubleFunction;
import org.knowm.xchart.XYChart;

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
 * best. Read it next to the lesson's README.md.
 *
 * <p>Run: {@code mvn -pl lessons/09-deeper-layers exec:java} (add
 * {@code -Dexec.args="--mode smoke"} for a seconds-long run).
 */
public final class DeeperLayers {
    private DeeperLayers() {}

    /**
     * The knobs of this lesson, each with its reason.
     *
     * @param depths      numbers of hidden layers to try at {@code depthWidth}: 1 to 5 is where MLPs on MNIST
     *                    stop improving (Ciresan et al. 2010 went to 5 hidden layers, with months of GPU time)
     * @param depthWidth  256 units per hidden layer for the depth sweep: wide enough not to be the bottleneck
     * @param widths      hidden-layer widths to try at {@code widthDepth}, doubling from 128: the cost grows with
     *                    the square of the width, so doubling covers the range in few steps; 2,048 only in full
     *                    mode (5.8 million parameters, 14 times the largest standard network)
     * @param widthDepth  2 hidden layers for the width sweep: the smallest depth that gives three layers of weights
     * @param trainSize 20,000 training images in standard mode, to afford 8 networks in 3 minutes; full mode
     *                    uses all 55,000 (5,000 are held out for validation in every mode)
     * @param epochs      4 in standard mode: enough to rank the networks, not to finish training them (full: 10)
     */
    record Hyperparams(int[] depths, int depthWidth, int[] widths, int widthDepth, int trainSize, int epochs) {
        static Hyperparams defaults(Mode mode) {
            int epochs = mode.pick(1, 4, 10);
            return switch (mode) {
                case SMOKE -> new Hyperparams(new int[] {1, 2, 3}, 64, new int[] {32, 64, 128}, 2, 20_000, epochs);
                case STANDARD -> new Hyperparams(new int[] {1, 2, 3, 4, 5}, 256, new int[] {128, 256, 512, 1024}, 2,
                        20_000, epochs);
                case FULL -> new Hyperparams(new int[] {1, 2, 3, 4, 5}, 256, new int[] {128, 256, 512, 1024, 2048}, 2,
                        55_000, epochs);
            };
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
                   String diverged) {}

    /**
     * What this lesson found.
     *
     * @param testAccuracy test accuracy of the configuration chosen on validation data
     */
    record Results(double testAccuracy) implements LessonResults {}

    /** The lesson: its folder, title, knobs and experiment. */
    public static final LessonDefinition<Hyperparams, Results> LESSON = new LessonDefinition<>("09-deeper-layers", "Depth and width",
            Hyperparams.class, Hyperparams::defaults, Results.class, DeeperLayers::run);

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

        // ---------------------------------------------------------------- 2. the grid
        lesson.section("2. The networks: deeper at width " + hp.depthWidth() + ", wider at depth " + hp.widthDepth());
        Set<Architecture> grid = new LinkedHashSet<>();
        for (int depth : hp.depths()) {
            grid.add(new Architecture(depth, hp.depthWidth()));
        }
        for (int width : hp.widths()) {
            grid.add(new Architecture(hp.widthDepth(), width));
        }
        for (Architecture a : grid) {
            lesson.out().printf("  %-28s %d hidden, %,11d parameters%n", a.label(), a.hiddenLayers(), a.parameters());
        }

        // ---------------------------------------------------------------- 3. training every network
        Recipe base = Recipe.BASELINE.withEpochs(hp.epochs()).withSeed(lesson.seed());
        lesson.section("3. Training " + grid.size() + " networks, " + hp.epochs() + " epochs each, otherwise as the baseline ("
                + base.optimizer().name() + ", " + base.schedule().name() + ", batch " + base.batchSize() + ", seed "
                + base.seed() + ")");
        CompilerWarmUp.run(base, data, lesson);
        List<Outcome> outcomes = new ArrayList<>();
        List<History> histories = new ArrayList<>();
        List<Recipe.Run> trained = new ArrayList<>();
        for (Architecture a : grid) {
            Recipe recipe = base.withLabel(a.label()).withNetwork(Mlp.relu(new HeNormal(), a.widths()));
            Recipe.Run run = recipe.train(data, lesson.progress(recipe));
            if (run.model().parameterCount() != a.parameters()) {
                throw new IllegalStateException("parameter formula gives " + a.parameters() + " for " + a.label()
                        + " but the built network has " + run.model().parameterCount());
            }
            histories.add(run.history());
            trained.add(run);
            boolean finished = run.diverged() == null;
            EpochRecord last = finished ? run.history().last() : null;
            double fastest = run.history().epochs().stream().mapToDouble(EpochRecord::seconds).min().orElse(Double.NaN);
            outcomes.add(new Outcome(a.label(), a.hiddenLayers(), a.width(), a.parameters(), run.history().seconds(), fastest,
                    finished ? last.trainAccuracy() : Double.NaN, finished ? last.validationAccuracy() : Double.NaN,
                    finished ? last.testAccuracy() : Double.NaN, run.diverged()));
        }

        // ---------------------------------------------------------------- 4. results
        lesson.section("4. Results: parameters, time and accuracy");
        TextTable table = new TextTable("Depth and width, " + hp.epochs() + " epochs on " + String.format("%,d", train.size())
                + " images", "network", "hidden layers", "width", "parameters", "training seconds", "fastest epoch (s)",
                "train accuracy", "validation accuracy", "test accuracy");
        for (Outcome o : outcomes) {
            table.row(o.architecture(), o.hiddenLayers(), o.width(), String.format("%,d", o.parameters()),
                    String.format("%.1f", o.trainSeconds()), String.format("%.2f", o.fastestEpochSeconds()),
                    pct(o.trainAccuracy()),
                    o.diverged() == null ? pct(o.validationAccuracy()) : "diverged", pct(o.testAccuracy()));
        }
        lesson.table(table);
        lesson.json("sweep", outcomes);
        lesson.json("histories", histories);
        plot(lesson, hp, outcomes);

        // ---------------------------------------------------------------- 5. the choice
        lesson.section("5. The choice: at least three layers of weights, by validation accuracy and cost");
        Outcome best = null;
        for (Outcome o : outcomes) {
            if (o.diverged() == null && (best == null || o.validationAccuracy() > best.validationAccuracy())) {
                best = o;
            }
        }
        if (best == null) {
            throw new IllegalArgumentException("every network diverged: lower the learning rate in Recipe.BASELINE");
        }
        int validationSize = data.validation().size();
        double standardError = Math.sqrt(best.validationAccuracy() * (1 - best.validationAccuracy()) / validationSize);
        Outcome chosen = null;
        for (Outcome o : outcomes) {
            boolean eligible = o.diverged() == null && o.hiddenLayers() >= 2
                    && o.validationAccuracy() >= best.validationAccuracy() - standardError;
            if (eligible && (chosen == null || o.parameters() < chosen.parameters())) {
                chosen = o;
            }
        }
        if (chosen == null) {
            for (Outcome o : outcomes) {
                if (o.diverged() == null && o.hiddenLayers() >= 2
                        && (chosen == null || o.validationAccuracy() > chosen.validationAccuracy())) {
                    chosen = o;
                }
            }
        }
        if (chosen == null) {
            throw new IllegalArgumentException("no network with 2 or more hidden layers finished: lower the learning rate");
        }
        lesson.out().printf("best validation accuracy: %s (%s); one standard error on %,d validation images: %.2f points%n",
                pct(best.validationAccuracy()), best.architecture(), validationSize, 100 * standardError);
        lesson.out().printf("chosen: %s, the cheapest network with 2+ hidden layers within one standard error of the best:%n"
                        + "        %,d parameters, %.1f s of training, validation %s, test %s%n", chosen.architecture(),
                chosen.parameters(), chosen.trainSeconds(), pct(chosen.validationAccuracy()), pct(chosen.testAccuracy()));
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
        lesson.headline(String.format("Of %d networks with 1 to %d hidden layers of %d to %,d units (%d epochs on %,d images), "
                        + "%s (%,d parameters) is the cheapest with 3+ layers of weights within one standard error of the "
                        + "best validation accuracy; it reaches %s on the test set.", outcomes.size(),
                maxOf(hp.depths()), minOf(hp.widths()), maxOf(hp.widths()), hp.epochs(), train.size(), chosen.architecture(),
                chosen.parameters(), pct(chosen.testAccuracy())));
        Recipe.Run chosenRun = trained.get(outcomes.indexOf(chosen));
        lesson.chose(chosen.architecture(), chosenRun.history(), chosenRun.model());
        return new Results(chosen.testAccuracy());
    }

    /** Accuracy against parameters and against seconds, and seconds against parameters, for both sweeps. */
    private static void plot(Lesson lesson, Hyperparams hp, List<Outcome> outcomes) {
        Comparator<Outcome> bySize = Comparator.comparingLong(Outcome::parameters);
        List<Outcome> deeper = outcomes.stream().filter(o -> o.width() == hp.depthWidth()).sorted(bySize).toList();
        List<Outcome> wider = outcomes.stream().filter(o -> o.hiddenLayers() == hp.widthDepth()).sorted(bySize).toList();
        String deeperLabel = String.format("deeper: %d to %d hidden layers of %d", minOf(hp.depths()), maxOf(hp.depths()),
                hp.depthWidth());
        String widerLabel = String.format("wider: %d hidden layers of %d to %,d", hp.widthDepth(), minOf(hp.widths()),
                maxOf(hp.widths()));
        XYChart accuracyBySize = Plots.linesLogX("Validation accuracy against size", "parameters (log scale)",
                "validation accuracy (%)", List.of(
                        series(deeperLabel, deeper, Outcome::parameters), series(widerLabel, wider, Outcome::parameters)));
        accuracyBySize.getStyler().setXAxisDecimalPattern("#,###");
        lesson.figure("accuracy-vs-parameters", accuracyBySize,
                "Up and to the left is better: more accuracy for fewer parameters. Each point is one network.",
                "Line chart of validation accuracy against the number of parameters on a log scale, one line for networks "
                        + "of increasing depth and one for networks of increasing width.");
        lesson.figure("accuracy-vs-seconds", Plots.linesLogX("Validation accuracy against training time",
                        "seconds per epoch, fastest epoch (log scale)", "validation accuracy (%)", List.of(
                                series(deeperLabel, deeper, Outcome::fastestEpochSeconds),
                                series(widerLabel, wider, Outcome::fastestEpochSeconds))),
                "Up and to the left is better: more accuracy for less time. Times are measured on a shared machine.",
                "Line chart of validation accuracy against seconds per training epoch on a log scale, one line for deeper "
                        + "networks and one for wider networks.");
        List<Plots.Series> cost = new ArrayList<>();
        cost.add(new Plots.Series(deeperLabel, deeper.stream().mapToDouble(o -> o.parameters() / 1e6).toArray(),
                deeper.stream().mapToDouble(Outcome::fastestEpochSeconds).toArray()));
        cost.add(new Plots.Series(widerLabel, wider.stream().mapToDouble(o -> o.parameters() / 1e6).toArray(),
                wider.stream().mapToDouble(Outcome::fastestEpochSeconds).toArray()));
        lesson.figure("seconds-vs-parameters", Plots.lines("Training time against size", "parameters (millions)",
                        "seconds per epoch (fastest epoch)", cost),
                "Time grows with the parameters, roughly in proportion (one multiply-add forward, two backward, per parameter "
                        + "and image); single points jump when other programs share the machine.",
                "Line chart of seconds per training epoch against millions of parameters for deeper and wider networks; time "
                        + "rises with the number of parameters.");
    }

    private static Plots.Series series(String label, List<Outcome> points, ToDoubleFunction<Outcome> x) {
        return new Plots.Series(label, points.stream().mapToDouble(x).toArray(),
                points.stream().mapToDouble(o -> 100 * o.validationAccuracy()).toArray());
    }

    private static int minOf(int[] values) {
        return Arrays.stream(values).min().orElseThrow();
    }

    private static int maxOf(int[] values) {
        return Arrays.stream(values).max().orElseThrow();
    }

    private static String pct(double fraction) {
        return Double.isNaN(fraction) ? "-" : Percent.pct(fraction);
    }
}
