package dev.knobs.lessons.l03;

import static dev.knobs.lessons.common.Percent.pct;

import dev.knobs.exercises.l03.ShuffledBatches;
import dev.knobs.lessons.common.Lesson;
import dev.knobs.lessons.common.LessonDefinition;
import dev.knobs.lessons.common.LessonResults;
import dev.knobs.lessons.common.Mode;
import dev.knobs.lessons.common.Knob;
import dev.knobs.lessons.common.Parts;
import dev.knobs.lessons.common.TextTable;
import dev.knobs.lessons.common.UsageException;
import dev.knobs.lessons.common.Words;
import dev.knobs.nn.data.Dataset;
import dev.knobs.nn.data.EpochBatches;
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
import java.util.stream.IntStream;

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
     * The knobs of this lesson, each with its reason (every one is a flag, e.g. {@code --batch-size 32,128,512}).
     *
     * @param batchSize      1 to 1024 in steps of about 4x: from pure stochastic gradient descent to
     *                       batches where one step needs 1,024 images; tried in increasing order, each
     *                       at most the size of the training split
     * @param referenceBatch 128: the baseline batch, where η = 0.05 was chosen
     * @param referenceLr    0.05: the baseline rate; η(B) = referenceLr · B / referenceBatch
     * @param epochs         passes over the training split for every B above 1
     * @param batchOneImages B = 1 trains one pass over this many training images: at a few thousand
     *                       steps a second at best (far fewer on a busy machine) it cannot do 5 full
     *                       epochs in a 3-minute lesson
     * @param controlSizes   sizes also trained at the unscaled η = referenceLr, to show why η must follow
     *                       B; only sizes of the sweep other than referenceBatch are used (if none is,
     *                       the sweep's smallest and largest of those above 1); one that diverges is
     *                       reported as diverged
     * @param noiseSizes     sizes whose mini-batch losses are drawn to show gradient noise; only sizes of
     *                       the sweep are drawn (if none is, the sweep's smallest and largest)
     * @param warmUpImages   images of one untimed epoch before the sweep, so that the first timed
     *                       run does not pay for the JIT compiler warming up
     * @param speedImages    images per timed round of the speed benchmark (an eighth of it for B = 1)
     * @param speedRounds    rounds of the benchmark; each size keeps its fastest round, the one least
     *                       disturbed by other programs (on a busy shared machine one round can run
     *                       at a third of the speed of the next)
     * @param speedTie       a size at least this fraction of the fastest speed counts as equally fast:
     *                       best-of-rounds timings still differ by up to about 20% between runs
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

        /** The sizes in increasing order, each once: the choice keeps the smallest of the equally good. */
        Hyperparams {
            batchSize = IntStream.of(batchSize).sorted().distinct().toArray();
            controlSizes = IntStream.of(controlSizes).sorted().distinct().toArray();
            noiseSizes = IntStream.of(noiseSizes).sorted().distinct().toArray();
        }

        /** The linear scaling rule: the learning rate grows in proportion to the batch. */
        float rate(int batchSize) {
            return referenceLr * batchSize / referenceBatch;
        }

        boolean swept(int size) {
            return IntStream.of(batchSize).anyMatch(b -> b == size);
        }

        /**
         * The control sizes that are in the sweep; if none is, the sweep's smallest and largest
         * above 1 (B = 1 at the reference rate takes steps 128 times too large, and slowly). The
         * reference batch is never one: its scaled rate is the reference rate, so its control
         * would repeat its run. Empty when the sweep has no such size.
         */
        int[] controlSizesSwept() {
            int[] swept = IntStream.of(controlSizes).filter(b -> swept(b) && b != referenceBatch).toArray();
            if (swept.length > 0) {
                return swept;
            }
            int[] others = IntStream.of(batchSize).filter(b -> b > 1 && b != referenceBatch).toArray();
            return others.length == 0 ? others : IntStream.of(others[0], others[others.length - 1]).distinct().toArray();
        }

        /** The noise sizes that are in the sweep; if none is, the sweep's smallest and largest. */
        int[] noiseSizesSwept() {
            int[] swept = IntStream.of(noiseSizes).filter(this::swept).toArray();
            return swept.length > 0 ? swept
                    : IntStream.of(batchSize[0], batchSize[batchSize.length - 1]).distinct().toArray();
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
     * What one batch size of the sweep gave, with η scaled to it.
     *
     * @param batchSize          B, images per step
     * @param learningRate       η(B) = referenceLr · B / referenceBatch
     * @param imagesPerEpoch     training images per epoch: the whole training split, or fewer for a shortened B = 1
     * @param epochs             epochs trained
     * @param trainingSeconds    seconds spent in training steps, evaluation not counted: a timing
     * @param validationAccuracy on the held-out validation images after the last epoch, in [0, 1]
     * @param testAccuracy       on the test set after the last epoch, in [0, 1]
     * @param throughput         images per second of training steps alone, in the best of the timed rounds of
     *                           the speed benchmark: a timing, so it depends on the machine and its load
     */
    record BatchSizeOutcome(int batchSize, float learningRate, int imagesPerEpoch, int epochs, double trainingSeconds,
                            double validationAccuracy, double testAccuracy, double throughput) {}

    /**
     * One control size, trained at the reference rate instead of the rate scaled to it.
     *
     * @param batchSize                B
     * @param learningRate             the reference rate, the same for every size
     * @param diverged                 true if its loss exploded and training stopped
     * @param validationAccuracy       on the validation images after the last epoch, in [0, 1] (NaN if it diverged)
     * @param scaledValidationAccuracy the same size's validation accuracy with η scaled to B, for comparison
     */
    record ControlOutcome(int batchSize, float learningRate, boolean diverged, double validationAccuracy,
                          double scaledValidationAccuracy) {}

    /**
     * What this lesson found. The choice uses validation accuracy and the measured speed, so on
     * another machine (or a busier one) it may choose differently; the accuracies do not change.
     *
     * @param testAccuracy             test accuracy of the batch size chosen, in [0, 1] (the metric
     *                                 {@code chosen_test_accuracy})
     * @param chosenBatchSize          the smallest batch size that is as accurate (within two standard errors
     *                                 on validation) and as fast (within {@code --speed-tie}) as the best
     * @param chosenLearningRate       the rate it trained with, η(B)
     * @param chosenValidationAccuracy its validation accuracy, in [0, 1]
     * @param throughputAtChosen       its images per second in the speed benchmark: a timing
     * @param selectionTolerance       two standard errors of the best validation accuracy, 2·sqrt(p(1-p)/n) on n
     *                                 validation images: sizes closer than this to the best count as tied
     * @param batchSizesCompared       sizes in the sweep
     * @param batchOneFractionOfEpoch  the share of an epoch a B = 1 run trains: 1 unless {@code --batch-one-images}
     *                                 is smaller than the training split
     * @param epochs                   epochs trained by every size that trains full epochs
     * @param batchSizes               every size of the sweep, smallest first
     * @param constantRate             the control: sizes trained at the reference rate, smallest first
     */
    public record Results(double testAccuracy, int chosenBatchSize, float chosenLearningRate, double chosenValidationAccuracy,
                   double throughputAtChosen, double selectionTolerance, int batchSizesCompared,
                   double batchOneFractionOfEpoch, int epochs, List<BatchSizeOutcome> batchSizes,
                   List<ControlOutcome> constantRate) implements LessonResults {}

    /** The lesson: its folder, title, knobs and experiment. */
    public static final LessonDefinition<Hyperparams, Results> LESSON = new LessonDefinition<>("03-mini-batch", "Mini-batch size",
            Hyperparams.class, Hyperparams::defaults, Results.class, MiniBatch::run)
            .withExercises(() -> Parts.library().withBatches("03.1 shuffled mini-batches (ShuffledBatches)",
                    (data, batchSize, seed) -> EpochBatches.of(data, new ShuffledBatches(data, batchSize, seed)::epoch)));

    /** Runs the lesson with the knobs given as flags or in a knob file ({@code --help} lists them). */
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
        int largest = hp.batchSize()[hp.batchSize().length - 1];
        if (largest > n) {
            throw new UsageException(String.format("--batch-size %d is larger than the %,d training images of this run; "
                    + "a batch can be at most the whole training split", largest, n));
        }

        // ---------------------------------------------------------------- 2. the knob up close: one learning rate per batch size
        lesson.section("2. One learning rate per batch size: η(B) = " + hp.referenceLr() + " · B / "
                + hp.referenceBatch());
        TextTable plan = new TextTable("The sweep", "batch size", "η", "steps per epoch", "images per epoch", "epochs");
        for (int b : hp.batchSize()) {
            int examples = trainingImages(b, n, hp);
            plan.row(b, rate(hp.rate(b)), (examples + b - 1) / b, examples, epochsFor(b, n, hp));
        }
        lesson.table(plan);
        if (hp.swept(1) && hp.batchOneImages() < n) {
            lesson.out().printf("B = 1 trains one pass over the first %,d training images (%.2f of an epoch): a full "
                    + "epoch would be %,d separate steps. Run --mode full, or --batch-one-images %d, for all of them.%n",
                    hp.batchOneImages(), (double) hp.batchOneImages() / n, n, n);
        }

        // ---------------------------------------------------------------- 3. the sweep
        lesson.section("3. Training with each batch size");
        Recipe base = Recipe.BASELINE.withSeed(lesson.seed());
        Dataset warmUp = data.train().slice("warm-up", 0, Math.min(hp.warmUpImages(), n));
        Recipe warm = base.withLabel("JIT warm-up (untimed)").withEpochs(1);
        warm.train(new RunData(warmUp, data.validation(), data.test()), lesson.progress(warm), lesson.parts());
        List<Result> results = new ArrayList<>();
        for (int b : hp.batchSize()) {
            Result r = train(base, b, hp.rate(b), "B = " + b, data, hp, lesson);
            r.run().orThrow();                           // a sweep size that diverges stops the lesson
            results.add(r);
        }

        // ---------------------------------------------------------------- 4. the control: one η for every size
        lesson.section("4. Control: the same η = " + hp.referenceLr() + " for every batch size");
        int[] controlSizes = hp.controlSizesSwept();
        if (controlSizes.length == 0) {
            lesson.out().println("(no control: the sweep has no size above 1 other than the reference batch " + hp.referenceBatch()
                    + ", whose rate is already " + hp.referenceLr() + ")");
        } else if (!Arrays.equals(controlSizes, hp.controlSizes())) {
            lesson.out().println("(--control-sizes " + Knob.format(hp.controlSizes()) + ": only sizes of the sweep other "
                    + "than the reference batch can be compared; the control uses " + Knob.format(controlSizes) + ")");
        }
        List<Result> control = new ArrayList<>();
        for (int b : controlSizes) {                     // may diverge: a rate far too large for b is the point
            control.add(train(base, b, hp.referenceLr(), "B = " + b + ", η = " + hp.referenceLr(), data, hp, lesson));
        }

        // ---------------------------------------------------------------- 5. speed
        lesson.section("5. Speed: training steps alone, timed in " + hp.speedRounds() + " interleaved rounds");
        Map<Integer, Double> speed = measureSpeed(hp, data.train(), lesson.seed(), lesson.parts());
        int smallest = hp.batchSize()[0];
        TextTable speedTable = new TextTable("Images per second (best round)", "batch size", "images per second",
                "time per step (ms)", "relative to B = " + smallest);
        for (int b : hp.batchSize()) {
            speedTable.row(b, String.format("%,.0f", speed.get(b)), String.format("%.3f", 1000.0 * b / speed.get(b)),
                    String.format("%.1fx", speed.get(b) / speed.get(smallest)));
            lesson.metric("throughput_b" + b, speed.get(b));
        }
        lesson.table(speedTable);

        // ---------------------------------------------------------------- 6. results and the choice on validation
        lesson.section("6. Results");
        MiniBatchCharts.accuracyVsEpochs(lesson, results, n);
        MiniBatchCharts.accuracyVsSeconds(lesson, results);
        MiniBatchCharts.throughput(lesson, speed);
        MiniBatchCharts.stepLoss(lesson, results.stream().filter(r -> IntStream.of(hp.noiseSizesSwept())
                .anyMatch(s -> s == r.batchSize())).toList(), n);
        List<Result[]> pairs = control.stream().map(c -> new Result[] {scaled(results, c), c}).toList();
        if (!pairs.isEmpty()) {
            MiniBatchCharts.rateRule(lesson, pairs, rate(hp.referenceLr()));
        }
        TextTable table = new TextTable("Batch size sweep, η = " + hp.referenceLr() + " · B / " + hp.referenceBatch(),
                "batch size", "η", "images trained", "training seconds", "validation accuracy", "test accuracy");
        List<BatchSizeOutcome> outcomes = new ArrayList<>();
        for (Result r : results) {
            History h = r.run().history();
            table.row(r.batchSize(), rate(r.rate()), String.format("%,d", r.examples() * h.epochs().size()),
                    String.format("%.1f", h.seconds()), pct(r.last().validationAccuracy()), pct(r.last().testAccuracy()));
            lesson.metric("b" + r.batchSize() + "_validation_accuracy", r.last().validationAccuracy());
            lesson.metric("b" + r.batchSize() + "_test_accuracy", r.last().testAccuracy());
            outcomes.add(new BatchSizeOutcome(r.batchSize(), r.rate(), r.examples(), h.epochs().size(), h.seconds(),
                    r.last().validationAccuracy(), r.last().testAccuracy(), speed.get(r.batchSize())));
        }
        lesson.table(table);
        TextTable controlTable = new TextTable("Control: η = " + hp.referenceLr() + " whatever the batch size",
                "batch size", "η", "validation accuracy", "with η scaled to B");
        List<ControlOutcome> controlOutcomes = new ArrayList<>();
        for (Result[] pair : pairs) {
            Result scaled = pair[0];
            Result c = pair[1];
            boolean diverged = c.run().diverged() != null;
            controlTable.row(c.batchSize(), rate(c.rate()), diverged ? "diverged at step "
                    + (c.run().history().stepLosses().size() + 1) : pct(c.last().validationAccuracy()),
                    pct(scaled.last().validationAccuracy()));
            if (!diverged) {
                lesson.metric("constant_rate_b" + c.batchSize() + "_validation_accuracy", c.last().validationAccuracy());
            }
            controlOutcomes.add(new ControlOutcome(c.batchSize(), c.rate(), diverged,
                    diverged ? Double.NaN : c.last().validationAccuracy(), scaled.last().validationAccuracy()));
        }
        if (!pairs.isEmpty()) {
            lesson.table(controlTable);
        }
        lesson.json("runs", results.stream().map(r -> epochsOnly(r.run().history())).toList());
        lesson.json("control", control.stream().map(r -> epochsOnly(r.run().history())).toList());
        lesson.json("speed", speed);

        // Only sizes trained on the whole split for every epoch compete (a shortened B = 1 only if it is alone).
        List<Result> complete = results.stream().filter(r -> r.examples() == n).toList();
        List<Result> candidates = complete.isEmpty() ? results : complete;
        double tolerance = tolerance(candidates, data.validation().size());
        Result chosen = choose(lesson, candidates, speed, hp, tolerance, data.validation().size());
        lesson.metric("selection_tolerance", tolerance);
        lesson.metric("batch_sizes_compared", hp.batchSize().length);
        lesson.metric("chosen_batch_size", chosen.batchSize());
        lesson.metric("chosen_validation_accuracy", chosen.last().validationAccuracy());
        lesson.metric("chosen_test_accuracy", chosen.last().testAccuracy());
        lesson.metric("throughput_at_chosen", speed.get(chosen.batchSize()));
        lesson.metric("batch_one_fraction_of_epoch", (double) trainingImages(1, n, hp) / n);
        lesson.metric("epochs", hp.epochs());
        lesson.headline(headline(hp, candidates, chosen, speed));
        lesson.chose("batch " + chosen.batchSize(), chosen.run().history(), chosen.run().model());
        return new Results(chosen.last().testAccuracy(), chosen.batchSize(), chosen.rate(),
                chosen.last().validationAccuracy(), speed.get(chosen.batchSize()), tolerance, hp.batchSize().length,
                (double) trainingImages(1, n, hp) / n, hp.epochs(), outcomes, controlOutcomes);
    }

    /**
     * The run in one sentence: how close the sizes came on validation, which was chosen, and how
     * much slower the smallest batch trains.
     */
    private static String headline(Hyperparams hp, List<Result> candidates, Result chosen, Map<Integer, Double> speed) {
        double low = candidates.stream().mapToDouble(r -> r.last().validationAccuracy()).min().orElseThrow();
        double high = candidates.stream().mapToDouble(r -> r.last().validationAccuracy()).max().orElseThrow();
        int first = candidates.get(0).batchSize();
        int last = candidates.get(candidates.size() - 1).batchSize();
        String sweep = candidates.size() == 1
                ? String.format("batch size %d ends %s at %s on validation", first, Words.epochs(hp.epochs()),
                        pct(candidates.get(0).last().validationAccuracy()))
                : String.format("batch sizes %d to %d end %s within %.2f points of each other on validation", first, last,
                        Words.epochs(hp.epochs()), 100 * (high - low));
        int smallest = hp.batchSize()[0];
        String slowest = smallest == chosen.batchSize() ? "."
                : String.format(", while B = %d trains only %,.0f images/s.", smallest, speed.get(smallest));
        return String.format("With η scaled in proportion to the batch, %s; B = %d is chosen (%s test accuracy, %,.0f "
                + "images/s)%s", sweep, chosen.batchSize(), pct(chosen.last().testAccuracy()),
                speed.get(chosen.batchSize()), slowest);
    }

    /** The run of the sweep with the same batch size as {@code control}. */
    private static Result scaled(List<Result> results, Result control) {
        return results.stream().filter(r -> r.batchSize() == control.batchSize()).findFirst().orElseThrow();
    }

    /** Trains the baseline recipe with batch size {@code b} at rate {@code rate}, timing each epoch. */
    private static Result train(Recipe base, int b, float rate, String label, RunData data, Hyperparams hp,
                                Lesson lesson) {
        int examples = trainingImages(b, data.train().size(), hp);
        RunData used = data.withFirstTrainingImages(examples);
        Recipe recipe = base.withLabel(label).withBatchSize(b).withEpochs(epochsFor(b, data.train().size(), hp))
                .withStepSchedule(new ConstantRate(rate));               // constant η, losses kept per step
        Recipe.Run run = recipe.train(used, lesson.progress(recipe), lesson.parts());
        if (run.diverged() != null) {
            lesson.out().println("  " + label + ": " + run.diverged());
        }
        return new Result(b, rate, run, examples);
    }

    /**
     * Images per second of training steps alone (forward, backward, update; no evaluation) for
     * each batch size, on a fresh baseline network. The sizes take turns, round after round, so
     * that a busy moment on the machine slows one round of every size rather than all rounds of
     * one; each size keeps its fastest round. The batches come from {@code parts}.
     */
    private static Map<Integer, Double> measureSpeed(Hyperparams hp, Dataset train, long seed, Parts parts) {
        Map<Integer, Double> best = new LinkedHashMap<>();
        for (int round = 0; round < hp.speedRounds(); round++) {
            for (int b : hp.batchSize()) {
                Sequential net = Recipe.BASELINE.network().build(new SplittableRandom(seed).split());
                TrainStep step = new TrainStep(net, Recipe.BASELINE.optimizer().copy());
                int images = b == 1 ? hp.speedImages() / 8 : hp.speedImages();
                int done = 0;
                long start = System.nanoTime();
                for (MiniBatches.Batch batch : parts.batches(train, b, seed).epoch(round)) {
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
     * Two standard errors of the best validation accuracy {@code p} among {@code candidates},
     * {@code 2·sqrt(p(1-p)/n)} for {@code n} validation images: accuracies closer than that to the
     * best are not told apart by this validation set.
     */
    private static double tolerance(List<Result> candidates, int validationSize) {
        double best = candidates.stream().mapToDouble(r -> r.last().validationAccuracy()).max().orElseThrow();
        return 2 * Math.sqrt(best * (1 - best) / validationSize);
    }

    /**
     * The batch size to keep, in three steps:
     * <ol>
     *   <li>accuracy: the candidates whose validation accuracy is within {@code tolerance} (two
     *       standard errors) of the best; closer than that is noise;</li>
     *   <li>speed: of those, the ones whose measured speed is at least {@code speedTie} times the
     *       fastest (closer than that is timing noise on a shared machine);</li>
     *   <li>the smallest of those: at equal accuracy and speed, it has the smallest learning rate,
     *       furthest from where the linear scaling rule breaks down, and the most updates per epoch.</li>
     * </ol>
     * The accuracies are the same in every run with the same seed; the speeds are measured on this
     * machine, so other hardware may choose differently, which is the honest answer: the best batch
     * size depends on the hardware.
     */
    private static Result choose(Lesson lesson, List<Result> candidates, Map<Integer, Double> speed, Hyperparams hp,
                                 double tolerance, int validationSize) {
        double best = candidates.stream().mapToDouble(r -> r.last().validationAccuracy()).max().orElseThrow();
        List<Result> accurate = candidates.stream().filter(r -> r.last().validationAccuracy() >= best - tolerance)
                .toList();
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
        return chosen;
    }

    private static String sizes(List<Result> results) {
        return String.join(", ", results.stream().map(r -> String.valueOf(r.batchSize())).toList());
    }

    private static History epochsOnly(History h) {
        return new History(h.label(), h.epochs(), List.of(), List.of());
    }

    /** A learning rate without trailing zeros: 0.003125, 0.05, 0.4. */
    static String rate(float eta) {
        return String.format("%.6f", eta).replaceAll("0+$", "").replaceAll("\\.$", "");
    }

}
