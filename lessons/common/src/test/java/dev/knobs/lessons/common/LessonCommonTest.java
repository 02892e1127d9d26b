package dev.knobs.lessons.common;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.knobs.nn.init.HeNormal;
import dev.knobs.nn.io.Json;
import dev.knobs.nn.layer.Mlp;
import dev.knobs.nn.metrics.EpochRecord;
import dev.knobs.nn.metrics.History;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LessonCommonTest {
    @TempDir
    Path dir;

    /** Knobs of a pretend lesson: a scalar, a list (a sweep) and a list of lists. */
    record TestKnobs(float lr, int[] hidden, float[][] perLayerDropout, int epochs) {}

    private static final KnobSet<TestKnobs> KNOBS = KnobSet.of(TestKnobs.class);
    private static final TestKnobs DEFAULTS = new TestKnobs(0.05f, new int[] {256, 256},
            new float[][] {{0.2f, 0.5f, 0.5f}}, 5);

    @Test
    void flagsParseAndNonsenseIsRejectedWithTheFlagName() {
        LessonOptions o = LessonOptions.parse(new String[] {"--mode", "smoke", "--epochs", "3", "--seed", "7", "--threads",
                "2", "--hidden", "512,128"}, KNOBS);
        assertEquals(Mode.SMOKE, o.mode());
        assertEquals(7, o.seed());
        assertEquals(2, o.threads().getAsInt());
        TestKnobs hp = KNOBS.apply(DEFAULTS, o.knobs());
        assertEquals(3, hp.epochs());
        assertArrayEquals(new int[] {512, 128}, hp.hidden());
        assertEquals(0.05f, hp.lr());
        assertEquals(List.of("hidden", "epochs"), KNOBS.differences(DEFAULTS, hp));
        assertTrue(assertThrows(UsageException.class, () -> LessonOptions.parse(new String[] {"--mode", "huge"}, KNOBS))
                .getMessage().contains("smoke, standard or full"));
        UsageException e = assertThrows(UsageException.class,
                () -> KNOBS.apply(DEFAULTS, LessonOptions.parse(new String[] {"--epochs", "0"}, KNOBS).knobs()));
        assertEquals("--epochs must be a whole number in [1, 1000000] epochs (passes over the training images), got '0'",
                e.getMessage());
        e = assertThrows(UsageException.class, () -> KNOBS.apply(DEFAULTS, Map.of("lr", "-0.1")));
        assertTrue(e.getMessage().startsWith("--lr must be a number in (0, 100]") && e.getMessage().endsWith("got '-0.1'"),
                e.getMessage());
        e = assertThrows(UsageException.class, () -> KNOBS.apply(DEFAULTS, Map.of("hidden", "512,,3")));
        assertTrue(e.getMessage().contains("whole numbers separated by commas"), e.getMessage());
        assertTrue(assertThrows(UsageException.class, () -> LessonOptions.parse(new String[] {"--epochs"}, KNOBS))
                .getMessage().contains("--epochs"));
        assertEquals("unknown flag '--hiden'; did you mean --hidden?", assertThrows(UsageException.class,
                () -> LessonOptions.parse(new String[] {"--hiden", "3"}, KNOBS)).getMessage());
        assertTrue(assertThrows(UsageException.class, () -> LessonOptions.parse(new String[] {"--name", "../x"}, KNOBS))
                .getMessage().contains("--name"));
    }

    @Test
    void knobValuesRoundTripThroughTheirText() {
        Map<String, String> text = KNOBS.values(DEFAULTS);
        assertEquals(Map.of("lr", "0.05", "hidden", "256,256", "per-layer-dropout", "0.2,0.5,0.5", "epochs", "5"), text);
        TestKnobs back = KNOBS.apply(DEFAULTS, text);
        assertTrue(KNOBS.differences(DEFAULTS, back).isEmpty());
        TestKnobs groups = KNOBS.apply(DEFAULTS, Map.of("per-layer-dropout", "0.2,0.5,0.5 | 0,0.2,0.5", "lr", "1e-4"));
        assertArrayEquals(new float[] {0f, 0.2f, 0.5f}, groups.perLayerDropout()[1]);
        assertEquals("0.0001", KNOBS.values(groups).get("lr"));
        assertEquals(1e-4f, KNOBS.apply(DEFAULTS, KNOBS.values(groups)).lr());
    }

    @Test
    void aKnobFileIsReadAndFlagsOverrideIt() throws IOException {
        Path file = dir.resolve("my-run.properties");
        Files.writeString(file, "# my run\nlr = 0.1\nhidden = 64\nseed = 3\nmode = smoke\n");
        LessonOptions o = LessonOptions.parse(new String[] {"--config", file.toString(), "--hidden", "32,32"}, KNOBS);
        TestKnobs hp = KNOBS.apply(DEFAULTS, o.knobs());
        assertEquals(0.1f, hp.lr());
        assertArrayEquals(new int[] {32, 32}, hp.hidden(), "the flag wins over the file");
        assertEquals(3, o.seed());
        assertEquals(Mode.SMOKE, o.mode());
        Files.writeString(file, "hiden-dropout = 0.5\n");
        UsageException e = assertThrows(UsageException.class,
                () -> LessonOptions.parse(new String[] {"--config", file.toString()}, KNOBS));
        assertTrue(e.getMessage().contains("unknown knob 'hiden-dropout'"), e.getMessage());
        assertTrue(assertThrows(UsageException.class, () -> LessonOptions.parse(new String[] {"--config",
                dir.resolve("missing.properties").toString()}, KNOBS)).getMessage().contains("no file"));
    }

    /** A lesson that trains nothing: it reports a made-up curve whose accuracy is its learning rate, so runs differ. */
    private static final LessonDefinition<TestKnobs, Lesson.Accuracy> TEST_LESSON = new LessonDefinition<>("00-test",
            "Test", TestKnobs.class, mode -> DEFAULTS, Lesson.Accuracy.class, (lesson, hp) -> {
                History h = new History("made up");
                h.add(new EpochRecord(1, 1.0, 0.5, 1.1, hp.lr(), 1.2, hp.lr(), hp.lr(), 0.1));
                lesson.chose("lr " + hp.lr(), h, Mlp.relu(new HeNormal(), 2, 3, 2).build(new SplittableRandom(1)));
                lesson.headline("Made up.");
                lesson.figure("curve", Plots.lines("Curve", "epoch", "accuracy", List.of(Plots.Series.ofEpochs("a",
                        new double[] {0.5, hp.lr()}))), "A made-up curve.", "A line chart of a made-up curve.");
                return new Lesson.Accuracy(hp.lr());
            });

    @Test
    void runsAreKeptInTheirOwnFoldersAndComparedByTheKnobsThatDiffer() throws IOException {
        Path runs = dir.resolve("runs");
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream());
        assertEquals(0, Lesson.execute(new String[] {"--mode", "smoke", "--runs-dir", runs.toString()}, TEST_LESSON, quiet, quiet));
        Path reference = runs.resolve("reference-smoke");
        String referenceResult = Files.readString(reference.resolve("result.json"));
        assertEquals(0, Lesson.execute(new String[] {"--mode", "smoke", "--runs-dir", runs.toString(), "--lr", "0.5"},
                TEST_LESSON, quiet, quiet));
        assertEquals(0, Lesson.execute(new String[] {"--mode", "smoke", "--runs-dir", runs.toString(), "--hidden", "64",
                "--name", "narrow"}, TEST_LESSON, quiet, quiet));
        List<RunFolders.Run> kept = RunFolders.in(runs);
        assertEquals(3, kept.size(), "three folders: " + kept.stream().map(RunFolders.Run::name).toList());
        assertEquals("reference-smoke", kept.get(0).name(), "the reference comes first");
        assertTrue(kept.get(1).name().endsWith("-smoke-lr-0.5"), kept.get(1).name());
        assertTrue(kept.get(2).name().endsWith("-smoke-narrow"), kept.get(2).name());
        assertEquals(referenceResult, Files.readString(reference.resolve("result.json")), "the reference run is untouched");
        assertEquals(List.of("lr"), kept.get(1).result().turned());

        RunComparison comparison = new RunComparison(kept);
        assertEquals(List.of("lr", "hidden"), comparison.differingKnobs());
        String table = comparison.table().toString();
        assertTrue(table.contains("00-test/reference-smoke") && table.contains("0.5") && table.contains("64"), table);
        assertTrue(comparison.csv().startsWith("run,lr,hidden,chosen,validation accuracy,test accuracy,seconds\r\n"),
                comparison.csv());
        assertEquals(4, comparison.plot(dir.resolve("compare")).size());

        Path knobFile = kept.get(1).folder().resolve("knobs.properties");
        TestKnobs again = KNOBS.apply(DEFAULTS, LessonOptions.parse(new String[] {"--config", knobFile.toString()}, KNOBS).knobs());
        assertEquals(0.5f, again.lr(), "a run folder's knob file runs the same knobs again");

        assertThrows(UsageException.class, () -> RunFolders.remove(kept.get(0)), "a reference run is never removed");
        RunFolders.remove(kept.get(1));
        assertEquals(2, RunFolders.in(runs).size());
    }

    @Test
    void aLessonWhoseSourcesChangedAfterItsBuildRefusesToRunOldCode() throws IOException {
        Path sources = Files.createDirectories(dir.resolve("lessons/07-dropout/src/main/java"));
        Path classes = Files.createDirectories(dir.resolve("lessons/07-dropout/target/classes"));
        Path source = Files.writeString(sources.resolve("DropoutRates.java"), "class DropoutRates {}");
        Path compiled = Files.writeString(classes.resolve("DropoutRates.class"), "compiled");
        java.nio.file.attribute.FileTime t0 = java.nio.file.attribute.FileTime.fromMillis(1_000_000_000_000L);
        Files.setLastModifiedTime(source, t0);
        Files.setLastModifiedTime(compiled, java.nio.file.attribute.FileTime.fromMillis(t0.toMillis() + 60_000));
        Map<String, java.util.Optional<Path>> built = Map.of("lessons/07-dropout", java.util.Optional.of(classes));
        assertTrue(StaleClasses.check(dir, "07-dropout", built).isEmpty(), "classes built after the edit run");
        Files.setLastModifiedTime(source, java.nio.file.attribute.FileTime.fromMillis(t0.toMillis() + 120_000));
        String message = StaleClasses.check(dir, "07-dropout", built).orElseThrow();
        assertTrue(message.contains("lessons/07-dropout") && message.contains("mvn -q install -DskipTests -pl "
                + "lessons/07-dropout -am"), message);
    }

    @Test
    void everyKnobOfTheCatalogHasADescriptionAndARange() {
        for (Knob k : KnobCatalog.all()) {
            assertTrue(k.description().length() > 10, k.name());
            assertTrue(k.name().matches("[a-z][a-z0-9-]*"), k.name());
            assertTrue(!k.choices().isEmpty() || k.min() < k.max(), k.name() + " allows nothing");
        }
        assertEquals(List.of("hidden"), KnobCatalog.closest("hiden", List.of("hidden", "lr", "epochs")));
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
    void tablesWriteMarkdownAsTheReadmesDo() {
        TextTable t = new TextTable("Sweep", "rate", "accuracy").row("0.1", "**97.5%**").row("a | b", "95.0%");
        assertEquals("| rate | accuracy |\n| --- | --- |\n| 0.1 | **97.5%** |\n| a \\| b | 95.0% |\n", t.markdown());
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
        int code = Lesson.execute(new String[] {"--mode", "smoke", "--out", out.toString()}, "00-test", "Test", (lesson, none) -> {
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
            return new Lesson.Accuracy(0.5);
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
        int code = Lesson.execute(new String[] {"--mode", "smoke", "--out", out.toString()}, "00-test", "Test", (lesson, none) -> {
            Path model = lesson.file("model.bin");
            assertFalse(model.startsWith(out), "written to the staging folder, not straight into the output");
            Files.write(model, new byte[] {1, 2, 3});
            assertEquals(3, Files.size(model), "readable during the run through the same path");
            assertThrows(IllegalArgumentException.class, () -> lesson.file("../escape.bin"));
            assertThrows(IllegalArgumentException.class, () -> lesson.file(""));
            lesson.figure("heat", Plots.heatMap("h", "x", "y", List.of("0"), List.of("0"), new double[][] {{1}}), "c", "a");
            lesson.headline("Done.");
            return new Lesson.Accuracy(0.5);
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
        int code = Lesson.execute(new String[] {"--out", out.toString()}, "00-test", "Test", (lesson, none) -> {
            lesson.json("partial", List.of(1, 2));
            throw new IllegalArgumentException("dropout rate must be in [0, 1), got 1.0");
        }, new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(1, code);
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("error: dropout rate must be in [0, 1), got 1.0"));
        assertEquals("{\"previous\": true}", Files.readString(out.resolve("result.json")));
        assertFalse(Files.exists(out.resolve("partial.json")));
        assertEquals(2, Lesson.execute(new String[] {"--threads", "zero"}, "00-test", "Test", (l, none) -> new Lesson.Accuracy(1.0),
                new PrintStream(new ByteArrayOutputStream()), new PrintStream(new ByteArrayOutputStream())));
    }

    @Test
    void percentagesHaveTwoDecimals() {
        assertEquals("96.83%", Percent.pct(0.9683));
        assertEquals("99.27%", Percent.pct(1 - 73 / 10_000.0));
        assertEquals("100.00%", Percent.pct(1.0));
        assertEquals("0.00%", Percent.pct(0.0));
    }

    @Test
    void aReadmeDefaultMatchesTheKnobsValueWrittenAnotherWay() {
        assertTrue(KnobContract.sameValue("0.10, 1e3 | relu", "0.1,1000|relu"));
        assertTrue(KnobContract.sameValue("0.003921569", String.valueOf(1f / 255)));
        assertFalse(KnobContract.sameValue("50", "75"), "another number");
        assertFalse(KnobContract.sameValue("1024,1024", "1024"), "another length");
        assertFalse(KnobContract.sameValue("256,256|512", "256|256,512"), "other separators");
        assertFalse(KnobContract.sameValue("relu", "tanh"));
    }
}
