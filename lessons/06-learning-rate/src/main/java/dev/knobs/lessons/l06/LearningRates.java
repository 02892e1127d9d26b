package dev.knobs.lessons.l06;

import static dev.knobs.lessons.common.Percent.pct;

import dev.knobs.lessons.common.Lesson;
import dev.knobs.lessons.common.LessonDefinition;
import dev.knobs.lessons.common.LessonResults;
import dev.knobs.lessons.common.Mode;
import dev.knobs.lessons.common.Plots;
import dev.knobs.lessons.common.TextTable;
import dev.knobs.nn.data.MiniBatches;
import dev.knobs.nn.data.RunData;
import dev.knobs.nn.layer.Sequential;
import dev.knobs.nn.metrics.EpochRecord;
import dev.knobs.nn.optim.Adam;
import dev.knobs.nn.optim.Momentum;
import dev.knobs.nn.optim.Optimizer;
import dev.knobs.nn.optim.Sgd;
import dev.knobs.nn.schedule.ConstantRate;
import dev.knobs.nn.train.LrRangeTest;
import dev.knobs.nn.train.Recipe;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.knowm.xchart.XYChart;

/**
 * Lesson 06, picking a learning rate. Changes from lesson 05: we keep ReLU and go back to the
 * one-hidden-layer baseline network (784-128-10); the knob is now the learning rate η, and then
 * the optimiser that uses it.
 *
 * <p>We sweep constant rates from 1e-4 to 1 with SGD + momentum and watch the too-small ones
 * crawl and the too-large ones diverge; run the learning-rate range test (Smith 2017), which
 * finds a good region in a fraction of one epoch; and compare plain SGD, momentum and Adam, each
 * at a rate picked on validation data. Read it next to the lesson's README.md.
 *
 * <p>Run: {@code mvn -pl lessons/06-learning-rate exec:java} (add
 * {@code -Dexec.args="--mode smoke"} for a seconds-long run).
 */
public final class LearningRates {
    private LearningRates() {}

    /**
     * The knobs of this lesson, each with its reason.
     *
     * @param lr       constant rates tried with momentum: a factor of about 3 apart, so that four
     *                    decades cost nine runs; the full run halves the spacing
     * @param epochs      epochs per run: enough to separate good rates from slow ones, short
     *                    enough for fifteen runs in the standard budget
     * @param rangeSteps  mini-batches of the range test: Smith's test needs only a few hundred
     * @param rangeMin    where the range test starts: far below any useful rate
     * @param rangeMax    where it would end: far above; it stops early once the loss explodes
     * @param adamLr   Adam's candidates, around Kingma and Ba's default 0.001
     */
    record Hyperparams(float[] lr, int epochs, int rangeSteps, float rangeMin, float rangeMax, float[] adamLr) {
        static Hyperparams defaults(Mode mode) {
            float[] standard = {1e-4f, 3e-4f, 1e-3f, 3e-3f, 1e-2f, 3e-2f, 0.1f, 0.3f, 1f};
            float[] full = {1e-4f, 2e-4f, 5e-4f, 1e-3f, 2e-3f, 5e-3f, 1e-2f, 2e-2f, 5e-2f, 0.1f, 0.2f, 0.5f, 1f};
            return new Hyperparams(mode.pick(standard, standard, full), mode.pick(1, 4, 15),
                    mode.pick(60, 300, 500), 1e-5f, 10f, new float[] {3e-4f, 1e-3f, 3e-3f, 1e-2f});
        }
    }

    /** The momentum coefficient of the baseline: with μ = 0.9 each step moves about 1/(1-μ) = 10 gradients' worth. */
    static final float MU = 0.9f;

    /**
     * What this lesson found.
     *
     * @param testAccuracy test accuracy of the configuration chosen on validation data
     */
    record Results(double testAccuracy) implements LessonResults {}

    /** The lesson: its folder, title, knobs and experiment. */
    public static final LessonDefinition<Hyperparams, Results> LESSON = new LessonDefinition<>("06-learning-rate", "Picking a learning rate",
            Hyperparams.class, Hyperparams::defaults, Results.class, LearningRates::run);

    public static void main(String[] args) {
        Lesson.launch(args, LESSON);
    }

    static Results run(Lesson lesson, Hyperparams hp) {

        // ---------------------------------------------------------------- 1. the data
        lesson.section("1. The data");
        RunData data = RunData.withValidation(lesson.data(), lesson.seed());
        lesson.out().printf("%d training, %d validation (for choosing) and %d test images%n", data.train().size(),
                data.validation().size(), data.test().size());
        Recipe base = Recipe.BASELINE.withEpochs(hp.epochs()).withSeed(lesson.seed());
        lesson.out().println("every run: " + base.network() + ", batch " + base.batchSize() + ", " + hp.epochs()
                + " epochs; only the rate (and in section 4 the optimiser) changes");

        // ---------------------------------------------------------------- 2. a sweep of constant rates
        lesson.section("2. A sweep of " + hp.lr().length + " constant rates with momentum " + MU);
        List<Recipe.Run> sweep = sweep(lesson, base, new Momentum(MU), "momentum", hp.lr(), data);
        Recipe.Run bestMomentum = bestByValidation(sweep);
        float chosenRate = rate(bestMomentum);
        long diverged = sweep.stream().filter(LearningRates::diverging).count();
        TextTable sweepTable = new TextTable("Constant learning rates with momentum " + MU + " (" + hp.epochs() + " epochs)",
                "learning rate", "outcome", "final train loss", "validation accuracy", "seconds");
        for (Recipe.Run r : sweep) {
            sweepTable.row(rateText(rate(r)), outcome(r), r.history().epochs().isEmpty() ? "-"
                            : String.format("%.4f", r.history().last().trainLoss()),
                    r.history().epochs().isEmpty() ? "-" : pct(r.history().last().validationAccuracy()),
                    String.format("%.1f", r.history().seconds()));
        }
        lesson.table(sweepTable);
        plotSweep(lesson, sweep, chosenRate);
        lesson.out().printf("chosen on validation accuracy: η = %s (%s); %d of %d rates diverged%n", rateText(chosenRate),
                pct(bestMomentum.history().last().validationAccuracy()), diverged, sweep.size());

        // ---------------------------------------------------------------- 3. the learning-rate range test
        lesson.section("3. The learning-rate range test: " + hp.rangeSteps() + " mini-batches, η from "
                + rateText(hp.rangeMin()) + " up, exponentially");
        Map<String, LrRangeTest.Result> ranges = new LinkedHashMap<>();
        for (Map.Entry<String, Optimizer> o : optimizers().entrySet()) {
            Sequential fresh = base.network().build(new SplittableRandom(lesson.seed()).split());
            MiniBatches batches = new MiniBatches(data.train(), base.batchSize(), lesson.seed());
            LrRangeTest.Result r = LrRangeTest.run(fresh, o.getValue(), batches, hp.rangeMin(), hp.rangeMax(), hp.rangeSteps());
            ranges.put(o.getKey(), r);
            lesson.out().printf("%-9s %3d steps up to η = %-8s lowest smoothed loss at η = %-8s -> steepest descent at η = %s, "
                            + "lowest/10 = %s%n", o.getKey(), r.rates().size(), rateText(r.rates().get(r.rates().size() - 1)),
                    rateText(10 * r.minimumOverTen()), rateText(r.steepest()), rateText(r.minimumOverTen()));
        }
        plotRangeTest(lesson, ranges.get("momentum"), chosenRate);
        plotRangeTests(lesson, ranges);

        // ---------------------------------------------------------------- 4. SGD vs momentum vs Adam
        lesson.section("4. Plain SGD, momentum and Adam, each at a rate picked on validation");
        float[] sgdRates = {3 * chosenRate, 10 * chosenRate, 30 * chosenRate};
        lesson.out().printf("plain SGD moves about 1/(1-μ) = 10x less per step than momentum at the same η: its candidates "
                + "are 3, 10 and 30 times the momentum choice%n");
        List<Recipe.Run> sgd = sweep(lesson, base, new Sgd(), "sgd", sgdRates, data);
        List<Recipe.Run> adam = sweep(lesson, base, new Adam(), "adam", hp.adamLr(), data);
        Map<String, Recipe.Run> best = new LinkedHashMap<>();
        best.put("sgd", bestByValidation(sgd));
        best.put("momentum", bestMomentum);
        best.put("adam", bestByValidation(adam));
        Map<String, List<Recipe.Run>> all = new LinkedHashMap<>();
        all.put("sgd", sgd);
        all.put("momentum", sweep);
        all.put("adam", adam);
        plotOptimizers(lesson, best, all);

        // ---------------------------------------------------------------- 5. results and the choice
        lesson.section("5. Results");
        TextTable table = new TextTable("The three optimisers at their best rate (" + hp.epochs() + " epochs)", "optimiser",
                "rates tried", "chosen rate", "range-test suggestion", "validation accuracy", "test accuracy", "seconds");
        String chosen = null;
        double bestValidation = -1;
        for (Map.Entry<String, Recipe.Run> e : best.entrySet()) {
            Recipe.Run r = e.getValue();
            EpochRecord last = r.history().last();
            table.row(r.recipe().optimizer().name(), all.get(e.getKey()).size(), rateText(rate(r)),
                    rateText(ranges.get(e.getKey()).steepest()), pct(last.validationAccuracy()), pct(last.testAccuracy()),
                    String.format("%.1f", r.history().seconds()));
            lesson.metric(e.getKey() + "_test_accuracy", last.testAccuracy());
            lesson.metric(e.getKey() + "_learning_rate", rate(r));
            lesson.metric(e.getKey() + "_range_test_suggestion", ranges.get(e.getKey()).steepest());
            if (last.validationAccuracy() > bestValidation) {
                bestValidation = last.validationAccuracy();
                chosen = e.getKey();
            }
        }
        lesson.table(table);
        lesson.json("sweep", sweepJson(all));
        lesson.json("range-test", ranges);
        lesson.metric("rates_tried", sweep.size());
        lesson.metric("rates_diverged", diverged);
        lesson.metric("range_test_suggestion", ranges.get("momentum").steepest());
        lesson.metric("range_test_minimum_over_ten", ranges.get("momentum").minimumOverTen());
        lesson.metric("chosen_learning_rate", chosenRate);
        lesson.metric("epochs", hp.epochs());

        Recipe.Run winner = best.get(chosen);
        lesson.out().printf("chosen on validation accuracy: %s at η = %s (%s); its test accuracy: %s%n", chosen,
                rateText(rate(winner)), pct(bestValidation), pct(winner.testAccuracy()));
        lesson.headline(String.format("Of %d constant rates from 1e-4 to 1, %d diverged and η = %s was best on validation "
                        + "(the range test suggested %s); at their best rates, SGD, momentum and Adam reach %s, %s and %s "
                        + "test accuracy in %d epochs.", sweep.size(), diverged, rateText(chosenRate),
                rateText(ranges.get("momentum").steepest()), pct(best.get("sgd").testAccuracy()),
                pct(best.get("momentum").testAccuracy()), pct(best.get("adam").testAccuracy()), hp.epochs()));
        lesson.chose(winner.recipe().label(), winner.history(), winner.model());
        return new Results(winner.testAccuracy());
    }

    /** The optimisers compared, by the short name used in metrics. */
    static Map<String, Optimizer> optimizers() {
        Map<String, Optimizer> o = new LinkedHashMap<>();
        o.put("sgd", new Sgd());
        o.put("momentum", new Momentum(MU));
        o.put("adam", new Adam());
        return o;
    }

    /**
     * One run per rate with {@link Recipe#train}, so a diverging rate ends early with
     * its reason instead of stopping the lesson. The rate is applied per step (a constant
     * schedule) so that every mini-batch's loss is recorded for the plots.
     */
    static List<Recipe.Run> sweep(Lesson lesson, Recipe base, Optimizer optimizer, String name, float[] rates,
                                        RunData data) {
        List<Recipe.Run> runs = new ArrayList<>();
        for (float rate : rates) {
            Recipe r = base.withOptimizer(optimizer).withStepSchedule(new ConstantRate(rate))
                    .withLabel(name + " η=" + rateText(rate));
            Recipe.Run run = r.train(data, lesson.progress(r));
            if (run.diverged() != null) {
                lesson.out().println("  " + run.diverged());
            }
            runs.add(run);
        }
        return runs;
    }

    /** The run with the highest final validation accuracy; diverging runs never win. */
    static Recipe.Run bestByValidation(List<Recipe.Run> runs) {
        Recipe.Run best = null;
        for (Recipe.Run r : runs) {
            if (!diverging(r) && (best == null
                    || r.history().last().validationAccuracy() > best.history().last().validationAccuracy())) {
                best = r;
            }
        }
        if (best == null) {
            throw new IllegalArgumentException("every learning rate diverged; add smaller rates to the sweep");
        }
        return best;
    }

    static float rate(Recipe.Run run) {
        return run.recipe().schedule().rate(0);
    }

    /**
     * True if the run diverged: either {@link dev.knobs.nn.train.DivergenceGuard} stopped it (the
     * loss became NaN or 10x its start), or it ran to the end with a training loss that grew from
     * the first epoch to the last, bouncing around instead of descending.
     */
    static boolean diverging(Recipe.Run r) {
        List<EpochRecord> e = r.history().epochs();
        return r.diverged() != null || e.size() > 1 && e.get(e.size() - 1).trainLoss() > e.get(0).trainLoss();
    }

    private static String outcome(Recipe.Run r) {
        List<EpochRecord> e = r.history().epochs();
        if (r.diverged() != null) {
            List<Float> losses = r.history().stepLosses();
            return "diverged: stopped at step " + (losses.size() + 1);
        }
        if (diverging(r)) {
            return String.format("diverging: loss rose from %.2f to %.2f", e.get(0).trainLoss(), e.get(e.size() - 1).trainLoss());
        }
        return "trained";
    }

    private static void plotSweep(Lesson lesson, List<Recipe.Run> sweep, float chosenRate) {
        List<String> categories = new ArrayList<>();
        double[] validation = new double[sweep.size()];
        for (int i = 0; i < sweep.size(); i++) {
            Recipe.Run r = sweep.get(i);
            categories.add(rateText(rate(r)) + (r.diverged() != null ? " (stopped)" : diverging(r) ? " (diverging)" : ""));
            validation[i] = r.diverged() != null ? 0 : 100 * r.history().last().validationAccuracy();
        }
        lesson.figure("sweep", Plots.bars("Validation accuracy after the run, by learning rate", "learning rate η",
                        "validation accuracy (%)", categories, List.of("momentum " + MU), List.of(validation)),
                "Too small and the network has barely moved; too large and it diverges (marked under the bar; a run "
                        + "stopped by the guard has no bar); the best rate, η = " + rateText(chosenRate)
                        + ", sits just below the cliff.",
                "Bar chart of validation accuracy for each learning rate from 1e-4 to 1; accuracy rises with the rate, "
                        + "peaks, and falls sharply at the largest rate, which is marked as diverging.");
        List<Plots.Series> steps = new ArrayList<>();
        for (Recipe.Run r : sweep) {
            steps.add(smoothedSteps(r));
        }
        lesson.figure("sweep-step-loss", Plots.linesLogY("Mini-batch loss during each run (smoothed over 20 steps)",
                        "mini-batch step", "training loss (log scale)", steps),
                "Each line is one rate: small rates descend slowly, good rates fast, and a diverging rate's line "
                        + "shoots up and ends where the run was stopped.",
                "Line chart, log scale, of the smoothed training loss of every mini-batch for each learning rate; "
                        + "the curves for small rates stay high, the diverged ones end early after rising.");
    }

    /** The mini-batch losses of a run, averaged over a sliding window of 20 steps (shorter at the start). */
    static Plots.Series smoothedSteps(Recipe.Run r) {
        List<Float> losses = r.history().stepLosses();
        int window = 20;
        double[] x = new double[losses.size()];
        double[] y = new double[losses.size()];
        double sum = 0;
        for (int i = 0; i < losses.size(); i++) {
            sum += losses.get(i);
            if (i >= window) {
                sum -= losses.get(i - window);
            }
            x[i] = i + 1;
            y[i] = sum / Math.min(i + 1, window);
        }
        return new Plots.Series("η = " + rateText(rate(r)), x, y);
    }

    private static void plotRangeTest(Lesson lesson, LrRangeTest.Result r, float chosenRate) {
        double cap = 2 * r.smoothed().get(0);
        List<Plots.Series> series = new ArrayList<>();
        series.add(Plots.Series.of("mini-batch loss", r.rates(), r.losses().stream()
                .map(v -> v > cap ? Double.NaN : (double) v).toList()));                // the explosion would flatten the rest
        series.add(Plots.Series.of("smoothed loss", r.rates(), r.smoothed().stream()
                .map(v -> v > cap ? Double.NaN : (double) v).toList()));
        series.add(point("steepest descent: η = " + rateText(r.steepest()), r, r.steepest()));
        series.add(point("lowest loss / 10: η = " + rateText(r.minimumOverTen()), r, r.minimumOverTen()));
        series.add(point("chosen by the sweep: η = " + rateText(chosenRate), r, chosenRate));
        XYChart chart = Plots.linesLogX("Learning-rate range test (momentum " + MU + ")",
                        "learning rate η (log scale)", "training loss", series);
        chart.getStyler().setMarkerSize(11);                                        // only the one-point series show markers
        lesson.figure("range-test", chart,
                "One short run with η growing every mini-batch: the loss is flat while η is too small, falls in the "
                        + "useful range and shoots up past it (losses above twice the first are cut off); pick a rate on "
                        + "the steep descent, before the minimum.",
                "Line chart of training loss against a learning rate rising exponentially from 1e-5; the loss stays "
                        + "near 2.3, then falls steeply, reaches a minimum and climbs; dots mark the suggested rates.");
    }

    private static void plotRangeTests(Lesson lesson, Map<String, LrRangeTest.Result> ranges) {
        List<Plots.Series> series = new ArrayList<>();
        for (Map.Entry<String, LrRangeTest.Result> e : ranges.entrySet()) {
            series.add(Plots.Series.of(e.getKey(), e.getValue().rates(), e.getValue().smoothed()));
        }
        lesson.figure("range-test-optimizers", Plots.linesLogX("Range test for each optimiser (smoothed loss)",
                        "learning rate η (log scale)", "smoothed training loss", series),
                "Each optimiser's useful range is where its curve falls steeply; they are shifted against each other, "
                        + "so a good rate for one is a poor rate for another.",
                "Line chart of smoothed range-test loss against learning rate for SGD, momentum and Adam; Adam's curve "
                        + "falls at the lowest rates, momentum's next, plain SGD's at the highest.");
    }

    /** A one-point series marking {@code rate} on the smoothed range-test curve (at the nearest rate tested). */
    private static Plots.Series point(String label, LrRangeTest.Result r, float rate) {
        int nearest = 0;
        for (int i = 1; i < r.rates().size(); i++) {
            if (Math.abs(Math.log(r.rates().get(i) / rate)) < Math.abs(Math.log(r.rates().get(nearest) / rate))) {
                nearest = i;
            }
        }
        return new Plots.Series(label, new double[] {rate}, new double[] {r.smoothed().get(nearest)});
    }

    private static void plotOptimizers(Lesson lesson, Map<String, Recipe.Run> best,
                                       Map<String, List<Recipe.Run>> all) {
        List<Plots.Series> curves = new ArrayList<>();
        for (Recipe.Run r : best.values()) {
            curves.add(Plots.Series.ofEpochs(r.recipe().label(),
                    r.history().epochs().stream().mapToDouble(e -> 100 * e.validationAccuracy()).toArray()));
        }
        lesson.figure("optimizers", Plots.lines("Validation accuracy per epoch, each optimiser at its best rate", "epoch",
                        "validation accuracy (%)", curves),
                "At their own best rates the three optimisers end close together; what differs is where that rate is.",
                "Line chart of validation accuracy per epoch for plain SGD, momentum and Adam, each at its best rate.");
        List<Plots.Series> byRate = new ArrayList<>();
        for (Map.Entry<String, List<Recipe.Run>> e : all.entrySet()) {
            List<Double> rates = new ArrayList<>();
            List<Double> accuracy = new ArrayList<>();
            for (Recipe.Run r : e.getValue()) {
                if (r.diverged() == null) {
                    rates.add((double) rate(r));
                    accuracy.add(100 * r.history().last().validationAccuracy());
                }
            }
            byRate.add(Plots.Series.of(e.getKey(), rates, accuracy));
        }
        lesson.figure("optimizers-by-rate", Plots.linesLogX("Validation accuracy against learning rate, per optimiser",
                        "learning rate η (log scale)", "validation accuracy (%)", byRate),
                "Every rate that did not diverge, per optimiser: Adam wants a rate about 100x smaller than plain SGD.",
                "Line chart on a log rate axis of final validation accuracy for each rate tried with SGD, momentum and "
                        + "Adam; the Adam points lie at the smallest rates, the SGD points at the largest.");
    }

    private static Map<String, Object> sweepJson(Map<String, List<Recipe.Run>> all) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, List<Recipe.Run>> e : all.entrySet()) {
            List<Map<String, Object>> runs = new ArrayList<>();
            for (Recipe.Run r : e.getValue()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("learning_rate", rate(r));
                m.put("diverged", r.diverged());
                m.put("history", r.history());
                runs.add(m);
            }
            out.put(e.getKey(), runs);
        }
        return out;
    }

    /** A rate with two significant digits, as people write them: {@code 0.03}, {@code 1}, {@code 3e-4}. */
    static String rateText(double rate) {
        if (!(rate > 0) || !Double.isFinite(rate)) {
            return String.valueOf(rate);
        }
        BigDecimal d = new BigDecimal(rate).round(new MathContext(2)).stripTrailingZeros();
        if (rate >= 1e-3) {
            return d.toPlainString();
        }
        int exponent = d.precision() - d.scale() - 1;                 // rate = mantissa · 10^exponent
        return d.movePointRight(-exponent).stripTrailingZeros().toPlainString() + "e" + exponent;
    }

}
