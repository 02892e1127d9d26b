package dev.knobs.lessons.l10;

import static dev.knobs.lessons.common.Percent.pct;

import dev.knobs.lessons.common.CompilerWarmUp;
import dev.knobs.lessons.common.Lesson;
import dev.knobs.lessons.common.LessonDefinition;
import dev.knobs.lessons.common.LessonResults;
import dev.knobs.lessons.common.Mode;
import dev.knobs.lessons.common.Plots;
import dev.knobs.lessons.common.TextTable;
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
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.XYChart;

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

    /** Points per learning-rate curve in the plots; longer per-step curves are thinned to this. */
    private static final int CURVE_POINTS = 600;

    /**
     * The knobs of this lesson, each with its reason.
     *
     * @param hidden      784-128-128-10, the smallest network with three layers of weights: ten runs must fit
     *                    in the standard budget, and schedules act on bigger networks the same way
     * @param lr    0.05, the baseline's constant rate: the reference every schedule must beat
     * @param peakLr        0.1, twice the constant rate: a schedule can afford a higher rate at the start because
     *                    it will lower it later; every schedule uses the same peak so that only the shape differs
     * @param finalRatio  exponential decay ends at peak/50: low enough to settle, as the cosine does
     * @param trainSize 30,000 training images in standard mode, so that ten runs of 10 epochs fit in the budget;
     *                    full mode uses all 55,000 (5,000 are held out for validation in every mode)
     * @param epochs      10 in standard mode: enough epochs for a per-epoch schedule to have a shape (full: 30)
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
     * @param group   which pair of figures it is drawn in: "decay" or "cycle"
     * @param perStep true: the schedule's step is the mini-batch; false: the epoch
     */
    record Candidate(String name, String group, LearningRateSchedule schedule, boolean perStep) {}

    /** One finished run, for the table and {@code schedules.json}. */
    record Outcome(String schedule, String steppedPer, String definition, double firstRate, double lastRate,
                   double validationAccuracy, double testAccuracy, double trainSeconds) {
        /** The name with how it is stepped, e.g. "one-cycle per batch", without saying it twice. */
        String fullName() {
            return schedule.endsWith(" per " + steppedPer) ? schedule : schedule + " per " + steppedPer;
        }
    }

    /**
     * What this lesson found.
     *
     * @param testAccuracy test accuracy of the configuration chosen on validation data
     */
    record Results(double testAccuracy) implements LessonResults {}

    /** The lesson: its folder, title, knobs and experiment. */
    public static final LessonDefinition<Hyperparams, Results> LESSON = new LessonDefinition<>("10-lr-schedules", "Learning-rate schedules",
            Hyperparams.class, Hyperparams::defaults, Results.class, LrSchedules::run);

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
        lesson.out().printf("%d epochs of %d mini-batches of %d: %,d steps in all%n", hp.epochs(), stepsPerEpoch,
                base.batchSize(), totalSteps);

        // ---------------------------------------------------------------- 2. the schedules
        lesson.section("2. The schedules");
        List<Candidate> candidates = candidates(hp, stepsPerEpoch, totalSteps);
        for (Candidate c : candidates) {
            lesson.out().printf("  %-24s per %-6s %s%n", c.name(), c.perStep() ? "batch" : "epoch", c.schedule().name());
        }

        // ---------------------------------------------------------------- 3. training once per schedule
        lesson.section("3. Training " + candidates.size() + " times: " + base.network() + ", " + base.optimizer().name()
                + ", batch " + base.batchSize() + ", " + hp.epochs() + " epochs, seed " + base.seed());
        CompilerWarmUp.run(base, data, lesson);
        List<History> histories = new ArrayList<>();
        List<Recipe.Run> trained = new ArrayList<>();
        List<double[]> rateCurves = new ArrayList<>();
        List<Outcome> outcomes = new ArrayList<>();
        for (Candidate c : candidates) {
            Recipe recipe = (c.perStep() ? base.withStepSchedule(c.schedule()) : base.withSchedule(c.schedule()))
                    .withLabel(c.name());
            Recipe.Run run = recipe.train(data, lesson.progress(recipe)).orThrow();
            double[] rates = ratePerStep(run.history(), c.perStep(), stepsPerEpoch);
            EpochRecord last = run.history().last();
            histories.add(run.history());
            trained.add(run);
            rateCurves.add(rates);
            outcomes.add(new Outcome(c.name(), c.perStep() ? "batch" : "epoch", c.schedule().name(), rates[0],
                    rates[rates.length - 1], last.validationAccuracy(), last.testAccuracy(), run.history().seconds()));
        }

        // ---------------------------------------------------------------- 4. results
        lesson.section("4. Results: each learning-rate curve next to its validation accuracy");
        TextTable table = new TextTable("Schedules, " + hp.epochs() + " epochs on " + String.format("%,d", train.size())
                + " images", "schedule", "stepped per", "first rate", "last rate", "validation accuracy", "test accuracy",
                "training seconds");
        for (Outcome o : outcomes) {
            table.row(o.schedule(), o.steppedPer(), String.format("%.4f", o.firstRate()), String.format("%.5f", o.lastRate()),
                    pct(o.validationAccuracy()), pct(o.testAccuracy()), String.format("%.1f", o.trainSeconds()));
        }
        lesson.table(table);
        lesson.json("schedules", outcomes);
        lesson.json("histories", histories);
        for (String group : List.of("decay", "cycle")) {
            plotGroup(lesson, group, candidates, histories, rateCurves, stepsPerEpoch);
        }
        plotErrors(lesson, outcomes);

        // ---------------------------------------------------------------- 5. the choice
        lesson.section("5. The choice, by validation accuracy");
        Outcome constant = outcomes.get(0);
        Outcome best = constant;
        for (Outcome o : outcomes) {
            if (o.validationAccuracy() > best.validationAccuracy()) {
                best = o;
            }
        }
        double standardError = Math.sqrt(best.validationAccuracy() * (1 - best.validationAccuracy())
                / data.validation().size());
        lesson.out().printf("chosen: %s, validation %s (constant rate: %s; one standard error: %.2f points)%n",
                best.fullName(), pct(best.validationAccuracy()), pct(constant.validationAccuracy()),
                100 * standardError);
        lesson.out().printf("test accuracy: %s (constant rate: %s)%n", pct(best.testAccuracy()), pct(constant.testAccuracy()));
        lesson.metric("schedules_compared", outcomes.size());
        lesson.metric("per_step_schedules", candidates.stream().filter(Candidate::perStep).count());
        lesson.metric("best_schedule_test_accuracy", best.testAccuracy());
        lesson.metric("best_schedule_validation_accuracy", best.validationAccuracy());
        lesson.metric("constant_test_accuracy", constant.testAccuracy());
        lesson.metric("constant_validation_accuracy", constant.validationAccuracy());
        lesson.metric("validation_standard_error", standardError);
        lesson.metric("epochs", hp.epochs());
        lesson.metric("training_images", train.size());
        lesson.headline(String.format("Of %d learning-rate schedules (%d epochs on %,d images), %s has the best "
                        + "validation accuracy and reaches %s on the test set, against %s for the constant rate.",
                outcomes.size(), hp.epochs(), train.size(), best.fullName(), pct(best.testAccuracy()),
                pct(constant.testAccuracy())));
        Recipe.Run chosenRun = trained.get(outcomes.indexOf(best));
        lesson.chose(best.fullName(), chosenRun.history(), chosenRun.model());
        return new Results(best.testAccuracy());
    }

    /**
     * Every schedule of the lesson, in one place. Per-epoch schedules count epochs
     * ({@code 0 .. epochs-1}); per-batch schedules count mini-batches ({@code 0 .. totalSteps-1}).
     */
    static List<Candidate> candidates(Hyperparams hp, int stepsPerEpoch, int totalSteps) {
        int epochs = hp.epochs();
        float peak = hp.peakLr();
        // γ such that the rate falls from peak to peak·finalRatio over the run: γ^(n-1) = finalRatio
        float gammaEpoch = (float) Math.pow(hp.finalRatio(), 1.0 / Math.max(1, epochs - 1));
        float gammaStep = (float) Math.pow(hp.finalRatio(), 1.0 / Math.max(1, totalSteps - 1));
        int restartPeriod = (totalSteps + 6) / 7;                        // cycles of T, 2T, 4T fill the run
        int warmup = Math.min(stepsPerEpoch, totalSteps / 4);            // one epoch, or a quarter of a short run
        return List.of(
                new Candidate("constant", "both", new ConstantRate(hp.lr()), false),
                new Candidate("step decay", "decay", new StepDecay(peak, 0.5f, Math.max(1, epochs / 4)), false),
                new Candidate("exponential", "decay", new ExponentialDecay(peak, gammaEpoch), false),
                new Candidate("exponential per batch", "decay", new ExponentialDecay(peak, gammaStep), true),
                new Candidate("cosine", "decay", CosineSchedule.annealing(peak, 0f, epochs), false),
                new Candidate("cosine per batch", "both", CosineSchedule.annealing(peak, 0f, totalSteps), true),
                new Candidate("reduce on plateau", "decay", new ReduceOnPlateau(peak, 0.5f, 0, 1e-4f, 1e-3f), false),
                new Candidate("cosine restarts", "cycle", CosineSchedule.withRestarts(peak, 0f, restartPeriod, 2), true),
                new Candidate("warm-up + cosine", "cycle",
                        new WarmUp(warmup, CosineSchedule.annealing(peak, 0f, totalSteps - warmup)), true),
                new Candidate("one-cycle", "cycle", OneCycle.of(peak, totalSteps), true));
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

    /** Learning rate against epochs (fractional) and validation accuracy against epochs, for one group. */
    private static void plotGroup(Lesson lesson, String group, List<Candidate> candidates, List<History> histories,
                                  List<double[]> rateCurves, int stepsPerEpoch) {
        List<Plots.Series> rates = new ArrayList<>();
        List<Plots.Series> accuracy = new ArrayList<>();
        for (int i = 0; i < candidates.size(); i++) {
            Candidate c = candidates.get(i);
            if (!c.group().equals(group) && !c.group().equals("both")) {
                continue;
            }
            double[] r = rateCurves.get(i);
            int stride = Math.max(1, r.length / CURVE_POINTS);
            int n = (r.length + stride - 1) / stride;
            double[] x = new double[n + 1];
            double[] y = new double[n + 1];
            for (int k = 0; k < n; k++) {
                x[k] = (double) (k * stride) / stepsPerEpoch;        // step t starts at epoch t / stepsPerEpoch
                y[k] = r[k * stride];
            }
            x[n] = (double) r.length / stepsPerEpoch;                  // the last rate lasts until the end of the run
            y[n] = r[r.length - 1];
            rates.add(new Plots.Series(c.name(), x, y));
            accuracy.add(Plots.Series.ofEpochs(c.name(),
                    histories.get(i).epochs().stream().mapToDouble(e -> 100 * e.validationAccuracy()).toArray()));
        }
        String title = group.equals("decay") ? "decaying schedules" : "warm-up, restarts and one-cycle";
        XYChart rateChart = Plots.lines("Learning rate: " + title, "epoch", "learning rate", rates);
        rateChart.getStyler().setXAxisDecimalPattern("0.#");
        lesson.figure("lr-" + group, rateChart,
                "The rate each run used at every mini-batch; per-epoch schedules move in stairs, per-batch ones smoothly.",
                "Line chart of the learning rate against training time in epochs for the constant rate and the "
                        + title + "; all decaying curves end near zero.");
        lesson.figure("accuracy-" + group, Plots.lines("Validation accuracy: " + title, "epoch", "validation accuracy (%)",
                        accuracy),
                "Read it against the rate chart above: accuracy jumps when the rate drops, and is best at the end of a decay.",
                "Line chart of validation accuracy per epoch for the constant rate and the " + title + ".");
    }

    /** Validation error of every schedule as bars: differences of tenths of a point are easier to see as errors. */
    private static void plotErrors(Lesson lesson, List<Outcome> outcomes) {
        List<String> names = outcomes.stream().map(Outcome::schedule).toList();
        double[] errors = outcomes.stream().mapToDouble(o -> 100 * (1 - o.validationAccuracy())).toArray();
        CategoryChart chart = Plots.bars("Validation error after the last epoch", "schedule", "validation error (%)", names,
                List.of("validation error"), List.of(errors));
        chart.getStyler().setXAxisLabelRotation(30);
        lesson.figure("validation-error", chart,
                "Lower is better. The first bar is the constant rate every schedule is compared with.",
                "Bar chart of the validation error in percent after the last epoch for each learning-rate schedule.");
    }

}
