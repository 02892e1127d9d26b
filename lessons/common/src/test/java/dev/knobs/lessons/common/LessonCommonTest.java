package dev.knobs.lessons.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.knobs.nn.io.Json;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LessonCommonTest {
    @TempDir
    Path dir;

    @Test
    void flagsParseAndNonsenseIsRejectedWithTheFlagName() {
        LessonOptions o = LessonOptions.parse(new String[] {"--mode", "smoke", "--epochs", "3", "--seed", "7", "--threads", "2"});
        assertEquals(Mode.SMOKE, o.mode());
        assertEquals(3, o.epochsOr(10));
        assertEquals(7, o.seed());
        assertEquals(2, o.threads().getAsInt());
        assertEquals(Mode.FULL, LessonOptions.parse(new String[] {"--full"}).mode());
        assertTrue(assertThrows(UsageException.class, () -> LessonOptions.parse(new String[] {"--mode", "huge"}))
                .getMessage().contains("smoke, standard or full"));
        assertTrue(assertThrows(UsageException.class, () -> LessonOptions.parse(new String[] {"--epochs", "0"}))
                .getMessage().contains("--epochs"));
        assertTrue(assertThrows(UsageException.class, () -> LessonOptions.parse(new String[] {"--epochs"}))
                .getMessage().contains("needs a value"));
        assertTrue(assertThrows(UsageException.class, () -> LessonOptions.parse(new String[] {"--lr", "3"}))
                .getMessage().contains("unknown flag '--lr'"));
    }

    @Test
    void progressBarShowsFractionAndTime() {
        ProgressBar bar = new ProgressBar("run", 4, "epochs", new PrintStream(new ByteArrayOutputStream()), false);
        bar.advance(1, "loss 0.5");
        String line = bar.line(System.nanoTime());
        assertTrue(line.contains("[#####···············]  25%  1/4 epochs") && line.contains("left") && line.endsWith("loss 0.5"), line);
        assertEquals("1:05", ProgressBar.clock(65));
        assertEquals("1:01:01", ProgressBar.clock(3661));
    }

    @Test
    void tablesAlignAndRejectRaggedRows() {
        TextTable t = new TextTable("Sweep", "rate", "accuracy").row("0.1", "97.5%").row("0.01", "95.0%");
        assertEquals("Sweep\n  rate  accuracy\n  ----  --------\n  0.1   97.5%\n  0.01  95.0%\n", t.toString());
        assertThrows(IllegalArgumentException.class, () -> t.row("only one"));
    }

    @Test
    void digitGridDrawsEveryTile() {
        float[] ink = new float[28 * 28];
        ink[14 * 28 + 14] = 1f;
        BufferedImage img = DigitGrid.render("Digits", List.of(new DigitGrid.Tile(ink, "7"), new DigitGrid.Tile(ink, "1\np=0.9"), new DigitGrid.Tile(ink, "2")),
                28, 28, 3, 0f, 1f);
        assertEquals(3 * (28 * 3 + 6) + 6, img.getWidth());
        int px = img.getRGB(6 + 14 * 3 + 1, 32 + 14 * 3 + 1) & 0xffffff;
        assertEquals(0xffffff, px, "the inked pixel is drawn white");
        assertEquals(0, img.getRGB(6 + 1, 32 + 1) & 0xffffff, "background is black");
    }

    /** Every chart type renders headless to a PNG that decodes, and to an SVG. */
    @Test
    void aLessonWritesFiguresTablesAndResultsThenPublishesThem() throws Exception {
        Path out = dir.resolve("output");
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        int code = Lesson.execute(new String[] {"--mode", "smoke", "--out", out.toString()}, "00-test", "Test", lesson -> {
            lesson.figure("lines", Plots.lines("Loss", "epoch", "loss", List.of(
                    Plots.Series.ofEpochs("a", new double[] {2.3, 1.0, Double.NaN}),
                    Plots.Series.ofEpochs("b", new double[] {2.0, 0.5, 0.2}))), "Two curves.", "Two falling loss curves.");
            lesson.figure("logx", Plots.linesLogX("Sweep", "rate", "acc", List.of(
                    new Plots.Series("s", new double[] {1e-3, 1e-2, 1e-1}, new double[] {0.9, 0.95, 0.97}))), "c", "a");
            lesson.figure("bars", Plots.bars("Bars", "size", "acc", List.of("1", "32"), List.of("acc"),
                    List.of(new double[] {0.9, 0.97})), "c", "a");
            lesson.figure("heat", Plots.heatMap("Confusion", "predicted", "true", List.of("0", "1"), List.of("0", "1"),
                    new double[][] {{5, 1}, {0, 7}}), "c", "a");
            lesson.table(new TextTable("T", "x").row("1"));
            lesson.metric("answer", 42);
            lesson.headline("It works.");
            return 0.5;
        }, new PrintStream(stdout, true, StandardCharsets.UTF_8), System.err);
        assertEquals(0, code);
        for (String f : List.of("lines.png", "logx.png", "bars.png", "heat.png")) {
            BufferedImage img = ImageIO.read(out.resolve(f).toFile());
            assertNotNull(img, f);
            assertEquals(f.equals("heat.png") ? 640 : Plots.WIDTH, img.getWidth());
            assertTrue(Files.readString(out.resolve(f.replace(".png", ".svg"))).contains("<svg"));
        }
        LessonResult r = Json.read(out.resolve("result.json"), LessonResult.class);
        assertEquals("00-test", r.lesson());
        assertEquals("smoke", r.mode());
        assertEquals(0.5, r.testAccuracy());
        assertEquals(42.0, r.metrics().get("answer"));
        assertEquals(4, r.figures().size());
        assertEquals(42, r.provenance().seed());
        String printed = stdout.toString(StandardCharsets.UTF_8).strip();
        String last = printed.substring(printed.lastIndexOf('\n') + 1);
        assertTrue(last.matches("RESULT lesson=00-test mode=smoke test_accuracy=0\\.5000 seconds=\\d+\\.\\d"), last);
        assertFalse(Files.exists(dir.resolve("output.partial")));
    }

    @Test
    void aLessonsOwnFileIsStagedThenPublishedWithTheRest() throws Exception {
        Path out = dir.resolve("output");
        int code = Lesson.execute(new String[] {"--mode", "smoke", "--out", out.toString()}, "00-test", "Test", lesson -> {
            Path model = lesson.file("model.bin");
            assertFalse(model.startsWith(out), "written to the staging folder, not straight into the output");
            Files.write(model, new byte[] {1, 2, 3});
            assertEquals(3, Files.size(model), "readable during the run through the same path");
            assertThrows(IllegalArgumentException.class, () -> lesson.file("../escape.bin"));
            assertThrows(IllegalArgumentException.class, () -> lesson.file(""));
            lesson.figure("heat", Plots.heatMap("h", "x", "y", List.of("0"), List.of("0"), new double[][] {{1}}), "c", "a");
            lesson.headline("Done.");
            return 0.5;
        }, new PrintStream(new ByteArrayOutputStream()), System.err);
        assertEquals(0, code);
        assertEquals(3, Files.size(out.resolve("model.bin")));
    }

    @Test
    void aFailingRunKeepsThePreviousOutputAndExitsNonZero() throws Exception {
        Path out = dir.resolve("output");
        Files.createDirectories(out);
        Files.writeString(out.resolve("result.json"), "{\"previous\": true}");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Lesson.execute(new String[] {"--out", out.toString()}, "00-test", "Test", lesson -> {
            lesson.json("partial", List.of(1, 2));
            throw new IllegalArgumentException("dropout rate must be in [0, 1), got 1.0");
        }, new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(1, code);
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("error: dropout rate must be in [0, 1), got 1.0"));
        assertEquals("{\"previous\": true}", Files.readString(out.resolve("result.json")));
        assertFalse(Files.exists(out.resolve("partial.json")));
        assertEquals(2, Lesson.execute(new String[] {"--threads", "zero"}, "00-test", "Test", l -> 1.0,
                new PrintStream(new ByteArrayOutputStream()), new PrintStream(new ByteArrayOutputStream())));
    }

    @Test
    void percentagesHaveTwoDecimals() {
        assertEquals("96.83%", Percent.pct(0.9683));
        assertEquals("99.27%", Percent.pct(1 - 73 / 10_000.0));
        assertEquals("100.00%", Percent.pct(1.0));
        assertEquals("0.00%", Percent.pct(0.0));
    }
}
