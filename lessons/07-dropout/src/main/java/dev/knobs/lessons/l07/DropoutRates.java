package dev.knobs.lessons.l07;

import static dev.knobs.lessons.common.Percent.pct;

import dev.knobs.exercises.l07.InvertedDropout;
import dev.knobs.lessons.common.DigitGrid;
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
import dev.knobs.nn.init.Initializer;
import dev.knobs.nn.init.XavierNormal;
import dev.knobs.nn.layer.Dropout;
import dev.knobs.nn.layer.Mlp;
import dev.knobs.nn.layer.Sequential;
import dev.knobs.nn.metrics.EpochRecord;
import dev.knobs.nn.metrics.Evaluator;
import dev.knobs.nn.train.Recipe;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;

/**
 * Lesson 07, dropout. Changes from lesson 06: dropout layers after the input and after each
 * hidden layer, with the rate as the knob; to give dropout something to fix, the network is larger
 * (two hidden layers of 256 in the standard run) and trains on a 10,000-image subset for 15
 * epochs, so that without dropout it overfits visibly.
 *
 * <p>The lesson reads top to bottom: the data; what inverted dropout does to a layer's output in
 * training and in evaluation; training with one rate on both hidden layers (the sweep), then with
 * different rates per layer and on the input pixels (0.2 on the input and 0.5 on hidden units, as in
 * Srivastava et al. 2014); choosing on validation accuracy; the gap between training and test
 * accuracy with and without dropout; what goes wrong if dropout is left on at evaluation; the
 * results. The figures are drawn by {@link DropoutRatesCharts}. Read it next to the lesson's README.md.
 *
 * <p>Run: {@code mvn -pl lessons/07-dropout exec:java} (add {@code -Dexec.args="--mode smoke"}
 * for a seconds-long run; {@code --help} lists the knobs).
 */
public final class DropoutRates {
    private DropoutRates() {}

    /** The rates of the input-dropout picture in section 2: none, the paper's input rate, and a rate that is too high. */
    private static final float[] INPUT_RATES_SHOWN = {0f, 0.2f, 0.5f};

    /**
     * The knobs of this lesson, each with its reason (every one is a flag, e.g. {@code --hidden-dropout 0.5}).
     *
     * @param hidden          two hidden layers of 256 (269,000 weights, 2.6x the baseline's): enough to
     *                        memorise the training subset, so that overfitting, the thing dropout fixes,
     *                        shows; the full run uses 512 (670,000 weights)
     * @param activation      ReLU, lesson 05's choice; the weights start from the initialiser lesson 04
     *                        matched to the activation (He for the ReLUs, Xavier for sigmoid and tanh)
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
    record Hyperparams(int[] hidden, String activation, int trainSize, int epochs, float lr, float[] hiddenDropout,
                       float[][] perLayerDropout) {
        static Hyperparams defaults(Mode mode) {
            int width = mode.pick(256, 256, 512);
            return new Hyperparams(new int[] {width, width}, "relu", mode.pick(60_000, 10_000, 60_000),
                    mode.pick(2, 15, 30), 0.05f, new float[] {0f, 0.1f, 0.2f, 0.3f, 0.4f, 0.5f, 0.6f},
                    new float[][] {{0.2f, 0.5f, 0.5f}, {0f, 0.2f, 0.5f}});
        }

        Hyperparams {
            if (hidden.length != 2) {
                throw new UsageException("--hidden takes the two hidden widths of this lesson's network, e.g. 256,256; got "
                        + hidden.length + " numbers");
            }
            List<String> trained = new ArrayList<>();
            for (float p : withControl(hiddenDropout)) {
                trained.add(label(0f, p, p));
            }
            for (float[] r : perLayerDropout) {
                if (r.length != 3) {
                    throw new UsageException("--per-layer-dropout takes three rates per configuration (input, hidden 1, "
                            + "hidden 2), e.g. 0.2,0.5,0.5 | 0,0.2,0.5; got " + r.length + " in one");
                }
                if (trained.contains(label(r[0], r[1], r[2]))) {
                    throw new UsageException("--per-layer-dropout " + Knob.format(r) + " is trained already (as '"
                            + label(r[0], r[1], r[2]) + "'); give each configuration once");
                }
                trained.add(label(r[0], r[1], r[2]));
            }
        }

        /** The rates swept on both hidden layers, starting with 0 (no dropout), the control. */
        float[] rates() {
            return withControl(hiddenDropout);
        }

        /** {@code rates} with 0 first and every rate once. */
        private static float[] withControl(float[] rates) {
            float[] withZero = new float[rates.length + 1];
            int n = 0;
            withZero[n++] = 0f;
            for (float p : rates) {
                if (!contains(withZero, n, p)) {
                    withZero[n++] = p;
                }
            }
            return Arrays.copyOf(withZero, n);
        }

        private static boolean contains(float[] values, int n, float p) {
            for (int i = 0; i < n; i++) {
                if (values[i] == p) {
                    return true;
                }
            }
            return false;
        }

        /** 784, the two hidden widths, 10. */
        int[] widths() {
            return new int[] {784, hidden[0], hidden[1], 10};
        }

        Mlp network(float input, float hidden1, float hidden2) {
            Initializer init = activation.equals("sigmoid") || activation.equals("tanh") ? new XavierNormal()
                    : new HeNormal();
            return new Mlp(widths(), activation, input, new float[] {hidden1, hidden2}, init);
        }
    }

    /** A configuration's name in tables and legends: {@code no dropout}, {@code hidden 0.2}, {@code input 0.2 + hidden 0.5}. */
    static String label(float input, float hidden1, float hidden2) {
        if (input == 0f && hidden1 == 0f && hidden2 == 0f) {
            return "no dropout";
        }
        return (input > 0 ? "input " + input + " + " : "") + "hidden " + (hidden1 == hidden2 ? hidden1 : hidden1 + " / " + hidden2);
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
     * What this lesson found. Accuracies are fractions in [0, 1], measured after the last epoch;
     * training accuracy is measured like test accuracy, with dropout off. A gap is training minus
     * test accuracy, as a fraction (0.0416 is 4.16 points). A dropout rate is the share of units
     * dropped. The metric each number is also reported as is named in brackets.
     *
     * @param testAccuracy                      test accuracy of the configuration chosen on validation
     *                                          accuracy ({@code best_test_accuracy})
     * @param chosenConfiguration               the chosen configuration, e.g. {@code hidden 0.2}
     * @param chosenInputDropout                its dropout rate on the input pixels ({@code chosen_input_rate})
     * @param chosenHiddenDropout               its dropout rates after hidden layers 1 and 2
     *                                          ({@code chosen_hidden_rate_1}, {@code chosen_hidden_rate_2})
     * @param chosenValidationAccuracy          its validation accuracy, the number it was chosen on
     * @param bestUniformHiddenDropout          the rate of the one-rate sweep (section 3) with the best
     *                                          validation accuracy, 0 if no dropout won it ({@code best_rate})
     * @param gapWithoutDropout                 the gap of the network without dropout ({@code gap_without_dropout})
     * @param gapOfChosen                       the gap of the chosen configuration ({@code gap_with_best})
     * @param noDropoutTrainAccuracy            training accuracy without dropout ({@code no_dropout_train_accuracy})
     * @param noDropoutValidationAccuracy       validation accuracy without dropout
     * @param noDropoutTestAccuracy             test accuracy without dropout ({@code no_dropout_test_accuracy})
     * @param dropoutOnAtEvaluationTestAccuracy test accuracy of the chosen network evaluated, wrongly, with
     *                                          dropout on: the mean of three passes with fresh masks
     *                                          ({@code dropout_on_at_evaluation_test_accuracy})
     * @param ratesTried                        rates of the one-rate sweep, 0 included ({@code rates_tried})
     * @param configurationsTried               every configuration trained, the per-layer ones included
     *                                          ({@code configurations_tried})
     * @param epochs                            epochs of every run ({@code epochs})
     * @param trainingImages                    images each run trained on ({@code training_images})
     */
    public record Results(double testAccuracy, String chosenConfiguration, float chosenInputDropout, float[] chosenHiddenDropout,
                   double chosenValidationAccuracy, float bestUniformHiddenDropout, double gapWithoutDropout,
                   double gapOfChosen, double noDropoutTrainAccuracy, double noDropoutValidationAccuracy,
                   double noDropoutTestAccuracy, double dropoutOnAtEvaluationTestAccuracy, int ratesTried,
                   int configurationsTried, int epochs, int trainingImages) implements LessonResults {}

    /** The lesson: its folder, title, knobs and experiment. */
    public static final LessonDefinition<Hyperparams, Results> LESSON = new LessonDefinition<>("07-dropout", "Dropout",
            Hyperparams.class, Hyperparams::defaults, Results.class, DropoutRates::run)
            .withExercises(() -> Parts.library().withDropout("07.1 inverted dropout (InvertedDropout)", InvertedDropout::new));

    /** Runs the lesson with the knobs given as flags or in a knob file ({@code --help} lists them). */
    public static void main(String[] args) {
        Lesson.launch(args, LESSON);
    }

    static Results run(Lesson lesson, Hyperparams hp) {
        DropoutRatesCharts charts = new DropoutRatesCharts(lesson);
        String network = Mlp.architecture(hp.widths());

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
        charts.inputDropout(inputDropoutRows(train, lesson.seed()), train.height(), train.width());

        // ---------------------------------------------------------------- 3. training: one rate for both hidden layers
        Recipe base = Recipe.BASELINE.withRate(hp.lr()).withEpochs(hp.epochs()).withSeed(lesson.seed());
        lesson.section("3. One dropout rate on both hidden layers, " + Words.count(hp.rates().length, "rate") + ", "
                + Words.count(hp.epochs(), "epoch") + " each");
        lesson.out().println("every run: " + network + " " + hp.activation() + ", " + hp.network(0f, 0f, 0f).init().name()
                + ", " + base.optimizer().name() + " at η = " + base.schedule().rate(0) + ", batch " + base.batchSize());
        Map<String, Recipe.Run> runs = new LinkedHashMap<>();
        List<Outcome> outcomes = new ArrayList<>();
        for (float p : hp.rates()) {
            train(lesson, base, hp, data, 0f, p, p, runs, outcomes);
        }

        // ---------------------------------------------------------------- 4. training: different rates per layer, and on the input
        lesson.section("4. Different rates per layer, and on the input pixels");
        for (float[] r : hp.perLayerDropout()) {
            train(lesson, base, hp, data, r[0], r[1], r[2], runs, outcomes);
        }

        // ---------------------------------------------------------------- 5. choosing on validation
        lesson.section("5. Choosing on validation accuracy");
        Outcome none = outcomes.get(0);
        Outcome chosen = bestByValidation(outcomes);
        Outcome bestUniform = bestByValidation(outcomes.subList(0, hp.rates().length));
        Recipe.Run chosenRun = runs.get(chosen.label());
        lesson.out().printf("chosen on validation accuracy: %s (%s); its test accuracy: %s%n", chosen.label(),
                pct(chosen.validationAccuracy()), pct(chosen.testAccuracy()));

        // ---------------------------------------------------------------- 6. the train/test gap
        lesson.section("6. The gap between training and test accuracy");
        lesson.out().printf("without dropout: train %s, test %s, gap %.2f points%n", pct(none.trainAccuracy()),
                pct(none.testAccuracy()), 100 * none.gap());
        lesson.out().printf("chosen (%s): train %s, test %s, gap %.2f points%n", chosen.label(), pct(chosen.trainAccuracy()),
                pct(chosen.testAccuracy()), 100 * chosen.gap());
        List<String> labels = outcomes.stream().map(Outcome::label).toList();
        charts.gap(labels, outcomes.stream().mapToDouble(o -> 100 * o.gap()).toArray());
        charts.accuracyByRate(labels, outcomes.stream().mapToDouble(o -> 100 * o.trainAccuracy()).toArray(),
                outcomes.stream().mapToDouble(o -> 100 * o.testAccuracy()).toArray());
        charts.validationLoss(curves(runs.values(), EpochRecord::validationLoss));
        List<Recipe.Run> shown = none == chosen ? List.of(runs.get(none.label()))
                : List.of(runs.get(none.label()), chosenRun);
        charts.trainVsValidation(curves(shown, EpochRecord::trainLoss), curves(shown, EpochRecord::validationLoss));

        // ---------------------------------------------------------------- 7. why dropout is off at evaluation
        lesson.section("7. What if dropout stayed on at evaluation?");
        double[] noisy = accuraciesWithDropoutOn(chosenRun.model(), data.test(), 3);
        lesson.out().printf("%s, evaluated with dropout on, three times: %s; with dropout off (correct): %s%n",
                chosen.label(), String.join(", ", Arrays.stream(noisy).mapToObj(Percent::pct).toList()),
                pct(chosen.testAccuracy()));

        // ---------------------------------------------------------------- 8. results
        lesson.section("8. Results");
        TextTable table = new TextTable("Dropout compared (" + network + ", " + train.size() + " training images, "
                + Words.count(hp.epochs(), "epoch") + ")", "configuration", "train accuracy", "validation accuracy",
                "test accuracy", "gap (train - test)", "seconds");
        for (Outcome o : outcomes) {
            table.row(o.label() + (o == chosen ? " (chosen)" : ""), pct(o.trainAccuracy()), pct(o.validationAccuracy()),
                    pct(o.testAccuracy()), String.format("%.2f", 100 * o.gap()), String.format("%.1f", o.seconds()));
        }
        lesson.table(table);
        lesson.json("outcomes", outcomes);
        lesson.json("histories", runs.values().stream().map(Recipe.Run::history).toList());
        lesson.json("dropout-on-at-evaluation", Map.of("configuration", chosen.label(), "accuracies", noisy,
                "dropout_off", chosen.testAccuracy()));
        double dropoutOn = Arrays.stream(noisy).average().orElse(0);
        Results results = new Results(chosen.testAccuracy(), chosen.label(), chosen.input(),
                new float[] {chosen.hidden1(), chosen.hidden2()}, chosen.validationAccuracy(), bestUniform.hidden1(),
                none.gap(), chosen.gap(), none.trainAccuracy(), none.validationAccuracy(), none.testAccuracy(), dropoutOn,
                hp.rates().length, outcomes.size(), hp.epochs(), train.size());
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

        String gapWithout = String.format("%.1f", 100 * none.gap());
        lesson.headline(String.format("On %,d training images, a %s network without dropout reaches %s training "
                        + "but %s test accuracy (%s %s-point gap)", train.size(), network, pct(none.trainAccuracy()),
                pct(none.testAccuracy()), article(gapWithout), gapWithout)
                + (chosen == none ? ", and none of the dropout configurations beats it on validation."
                : String.format("; with %s, chosen on validation, the gap is %.1f points and test accuracy %s.",
                        chosen.label(), 100 * chosen.gap(), pct(chosen.testAccuracy()))));
        lesson.chose(chosen.label(), chosenRun.history(), chosenRun.model());
        return results;
    }

    /** The outcome with the highest validation accuracy; the first of equals. */
    private static Outcome bestByValidation(List<Outcome> outcomes) {
        return outcomes.stream().max((a, b) -> Double.compare(a.validationAccuracy(), b.validationAccuracy()))
                .orElseThrow();
    }

    /**
     * Trains one configuration of {@code hp}'s network from {@code base} and measures its training
     * accuracy in evaluation mode (dropout off), so that it compares fairly with the test accuracy.
     */
    private static void train(Lesson lesson, Recipe base, Hyperparams hp, RunData data, float input, float hidden1,
                              float hidden2, Map<String, Recipe.Run> runs, List<Outcome> outcomes) {
        Recipe recipe = base.withNetwork(hp.network(input, hidden1, hidden2)).withLabel(label(input, hidden1, hidden2));
        Recipe.Run run = recipe.train(data, lesson.progress(recipe), lesson.parts()).orThrow();
        EpochRecord last = run.history().last();
        double trainAccuracy = Evaluator.evaluate(run.model(), data.train()).accuracy();
        runs.put(recipe.label(), run);
        outcomes.add(new Outcome(recipe.label(), input, hidden1, hidden2, trainAccuracy, last.validationAccuracy(),
                last.testAccuracy(), run.history().seconds()));
    }

    /** One number per epoch of each run, by its label: {@code EpochRecord::validationLoss}, say. */
    private static Map<String, double[]> curves(Collection<Recipe.Run> runs, ToDoubleFunction<EpochRecord> value) {
        Map<String, double[]> curves = new LinkedHashMap<>();
        for (Recipe.Run r : runs) {
            curves.put(r.recipe().label(), r.history().epochs().stream().mapToDouble(value).toArray());
        }
        return curves;
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

    /**
     * The first six training digits as the first layer sees them under input dropout in training
     * mode, one row per rate of {@link #INPUT_RATES_SHOWN}: each pixel is kept with probability
     * 1 - p and then scaled by 1/(1-p).
     */
    private static List<List<DigitGrid.Tile>> inputDropoutRows(Dataset train, long seed) {
        int digits = 6;
        int f = train.features();
        List<List<DigitGrid.Tile>> rows = new ArrayList<>();
        for (float p : INPUT_RATES_SHOWN) {
            Dropout dropout = new Dropout(p, new SplittableRandom(seed));
            List<DigitGrid.Tile> row = new ArrayList<>();
            for (int i = 0; i < digits; i++) {
                float[] x = Arrays.copyOfRange(train.x(), i * f, (i + 1) * f);
                row.add(new DigitGrid.Tile(dropout.forward(x, 1, true).clone(), "p = " + p));
            }
            rows.add(row);
        }
        return rows;
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

    /** {@code a} or {@code an} before a number as it is read aloud: an 8, an 11, an 18.5, an 80, a 4, a 110. */
    static String article(String number) {
        String whole = number.split("\\.")[0];
        boolean vowel = whole.startsWith("8") || (whole.startsWith("11") || whole.startsWith("18")) && whole.length() % 3 == 2;
        return vowel ? "an" : "a";
    }

}
