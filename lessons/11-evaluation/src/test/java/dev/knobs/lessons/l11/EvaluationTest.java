package dev.knobs.lessons.l11;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.knobs.lessons.common.ExercisesContract;
import dev.knobs.lessons.common.KnobContract;
import dev.knobs.lessons.common.LessonResult;
import dev.knobs.lessons.common.Parts;
import dev.knobs.lessons.common.SmokeRun;
import dev.knobs.nn.io.Json;
import dev.knobs.nn.metrics.ConfusionMatrix;
import dev.knobs.nn.metrics.TopErrors;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs lesson 11 in smoke mode and checks what it wrote. */
class EvaluationTest {

    /** The confusion matrix as the lesson writes it to confusion-matrix.json. */
    record Confusion(String rows, String columns, int[][] counts) {}

    @Test
    void smokeRunWritesWellFormedOutputsWithConsistentMetrics() {
        SmokeRun run = SmokeRun.of(Evaluation.LESSON);
        Path out = run.out();
        LessonResult r = run.result();
        run.expectFigures("loss.png", "accuracy.png", "confusion-matrix.png", "confusion-matrix-normalised.png",
                "confusion-errors.png", "per-class.png", "worst-errors.png", "confused-pairs.png",
                "first-layer-weights.png", "first-layer-changes.png");
        Map<String, Double> m = r.metrics();
        for (String key : List.of("test_accuracy", "test_loss", "errors", "macro_f1", "worst_errors_shown",
                "confused_pairs_shown", "epochs")) {
            assertTrue(m.containsKey(key), "metric " + key + " is missing");
        }

        // The smoke test set has 1,000 images: errors and accuracy must describe the same predictions.
        double errors = m.get("errors");
        assertEquals(1000 * (1 - r.testAccuracy()), errors, 1e-6, "errors = 1000 * (1 - accuracy)");
        assertEquals(Math.min(36, errors), m.get("worst_errors_shown"), "the grid shows 36 errors when there are that many");
        assertEquals(6, m.get("confused_pairs_shown"), "six confused pairs (a weak smoke model has many kinds of error)");

        // The confusion matrix written to JSON: every test image counted once, the diagonal holds the correct ones.
        Confusion c = Json.read(out.resolve("confusion-matrix.json"), Confusion.class);
        int total = 0;
        int diagonal = 0;
        for (int t = 0; t < 10; t++) {
            for (int p = 0; p < 10; p++) {
                total += c.counts()[t][p];
            }
            diagonal += c.counts()[t][t];
        }
        assertEquals(1000, total);
        assertEquals(1000 - errors, diagonal, 1e-9);

        // 2,000 images, 2 epochs: observed 81.9% accuracy and macro F1 0.815 (seed 42); below 60% something is broken.
        assertTrue(r.testAccuracy() > 0.60, "smoke test accuracy " + r.testAccuracy());
        assertTrue(m.get("macro_f1") > 0.55 && m.get("macro_f1") <= 1, "macro F1 " + m.get("macro_f1"));
        // Macro F1 averages classes of nearly equal size, so it stays within a few points of accuracy (observed 0.004 apart).
        assertEquals(r.testAccuracy(), m.get("macro_f1"), 0.05);

        Evaluation.Results typed = r.results(Evaluation.Results.class);
        assertEquals(r.testAccuracy(), typed.testAccuracy());
        assertEquals(errors, typed.testErrors());
        assertEquals(m.get("macro_f1"), typed.macroF1());
        assertEquals(r.chosen().validationAccuracy(), typed.validationAccuracy());
        assertEquals("784-256-128-10, dropout 0.2, 2 epochs", typed.configuration());
        List<String> mostConfused = r.tables().stream().filter(t -> t.title().startsWith("Most confused pairs"))
                .findFirst().orElseThrow().rows().get(0);
        assertEquals(List.of(String.valueOf(typed.mostConfusedTrueDigit()), String.valueOf(typed.mostConfusedPredictedDigit()),
                String.valueOf(typed.mostConfusedCount())), mostConfused.subList(0, 3));
        assertEquals(c.counts()[typed.mostConfusedTrueDigit()][typed.mostConfusedPredictedDigit()], typed.mostConfusedCount());
    }

    @Test
    void withoutDropoutAndWarmUpTheRecipeSaysSo() {
        LessonResult r = SmokeRun.of(Evaluation.LESSON, "--hidden-dropout", "0", "--warmup-steps", "0", "--epochs", "1")
                .result();
        Evaluation.Results typed = r.results(Evaluation.Results.class);
        assertEquals("784-256-128-10, no dropout, 1 epoch", typed.configuration());
        Map<String, String> recipe = new java.util.HashMap<>();
        r.tables().get(0).rows().forEach(row -> recipe.put(row.get(0), row.get(1)));
        assertEquals("none", recipe.get("dropout"));
        assertEquals("cosine from 0.1 to 0 per step, no warm-up", recipe.get("learning rate"));
        assertTrue(r.figures().get(0).caption().startsWith("Train: average over the epoch, while the weights still change"),
                r.figures().get(0).caption());
    }

    @Test
    void everyKnobIsAFlagAndALineInAFile(@TempDir Path scratch) {
        KnobContract.check(Evaluation.LESSON, scratch);
    }

    @Test
    void withNnCoresClassesAsTheExercisesUseExercisesGivesTheSameNumbers() {
        // nn-core's confusion matrix and ranking plugged in where the student's code goes: the wiring itself must change no number.
        ExercisesContract.sameNumbers(Evaluation.LESSON, () -> Parts.library()
                .withConfusion("11.1 nn-core's ConfusionMatrix", (labels, predicted, classes) ->
                        ConfusionMatrix.of(labels, predicted, classes).counts())
                .withErrorRanking("11.2 nn-core's TopErrors", TopErrors::byMargin));
    }

    @Test
    void withTheSkeletonsUseExercisesStopsWithTheExercisesMessage() {
        ExercisesContract.skeletonStops(Evaluation.LESSON, "11.1");
    }
}
