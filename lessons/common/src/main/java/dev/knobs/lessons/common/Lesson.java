package dev.knobs.lessons.common;

import dev.knobs.data.DataException;
import dev.knobs.data.Mnist;
import dev.knobs.data.ProjectPaths;
import dev.knobs.nn.data.TrainTest;
import dev.knobs.nn.io.AtomicFiles;
import dev.knobs.nn.io.CheckpointException;
import dev.knobs.nn.io.Json;
import dev.knobs.nn.io.ModelFile;
import dev.knobs.nn.io.ModelFileException;
import dev.knobs.nn.kernel.Compute;
import dev.knobs.nn.layer.Sequential;
import dev.knobs.nn.metrics.EpochRecord;
import dev.knobs.nn.metrics.History;
import dev.knobs.nn.train.Recipe;
import dev.knobs.nn.train.TrainingDivergedException;
import dev.knobs.nn.train.TrainingListener;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.internal.chartpart.Chart;

/**
 * One run of a lesson: its knobs, its data, and the run folder it fills.
 *
 * <p>A lesson's {@code main} hands its {@link LessonDefinition} to {@link #launch}, which parses
 * the flags and knob file, prints a header, runs the body with the lesson's {@code Hyperparams}
 * (the defaults of the mode, with the knobs the student turned), and turns any failure into one
 * readable message and a non-zero exit code. The body loads data with {@link #data()}, saves
 * plots with {@link #figure}, numbers with {@link #json}, {@link #metric} and {@link #table}, and
 * returns the test accuracy of the configuration it chose.
 *
 * <p>Every run is kept: the defaults (seed 42, all cores) go to {@code runs/reference} (or
 * {@code reference-smoke}, {@code reference-full}), the run the site shows; a run with any knob
 * turned gets its own dated folder, {@code runs/20261206-101500-hidden-dropout-0.5}, with a
 * {@code knobs.properties} that reproduces it. Files are written to a staging folder next to the
 * run folder; only a run that finishes replaces it, so a crash or Ctrl-C never leaves a
 * half-written result.
 */
public final class Lesson {
    /** What a lesson does with its knobs; returns what it found, including its chosen configuration's test accuracy. */
    @FunctionalInterface
    public interface Body<H extends Record, R extends Record & LessonResults> {
        R run(Lesson lesson, H hp) throws Exception;
    }

    /** A lesson, or experiment, with no knobs of its own. */
    public record NoKnobs() {}

    /** The results of an experiment that reports only its test accuracy (the Tribuo experiments). */
    public record Accuracy(double testAccuracy) implements LessonResults {}

    private static final DateTimeFormatter FOLDER_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
            .withZone(ZoneId.systemDefault());

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
    private final Map<String, String> knobs;
    private final List<String> turned;
    private String headline = "";
    private LessonResult.Chosen chosen;
    private String datasetDescription = "not loaded";
    private Provenance.TestSet testSet;
    /** Where this run's swappable parts come from: nn-core, or the student's exercises. */
    private Parts parts = Parts.library();

    private Lesson(String id, String title, LessonOptions options, List<String> arguments, Map<String, String> knobs,
                   List<String> turned, PrintStream out) {
        this.id = id;
        this.title = title;
        this.options = options;
        this.arguments = arguments;
        this.knobs = knobs;
        this.turned = turned;
        this.out = out;
        this.outDir = (options.out() != null ? options.out() : runFolder(id, options, turned)).toAbsolutePath().normalize();
        this.staging = outDir.resolveSibling(outDir.getFileName() + ".partial");
        this.compute = options.threads().isPresent() ? Compute.of(options.threads().getAsInt()) : Compute.defaults();
    }

    /**
     * A program of a lesson besides its experiment, such as lesson 12's {@code --select}: it reads
     * its arguments, prints to {@code out}, and returns the exit code (0, 2 for a bad flag, 1 for
     * any other failure) after one readable message on {@code err}.
     */
    @FunctionalInterface
    public interface Command {
        int execute(String[] args, PrintStream out, PrintStream err);
    }

    /**
     * Runs a lesson from its {@code main}: exits with 0 on success, 2 on a bad flag, 1 on any
     * other failure, after printing one message that says what went wrong and what to do.
     */
    public static void launch(String[] args, LessonDefinition<?, ?> lesson) {
        launch(args, lesson, (a, out, err) -> execute(a, lesson, out, err));
    }

    /**
     * {@link #launch(String[], LessonDefinition)} with another program of the lesson in place of its
     * experiment; the same check that the lesson's classes are not older than its sources comes first.
     */
    public static void launch(String[] args, LessonDefinition<?, ?> lesson, Command command) {
        Optional<String> stale = StaleClasses.check(lesson.id(), lesson.knobs());
        if (stale.isPresent()) {
            System.err.println("error: " + stale.get());
            System.exit(1);
        }
        int code = command.execute(args, System.out, System.err);
        if (code != 0) {
            System.exit(code);
        }
    }

    /** A run of something with no knobs (the Tribuo experiments), without {@code System.exit}: returns the exit code. */
    public static int execute(String[] args, String id, String title, Body<NoKnobs, Accuracy> body, PrintStream out,
                              PrintStream err) {
        return execute(args, new LessonDefinition<>(id, title, NoKnobs.class, mode -> new NoKnobs(), Accuracy.class, body),
                out, err);
    }

    /** {@link #launch} without {@code System.exit}, for tests: returns the exit code. */
    public static <H extends Record, R extends Record & LessonResults> int execute(String[] args,
            LessonDefinition<H, R> definition, PrintStream out, PrintStream err) {
        String id = definition.id();
        Lesson lesson;
        H hp;
        try {
            KnobSet<H> knobSet = KnobSet.of(definition.knobs());
            LessonOptions options = LessonOptions.parse(args, knobSet);
            H defaults = definition.defaults().apply(options.mode());
            if (options.help()) {
                out.print(LessonOptions.help(id, definition.title(), knobSet, defaults, options.mode()));
                return 0;
            }
            hp = knobSet.apply(defaults, options.knobs());
            List<String> turned = knobSet.differences(defaults, hp);
            lesson = new Lesson(id, definition.title(), options, List.of(args), knobSet.values(hp), turned, out);
            if (options.useExercises()) {
                if (definition.exercises() == null) {
                    throw new UsageException("lesson " + id + " has no exercises to plug in; leave out --use-exercises "
                            + "(the grader module checks every exercise)");
                }
                lesson.parts = definition.exercises().get();
            }
        } catch (UsageException | IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            err.println("Run with --help to see the flags and knobs.");
            return 2;
        }
        H knobs = hp;
        try {
            lesson.compute.call(() -> {
                lesson.start();
                lesson.finish(definition.body().run(lesson, knobs));
                return null;
            });
            return 0;
        } catch (UsageException e) {
            err.println("error: " + e.getMessage());
            err.println("Run with --help to see the flags and knobs.");
            lesson.abandon();
            return 2;
        } catch (DataException | TrainingDivergedException | ModelFileException | CheckpointException
                 | IllegalArgumentException | UncheckedIOException e) {
            err.println("error: " + e.getMessage());
            lesson.abandon();
            return 1;
        } catch (UnsupportedOperationException e) {
            if (e.getMessage() == null || !e.getMessage().startsWith("exercise ")) {
                err.println("error: lesson " + id + " failed: " + e);
                lesson.abandon();
                return 1;
            }
            err.println("error: an exercise is not done yet: " + e.getMessage());
            err.println("Finish it (the grader checks it: mvn -q -pl grader exec:java -Dexec.args=\"grade ...\"), "
                    + "or run without --use-exercises.");
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

    /** The lesson's folder name, e.g. {@code 07-dropout}. */
    public String id() {
        return id;
    }

    /** The run size: smoke, standard or full. */
    public Mode mode() {
        return options.mode();
    }

    /** The command line of this run. */
    public LessonOptions options() {
        return options;
    }

    /** The run's seed (42 unless {@code --seed} says otherwise). */
    public long seed() {
        return options.seed();
    }

    /**
     * The parts this run trains with: nn-core's, or with {@code --use-exercises} the student's
     * exercises for the parts the lesson has exercises for. Ask it for layers, initialisers and
     * optimisers instead of constructing them.
     */
    public Parts parts() {
        return parts;
    }

    /** The knobs of this run, by name, as text (every knob, turned or not). */
    public Map<String, String> knobs() {
        return Collections.unmodifiableMap(knobs);
    }

    /** The knobs this run turned away from the mode's defaults. */
    public List<String> turned() {
        return turned;
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
        return EpochProgress.of(recipe, out);
    }

    // ------------------------------------------------------------------ data

    /**
     * MNIST (or the {@code --data-dir} dataset) with raw pixel values 0..255, cut to the mode's
     * size: smoke uses the first 2,000 training and 1,000 test images.
     */
    public TrainTest rawData() {
        TrainTest full = options.dataDir() != null ? Mnist.load(options.dataDir()) : Mnist.load();
        testSet = Provenance.testSetIn(options.dataDir() != null ? options.dataDir() : Mnist.cacheDir());
        TrainTest cut = switch (mode()) {
            case SMOKE -> new TrainTest(full.train().first(full.train().name(), 2000),
                    full.test().first(full.test().name(), 1000));
            case STANDARD, FULL -> full;
        };
        datasetDescription = cut.train().name() + " " + cut.train().size() + "/" + cut.test().size();
        return cut;
    }

    /**
     * Records that this run reads its test set from the MNIST-format folder {@code dir} by other
     * means than {@link #rawData()} (the Tribuo experiments read it through Tribuo), so that its
     * provenance carries the test files' checksums.
     */
    public void readsDataFrom(Path dir) {
        testSet = Provenance.testSetIn(dir);
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

    /**
     * Records the configuration the lesson chose on validation data, its training curve (what
     * {@code compare} and the site put side by side with other runs) and its network, which
     * {@code --save-model} saves. The network expects pixels scaled to [0, 1] (grey / 255).
     */
    public void chose(String label, History history, Sequential model) {
        chose(label, history, model, Map.of("input_scaling", "value = grey / 255, so 0.0 is background (black) and 1.0 "
                + "full ink (white), as in MNIST"));
    }

    /** {@link #chose(String, History, Sequential)} with the model file's own metadata (input scaling first of all). */
    public void chose(String label, History history, Sequential model, Map<String, String> metadata) {
        EpochRecord last = history.last();
        chosen = new LessonResult.Chosen(label, last.validationAccuracy(), last.testAccuracy(), history.epochsView());
        if (options.saveModel() != null) {
            Map<String, String> m = new LinkedHashMap<>();
            m.put("lesson", id);
            m.put("run", outDir.getFileName().toString());
            m.put("chosen", label);
            m.put("architecture", model.architecture());
            m.put("knobs", String.join("; ", knobs.entrySet().stream().map(e -> e.getKey() + " = " + e.getValue()).toList()));
            m.put("seed", String.valueOf(seed()));
            m.putAll(metadata);
            m.put("test_accuracy", String.format(java.util.Locale.ROOT, "%.4f", last.testAccuracy()));
            Path file = options.saveModel().equals(LessonOptions.IN_RUN_FOLDER) ? staging.resolve("model.knobs")
                    : options.saveModel().toAbsolutePath();
            ModelFile.save(model, m, file);
            out.println("  model: " + (file.startsWith(staging) ? outDir.resolve(file.getFileName()) : file));
        }
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
        out.println(turned.isEmpty() ? "knobs: the defaults of " + mode() + " mode" : "knobs turned: "
                + String.join(", ", turned.stream().map(k -> k + " = " + knobs.get(k)).toList()));
        out.printf("mode %s, seed %d, %d threads, kernel %s, Java %s%n", mode(), seed(), compute.threads(),
                Provenance.kernelName(), System.getProperty("java.version"));
        if (options.useExercises()) {
            out.println("parts from your exercises (--use-exercises): " + String.join(", ", parts.fromExercises())
                    + "; everything else is nn-core's");
        }
    }

    private void finish(LessonResults results) throws IOException {
        double testAccuracy = results.testAccuracy();
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        Provenance provenance = Provenance.of(seed(), mode().toString(), compute.threads(), datasetDescription,
                arguments, started, seconds, testSet);
        LessonResult result = new LessonResult(id, title, mode().toString(), testAccuracy, provenance.seconds(),
                headline, metrics, figures, tables, provenance, outDir.getFileName().toString(), knobs, turned, chosen,
                Json.tree(results));
        Json.write(staging.resolve("result.json"), result);
        AtomicFiles.write(staging.resolve("knobs.properties"), knobFile().getBytes(StandardCharsets.UTF_8));
        AtomicFiles.replaceDirectory(staging, outDir);
        out.println();
        out.printf("Summary: %s, %s mode, %s, %s, output in %s%n", title, mode(), Double.isNaN(testAccuracy)
                ? "no test accuracy of its own" : String.format("test accuracy %.2f%%", 100 * testAccuracy),
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

    /** Where a lesson keeps its runs: {@code lessons/ID/runs} in the project, {@code runs} elsewhere. */
    public static Path runsFolder(String id) {
        return ProjectPaths.root().map(r -> r.resolve("lessons").resolve(id).resolve("runs")).orElse(Path.of("runs"));
    }

    /** The reference run of a mode: the lesson's defaults, seed 42, on MNIST. */
    public static String referenceName(Mode mode) {
        return mode == Mode.STANDARD ? "reference" : "reference-" + mode;
    }

    /**
     * This run's folder: the mode's reference run when nothing was turned (so re-running the
     * defaults refreshes it, with the same numbers), else a new folder named by the time and the
     * run's name or the knobs it turned.
     */
    private static Path runFolder(String id, LessonOptions options, List<String> turned) {
        boolean reference = turned.isEmpty() && options.seed() == LessonOptions.DEFAULT_SEED && options.dataDir() == null
                && options.name() == null && options.epochs().isEmpty() && options.threads().isEmpty()
                && !options.useExercises();
        Path runs = options.runsDir() != null ? options.runsDir() : runsFolder(id);
        if (reference) {
            return runs.resolve(referenceName(options.mode()));
        }
        return newFolder(runs, options, turned);
    }

    /**
     * A new folder in {@code parent} for a run that is not a reference run, named by the time and
     * the run's name or the knobs it turned (e.g. {@code 20261206-101500-epochs-5}); a number is
     * added if the name is taken, so no run replaces another.
     */
    public static Path newFolder(Path parent, LessonOptions options, List<String> turned) {
        StringBuilder name = new StringBuilder(FOLDER_TIME.format(Instant.now()));
        if (options.mode() != Mode.STANDARD) {
            name.append('-').append(options.mode());
        }
        if (options.name() != null) {
            name.append('-').append(options.name());
        } else {
            for (String knob : turned) {
                String value = options.knobs().getOrDefault(knob, "");
                name.append('-').append(knob).append(value.length() <= 12 ? "-" + value.replace(" ", "") : "");
            }
            if (options.seed() != LessonOptions.DEFAULT_SEED) {
                name.append("-seed").append(options.seed());
            }
            options.threads().ifPresent(t -> name.append("-threads").append(t));
        }
        if (options.useExercises()) {
            name.append("-exercises");
        }
        String safe = name.toString().replaceAll("[^A-Za-z0-9._-]", "_");
        Path folder = parent.resolve(safe.length() > 100 ? safe.substring(0, 100) : safe);
        for (int n = 2; Files.exists(folder); n++) {
            folder = folder.resolveSibling(safe + "-" + n);
        }
        return folder;
    }

    /** The knob file of this run: loaded with {@code --config}, it runs the same experiment again. */
    private String knobFile() {
        StringBuilder s = new StringBuilder();
        s.append("# Lesson ").append(id).append(", ").append(title).append(": the knobs of run ")
                .append(outDir.getFileName()).append('\n');
        Path file = outDir.resolve("knobs.properties");
        Path shown = ProjectPaths.root().filter(file::startsWith).map(r -> r.relativize(file)).orElse(file);
        s.append("# Run it again: mvn -pl lessons/").append(id)
                .append(" exec:java -Dexec.args=\"--config ").append(shown)
                .append(options.useExercises() ? " --use-exercises" : "").append("\"\n");
        s.append(turned.isEmpty() ? "# Every knob at its default for this mode.\n"
                : "# Turned from the defaults: " + String.join(", ", turned) + "\n");
        if (options.useExercises()) {
            s.append("# Trained with parts from the exercises (--use-exercises): ")
                    .append(String.join(", ", parts.fromExercises())).append('\n');
        }
        s.append("mode = ").append(mode()).append('\n');
        s.append("seed = ").append(seed()).append('\n');
        for (Map.Entry<String, String> k : knobs.entrySet()) {
            s.append(k.getKey()).append(" = ").append(k.getValue()).append('\n');
        }
        return s.toString();
    }

    @Override
    public String toString() {
        return "Lesson " + id + " " + Arrays.asList(title, mode());
    }
}
