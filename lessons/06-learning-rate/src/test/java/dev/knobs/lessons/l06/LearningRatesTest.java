package dev.knobs.lessons.l06;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.knobs.lessons.common.KnobContract;
import dev.knobs.lessons.common.LessonResult;
import dev.knobs.lessons.common.SmokeRun;
import dev.knobs.nn.metrics.EpochRecord;
import dev.knobs.nn.metrics.History;
import dev.knobs.nn.train.Recipe;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs lesson 06 in smoke mode and checks what it wrote; checks its small functions by hand. */
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
}
