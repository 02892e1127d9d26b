package dev.knobs.lessons.l02;

import static dev.knobs.lessons.common.Percent.pct;

import dev.knobs.exercises.l02.TrainingStandardizer;
import dev.knobs.lessons.common.Knob;
import dev.knobs.lessons.common.Lesson;
import dev.knobs.lessons.common.LessonDefinition;
import dev.knobs.lessons.common.LessonResults;
import dev.knobs.lessons.common.Mode;
import dev.knobs.lessons.common.Parts;
import dev.knobs.lessons.common.TextTable;
import dev.knobs.lessons.common.Words;
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
     * The knobs of this lesson, each with its reason (every one is a flag, e.g. {@code --lr 0.01}).
     *
     * @param lr         0.05: the baseline's rate, which suits inputs in [0, 1]; it stays fixed so
     *                   that only the input scaling changes (one extra raw run divides it by 255)
     * @param epochs     passes over the training split, as in the baseline recipe
     * @param minStd     floor for a pixel's σ, one grey level (1/255): pixels at the border of
     *                   MNIST are 0 in every training image, and 0/0 is not a number
     * @param probeSize  training images used to measure the first loss and gradients (at most the
     *                   whole training split)
     * @param stepsShown mini-batch losses drawn in the plot of the first steps
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
     * What one forward and backward pass of the untrained baseline network over the first
     * training images shows for one input scaling. Nothing is updated.
     *
     * @param firstLayerOutputStd    standard deviation of the first layer's output z₁ = x·W₁ᵀ + b₁
     * @param loss                   cross-entropy of those images, in nats
     * @param firstLayerGradientNorm ‖∂L/∂W₁‖, the Frobenius norm of the first weight matrix's gradient
     * @param outputLayerGradientNorm ‖∂L/∂W₂‖, the same for the output layer
     */
    record Probe(double firstLayerOutputStd, double loss, double firstLayerGradientNorm, double outputLayerGradientNorm) {}

    /**
     * What became of one input scaling.
     *
     * @param label                  its name in tables and legends, e.g. {@code x/255 in [0,1]}
     * @param learningRate           the constant η it trained with
     * @param firstLoss              loss of the untrained network on the probe images, in nats (the same
     *                               for both raw runs: the rate plays no part before the first step)
     * @param firstLayerGradientNorm ‖∂L/∂W₁‖ on the probe images at initialisation
     * @param firstMiniBatchLoss     loss of the first training mini-batch, in nats
     * @param diverged               true if training stopped because the loss exploded or became NaN
     * @param divergedAtStep         the mini-batch step at which it stopped (0 if it trained to the end)
     * @param lastTrainLoss          mean mini-batch loss of the last epoch, in nats (NaN if it diverged)
     * @param validationAccuracy     on the held-out validation images after the last epoch (NaN if it diverged)
     * @param testAccuracy           on the test set after the last epoch; for a diverged run, what its broken
     *                               weights predict
     */
    record InputOutcome(String label, float learningRate, double firstLoss, double firstLayerGradientNorm,
                        double firstMiniBatchLoss, boolean diverged, int divergedAtStep, double lastTrainLoss,
                        double validationAccuracy, double testAccuracy) {}

    /**
     * What this lesson found. Statistics are measured on the training split only; accuracies
     * after the last epoch.
     *
     * @param testAccuracy               test accuracy of the input scaling chosen on validation data, in [0, 1]
     * @param chosenInput                the input scaling chosen on validation accuracy, e.g. {@code x/255 in [0,1]}
     * @param chosenValidationAccuracy   its validation accuracy, in [0, 1]
     * @param epochs                     passes over the training split, for every input
     * @param trainMean                  mean μ of all training pixel values after dividing by 255
     * @param trainStd                   their standard deviation σ
     * @param perPixelFlooredPixels      pixel positions whose σᵢ is at most {@code --min-std} and is replaced by it
     * @param testMeanAfterStandardizing mean of the test pixels standardised with the training μ and σ: near 0,
     *                                   not exactly 0, because nothing is re-fitted on the test set
     * @param testStdAfterStandardizing  their standard deviation: near 1, not exactly 1
     * @param rawToUnitGradientRatio     ‖∂L/∂W₁‖ for raw pixels over ‖∂L/∂W₁‖ for pixels in [0, 1], at
     *                                   initialisation on the same images
     * @param unitRange                  pixels divided by 255, in [0, 1]
     * @param standardized               pixels standardised with one training mean and standard deviation
     * @param perPixel                   pixels standardised each with its own training mean and standard deviation
     * @param rawSmallRate               raw grey levels 0..255, trained with η / 255
     * @param raw                        raw grey levels 0..255, trained with η
     */
    public record Results(double testAccuracy, String chosenInput, double chosenValidationAccuracy, int epochs,
                   double trainMean, double trainStd, int perPixelFlooredPixels, double testMeanAfterStandardizing,
                   double testStdAfterStandardizing, double rawToUnitGradientRatio, InputOutcome unitRange,
                   InputOutcome standardized, InputOutcome perPixel, InputOutcome rawSmallRate, InputOutcome raw)
            implements LessonResults {}

    /** The lesson: its folder, title, knobs and experiment. */
    public static final LessonDefinition<Hyperparams, Results> LESSON = new LessonDefinition<>("02-normalization", "Input normalisation",
            Hyperparams.class, Hyperparams::defaults, Results.class, Normalization::run)
            .withExercises(() -> Parts.library().withStandardizer("02.1 standardiser from training statistics "
                    + "(TrainingStandardizer)", TrainingStandardizer::fit));

    /** Runs the lesson with the knobs given as flags or in a knob file ({@code --help} lists them). */
    public static void main(String[] args) {
        Lesson.launch(args, LESSON);
    }

    static Results run(Lesson lesson, Hyperparams hp) {

        // ---------------------------------------------------------------- 1. the data and its statistics
        lesson.section("1. Pixel statistics, measured on the training split only");
        RunData raw = RunData.withValidation(lesson.rawData(), lesson.seed());   // grey levels 0..255
        RunData unit = transform(raw, Scaling::toUnitRange);                       // x / 255, in [0, 1]
        Standardizer global = Standardizer.global(unit.train());                   // one μ and σ
        Standardizer perPixel = lesson.parts().perPixelStandardizer(unit.train(), hp.minStd());   // μᵢ, σᵢ per pixel
        RunData standardized = transform(unit, global::apply);                     // (x - μ) / σ
        RunData perPixelStandardized = transform(unit, perPixel::apply);           // (xᵢ - μᵢ) / σᵢ
        double mu = global.mean()[0];
        double sigma = global.std()[0];
        lesson.out().printf("%d training, %d validation and %d test images; statistics from the %d training images%n",
                raw.train().size(), raw.validation().size(), raw.test().size(), raw.train().size());
        lesson.out().printf("global:    μ = %.4f (%.1f grey levels), σ = %.4f (%.1f grey levels)%n", mu, 255 * mu,
                sigma, 255 * sigma);
        int floored = countFloored(perPixel, hp.minStd());
        lesson.out().printf("per pixel: μᵢ from %.4f to %.4f, σᵢ from %.4f to %.4f; %d of %d pixels vary less than "
                        + "%s and use the floor σ = %s%n", min(perPixel.mean()), max(perPixel.mean()),
                min(perPixel.std()), max(perPixel.std()), floored, raw.train().features(), greyLevels(hp.minStd()),
                floor(hp.minStd()));
        lesson.metric("train_mean", mu);
        lesson.metric("train_std", sigma);
        lesson.metric("per_pixel_floored_pixels", floored);
        NormalizationCharts.pixelStatistics(lesson, perPixel.mean(), perPixel.std(), raw.train().height(),
                raw.train().width());

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

        // ---------------------------------------------------------------- 2. the knob up close: one step at initialisation
        lesson.section("2. The same network, the same first batch, four input scalings");
        int probeImages = Math.min(hp.probeSize(), raw.train().size());
        TextTable probeTable = new TextTable("At initialisation (He weights, seed " + lesson.seed() + "), first "
                + probeImages + " training images", "input", "std of z₁ = x·W₁ᵀ", "first loss", "‖∂L/∂W₁‖", "‖∂L/∂W₂‖");
        Map<String, Probe> probes = new LinkedHashMap<>();
        for (Input in : distinct) {
            Probe p = probeInitialStep(in.data().train(), probeImages, lesson.seed());
            probes.put(in.key(), p);
            probeTable.row(in.label(), f4(p.firstLayerOutputStd()), f4(p.loss()), f4(p.firstLayerGradientNorm()),
                    f4(p.outputLayerGradientNorm()));
            lesson.metric(in.key() + "_first_loss", p.loss());
        }
        probes.put("raw_small_rate", probes.get("raw"));                            // same pixels, same weights
        lesson.table(probeTable);
        double ratio = probes.get("raw").firstLayerGradientNorm() / probes.get("unit_range").firstLayerGradientNorm();
        lesson.out().printf("the first layer's gradient is %.0f times larger for raw pixels than for pixels in [0, 1]%n",
                ratio);
        lesson.metric("raw_to_unit_gradient_ratio", ratio);

        // ---------------------------------------------------------------- 3. training
        lesson.section("3. Training the baseline recipe on each input for " + Words.epochs(hp.epochs()));
        List<Recipe.Run> runs = new ArrayList<>();
        for (Input in : inputs) {
            Recipe recipe = Recipe.BASELINE.withLabel(in.label()).withEpochs(hp.epochs()).withSeed(lesson.seed())
                    .withStepSchedule(new ConstantRate(in.rate()));      // constant η, losses kept per step
            Recipe.Run run = recipe.train(in.data(), lesson.progress(recipe));
            if (run.diverged() != null) {
                lesson.out().println("  " + in.label() + ": " + run.diverged());
            }
            runs.add(run);
        }

        // ---------------------------------------------------------------- 4. results, and the choice on validation
        lesson.section("4. Results");
        int longest = runs.stream().mapToInt(r -> r.history().stepLosses().size()).max().orElse(0);
        NormalizationCharts.firstSteps(lesson, runs, Math.min(hp.stepsShown(), longest), Recipe.BASELINE.batchSize());
        NormalizationCharts.validationLoss(lesson, runs);
        NormalizationCharts.validationAccuracy(lesson, runs, raw.validation().size());
        TextTable table = new TextTable("Baseline recipe, " + Words.epochs(hp.epochs()) + ", by input scaling", "input", "η",
                "first mini-batch loss", "last train loss", "validation accuracy", "test accuracy", "outcome");
        Map<String, InputOutcome> outcomes = new LinkedHashMap<>();
        for (int i = 0; i < inputs.size(); i++) {
            Input in = inputs.get(i);
            Recipe.Run run = runs.get(i);
            InputOutcome o = outcome(in, run, probes.get(in.key()));
            outcomes.put(in.key(), o);
            lesson.metric(in.key() + "_test_accuracy", o.testAccuracy());
            lesson.metric(in.key() + "_diverged", o.diverged() ? 1 : 0);
            if (o.diverged()) {
                table.row(in.label(), String.format("%.3g", in.rate()), firstLoss(run), "-", "-",
                        pct(o.testAccuracy()), "diverged at step " + o.divergedAtStep());
                continue;
            }
            table.row(in.label(), String.format("%.3g", in.rate()), firstLoss(run),
                    f4(o.lastTrainLoss()), pct(o.validationAccuracy()), pct(o.testAccuracy()), "trained");
            lesson.metric(in.key() + "_validation_accuracy", o.validationAccuracy());
        }
        lesson.table(table);
        lesson.json("runs", runs.stream().map(Recipe.Run::history).toList());

        // The first input with the highest validation accuracy; a diverged run cannot be chosen.
        Input chosen = null;
        for (Input in : inputs) {
            InputOutcome o = outcomes.get(in.key());
            if (!o.diverged() && (chosen == null || o.validationAccuracy() > outcomes.get(chosen.key()).validationAccuracy())) {
                chosen = in;
            }
        }
        if (chosen == null) {
            throw new IllegalArgumentException("every input scaling diverged: try a smaller learning rate");
        }
        InputOutcome pick = outcomes.get(chosen.key());
        lesson.out().printf("%nchosen by validation accuracy: %s (%.2f%% on validation, %.2f%% on test)%n",
                chosen.label(), 100 * pick.validationAccuracy(), 100 * pick.testAccuracy());
        lesson.metric("chosen_validation_accuracy", pick.validationAccuracy());
        lesson.metric("epochs", hp.epochs());
        lesson.headline(headline(hp, outcomes, chosen.label()));
        Recipe.Run chosenRun = runs.get(inputs.indexOf(chosen));
        lesson.chose(chosen.label(), chosenRun.history(), chosenRun.model(), Map.of("input_scaling", chosen.label()));
        return new Results(pick.testAccuracy(), chosen.label(), pick.validationAccuracy(), hp.epochs(), mu, sigma,
                floored, testStandardized[0], testStandardized[1], ratio, outcomes.get("unit_range"),
                outcomes.get("standardized"), outcomes.get("per_pixel"), outcomes.get("raw_small_rate"),
                outcomes.get("raw"));
    }

    /** What became of one input: a diverged run stops with broken weights, and we still measure what they predict. */
    private static InputOutcome outcome(Input in, Recipe.Run run, Probe probe) {
        List<Float> steps = run.history().stepLosses();
        double firstMiniBatchLoss = steps.isEmpty() ? Double.NaN : steps.get(0);
        if (run.diverged() != null) {
            double test = Evaluator.evaluate(run.model(), in.data().test()).accuracy();
            return new InputOutcome(in.label(), in.rate(), probe.loss(), probe.firstLayerGradientNorm(),
                    firstMiniBatchLoss, true, steps.size() + 1, Double.NaN, Double.NaN, test);
        }
        EpochRecord last = run.history().last();
        return new InputOutcome(in.label(), in.rate(), probe.loss(), probe.firstLayerGradientNorm(), firstMiniBatchLoss,
                false, 0, last.trainLoss(), last.validationAccuracy(), run.testAccuracy());
    }

    /** The run in one sentence: what happened to raw pixels at this rate, to pixels in [0, 1], to standardised ones. */
    private static String headline(Hyperparams hp, Map<String, InputOutcome> outcomes, String chosen) {
        String rate = hp.lr() == Recipe.BASELINE.schedule().rate(0) ? "the learning rate that suits [0,1]"
                : "η = " + Knob.format(hp.lr());
        InputOutcome unit = outcomes.get("unit_range");
        InputOutcome standardized = outcomes.get("standardized");
        String scaled = !unit.diverged() && !standardized.diverged()
                ? String.format("pixels in [0,1] reach %s and standardised pixels %s test accuracy",
                        pct(unit.testAccuracy()), pct(standardized.testAccuracy()))
                : "pixels in [0,1] " + fate(unit) + " and standardised pixels " + fate(standardized);
        return String.format("At %s, raw 0..255 pixels %s; %s after %s (chosen on validation: %s).",
                rate, fate(outcomes.get("raw")).replace(" test accuracy", ""), scaled, Words.epochs(hp.epochs()), chosen);
    }

    /** "diverge at step 2" or "reach 97.58% test accuracy". */
    private static String fate(InputOutcome o) {
        return o.diverged() ? "diverge at step " + o.divergedAtStep() : "reach " + pct(o.testAccuracy()) + " test accuracy";
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
     * forward and backward pass on the first {@code images} training images, and measures the
     * spread of the first layer's output {@code z₁}, the loss, and the norms of the gradients of
     * the two weight matrices. Nothing is updated.
     */
    private static Probe probeInitialStep(Dataset train, int images, long seed) {
        Sequential net = Recipe.BASELINE.network().build(new SplittableRandom(seed).split());
        int b = Math.min(images, train.size());
        float[] x = Arrays.copyOf(train.x(), b * train.features());            // [b, 784]
        int[] y = Arrays.copyOf(train.labels(), b);
        SoftmaxCrossEntropy loss = new SoftmaxCrossEntropy();
        float value = loss.forward(net.forward(x, b, true), y, b, train.classes());
        net.backward(loss.backward(), b);
        double z1 = ActivationStats.of(net, b).get(0).std();                   // layer 1 is Dense(784 -> 128)
        List<ParameterStats> p = ParameterStats.after(net.parameters(), null);  // W₁, b₁, W₂, b₂
        return new Probe(z1, value, p.get(0).gradientNorm(), p.get(2).gradientNorm());
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

    /** The floor σ as grey levels: {@code 1/255 -> "one grey level"}, {@code 0.1 -> "25.5 grey levels"}. */
    private static String greyLevels(float minStd) {
        float levels = 255 * minStd;
        return Math.abs(levels - 1) < 1e-4 ? "one grey level" : Knob.format(Math.round(levels * 100) / 100.0) + " grey levels";
    }

    /** The floor σ itself: {@code 1/255} when it is a whole number of grey levels, else the number. */
    private static String floor(float minStd) {
        float levels = 255 * minStd;
        return Math.abs(levels - Math.round(levels)) < 1e-4 ? Math.round(levels) + "/255" : Knob.format(minStd);
    }

    private static String f4(double v) {
        return String.format("%.4f", v);
    }

    private static String f2(double v) {
        return String.format("%.2f", v);
    }
}
