package dev.knobs.tools;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.knobs.nn.io.ModelFile;
import dev.knobs.nn.layer.Sequential;
import dev.knobs.tools.predict.DigitImages;
import dev.knobs.tools.predict.DigitModel;
import dev.knobs.tools.predict.KnobsModel;
import dev.knobs.tools.predict.MnistStyle;
import dev.knobs.tools.predict.OnnxModel;
import dev.knobs.tools.predict.PredictCommand;
import dev.knobs.tribuo.onnx.PixelModelExporter;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code knobs predict} end to end, as a user runs it: real MNIST test digits written as image
 * files of several sizes, colours and formats, read back by the command with a small network
 * trained here ({@link SmallModel}), and every way a file or the model can be wrong.
 */
class PredictCommandTest {
    /** Test digits used: the first ones the small network reads correctly in their 28x28 form. */
    private static final int DIGITS = 30;
    /** How many of them each way of drawing must still get right (observed: 29 or 30). */
    private static final int MUST_GET_RIGHT = 27;
    private static final Pattern LINE = Pattern.compile("^(.+): (\\d) \\((\\d+\\.\\d)%\\)   then (\\d) \\(\\d+\\.\\d%\\), (\\d) \\(\\d+\\.\\d%\\)$");

    private static SmallModel model;
    private static int[] chosen;


    @BeforeAll
    static void train() {
        model = SmallModel.get();
        chosen = IntStream.range(0, model.test.size())
                .filter(i -> model.test.predicted()[i] == model.mnist.test().labels()[i]).limit(DIGITS).toArray();
    }

    /** The predicted digit of each file, from the command's output lines, by file name. */
    private static Map<String, Integer> answers(Cli.Run run) {
        Map<String, Integer> digits = new HashMap<>();
        for (String line : run.out().split("\n")) {
            Matcher m = LINE.matcher(line);
            if (m.matches()) {
                digits.put(Path.of(m.group(1)).getFileName().toString(), Integer.parseInt(m.group(2)));
            }
        }
        return digits;
    }

    private static List<String> args(Path out, Path modelFile, List<Path> files) {
        List<String> a = new ArrayList<>(List.of("predict", "--model", modelFile.toString(), "--out", out.toString()));
        files.forEach(f -> a.add(f.toString()));
        return a;
    }

    // ------------------------------------------------------------------ reading digits

    @Test
    void readsRealDigitsAtEverySizeAndColourOnAnyPaperAnywhereOnThePage() throws IOException {
        Map<String, BiFunction<int[], Path, Path>> ways = new java.util.LinkedHashMap<>();
        ways.put("28 px, white on black (PNG)", (g, f) -> Renders.png(Renders.original(g), f.resolveSibling(f.getFileName() + ".png")));
        ways.put("100 px, black on white (PNG)", (g, f) -> Renders.png(Renders.inverted(Renders.enlarged(g, 100)),
                f.resolveSibling(f.getFileName() + ".png")));
        ways.put("300 px, black on white (PNG)", (g, f) -> Renders.png(Renders.inverted(Renders.enlarged(g, 300)),
                f.resolveSibling(f.getFileName() + ".png")));
        ways.put("120 px off-centre on a 500x300 page (PNG)", (g, f) -> Renders.png(Renders.onPage(g, 120, 500, 300, 330, 20),
                f.resolveSibling(f.getFileName() + ".png")));
        ways.put("200 px, blue on cream (JPEG)", (g, f) -> Renders.jpeg(Renders.blueOnCream(g, 200), 0.8f,
                f.resolveSibling(f.getFileName() + ".jpg")));
        ways.put("150 px, black on transparent (PNG)", (g, f) -> Renders.png(Renders.blackOnTransparent(g, 150),
                f.resolveSibling(f.getFileName() + ".png")));
        int way = 0;
        for (Map.Entry<String, BiFunction<int[], Path, Path>> w : ways.entrySet()) {
            Path dir = SmallModel.dir("draw-" + way);
            Path out = SmallModel.dir("draw-" + way + "-seen");
            way++;
            List<Path> files = new ArrayList<>();
            for (int i : chosen) {
                files.add(w.getValue().apply(SmallModel.testImage(i), dir.resolve("digit-" + i)));
            }
            Cli.Run run = Cli.knobs(args(out, model.file, files).toArray(String[]::new));
            assertEquals(0, run.code(), w.getKey() + ": " + run.err());
            assertTrue(run.out().startsWith("model "), run.out());
            Map<String, Integer> answers = answers(run);
            assertEquals(DIGITS, answers.size(), w.getKey() + ": one line per file\n" + run.out());
            int right = 0;
            for (int k = 0; k < DIGITS; k++) {
                Integer answer = answers.get(files.get(k).getFileName().toString());
                right += answer != null && answer == model.mnist.test().labels()[chosen[k]] ? 1 : 0;
            }
            assertTrue(right >= MUST_GET_RIGHT, w.getKey() + ": " + right + " of " + DIGITS + " right\n" + run.out());
            Path first = files.get(0);
            String base = first.getFileName().toString().replaceAll("\\.[a-z]+$", "");
            Path seen = out.resolve(base + "-28x28.png");
            assertTrue(Files.isRegularFile(seen), "the 28x28 image " + seen);
            BufferedImage written = ImageIO.read(seen.toFile());
            assertEquals(28, written.getWidth());
            assertEquals(28, written.getHeight());
            int[] pixels = written.getRaster().getPixels(0, 0, 28, 28, (int[]) null);
            assertArrayEquals(MnistStyle.prepare(readImage(first)).pixels(), pixels, "the PNG is what the network saw");
        }
    }

    @Test
    void readsPngJpegGifAndBmp() {
        Path dir = SmallModel.dir("formats");
        List<Path> files = new ArrayList<>();
        for (int k = 0; k < 5; k++) {
            BufferedImage grey = Renders.inverted(Renders.enlarged(SmallModel.testImage(chosen[k]), 100));
            BufferedImage rgb = new BufferedImage(100, 100, BufferedImage.TYPE_INT_RGB);
            rgb.getGraphics().drawImage(grey, 0, 0, null);
            for (String format : List.of("png", "jpg", "gif", "bmp")) {
                Path f = dir.resolve("d" + k + "." + format);
                if (format.equals("jpg")) {
                    Renders.jpeg(rgb, 0.9f, f);
                } else {
                    write(rgb, format, f);
                }
                files.add(f);
            }
        }
        Cli.Run run = Cli.knobs(args(SmallModel.dir("formats-seen"), model.file, files).toArray(String[]::new));
        assertEquals(0, run.code(), run.err());
        Map<String, Integer> answers = answers(run);
        for (int k = 0; k < 5; k++) {
            for (String format : List.of("png", "jpg", "gif", "bmp")) {
                assertEquals(model.mnist.test().labels()[chosen[k]], answers.get("d" + k + "." + format), "d" + k + "." + format
                        + "\n" + run.out());
            }
        }
        assertTrue(run.out().contains("the 28x28 images the network saw: "), run.out());
    }

    @Test
    void theOutputLineGivesTheDigitAndTheNextTwoWithProbabilities() {
        Path dir = SmallModel.dir("line");
        Path f = Renders.png(Renders.original(SmallModel.testImage(chosen[0])), dir.resolve("my-digit.png"));
        Cli.Run run = Cli.knobs(args(SmallModel.dir("line-seen"), model.file, List.of(f)).toArray(String[]::new));
        assertEquals(0, run.code(), run.err());
        String[] lines = run.out().split("\n");
        assertEquals(3, lines.length, run.out());
        assertTrue(lines[0].startsWith("model " + PredictCommand.display(model.file) + ": nn-core 784-128-10, "),
                lines[0]);
        assertTrue(lines[0].endsWith("inputs x = grey / 255 (from the model file's metadata)"), lines[0]);
        Matcher m = LINE.matcher(lines[1]);
        assertTrue(m.matches(), lines[1]);
        assertTrue(m.group(1).endsWith("my-digit.png"), lines[1]);
        assertEquals(model.mnist.test().labels()[chosen[0]], Integer.parseInt(m.group(2)));
        assertTrue(lines[2].startsWith("the 28x28 image the network saw: ") && lines[2].endsWith("my-digit-28x28.png"),
                lines[2]);
    }

    // ------------------------------------------------------------------ when something is wrong

    @Test
    void aFileThatIsNotAnImageOrMissingOrBlankGetsOneLineAndTheOthersAreStillRead() throws IOException {
        Path dir = SmallModel.dir("bad-files");
        Path good = Renders.png(Renders.original(SmallModel.testImage(chosen[0])), dir.resolve("good.png"));
        Path text = Files.writeString(dir.resolve("notes.png"), "these are my notes, not a picture\n");
        Path missing = dir.resolve("missing.png");
        byte[] png = Files.readAllBytes(Renders.png(Renders.enlarged(SmallModel.testImage(chosen[1]), 100),
                dir.resolve("whole.png")));
        Path broken = Files.write(dir.resolve("broken.png"), Arrays.copyOf(png, png.length / 2));
        BufferedImage white = new BufferedImage(60, 60, BufferedImage.TYPE_INT_RGB);
        white.getGraphics().fillRect(0, 0, 60, 60);
        Path blank = Renders.png(white, dir.resolve("blank.png"));
        Path good2 = Renders.png(Renders.original(SmallModel.testImage(chosen[2])), dir.resolve("good2.png"));

        Cli.Run run = Cli.knobs(args(SmallModel.dir("bad-files-seen"), model.file,
                List.of(good, text, missing, broken, blank, good2)).toArray(String[]::new));
        assertEquals(1, run.code(), run.out() + run.err());
        Map<String, Integer> answers = answers(run);
        assertEquals(model.mnist.test().labels()[chosen[0]], answers.get("good.png"), run.out());
        assertEquals(model.mnist.test().labels()[chosen[2]], answers.get("good2.png"), run.out());
        List<String> errors = run.errLines();
        assertEquals(5, errors.size(), run.err());
        assertLine(errors, "notes.png: not an image");
        assertLine(errors, "missing.png: no such file");
        assertLine(errors, "broken.png: a damaged or unsupported image");
        assertLine(errors, "blank.png: no ink found: the image is blank");
        assertEquals("error: 4 of 6 files failed; the others were predicted", errors.get(4));
        assertFalse(run.err().contains("Exception") || run.err().contains("\tat "), "no stack trace: " + run.err());
    }

    private static void assertLine(List<String> lines, String part) {
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("error: ") && l.contains(part)), "a line with '" + part
                + "' in\n" + String.join("\n", lines));
    }

    @Test
    void aMissingOrWrongModelIsOneErrorWithWhatToDo() throws IOException {
        Path dir = SmallModel.dir("bad-model");
        Path digit = Renders.png(Renders.original(SmallModel.testImage(chosen[0])), dir.resolve("d.png"));
        Cli.Run missing = Cli.knobs("predict", "--model", dir.resolve("nothing.knobs").toString(), digit.toString());
        assertEquals(1, missing.code());
        assertEquals(2, missing.errLines().size(), missing.err());
        assertTrue(missing.errLines().get(0).startsWith("error: there is no model file "), missing.err());

        Path text = Files.writeString(dir.resolve("model.bin"), "not a model");
        Cli.Run wrongKind = Cli.knobs("predict", "--model", text.toString(), digit.toString());
        assertEquals(1, wrongKind.code());
        assertTrue(wrongKind.err().startsWith("error: " + text + " is neither a Knobs model"), wrongKind.err());

        Path fakeOnnx = Files.writeString(dir.resolve("fake.onnx"), "not a graph");
        Cli.Run badOnnx = Cli.knobs("predict", "--model", fakeOnnx.toString(), digit.toString());
        assertEquals(1, badOnnx.code());
        assertTrue(badOnnx.err().startsWith("error: ONNX Runtime cannot load " + fakeOnnx), badOnnx.err());
        assertEquals(2, badOnnx.errLines().size(), badOnnx.err());

        byte[] bytes = Files.readAllBytes(model.file);
        Path truncated = Files.write(dir.resolve("truncated.knobs"), Arrays.copyOf(bytes, bytes.length - 100));
        Cli.Run corrupt = Cli.knobs("predict", "--model", truncated.toString(), digit.toString());
        assertEquals(1, corrupt.code());
        assertTrue(corrupt.err().startsWith("error: ") && corrupt.err().contains("truncated.knobs"), corrupt.err());
        for (Cli.Run r : List.of(missing, wrongKind, badOnnx, corrupt)) {
            assertFalse(r.err().contains("\tat "), "no stack trace: " + r.err());
        }
    }

    @Test
    void theDefaultModelIsLesson12sInTheProject() {
        Path root = CourseFiles.root().orElseThrow();
        Path model = root.relativize(CourseFiles.defaultModel());
        assertTrue(model.toString().matches("lessons/12-towards-99/runs/reference(-smoke|-full)?/model\\.knobs"), model.toString());
    }

    // ------------------------------------------------------------------ the command line

    @Test
    void helpDescribesTheCommand() {
        Cli.Run help = Cli.knobs("predict", "--help");
        assertEquals(0, help.code());
        assertTrue(help.out().startsWith("Usage: knobs predict [-h] [--model=PATH] [--out=DIR] FILE..."), help.out());
        assertTrue(help.out().contains("centre of") && help.out().contains("28x28"), help.out());
        Cli.Run top = Cli.knobs("--help");
        assertEquals(0, top.code());
        assertTrue(top.out().contains("predict  Reads the digit in each image file"), top.out());
        assertEquals(help.out(), Cli.knobs("help", "predict").out());
    }

    @Test
    void anUnknownOptionIsAnErrorWithASuggestion() {
        Cli.Run run = Cli.knobs("predict", "--modle", "x.knobs", "d.png");
        assertEquals(2, run.code());
        assertEquals("error: Unknown option: '--modle'", run.errLines().get(0));
        assertEquals("did you mean --model?", run.errLines().get(1));
        assertTrue(run.errLines().get(2).contains("exec.args=\"predict --help\""), run.err());
        assertEquals("", run.out());
    }

    @Test
    void noFileOrAMisspelledCommandIsBadUsage() {
        Cli.Run noFile = Cli.knobs("predict");
        assertEquals(2, noFile.code());
        assertTrue(noFile.err().startsWith("error: Missing required parameter: 'FILE'"), noFile.err());
        Cli.Run unknown = Cli.knobs("predcit", "d.png");
        assertEquals(2, unknown.code());
        assertTrue(unknown.err().contains("did you mean predict"), unknown.err());
    }

    // ------------------------------------------------------------------ ONNX

    @Test
    void theSameNetworkExportedToOnnxGivesTheSameAnswers() throws IOException {
        Path dir = SmallModel.dir("onnx");
        Sequential net = ModelFile.load(model.file).model();
        float[] scale = new float[784];
        Arrays.fill(scale, 1f / 255);
        Path onnx = dir.resolve("small.onnx");
        PixelModelExporter.save(PixelModelExporter.fromSequential(net, 28, 28, scale, new float[784],
                IntStream.range(0, 10).mapToObj(String::valueOf).toList(), Map.of("source", "tools test"),
                "dev.knobs.mnist", 1), onnx);
        List<Path> files = new ArrayList<>();
        double largest = 0;
        try (DigitModel knobs = KnobsModel.load(model.file); DigitModel exported = OnnxModel.load(onnx)) {
            for (int i : chosen) {
                Path f = Renders.png(Renders.inverted(Renders.enlarged(SmallModel.testImage(i), 100)),
                        dir.resolve("digit-" + i + ".png"));
                files.add(f);
                int[] pixels = MnistStyle.prepare(readImage(f)).pixels();
                float[] a = knobs.probabilities(pixels);
                float[] b = exported.probabilities(pixels);
                assertEquals(DigitModel.argmax(a), DigitModel.argmax(b), "digit " + i);
                for (int k = 0; k < 10; k++) {
                    largest = Math.max(largest, Math.abs(a[k] - b[k]));
                }
            }
        }
        assertTrue(largest < 1e-4, "largest probability difference " + largest);
        Cli.Run byKnobs = Cli.knobs(args(SmallModel.dir("onnx-seen-1"), model.file, files).toArray(String[]::new));
        Cli.Run byOnnx = Cli.knobs(args(SmallModel.dir("onnx-seen-2"), onnx, files).toArray(String[]::new));
        assertEquals(0, byOnnx.code(), byOnnx.err());
        assertTrue(byOnnx.out().startsWith("model " + PredictCommand.display(onnx) + ": ONNX 784-128-10"), byOnnx.out());
        assertEquals(answers(byKnobs), answers(byOnnx));
    }

    // ------------------------------------------------------------------ helpers

    private static BufferedImage readImage(Path file) {
        try {
            return DigitImages.read(file);
        } catch (DigitImages.UnreadableImageException e) {
            throw new AssertionError(file + ": " + e.getMessage(), e);
        }
    }

    private static void write(BufferedImage image, String format, Path file) {
        try {
            assertTrue(ImageIO.write(image, format, file.toFile()), "a " + format + " writer");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
