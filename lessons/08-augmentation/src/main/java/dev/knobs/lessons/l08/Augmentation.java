package dev.knobs.lessons.l08;

import static dev.knobs.lessons.common.Percent.pct;

import dev.knobs.lessons.common.CompilerWarmUp;
import dev.knobs.lessons.common.DigitGrid;
import dev.knobs.lessons.common.Lesson;
import dev.knobs.lessons.common.LessonDefinition;
import dev.knobs.lessons.common.LessonResults;
import dev.knobs.lessons.common.Mode;
import dev.knobs.lessons.common.Plots;
import dev.knobs.lessons.common.TextTable;
import dev.knobs.nn.augment.AffineMatrix;
import dev.knobs.nn.augment.Augmenter;
import dev.knobs.nn.augment.Compose;
import dev.knobs.nn.augment.ElasticDistortion;
import dev.knobs.nn.augment.ImageTransform;
import dev.knobs.nn.augment.RandomAffine;
import dev.knobs.nn.data.Dataset;
import dev.knobs.nn.data.RunData;
import dev.knobs.nn.init.HeNormal;
import dev.knobs.nn.kernel.Parallel;
import dev.knobs.nn.layer.Mlp;
import dev.knobs.nn.metrics.EpochRecord;
import dev.knobs.nn.metrics.Evaluator;
import dev.knobs.nn.random.Seeds;
import dev.knobs.nn.train.Recipe;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.LongAdder;

/**
 * Lesson 08, augmentation. Changes from lesson 07: every training mini-batch now goes through a
 * random transform (a small shift, rotation, zoom and shear of each digit) before the forward
 * pass, so the network never sees exactly the same picture twice. The network keeps lesson 07's
 * dropout. Validation and test images are never transformed.
 *
 * <p>We look at each transform on its own (shift, rotation, zoom, shear, elastic distortion),
 * measure what each costs, train the same network twice, without and with augmentation, from the
 * same initial weights and the same shuffles, choose by validation accuracy, and prove that the
 * test images were not touched. It is what Keras' {@code ImageDataGenerator} does for
 * {@code model.fit}. Read it next to the lesson's README.md.
 *
 * <p>Run: {@code mvn -pl lessons/08-augmentation exec:java} (add
 * {@code -Dexec.args="--mode smoke"} for a seconds-long run).
 */
public final class Augmentation {
    private Augmentation() {}

    /** Digits per grid (rows) and pictures per digit (the original, then random draws). */
    private static final int GRID_ROWS = 4;
    private static final int GRID_COLUMNS = 8;

    /**
     * The knobs of this lesson, each with its reason.
     *
     * @param hidden          two hidden layers of this width: enough capacity to overfit 15,000 images, cheap
     *                        enough to train twice within the standard budget (full mode: 512)
     * @param hiddenDropout         0.2 after each hidden layer, as in lesson 07, so both runs are regularised and the
     *                        comparison isolates augmentation
     * @param trainSize     training images used: 15,000 in standard mode, because a small training set
     *                        overfits within a few epochs, which is when augmentation pays off; full mode uses
     *                        all 55,000 (5,000 are always held out for validation)
     * @param epochs          30: augmentation slows early progress and needs many epochs to pay off
     * @param degrees      rotations within ±10°: a slanted writer, not a different digit (a 6 turned 180° is a 9)
     * @param shift  shifts within ±2 pixels: MNIST digits are centred by their centre of mass, so real
     *                        variation is small
     * @param zoom         zoom within ±10%: digits were scaled to a 20x20 box, so sizes vary little
     * @param shear shear within ±10°: italic handwriting
     * @param elasticAlpha    elastic strength 34 (about 1.4 pixels of movement) and smoothness 4 pixels: the
     *                        setting with which Simard et al. 2003 took a 2-layer MLP to 0.7% test error
     * @param elasticSigma    see {@code elasticAlpha}
     */
    record Hyperparams(int[] hidden, float hiddenDropout, int trainSize, int epochs, double degrees,
                       double shift, double zoom, double shear, double elasticAlpha,
                       double elasticSigma) {
        static Hyperparams defaults(Mode mode) {
            return new Hyperparams(mode.pick(new int[] {256, 256}, new int[] {256, 256}, new int[] {512, 512}), 0.2f, mode.pick(15_000, 15_000, 55_000),
                    mode.pick(2, 30, 60), 10, 2, 0.1, 10, 34, 4);
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

    /** A transform with the name used in file names and the setting shown to the reader. */
    record NamedTransform(String key, String setting, ImageTransform transform) {}

    /**
     * What this lesson found.
     *
     * @param testAccuracy test accuracy of the configuration chosen on validation data
     */
    record Results(double testAccuracy) implements LessonResults {}

    /** The lesson: its folder, title, knobs and experiment. */
    public static final LessonDefinition<Hyperparams, Results> LESSON = new LessonDefinition<>("08-augmentation", "Augmentation",
            Hyperparams.class, Hyperparams::defaults, Results.class, Augmentation::run);

    public static void main(String[] args) {
        Lesson.launch(args, LESSON);
    }

    static Results run(Lesson lesson, Hyperparams hp) {

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

        // ---------------------------------------------------------------- 2. the transforms, one knob at a time
        lesson.section("2. The transforms, one knob at a time");
        List<NamedTransform> single = singleTransforms(hp);
        NamedTransform affine = new NamedTransform("affine", String.format("rotation ±%.0f°, shift ±%.0f px, zoom ±%.0f%%, "
                        + "shear ±%.0f°", hp.degrees(), hp.shift(), 100 * hp.zoom(), hp.shear()),
                new RandomAffine(hp.degrees(), hp.shift(), hp.zoom(), hp.shear(), 0f));
        NamedTransform elastic = single.get(single.size() - 1);
        NamedTransform affineElastic = new NamedTransform("affine-elastic", "elastic, then the affine map",
                new Compose(elastic.transform(), affine.transform()));
        for (int i = 0; i < single.size(); i++) {
            showTransform(lesson, single.get(i), train, i);
        }
        showTransform(lesson, affine, train, single.size());
        lesson.metric("transforms_shown", single.size());
        measureCost(lesson, train, lesson.mode().pick(200, 2000, 2000), concat(single, List.of(affine, affineElastic)));

        // ---------------------------------------------------------------- 3. training without and with augmentation
        List<NamedTransform> variants = new ArrayList<>();
        variants.add(new NamedTransform("none", "no augmentation", null));
        if (lesson.mode() == Mode.FULL) {
            variants.addAll(single);
        }
        variants.add(affine);
        if (lesson.mode() == Mode.FULL) {
            variants.add(affineElastic);
        }
        Mlp network = new Mlp(hp.widths(), "relu", 0f, new float[] {hp.hiddenDropout()},
                new HeNormal());
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

        // ---------------------------------------------------------------- 4. results
        lesson.section("4. Results");
        Recipe.Run without = runs.get("none");
        Recipe.Run with = runs.get(affine.key());
        String chosen = variants.get(0).key();
        TextTable table = new TextTable("Without and with augmentation, " + hp.epochs() + " epochs on "
                + String.format("%,d", train.size()) + " images (train accuracy is on the augmented batches, dropout on)",
                "augmentation", "setting", "train accuracy", "validation accuracy", "test accuracy", "train - validation",
                "seconds");
        for (NamedTransform v : variants) {
            EpochRecord last = runs.get(v.key()).history().last();
            table.row(v.key(), v.setting(), pct(last.trainAccuracy()), pct(last.validationAccuracy()),
                    pct(last.testAccuracy()), String.format("%+.2f", 100 * (last.trainAccuracy() - last.validationAccuracy())),
                    String.format("%.1f", runs.get(v.key()).history().seconds()));
            if (last.validationAccuracy() > runs.get(chosen).history().last().validationAccuracy()) {
                chosen = v.key();
            }
        }
        lesson.table(table);
        plotCurves(lesson, variants, runs);
        lesson.json("histories", runs.values().stream().map(Recipe.Run::history).toList());
        robustness(lesson, data.test(), without, with, hp);

        // ---------------------------------------------------------------- 5. proof: the test images were never augmented
        lesson.section("5. Proof that augmentation never touched the validation or test images");
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
            lesson.out().printf("images augmented in run %-15s %,11d = %d epochs x %,d training images%s%n", v.key() + ":",
                    count, count / Math.max(1, train.size()), train.size(),
                    count % Math.max(1, train.size()) == 0 ? "" : " (not a whole number of epochs!)");
        }
        lesson.out().println(onlyTraining
                ? "Every augmented image was a training image: validation and test images go through Evaluator.evaluate,"
                        + " which has no augmenter."
                : "The counts do not match epochs x training images: something other than training batches was augmented!");
        lesson.metric("test_data_unchanged", unchanged ? 1 : 0);
        lesson.metric("augmented_images", augmented.get(affine.key()));
        lesson.metric("training_images", train.size());
        lesson.metric("epochs", hp.epochs());

        // ---------------------------------------------------------------- 6. the choice
        lesson.section("6. The choice, by validation accuracy");
        EpochRecord w = with.history().last();
        EpochRecord wo = without.history().last();
        lesson.metric("with_augmentation_test_accuracy", w.testAccuracy());
        lesson.metric("without_augmentation_test_accuracy", wo.testAccuracy());
        lesson.metric("with_augmentation_validation_accuracy", w.validationAccuracy());
        lesson.metric("without_augmentation_validation_accuracy", wo.validationAccuracy());
        lesson.metric("chosen_uses_augmentation", chosen.equals("none") ? 0 : 1);
        double chosenTest = runs.get(chosen).history().last().testAccuracy();
        lesson.out().printf("chosen: %s (validation %s); its test accuracy: %s%n", chosen,
                pct(runs.get(chosen).history().last().validationAccuracy()), pct(chosenTest));
        lesson.headline(String.format("Random shifts, rotations, zooms and shears of the training digits take a %s "
                        + "network (dropout %.1f, %,d images, %d epochs) from %s to %s test accuracy; the test pixels' "
                        + "SHA-256 is %s before and after training.", Mlp.architecture(hp.widths()), hp.hiddenDropout(), train.size(),
                hp.epochs(), pct(wo.testAccuracy()), pct(w.testAccuracy()), unchanged ? "identical" : "NOT identical"));
        Recipe.Run chosenRun = runs.get(chosen);
        lesson.chose(chosen, chosenRun.history(), chosenRun.model());
        return new Results(chosenTest);
    }

    /** Each knob of the affine augmentation on its own, then the elastic distortion. */
    private static List<NamedTransform> singleTransforms(Hyperparams hp) {
        return List.of(
                new NamedTransform("shift", String.format("shift ±%.0f px", hp.shift()),
                        RandomAffine.shiftOnly(hp.shift())),
                new NamedTransform("rotation", String.format("rotation ±%.0f°", hp.degrees()),
                        RandomAffine.rotationOnly(hp.degrees())),
                new NamedTransform("zoom", String.format("zoom ±%.0f%%", 100 * hp.zoom()),
                        new RandomAffine(0, 0, hp.zoom(), 0, 0f)),
                new NamedTransform("shear", String.format("shear ±%.0f°", hp.shear()),
                        new RandomAffine(0, 0, 0, hp.shear(), 0f)),
                new NamedTransform("elastic", String.format("elastic α=%.0f σ=%.0f", hp.elasticAlpha(), hp.elasticSigma()),
                        new ElasticDistortion(hp.elasticAlpha(), hp.elasticSigma(), 0f)));
    }

    /**
     * A grid: each row is one training digit, first as it is, then as {@code GRID_COLUMNS - 1}
     * random draws of the transform (made with {@code applyToCopy}, so the digit is not modified).
     */
    private static void showTransform(Lesson lesson, NamedTransform t, Dataset train, int index) {
        int h = train.height();
        int w = train.width();
        int f = train.features();
        List<DigitGrid.Tile> tiles = new ArrayList<>();
        for (int row = 0; row < Math.min(GRID_ROWS, train.size()); row++) {
            float[] original = Arrays.copyOfRange(train.x(), row * f, (row + 1) * f);
            tiles.add(new DigitGrid.Tile(original, "original " + train.labels()[row]));
            for (int k = 1; k < GRID_COLUMNS; k++) {
                long seed = Seeds.mix(lesson.seed(), index, row * GRID_COLUMNS + k);
                tiles.add(new DigitGrid.Tile(t.transform().applyToCopy(original, h, w, seed), caption(t.transform(), h, w, seed, k)));
            }
        }
        String title = "Augmentation: " + t.setting();
        lesson.figure("augment-" + t.key(), DigitGrid.render(title, tiles, h, w, GRID_COLUMNS, 0f, 1f), title,
                "Left column: the training digit as it is; then " + (GRID_COLUMNS - 1) + " random draws of " + t.setting()
                        + ", as the network sees them during training.",
                "A grid of " + GRID_ROWS + " handwritten digits, each shown as the original followed by "
                        + (GRID_COLUMNS - 1) + " randomly transformed copies (" + t.setting() + "); each copy is still "
                        + "clearly the same digit.");
    }

    /**
     * The drawn setting of a single-knob affine transform (the same seed gives the same draw as
     * {@code applyToCopy}), or "draw k" for an elastic or combined transform.
     */
    private static String caption(ImageTransform t, int h, int w, long seed, int k) {
        if (!(t instanceof RandomAffine affine)) {
            return "draw " + k;
        }
        AffineMatrix m = affine.draw(h, w, new SplittableRandom(seed));
        // m = Shift·Shear(φ)·Zoom(s)·Rot(θ) about the centre: its linear part is
        // s·[cos θ - tan φ·sin θ, sin θ + tan φ·cos θ; -sin θ, cos θ] and it moves the centre by the shift.
        double s = Math.hypot(m.d(), m.e());
        double theta = Math.atan2(-m.d(), m.e());
        double shear = Math.toDegrees(Math.atan((m.b() / s - Math.sin(theta)) / Math.cos(theta)));
        double cx = AffineMatrix.centre(w);
        double cy = AffineMatrix.centre(h);
        double dx = m.mapX(cx, cy) - cx;
        double dy = m.mapY(cx, cy) - cy;
        List<String> parts = new ArrayList<>();
        if (Math.abs(dx) > 1e-9 || Math.abs(dy) > 1e-9) {
            parts.add(String.format("x%+.1f y%+.1f", tenth(dx), tenth(dy)));
        }
        if (Math.abs(theta) > 1e-9) {
            parts.add(String.format("rotate %+.1f°", tenth(Math.toDegrees(theta))));
        }
        if (Math.abs(s - 1) > 1e-9) {
            parts.add(String.format("zoom x%.3f", s));
        }
        if (Math.abs(shear) > 1e-9) {
            parts.add(String.format("shear %+.1f°", tenth(shear)));
        }
        return parts.size() == 1 ? parts.get(0) : "draw " + k;
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

    private static void plotCurves(Lesson lesson, List<NamedTransform> variants, Map<String, Recipe.Run> runs) {
        List<Plots.Series> validation = new ArrayList<>();
        List<Plots.Series> loss = new ArrayList<>();
        List<Plots.Series> gap = new ArrayList<>();
        for (NamedTransform v : variants) {
            List<EpochRecord> epochs = runs.get(v.key()).history().epochs();
            validation.add(Plots.Series.ofEpochs(v.key(), epochs.stream().mapToDouble(e -> 100 * e.validationAccuracy()).toArray()));
            loss.add(Plots.Series.ofEpochs(v.key(), epochs.stream().mapToDouble(EpochRecord::validationLoss).toArray()));
            if (v.key().equals("none") || v.key().equals("affine")) {
                gap.add(Plots.Series.ofEpochs(v.key() + ": train (batches as trained on)",
                        epochs.stream().mapToDouble(e -> 100 * e.trainAccuracy()).toArray()));
                gap.add(Plots.Series.ofEpochs(v.key() + ": validation",
                        epochs.stream().mapToDouble(e -> 100 * e.validationAccuracy()).toArray()));
            }
        }
        lesson.figure("validation-accuracy", Plots.lines("Validation accuracy per epoch", "epoch", "validation accuracy (%)",
                        validation),
                "Higher is better; augmentation starts slower, then keeps improving after the plain run has stalled.",
                "Line chart of validation accuracy per epoch for training without augmentation and with random affine "
                        + "augmentation.");
        lesson.figure("validation-loss", Plots.lines("Validation loss per epoch", "epoch", "validation cross-entropy",
                        loss),
                "A validation loss that turns upwards while training continues is overfitting; augmentation delays it.",
                "Line chart of validation cross-entropy loss per epoch for training without and with augmentation.");
        lesson.figure("train-vs-validation", Plots.lines("Training and validation accuracy", "epoch", "accuracy (%)", gap),
                "The distance between a run's training and validation curves is its overfitting gap.",
                "Line chart of training accuracy and validation accuracy per epoch, for the run without augmentation and "
                        + "the run with affine augmentation.");
    }

    /**
     * A stress test after training: both networks on moved copies of the test digits (a new array
     * each time; the test set itself is not modified, as section 5 checks). Never used to choose.
     */
    private static void robustness(Lesson lesson, Dataset test, Recipe.Run without, Recipe.Run with,
                                   Hyperparams hp) {
        List<NamedTransform> probes = List.of(
                new NamedTransform("original", "the test digits as they are", null),
                new NamedTransform("shift", String.format("shifted ±%.0f px", hp.shift()),
                        RandomAffine.shiftOnly(hp.shift())),
                new NamedTransform("rotation", String.format("rotated ±%.0f°", hp.degrees()),
                        RandomAffine.rotationOnly(hp.degrees())),
                new NamedTransform("shift 3 px", "shifted by exactly 3 px in a random direction of 8",
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
                new Augmenter(p.transform(), Seeds.mix(lesson.seed(), 0x7e57L, i))
                        .augment(test.x(), test.size(), test.height(), test.width(), 0, 0, moved);
                probe = test.withPixels(test.name() + "/" + p.key(), moved);
            }
            withoutAcc[i] = 100 * Evaluator.evaluate(without.model(), probe).accuracy();
            withAcc[i] = 100 * Evaluator.evaluate(with.model(), probe).accuracy();
            names.add(p.key());
            table.row(p.setting(), String.format("%.2f%%", withoutAcc[i]), String.format("%.2f%%", withAcc[i]));
        }
        lesson.table(table);
        lesson.metric("shifted_3px_without_augmentation_accuracy", withoutAcc[probes.size() - 1] / 100);
        lesson.metric("shifted_3px_with_augmentation_accuracy", withAcc[probes.size() - 1] / 100);
        lesson.figure("stress-test", Plots.bars("Accuracy on moved test digits", "test digits", "accuracy (%)", names,
                        List.of("without augmentation", "with augmentation"), List.of(withoutAcc, withAcc)),
                "A dense network has no built-in tolerance to movement: only what it was trained on.",
                "Bar chart of test accuracy of the two networks on the original test digits and on shifted and rotated "
                        + "copies; the network trained without augmentation loses much more on moved digits.");
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
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            ByteBuffer bytes = ByteBuffer.allocate(4 * 4096).order(ByteOrder.LITTLE_ENDIAN);
            for (int i = 0; i < pixels.length; i += 4096) {
                bytes.clear();
                bytes.asFloatBuffer().put(pixels, i, Math.min(4096, pixels.length - i));
                sha.update(bytes.array(), 0, 4 * Math.min(4096, pixels.length - i));
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this Java has no SHA-256, which every Java is required to have", e);
        }
    }

    /** Rounded to one decimal, with -0.0 turned into 0.0 so that no caption reads "-0.0". */
    private static double tenth(double v) {
        return Math.round(v * 10) / 10.0 + 0.0;
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
        List<T> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

}
