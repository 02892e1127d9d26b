package dev.knobs.lessons.l08;

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
import dev.knobs.nn.augment.FixedAffine;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs lesson 08 in smoke mode, with its defaults and with shifts only, and checks what it wrote. */
class AugmentationTest {

    @Test
    void smokeRunWritesWellFormedOutputsWithPlausibleNumbers() {
        SmokeRun run = SmokeRun.of(Augmentation.LESSON);
        LessonResult r = run.result();
        run.expectFigures("augment-shift.png", "augment-rotation.png", "augment-zoom.png", "augment-shear.png",
                "augment-elastic.png", "augment-affine.png", "validation-accuracy.png", "validation-loss.png",
                "train-vs-validation.png", "stress-test.png");
        Map<String, Double> m = r.metrics();
        assertEquals(5, m.get("transforms_shown"));
        assertEquals(1, m.get("test_data_unchanged"), "the test and validation pixels must be bit-identical after training");
        assertEquals(m.get("epochs") * m.get("training_images"), m.get("augmented_images"),
                "the augmenter must see every training image once per epoch and nothing else");
        // 1,800 images, 2 epochs: observed 81.3% without and 74.4% with augmentation (seed 42); below 60% something is broken.
        assertTrue(m.get("without_augmentation_test_accuracy") > 0.60, "without: " + m.get("without_augmentation_test_accuracy"));
        assertTrue(m.get("with_augmentation_test_accuracy") > 0.55, "with: " + m.get("with_augmentation_test_accuracy"));
        double chosen = m.get("chosen_uses_augmentation") == 1 ? m.get("with_augmentation_test_accuracy")
                : m.get("without_augmentation_test_accuracy");
        assertEquals(chosen, r.testAccuracy(), 1e-12, "the lesson returns the test accuracy of the run it chose");

        Augmentation.Results typed = r.results(Augmentation.Results.class);
        assertEquals(r.testAccuracy(), typed.testAccuracy());
        assertEquals(r.chosen().label(), typed.chosenAugmentation());
        assertTrue(typed.testDataUnchanged());
        assertEquals(m.get("augmented_images"), (double) typed.augmentedImages());
        assertEquals(m.get("shifted_3px_with_augmentation_accuracy"), typed.shiftedThreePixelsWithAugmentationAccuracy());
    }

    @Test
    void aRunWithShiftsOnlyShowsAndTestsShiftsOnly() {
        SmokeRun run = SmokeRun.of(Augmentation.LESSON, "--degrees", "0", "--zoom", "0", "--shear", "0", "--elastic-alpha",
                "0", "--hidden", "64", "--train-size", "500", "--epochs", "1");
        LessonResult r = run.result();
        run.expectFigures("augment-shift.png", "augment-affine.png", "validation-accuracy.png", "validation-loss.png",
                "train-vs-validation.png", "stress-test.png");
        Augmentation.Results typed = r.results(Augmentation.Results.class);
        assertEquals(1, typed.transformsShown());
        assertEquals(500, typed.augmentedImages(), "1 epoch of 500 training images");
        assertEquals("Augmentation: shift ±2 px", r.figures().get(1).title());
        assertTrue(r.headline().startsWith("Random shifts of the training digits take a 784-64-10 network (dropout 0.2, "
                + "500 images, 1 epoch)"), r.headline());
        assertEquals(List.of("the test digits as they are", "shifted ±2 px",
                        "shifted by exactly 3 px in a random direction of 8"),
                r.tables().get(2).rows().stream().map(row -> row.get(0)).toList());
    }

    @Test
    void aSmoothingWidthBelowATenthOfAPixelIsRefusedInOneLine() {
        KnobSet<Augmentation.Hyperparams> knobs = KnobSet.of(Augmentation.Hyperparams.class);
        UsageException e = assertThrows(UsageException.class,
                () -> knobs.apply(Augmentation.Hyperparams.defaults(Mode.SMOKE), Map.of("elastic-sigma", "0.05")));
        assertTrue(e.getMessage().startsWith("--elastic-sigma must be a number in [0.1, 100] pixels"), e.getMessage());
        assertTrue(e.getMessage().endsWith("got '0.05'"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
    }

    @Test
    void everyKnobIsAFlagAndALineInAFile(@TempDir Path scratch) {
        KnobContract.check(Augmentation.LESSON, scratch);
    }

    @Test
    void withNnCoresClassesAsTheExercisesUseExercisesGivesTheSameNumbers() {
        // nn-core's resampling plugged in where the student's code goes: the wiring itself must change no number.
        ExercisesContract.sameNumbers(Augmentation.LESSON, () -> Parts.library().withResampler("08.1 nn-core's FixedAffine", FixedAffine::new));
    }

    @Test
    void withTheSkeletonsUseExercisesStopsWithTheExercisesMessage() {
        ExercisesContract.skeletonStops(Augmentation.LESSON, "08.1");
    }
}
