package dev.knobs.lessons.l03;

import static dev.knobs.lessons.common.Percent.pct;

import dev.knobs.lessons.common.Lesson;
import dev.knobs.lessons.common.LessonDefinition;
import dev.knobs.lessons.common.LessonResults;
import dev.knobs.lessons.common.Mode;
import dev.knobs.lessons.common.Plots;
import dev.knobs.lessons.common.TextTable;
import dev.knobs.nn.data.Dataset;
import dev.knobs.nn.data.MiniBatches;
import dev.knobs.nn.data.RunData;
import dev.knobs.nn.layer.Sequential;
import dev.knobs.nn.metrics.EpochRecord;
import dev.knobs.nn.metrics.History;
import dev.knobs.nn.schedule.ConstantRate;
import dev.knobs.nn.train.Recipe;
import dev.knobs.nn.train.TrainStep;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.knowm.xchart.XYChart;

/**
 * Lesson 03, mini-batch size. Changes from lesson 02: the inputs stay in [0, 1] (lesson 02's
 * choice) and the knob is now the batch size B, from 1 to 1024, with the learning rate scaled in
 * proportion, {@code η(B) = 0.05 · B / 128} (the linear scaling rule, Goyal et al. 2017), so that
 * every size takes the same total step per epoch and the comparison is about the batch size alone.
 *
 * <p>A mini-batch gradient {@code g_B = (1/B) Σ_{i∈batch} ∇ℓ_i} is an unbiased estimate of the
 * full gradient whose variance falls as {@code 1/B}. Small batches: many cheap, noisy steps per
 * epoch. Large batches: few accurate steps, each one using the hardware better. The lesson
 * measures both sides: accuracy against epochs (what a step buys) and against seconds (what it
 * costs), and the throughput in examples per second from a separate benchmark of training steps.
 * The batch size kept is the smallest of those that are as accurate and as fast as the best,
 * within the noise of each measurement.
 *
 * <p>Run: {@code mvn -pl lessons/03-mini-batch exec:java} (add
 * {@code -Dexec.args="--mode smoke"} for a seconds-long run).
 */
public final class MiniBatch {
    private MiniBatch() {}

    /**
     * The knobs of this lesson, each with its reason.
     *
     * @param batchSize       1 to 1024 in steps of about 4x: from pure stochastic gradient descent to
     *                         batches where one step needs 1,024 images
     * @param referenceBatch   128: the baseline batch, where η = 0.05 was chosen
     * @param referenceLr    0.05: the baseline rate; η(B) = referenceRate · B / referenceBatch
     * @param epochs           passes over the training split for every B above 1
     * @param batchOneImages B = 1 trains one pass over this many training images: at a few thousand
     *                         steps a second at best (far fewer on a busy machine) it cannot do 5 full
     *                         epochs in a 3-minute lesson
     * @param controlSizes     sizes also trained at the unscaled η = 0.05, to show why η must follow B
     * @param noiseSizes       sizes whose mini-batch losses are drawn to show gradient noise
     * @param warmUpImages   images of one untimed epoch before the sweep, so that the first timed
     *                         run does not pay for the JIT compiler warming up
     * @param speedImages      images per timed round of the speed benchmark (an eighth of it for B = 1)
     * @param speedRounds      rounds of the benchmark; each size keeps its fastest round, the one least
     *                         disturbed by other programs (on a busy shared machine one round can run
     *                         at a third of the speed of the next)
     * @param speedTie         a size at least this fraction of the fastest speed counts as equally fast:
     *                         best-of-rounds timings still differ by up to about 20% between runs
     */
    record Hyperparams(int[] batchSize, int referenceBatch, float referenceLr, int epochs, int batchOneImages,
                       int[] controlSizes, int[] noiseSizes, int warmUpImages, int speedImages, int speedRounds,
                       double speedTie) {
        static Hyperparams defaults(Mode mode) {
            return new Hyperparams(new int[] {1, 8, 32, 128, 512, 1024}, 128, 0.05f, mode.pick(1, 5, 15),
                    mode.pick(500, 10_000, 60_000),
                    mode.pick(new int[] {8, 1024}, new int[] {8, 1024}, new int[] {8, 32, 512, 1024}),
                    new int[] {8, 128, 1024}, mode.pick(500, 5_000, 5_000),
                    mode.pick(1024, 4096, 8192), 5, 0.8);
        }

        /** The linear scaling rule: the learning rate grows in proportion to the batch. */
        float rate(int batchSize) {
            return referenceLr * batchSize / referenceBatch;
        }
    }

    /**
     * One batch size's run.
     *
     * @param batchSize B
     * @param rate      the learning rate it trained with
     * @param run       the training run
     * @param examples  training images per epoch (fewer than the split for a shortened B = 1)
     */
    record Result(int batchSize, float rate, Recipe.Run run, int examples) {
        EpochRecord last() {
            return run.history().last();
        }
    }

    /**
     * What this lesson found.
     *
     * @param testAccuracy test accuracy of the configuration chosen on validation data
     */
    record Results(double testAccuracy) implements LessonResults {}

    /** The lesson: its folder, title, knobs and experiment. */
    public static final LessonDefinition<Hyperparams, Results> LESSON = new LessonDefinition<>("03-mini-batch", "Mini-batch size",
            Hyperparams.class, Hyperparams::defaults, Results.class, MiniBatch::run);

    public static void main(String[] args) {
        Lesson.launch(args, LESSON);
    }

    static Results run(Lesson lesson, Hyperparams hp) {

        // ---------------------------------------------------------------- 1. the data
        lesson.section("1. The data");
        RunData data = RunData.withValidation(lesson.data(), lesson.seed());
        int n = data.train().size();
        lesson.out().printf("%d training, %d validation and %d test images, pixels in [0, 1]%n", n,
                data.validation().size(), data.test().size());

        // ---------------------------------------------------------------- 2. the learning rate for each batch size
        lesson.section("2. One learning rate per batch size: η(B) = " + hp.referenceLr() + " · B / "
                + hp.referenceBatch());
        TextTable plan = new TextTable("The sweep", "batch size", "η", "steps per epoch", "images per epoch", "epochs");
        for (int b : hp.batchSize()) {
            int examples = trainingImages(b, n, hp);
            plan.row(b, rate(hp.rate(b)), (examples + b - 1) / b, examples, epochsFor(b, n, hp));
        }
        lesson.table(plan);
        if (hp.batchOneImages() < n) {
            lesson.out().printf("B = 1 trains one pass over the first %,d training images (%.2f of an epoch): a full "
                    + "epoch would be %,d separate steps. Run --mode full for all of them.%n", hp.batchOneImages(),
                    (double) hp.batchOneImages() / n, n);
        }

        // ---------------------------------------------------------------- 3. the sweep
        lesson.section("3. Training with each batch size");
        Recipe base = Recipe.BASELINE.withSeed(lesson.seed());
        Dataset warmUp = data.train().slice("warm-up", 0, Math.min(hp.warmUpImages(), n));
        Recipe warm = base.withLabel("JIT warm-up (untimed)").withEpochs(1);
        warm.train(new RunData(warmUp, data.validation(), data.test()), lesson.progress(warm));
        List<Result> results = new ArrayList<>();
        for (int b : hp.batchSize()) {
            results.add(train(base, b, hp.rate(b), "B = " + b, data, hp, lesson));
        }

        // ---------------------------------------------------------------- 4. the control: one η for every size
        lesson.section("4. Control: the same η = " + hp.referenceLr() + " for every batch size");
        List<Result> control = new ArrayList<>();
        for (int b : hp.controlSizes()) {
            control.add(train(base, b, hp.referenceLr(), "B = " + b + ", η = " + hp.referenceLr(), data, hp, lesson));
        }

        // ---------------------------------------------------------------- 5. speed
        lesson.section("5. Speed: training steps alone, timed in " + hp.speedRounds() + " interleaved rounds");
        Map<Integer, Double> speed = measureSpeed(hp, data.train(), lesson.seed());
        TextTable speedTable = new TextTable("Images per second (best round)", "batch size", "images per second",
                "time per step (ms)", "relative to B = 1");
        for (int b : hp.batchSize()) {
            speedTable.row(b, String.format("%,.0f", speed.get(b)), String.format("%.3f", 1000.0 * b / speed.get(b)),
                    String.format("%.1fx", speed.get(b) / speed.get(1)));
            lesson.metric("throughput_b" + b, speed.get(b));
        }
        lesson.table(speedTable);

        // ---------------------------------------------------------------- 6. results and the choice
        lesson.section("6. Results");
        plotCurves(lesson, results, n);
        plotThroughput(lesson, speed);
        plotNoise(lesson, results, hp, n);
        plotControl(lesson, results, control);
        TextTable table = new TextTable("Batch size sweep, η = " + hp.referenceLr() + " · B / " + hp.referenceBatch(),
                "batch size", "η", "images trained", "training seconds", "validation accuracy", "test accuracy");
        for (Result r : results) {
            table.row(r.batchSize(), rate(r.rate()), String.format("%,d", r.examples()
                            * r.run().history().epochs().size()), String.format("%.1f", r.run().history().seconds()),
                    pct(r.last().validationAccuracy()), pct(r.last().testAccuracy()));
            lesson.metric("b" + r.batchSize() + "_validation_accuracy", r.last().validationAccuracy());
            lesson.metric("b" + r.batchSize() + "_test_accuracy", r.last().testAccuracy());
        }
        lesson.table(table);
        TextTable controlTable = new TextTable("Control: η = " + hp.referenceLr() + " whatever the batch size",
                "batch size", "η", "validation accuracy", "with η scaled to B");
        for (Result c : control) {
            Result scaled = results.stream().filter(r -> r.batchSize() == c.batchSize()).findFirst().orElseThrow();
            controlTable.row(c.batchSize(), rate(c.rate()), pct(c.last().validationAccuracy()),
                    pct(scaled.last().validationAccuracy()));
            lesson.metric("constant_rate_b" + c.batchSize() + "_validation_accuracy", c.last().validationAccuracy());
        }
        lesson.table(controlTable);
        lesson.json("runs", results.stream().map(r -> epochsOnly(r.run().history())).toList());
        lesson.json("control", control.stream().map(r -> epochsOnly(r.run().history())).toList());
        lesson.json("speed", speed);

        Result chosen = choose(lesson, results, speed, hp, n, data.validation().size());
        lesson.metric("batch_sizes_compared", hp.batchSize().length);
        lesson.metric("chosen_batch_size", chosen.batchSize());
        lesson.metric("chosen_validation_accuracy", chosen.last().validationAccuracy());
        lesson.metric("chosen_test_accuracy", chosen.last().testAccuracy());
        lesson.metric("throughput_at_chosen", speed.get(chosen.batchSize()));
        lesson.metric("batch_one_fraction_of_epoch", (double) trainingImages(1, n, hp) / n);
        lesson.metric("epochs", hp.epochs());
        List<Result> complete = results.stream().filter(r -> r.examples() == n).toList();
        double low = complete.stream().mapToDouble(r -> r.last().validationAccuracy()).min().orElseThrow();
        double high = complete.stream().mapToDouble(r -> r.last().validationAccuracy()).max().orElseThrow();
        lesson.headline(String.format("With η scaled in proportion to the batch, batch sizes %d to %d end %d epochs "
                        + "within %.2f points of each other on validation; B = %d is chosen (%s test accuracy, %,.0f "
                        + "images/s), while B = 1 trains only %,.0f images/s.", complete.get(0).batchSize(),
                complete.get(complete.size() - 1).batchSize(), hp.epochs(), 100 * (high - low), chosen.batchSize(),
                pct(chosen.last().testAccuracy()), speed.get(chosen.batchSize()), speed.get(1)));
        lesson.chose("batch " + chosen.batchSize(), chosen.run().history(), chosen.run().model());
        return new Results(chosen.last().testAccuracy());
    }

    /** Trains the baseline recipe with batch size {@code b} at rate {@code rate}, timing each epoch. */
    private static Result train(Recipe base, int b, float rate, String label, RunData data, Hyperparams hp,
                                Lesson lesson) {
        int examples = trainingImages(b, data.train().size(), hp);
        RunData used = data.withFirstTrainingImages(examples);
        Recipe recipe = base.withLabel(label).withBatchSize(b).withEpochs(epochsFor(b, data.train().size(), hp))
                .withStepSchedule(new ConstantRate(rate));               // constant η, losses kept per step
        return new Result(b, rate, recipe.train(used, lesson.progress(recipe)).orThrow(), examples);
    }

    /**
     * Images per second of training steps alone (forward, backward, update; no evaluation) for
     * each batch size, on a fresh baseline network. The sizes take turns, round after round, so
     * that a busy moment on the machine slows one round of every size rather than all rounds of
     * one; each size keeps its fastest round.
     */
    private static Map<Integer, Double> measureSpeed(Hyperparams hp, Dataset train, long seed) {
        Map<Integer, Double> best = new LinkedHashMap<>();
        for (int round = 0; round < hp.speedRounds(); round++) {
            for (int b : hp.batchSize()) {
                Sequential net = Recipe.BASELINE.network().build(new SplittableRandom(seed).split());
                TrainStep step = new TrainStep(net, Recipe.BASELINE.optimizer().copy());
                int images = b == 1 ? hp.speedImages() / 8 : hp.speedImages();
                int done = 0;
                long start = System.nanoTime();
                for (MiniBatches.Batch batch : new MiniBatches(train, b, seed).epoch(round)) {
                    step.run(batch.x(), batch.labels(), batch.size(), hp.rate(b));
                    done += batch.size();
                    if (done >= images) {
                        break;
                    }
                }
                double perSecond = done / ((System.nanoTime() - start) / 1e9);
                best.merge(b, perSecond, Math::max);
            }
        }
        return best;
    }

    /** Images per epoch for batch size {@code b}: the whole split, except for a shortened B = 1. */
    private static int trainingImages(int b, int n, Hyperparams hp) {
        return b == 1 ? Math.min(n, hp.batchOneImages()) : n;
    }

    private static int epochsFor(int b, int n, Hyperparams hp) {
        return b == 1 && hp.batchOneImages() < n ? 1 : hp.epochs();
    }

    /**
     * The batch size to keep, in three steps:
     * <ol>
     *   <li>accuracy: the sizes whose validation accuracy is within two standard errors of the best
     *       ({@code 2·sqrt(p(1-p)/n)} for {@code n} validation images; closer than that is noise);</li>
     *   <li>speed: of those, the ones whose measured speed is at least {@code speedTie} times the
     *       fastest (closer than that is timing noise on a shared machine);</li>
     *   <li>the smallest of those: at equal accuracy and speed, it has the smallest learning rate,
     *       furthest from where the linear scaling rule breaks down, and the most updates per epoch.</li>
     * </ol>
     * The accuracies are the same in every run with the same seed; the speeds are measured on this
     * machine, so other hardware may choose differently, which is the honest answer: the best batch
     * size depends on the hardware. Only sizes trained on the whole split for every epoch compete.
     */
    private static Result choose(Lesson lesson, List<Result> results, Map<Integer, Double> speed, Hyperparams hp,
                                 int n, int validationSize) {
        List<Result> complete = results.stream().filter(r -> r.examples() == n).toList();
        double best = complete.stream().mapToDouble(r -> r.last().validationAccuracy()).max().orElseThrow();
        double tolerance = 2 * Math.sqrt(best * (1 - best) / validationSize);
        List<Result> accurate = complete.stream().filter(r -> r.last().validationAccuracy() >= best - tolerance).toList();
        double fastest = accurate.stream().mapToDouble(r -> speed.get(r.batchSize())).max().orElseThrow();
        List<Result> fast = accurate.stream().filter(r -> speed.get(r.batchSize()) >= hp.speedTie() * fastest).toList();
        Result chosen = fast.get(0);                                         // sizes are in increasing order
        lesson.out().printf("%n1. best validation accuracy %.2f%%; two standard errors on %,d images are %.2f points;"
                        + " within them: B = %s%n", 100 * best, validationSize, 100 * tolerance, sizes(accurate));
        lesson.out().printf("2. of these, the fastest trains %,.0f images/s; at least %.0f%% of that: B = %s%n", fastest,
                100 * hp.speedTie(), sizes(fast));
        lesson.out().printf("3. the smallest of these: B = %d (%.2f%% validation, %.2f%% test, %,.0f images/s)%n",
                chosen.batchSize(), 100 * chosen.last().validationAccuracy(), 100 * chosen.last().testAccuracy(),
                speed.get(chosen.batchSize()));
        lesson.metric("selection_tolerance", tolerance);
        return chosen;
    }

    private static String sizes(List<Result> results) {
        return String.join(", ", results.stream().map(r -> String.valueOf(r.batchSize())).toList());
    }

    private static History epochsOnly(History h) {
        return new History(h.label(), h.epochs(), List.of(), List.of());
    }

    private static void plotCurves(Lesson lesson, List<Result> results, int n) {
        List<Plots.Series> byEpoch = new ArrayList<>();
        List<Plots.Series> bySeconds = new ArrayList<>();
        for (Result r : results) {
            List<EpochRecord> epochs = r.run().history().epochs();
            double[] passes = new double[epochs.size()];
            double[] seconds = new double[epochs.size()];
            double[] accuracy = new double[epochs.size()];
            double clock = 0;
            for (int i = 0; i < epochs.size(); i++) {
                passes[i] = (i + 1) * (double) r.examples() / n;       // a shortened B = 1 covers part of one epoch
                clock += epochs.get(i).seconds();
                seconds[i] = clock;
                accuracy[i] = 100 * epochs.get(i).validationAccuracy();
            }
            byEpoch.add(new Plots.Series(r.run().recipe().label(), passes, accuracy));
            bySeconds.add(new Plots.Series(r.run().recipe().label(), seconds, accuracy));
        }
        lesson.figure("accuracy-vs-epochs", Plots.lines("Validation accuracy against epochs", "epochs (passes over "
                        + String.format("%,d", n) + " images)", "accuracy (%)", byEpoch),
                "With η scaled to B, every size gets about the same accuracy per epoch; B = 1 trained only part of one.",
                "Line chart of validation accuracy against epochs for batch sizes 1 to 1024; the curves for 8 to 1024 "
                        + "lie close together, and batch size 1 is a single point at a fraction of the first epoch.");
        lesson.figure("accuracy-vs-seconds", Plots.linesLogX("Validation accuracy against training time", "training "
                        + "seconds (log scale, evaluation not counted)", "accuracy (%)", bySeconds),
                "The same runs against wall-clock time: curves further left reached their accuracy sooner.",
                "Line chart of validation accuracy against cumulative training seconds on a log axis, one curve per "
                        + "batch size; the mid-sized batches finish first and batch size 1 is far to the right.");
    }

    private static void plotThroughput(Lesson lesson, Map<Integer, Double> speed) {
        double[] sizes = speed.keySet().stream().mapToDouble(Integer::doubleValue).toArray();
        double[] perSecond = speed.values().stream().mapToDouble(Double::doubleValue).toArray();
        XYChart chart = Plots.linesLogX("Training speed by batch size", "batch size (log scale)",
                "images per second (log scale)", List.of(new Plots.Series("images per second", sizes, perSecond)));
        chart.getStyler().setYAxisLogarithmic(true);
        lesson.figure("throughput", chart,
                "Images trained per second (best of the timed rounds): a step's fixed cost is shared by more images as "
                        + "B grows.",
                "Line chart on log-log axes of images per second against batch size: rising steeply from batch size "
                        + "1 to the mid-sized batches, and no faster beyond them.");
    }

    private static void plotNoise(Lesson lesson, List<Result> results, Hyperparams hp, int n) {
        List<Plots.Series> series = new ArrayList<>();
        for (Result r : results) {
            if (Arrays.stream(hp.noiseSizes()).noneMatch(s -> s == r.batchSize())) {
                continue;
            }
            List<Float> losses = r.run().history().stepLosses();
            int steps = Math.min(losses.size(), (n + r.batchSize() - 1) / r.batchSize());  // the first epoch
            double[] x = new double[steps];
            double[] y = new double[steps];
            for (int i = 0; i < steps; i++) {
                x[i] = (double) (i + 1) * r.batchSize() / n;
                y[i] = losses.get(i);
            }
            series.add(new Plots.Series(r.run().recipe().label(), x, y));
        }
        lesson.figure("step-loss", Plots.linesLogY("Mini-batch losses in the first epoch", "epochs",
                        "mini-batch loss (log scale)", series),
                "Each point is the loss of one mini-batch: a batch of 8 is a noisy sample, a batch of 1024 a smooth one.",
                "Line chart, log scale, of the loss of every mini-batch during the first epoch for batch sizes 8, 128 "
                        + "and 1024: all fall from about 2.3; the batch-8 curve is a wide noisy band, the batch-1024 "
                        + "curve a thin smooth line.");
    }

    private static void plotControl(Lesson lesson, List<Result> results, List<Result> control) {
        List<Plots.Series> series = new ArrayList<>();
        for (Result c : control) {
            for (Result r : List.of(results.stream().filter(x -> x.batchSize() == c.batchSize()).findFirst().orElseThrow(), c)) {
                double[] accuracy = r.run().history().epochs().stream().mapToDouble(e -> 100 * e.validationAccuracy())
                        .toArray();
                series.add(Plots.Series.ofEpochs("B = " + r.batchSize() + ", η = " + rate(r.rate()), accuracy));
            }
        }
        lesson.figure("rate-rule", Plots.lines("Why η must follow the batch size", "epoch", "validation accuracy (%)",
                        series),
                "Pairs of runs with the same batch size: η scaled to B, and the same η = 0.05 for every size.",
                "Line chart of validation accuracy per epoch for a small and a large batch size, each trained with the "
                        + "learning rate scaled to the batch and with the constant rate 0.05; the constant rate is "
                        + "lower for both sizes.");
    }

    /** A learning rate without trailing zeros: 0.003125, 0.05, 0.4. */
    private static String rate(float eta) {
        return String.format("%.6f", eta).replaceAll("0+$", "").replaceAll("\\.$", "");
    }

}
