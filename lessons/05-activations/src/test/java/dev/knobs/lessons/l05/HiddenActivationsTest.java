package dev.knobs.lessons.l05;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.knobs.lessons.common.ExercisesContract;
import dev.knobs.lessons.common.KnobContract;
import dev.knobs.lessons.common.LessonResult;
import dev.knobs.lessons.common.Parts;
import dev.knobs.lessons.common.SmokeRun;
import dev.knobs.nn.layer.LeakyReLU;
import dev.knobs.nn.layer.ReLU;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs lesson 05 in smoke mode, with its defaults and with turned knobs, and checks what it wrote;
 * checks the one-standard-error choice by hand.
 */
class HiddenActivationsTest {

    @Test
    void smokeRunWritesWellFormedOutputsWithPlausibleNumbers() {
        SmokeRun run = SmokeRun.of(HiddenActivations.LESSON);
        LessonResult r = run.result();
        run.expectFigures("functions.png", "slopes.png", "gradient-norms.png", "validation-error.png",
                "train-loss.png", "dead-units.png", "saturation.png");
        run.expectMetrics("relu_test_accuracy", "sigmoid_test_accuracy", "tanh_test_accuracy",
                "leaky_relu_test_accuracy", "relu_dead_fraction", "relu_dead_fraction_high_rate",
                "sigmoid_saturated_fraction", "tanh_saturated_fraction", "relu_output_test_accuracy");
        // At initialisation each sigmoid layer shrinks the gradient about 4x: observed first/last 0.0056 (seed 42);
        // ReLU with He keeps it of the same order: observed 2.04.
        assertTrue(r.metrics().get("sigmoid_first_to_last_gradient_ratio") < 0.05, "sigmoid's gradient vanishes");
        assertTrue(r.metrics().get("relu_first_to_last_gradient_ratio") > 0.3, "ReLU's gradient does not vanish");
        // A leaky ReLU outputs 0 only for an input of exactly 0, so none of its units can be dead.
        assertEquals(0.0, r.metrics().get("leaky_relu_dead_fraction"));
        double dead = r.metrics().get("relu_dead_fraction");
        assertTrue(dead >= 0 && dead <= 1, "a fraction: " + dead);
        // 1,800 images, 1 epoch: observed relu 47.0%, tanh 75.8% (chosen), sigmoid 8.7% (still at chance).
        assertTrue(r.metrics().get("relu_test_accuracy") > 0.30, "relu " + r.metrics().get("relu_test_accuracy"));
        assertTrue(r.metrics().get("sigmoid_test_accuracy") < r.metrics().get("relu_test_accuracy"), "sigmoid learns slowest");
        assertTrue(r.testAccuracy() > 0.60, "smoke test accuracy " + r.testAccuracy());

        HiddenActivations.Results typed = r.results(HiddenActivations.Results.class);
        assertEquals(r.testAccuracy(), typed.testAccuracy());
        assertEquals(r.chosen().label(), typed.chosenActivation());
        assertEquals(r.metrics().get("chosen_is_relu") == 1, typed.chosenActivation().equals("relu"));
        assertEquals(r.metrics().get("relu_dead_fraction_high_rate"), typed.reluDeadFractionHighRate());
        assertEquals(r.metrics().get("tanh_test_accuracy"), typed.tanhTestAccuracy());
        assertEquals(0.0, typed.leakyReluDeadFractionHighRate());
    }

    @Test
    void aRunWithoutReluSkipsWhatNeedsItAndDescribesItsOwnNetwork() {
        SmokeRun run = SmokeRun.of(HiddenActivations.LESSON, "--activation", "sigmoid,tanh", "--hidden", "64,32");
        LessonResult r = run.result();
        run.expectFigures("functions.png", "slopes.png", "gradient-norms.png", "validation-error.png", "train-loss.png",
                "saturation.png");
        HiddenActivations.Results typed = r.results(HiddenActivations.Results.class);
        assertTrue(List.of("sigmoid", "tanh").contains(typed.chosenActivation()), typed.chosenActivation());
        assertTrue(Double.isNaN(typed.reluTestAccuracy()) && Double.isNaN(typed.reluAfterOutputTestAccuracy()),
                "relu was not trained");
        assertEquals("Hidden activation compared (784-64-32-10, 1 epoch)", r.tables().get(1).title());
        assertTrue(r.headline().startsWith("In a 2-hidden-layer network trained for 1 epoch, sigmoid reaches "),
                r.headline());
        String alt = r.figures().get(2).alt();
        assertTrue(alt.contains("each of the three weight matrices") && alt.contains("for sigmoid and tanh;"), alt);
    }

    @Test
    void theSimplestActivationWithinOneStandardErrorOfTheBestIsChosen() {
        // n = 5,000 and best p = 0.972: √(0.972·0.028/5000) = 0.00233, so everything from 0.96967 up ties.
        assertEquals(0.00233, HiddenActivations.standardError(0.972, 5000), 1e-5);
        assertEquals("relu", HiddenActivations.choose(Map.of("tanh", 0.972, "relu", 0.970, "sigmoid", 0.92), 5000));
        assertEquals("tanh", HiddenActivations.choose(Map.of("tanh", 0.972, "relu", 0.969, "sigmoid", 0.92), 5000));
        assertEquals("leaky_relu", HiddenActivations.choose(Map.of("leaky_relu", 0.975, "relu", 0.960), 5000));
    }

    @Test
    void numbersGetTheArticleTheyAreReadWith() {
        assertEquals("a", HiddenActivations.article("4"));
        assertEquals("an", HiddenActivations.article("8"));
        assertEquals("an", HiddenActivations.article("11"));
        assertEquals("a", HiddenActivations.article("12"));
    }

    @Test
    void everyKnobIsAFlagAndALineInAFile(@TempDir Path scratch) {
        KnobContract.check(HiddenActivations.LESSON, scratch);
    }

    @Test
    void withNnCoresClassesAsTheExercisesUseExercisesGivesTheSameNumbers() {
        // nn-core's activations plugged in where the student's code goes: the wiring itself must change no number.
        ExercisesContract.sameNumbers(HiddenActivations.LESSON, () -> Parts.library().withActivation("relu", "05.1 nn-core's ReLU", ReLU::new)
                .withActivation("leaky_relu", "05.2 nn-core's LeakyReLU", () -> new LeakyReLU(0.01f)));
    }

    @Test
    void withTheSkeletonsUseExercisesStopsWithTheExercisesMessage() {
        ExercisesContract.skeletonStops(HiddenActivations.LESSON, "05.1");
    }
}
