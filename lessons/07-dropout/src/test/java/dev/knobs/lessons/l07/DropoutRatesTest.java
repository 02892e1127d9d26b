package dev.knobs.lessons.l07;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.knobs.lessons.common.KnobContract;
import dev.knobs.lessons.common.LessonResult;
import dev.knobs.lessons.common.SmokeRun;
import dev.knobs.nn.data.Dataset;
import dev.knobs.nn.init.Constant;
import dev.knobs.nn.layer.Dense;
import dev.knobs.nn.layer.Dropout;
import dev.knobs.nn.layer.Sequential;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs lesson 07 in smoke mode and checks what it wrote; checks the dropout-on evaluation on a tiny network. */
class DropoutRatesTest {

    @Test
    void smokeRunWritesWellFormedOutputsWithPlausibleNumbers() {
        SmokeRun run = SmokeRun.of(DropoutRates.LESSON);
        LessonResult r = run.result();
        run.expectFigures("input-dropout.png", "gap.png", "accuracy-by-rate.png", "validation-loss.png",
                "train-vs-validation.png");
        run.expectMetrics("rates_tried", "best_rate", "gap_without_dropout", "gap_with_best", "best_test_accuracy",
                "no_dropout_test_accuracy");
        assertEquals(7, r.metrics().get("rates_tried"));
        assertEquals(9, r.metrics().get("configurations_tried"));
        double best = r.metrics().get("best_rate");
        assertTrue(best >= 0 && best <= 0.6, "the best rate is one of the sweep's: " + best);
        assertEquals(r.testAccuracy(), r.metrics().get("best_test_accuracy"), 1e-12);
        // 1,800 images, 2 epochs: observed train 87.7% vs test 80.7% without dropout (gap 7.0 points, seed 42).
        double gap = r.metrics().get("gap_without_dropout");
        assertTrue(gap > 0.0 && gap < 0.3, "training accuracy exceeds test accuracy: gap " + gap);
        // Observed 81.0% for the chosen configuration; below 60% something is broken.
        assertTrue(r.testAccuracy() > 0.60, "smoke test accuracy " + r.testAccuracy());
        // Dropout left on at evaluation: observed 80.2-80.4% against 81.0% with it off. Random masks only hurt here.
        assertTrue(r.metrics().get("dropout_on_at_evaluation_test_accuracy") <= r.testAccuracy() + 0.01);
    }

    @Test
    void dropoutLeftOnAtEvaluationGivesRandomAnswers() {
        // One input pixel feeding two classes through Dropout(0.5): w = 1 for class 0, bias 0.5 for class 1.
        // With the pixel kept (value 2 after scaling) class 0 wins; with it dropped (0) class 1 wins.
        Dense dense = new Dense(1, 2, new Constant(0f), new SplittableRandom(1));
        dense.weights().value()[0] = 1f;                     // W = [[1], [0]]
        dense.bias().value()[1] = 0.5f;                      // b = [0, 0.5]
        Sequential net = Sequential.of(1, new Dropout(0.5f, new SplittableRandom(3)), dense);
        int n = 400;
        float[] x = new float[n];
        java.util.Arrays.fill(x, 1f);
        Dataset all = new Dataset("ones", x, new int[n], n, 1, 1, 2);   // every label is class 0
        double[] accuracy = DropoutRates.accuraciesWithDropoutOn(net, all, 2);
        // Dropout off, the logits are [1, 0.5]: always class 0, 100% correct. On, about half the pixels are dropped.
        assertTrue(accuracy[0] > 0.4 && accuracy[0] < 0.6, "about half right: " + accuracy[0]);
        assertNotEquals(accuracy[0], accuracy[1], "each pass draws new masks");
        assertArrayEquals(new float[] {1f, 0.5f}, net.forward(new float[] {1f}, 1, false).clone(), 0f);
    }

    @Test
    void everyKnobIsAFlagAndALineInAFile(@TempDir Path scratch) {
        KnobContract.check(DropoutRates.LESSON, scratch);
    }
}
