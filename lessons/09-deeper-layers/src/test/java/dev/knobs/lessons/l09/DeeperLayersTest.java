package dev.knobs.lessons.l09;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import dev.knobs.nn.init.HeNormal;
import dev.knobs.nn.layer.Mlp;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs lesson 09 in smoke mode and checks what it wrote. */
class DeeperLayersTest {

    @Test
    void parameterFormulaMatchesAHandCount() {
        // 784-100-10: 784·100 + 100 + 100·10 + 10 = 79,510
        assertEquals(79_510, new DeeperLayers.Architecture(1, 100).parameters());
        // 784-256-256-10: 200,960 + 65,792 + 2,570 = 269,322
        assertEquals(269_322, new DeeperLayers.Architecture(2, 256).parameters());
        assertEquals("784-64-64-64-10", new DeeperLayers.Architecture(3, 64).label());
    }

    @Test
    void smokeRunWritesWellFormedOutputsWithPlausibleNumbers() {
        SmokeRun run = SmokeRun.of(DeeperLayers.LESSON);
        LessonResult r = run.result();
        run.expectFigures("accuracy-vs-parameters.png", "accuracy-vs-seconds.png", "seconds-vs-parameters.png");
        Map<String, Double> m = r.metrics();
        assertEquals(5, m.get("configs_compared"), "depths 1-3 at width 64 and widths 32-128 at depth 2, one shared");
        assertTrue(m.get("chosen_hidden_layers") >= 2, "the assignment asks for at least three layers of weights");
        int layers = m.get("chosen_hidden_layers").intValue();
        int width = m.get("chosen_width").intValue();
        assertEquals(new DeeperLayers.Architecture(layers, width).parameters(), m.get("chosen_parameters"));
        assertTrue(m.get("chosen_validation_accuracy") >= m.get("best_validation_accuracy") - m.get("validation_standard_error"),
                "the chosen network is within one standard error of the best validation accuracy");
        assertEquals(m.get("chosen_test_accuracy"), r.testAccuracy(), 1e-12);
        // 1,800 images, 1 epoch: observed 69.9% for the chosen 784-128-128-10 (seed 42); below 50% something is broken.
        assertTrue(r.testAccuracy() > 0.50, "smoke test accuracy " + r.testAccuracy());

        DeeperLayers.Results typed = r.results(DeeperLayers.Results.class);
        assertEquals(r.testAccuracy(), typed.testAccuracy());
        assertEquals(m.get("configs_compared"), typed.networksCompared());
        assertEquals(m.get("chosen_parameters"), typed.chosenParameters());
        assertEquals(m.get("chosen_validation_accuracy"), typed.chosenValidationAccuracy());
        assertEquals(m.get("best_validation_accuracy"), typed.bestValidationAccuracy());
        assertEquals(new DeeperLayers.Architecture(layers, width).label(), typed.chosenArchitecture());
        assertEquals(r.chosen().label(), typed.chosenArchitecture());
    }

    @Test
    void aSweepOfOneDepthAndOneWidthDescribesItself() {
        LessonResult r = SmokeRun.of(DeeperLayers.LESSON, "--depths", "2", "--widths", "32").result();
        DeeperLayers.Results typed = r.results(DeeperLayers.Results.class);
        assertEquals(2, typed.networksCompared(), "784-64-64-10 for depth, 784-32-32-10 for width");
        assertTrue(r.headline().startsWith("Of 2 networks with 2 hidden layers of 32 to 64 units (1 epoch on 1,800 images)"),
                r.headline());
        assertEquals(2, typed.chosenHiddenLayers());
    }

    @Test
    void aGridWithoutTwoHiddenLayersIsRefusedInOneLine() {
        KnobSet<DeeperLayers.Hyperparams> knobs = KnobSet.of(DeeperLayers.Hyperparams.class);
        UsageException e = assertThrows(UsageException.class, () -> knobs.apply(
                DeeperLayers.Hyperparams.defaults(Mode.SMOKE), Map.of("depths", "1", "width-depth", "1")));
        assertTrue(e.getMessage().contains("at least 2 hidden layers") && !e.getMessage().contains("\n"), e.getMessage());
    }

    @Test
    void everyKnobIsAFlagAndALineInAFile(@TempDir Path scratch) {
        KnobContract.check(DeeperLayers.LESSON, scratch);
    }

    @Test
    void withNnCoresClassesAsTheExercisesUseExercisesGivesTheSameNumbers() {
        // nn-core's Mlp plugged in where the student's code goes: the wiring itself must change no number.
        ExercisesContract.sameNumbers(DeeperLayers.LESSON, () -> Parts.library().withNetwork("09.1 nn-core's Mlp",
                (inputs, hidden, classes, rng) -> Mlp.relu(new HeNormal(), widths(inputs, hidden, classes)).build(rng)));
    }

    /** {@code inputs, hidden..., classes}: the widths of an Mlp. */
    private static int[] widths(int inputs, int[] hidden, int classes) {
        return IntStream.concat(IntStream.concat(IntStream.of(inputs), IntStream.of(hidden)), IntStream.of(classes)).toArray();
    }

    @Test
    void withTheSkeletonsUseExercisesStopsWithTheExercisesMessage() {
        ExercisesContract.skeletonStops(DeeperLayers.LESSON, "09.1");
    }
}
