package dev.knobs.lessons.common;

import dev.knobs.data.DataException;
import dev.knobs.data.Mnist;
import dev.knobs.data.ProjectPaths;
import dev.knobs.nn.data.TrainTest;
import dev.knobs.nn.io.AtomicFiles;
import dev.knobs.nn.io.Json;
import dev.knobs.nn.io.ModelFileException;
import dev.knobs.nn.kernel.Compute;
import dev.knobs.nn.train.Recipe;
import dev.knobs.nn.train.TrainingDivergedException;
import dev.knobs.nn.train.TrainingListener;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.internal.chartpart.Chart;

/**
 * One run of a lesson: its flags, its data, and the output folder it fills.
 *
 * <p>A lesson's {@code main} hands its body to {@link #launch}, which parses the flags, prints a
 * header, runs the body, and turns any failure into one readable message and a non-zero exit
 * code. The body loads data with {@link #data()}, saves plots with {@link #figure}, numbers with
 * {@link #json}, {@link #metric} and {@link #table}, and returns the test accuracy of the
 * configuration it chose.
 *
 * <p>Files are written to a staging folder next to the output folder; only a run that finishes
 * replaces the previous output, so a crash or Ctrl-C never leaves a half-written result.
 */
public final class Lesson {
    /** What a lesson does; returns the test accuracy of its chosen configuration. */
    @FunctionalInterface
    public interface Body {
        double run(Lesson lesson) throws Exception;
    }

    private final String id;
    private final String title;
    private final LessonOptions options;
    private final PrintStream out;
    private final Path outDir;
    private final Path staging;
    /** Threads and kernel for everything this run computes. */
    private final Compute compute;
    private final Instant started = Instant.now();
    private final long startNanos = System.nanoTime();
    private final List<LessonResult.Figure> figures = new ArrayList<>();
    private final List<LessonResult.Table> tables = new ArrayList<>();
    private final Map<String, Double> metrics = new LinkedHashMap<>();
    private final List<String> arguments;
    private String headline = "";
    private String datasetDescription = "not loaded";

    private Lesson(String id, String title, LessonOptions options, List<String> arguments, PrintStream out) {
        this.id = id;
        this.title = title;
        this.options = options;
        this.arguments = arguments;
        this.out = out;
        this.outDir = (options.out() != null ? options.out() : defaultOutput(id)).toAbsolutePath().normalize();
        this.staging = outDir.resolveSibling(outDir.getFileName() + ".partial");
        this.compute = options.threads().isPresent() ? Compute.of(options.threads().getAsInt()) : Compute.defaults();
    }

    /**
     * Runs a lesson from its {@code main}: exits with 0 on success, 2 on a bad flag, 1 on any
     * other failure, after printing one message that says what went wrong and what to do.
     */
    public static void launch(String[] args, String id, String title, Body body) {
        int code = execute(args, id, title, body, System.out, System.err);
        if (code != 0) {
            System.exit(code);
        }
    }

    /** {@link #launch} without {@code System.exit}, for tests: returns the exit code. */
    public static int execute(String[] args, String id, String title, Body body, PrintStream out, PrintStream err) {
        Lesson lesson;
        try {
            LessonOptions options = LessonOptions.parse(args);
            if (options.help()) {
                out.println("Lesson " + id + ": " + title + "\n");
                out.println("  mvn -pl lessons/" + id + " exec:java -Dexec.args=\"--mode smoke\"\n");
                out.print(LessonOptions.USAGE);
                return 0;
            }
            lesson = new Lesson(id, title, options, List.of(args), out);
        } catch (UsageException | IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            err.println("Run with --help to see the flags.");
            return 2;
        }
        try {
            lesson.compute.call(() -> {
                lesson.start();
                lesson.finish(body.run(lesson));
                return null;
            });
            return 0;
        } catch (UsageException e) {
            err.println("error: " + e.getMessage());
            return 2;
        } catch (DataException | TrainingDivergedException | ModelFileException | IllegalArgumentException
                 | UncheckedIOException e) {
            err.println("error: " + e.getMessage());
            lesson.abandon();
            return 1;
        } catch (OutOfMemoryError e) {
            err.println("error: out of memory. Give Java more heap (MAVEN_OPTS=-Xmx8g) or use --mode smoke.");
            lesson.abandon();
            return 1;
        } catch (Exception e) {
            err.println("error: lesson " + id + " failed: " + e);
            StackTraceElement[] trace = e.getStackTrace();
            if (trace.length > 0) {
                err.println("  at " + trace[0]);
            }
            lesson.abandon();
            return 1;
        }
    }

    // ------------------------------------------------------------------ run facts

    public String id() {
        return id;
    }

    public Mode mode() {
        return options.mode();
    }

    public LessonOptions options() {
        return options;
    }

    public long seed() {
        return options.seed();
    }

    /** The lesson's epochs for this mode, unless {@code --epochs} overrides them. */
    public int epochs(int smoke, int standard, int full) {
        return options.epochsOr(mode().pick(smoke, standard, full));
    }

    /** Where lines for the reader go. */
    public PrintStream out() {
        return out;
    }

    /** Prints a blank line and a section heading. */
    public void section(String heading) {
        out.println();
        out.println("== " + heading);
    }

    /** A progress bar printing to this lesson's output. */
    public ProgressBar progress(String label, long total, String unit) {
        return new ProgressBar(label, total, unit, out);
    }

    /** A progress bar over the epochs of training {@code recipe}, for {@link Recipe#train}. */
    public TrainingListener progress(Recipe recipe) {
        return new EpochProgress(progress(recipe.label(), recipe.epochs(), "epochs"));
    }

    // ------------------------------------------------------------------ data

    /**
     * MNIST (or the {@code --data-dir} dataset) with raw pixel values 0..255, cut to the mode's
     * size: smoke uses the first 2,000 training and 1,000 test images.
     */
    public TrainTest rawData() {
        TrainTest full = options.dataDir() != null ? Mnist.load(options.dataDir()) : Mnist.load();
        TrainTest cut = switch (mode()) {
            case SMOKE -> new TrainTest(full.train().first(full.train().name(), 2000),
                    full.test().first(full.test().name(), 1000));
            case STANDARD, FULL -> full;
        };
        datasetDescription = cut.train().name() + " " + cut.train().size() + "/" + cut.test().size();
        return cut;
    }

    /** {@link #rawData()} scaled to [0, 1] (lesson 02 explains why). */
    public TrainTest data() {
        TrainTest raw = rawData();
        return new TrainTest(dev.knobs.nn.data.Scaling.toUnitRange(raw.train()),
                dev.knobs.nn.data.Scaling.toUnitRange(raw.test()));
    }


    // ------------------------------------------------------------------ outputs

    /** The folder this run's files end up in. */
    public Path outputDir() {
        return outDir;
    }

    /** Saves an XChart chart as PNG and SVG and lists it in the results. */
    public void figure(String name, Chart<?, ?> chart, String caption, String alt) {
        Path png = staging.resolve(name + ".png");
        Path svg = staging.resolve(name + ".svg");
        AtomicFiles.write(png, stream -> BitmapEncoder.saveBitmap(chart, stream, BitmapEncoder.BitmapFormat.PNG));
        AtomicFiles.write(svg, stream -> VectorGraphicsEncoder.saveVectorGraphic(chart, stream,
                VectorGraphicsEncoder.VectorGraphicsFormat.SVG));
        figures.add(new LessonResult.Figure(name + ".png", name + ".svg", chart.getTitle(), caption, alt));
        out.println("  figure: " + outDir.resolve(name + ".png"));
    }

    /** Saves a picture (a {@link DigitGrid}) as PNG and lists it in the results. */
    public void figure(String name, BufferedImage image, String title, String caption, String alt) {
        Path png = staging.resolve(name + ".png");
        AtomicFiles.write(png, stream -> {
            if (!ImageIO.write(image, "png", stream)) {
                throw new IOException("no PNG writer available");
            }
        });
        figures.add(new LessonResult.Figure(name + ".png", null, title, caption, alt));
        out.println("  figure: " + outDir.resolve(name + ".png"));
    }

    /**
     * Where to write an output file of the lesson's own making (e.g. a saved model): a path in the
     * staging folder, so the file lands in {@link #outputDir()} with everything else when the run
     * finishes, and is never left half-written if it does not. Read it back through this same path
     * during the run.
     *
     * @param name a plain file name such as {@code model.knobs}, no folders
     */
    public Path file(String name) {
        if (name == null || name.isBlank() || name.contains("/") || name.contains("\\") || name.startsWith(".")) {
            throw new IllegalArgumentException("an output file name must be a plain name like model.knobs, got '"
                    + name + "'");
        }
        return staging.resolve(name);
    }

    /** Writes {@code value} as {@code name.json} (histories, sweeps) for anyone who wants the raw numbers. */
    public void json(String name, Object value) {
        Json.write(staging.resolve(name + ".json"), value);
    }

    /** Records a named number for the results and the site's rubric. */
    public void metric(String key, double value) {
        metrics.put(key, value);
    }

    /** Prints a table and records it in the results. */
    public void table(TextTable table) {
        out.println();
        out.print(table);
        tables.add(table.toResult());
    }

    /** The one sentence that sums up the run, shown on the site's home page. */
    public void headline(String text) {
        headline = text;
        out.println();
        out.println(text);
    }

    // ------------------------------------------------------------------ life cycle

    private void start() throws IOException {
        AtomicFiles.deleteTree(staging);
        Files.createDirectories(staging);
        out.println("Lesson " + id + ": " + title);
        out.printf("mode %s, seed %d, %d threads, kernel %s, Java %s%n", mode(), seed(), compute.threads(),
                Provenance.kernelName(), System.getProperty("java.version"));
    }

    private void finish(double testAccuracy) throws IOException {
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        Provenance provenance = new Provenance(seed(), mode().toString(), compute.threads(), Provenance.kernelName(),
                Provenance.javaVersion(), Provenance.osName(), Runtime.getRuntime().availableProcessors(),
                Provenance.gitCommit(ProjectPaths.root().orElse(Path.of("."))), datasetDescription, arguments,
                started.truncatedTo(ChronoUnit.SECONDS).toString(), Math.round(seconds * 10) / 10.0);
        LessonResult result = new LessonResult(id, title, mode().toString(), testAccuracy, provenance.seconds(),
                headline, metrics, figures, tables, provenance);
        Json.write(staging.resolve("result.json"), result);
        AtomicFiles.replaceDirectory(staging, outDir);
        out.println();
        out.printf("Summary: %s, %s mode, test accuracy %.2f%%, %s, output in %s%n", title, mode(), 100 * testAccuracy,
                ProgressBar.clock(seconds), outDir);
        out.printf(java.util.Locale.ROOT, "RESULT lesson=%s mode=%s test_accuracy=%.4f seconds=%.1f%n", id, mode(),
                testAccuracy, seconds);
    }

    private void abandon() {
        try {
            AtomicFiles.deleteTree(staging);
        } catch (IOException ignored) {
            // the staging folder is only ever a leftover; the previous output is intact
        }
        out.println("No output was replaced: the previous results in " + outDir + " (if any) are unchanged.");
    }

    private static Path defaultOutput(String id) {
        return ProjectPaths.root().map(r -> r.resolve("lessons").resolve(id).resolve("output"))
                .orElse(Path.of("output"));
    }

    @Override
    public String toString() {
        return "Lesson " + id + " " + Arrays.asList(title, mode());
    }
}
