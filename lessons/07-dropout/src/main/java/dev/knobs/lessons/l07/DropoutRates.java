package dev.knobs.lessons.l07;

import static dev.knobs.lessons.common.Percent.pct;

import dev.knobs.lessons.common.DigitGrid;
import dev.knobs.lessons.common.Lesson;
import dev.knobs.lessons.common.LessonDefinition;
import dev.knobs.lessons.common.LessonResults;
import dev.knobs.lessons.common.Mode;
import dev.knobs.lessons.common.Percent;
import dev.knobs.lessons.common.Plots;
import dev.knobs.lessons.common.TextTable;
import dev.knobs.lessons.common.UsageException;
import dev.knobs.nn.data.Dataset;
import dev.knobs.nn.data.RunData;
import dev.knobs.nn.init.HeNormal;
import dev.knobs.nn.layer.Dropout;
import dev.knobs.nn.layer.Mlp;
import dev.knobs.nn.layer.Sequential;
import dev.knobs.nn.metrics.EpochRecord;
import dev.knobs.nn.metrics.Evaluator;
import dev.knobs.nn.train.Recipe;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.knowm.xchart.CategoryChart;

/**
 * Lesson 07, dropout. Changes from lesson 06: dropout layers after the input and after each
 * hidden ReLU, with the rate as the knob; to give dropout something to fix, the network is larger
 * (784-256-256-10) and trains on a 10,000-image subset for 15 epochs, so that without dropout it
 * overfits visibly.
 *
 * <p>We look at what inverted dropout does to a layer's output in training and in evaluation,
 * sweep one rate for both hidden layers from 0 to 0.6, try different rates per layer and on the
 * input pixels (0.2 on the input and 0.5 on hidden units, as in Srivastava et al. 2014), measure
 * the gap between training and test accuracy with and without dropout, and show what goes wrong
 * if dropout is left on at evaluation. The configuration is chosen on validation accuracy. Read
 * it next to the lesson's README.md.
 *
 * <p>Run: {@code mvn -pl lessons/07-dropout exec:java} (add {@code -Dexec.args="--mode smoke"}
 * for a seconds-long run).
 */
public final class DropoutRates {
    private DropoutRates() {}

    /**
     * The knobs of this lesson, each with its reason (every one is a flag, e.g. {@code --hidden-dropout 0.5}).
     *
     * @param hidden          two hidden layers of 256 (269,000 weights, 2.6x the baseline's): enough to
     *                        memorise the training subset, so that overfitting, the thing dropout fixes,
     *                        shows; the full run uses 512 (670,000 weights)
     * @param trainSize       training images: 10,000 keeps nine runs of many epochs inside the standard
     *                        budget and makes overfitting come early; smoke and full use all of them
     * @param epochs          passes over the training subset: the network without dropout reaches 100%
     *                        training accuracy well before the end, and nine runs fit the standard budget
     * @param lr              the baseline's 0.05 with momentum 0.9, inside the good range lesson 06 found
     * @param hiddenDropout   the rates tried on both hidden layers, 0.1 to 0.6; no dropout (0) is
     *                        always trained too, as the control
     * @param perLayerDropout {input rate, hidden rate 1, hidden rate 2}: the paper's 0.2 on the pixels
     *                        and 0.5 on hidden units, and a lighter rate on the first hidden layer
     */
    record Hyperparams(int[] hidden, int trainSize, int epochs, float lr, float[] hiddenDropout,
                       float[][] perLayerDropout) {
        static Hyperparams defaults(Mode mode) {
            int width = mode.pick(256, 256, 512);
            return new Hyperparams(new int[] {width, width}, mode.pick(60_000, 10_000, 60_000), mode.pick(2, 15, 30),
                    0.05f, new float[] {0f, 0.1f, 0.2f, 0.3f, 0.4f, 0.5f, 0.6f},
                    new float[][] {{0.2f, 0.5f, 0.5f}, {0f, 0.2f, 0.5f}});
        }

        Hyperparams {
            if (hidden.length != 2) {
                throw new UsageException("--hidden takes the two hidden widths of this lesson's network, e.g. 256,256; got "
                        + hidden.length + " numbers");
            }
            for (float[] r : perLayerDropout) {
                if (r.length != 3) {
                    throw new UsageException("--per-layer-dropout takes three rates per configuration (input, hidden 1, "
                            + "hidden 2), e.g. 0.2,0.5,0.5 | 0,0.2,0.5; got " + r.length + " in one");
                }
            }
        }

        /** The rates swept on both hidden layers, starting with 0 (no dropout), the control. */
        float[] rates() {
            float[] withZero = new float[hiddenDropout.length + 1];
            int n = 0;
            withZero[n++] = 0f;
            for (float p : hiddenDropout) {
                if (p != 0f) {
                    withZero[n++] = p;
                }
            }
            return Arrays.copyOf(withZero, n);
        }

        Mlp network(float input, float hidden1, float hidden2) {
            return new Mlp(new int[] {784, hidden[0], hidden[1], 10}, "relu", input, new float[] {hidden1, hidden2},
                    new HeNormal());
        }
    }

    /** One configuration's outcome, with the train/test gap that dropout is meant to shrink. */
    record Outcome(String label, float input, float hidden1, float hidden2, double trainAccuracy, double validationAccuracy,
                   double testAccuracy, double seconds) {
        /** Training accuracy (evaluation mode) minus test accuracy. */
        double gap() {
            return trainAccuracy - testAccuracy;
        }
    }

    /**
     * What this lesson found.
     *
     * @param testAccuracy test accuracy of the configuration chosen on validation data
     */
    record Results(double testAccuracy) implements LessonResults {}

    /** The lesson: its folder, title, knobs and experiment. */
    public static final LessonDefinition<Hyperparams, Results> LESSON = new LessonDefinition<>("07-dropout", "Dropout",
            Hyperparams.class, Hyperparams::defaults, Results.class, DropoutRates::run);

    public static void main(String[] args) {
        Lesson.launch(args, LESSON);
    }

    static Results run(Lesson lesson, Hyperparams hp) {

        // ---------------------------------------------------------------- 1. the data
        lesson.section("1. The data: a training subset, so that a large network overfits");
        RunData all = RunData.withValidation(lesson.data(), lesson.seed());
        RunData data = all.withFirstTrainingImages(hp.trainSize());
        Dataset train = data.train();
        lesson.out().printf("%d training (of %d), %d validation (for choosing) and %d test images%n", train.size(),
                all.train().size(), data.validation().size(), data.test().size());

        // ---------------------------------------------------------------- 2. inverted dropout, up close
        lesson.section("2. Inverted dropout, up close");
        showInvertedDropout(lesson);
        showInputDropout(lesson, train);

        // ---------------------------------------------------------------- 3. one rate for both hidden layers
        Recipe base = Recipe.BASELINE.withRate(hp.lr()).withEpochs(hp.epochs()).withSeed(lesson.seed());
        lesson.section("3. One dropout rate on both hidden layers, " + hp.rates().length + " rates, " + hp.epochs() + " epochs each");
        lesson.out().println("every run: 784-" + hp.hidden()[0] + "-" + hp.hidden()[1] + "-10 ReLU, he_normal, "
                + base.optimizer().name() + " at η = " + base.schedule().rate(0) + ", batch " + base.batchSize());
        Map<String, Recipe.Run> runs = new LinkedHashMap<>();
        List<Outcome> outcomes = new ArrayList<>();
        for (float p : hp.rates()) {
            String label = p == 0f ? "no dropout" : "hidden " + p;
            train(lesson, base.withNetwork(hp.network(0f, p, p)).withLabel(label), data, 0f, p, p, runs, outcomes);
        }

        // ---------------------------------------------------------------- 4. different rates per layer, and on the input
        lesson.section("4. Different rates per layer, and on the input pixels");
        for (float[] r : hp.perLayerDropout()) {
            String label = (r[0] > 0 ? "input " + r[0] + " + " : "") + "hidden " + (r[1] == r[2] ? r[1] : r[1] + " / " + r[2]);
            train(lesson, base.withNetwork(hp.network(r[0], r[1], r[2])).withLabel(label), data, r[0], r[1], r[2], runs, outcomes);
        }

        // ---------------------------------------------------------------- 5. the train/test gap
        lesson.section("5. The gap between training and test accuracy");
        Outcome none = outcomes.get(0);
        Outcome chosen = outcomes.stream().max((a, b) -> Double.compare(a.validationAccuracy(), b.validationAccuracy()))
                .orElseThrow();
        Outcome bestUniform = outcomes.subList(0, hp.rates().length).stream()
                .max((a, b) -> Double.compare(a.validationAccuracy(), b.validationAccuracy())).orElseThrow();
        lesson.out().printf("without dropout: train %s, test %s, gap %.2f points%n", pct(none.trainAccuracy()),
                pct(none.testAccuracy()), 100 * none.gap());
        lesson.out().printf("chosen (%s): train %s, test %s, gap %.2f points%n", chosen.label(), pct(chosen.trainAccuracy()),
                pct(chosen.testAccuracy()), 100 * chosen.gap());
        plotGap(lesson, outcomes);
        plotCurves(lesson, runs, none.label(), chosen.label());

        // ---------------------------------------------------------------- 6. why dropout is off at evaluation
        lesson.section("6. What if dropout stayed on at evaluation?");
        Recipe.Run chosenRun = runs.get(chosen.label());
        double[] noisy = accuraciesWithDropoutOn(chosenRun.model(), data.test(), 3);
        lesson.out().printf("%s, evaluated with dropout on, three times: %s; with dropout off (correct): %s%n",
                chosen.label(), String.join(", ", Arrays.stream(noisy).mapToObj(Percent::pct).toList()),
                pct(chosen.testAccuracy()));

        // ---------------------------------------------------------------- 7. results and the choice
        lesson.section("7. Results");
        TextTable table = new TextTable("Dropout compared (784-" + hp.hidden()[0] + "-" + hp.hidden()[1] + "-10, "
                + train.size() + " training images, " + hp.epochs() + " epochs)", "configuration", "train accuracy",
                "validation accuracy", "test accuracy", "gap (train - test)", "seconds");
        for (Outcome o : outcomes) {
            table.row(o.label() + (o == chosen ? " (chosen)" : ""), pct(o.trainAccuracy()), pct(o.validationAccuracy()),
                    pct(o.testAccuracy()), String.format("%.2f", 100 * o.gap()), String.format("%.1f", o.seconds()));
        }
        lesson.table(table);
        lesson.json("outcomes", outcomes);
        lesson.json("histories", runs.values().stream().map(Recipe.Run::history).toList());
        lesson.json("dropout-on-at-evaluation", Map.of("configuration", chosen.label(), "accuracies", noisy,
                "dropout_off", chosen.testAccuracy()));
        lesson.metric("rates_tried", hp.rates().length);
        lesson.metric("configurations_tried", outcomes.size());
        lesson.metric("best_rate", bestUniform.hidden1());
        lesson.metric("chosen_input_rate", chosen.input());
        lesson.metric("chosen_hidden_rate_1", chosen.hidden1());
        lesson.metric("chosen_hidden_rate_2", chosen.hidden2());
        lesson.metric("gap_without_dropout", none.gap());
        lesson.metric("gap_with_best", chosen.gap());
        lesson.metric("best_test_accuracy", chosen.testAccuracy());
        lesson.metric("no_dropout_test_accuracy", none.testAccuracy());
        lesson.metric("no_dropout_train_accuracy", none.trainAccuracy());
        lesson.metric("dropout_on_at_evaluation_test_accuracy", Arrays.stream(noisy).average().orElse(0));
        lesson.metric("epochs", hp.epochs());
        lesson.metric("training_images", train.size());

        lesson.out().printf("chosen on validation accuracy: %s (%s); its test accuracy: %s%n", chosen.label(),
                pct(chosen.validationAccuracy()), pct(chosen.testAccuracy()));
        lesson.headline(String.format("On %,d training images, a 784-%d-%d-10 network without dropout reaches %s training "
                        + "but %s test accuracy (a %.1f-point gap); with %s, chosen on validation, the gap is %.1f "
                        + "points and test accuracy %s.", train.size(), hp.hidden()[0], hp.hidden()[1],
                pct(none.trainAccuracy()), pct(none.testAccuracy()), 100 * none.gap(), chosen.label(), 100 * chosen.gap(),
                pct(chosen.testAccuracy())));
        lesson.chose(chosen.label(), chosenRun.history(), chosenRun.model());
        return new Results(chosen.testAccuracy());
    }

    /** Trains one configuration and measures its training accuracy in evaluation mode (dropout off). */
    private static void train(Lesson lesson, Recipe recipe, RunData data, float input, float hidden1, float hidden2,
                              Map<String, Recipe.Run> runs, List<Outcome> outcomes) {
        Recipe.Run run = recipe.train(data, lesson.progress(recipe)).orThrow();
        EpochRecord last = run.history().last();
        double trainAccuracy = Evaluator.evaluate(run.model(), data.train()).accuracy();   // dropout off, like the test
        runs.put(recipe.label(), run);
        outcomes.add(new Outcome(recipe.label(), input, hidden1, hidden2, trainAccuracy, last.validationAccuracy(),
                last.testAccuracy(), run.history().seconds()));
    }

    /**
     * A dropout layer with p = 0.5 applied to twenty units that all output 1: in training about
     * half become 0 and the rest 1/(1-p) = 2, so the mean stays near 1; in evaluation all stay 1.
     */
    private static void showInvertedDropout(Lesson lesson) {
        float p = 0.5f;
        Dropout dropout = new Dropout(p, new SplittableRandom(lesson.seed()));
        float[] ones = new float[20];
        Arrays.fill(ones, 1f);
        lesson.out().printf("a layer's output, 20 units all equal to 1, through Dropout(%.1f):%n", p);
        for (int call = 1; call <= 3; call++) {
            float[] y = dropout.forward(ones, 1, true);                              // training: a fresh mask each call
            lesson.out().printf("  training, mini-batch %d:  %s   mean %.2f%n", call, units(y), mean(y));
        }
        float[] y = dropout.forward(ones, 1, false);                                 // evaluation: the identity
        lesson.out().printf("  evaluation:             %s   mean %.2f%n", units(y), mean(y));
        lesson.out().printf("the kept units are multiplied by 1/(1-p) = %.0f, so a unit's expected value is the same in "
                + "training and evaluation%n", 1 / (1 - p));
    }

    /** A grid of digits as the first layer sees them under input dropout (training mode) at a few rates. */
    private static void showInputDropout(Lesson lesson, Dataset train) {
        float[] rates = {0f, 0.2f, 0.5f};
        int digits = 6;
        int f = train.features();
        List<DigitGrid.Tile> tiles = new ArrayList<>();
        for (float p : rates) {
            Dropout dropout = new Dropout(p, new SplittableRandom(lesson.seed()));
            for (int i = 0; i < digits; i++) {
                float[] x = Arrays.copyOfRange(train.x(), i * f, (i + 1) * f);
                float[] y = dropout.forward(x, 1, true);                              // kept pixels scaled by 1/(1-p)
                tiles.add(new DigitGrid.Tile(y.clone(), "p = " + p));
            }
        }
        lesson.figure("input-dropout", DigitGrid.render("Input dropout: each row a different rate", tiles, train.height(),
                        train.width(), digits, 0f, 1f), "Input dropout at rates 0, 0.2 and 0.5",
                "Each training step sees a differently damaged copy of each digit; at p = 0.2 it is still easy to read, "
                        + "at 0.5 much harder, which is why the input gets a lower rate than hidden units.",
                "Three rows of the same six handwritten digits: intact, with 20% of the pixels set to black, and with "
                        + "50% of the pixels set to black.");
    }

    /** Test accuracy computed with dropout left on (the wrong way), {@code repeats} times. */
    static double[] accuraciesWithDropoutOn(Sequential model, Dataset test, int repeats) {
        double[] accuracy = new double[repeats];
        int f = test.features();
        int c = test.classes();
        int chunk = 1000;
        for (int r = 0; r < repeats; r++) {
            int correct = 0;
            for (int from = 0; from < test.size(); from += chunk) {
                int size = Math.min(chunk, test.size() - from);
                float[] x = Arrays.copyOfRange(test.x(), from * f, (from + size) * f);
                float[] logits = model.forward(x, size, true);                       // training = true: random masks
                for (int i = 0; i < size; i++) {
                    if (Evaluator.argmax(logits, i * c, c) == test.labels()[from + i]) {
                        correct++;
                    }
                }
            }
            accuracy[r] = (double) correct / test.size();
        }
        return accuracy;
    }

    private static void plotGap(Lesson lesson, List<Outcome> outcomes) {
        List<String> labels = outcomes.stream().map(Outcome::label).toList();
        double[] trainAcc = outcomes.stream().mapToDouble(o -> 100 * o.trainAccuracy()).toArray();
        double[] testAcc = outcomes.stream().mapToDouble(o -> 100 * o.testAccuracy()).toArray();
        double[] gap = outcomes.stream().mapToDouble(o -> 100 * o.gap()).toArray();
        CategoryChart gapChart = Plots.bars("Training minus test accuracy", "configuration", "gap (percentage points)",
                labels, List.of("train - test"), List.of(gap));
        gapChart.getStyler().setXAxisLabelRotation(30);                              // long configuration names
        lesson.figure("gap", gapChart,
                "The taller the bar, the more the network has memorised its training images rather than learned digits; "
                        + "dropout shrinks the bar.",
                "Bar chart of the gap between training and test accuracy, in percentage points, for each of the dropout "
                        + "configurations, from no dropout to the per-layer ones.");
        CategoryChart accuracyChart = Plots.bars("Training and test accuracy", "configuration", "accuracy (%)", labels,
                List.of("train (dropout off)", "test"), List.of(trainAcc, testAcc));
        accuracyChart.getStyler().setXAxisLabelRotation(30);
        accuracyChart.getStyler().setYAxisMin(Math.floor(Arrays.stream(testAcc).min().orElse(0) - 2));  // zoom in on the gap
        lesson.figure("accuracy-by-rate", accuracyChart,
                "Training accuracy is measured like test accuracy, with dropout off, so the two bars compare fairly; the "
                        + "axis starts just below the lowest bar to make the gaps visible.",
                "Paired bar chart of training and test accuracy for each dropout configuration; training accuracy is "
                        + "near 100% without dropout and falls as the rate grows, test accuracy changes much less.");
    }

    private static void plotCurves(Lesson lesson, Map<String, Recipe.Run> runs, String none, String chosen) {
        List<Plots.Series> validationLoss = new ArrayList<>();
        for (Recipe.Run r : runs.values()) {
            validationLoss.add(Plots.Series.ofEpochs(r.recipe().label(),
                    r.history().epochs().stream().mapToDouble(EpochRecord::validationLoss).toArray()));
        }
        lesson.figure("validation-loss", Plots.lines("Validation loss per epoch", "epoch", "validation cross-entropy",
                        validationLoss),
                "Without dropout the validation loss turns upwards after a few epochs (overfitting); with dropout it "
                        + "turns later and less, or is still falling at the end.",
                "Line chart of validation loss per epoch for every dropout configuration; the curve without dropout "
                        + "reaches its minimum early and then rises.");
        List<Plots.Series> pair = new ArrayList<>();
        for (String label : none.equals(chosen) ? List.of(none) : List.of(none, chosen)) {
            List<EpochRecord> e = runs.get(label).history().epochs();
            pair.add(Plots.Series.ofEpochs(label + ": train", e.stream().mapToDouble(EpochRecord::trainLoss).toArray()));
            pair.add(Plots.Series.ofEpochs(label + ": validation",
                    e.stream().mapToDouble(EpochRecord::validationLoss).toArray()));
        }
        lesson.figure("train-vs-validation", Plots.linesLogY("Training and validation loss, without dropout and chosen",
                        "epoch", "cross-entropy (log scale)", pair),
                "Training loss is measured with dropout on (so it is higher with dropout); what matters is how far the "
                        + "validation loss sits above it.",
                "Line chart, log scale, of training and validation loss per epoch without dropout and with the chosen "
                        + "dropout; without dropout the training loss falls far below the validation loss.");
    }

    private static String units(float[] y) {
        StringBuilder s = new StringBuilder();
        for (float v : y) {
            s.append(String.format("%.0f ", v));
        }
        return s.toString().trim();
    }

    private static double mean(float[] y) {
        double s = 0;
        for (float v : y) {
            s += v;
        }
        return s / y.length;
    }

}
