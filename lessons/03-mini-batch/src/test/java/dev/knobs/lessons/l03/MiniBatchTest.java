package dev.knobs.lessons.l03;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.knobs.lessons.common.ExercisesContract;
import dev.knobs.lessons.common.KnobContract;
import dev.knobs.lessons.common.LessonResult;
import dev.knobs.lessons.common.Parts;
import dev.knobs.lessons.common.SmokeRun;
import dev.knobs.nn.data.EpochBatches;
import dev.knobs.nn.data.MiniBatches;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs lesson 03 in smoke mode and checks what it wrote. */
class MiniBatchTest {

    @Test
    void smokeRunWritesWellFormedOutputsWithPlausibleNumbers() {
        SmokeRun run = SmokeRun.of(MiniBatch.LESSON);
        LessonResult r = run.result();
        run.expectFigures("accuracy-vs-epochs.png", "accuracy-vs-seconds.png", "throughput.png", "step-loss.png",
                "rate-rule.png");
        Map<String, Double> m = r.metrics();
        assertEquals(6.0, m.get("batch_sizes_compared"));
        for (int b : new int[] {1, 8, 32, 128, 512, 1024}) {
            assertTrue(m.get("throughput_b" + b) > 0, "throughput of B = " + b);
            assertTrue(m.containsKey("b" + b + "_test_accuracy"), "test accuracy of B = " + b);
        }
        // B = 1 trains 500 of the 1,800 training images in smoke mode, so it cannot be chosen.
        assertEquals(500.0 / 1800, m.get("batch_one_fraction_of_epoch"), 1e-9);
        double chosen = m.get("chosen_batch_size");
        assertTrue(List.of(8.0, 32.0, 128.0, 512.0, 1024.0).contains(chosen), "chosen batch size " + chosen);
        assertEquals(r.testAccuracy(), m.get("chosen_test_accuracy"), 1e-12);
        assertTrue(m.get("throughput_at_chosen") > 0);
        // 1 epoch on 1,800 images: observed 80.5% (B = 8) down to 50.8% (B = 1024, only 2 steps).
        assertTrue(m.get("b8_test_accuracy") > 0.6, "B = 8: " + m.get("b8_test_accuracy"));
        assertTrue(r.testAccuracy() > 0.45, "chosen: " + r.testAccuracy());
        // Without the scaling rule, 2 steps at η = 0.05 barely move a B = 1024 network (observed 16% vs 63.5%).
        assertTrue(m.get("constant_rate_b1024_validation_accuracy") < m.get("b1024_validation_accuracy"),
                "η scaled to the batch beats a constant η at B = 1024");
        MiniBatch.Results results = r.results(MiniBatch.Results.class);
        assertEquals(r.testAccuracy(), results.testAccuracy(), 1e-12);
        assertEquals(List.of(1, 8, 32, 128, 512, 1024), results.batchSizes().stream()
                .map(MiniBatch.BatchSizeOutcome::batchSize).toList());
        assertEquals(m.get("b8_test_accuracy"), results.batchSizes().get(1).testAccuracy(), 1e-12);
        assertEquals(List.of(8, 1024), results.constantRate().stream().map(MiniBatch.ControlOutcome::batchSize).toList());
    }

    @Test
    void aSweepWithoutBatchOneOrTheControlSizesDescribesItself() {
        LessonResult r = SmokeRun.of(MiniBatch.LESSON, "--batch-size", "256,16,64").result();
        MiniBatch.Results results = r.results(MiniBatch.Results.class);
        assertEquals(List.of(16, 64, 256), results.batchSizes().stream().map(MiniBatch.BatchSizeOutcome::batchSize).toList(),
                "tried in increasing order");
        assertEquals(List.of(16, 256), results.constantRate().stream().map(MiniBatch.ControlOutcome::batchSize).toList(),
                "the control uses the sweep's smallest and largest when --control-sizes are not in it");
        assertEquals("relative to B = 16", r.tables().get(1).columns().get(3));
        assertTrue(r.headline().contains("batch sizes 16 to 256"), r.headline());
        String noise = r.figures().stream().filter(f -> f.file().equals("step-loss.png")).findFirst().orElseThrow().caption();
        assertTrue(noise.contains("a batch of 16 is a noisy sample, a batch of 256 a smooth one"), noise);
    }

    @Test
    void everyKnobIsAFlagAndALineInAFile(@TempDir Path scratch) {
        KnobContract.check(MiniBatch.LESSON, scratch);
    }

    @Test
    void withNnCoresClassesAsTheExercisesUseExercisesGivesTheSameNumbers() {
        // nn-core's mini-batches plugged in where the student's code goes: the wiring itself must change no number.
        // The choice weighs measured speed, so only the accuracies of every batch size are compared.
        ExercisesContract.sameNumbers(MiniBatch.LESSON, () -> Parts.library().withBatches("03.1 nn-core's MiniBatches",
                (data, b, seed) -> EpochBatches.of(data, new MiniBatches(data, b, seed)::epoch)),
                key -> key.endsWith("_accuracy") && !key.startsWith("chosen"));
    }

    @Test
    void withTheSkeletonsUseExercisesStopsWithTheExercisesMessage() {
        ExercisesContract.skeletonStops(MiniBatch.LESSON, "03.1");
    }
}
