package dev.knobs.lessons.l04;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.knobs.lessons.common.ExercisesContract;
import dev.knobs.lessons.common.KnobContract;
import dev.knobs.lessons.common.LessonResult;
import dev.knobs.lessons.common.Parts;
import dev.knobs.lessons.common.SmokeRun;
import dev.knobs.nn.init.HeNormal;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs lesson 04 in smoke mode and checks what it wrote. */
class InitializationTest {

    @Test
    void smokeRunWritesWellFormedOutputsWithPlausibleNumbers() {
        SmokeRun run = SmokeRun.of(Initialization.LESSON);
        LessonResult r = run.result();
        run.expectFigures("activation-std.png", "gradient-norm.png", "deep-activation-std.png", "deep-step-loss.png",
                "loss.png", "accuracy.png");
        Map<String, Double> m = r.metrics();
        for (String key : List.of("he", "xavier", "zeros", "tiny", "huge")) {
            assertTrue(m.containsKey(key + "_test_accuracy"), "metric " + key + "_test_accuracy");
        }
        // All-zero weights: every hidden output is 0 and every weight gradient is exactly 0 (symmetry).
        assertEquals(0.0, m.get("zeros_last_hidden_std"));
        assertEquals(0.0, m.get("zeros_first_layer_gradient_norm"));
        assertTrue(m.get("zeros_validation_accuracy") < 0.2, "zeros cannot learn: " + m.get("zeros_validation_accuracy"));
        // Spread after 5 hidden layers, observed: He 0.283, Xavier 0.0615, σ = 0.01 9.2e-6; σ = 1 diverges (loss 2.7e6).
        assertTrue(m.get("he_last_hidden_std") > 0.1 && m.get("he_last_hidden_std") < 1, "He keeps the scale");
        assertTrue(m.get("xavier_last_hidden_std") < m.get("he_last_hidden_std"), "Xavier shrinks the signal in ReLU nets");
        assertTrue(m.get("tiny_last_hidden_std") < 1e-3, "σ = 0.01 makes the signal vanish");
        assertTrue(m.get("huge_first_loss") > 1e3, "σ = 1 makes the logits explode");
        assertEquals(1.0, m.get("huge_diverged"));
        assertEquals(Math.log(10), m.get("he_first_loss"), 0.5, "He starts near ln 10");
        // 20 hidden layers, observed: He 0.217, Xavier 2.9e-4 after the last one.
        assertTrue(m.get("xavier_deep_last_hidden_std") < 0.01 * m.get("he_deep_last_hidden_std"), "Xavier vanishes at depth 20");
        double chosen = m.get("chosen_init");
        assertTrue(chosen == 3 || chosen == 4, "chosen init is Xavier (3) or He (4), got " + chosen);
        // 1,800 images, 1 epoch of 15 steps: observed 37.7% (He) and 47.7% (Xavier); chance is 10%.
        assertTrue(m.get("he_test_accuracy") > 0.25, "He " + m.get("he_test_accuracy"));
        assertTrue(r.testAccuracy() > 0.25, "chosen " + r.testAccuracy());
        Initialization.Results results = r.results(Initialization.Results.class);
        assertEquals(r.testAccuracy(), results.testAccuracy(), 1e-12);
        assertEquals(chosen, results.chosenInitCode());
        assertEquals(m.get("xavier_deep_last_hidden_std"), results.xavier().deepLastHiddenStd(), 1e-12);
        assertTrue(results.huge().diverged() && Double.isNaN(results.huge().validationAccuracy()));
        assertEquals("784-256-256-256-256-256-10", results.architecture());
    }

    @Test
    void aTurnedRunDescribesItsOwnNetworks() {
        LessonResult r = SmokeRun.of(Initialization.LESSON, "--hidden", "64,64", "--deep-layers", "3").result();
        Initialization.Results results = r.results(Initialization.Results.class);
        assertEquals("784-64-64-10", results.architecture());
        assertEquals("784-64x3-10", results.deepArchitecture());
        assertEquals(List.of("scheme", "rule", "σ of W₁ (784 → 64)", "σ of W₂ (64 → 64)"), r.tables().get(0).columns());
        assertTrue(r.headline().startsWith("In a 2-hidden-layer ReLU network"), r.headline());
        assertEquals("Spread of each layer's output, 3 hidden layers, at initialisation", r.figures().get(2).title());
    }

    @Test
    void everyKnobIsAFlagAndALineInAFile(@TempDir Path scratch) {
        KnobContract.check(Initialization.LESSON, scratch);
    }

    @Test
    void withNnCoresClassesAsTheExercisesUseExercisesGivesTheSameNumbers() {
        // nn-core's He initialiser plugged in where the student's code goes: the wiring itself must change no number.
        ExercisesContract.sameNumbers(Initialization.LESSON, () -> Parts.library().withInitializer("he_normal", "04.1 nn-core's HeNormal", HeNormal::new));
    }

    @Test
    void withTheSkeletonsUseExercisesStopsWithTheExercisesMessage() {
        ExercisesContract.skeletonStops(Initialization.LESSON, "04.1");
    }
}
