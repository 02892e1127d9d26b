package dev.knobs.tribuo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.knobs.lessons.common.LessonResult;
import dev.knobs.lessons.common.OutputCheck;
import dev.knobs.tribuo.experiments.Experiment;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The command line: help, bad arguments, and one experiment end to end in smoke mode, checked
 * like a lesson's output.
 */
class ExperimentsTest {

    private static int run(ByteArrayOutputStream out, ByteArrayOutputStream err, String... args) {
        return Experiments.execute(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void helpListsEveryExperimentAndItsConfiguration() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertEquals(0, run(out, new ByteArrayOutputStream(), "--help"));
        String text = out.toString(StandardCharsets.UTF_8);
        for (Experiment e : Experiments.ALL) {
            assertTrue(text.contains(e.name()), "help mentions " + e.name());
            assertTrue(Experiments.class.getResource("/dev/knobs/tribuo/configs/" + e.name() + ".xml") != null
                            || e.name().equals("compare") || e.name().equals("onnx"),
                    e.name() + " has a configuration file");
        }
        assertTrue(text.contains("--mode"));
    }

    @Test
    void anUnknownExperimentOrFlagIsAnError() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertEquals(2, run(new ByteArrayOutputStream(), err, "dropuot"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("unknown experiment 'dropuot'"), err.toString());
        err.reset();
        assertEquals(2, run(new ByteArrayOutputStream(), err, "mlp", "--mode", "huge"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("--mode"), err.toString());
    }

    @Test
    void theMlpExperimentRunsInSmokeModeAndWritesTheLessonFormat() throws Exception {
        Path dir = Path.of("target", "smoke-output", "mlp");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertEquals(0, run(out, err, "mlp", "--mode", "smoke", "--out", dir.toString()), err.toString());
        LessonResult result = OutputCheck.verify(dir, "tribuo-mlp");
        // Observed 0.625 after one epoch on 1,800 images (smoke); chance is 0.1.
        assertTrue(result.testAccuracy() > 0.45 && result.testAccuracy() < 0.9, "test accuracy " + result.testAccuracy());
        assertEquals(1.0, result.metrics().get("provenance_rebuild_identical_predictions"),
                "the trainer rebuilt from the provenance retrains the same model");
        for (String file : new String[] {"mlp.xml", "provenance-config.xml", "confusion.png", "top-errors.png",
                "curves-loss.png", "confusion.json"}) {
            assertTrue(Files.isRegularFile(dir.resolve(file)), file + " written");
        }
        assertTrue(result.tables().stream().anyMatch(t -> t.title().startsWith("Confusion matrix")));
        assertTrue(result.tables().stream().anyMatch(t -> t.title().startsWith("Per-class metrics")));
    }
}
