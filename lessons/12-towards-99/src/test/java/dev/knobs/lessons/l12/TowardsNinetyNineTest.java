package dev.knobs.lessons.l12;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.knobs.data.Mnist;
import dev.knobs.lessons.common.KnobContract;
import dev.knobs.lessons.common.KnobSet;
import dev.knobs.lessons.common.Lesson;
import dev.knobs.lessons.common.LessonResult;
import dev.knobs.lessons.common.Mode;
import dev.knobs.lessons.common.SmokeRun;
import dev.knobs.lessons.common.UsageException;
import dev.knobs.nn.data.Dataset;
import dev.knobs.nn.data.Scaling;
import dev.knobs.nn.io.Json;
import dev.knobs.nn.io.ModelFile;
import dev.knobs.nn.metrics.Evaluator;
import dev.knobs.nn.metrics.Predictions;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs lesson 12 in smoke mode (a tiny network, the full code path) and checks what it wrote, model file included. */
class TowardsNinetyNineTest {

    /** What the lesson writes to test-predictions.json. */
    record Answers(int[] labels, int[] predicted) {}

    @Test
    void smokeRunWritesOutputsAndAModelThatGivesTheSameAnswers() {
        SmokeRun run = SmokeRun.of(TowardsNinetyNine.LESSON);
        Path out = run.out();
        LessonResult r = run.result();
        run.expectFigures("augmented.png", "loss.png", "accuracy.png", "error.png", "learning-rate.png",
                "confusion-matrix.png", "confusion-errors.png", "errors.png");
        Map<String, Double> m = r.metrics();
        for (String key : List.of("test_accuracy", "test_errors", "epochs", "parameters")) {
            assertTrue(m.containsKey(key), "metric " + key + " is missing");
        }
        assertEquals(2, m.get("epochs"));
        // 784-64-64-10: 784·64 + 64 + 64·64 + 64 + 64·10 + 10 parameters.
        assertEquals(784 * 64 + 64 + 64 * 64 + 64 + 64 * 10 + 10, m.get("parameters"));
        assertEquals(1000 * (1 - r.testAccuracy()), m.get("test_errors"), 1e-6);
        TowardsNinetyNine.Results typed = r.results(TowardsNinetyNine.Results.class);
        assertEquals(r.testAccuracy(), typed.testAccuracy());
        assertEquals(m.get("test_errors"), typed.testErrors());
        assertEquals(1000, typed.testImages());
        assertEquals(m.get("parameters"), typed.parameters());
        assertEquals("784-64-64-10", typed.architecture());
        assertEquals("784-64-64-10, dropout 0.2, elastic + affine augmentation, one-cycle 0.1", typed.configuration());
        // The run says where its recipe comes from: the smoke choice kept in the lesson's runs, or how to make it.
        assertEquals(RecipeChoice.of(Lesson.runsFolder(TowardsNinetyNine.LESSON.id()), Mode.SMOKE,
                TowardsNinetyNine.Hyperparams.defaults(Mode.SMOKE)), typed.recipeChoice());
        // 2,000 augmented images, 2 epochs of 16 steps: observed 69.8% (seed 42); below 50% something is broken.
        assertTrue(r.testAccuracy() > 0.50, "smoke test accuracy " + r.testAccuracy());

        // The saved model, loaded on its own, describes its input and answers as the lesson's model did.
        ModelFile.Loaded loaded = ModelFile.load(out.resolve(TowardsNinetyNine.MODEL_FILE));
        assertEquals("784-64-64-10", loaded.model().architecture());
        assertTrue(loaded.metadata().get("input_scaling").contains("grey / 255"), loaded.metadata().toString());
        assertEquals("0", loaded.metadata().get("input_mean"));
        assertEquals("1", loaded.metadata().get("input_std"));
        assertEquals(String.format(java.util.Locale.ROOT, "%.4f", r.testAccuracy()), loaded.metadata().get("test_accuracy"));

        Answers answers = Json.read(out.resolve("test-predictions.json"), Answers.class);
        Dataset test = Scaling.toUnitRange(Mnist.load().test());
        Dataset firstFifty = test.slice("first 50 test images", 0, 50);
        Predictions again = Evaluator.evaluate(loaded.model(), firstFifty);
        for (int i = 0; i < 50; i++) {
            assertEquals(test.labels()[i], answers.labels()[i], "the lesson's test set is MNIST's, in order");
            assertEquals(answers.predicted()[i], again.predicted()[i], "test image " + i);
        }
    }

    @Test
    void withoutTheElasticWarpTheRunSaysSoEverywhere() {
        SmokeRun run = SmokeRun.of(TowardsNinetyNine.LESSON, "--elastic-alpha", "0", "--epochs", "1");
        LessonResult r = run.result();
        assertEquals(List.of("epochs", "elastic-alpha"), r.turned());
        TowardsNinetyNine.Results typed = r.results(TowardsNinetyNine.Results.class);
        assertEquals(1, typed.epochs());
        assertEquals("784-64-64-10, dropout 0.2, affine augmentation, one-cycle 0.1", typed.configuration());
        List<String> recipe = r.tables().get(0).rows().stream().filter(row -> row.get(0).equals("augmentation"))
                .findFirst().orElseThrow();
        assertEquals("rotate ±10°, shift ±2 px, zoom ±10%", recipe.get(1));
        String caption = r.figures().get(0).caption();
        assertTrue(caption.contains("freshly turned, shifted and zoomed copy"), caption);
        assertTrue(r.headline().endsWith("after 1 epoch."), r.headline());
    }

    @Test
    void aOneCycleWithoutARiseIsRefusedInOneLine() {
        KnobSet<TowardsNinetyNine.Hyperparams> knobs = KnobSet.of(TowardsNinetyNine.Hyperparams.class);
        UsageException e = assertThrows(UsageException.class, () -> knobs.apply(
                TowardsNinetyNine.Hyperparams.defaults(Mode.SMOKE), Map.of("warmup-share", "0")));
        assertTrue(e.getMessage().startsWith("--warmup-share must be above 0"), e.getMessage());
    }

    @Test
    void everyKnobIsAFlagAndALineInAFile(@TempDir Path scratch) {
        KnobContract.check(TowardsNinetyNine.LESSON, scratch);
    }
}
