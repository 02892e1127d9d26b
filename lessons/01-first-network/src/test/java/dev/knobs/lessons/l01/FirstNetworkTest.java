package dev.knobs.lessons.l01;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.knobs.lessons.common.ExercisesContract;
import dev.knobs.lessons.common.KnobContract;
import dev.knobs.lessons.common.LessonResult;
import dev.knobs.lessons.common.Parts;
import dev.knobs.lessons.common.SmokeRun;
import dev.knobs.nn.layer.Dense;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs lesson 01 in smoke mode and checks what it wrote. */
class FirstNetworkTest {

    @Test
    void smokeRunWritesWellFormedOutputsWithPlausibleNumbers() {
        SmokeRun run = SmokeRun.of(FirstNetwork.LESSON);
        LessonResult r = run.result();
        run.expectFigures("samples.png", "class-histogram.png", "loss.png", "accuracy.png", "step-loss.png");
        assertEquals(Math.log(10), r.metrics().get("initial_loss"), 0.3, "an untrained net starts near ln 10");
        assertTrue(r.metrics().get("gradient_check_max_relative_error") < 1e-2, "backprop agrees with finite differences");
        // 2,000 images, 1 epoch: observed 74.2% (seed 42); below 60% something is broken.
        assertTrue(r.testAccuracy() > 0.60, "smoke test accuracy " + r.testAccuracy());
        FirstNetwork.Results results = r.results(FirstNetwork.Results.class);
        assertEquals(r.testAccuracy(), results.testAccuracy(), 1e-12);
        assertEquals(r.metrics().get("initial_loss"), results.initialLoss(), 1e-6);
        assertEquals("784-128-10", results.architecture());
        assertTrue(results.lossAfterOneStep() < results.initialLoss(), "one step downhill lowers the batch's loss");
    }

    @Test
    void aTurnedRunDescribesItsOwnNetworkAndBatch() {
        LessonResult r = SmokeRun.of(FirstNetwork.LESSON, "--hidden", "16", "--batch-size", "32").result();
        FirstNetwork.Results results = r.results(FirstNetwork.Results.class);
        assertEquals("784-16-10", results.architecture());
        assertEquals("Plain SGD, 784-16-10, per epoch", r.tables().get(0).title());
        String caption = r.figures().stream().filter(f -> f.file().equals("step-loss.png")).findFirst().orElseThrow()
                .caption();
        assertTrue(caption.startsWith("Each point is one mini-batch of 32:"), caption);
        assertEquals(java.util.List.of("hidden", "batch-size"), r.turned());
    }

    @Test
    void everyKnobIsAFlagAndALineInAFile(@TempDir Path scratch) {
        KnobContract.check(FirstNetwork.LESSON, scratch);
    }

    @Test
    void withNnCoresClassesAsTheExercisesUseExercisesGivesTheSameNumbers() {
        // nn-core's Dense layer plugged in where the student's code goes: the wiring itself must change no number.
        ExercisesContract.sameNumbers(FirstNetwork.LESSON, () -> Parts.library().withDense("01.1 nn-core's Dense", Dense::new));
    }

    @Test
    void withTheSkeletonsUseExercisesStopsWithTheExercisesMessage() {
        ExercisesContract.skeletonStops(FirstNetwork.LESSON, "01.1");
    }
}
