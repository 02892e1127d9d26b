package dev.knobs.lessons.l06;

import static dev.knobs.lessons.common.Percent.pct;

import dev.knobs.exercises.l06.AdamOptimizer;
import dev.knobs.exercises.l06.MomentumOptimizer;
import dev.knobs.lessons.common.Knob;
import dev.knobs.lessons.common.Lesson;
import dev.knobs.lessons.common.LessonDefinition;
import dev.knobs.lessons.common.LessonResults;
import dev.knobs.lessons.common.Mode;
import dev.knobs.lessons.common.Parts;
import dev.knobs.lessons.common.TextTable;
import dev.knobs.lessons.common.UsageException;
import dev.knobs.lessons.common.Words;
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
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Lesson 06, picking a learning rate. Changes from lesson 05: we keep ReLU and go back to the
 * one-hidden-layer baseline network (784-128-10); the knob is now the learning rate η, and then
 * the optimiser that uses it.
 *
 * <p>The lesson reads top to bottom: the data; a sweep of constant rates with SGD + momentum, where
 * the too-small ones crawl and the too-large ones diverge; the learning-rate range test (Smith
 * 2017), which finds a good region in a fraction of one epoch; plain SGD, momentum and Adam, each
 * at its own rates; choosing on validation accuracy; the results. The figures are drawn by
 * {@link LearningRatesCharts}. Read it next to the lesson's README.md.
 *
 * <p>Run: {@code mvn -pl lessons/06-learning-rate exec:java} (add
 * {@code -Dexec.args="--mode smoke"} for a seconds-long run; {@code --help} lists the knobs).
 */
public final class LearningRates {
    private LearningRates() {}

    /**
     * The knobs of this lesson, each with its reason.
     *
     * @param lr          constant rates tried with momentum: a factor of about 3 apart, so that four
     *                    decades cost nine runs; the full run halves the spacing
     * @param momentum    the baseline's μ = 0.9: each step moves about 1/(1-μ) = 10 gradients' worth
     * @param epochs      epochs per run: enough to separate good rates from slow ones, short
     *                    enough for fifteen runs in the standard budget
     * @param rangeSteps  mini-batches of the range test: Smith's test needs only a few hundred
     * @param rangeMin    where the range test starts: far below any useful rate
     * @param rangeMax    where it would end: far above; it stops early once the loss explodes
     * @param adamLr      Adam's candidates, around Kingma and Ba's default 0.001
     */
    record Hyperparams(float[] lr, float momentum, int epochs, int rangeSteps, float rangeMin, float rangeMax,
                       float[] adamLr) {
        static Hyperparams defaults(Mode mode) {
            float[] standard = {1e-4f, 3e-4f, 1e-3f, 3e-3f, 1e-2f, 3e-2f, 0.1f, 0.3f, 1f};
            float[] full = {1e-4f, 2e-4f, 5e-4f, 1e-3f, 2e-3f, 5e-3f, 1e-2f, 2e-2f, 5e-2f, 0.1f, 0.2f, 0.5f, 1f};
            return new Hyperparams(mode.pick(standard, standard, full), 0.9f, mode.pick(1, 4, 15),
                    mode.pick(60, 300, 500), 1e-5f, 10f, new float[] {3e-4f, 1e-3f, 3e-3f, 1e-2f});
        }

        Hyperparams {
            if (!(rangeMin < rangeMax)) {
                throw new UsageException("--range-min (" + Knob.format(rangeMin) + ") must be below --range-max ("
                        + Knob.format(rangeMax) + "): the range test raises the rate from one to the other");
            }
            once("lr", lr);
            once("adam-lr", adamLr);
        }

        /** Refuses a sweep that lists a rate twice: its two runs would be the same run. */
        private static void once(String knob, float[] rates) {
            for (int i = 0; i < rates.length; i++) {
                for (int j = 0; j < i; j++) {
                    if (rates[i] == rates[j]) {
                        throw new UsageException("--" + knob + " lists " + Knob.format(rates[i])
                                + " twice; give each rate once");
                    }
                }
            }
        }

        /**
         * About how many times further a momentum step goes than a plain SGD step at the same η,
         * 1/(1-μ), rounded to a whole number: 10 for μ = 0.9.
         */
        int momentumGain() {
            return (int) Math.round(1 / (1 - (double) momentum));
        }

        /**
         * Plain SGD's candidates, as multiples of momentum's chosen rate: 0.3, 1 and 3 times the
         * gain 1/(1-μ), so that plain SGD's steps span the same sizes as momentum's (3, 10 and 30 for μ = 0.9).
         */
        float[] sgdMultiples() {
            int gain = momentumGain();
            return new float[] {3 * gain / 10f, gain, 3 * gain};
        }
    }

    /**
     * What this lesson found. Accuracies are fractions in [0, 1], measured after the last epoch of
     * a run; learning rates are η per mini-batch step. Each optimiser's best rate is chosen on
     * validation accuracy among its candidates; a run that diverged is never chosen. The
     * range-test suggestions are the rate where the smoothed loss falls fastest ("steepest"). The
     * metric each number is also reported as is named in brackets.
     *
     * @param testAccuracy              test accuracy of the optimiser chosen on validation, at its best rate
     * @param chosenOptimizer           that optimiser: {@code sgd}, {@code momentum} or {@code adam}
     * @param chosenLearningRate        its best rate
     * @param chosenValidationAccuracy  its validation accuracy, the number it was chosen on
     * @param momentumLearningRate      the best rate of the constant-rate sweep with momentum
     *                                  ({@code chosen_learning_rate}, {@code momentum_learning_rate})
     * @param momentumValidationAccuracy its validation accuracy
     * @param momentumTestAccuracy      its test accuracy ({@code momentum_test_accuracy})
     * @param sgdLearningRate           plain SGD's best rate ({@code sgd_learning_rate})
     * @param sgdValidationAccuracy     its validation accuracy
     * @param sgdTestAccuracy           its test accuracy ({@code sgd_test_accuracy})
     * @param adamLearningRate          Adam's best rate ({@code adam_learning_rate})
     * @param adamValidationAccuracy    its validation accuracy
     * @param adamTestAccuracy          its test accuracy ({@code adam_test_accuracy})
     * @param ratesTried                rates of the sweep with momentum ({@code rates_tried})
     * @param ratesDiverged             of those, the ones that diverged ({@code rates_diverged})
     * @param momentumRangeTestSuggestion the range test's steepest-descent rate with momentum
     *                                  ({@code range_test_suggestion}, {@code momentum_range_test_suggestion})
     * @param rangeTestMinimumOverTen   the range test's other reading with momentum: a tenth of the rate
     *                                  at the lowest smoothed loss ({@code range_test_minimum_over_ten})
     * @param sgdRangeTestSuggestion    the steepest-descent rate of plain SGD's range test
     *                                  ({@code sgd_range_test_suggestion})
     * @param adamRangeTestSuggestion   the same for Adam ({@code adam_range_test_suggestion})
     * @param epochs                    epochs of every run ({@code epochs})
     */
    public record Results(double testAccuracy, String chosenOptimizer, float chosenLearningRate, double chosenValidationAccuracy,
                   float momentumLearningRate, double momentumValidationAccuracy, double momentumTestAccuracy,
                   float sgdLearningRate, double sgdValidationAccuracy, double sgdTestAccuracy, float adamLearningRate,
                   double adamValidationAccuracy, double adamTestAccuracy, int ratesTried, int ratesDiverged,
                   float momentumRangeTestSuggestion, float rangeTestMinimumOverTen, float sgdRangeTestSuggestion,
                   float adamRangeTestSuggestion, int epochs) implements LessonResults {}

    /** The lesson: its folder, title, knobs and experiment. */
    public static final LessonDefinition<Hyperparams, Results> LESSON = new LessonDefinition<>("06-learning-rate", "Picking a learning rate",
            Hyperparams.class, Hyperparams::defaults, Results.class, LearningRates::run)
            .withExercises(() -> Parts.library()
                    .withOptimizer("momentum", "06.1 momentum step (MomentumOptimizer)", s -> new MomentumOptimizer(s[0]))
                    .withOptimizer("adam", "06.2 Adam step (AdamOptimizer)", s -> new AdamOptimizer()));

    /** Runs the lesson with the knobs given as flags or in a knob file ({@code --help} lists them). */
    public static void main(String[] args) {
        Lesson.launch(args, LESSON);
    }

    static Results run(Lesson lesson, Hyperparams hp) {
        LearningRatesCharts charts = new LearningRatesCharts(lesson);
        float mu = hp.momentum();

        // ---------------------------------------------------------------- 1. the data
        lesson.section("1. The data");
        RunData data = RunData.withValidation(lesson.data(), lesson.seed());
        lesson.out().printf("%d training, %d validation (for choosing) and %d test images%n", data.train().size(),
                data.validation().size(), data.test().size());
        Recipe base = Recipe.BASELINE.withEpochs(hp.epochs()).withSeed(lesson.seed());
        lesson.out().println("every run: " + base.network() + ", batch " + base.batchSize() + ", "
                + Words.count(hp.epochs(), "epoch") + "; only the rate (and in section 4 the optimiser) changes");

        // ---------------------------------------------------------------- 2. the knob up close: a sweep of constant rates
        lesson.section("2. A sweep of " + Words.count(hp.lr().length, "constant rate") + " with momentum " + mu);
        List<Recipe.Run> sweep = sweep(lesson, base, lesson.parts().optimizer("momentum", new Momentum(mu), mu), "momentum",
                hp.lr(), data);
        Recipe.Run bestMomentum = bestByValidation(sweep, "every rate of --lr diverged; add smaller ones");
        float chosenRate = rate(bestMomentum);
        long diverged = sweep.stream().filter(LearningRates::diverging).count();
        TextTable sweepTable = new TextTable("Constant learning rates with momentum " + mu + " ("
                + Words.count(hp.epochs(), "epoch") + ")", "learning rate", "outcome", "final train loss",
                "validation accuracy", "seconds");
        for (Recipe.Run r : sweep) {
            sweepTable.row(rateText(rate(r)), outcome(r), r.history().epochs().isEmpty() ? "-"
                            : String.format("%.4f", r.history().last().trainLoss()),
                    r.history().epochs().isEmpty() ? "-" : pct(r.history().last().validationAccuracy()),
                    String.format("%.1f", r.history().seconds()));
        }
        lesson.table(sweepTable);
        Recipe.Run largest = sweep.stream().max(Comparator.comparingDouble(LearningRates::rate)).orElseThrow();
        charts.sweep(sweep.stream().map(r -> rateText(rate(r)) + (r.diverged() != null ? " (stopped)"
                        : diverging(r) ? " (diverging)" : "")).toList(),
                sweep.stream().mapToDouble(r -> r.diverged() != null ? 0 : 100 * r.history().last().validationAccuracy())
                        .toArray(), mu, chosenRate, min(hp.lr()), max(hp.lr()), diverged > 0, diverging(largest));
        Map<String, List<Float>> stepLosses = new LinkedHashMap<>();
        sweep.forEach(r -> stepLosses.put("η = " + rateText(rate(r)), r.history().stepLosses()));
        charts.sweepStepLoss(stepLosses);
        lesson.out().printf("chosen on validation accuracy: η = %s (%s); %d of %d rates diverged%n", rateText(chosenRate),
                pct(bestMomentum.history().last().validationAccuracy()), diverged, sweep.size());

        // ---------------------------------------------------------------- 3. the learning-rate range test
        lesson.section("3. The learning-rate range test: " + hp.rangeSteps() + " mini-batches, η from "
                + rateText(hp.rangeMin()) + " up, exponentially");
        Map<String, LrRangeTest.Result> ranges = new LinkedHashMap<>();
        for (Map.Entry<String, Optimizer> o : optimizers(lesson.parts(), mu).entrySet()) {
            Sequential fresh = base.network().build(new SplittableRandom(lesson.seed()).split());
            MiniBatches batches = new MiniBatches(data.train(), base.batchSize(), lesson.seed());
            LrRangeTest.Result r = LrRangeTest.run(fresh, o.getValue(), batches, hp.rangeMin(), hp.rangeMax(), hp.rangeSteps());
            ranges.put(o.getKey(), r);
            lesson.out().printf("%-9s %3d steps up to η = %-8s lowest smoothed loss at η = %-8s -> steepest descent at η = %s, "
                            + "lowest/10 = %s%n", o.getKey(), r.rates().size(), rateText(r.rates().get(r.rates().size() - 1)),
                    rateText(10 * r.minimumOverTen()), rateText(r.steepest()), rateText(r.minimumOverTen()));
        }
        charts.rangeTest(ranges.get("momentum"), mu, chosenRate, hp.rangeMin());
        charts.rangeTests(ranges);

        // ---------------------------------------------------------------- 4. SGD vs momentum vs Adam
        lesson.section("4. Plain SGD, momentum and Adam, each at a rate picked on validation");
        float[] multiples = hp.sgdMultiples();
        float[] sgdRates = new float[multiples.length];
        for (int i = 0; i < multiples.length; i++) {
            sgdRates[i] = multiples[i] * chosenRate;
        }
        lesson.out().printf("plain SGD moves about 1/(1-μ) = %dx less per step than momentum at the same η: its candidates "
                + "are %s times the momentum choice%n", hp.momentumGain(), and(multiples));
        List<Recipe.Run> sgd = sweep(lesson, base, new Sgd(), "sgd", sgdRates, data);
        List<Recipe.Run> adam = sweep(lesson, base, lesson.parts().optimizer("adam", new Adam()), "adam", hp.adamLr(), data);
        Map<String, Recipe.Run> best = new LinkedHashMap<>();
        best.put("sgd", bestByValidation(sgd, "every rate tried with plain SGD (" + and(multiples)
                + " times momentum's choice) diverged"));
        best.put("momentum", bestMomentum);
        best.put("adam", bestByValidation(adam, "every rate of --adam-lr diverged; add smaller ones"));
        Map<String, List<Recipe.Run>> all = new LinkedHashMap<>();
        all.put("sgd", sgd);
        all.put("momentum", sweep);
        all.put("adam", adam);
        Map<String, double[]> bestCurves = new LinkedHashMap<>();
        best.values().forEach(r -> bestCurves.put(r.recipe().label(),
                r.history().epochs().stream().mapToDouble(e -> 100 * e.validationAccuracy()).toArray()));
        charts.optimizers(bestCurves);
        Map<String, List<Double>> finishedRates = new LinkedHashMap<>();
        Map<String, List<Double>> finishedAccuracy = new LinkedHashMap<>();
        all.forEach((name, runs) -> {
            List<Recipe.Run> finished = runs.stream().filter(r -> r.diverged() == null).toList();
            finishedRates.put(name, finished.stream().map(r -> (double) rate(r)).toList());
            finishedAccuracy.put(name, finished.stream().map(r -> 100 * r.history().last().validationAccuracy()).toList());
        });
        charts.optimizersByRate(finishedRates, finishedAccuracy);

        // ---------------------------------------------------------------- 5. choosing on validation
        lesson.section("5. Choosing on validation accuracy");
        String chosen = null;
        double bestValidation = -1;
        for (Map.Entry<String, Recipe.Run> e : best.entrySet()) {
            if (e.getValue().history().last().validationAccuracy() > bestValidation) {
                bestValidation = e.getValue().history().last().validationAccuracy();
                chosen = e.getKey();
            }
        }
        Recipe.Run winner = best.get(chosen);
        lesson.out().printf("chosen on validation accuracy: %s at η = %s (%s); its test accuracy: %s%n", chosen,
                rateText(rate(winner)), pct(bestValidation), pct(winner.testAccuracy()));

        // ---------------------------------------------------------------- 6. results
        lesson.section("6. Results");
        TextTable table = new TextTable("The three optimisers at their best rate (" + Words.count(hp.epochs(), "epoch") + ")",
                "optimiser", "rates tried", "chosen rate", "range-test suggestion", "validation accuracy",
                "test accuracy", "seconds");
        for (Map.Entry<String, Recipe.Run> e : best.entrySet()) {
            Recipe.Run r = e.getValue();
            EpochRecord last = r.history().last();
            table.row(r.recipe().optimizer().name(), all.get(e.getKey()).size(), rateText(rate(r)),
                    rateText(ranges.get(e.getKey()).steepest()), pct(last.validationAccuracy()), pct(last.testAccuracy()),
                    String.format("%.1f", r.history().seconds()));
        }
        lesson.table(table);
        lesson.json("sweep", sweepJson(all));
        lesson.json("range-test", ranges);
        Results results = new Results(winner.testAccuracy(), chosen, rate(winner), bestValidation, chosenRate,
                validationAccuracy(bestMomentum), bestMomentum.testAccuracy(), rate(best.get("sgd")),
                validationAccuracy(best.get("sgd")), best.get("sgd").testAccuracy(), rate(best.get("adam")),
                validationAccuracy(best.get("adam")), best.get("adam").testAccuracy(), sweep.size(), (int) diverged,
                ranges.get("momentum").steepest(), ranges.get("momentum").minimumOverTen(), ranges.get("sgd").steepest(),
                ranges.get("adam").steepest(), hp.epochs());
        for (Map.Entry<String, Recipe.Run> e : best.entrySet()) {
            lesson.metric(e.getKey() + "_test_accuracy", e.getValue().history().last().testAccuracy());
            lesson.metric(e.getKey() + "_learning_rate", rate(e.getValue()));
            lesson.metric(e.getKey() + "_range_test_suggestion", ranges.get(e.getKey()).steepest());
        }
        lesson.metric("rates_tried", sweep.size());
        lesson.metric("rates_diverged", diverged);
        lesson.metric("range_test_suggestion", ranges.get("momentum").steepest());
        lesson.metric("range_test_minimum_over_ten", ranges.get("momentum").minimumOverTen());
        lesson.metric("chosen_learning_rate", chosenRate);
        lesson.metric("epochs", hp.epochs());

        lesson.headline(String.format("Of %s, %d diverged and η = %s was best on validation "
                        + "(the range test suggested %s); at their best rates, SGD, momentum and Adam reach %s, %s and %s "
                        + "test accuracy in %s.", sweepText(hp.lr()), diverged, rateText(chosenRate),
                rateText(ranges.get("momentum").steepest()), pct(best.get("sgd").testAccuracy()),
                pct(best.get("momentum").testAccuracy()), pct(best.get("adam").testAccuracy()), Words.count(hp.epochs(), "epoch")));
        lesson.chose(winner.recipe().label(), winner.history(), winner.model());
        return results;
    }

    /**
     * The optimisers compared, by the short name used in metrics; momentum with coefficient {@code mu};
     * momentum and Adam from {@code parts} (the student's with {@code --use-exercises}).
     */
    static Map<String, Optimizer> optimizers(Parts parts, float mu) {
        Map<String, Optimizer> o = new LinkedHashMap<>();
        o.put("sgd", new Sgd());
        o.put("momentum", parts.optimizer("momentum", new Momentum(mu), mu));
        o.put("adam", parts.optimizer("adam", new Adam()));
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

    /**
     * The run with the highest final validation accuracy; diverging runs never win.
     *
     * @param allDiverged what to say if every run diverged
     */
    static Recipe.Run bestByValidation(List<Recipe.Run> runs, String allDiverged) {
        Recipe.Run best = null;
        for (Recipe.Run r : runs) {
            if (!diverging(r) && (best == null
                    || r.history().last().validationAccuracy() > best.history().last().validationAccuracy())) {
                best = r;
            }
        }
        if (best == null) {
            throw new IllegalArgumentException(allDiverged);
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

    private static double validationAccuracy(Recipe.Run run) {
        return run.history().last().validationAccuracy();
    }

    /** {@code 9 constant rates from 1e-4 to 1}, or {@code 1 constant rate, 0.1}: what the sweep tried. */
    static String sweepText(float[] rates) {
        return rates.length == 1 ? "1 constant rate, " + rateText(rates[0])
                : rates.length + " constant rates from " + rateText(min(rates)) + " to " + rateText(max(rates));
    }

    /** {@code 3, 10 and 30}. */
    private static String and(float[] values) {
        List<String> text = new ArrayList<>();
        for (float v : values) {
            text.add(Knob.format(v));
        }
        return Words.and(text);
    }

    private static float min(float[] values) {
        float m = values[0];
        for (float v : values) {
            m = Math.min(m, v);
        }
        return m;
    }

    private static float max(float[] values) {
        float m = values[0];
        for (float v : values) {
            m = Math.max(m, v);
        }
        return m;
    }

}
