package dev.knobs.lessons.l10;

import dev.knobs.exercises.l10.CosineAnnealing;
import dev.knobs.exercises.l10.OneCycleSchedule;
import dev.knobs.lessons.common.CompilerWarmUp;
import dev.knobs.lessons.common.Lesson;
import dev.knobs.lessons.common.LessonDefinition;
import dev.knobs.lessons.common.LessonResults;
import dev.knobs.lessons.common.Mode;
import dev.knobs.lessons.common.Parts;
import dev.knobs.lessons.common.Percent;
import dev.knobs.lessons.common.TextTable;
import dev.knobs.lessons.common.Words;
import dev.knobs.nn.data.Dataset;
import dev.knobs.nn.data.RunData;
import dev.knobs.nn.init.HeNormal;
import dev.knobs.nn.layer.Mlp;
import dev.knobs.nn.metrics.EpochRecord;
import dev.knobs.nn.metrics.History;
import dev.knobs.nn.schedule.ConstantRate;
import dev.knobs.nn.schedule.CosineSchedule;
import dev.knobs.nn.schedule.ExponentialDecay;
import dev.knobs.nn.schedule.LearningRateSchedule;
import dev.knobs.nn.schedule.OneCycle;
import dev.knobs.nn.schedule.ReduceOnPlateau;
import dev.knobs.nn.schedule.StepDecay;
import dev.knobs.nn.schedule.WarmUp;
import dev.knobs.nn.train.Recipe;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Lesson 10, learning-rate schedules. Changes from lesson 09: the network is fixed again and the
 * learning rate changes during training, following a schedule, once per epoch or once per
 * mini-batch.
 *
 * <p>We train the same network from the same initial weights with a constant rate (the
 * reference) and with step decay, exponential decay, cosine annealing, cosine with warm restarts,
 * warm-up followed by cosine, one-cycle, and reduce-on-plateau, some of them both per epoch and
 * per mini-batch. Every run's learning-rate curve is drawn next to its validation-accuracy curve;
 * the schedule with the best validation accuracy is chosen. Read it next to the lesson's
 * README.md.
 *
 * <p>Run: {@code mvn -pl lessons/10-lr-schedules exec:java} (add
 * {@code -Dexec.args="--mode smoke"} for a seconds-long run).
 */
public final class LrSchedules {
    private LrSchedules() {}

    /** Mini-batch steps a run needs at least, so that a warm-up and a decay both fit in it. */
    private static final int FEWEST_STEPS = 4;

    /**
     * The knobs of this lesson, each with its reason.
     *
     * @param hidden     784-128-128-10, the smallest network with three layers of weights: ten runs must fit
     *                   in the standard budget, and schedules act on bigger networks the same way
     * @param lr         0.05, the baseline's constant rate: the reference every schedule must beat
     * @param peakLr     0.1, twice the constant rate: a schedule can afford a higher rate at the start because
     *                   it will lower it later; every schedule uses the same peak so that only the shape differs
     * @param finalRatio exponential decay ends at peak/50: low enough to settle, as the cosine does
     * @param trainSize  30,000 training images in standard mode, so that ten runs of 10 epochs fit in the budget;
     *                   full mode uses all 55,000 (5,000 are held out for validation in every mode)
     * @param epochs     10 in standard mode: enough epochs for a per-epoch schedule to have a shape (full: 30)
     */
    record Hyperparams(int[] hidden, float lr, float peakLr, float finalRatio, int trainSize, int epochs) {
        static Hyperparams defaults(Mode mode) {
            return new Hyperparams(new int[] {128, 128}, 0.05f, 0.1f, 1 / 50f, mode.pick(30_000, 30_000, 55_000),
                    mode.pick(3, 10, 30));
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

    /**
     * One schedule to try.
     *
     * @param name    legend and table name
     * @param group   which pair of figures it is drawn in: "decay", "cycle", or "both"
     * @param perStep true: the schedule's step is the mini-batch; false: the epoch
     */
    record Candidate(String name, String group, LearningRateSchedule schedule, boolean perStep) {
        boolean drawnIn(String figureGroup) {
            return group.equals(figureGroup) || group.equals("both");
        }
    }

    /**
     * One schedule, trained.
     *
     * @param ratePerStep the rate used at every mini-batch step, from the first to the last (to the
     *                    divergence, if the run diverged)
     */
    record Trained(Candidate candidate, Recipe.Run run, double[] ratePerStep) {
        /** What the run gave; a run that diverged has no accuracies (NaN) and says why. */
        Outcome outcome() {
            boolean finished = run.diverged() == null;
            EpochRecord last = finished ? run.history().last() : null;
            boolean anyStep = ratePerStep.length > 0;
            return new Outcome(candidate.name(), candidate.perStep() ? "batch" : "epoch", candidate.schedule().name(),
                    anyStep ? ratePerStep[0] : Double.NaN, anyStep ? ratePerStep[ratePerStep.length - 1] : Double.NaN,
                    finished ? last.validationAccuracy() : Double.NaN, finished ? last.testAccuracy() : Double.NaN,
                    run.history().seconds(), run.diverged());
        }
    }

    /**
     * One run, for the table and {@code schedules.json}.
     *
     * @param diverged why the run stopped early because its loss blew up, or null if it ran all epochs
     */
    record Outcome(String schedule, String steppedPer, String definition, double firstRate, double lastRate,
                   double validationAccuracy, double testAccuracy, double trainSeconds, String diverged) {
        boolean finished() {
            return diverged == null;
        }

        /** The name with how it is stepped, e.g. "one-cycle per batch", without saying it twice. */
        String fullName() {
            return schedule.endsWith(" per " + steppedPer) ? schedule : schedule + " per " + steppedPer;
        }
    }

    /**
     * What this lesson found. Accuracies are shares in [0, 1], measured after the last epoch.
     *
     * @param testAccuracy             test accuracy of the chosen schedule
     * @param chosenSchedule           the schedule with the best validation accuracy and how it is stepped,
     *                                 e.g. {@code one-cycle per batch}
     * @param chosenScheduleDefinition its exact settings, e.g. {@code one_cycle(max 0.1, 2350 steps)}
     * @param chosenValidationAccuracy its validation accuracy, which chose it
     * @param constantValidationAccuracy validation accuracy of the constant rate, the reference (NaN if it diverged)
     * @param constantTestAccuracy     test accuracy of the constant rate (NaN if it diverged)
     * @param validationStandardError  standard error of the chosen validation accuracy, √(p(1-p)/n) on the
     *                                 n validation images: differences smaller than this are noise
     * @param schedulesCompared        schedules trained, the constant rate included
     * @param perStepSchedules         of those, the ones stepped per mini-batch rather than per epoch
     * @param epochs                   epochs of every run
     * @param trainingImages           training images every run saw per epoch
     */
    public record Results(double testAccuracy, String chosenSchedule, String chosenScheduleDefinition,
                   double chosenValidationAccuracy, double constantValidationAccuracy, double constantTestAccuracy,
                   double validationStandardError, int schedulesCompared, int perStepSchedules, int epochs,
                   int trainingImages) implements LessonResults {}

    /** The lesson: its folder, title, knobs and experiment. */
    public static final LessonDefinition<Hyperparams, Results> LESSON = new LessonDefinition<>("10-lr-schedules", "Learning-rate schedules",
            Hyperparams.class, Hyperparams::defaults, Results.class, LrSchedules::run)
            .withExercises(() -> Parts.library()
                    .withSchedule("cosine", "10.1 cosine annealing schedule (CosineAnnealing)",
                            s -> new CosineAnnealing(s[0], s[1], (int) s[2]))
                    .withSchedule("one_cycle", "10.2 one-cycle schedule (OneCycleSchedule)",
                            s -> new OneCycleSchedule(s[0], (int) s[1], s[2], s[3], s[4])));

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
        Recipe base = Recipe.BASELINE.withNetwork(Mlp.relu(new HeNormal(), hp.widths()))
                .withEpochs(hp.epochs()).withSeed(lesson.seed());
        int stepsPerEpoch = (train.size() + base.batchSize() - 1) / base.batchSize();
        int totalSteps = base.totalSteps(train.size());
        lesson.out().printf("%,d training images (of %,d available), %,d validation images for choosing, %,d test images%n",
                train.size(), all.train().size(), data.validation().size(), data.test().size());
        lesson.out().printf("%s of %d mini-batches of %d: %,d steps in all%n", Words.epochs(hp.epochs()), stepsPerEpoch,
                base.batchSize(), totalSteps);
        if (totalSteps < FEWEST_STEPS) {
            throw new IllegalArgumentException("--train-size " + hp.trainSize() + " and --epochs " + hp.epochs() + " give "
                    + totalSteps + (totalSteps == 1 ? " mini-batch step" : " mini-batch steps") + " in all; a schedule "
                    + "needs at least " + FEWEST_STEPS + " to warm up and decay: raise one of them");
        }

        // ---------------------------------------------------------------- 2. the knob up close: the schedules
        lesson.section("2. The schedules");
        List<Candidate> candidates = candidates(hp, stepsPerEpoch, totalSteps, lesson.parts());
        for (Candidate c : candidates) {
            lesson.out().printf("  %-24s per %-6s %s%n", c.name(), c.perStep() ? "batch" : "epoch", c.schedule().name());
        }

        // ---------------------------------------------------------------- 3. training once per schedule
        lesson.section("3. Training " + candidates.size() + " times: " + base.network() + ", " + base.optimizer().name()
                + ", batch " + base.batchSize() + ", " + Words.epochs(hp.epochs()) + ", seed " + base.seed());
        CompilerWarmUp.run(base, data, lesson);
        List<Trained> runs = new ArrayList<>();
        for (Candidate c : candidates) {
            Recipe recipe = (c.perStep() ? base.withStepSchedule(c.schedule()) : base.withSchedule(c.schedule()))
                    .withLabel(c.name());
            Recipe.Run run = recipe.train(data, lesson.progress(recipe));
            runs.add(new Trained(c, run, ratePerStep(run.history(), c.perStep(), stepsPerEpoch)));
        }
        List<Outcome> outcomes = runs.stream().map(Trained::outcome).toList();

        // ---------------------------------------------------------------- 4. the choice, on validation data
        lesson.section("4. The choice, by validation accuracy");
        Outcome constant = outcomes.get(0);
        Outcome best = null;
        for (Outcome o : outcomes) {
            if (o.finished() && (best == null || o.validationAccuracy() > best.validationAccuracy())) {
                best = o;
            }
        }
        if (best == null) {
            throw new IllegalArgumentException("every schedule diverged (its loss blew up): try a lower --peak-lr and --lr");
        }
        double standardError = Math.sqrt(best.validationAccuracy() * (1 - best.validationAccuracy())
                / data.validation().size());
        lesson.out().printf("chosen: %s, validation %s (constant rate: %s; one standard error: %.2f points)%n",
                best.fullName(), pct(best.validationAccuracy()), pct(constant.validationAccuracy()),
                100 * standardError);
        lesson.out().printf("test accuracy: %s (constant rate: %s)%n", pct(best.testAccuracy()), pct(constant.testAccuracy()));
        Recipe.Run chosenRun = runs.get(outcomes.indexOf(best)).run();
        lesson.chose(best.fullName(), chosenRun.history(), chosenRun.model());

        // ---------------------------------------------------------------- 5. results
        lesson.section("5. Results: each learning-rate curve next to its validation accuracy");
        TextTable table = new TextTable("Schedules, " + Words.epochs(hp.epochs()) + " on " + String.format("%,d", train.size())
                + " images", "schedule", "stepped per", "first rate", "last rate", "validation accuracy", "test accuracy",
                "training seconds");
        for (Outcome o : outcomes) {
            table.row(o.schedule(), o.steppedPer(), rate("%.4f", o.firstRate()), rate("%.5f", o.lastRate()),
                    o.finished() ? pct(o.validationAccuracy()) : "diverged", pct(o.testAccuracy()),
                    String.format("%.1f", o.trainSeconds()));
        }
        lesson.table(table);
        lesson.json("schedules", outcomes);
        lesson.json("histories", runs.stream().map(t -> t.run().history()).toList());
        for (String group : List.of("decay", "cycle")) {
            List<Trained> drawn = runs.stream().filter(t -> t.candidate().drawnIn(group)).toList();
            LrSchedulesCharts.learningRates(lesson, group, drawn, stepsPerEpoch);
            LrSchedulesCharts.validationAccuracy(lesson, group, drawn);
        }
        LrSchedulesCharts.validationError(lesson, outcomes);

        long perStep = candidates.stream().filter(Candidate::perStep).count();
        lesson.metric("schedules_compared", outcomes.size());
        lesson.metric("per_step_schedules", perStep);
        lesson.metric("best_schedule_test_accuracy", best.testAccuracy());
        lesson.metric("best_schedule_validation_accuracy", best.validationAccuracy());
        lesson.metric("constant_test_accuracy", constant.testAccuracy());
        lesson.metric("constant_validation_accuracy", constant.validationAccuracy());
        lesson.metric("validation_standard_error", standardError);
        lesson.metric("epochs", hp.epochs());
        lesson.metric("training_images", train.size());
        lesson.headline(best == constant
                ? String.format("Of %d learning-rate schedules (%s on %,d images), none beats the constant rate on "
                        + "validation data; it reaches %s on the test set.", outcomes.size(), Words.epochs(hp.epochs()),
                        train.size(), pct(constant.testAccuracy()))
                : String.format("Of %d learning-rate schedules (%s on %,d images), %s has the best validation accuracy "
                        + "and reaches %s on the test set, against %s.", outcomes.size(), Words.epochs(hp.epochs()),
                        train.size(), best.fullName(), pct(best.testAccuracy()), constant.finished()
                                ? pct(constant.testAccuracy()) + " for the constant rate" : "a constant rate that diverged"));
        return new Results(best.testAccuracy(), best.fullName(), best.definition(), best.validationAccuracy(),
                constant.validationAccuracy(), constant.testAccuracy(), standardError, outcomes.size(), (int) perStep,
                hp.epochs(), train.size());
    }

    /**
     * Every schedule of the lesson, in one place. Per-epoch schedules count epochs
     * ({@code 0 .. epochs-1}); per-batch schedules count mini-batches ({@code 0 .. totalSteps-1}).
     * Cosine annealing and one-cycle come from {@code parts}: nn-core's, or the exercises'.
     */
    static List<Candidate> candidates(Hyperparams hp, int stepsPerEpoch, int totalSteps, Parts parts) {
        int epochs = hp.epochs();
        float peak = hp.peakLr();
        // γ such that the rate falls from peak to peak·finalRatio over the run: γ^(n-1) = finalRatio
        float gammaEpoch = (float) Math.pow(hp.finalRatio(), 1.0 / Math.max(1, epochs - 1));
        float gammaStep = (float) Math.pow(hp.finalRatio(), 1.0 / Math.max(1, totalSteps - 1));
        int restartPeriod = (totalSteps + 6) / 7;                        // cycles of T, 2T, 4T fill the run
        int warmup = Math.max(1, Math.min(stepsPerEpoch, totalSteps / 4));   // one epoch, or a quarter of a short run
        return List.of(
                new Candidate("constant", "both", new ConstantRate(hp.lr()), false),
                new Candidate("step decay", "decay", new StepDecay(peak, 0.5f, Math.max(1, epochs / 4)), false),
                new Candidate("exponential", "decay", new ExponentialDecay(peak, gammaEpoch), false),
                new Candidate("exponential per batch", "decay", new ExponentialDecay(peak, gammaStep), true),
                new Candidate("cosine", "decay", cosine(parts, peak, epochs), false),
                new Candidate("cosine per batch", "both", cosine(parts, peak, totalSteps), true),
                new Candidate("reduce on plateau", "decay", new ReduceOnPlateau(peak, 0.5f, 0, 1e-4f, 1e-3f), false),
                new Candidate("cosine restarts", "cycle", CosineSchedule.withRestarts(peak, 0f, restartPeriod, 2), true),
                new Candidate("warm-up + cosine", "cycle",
                        new WarmUp(warmup, cosine(parts, peak, totalSteps - warmup)), true),
                new Candidate("one-cycle", "cycle", oneCycle(parts, peak, totalSteps), true));
    }

    /** Cosine annealing from {@code peak} to 0 over {@code period} steps: nn-core's, or exercise 10.1's. */
    private static LearningRateSchedule cosine(Parts parts, float peak, int period) {
        return parts.schedule("cosine", CosineSchedule.annealing(peak, 0f, period), peak, 0f, period);
    }

    /** One-cycle with PyTorch's usual settings up to {@code peak} over {@code total} steps: nn-core's, or exercise 10.2's. */
    private static LearningRateSchedule oneCycle(Parts parts, float peak, int total) {
        OneCycle library = OneCycle.of(peak, total);
        return parts.schedule("one_cycle", library, library.max(), library.total(), library.pctStart(),
                library.divFactor(), library.finalDivFactor());
    }

    /**
     * The rate used at every mini-batch of a run. Per-batch schedules record it at every step
     * ({@link History#stepLearningRates()}); a per-epoch schedule holds one rate for a whole
     * epoch, the one its epoch record reports.
     */
    private static double[] ratePerStep(History history, boolean perStep, int stepsPerEpoch) {
        if (perStep) {
            return history.stepLearningRates().stream().mapToDouble(Float::doubleValue).toArray();
        }
        double[] rates = new double[history.epochs().size() * stepsPerEpoch];
        for (int e = 0; e < history.epochs().size(); e++) {
            Arrays.fill(rates, e * stepsPerEpoch, (e + 1) * stepsPerEpoch, history.epochs().get(e).learningRate());
        }
        return rates;
    }

    /** A learning rate in the given format, or "-" for a run that diverged before its first epoch ended. */
    private static String rate(String format, double r) {
        return Double.isNaN(r) ? "-" : String.format(format, r);
    }

    /** A share as a percentage, or "-" for a run that diverged. */
    private static String pct(double fraction) {
        return Double.isNaN(fraction) ? "-" : Percent.pct(fraction);
    }

}
