package dev.knobs.tools.predict;

import dev.knobs.tools.CourseFiles;
import dev.knobs.tools.ToolException;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code knobs predict FILE... [--model PATH] [--out DIR]}: the digit in each picture, by a
 * trained network, after preparing the picture the way MNIST's digits were made
 * ({@link MnistStyle}). Prints, per file,
 * <pre>
 *   my-digit.png: 7 (97.9%)   then 1 (1.2%), 9 (0.4%)
 * </pre>
 * and writes the 28x28 image the network saw to {@code DIR/my-digit-28x28.png}. A file that
 * cannot be read, or holds no ink, gets one {@code error:} line naming it; the other files are
 * still predicted, and the exit status is 1.
 */
@Command(name = "predict", sortOptions = false,
        description = {
            "Reads the digit in each image file with a trained network.",
            "",
            "Each picture (PNG, JPEG, GIF or BMP; any size; dark ink on light paper or light on dark; colour or grey)"
                + " is prepared the way MNIST's digits were: turned to grey, made white ink on black, cropped to the"
                + " ink, scaled so that its longer side is 20 pixels, and placed in a 28x28 field with its centre of"
                + " mass in the middle. That 28x28 image is what the network sees; it is saved as a PNG so that you"
                + " can see it too.",
            ""},
        footer = {
            "",
            "Example, from the project root:",
            "  mvn -q -pl tools exec:java -Dexec.args=\"predict my-digit.png\"",
            "",
            "Exit status: 0 all files predicted, 1 a file or the model failed, 2 bad usage."})
public final class PredictCommand implements Callable<Integer> {
    /** Appended to each input's name for the 28x28 image. */
    public static final String SUFFIX = "-28x28.png";

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Image files, one digit each.")
    List<Path> files;

    @Option(names = "--model", paramLabel = "PATH", description = {
        "A model file: a .knobs file saved by a lesson (nn-core), or an .onnx file exported by tribuo-port.",
        "Default: lesson 12's model, lessons/12-towards-99/output/model.knobs."})
    Path model;

    @Option(names = "--out", paramLabel = "DIR", description = {
        "Where to write the 28x28 images the network saw, as NAME" + SUFFIX + ".",
        "Default: tools/target/predict/ in the project, knobs-predict/ outside it."})
    Path out;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter stderr = spec.commandLine().getErr();
        Path modelFile = model != null ? model : defaultModel();
        Path outDir = out != null ? out : defaultOutputDirectory();
        if (Files.exists(outDir) && !Files.isDirectory(outDir)) {
            throw new ToolException("--out " + outDir + " is a file, not a directory", "pass a directory for the 28x28 images");
        }
        int failed = 0;
        List<Path> written = new ArrayList<>();
        try (DigitModel network = DigitModel.open(modelFile)) {
            stdout.println("model " + display(modelFile) + ": " + network.describe());
            Set<String> names = new HashSet<>();
            for (Path file : files) {
                String name = display(file);
                BufferedImage image;
                try {
                    image = DigitImages.read(file);
                } catch (DigitImages.UnreadableImageException e) {
                    stderr.println("error: " + name + ": " + e.getMessage());
                    failed++;
                    continue;
                }
                MnistStyle.Steps steps;
                try {
                    steps = MnistStyle.prepare(image);
                } catch (MnistStyle.NoInkException e) {
                    stderr.println("error: " + name + ": " + e.getMessage());
                    failed++;
                    continue;
                }
                float[] p = network.probabilities(steps.pixels());
                stdout.println(name + ": " + ranking(p));
                Path seen = outDir.resolve(uniqueName(file, names));
                try {
                    DigitImages.writePng(steps.pixels(), seen);
                    written.add(seen);
                } catch (IOException | RuntimeException e) {
                    stderr.println("error: could not write " + display(seen) + ": " + e.getMessage());
                    failed++;
                }
            }
        }
        if (!written.isEmpty()) {
            stdout.println("the 28x28 image" + (written.size() == 1 ? "" : "s") + " the network saw: "
                    + (written.size() == 1 ? display(written.get(0)) : display(outDir) + "/ (NAME" + SUFFIX + ")"));
        }
        if (failed > 0 && files.size() > 1) {
            stderr.println("error: " + failed + " of " + files.size() + " files failed; the others were predicted");
        }
        return failed > 0 ? 1 : 0;
    }

    /**
     * The model used without {@code --model}: lesson 12's, which must have been trained.
     *
     * @throws ToolException if it is not there yet, saying how to make it
     */
    static Path defaultModel() {
        Path file = CourseFiles.defaultModel();
        if (!Files.isRegularFile(file)) {
            throw new ToolException("no model at " + display(file) + ": lesson 12 has not been run here yet",
                    "train it with " + CourseFiles.defaultModelCommand() + " (5 to 10 minutes on 2 cores; add "
                            + "-Dexec.args=\"--mode smoke\" for a weak one in seconds), or pass --model FILE "
                            + "(a .knobs or .onnx file)");
        }
        return file;
    }

    /** {@code tools/target/predict} under the project root: a build folder, ignored by git; else {@code ./knobs-predict}. */
    static Path defaultOutputDirectory() {
        return CourseFiles.root().map(r -> r.resolve("tools").resolve("target").resolve("predict"))
                .orElse(Path.of("knobs-predict"));
    }

    /** {@code 7 (97.9%)   then 1 (1.2%), 9 (0.4%)}: the digit, then the runners-up. */
    static String ranking(float[] p) {
        Integer[] order = new Integer[p.length];
        for (int k = 0; k < p.length; k++) {
            order[k] = k;
        }
        Arrays.sort(order, (a, b) -> Float.compare(p[b], p[a]));   // stable: ties keep the lower digit first
        StringBuilder s = new StringBuilder(order[0] + " (" + percent(p[order[0]]) + ")   then ");
        for (int i = 1; i < Math.min(3, p.length); i++) {
            s.append(i > 1 ? ", " : "").append(order[i]).append(" (").append(percent(p[order[i]])).append(')');
        }
        return s.toString();
    }

    private static String percent(float p) {
        return String.format(Locale.ROOT, "%.1f%%", 100 * p);
    }

    /** {@code NAME-28x28.png}, with {@code -2}, {@code -3}... when two inputs share a name. */
    private static String uniqueName(Path file, Set<String> taken) {
        Path fileName = file.getFileName();
        String base = fileName == null ? "image" : fileName.toString();
        int dot = base.lastIndexOf('.');
        base = dot > 0 ? base.substring(0, dot) : base;
        String name = base + SUFFIX;
        for (int k = 2; !taken.add(name); k++) {
            name = base + "-" + k + SUFFIX;
        }
        return name;
    }

    /** The path as the user would type it: relative to the working directory when inside it. */
    public static String display(Path path) {
        Path here = Path.of("").toAbsolutePath();
        Path absolute = path.toAbsolutePath().normalize();
        return absolute.startsWith(here) && !absolute.equals(here) ? here.relativize(absolute).toString() : path.toString();
    }
}
