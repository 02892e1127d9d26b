package dev.knobs.lessons.l02;

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
import dev.knobs.nn.data.Scaling;
import dev.knobs.nn.data.Standardizer;
import dev.knobs.nn.layer.Sequential;
import dev.knobs.nn.loss.SoftmaxCrossEntropy;
import dev.knobs.nn.metrics.ActivationStats;
import dev.knobs.nn.metrics.EpochRecord;
import dev.knobs.nn.metrics.Evaluator;
import dev.knobs.nn.metrics.ParameterStats;
import dev.knobs.nn.schedule.ConstantRate;
import dev.knobs.nn.train.Recipe;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.UnaryOperator;

/**
 * Lesson 02, input normalisation. Changes from lesson 01: the pixels reach the network in four
 * ways instead of one (raw 0..255, divided by 255, standardised with one mean and standard
 * deviation, standardised per pixel), and training now uses the shared recipe and loop:
 * {@link Recipe#BASELINE} (784-128-10 ReLU, He, momentum 0.9, η = 0.05, batch 128) run by
 * {@link Recipe#train}, with a tenth of the training set held out for choosing.
 *
 * <p>The first layer computes {@code z = x·Wᵀ + b}, so the scale of {@code x} sets the scale of
 * {@code z} and of the gradient {@code ∂L/∂W = dzᵀ·x}. Raw pixels are up to 255 times larger than
 * pixels in [0, 1]: with the learning rate that suits [0, 1], every step is far too big.
 * Standardising also centres the inputs, which LeCun et al. (1998, "Efficient BackProp") showed
 * helps gradient descent. Every statistic is measured on the training split only and applied
 * unchanged to the validation and test images.
 *
 * <p>Run: {@code mvn -pl lessons/02-normalization exec:java} (add
 * {@code -Dexec.args="--mode smoke"} for a seconds-long run).
 */
public final class Normalization {
    private Normalization() {}

    /**
     * The knobs of this lesson, each with its reason.
     *
     * @param lr   0.05: the baseline's rate, which suits inputs in [0, 1]; it stays fixed so
     *                       that only the input scaling changes (one extra raw run divides it by 255)
     * @param epochs         passes over the training split, as in the baseline recipe
     * @param minStd floor for a pixel's σ, one grey level (1/255): pixels at the border of
     *                       MNIST are 0 in every training image, and 0/0 is not a number
     * @param probeSize     training images used to measure the first loss and gradients
     * @param stepsShown     mini-batch losses drawn in the plot of the first steps
     */
    record Hyperparams(float lr, int epochs, float minStd, int probeSize, int stepsShown) {
        static Hyperparams defaults(Mode mode) {
            return new Hyperparams(0.05f, mode.pick(1, 5, 20), 1f / 255, 128, 300);
        }
    }

    /**
     * One way of presenting the pixels to the network.
     *
     * @param key   prefix of this input's metrics, e.g. {@code unit_range}
     * @param label name in legends and tables
     * @param data  train, validation and test images, all transformed with training statistics
     * @param rate  the learning rate it is trained with
     */
    record Input(String key, String label, RunData data, float rate) {}

    /**
     * What this lesson found.
     *
     * @param testAccuracy test accuracy of the configuration chosen on validation data
     */
    record Results(double testAccuracy) implements LessonResults {}

    /** The lesson: its folder, title, knobs and experiment. */
    public static final LessonDefinition<Hyperparams, Results> LESSON = new LessonDefinition<>("02-normalization", "Input normalisation",
            Hyperparams.class, Hyperparams::defaults, Results.class, Normalization::run);

    public static void main(String[] args) {
        Lesson.launch(args, LESSON);
    }

    static Results run(Lesson lesson, Hyperparams hp) {

        // ---------------------------------------------------------------- 1. the statistics
        lesson.section("1. Pixel statistics, measured on the training split only");
        RunData raw = RunData.withValidation(lesson.rawData(), lesson.seed());   // grey levels 0..255
        RunData unit = transform(raw, Scaling::toUnitRange);                       // x / 255, in [0, 1]
        Standardizer global = Standardizer.global(unit.train());                   // one μ and σ
        Standardizer perPixel = Standardizer.perPixel(unit.train(), hp.minStd()); // μᵢ, σᵢ per pixel
        RunData standardized = transform(unit, global::apply);                     // (x - μ) / σ
        RunData perPixelStandardized = transform(unit, perPixel::apply);           // (xᵢ - μᵢ) / σᵢ
        double mu = global.mean()[0];
        double sigma = global.std()[0];
        lesson.out().printf("%d training, %d validation and %d test images; statistics from the %d training images%n",
                raw.train().size(), raw.validation().size(), raw.test().size(), raw.train().size());
        lesson.out().printf("global:    μ = %.4f (%.1f grey levels), σ = %.4f (%.1f grey levels)%n", mu, 255 * mu,
                sigma, 255 * sigma);
        int floored = countFloored(perPixel, hp.minStd());
        lesson.out().printf("per pixel: μᵢ from %.4f to %.4f, σᵢ from %.4f to %.4f; %d of 784 pixels vary less than "
                        + "one grey level and use the floor σ = 1/255%n", min(perPixel.mean()), max(perPixel.mean()),
                min(perPixel.std()), max(perPixel.std()), floored);
        lesson.metric("train_mean", mu);
        lesson.metric("train_std", sigma);
        lesson.metric("per_pixel_floored_pixels", floored);
        showPixelStatistics(lesson, perPixel);

        // The runs that diverge come last, so that every chart gives each input the same colour.
        List<Input> inputs = List.of(
                new Input("unit_range", "x/255 in [0,1]", unit, hp.lr()),
                new Input("standardized", "standardised (global)", standardized, hp.lr()),
                new Input("per_pixel", "standardised per pixel", perPixelStandardized, hp.lr()),
                new Input("raw_small_rate", "raw 0..255, η/255", raw, hp.lr() / 255),
                new Input("raw", "raw 0..255", raw, hp.lr()));
        List<Input> distinct = inputs.stream().filter(in -> !in.key().equals("raw_small_rate")).toList();
        TextTable stats = new TextTable("The same training statistics applied to every split", "input",
                "train mean", "train std", "train min", "train max", "test mean", "test std");
        for (Input in : distinct) {
            double[] tr = moments(in.data().train());
            double[] te = moments(in.data().test());
            stats.row(in.label(), f4(tr[0]), f4(tr[1]), f2(tr[2]), f2(tr[3]), f4(te[0]), f4(te[1]));
        }
        lesson.table(stats);
        double[] testStandardized = moments(standardized.test());
        lesson.metric("test_mean_after_standardizing", testStandardized[0]);
        lesson.metric("test_std_after_standardizing", testStandardized[1]);

        // ---------------------------------------------------------------- 2. one step at initialisation
        lesson.section("2. The same network, the same first batch, four input scalings");
        TextTable probe = new TextTable("At initialisation (He weights, seed " + lesson.seed() + "), first "
                + hp.probeSize() + " training images", "input", "std of z₁ = x·W₁ᵀ", "first loss", "‖∂L/∂W₁‖", "‖∂L/∂W₂‖");
        Map<String, double[]> atInit = new LinkedHashMap<>();
        for (Input in : distinct) {
            double[] m = probeInitialStep(in.data().train(), hp.probeSize(), lesson.seed());
            atInit.put(in.key(), m);
            probe.row(in.label(), f4(m[0]), f4(m[1]), f4(m[2]), f4(m[3]));
            lesson.metric(in.key() + "_first_loss", m[1]);
        }
        lesson.table(probe);
        double ratio = atInit.get("raw")[2] / atInit.get("unit_range")[2];
        lesson.out().printf("the first layer's gradient is %.0f times larger for raw pixels than for pixels in [0, 1]%n",
                ratio);
        lesson.metric("raw_to_unit_gradient_ratio", ratio);

        // ---------------------------------------------------------------- 3. training
        lesson.section("3. Training the baseline recipe on each input for " + hp.epochs() + " epochs");
        List<Recipe.Run> runs = new ArrayList<>();
        Map<String, Recipe.Run> byKey = new LinkedHashMap<>();
        for (Input in : inputs) {
            Recipe recipe = Recipe.BASELINE.withLabel(in.label()).withEpochs(hp.epochs()).withSeed(lesson.seed())
                    .withStepSchedule(new ConstantRate(in.rate()));      // constant η, losses kept per step
            Recipe.Run run = recipe.train(in.data(), lesson.progress(recipe));
            if (run.diverged() != null) {
                lesson.out().println("  " + in.label() + ": " + run.diverged());
            }
            runs.add(run);
            byKey.put(in.key(), run);
        }

        // ---------------------------------------------------------------- 4. results
        lesson.section("4. Results");
        plotCurves(lesson, runs, hp);
        TextTable table = new TextTable("Baseline recipe, " + hp.epochs() + " epochs, by input scaling", "input", "η",
                "first mini-batch loss", "last train loss", "validation accuracy", "test accuracy", "outcome");
        Input chosen = null;
        double bestValidation = -1;
        for (int i = 0; i < inputs.size(); i++) {
            Input in = inputs.get(i);
            Recipe.Run run = runs.get(i);
            // A diverged run stops with broken weights; we still measure what they predict.
            double test = run.diverged() == null ? run.testAccuracy()
                    : Evaluator.evaluate(run.model(), in.data().test()).accuracy();
            lesson.metric(in.key() + "_test_accuracy", test);
            lesson.metric(in.key() + "_diverged", run.diverged() == null ? 0 : 1);
            if (run.diverged() != null) {
                table.row(in.label(), String.format("%.3g", in.rate()), firstLoss(run), "-", "-",
                        pct(test), "diverged at step " + (run.history().stepLosses().size() + 1));
                continue;
            }
            EpochRecord last = run.history().last();
            table.row(in.label(), String.format("%.3g", in.rate()), firstLoss(run),
                    f4(last.trainLoss()), pct(last.validationAccuracy()), pct(test), "trained");
            lesson.metric(in.key() + "_validation_accuracy", last.validationAccuracy());
            if (last.validationAccuracy() > bestValidation) {
                bestValidation = last.validationAccuracy();
                chosen = in;
            }
        }
        lesson.table(table);
        lesson.json("runs", runs.stream().map(Recipe.Run::history).toList());
        if (chosen == null) {
            throw new IllegalArgumentException("every input scaling diverged: try a smaller learning rate");
        }
        double chosenTest = runs.get(inputs.indexOf(chosen)).testAccuracy();
        lesson.out().printf("%nchosen by validation accuracy: %s (%.2f%% on validation, %.2f%% on test)%n",
                chosen.label(), 100 * bestValidation, 100 * chosenTest);
        lesson.metric("chosen_validation_accuracy", bestValidation);
        lesson.metric("epochs", hp.epochs());
        Recipe.Run rawRun = byKey.get("raw");
        lesson.headline(String.format("At the learning rate that suits [0,1], raw 0..255 pixels %s; pixels in [0,1] reach "
                        + "%s and standardised pixels %s test accuracy after %d epochs (chosen on validation: %s).",
                rawRun.diverged() != null ? "diverge at step " + (rawRun.history().stepLosses().size() + 1)
                        : "reach " + pct(rawRun.testAccuracy()),
                pct(byKey.get("unit_range").testAccuracy()), pct(byKey.get("standardized").testAccuracy()), hp.epochs(),
                chosen.label()));
        Recipe.Run chosenRun = runs.get(inputs.indexOf(chosen));
        lesson.chose(chosen.label(), chosenRun.history(), chosenRun.model(), Map.of("input_scaling", chosen.label()));
        return new Results(chosenTest);
    }

    /** The loss of a run's first mini-batch, or "-" if even that was not a number. */
    private static String firstLoss(Recipe.Run run) {
        List<Float> losses = run.history().stepLosses();
        return losses.isEmpty() ? "-" : f4(losses.get(0));
    }

    /** The three splits with {@code f} applied to each: statistics inside {@code f} come from training data. */
    private static RunData transform(RunData data, UnaryOperator<Dataset> f) {
        return new RunData(f.apply(data.train()), f.apply(data.validation()), f.apply(data.test()));
    }

    /**
     * Builds the baseline network (the weights {@link Recipe#train} would start from), runs one
     * forward and backward pass on the first {@code batch} images, and returns the standard
     * deviation of the first layer's output {@code z₁}, the loss, and the norms of the gradients
     * of the two weight matrices. Nothing is updated.
     */
    private static double[] probeInitialStep(Dataset train, int batch, long seed) {
        Sequential net = Recipe.BASELINE.network().build(new SplittableRandom(seed).split());
        int b = Math.min(batch, train.size());
        float[] x = Arrays.copyOf(train.x(), b * train.features());            // [b, 784]
        int[] y = Arrays.copyOf(train.labels(), b);
        SoftmaxCrossEntropy loss = new SoftmaxCrossEntropy();
        float value = loss.forward(net.forward(x, b, true), y, b, train.classes());
        net.backward(loss.backward(), b);
        double z1 = ActivationStats.of(net, b).get(0).std();                   // layer 1 is Dense(784 -> 128)
        List<ParameterStats> p = ParameterStats.after(net.parameters(), null);  // W₁, b₁, W₂, b₂
        return new double[] {z1, value, p.get(0).gradientNorm(), p.get(2).gradientNorm()};
    }

    /** Mean, standard deviation, minimum and maximum of all pixel values of {@code d}. */
    private static double[] moments(Dataset d) {
        double sum = 0;
        double sumSq = 0;
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (float v : d.x()) {
            sum += v;
            sumSq += (double) v * v;
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
        }
        double mean = sum / d.x().length;
        return new double[] {mean, Math.sqrt(Math.max(0, sumSq / d.x().length - mean * mean)), lo, hi};
    }

    private static int countFloored(Standardizer s, float floor) {
        int n = 0;
        for (float v : s.std()) {
            if (v <= floor) {
                n++;
            }
        }
        return n;
    }

    /** The per-pixel mean and standard deviation as two 28x28 pictures. */
    private static void showPixelStatistics(Lesson lesson, Standardizer perPixel) {
        float hi = Math.max(max(perPixel.mean()), max(perPixel.std()));
        List<DigitGrid.Tile> tiles = List.of(new DigitGrid.Tile(perPixel.mean(), "mean μᵢ"),
                new DigitGrid.Tile(perPixel.std(), "std σᵢ"));
        lesson.figure("pixel-statistics", DigitGrid.render("Training split, per pixel", tiles, 28, 28, 2, 0f, hi),
                "Per-pixel statistics",
                "Black is 0, white is " + String.format("%.2f", hi) + ": the border is 0 in every training image, so "
                        + "its σ is 0 and per-pixel standardisation must floor it.",
                "Two 28x28 grey images: the average training digit, a bright blurred blob in the centre, and the "
                        + "per-pixel standard deviation, a bright ring around it; both are black at the border.");
    }

    private static void plotCurves(Lesson lesson, List<Recipe.Run> runs, Hyperparams hp) {
        List<Plots.Series> first = new ArrayList<>();
        List<Plots.Series> loss = new ArrayList<>();
        List<Plots.Series> accuracy = new ArrayList<>();
        for (Recipe.Run run : runs) {
            List<Float> steps = run.history().stepLosses();
            int n = Math.min(hp.stepsShown(), steps.size());
            double[] x = new double[n];
            double[] y = new double[n];
            for (int i = 0; i < n; i++) {
                x[i] = i + 1;
                y[i] = steps.get(i);
            }
            String label = run.recipe().label() + (run.diverged() != null ? " (diverged)" : "");
            first.add(new Plots.Series(label, x, y));
            if (run.diverged() == null) {
                loss.add(Plots.Series.ofEpochs(label,
                        run.history().epochs().stream().mapToDouble(EpochRecord::validationLoss).toArray()));
                accuracy.add(Plots.Series.ofEpochs(label,
                        run.history().epochs().stream().mapToDouble(e -> 100 * e.validationAccuracy()).toArray()));
            }
        }
        lesson.figure("first-steps", Plots.linesLogY("Loss of the first " + hp.stepsShown() + " mini-batches", "step",
                        "mini-batch loss (log scale)", first),
                "Each point is one mini-batch of 128; a run that diverged stops where its loss exploded.",
                "Line chart, log scale, of the training loss of the first mini-batches for each input scaling: raw "
                        + "pixels start above 100 and stop after one step at the baseline rate; the scaled inputs "
                        + "start near 2.3 and fall.");
        lesson.figure("loss", Plots.lines("Validation loss per epoch", "epoch", "cross-entropy loss", loss),
                "Lower is better; the runs that diverged have no curve.",
                "Line chart of validation loss per epoch for each input scaling that trained; raw pixels with a 255 "
                        + "times smaller rate stay well above the others.");
        lesson.figure("accuracy", Plots.lines("Validation accuracy per epoch", "epoch", "accuracy (%)", accuracy),
                "Accuracy on the 5,000 held-out training images after each epoch; higher is better.",
                "Line chart of validation accuracy per epoch for each input scaling that trained; the scaled and "
                        + "standardised inputs are close together above the raw-pixel run.");
    }

    private static float min(float[] a) {
        float m = Float.POSITIVE_INFINITY;
        for (float v : a) {
            m = Math.min(m, v);
        }
        return m;
    }

    private static float max(float[] a) {
        float m = Float.NEGATIVE_INFINITY;
        for (float v : a) {
            m = Math.max(m, v);
        }
        return m;
    }

    private static String f4(double v) {
        return String.format("%.4f", v);
    }

    private static String f2(double v) {
        return String.format("%.2f", v);
    }
}
