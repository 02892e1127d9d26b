package dev.knobs.lessons.l08;

import static dev.knobs.lessons.common.Percent.pct;

import dev.knobs.exercises.l08.AffineWarp;
import dev.knobs.lessons.common.CompilerWarmUp;
import dev.knobs.lessons.common.DigitGrid;
import dev.knobs.lessons.common.Knob;
import dev.knobs.lessons.common.Lesson;
import dev.knobs.lessons.common.LessonDefinition;
import dev.knobs.lessons.common.LessonResults;
import dev.knobs.lessons.common.Mode;
import dev.knobs.lessons.common.Parts;
import dev.knobs.lessons.common.TextTable;
import dev.knobs.lessons.common.UsageException;
import dev.knobs.lessons.common.Words;
import dev.knobs.nn.augment.Augmenter;
import dev.knobs.nn.augment.Compose;
import dev.knobs.nn.augment.ElasticDistortion;
import dev.knobs.nn.augment.ImageTransform;
import dev.knobs.nn.augment.RandomAffine;
import dev.knobs.nn.data.Dataset;
import dev.knobs.nn.data.RunData;
import dev.knobs.nn.init.HeNormal;
import dev.knobs.nn.io.Sha256;
import dev.knobs.nn.kernel.Parallel;
import dev.knobs.nn.layer.Mlp;
import dev.knobs.nn.metrics.EpochRecord;
import dev.knobs.nn.metrics.Evaluator;
import dev.knobs.nn.random.Seeds;
import dev.knobs.nn.train.Recipe;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.ToDoubleFunction;

/**
 * Lesson 08, augmentation. Changes from lesson 07: every training mini-batch now goes through a
 * random transform (a small shift, rotation, zoom and shear of each digit) before the forward
 * pass, so the network never sees exactly the same picture twice. The network keeps lesson 07's
 * dropout. Validation and test images are never transformed.
 *
 * <p>The lesson reads top to bottom: the data, with a fingerprint of the validation and test
 * pixels; each transform up close (shift, rotation, zoom, shear, elastic distortion) and what it
 * costs; training the same network without and with augmentation, from the same initial weights
 * and the same shuffles; choosing on validation accuracy; the results, with a stress test on moved
 * test digits; and the proof that the test images were not touched. It is what Keras'
 * {@code ImageDataGenerator} does for {@code model.fit}. The figures are drawn by
 * {@link AugmentationCharts}. Read it next to the lesson's README.md.
 *
 * <p>Run: {@code mvn -pl lessons/08-augmentation exec:java} (add
 * {@code -Dexec.args="--mode smoke"} for a seconds-long run; {@code --help} lists the knobs).
 */
public final class Augmentation {
    private Augmentation() {}

    /** Digits per grid (rows) and pictures per digit (the original, then random draws). */
    private static final int GRID_ROWS = 4;
    private static final int GRID_COLUMNS = 8;

    /** The transforms shown one by one, in order; a transform's place here seeds its grid's draws. */
    private static final List<String> SHOWN = List.of("shift", "rotation", "zoom", "shear", "elastic", "affine");

    /** The test digits of the stress test, in order; a probe's place here seeds its random moves. */
    private static final List<String> PROBES = List.of("original", "shift", "rotation", "shift 3 px");

    /**
     * The knobs of this lesson, each with its reason.
     *
     * @param hidden        two hidden layers of this width: enough capacity to overfit 15,000 images, cheap
     *                      enough to train twice within the standard budget (full mode: 512)
     * @param hiddenDropout 0.2 after each hidden layer, as in lesson 07, so both runs are regularised and the
     *                      comparison isolates augmentation
     * @param trainSize     training images used: 15,000 in standard mode, because a small training set
     *                      overfits within a few epochs, which is when augmentation pays off; full mode uses
     *                      all 55,000 (5,000 are always held out for validation)
     * @param epochs        30: augmentation slows early progress and needs many epochs to pay off
     * @param degrees       rotations within ±10°: a slanted writer, not a different digit (a 6 turned 180° is a 9)
     * @param shift         shifts within ±2 pixels: MNIST digits are centred by their centre of mass, so real
     *                      variation is small
     * @param zoom          zoom within ±10%: digits were scaled to a 20x20 box, so sizes vary little
     * @param shear         shear within ±10°: italic handwriting
     * @param elasticAlpha  elastic strength 34 (about 1.4 pixels of movement) and smoothness 4 pixels: the
     *                      setting with which Simard et al. 2003 took a 2-layer MLP to 0.7% test error; 0 turns
     *                      the elastic distortion off
     * @param elasticSigma  see {@code elasticAlpha}
     */
    record Hyperparams(int[] hidden, float hiddenDropout, int trainSize, int epochs, double degrees,
                       double shift, double zoom, double shear, double elasticAlpha,
                       double elasticSigma) {
        static Hyperparams defaults(Mode mode) {
            return new Hyperparams(mode.pick(new int[] {256, 256}, new int[] {256, 256}, new int[] {512, 512}), 0.2f,
                    mode.pick(15_000, 15_000, 55_000), mode.pick(2, 30, 60), 10, 2, 0.1, 10, 34, 4);
        }

        Hyperparams {
            if (elasticSigma < 0.1) {
                throw new UsageException("--elastic-sigma must be at least 0.1 pixels (the width of the Gaussian that "
                        + "smooths the distortion), got " + Knob.format(elasticSigma));
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

        /** The affine knobs that are on, as the reader sees them: {@code rotation ±10°, shift ±2 px, ...}. */
        String affineSetting() {
            List<String> on = new ArrayList<>();
            if (degrees > 0) {
                on.add("rotation ±" + number(degrees) + "°");
            }
            if (shift > 0) {
                on.add("shift ±" + number(shift) + " px");
            }
            if (zoom > 0) {
                on.add("zoom ±" + number(100 * zoom) + "%");
            }
            if (shear > 0) {
                on.add("shear ±" + number(shear) + "°");
            }
            return on.isEmpty() ? "no change (every range is 0)" : String.join(", ", on);
        }

        /** {@code shifts, rotations, zooms and shears}: what the affine augmentation does, for sentences. */
        String affineMoves() {
            List<String> on = new ArrayList<>();
            if (shift > 0) {
                on.add("shifts");
            }
            if (degrees > 0) {
                on.add("rotations");
            }
            if (zoom > 0) {
                on.add("zooms");
            }
            if (shear > 0) {
                on.add("shears");
            }
            return Words.and(on);
        }
    }

    /** A transform with the name used in file names and the setting shown to the reader. */
    record NamedTransform(String key, String setting, ImageTransform transform) {}

    /**
     * What this lesson found. Accuracies are fractions in [0, 1], measured after the last epoch;
     * training accuracy is measured on the batches as trained on (augmented, dropout on). "With
     * augmentation" is the run with the affine augmentation of all four knobs. The metric each
     * number is also reported as is named in brackets.
     *
     * @param testAccuracy                              test accuracy of the run chosen on validation accuracy
     * @param chosenAugmentation                        its augmentation: {@code none} or {@code affine} (and in
     *                                                  full mode a single transform or {@code affine-elastic});
     *                                                  {@code chosen_uses_augmentation} is 1 unless it is none
     * @param chosenSetting                             that augmentation's setting, e.g. {@code rotation ±10°, shift ±2 px, ...}
     * @param chosenValidationAccuracy                  its validation accuracy, the number it was chosen on
     * @param withoutAugmentationTrainAccuracy          training accuracy without augmentation
     * @param withoutAugmentationValidationAccuracy     ({@code without_augmentation_validation_accuracy})
     * @param withoutAugmentationTestAccuracy           ({@code without_augmentation_test_accuracy})
     * @param withAugmentationTrainAccuracy             training accuracy with augmentation
     * @param withAugmentationValidationAccuracy        ({@code with_augmentation_validation_accuracy})
     * @param withAugmentationTestAccuracy              ({@code with_augmentation_test_accuracy})
     * @param shiftedThreePixelsWithoutAugmentationAccuracy accuracy of the network trained without augmentation
     *                                                  on the test digits shifted by exactly 3 pixels in one of 8
     *                                                  directions ({@code shifted_3px_without_augmentation_accuracy})
     * @param shiftedThreePixelsWithAugmentationAccuracy the same for the network trained with augmentation
     *                                                  ({@code shifted_3px_with_augmentation_accuracy})
     * @param testDataUnchanged                         the SHA-256 of the test and validation pixels is the same
     *                                                  after training as before ({@code test_data_unchanged} is 1)
     * @param augmentedImages                           images the augmenter transformed in the run with
     *                                                  augmentation: epochs x training images ({@code augmented_images})
     * @param trainingImages                            images each run trained on ({@code training_images})
     * @param epochs                                    epochs of every run ({@code epochs})
     * @param transformsShown                           single transforms shown in a grid, before the
     *                                                  combination ({@code transforms_shown})
     */
    public record Results(double testAccuracy, String chosenAugmentation, String chosenSetting, double chosenValidationAccuracy,
                   double withoutAugmentationTrainAccuracy, double withoutAugmentationValidationAccuracy,
                   double withoutAugmentationTestAccuracy, double withAugmentationTrainAccuracy,
                   double withAugmentationValidationAccuracy, double withAugmentationTestAccuracy,
                   double shiftedThreePixelsWithoutAugmentationAccuracy, double shiftedThreePixelsWithAugmentationAccuracy,
                   boolean testDataUnchanged, long augmentedImages, int trainingImages, int epochs, int transformsShown)
            implements LessonResults {}

    /** The lesson: its folder, title, knobs and experiment. */
    public static final LessonDefinition<Hyperparams, Results> LESSON = new LessonDefinition<>("08-augmentation", "Augmentation",
            Hyperparams.class, Hyperparams::defaults, Results.class, Augmentation::run)
            .withExercises(() -> Parts.library().withResampler("08.1 affine warp with bilinear sampling (AffineWarp)",
                    AffineWarp::new));

    /** Runs the lesson with the knobs given as flags or in a knob file ({@code --help} lists them). */
    public static void main(String[] args) {
        Lesson.launch(args, LESSON);
    }

    static Results run(Lesson lesson, Hyperparams hp) {
        AugmentationCharts charts = new AugmentationCharts(lesson);

        // ---------------------------------------------------------------- 1. the data
        lesson.section("1. The data: training images to augment, validation and test images never augmented");
        RunData all = RunData.withValidation(lesson.data(), lesson.seed());
        RunData data = all.withFirstTrainingImages(hp.trainSize());
        Dataset train = data.train();
        lesson.out().printf("%,d training images (of %,d available), %,d validation images, %,d test images%n",
                train.size(), all.train().size(), data.validation().size(), data.test().size());
        String testBefore = fingerprint(data.test().x());
        String validationBefore = fingerprint(data.validation().x());
        String trainBefore = fingerprint(train.x());
        lesson.out().println("SHA-256 of the test pixels before training:       " + testBefore);
        lesson.out().println("SHA-256 of the validation pixels before training: " + validationBefore);

        // ---------------------------------------------------------------- 2. the transforms up close, one knob at a time
        lesson.section("2. The transforms, one knob at a time");
        Parts parts = lesson.parts();              // who resamples the affine maps: nn-core, or your 08.1
        List<NamedTransform> single = singleTransforms(hp, parts);
        NamedTransform affine = new NamedTransform("affine", hp.affineSetting(),
                parts.randomAffine(new RandomAffine(hp.degrees(), hp.shift(), hp.zoom(), hp.shear(), 0f)));
        NamedTransform elastic = single.stream().filter(t -> t.key().equals("elastic")).findFirst().orElse(null);
        NamedTransform affineElastic = elastic == null ? null : new NamedTransform("affine-elastic",
                "elastic, then the affine map", new Compose(elastic.transform(), affine.transform()));
        for (NamedTransform t : concat(single, List.of(affine))) {
            charts.transformGrid(t.key(), t.setting(), grid(t, train, lesson.seed()), train.height(), train.width(),
                    GRID_COLUMNS);
        }
        List<NamedTransform> timed = concat(single, affineElastic == null ? List.of(affine) : List.of(affine, affineElastic));
        measureCost(lesson, train, lesson.mode().pick(200, 2000, 2000), timed);

        // ---------------------------------------------------------------- 3. training without and with augmentation
        List<NamedTransform> variants = new ArrayList<>();
        variants.add(new NamedTransform("none", "no augmentation", null));
        if (lesson.mode() == Mode.FULL) {
            variants.addAll(single);
        }
        variants.add(affine);
        if (lesson.mode() == Mode.FULL && affineElastic != null) {
            variants.add(affineElastic);
        }
        Mlp network = new Mlp(hp.widths(), "relu", 0f, new float[] {hp.hiddenDropout()}, new HeNormal());
        Recipe base = Recipe.BASELINE.withNetwork(network).withEpochs(hp.epochs()).withSeed(lesson.seed());
        lesson.section("3. Training " + variants.size() + " times: " + base.describe());
        lesson.out().println("Same seed for every run: same initial weights, same shuffles, same dropout masks;"
                + " only the augmentation differs.");
        CompilerWarmUp.run(base, data, lesson);
        Map<String, Recipe.Run> runs = new LinkedHashMap<>();
        Map<String, Long> augmented = new LinkedHashMap<>();
        for (NamedTransform v : variants) {
            CountingTransform counted = v.transform() == null ? null : new CountingTransform(v.transform());
            Recipe recipe = base.withLabel(v.key()).withAugmentation(counted);
            Recipe.Run run = recipe.train(data, lesson.progress(recipe)).orThrow();
            runs.put(v.key(), run);
            augmented.put(v.key(), counted == null ? 0 : counted.images());
        }
        Recipe.Run without = runs.get("none");
        Recipe.Run with = runs.get(affine.key());

        // ---------------------------------------------------------------- 4. choosing on validation
        lesson.section("4. The choice, by validation accuracy");
        NamedTransform chosen = variants.get(0);
        for (NamedTransform v : variants) {
            if (validationAccuracy(runs.get(v.key())) > validationAccuracy(runs.get(chosen.key()))) {
                chosen = v;
            }
        }
        Recipe.Run chosenRun = runs.get(chosen.key());
        lesson.out().printf("chosen: %s (validation %s); its test accuracy: %s%n", chosen.key(),
                pct(validationAccuracy(chosenRun)), pct(chosenRun.history().last().testAccuracy()));

        // ---------------------------------------------------------------- 5. results
        lesson.section("5. Results");
        TextTable table = new TextTable("Without and with augmentation, " + Words.count(hp.epochs(), "epoch") + " on "
                + String.format("%,d", train.size()) + " images (train accuracy is on the augmented batches, dropout on)",
                "augmentation", "setting", "train accuracy", "validation accuracy", "test accuracy", "train - validation",
                "seconds");
        for (NamedTransform v : variants) {
            EpochRecord last = runs.get(v.key()).history().last();
            table.row(v.key(), v.setting(), pct(last.trainAccuracy()), pct(last.validationAccuracy()),
                    pct(last.testAccuracy()), String.format("%+.2f", 100 * (last.trainAccuracy() - last.validationAccuracy())),
                    String.format("%.1f", runs.get(v.key()).history().seconds()));
        }
        lesson.table(table);
        charts.validationAccuracy(curves(runs, e -> 100 * e.validationAccuracy()));
        charts.validationLoss(curves(runs, EpochRecord::validationLoss));
        Map<String, Recipe.Run> pair = new LinkedHashMap<>();
        pair.put("none", without);
        pair.put("affine", with);
        charts.trainVsValidation(curves(pair, e -> 100 * e.trainAccuracy()), curves(pair, e -> 100 * e.validationAccuracy()));
        lesson.json("histories", runs.values().stream().map(Recipe.Run::history).toList());
        double[] shiftedThreePixels = stressTest(lesson, charts, data.test(), without, with, hp);

        // ---------------------------------------------------------------- 6. proof: the test images were never augmented
        lesson.section("6. Proof that augmentation never touched the validation or test images");
        String testAfter = fingerprint(data.test().x());
        String validationAfter = fingerprint(data.validation().x());
        String trainAfter = fingerprint(train.x());
        boolean unchanged = testBefore.equals(testAfter) && validationBefore.equals(validationAfter);
        lesson.out().printf("test pixels       before %s%n                  after  %s  %s%n", testBefore, testAfter,
                testBefore.equals(testAfter) ? "identical" : "CHANGED");
        lesson.out().printf("validation pixels before %s%n                  after  %s  %s%n", validationBefore,
                validationAfter, validationBefore.equals(validationAfter) ? "identical" : "CHANGED");
        lesson.out().printf("training pixels   %s (the augmenter writes each batch into a separate buffer)%n",
                trainBefore.equals(trainAfter) ? "identical too" : "CHANGED");
        boolean onlyTraining = true;
        for (NamedTransform v : variants) {
            long count = augmented.get(v.key());
            onlyTraining &= count == (v.transform() == null ? 0L : (long) hp.epochs() * train.size());
            if (v.transform() == null) {
                lesson.out().printf("images augmented in run %-15s %,11d (this run has no augmenter)%n", v.key() + ":", count);
                continue;
            }
            lesson.out().printf("images augmented in run %-15s %,11d = %s x %,d training images%s%n", v.key() + ":",
                    count, Words.count(Math.toIntExact(count / Math.max(1, train.size())), "epoch"), train.size(),
                    count % Math.max(1, train.size()) == 0 ? "" : " (not a whole number of epochs!)");
        }
        lesson.out().println(onlyTraining
                ? "Every augmented image was a training image: validation and test images go through Evaluator.evaluate,"
                        + " which has no augmenter."
                : "The counts do not match epochs x training images: something other than training batches was augmented!");

        EpochRecord w = with.history().last();
        EpochRecord wo = without.history().last();
        double chosenTest = chosenRun.history().last().testAccuracy();
        Results results = new Results(chosenTest, chosen.key(), chosen.setting(), validationAccuracy(chosenRun),
                wo.trainAccuracy(), wo.validationAccuracy(), wo.testAccuracy(), w.trainAccuracy(), w.validationAccuracy(),
                w.testAccuracy(), shiftedThreePixels[0], shiftedThreePixels[1], unchanged, augmented.get(affine.key()),
                train.size(), hp.epochs(), single.size());
        lesson.metric("transforms_shown", single.size());
        lesson.metric("shifted_3px_without_augmentation_accuracy", shiftedThreePixels[0]);
        lesson.metric("shifted_3px_with_augmentation_accuracy", shiftedThreePixels[1]);
        lesson.metric("test_data_unchanged", unchanged ? 1 : 0);
        lesson.metric("augmented_images", augmented.get(affine.key()));
        lesson.metric("training_images", train.size());
        lesson.metric("epochs", hp.epochs());
        lesson.metric("with_augmentation_test_accuracy", w.testAccuracy());
        lesson.metric("without_augmentation_test_accuracy", wo.testAccuracy());
        lesson.metric("with_augmentation_validation_accuracy", w.validationAccuracy());
        lesson.metric("without_augmentation_validation_accuracy", wo.validationAccuracy());
        lesson.metric("chosen_uses_augmentation", chosen.key().equals("none") ? 0 : 1);

        String moves = hp.affineMoves();
        lesson.headline(String.format("%s take a %s network (%s, %,d images, %s) from %s to %s test accuracy; the test "
                        + "pixels' SHA-256 is %s before and after training.",
                moves.isEmpty() ? "Training batches passed through an augmentation with every range at 0"
                        : "Random " + moves + " of the training digits", Mlp.architecture(hp.widths()),
                hp.hiddenDropout() == 0 ? "no dropout" : "dropout " + Knob.format(hp.hiddenDropout()), train.size(),
                Words.count(hp.epochs(), "epoch"), pct(wo.testAccuracy()), pct(w.testAccuracy()),
                unchanged ? "identical" : "NOT identical"));
        lesson.chose(chosen.key(), chosenRun.history(), chosenRun.model());
        return results;
    }

    /**
     * Each knob of the affine augmentation on its own, then the elastic distortion; a knob set to 0
     * is left out. The affine maps are resampled by {@code parts}.
     */
    private static List<NamedTransform> singleTransforms(Hyperparams hp, Parts parts) {
        List<NamedTransform> single = new ArrayList<>();
        if (hp.shift() > 0) {
            single.add(new NamedTransform("shift", "shift ±" + number(hp.shift()) + " px",
                    parts.randomAffine(RandomAffine.shiftOnly(hp.shift()))));
        }
        if (hp.degrees() > 0) {
            single.add(new NamedTransform("rotation", "rotation ±" + number(hp.degrees()) + "°",
                    parts.randomAffine(RandomAffine.rotationOnly(hp.degrees()))));
        }
        if (hp.zoom() > 0) {
            single.add(new NamedTransform("zoom", "zoom ±" + number(100 * hp.zoom()) + "%",
                    parts.randomAffine(new RandomAffine(0, 0, hp.zoom(), 0, 0f))));
        }
        if (hp.shear() > 0) {
            single.add(new NamedTransform("shear", "shear ±" + number(hp.shear()) + "°",
                    parts.randomAffine(new RandomAffine(0, 0, 0, hp.shear(), 0f))));
        }
        if (hp.elasticAlpha() > 0) {
            single.add(new NamedTransform("elastic", "elastic α=" + number(hp.elasticAlpha()) + " σ="
                    + number(hp.elasticSigma()), new ElasticDistortion(hp.elasticAlpha(), hp.elasticSigma(), 0f)));
        }
        return single;
    }

    /**
     * A grid's tiles: each of the first {@code GRID_ROWS} training digits as it is, then
     * {@code GRID_COLUMNS - 1} random draws of the transform (made with {@code applyToCopy}, so the
     * digit is not modified), each labelled with what was drawn.
     */
    private static List<DigitGrid.Tile> grid(NamedTransform t, Dataset train, long seed) {
        int h = train.height();
        int w = train.width();
        int f = train.features();
        int index = SHOWN.indexOf(t.key());
        List<DigitGrid.Tile> tiles = new ArrayList<>();
        for (int row = 0; row < Math.min(GRID_ROWS, train.size()); row++) {
            float[] original = Arrays.copyOfRange(train.x(), row * f, (row + 1) * f);
            tiles.add(new DigitGrid.Tile(original, "original " + train.labels()[row]));
            for (int k = 1; k < GRID_COLUMNS; k++) {
                long drawSeed = Seeds.mix(seed, index, row * GRID_COLUMNS + k);
                tiles.add(new DigitGrid.Tile(t.transform().applyToCopy(original, h, w, drawSeed),
                        AugmentationCharts.drawLabel(t.transform(), h, w, drawSeed, k)));
            }
        }
        return tiles;
    }

    /**
     * Measures each transform on {@code images} training images, one after the other on this
     * thread, and prints its cost per image and per epoch. The cost is CPU time of this thread,
     * not wall-clock time, so other programs running at the same time do not inflate it; every
     * transform first runs three untimed passes, so that the figures show compiled code; then
     * all transforms take turns for three timed passes and each keeps its best.
     */
    private static void measureCost(Lesson lesson, Dataset train, int images, List<NamedTransform> transforms) {
        int n = Math.min(images, train.size());
        int f = train.features();
        float[] out = new float[f];
        ThreadMXBean clock = ManagementFactory.getThreadMXBean();
        int threads = Parallel.threads();
        TextTable table = new TextTable("Cost of each transform (CPU time, best of 3 passes over " + n + " images)",
                "transform", "setting", "microseconds per image", "seconds per epoch of " + String.format("%,d", train.size())
                        + " on " + threads + " threads");
        Map<String, Double> micros = new LinkedHashMap<>();
        for (int pass = 0; pass < 3; pass++) {
            for (NamedTransform t : transforms) {
                applyToEach(t.transform(), train, n, -1 - pass, out);
            }
        }
        for (int pass = 1; pass <= 3; pass++) {
            for (NamedTransform t : transforms) {
                long start = clock.getCurrentThreadCpuTime();
                applyToEach(t.transform(), train, n, pass, out);
                double us = (clock.getCurrentThreadCpuTime() - start) / 1e3 / n;
                micros.merge(t.key(), us, Math::min);
            }
        }
        for (NamedTransform t : transforms) {
            double us = micros.get(t.key());
            table.row(t.key(), t.setting(), String.format("%.1f", us),
                    String.format("%.2f", us * train.size() / 1e6 / threads));
        }
        lesson.table(table);
        lesson.json("transform-cost-microseconds", micros);
    }

    /** Transforms the first {@code n} training images one by one into {@code out} (overwritten each time). */
    private static void applyToEach(ImageTransform t, Dataset train, int n, long pass, float[] out) {
        int f = train.features();
        for (int i = 0; i < n; i++) {
            t.apply(train.x(), i * f, out, 0, train.height(), train.width(), new SplittableRandom(Seeds.mix(pass, i)));
        }
    }

    /**
     * A stress test after training: both networks on moved copies of the test digits (a new array
     * each time; the test set itself is not modified, as section 6 checks). Never used to choose.
     * A move whose knob is 0 is left out; the others draw the same moves whatever is left out.
     *
     * @return the accuracy of the networks without and with augmentation on the digits shifted by exactly 3 pixels
     */
    private static double[] stressTest(Lesson lesson, AugmentationCharts charts, Dataset test, Recipe.Run without,
                                       Recipe.Run with, Hyperparams hp) {
        List<NamedTransform> probes = new ArrayList<>();
        probes.add(new NamedTransform("original", "the test digits as they are", null));
        if (hp.shift() > 0) {
            probes.add(new NamedTransform("shift", "shifted ±" + number(hp.shift()) + " px",
                    lesson.parts().randomAffine(RandomAffine.shiftOnly(hp.shift()))));
        }
        if (hp.degrees() > 0) {
            probes.add(new NamedTransform("rotation", "rotated ±" + number(hp.degrees()) + "°",
                    lesson.parts().randomAffine(RandomAffine.rotationOnly(hp.degrees()))));
        }
        probes.add(new NamedTransform("shift 3 px", "shifted by exactly 3 px in a random direction of 8",
                new ThreePixelShift()));
        TextTable table = new TextTable("Stress test: accuracy on moved copies of the test digits (never used to choose)",
                "test images", "without augmentation", "with augmentation");
        List<String> names = new ArrayList<>();
        double[] withoutAcc = new double[probes.size()];
        double[] withAcc = new double[probes.size()];
        for (int i = 0; i < probes.size(); i++) {
            NamedTransform p = probes.get(i);
            Dataset probe = test;
            if (p.transform() != null) {
                float[] moved = new float[test.x().length];
                new Augmenter(p.transform(), Seeds.mix(lesson.seed(), 0x7e57L, PROBES.indexOf(p.key())))
                        .augment(test.x(), test.size(), test.height(), test.width(), 0, 0, moved);
                probe = test.withPixels(test.name() + "/" + p.key(), moved);
            }
            withoutAcc[i] = 100 * Evaluator.evaluate(without.model(), probe).accuracy();
            withAcc[i] = 100 * Evaluator.evaluate(with.model(), probe).accuracy();
            names.add(p.key());
            table.row(p.setting(), String.format("%.2f%%", withoutAcc[i]), String.format("%.2f%%", withAcc[i]));
        }
        lesson.table(table);
        charts.stressTest(names, withoutAcc, withAcc);
        return new double[] {withoutAcc[probes.size() - 1] / 100, withAcc[probes.size() - 1] / 100};
    }

    /**
     * Moves the whole image by exactly 3 pixels in one of 8 directions (drawn at random): further
     * than any training shift, to show how a dense network reacts to movement it never saw.
     */
    private static final class ThreePixelShift implements ImageTransform {
        private static final int[][] DIRECTIONS = {{3, 0}, {-3, 0}, {0, 3}, {0, -3}, {3, 3}, {3, -3}, {-3, 3}, {-3, -3}};

        /** {@code dst(r, c) = src(r - dy, c - dx)}, 0 where that falls outside; {@code src} is not modified. */
        @Override
        public void apply(float[] src, int srcOff, float[] dst, int dstOff, int height, int width, SplittableRandom random) {
            int[] d = DIRECTIONS[random.nextInt(DIRECTIONS.length)];
            for (int r = 0; r < height; r++) {
                for (int c = 0; c < width; c++) {
                    int sr = r - d[1];
                    int sc = c - d[0];
                    boolean inside = sr >= 0 && sr < height && sc >= 0 && sc < width;
                    dst[dstOff + r * width + c] = inside ? src[srcOff + sr * width + sc] : 0f;
                }
            }
        }
    }

    /**
     * Passes every image to another transform and counts them. The training loop hands the
     * augmenter training batches only, so after a run the count must be epochs × training images.
     */
    private static final class CountingTransform implements ImageTransform {
        private final ImageTransform inner;
        private final LongAdder images = new LongAdder();

        CountingTransform(ImageTransform inner) {
            this.inner = inner;
        }

        /** Applies the wrapped transform; {@code src} is not modified, {@code dst} is overwritten. */
        @Override
        public void apply(float[] src, int srcOff, float[] dst, int dstOff, int height, int width, SplittableRandom random) {
            images.increment();
            inner.apply(src, srcOff, dst, dstOff, height, width, random);
        }

        long images() {
            return images.sum();
        }

        @Override
        public String toString() {
            return inner.toString();
        }
    }

    /** SHA-256 of the pixels' exact bits, as hex: any change to any pixel changes it. */
    private static String fingerprint(float[] pixels) {
        return Sha256.hex(pixels);
    }

    private static double validationAccuracy(Recipe.Run run) {
        return run.history().last().validationAccuracy();
    }

    /** One number per epoch of each run, by its name. */
    private static Map<String, double[]> curves(Map<String, Recipe.Run> runs, ToDoubleFunction<EpochRecord> value) {
        Map<String, double[]> curves = new LinkedHashMap<>();
        runs.forEach((name, run) -> curves.put(name, run.history().epochs().stream().mapToDouble(value).toArray()));
        return curves;
    }

    /** A knob's value as the text writes it: {@code 2}, {@code 10}, {@code 7.5}, at most two decimals. */
    static String number(double v) {
        return BigDecimal.valueOf(v).setScale(2, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
        List<T> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

}
