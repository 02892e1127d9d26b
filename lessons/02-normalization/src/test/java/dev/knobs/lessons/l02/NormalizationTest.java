package dev.knobs.lessons.l02;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.knobs.lessons.common.ExercisesContract;
import dev.knobs.lessons.common.KnobContract;
import dev.knobs.lessons.common.LessonResult;
import dev.knobs.lessons.common.Parts;
import dev.knobs.lessons.common.SmokeRun;
import dev.knobs.nn.data.Standardizer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs lesson 02 in smoke mode and checks what it wrote. */
class NormalizationTest {

    @Test
    void smokeRunWritesWellFormedOutputsWithPlausibleNumbers() {
        SmokeRun run = SmokeRun.of(Normalization.LESSON);
        LessonResult r = run.result();
        run.expectFigures("pixel-statistics.png", "first-steps.png", "loss.png", "accuracy.png");
        Map<String, Double> m = r.metrics();
        for (String key : List.of("raw", "raw_small_rate", "unit_range", "standardized", "per_pixel")) {
            assertTrue(m.containsKey(key + "_test_accuracy"), "metric " + key + "_test_accuracy");
        }
        // Statistics of the first 1,800 training images /255 (observed 0.1304 and 0.3079); all of MNIST: 0.1307, 0.3081.
        assertEquals(0.1307, m.get("train_mean"), 0.01);
        assertEquals(0.3081, m.get("train_std"), 0.01);
        // Applied unchanged to the test images, they centre them only roughly (observed -0.026 and 0.969).
        assertEquals(0.0, m.get("test_mean_after_standardizing"), 0.1);
        assertEquals(1.0, m.get("test_std_after_standardizing"), 0.1);
        assertTrue(m.get("test_mean_after_standardizing") != 0.0, "test statistics are not re-fitted");
        // Raw pixels: first loss observed 157-179 and a first-layer gradient ~460x that of [0,1] pixels.
        assertTrue(m.get("raw_first_loss") > 30, "raw first loss " + m.get("raw_first_loss"));
        assertEquals(Math.log(10), m.get("unit_range_first_loss"), 0.5, "pixels in [0,1] start near ln 10");
        assertTrue(m.get("raw_to_unit_gradient_ratio") > 100, "gradient ratio " + m.get("raw_to_unit_gradient_ratio"));
        assertEquals(1.0, m.get("raw_diverged"), "raw pixels at the baseline rate diverge (observed: at step 2)");
        assertEquals(0.0, m.get("unit_range_diverged"));
        // 1,800 images, 1 epoch: observed 71.3% for [0,1] and 81.7% standardised (seed 42); below 55% something broke.
        assertTrue(m.get("unit_range_test_accuracy") > 0.55, "unit range " + m.get("unit_range_test_accuracy"));
        assertTrue(m.get("standardized_test_accuracy") > 0.55, "standardised " + m.get("standardized_test_accuracy"));
        assertTrue(r.testAccuracy() > 0.55, "chosen " + r.testAccuracy());
        Normalization.Results results = r.results(Normalization.Results.class);
        assertEquals(r.testAccuracy(), results.testAccuracy(), 1e-12);
        assertTrue(results.raw().diverged() && !results.unitRange().diverged());
        assertEquals(m.get("unit_range_test_accuracy"), results.unitRange().testAccuracy(), 1e-12);
        assertEquals(m.get("per_pixel_floored_pixels"), results.perPixelFlooredPixels(), 0);
    }

    @Test
    void aTurnedRunDescribesItsOwnFloorAndPlot() {
        // 1,800 training images: 162 pixels have σᵢ at most one grey level (observed); far more are below 0.1.
        LessonResult r = SmokeRun.of(Normalization.LESSON, "--min-std", "0.1", "--steps-shown", "10").result();
        Normalization.Results results = r.results(Normalization.Results.class);
        assertTrue(results.perPixelFlooredPixels() > 162, "floored pixels " + results.perPixelFlooredPixels());
        assertEquals("Loss of the first 10 mini-batches", r.figures().get(1).title());
        assertEquals(List.of("min-std", "steps-shown"), r.turned());
    }

    @Test
    void everyKnobIsAFlagAndALineInAFile(@TempDir Path scratch) {
        KnobContract.check(Normalization.LESSON, scratch);
    }

    @Test
    void withNnCoresClassesAsTheExercisesUseExercisesGivesTheSameNumbers() {
        // nn-core's standardiser plugged in where the student's code goes: the wiring itself must change no number.
        ExercisesContract.sameNumbers(Normalization.LESSON, () -> Parts.library().withStandardizer("02.1 nn-core's Standardizer.perPixel", Standardizer::perPixel));
    }

    @Test
    void withTheSkeletonsUseExercisesStopsWithTheExercisesMessage() {
        ExercisesContract.skeletonStops(Normalization.LESSON, "02.1");
    }
}
