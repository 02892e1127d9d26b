package dev.knobs.lessons.l06;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.knobs.lessons.common.ExercisesContract;
import dev.knobs.lessons.common.KnobContract;
import dev.knobs.lessons.common.KnobSet;
import dev.knobs.lessons.common.LessonResult;
import dev.knobs.lessons.common.Mode;
import dev.knobs.lessons.common.Parts;
import dev.knobs.lessons.common.SmokeRun;
import dev.knobs.lessons.common.UsageException;
import dev.knobs.nn.metrics.EpochRecord;
import dev.knobs.nn.metrics.History;
import dev.knobs.nn.optim.Adam;
import dev.knobs.nn.optim.Momentum;
import dev.knobs.nn.train.Recipe;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs lesson 06 in smoke mode, with its defaults and with turned knobs, and checks what it wrote;
 * checks its small functions and its refusals by hand.
 */
class LearningRatesTest {

    @Test
    void smokeRunWritesWellFormedOutputsWithPlausibleNumbers() {
        SmokeRun run = SmokeRun.of(LearningRates.LESSON);
        LessonResult r = run.result();
        run.expectFigures("sweep.png", "sweep-step-loss.png", "range-test.png", "range-test-optimizers.png",
                "optimizers.png", "optimizers-by-rate.png");
        run.expectMetrics("rates_tried", "rates_diverged", "range_test_suggestion", "chosen_learning_rate",
                "sgd_test_accuracy", "momentum_test_accuracy", "adam_test_accuracy");
        assertEquals(9, r.metrics().get("rates_tried"));
        double chosen = r.metrics().get("chosen_learning_rate");
        assertTrue(chosen >= 1e-4 && chosen <= 1, "the chosen rate is one of the sweep's: " + chosen);
        // The range test starts at 1e-5 and may run to 10; observed suggestion 0.24 for momentum (60 steps, seed 42).
        double suggestion = r.metrics().get("range_test_suggestion");
        assertTrue(suggestion > 1e-5 && suggestion < 10, "range-test suggestion " + suggestion);
        // Adam's best rate is far below plain SGD's (observed 0.003 against 0.3).
        assertTrue(r.metrics().get("adam_learning_rate") < r.metrics().get("sgd_learning_rate"), "Adam wants smaller steps");
        // 1,800 images, 1 epoch: observed 80.2% for the chosen optimiser; below 60% something is broken.
        assertTrue(r.testAccuracy() > 0.60, "smoke test accuracy " + r.testAccuracy());

        LearningRates.Results typed = r.results(LearningRates.Results.class);
        assertEquals(r.testAccuracy(), typed.testAccuracy());
        assertEquals(chosen, typed.momentumLearningRate());
        assertEquals(suggestion, typed.momentumRangeTestSuggestion());
        assertEquals(r.metrics().get("adam_test_accuracy"), typed.adamTestAccuracy());
        assertTrue(List.of("sgd", "momentum", "adam").contains(typed.chosenOptimizer()), typed.chosenOptimizer());
    }

    @Test
    void aRunWithTurnedKnobsDescribesItsOwnSweepAndMomentum() {
        SmokeRun run = SmokeRun.of(LearningRates.LESSON, "--lr", "0.05,0.5", "--momentum", "0.5", "--adam-lr", "0.003",
                "--range-steps", "30", "--range-min", "1e-4", "--range-max", "3");
        LessonResult r = run.result();
        LearningRates.Results typed = r.results(LearningRates.Results.class);
        assertEquals(2, typed.ratesTried());
        assertEquals(0.003f, typed.adamLearningRate());
        // With μ = 0.5 a momentum step goes about 1/(1-μ) = 2 plain steps, so plain SGD tries 0.6, 2 and 6 times momentum's rate.
        float m = typed.momentumLearningRate();
        assertTrue(List.of(0.6f * m, 2 * m, 6 * m).contains(typed.sgdLearningRate()), "sgd at " + typed.sgdLearningRate());
        assertTrue(r.headline().startsWith("Of 2 constant rates from 0.05 to 0.5, "), r.headline());
        assertEquals("Constant learning rates with momentum 0.5 (1 epoch)", r.tables().get(0).title());
        LessonResult.Figure range = r.figures().get(2);
        assertEquals("Learning-rate range test (momentum 0.5)", range.title());
        assertTrue(range.alt().contains("rising exponentially from 1e-4;"), range.alt());
    }

    @Test
    void impossibleKnobsAreRefusedInOneLine() {
        KnobSet<LearningRates.Hyperparams> knobs = KnobSet.of(LearningRates.Hyperparams.class);
        LearningRates.Hyperparams defaults = LearningRates.Hyperparams.defaults(Mode.SMOKE);
        UsageException range = assertThrows(UsageException.class,
                () -> knobs.apply(defaults, Map.of("range-min", "1", "range-max", "0.1")));
        assertTrue(range.getMessage().startsWith("--range-min (1) must be below --range-max (0.1)"), range.getMessage());
        UsageException twice = assertThrows(UsageException.class, () -> knobs.apply(defaults, Map.of("lr", "0.1,0.3,0.1")));
        assertEquals("--lr lists 0.1 twice; give each rate once", twice.getMessage());
    }

    @Test
    void ratesArePrintedAsPeopleWriteThem() {
        assertEquals("1e-4", LearningRates.rateText(1e-4f));
        assertEquals("3e-4", LearningRates.rateText(3e-4f));
        assertEquals("2.5e-5", LearningRates.rateText(2.5e-5));
        assertEquals("0.001", LearningRates.rateText(1e-3f));
        assertEquals("0.0015", LearningRates.rateText(0.0015));
        assertEquals("0.1", LearningRates.rateText(0.1f));
        assertEquals("1", LearningRates.rateText(1f));
        assertEquals("0.24", LearningRates.rateText(0.2371));
    }

    @Test
    void aRunWhoseLossGrowsFromFirstToLastEpochIsDiverging() {
        assertTrue(LearningRates.diverging(runWithLosses(1.65, 1.86, 1.90, 2.00)), "observed at η = 1 with momentum");
        assertFalse(LearningRates.diverging(runWithLosses(0.28, 0.14, 0.11, 0.09)));
        assertFalse(LearningRates.diverging(runWithLosses(0.30)), "one epoch has no trend");
    }

    private static Recipe.Run runWithLosses(double... trainLoss) {
        History h = new History("test");
        for (int i = 0; i < trainLoss.length; i++) {
            h.add(new EpochRecord(i + 1, trainLoss[i], 0.5, Double.NaN, 0.5, Double.NaN, 0.5, 0.1, 1));
        }
        return new Recipe.Run(Recipe.BASELINE, null, h, null, null);
    }

    @Test
    void everyKnobIsAFlagAndALineInAFile(@TempDir Path scratch) {
        KnobContract.check(LearningRates.LESSON, scratch);
    }

    @Test
    void withNnCoresClassesAsTheExercisesUseExercisesGivesTheSameNumbers() {
        // nn-core's optimisers plugged in where the student's code goes: the wiring itself must change no number.
        ExercisesContract.sameNumbers(LearningRates.LESSON, () -> Parts.library().withOptimizer("momentum", "06.1 nn-core's Momentum", s -> new Momentum(s[0]))
                .withOptimizer("adam", "06.2 nn-core's Adam", s -> new Adam()));
    }

    @Test
    void withTheSkeletonsUseExercisesStopsWithTheExercisesMessage() {
        ExercisesContract.skeletonStops(LearningRates.LESSON, "06.1");
    }
}
