package dev.knobs.lessons.l07;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
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
import dev.knobs.nn.data.Dataset;
import dev.knobs.nn.init.Constant;
import dev.knobs.nn.layer.Dense;
import dev.knobs.nn.layer.Dropout;
import dev.knobs.nn.layer.Sequential;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs lesson 07 in smoke mode, with its defaults and with turned knobs, and checks what it wrote;
 * checks the dropout-on evaluation on a tiny network and the refusal of a configuration given twice.
 */
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

        DropoutRates.Results typed = r.results(DropoutRates.Results.class);
        assertEquals(r.testAccuracy(), typed.testAccuracy());
        assertEquals(r.chosen().label(), typed.chosenConfiguration());
        assertEquals(best, typed.bestUniformHiddenDropout());
        assertEquals((double) r.metrics().get("chosen_hidden_rate_2"), typed.chosenHiddenDropout()[1]);
        assertEquals(gap, typed.gapWithoutDropout());
        assertEquals(9, typed.configurationsTried());
    }

    @Test
    void aRunWithTurnedKnobsDescribesItsOwnNetworkAndSweep() {
        SmokeRun run = SmokeRun.of(DropoutRates.LESSON, "--hidden", "64,32", "--train-size", "600", "--epochs", "1",
                "--hidden-dropout", "0.5", "--per-layer-dropout", "0.2,0.5,0.5");
        LessonResult r = run.result();
        DropoutRates.Results typed = r.results(DropoutRates.Results.class);
        assertEquals(2, typed.ratesTried(), "0, the control, and 0.5");
        assertEquals(3, typed.configurationsTried());
        assertEquals(600, typed.trainingImages());
        assertEquals("Dropout compared (784-64-32-10, 600 training images, 1 epoch)", r.tables().get(0).title());
        assertTrue(r.headline().startsWith("On 600 training images, a 784-64-32-10 network without dropout"), r.headline());
        assertEquals(List.of("hidden", "train-size", "epochs", "hidden-dropout", "per-layer-dropout"), r.turned());
    }

    @Test
    void aConfigurationTrainedTwiceIsRefusedInOneLine() {
        KnobSet<DropoutRates.Hyperparams> knobs = KnobSet.of(DropoutRates.Hyperparams.class);
        DropoutRates.Hyperparams defaults = DropoutRates.Hyperparams.defaults(Mode.SMOKE);
        UsageException e = assertThrows(UsageException.class,
                () -> knobs.apply(defaults, Map.of("per-layer-dropout", "0,0.3,0.3")));
        assertEquals("--per-layer-dropout 0,0.3,0.3 is trained already (as 'hidden 0.3'); give each configuration once",
                e.getMessage());
        assertThrows(UsageException.class, () -> knobs.apply(defaults, Map.of("per-layer-dropout", "0,0,0")),
                "no dropout is the control, always trained");
        assertArrayEquals(new float[] {0f, 0.5f}, knobs.apply(defaults, Map.of("hidden-dropout", "0.5,0,0.5")).rates(),
                "the control first, every rate once");
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
    void numbersGetTheArticleTheyAreReadWith() {
        assertEquals("a", DropoutRates.article("4.2"));
        assertEquals("an", DropoutRates.article("8.7"));
        assertEquals("an", DropoutRates.article("11.0"));
        assertEquals("an", DropoutRates.article("18"));
        assertEquals("a", DropoutRates.article("110"));
        assertEquals("a", DropoutRates.article("1.5"));
    }

    @Test
    void everyKnobIsAFlagAndALineInAFile(@TempDir Path scratch) {
        KnobContract.check(DropoutRates.LESSON, scratch);
    }

    @Test
    void withNnCoresClassesAsTheExercisesUseExercisesGivesTheSameNumbers() {
        // nn-core's dropout plugged in where the student's code goes: the wiring itself must change no number.
        ExercisesContract.sameNumbers(DropoutRates.LESSON, () -> Parts.library().withDropout("07.1 nn-core's Dropout", Dropout::new));
    }

    @Test
    void withTheSkeletonsUseExercisesStopsWithTheExercisesMessage() {
        ExercisesContract.skeletonStops(DropoutRates.LESSON, "07.1");
    }
}
