package dev.knobs.lessons.l12;

import static dev.knobs.lessons.common.Percent.pct;

import dev.knobs.data.DataException;
import dev.knobs.data.Idx;
import dev.knobs.data.Mnist;
import dev.knobs.data.MnistFiles;
import dev.knobs.data.ProjectPaths;
import dev.knobs.lessons.common.EpochProgress;
import dev.knobs.lessons.common.KnobSet;
import dev.knobs.lessons.common.LessonOptions;
import dev.knobs.lessons.common.Mode;
import dev.knobs.lessons.common.ProgressBar;
import dev.knobs.lessons.common.Provenance;
import dev.knobs.lessons.common.UsageException;
import dev.knobs.lessons.l12.TowardsNinetyNine.Hyperparams;
import dev.knobs.nn.data.Dataset;
import dev.knobs.nn.data.RunData;
import dev.knobs.nn.data.Scaling;
import dev.knobs.nn.data.TrainTest;
import dev.knobs.nn.io.AtomicFiles;
import dev.knobs.nn.io.Json;
import dev.knobs.nn.kernel.Compute;
import dev.knobs.nn.metrics.EpochRecord;
import dev.knobs.nn.train.Recipe;
import dev.knobs.nn.train.TrainingDivergedException;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Lesson 12's choice of its recipe, made by code on validation data ({@code --select}): the nine
 * candidates of the README's table ({@link Candidate#all}) each train on 55,000 training images
 * and are scored on the 5,000 held out ({@code RunData.withValidation}, the run's seed), and the
 * one with the highest validation accuracy after its last epoch is chosen ({@link Selection#choose}).
 *
 * <p>The test images are never loaded: only MNIST's training files are read, and the split has no
 * test set, so nothing of the test set can leak into the choice. Every candidate trains through
 * {@link TowardsNinetyNine#recipe}, the method that builds the standard run's recipe, so the choice
 * and the run it chooses for are trained alike (lesson 13's search trains lesson 12's recipes the
 * same way: its trials are runs of this lesson).
 *
 * <p>The result goes to {@code runs/select} ({@code runs/select-smoke} in smoke mode), a folder of
 * its own, never a run's: {@code selection.json} ({@link Selection}, provenance included) and
 * {@code selection.md}, the table for the README. The folder is written in a staging folder next
 * to it and only replaces the previous choice when complete. It holds no {@code result.json}, so
 * the tools and the site, which list runs by their {@code result.json}, do not take it for a run.
 *
 * <pre>
 *   mvn -pl lessons/12-towards-99 exec:java -Dexec.args="--select"               about 30 minutes on 2 cores
 *   mvn -pl lessons/12-towards-99 exec:java -Dexec.args="--select --mode smoke"  tiny candidates, seconds
 * </pre>
 */
final class RecipeSelection {
    private RecipeSelection() {}

    /** The flag that asks for the choice instead of the lesson's run. */
    static final String FLAG = "--select";
    /** The name of the training images, as every lesson names MNIST's. */
    private static final String IMAGES = "mnist-train";

    private static final String HELP = """
            Lesson 12-towards-99: choosing the recipe on validation data

              mvn -pl lessons/12-towards-99 exec:java -Dexec.args="--select"               the nine candidates of the README, about 30 minutes on 2 cores
              mvn -pl lessons/12-towards-99 exec:java -Dexec.args="--select --mode smoke"  the same nine on tiny networks, 2,000 images, seconds

            Each candidate trains on the training images less a tenth held out (at most 5,000) and is scored on
            those; the highest validation accuracy after the last epoch wins. The test images are never loaded.
            Writes runs/select/selection.json and selection.md (runs/select-smoke in smoke mode).

            Options:
              --mode smoke|standard  the size of the candidates (default standard)
              --seed N               seed of the split and of every candidate (default 42)
              --threads N            threads for the matrix kernels (default: all cores)
              --runs-dir DIR         keep the choice in DIR/select instead of lessons/12-towards-99/runs/select
              --out DIR              write the choice to DIR instead
            """;

    /** True when the command line asks for the choice. */
    static boolean requested(String[] args) {
        return Arrays.asList(args).contains(FLAG);
    }

    /** The folder the choice of a size is kept in: {@code select}, or {@code select-smoke} for smoke size. */
    static Path folder(Path runs, Mode mode) {
        return runs.resolve(mode == Mode.SMOKE ? "select-smoke" : "select");
    }

    /** The command that makes the choice of that size. */
    static String command(Mode mode) {
        return "mvn -pl lessons/12-towards-99 exec:java -Dexec.args=\"" + FLAG + (mode == Mode.SMOKE ? " --mode smoke" : "")
                + "\"";
    }

    /**
     * Makes the choice with the command line {@code args} ({@code --select} and the options of
     * {@link #HELP}); returns 0, 2 for a bad flag, or 1 for any other failure, after printing one
     * readable message. A failed choice leaves the previous one as it was.
     */
    static int execute(String[] args, PrintStream out, PrintStream err) {
        LessonOptions options;
        Path folder;
        try {
            options = LessonOptions.parse(Arrays.stream(args).filter(a -> !a.equals(FLAG)).toArray(String[]::new),
                    KnobSet.of(Hyperparams.class));
            if (options.help()) {
                out.print(HELP);
                return 0;
            }
            refuseWhatDoesNotApply(options);
            Path kept = options.out() != null ? options.out() : folder(TowardsNinetyNine.runsFolder(options), options.mode());
            folder = notARun(kept, FLAG, "writes its choice");
        } catch (UsageException | IllegalArgumentException e) {
            return refused(e, FLAG, err);
        }
        Path staging = folder.resolveSibling(folder.getFileName() + ".partial");
        Compute compute = options.threads().isPresent() ? Compute.of(options.threads().getAsInt()) : Compute.defaults();
        try {
            Selection s = compute.call(() -> select(options, List.of(args), staging, folder, out, compute.threads()));
            Selection.Scored chosen = s.chosenOne();
            out.println();
            out.printf("Summary: chose '%s' (%s validation accuracy) among %d candidates, %s mode, %s, output in %s%n",
                    chosen.name(), pct(chosen.validationAccuracy()), s.candidates().size(), s.mode(),
                    ProgressBar.clock(s.seconds()), folder);
            return 0;
        } catch (Exception | OutOfMemoryError e) {
            failed(e, "the choice of lesson 12's recipe", err);
        }
        try {
            AtomicFiles.deleteTree(staging);
        } catch (IOException ignored) {
            // the staging folder is only ever a leftover; the previous choice is intact
        }
        out.println("No choice was replaced: the previous one in " + folder + " (if any) is unchanged.");
        return 1;
    }

    /** {@code folder}, absolute, unless it holds a run of the lesson: a choice or a try never replaces a run. */
    static Path notARun(Path folder, String flag, String writes) {
        Path absolute = folder.toAbsolutePath().normalize();
        if (Files.exists(absolute.resolve("result.json"))) {
            throw new UsageException(absolute + " holds a run of the lesson (it has a result.json); " + flag + " " + writes
                    + " to a folder of its own: leave out --out, or give an empty folder");
        }
        return absolute;
    }

    /** A command line refused in one message, with where to read what {@code flag} takes: exit code 2. */
    static int refused(RuntimeException e, String flag, PrintStream err) {
        err.println("error: " + e.getMessage());
        err.println("Run with " + flag + " --help to see what " + flag + " takes.");
        return 2;
    }

    /** A failure after the command line was taken, in one readable message: exit code 1. */
    static int failed(Throwable e, String what, PrintStream err) {
        if (e instanceof DataException || e instanceof TrainingDivergedException || e instanceof IllegalArgumentException
                || e instanceof UncheckedIOException) {
            err.println("error: " + e.getMessage());
        } else if (e instanceof OutOfMemoryError) {
            err.println("error: out of memory. Give Java more heap (MAVEN_OPTS=-Xmx8g) or use --mode smoke.");
        } else {
            err.println("error: " + what + " failed: " + e);
        }
        return 1;
    }

    /** The flags of a lesson run that mean nothing here, refused in one line each. */
    private static void refuseWhatDoesNotApply(LessonOptions options) {
        if (!options.knobs().isEmpty()) {
            throw new UsageException(FLAG + " trains the nine fixed candidates of the README's table and takes no knobs, "
                    + "got " + String.join(", ", options.knobs().keySet()) + "; turn knobs in a run without " + FLAG);
        }
        if (options.mode() == Mode.FULL) {
            throw new UsageException(FLAG + " has a standard and a smoke size: leave out --mode full, or use --mode smoke");
        }
        if (options.dataDir() != null || options.saveModel() != null || options.name() != null || options.useExercises()) {
            throw new UsageException(FLAG + " chooses on MNIST, keeps no model and writes to runs/select: leave out "
                    + "--data-dir, --save-model, --name and --use-exercises (--out DIR writes elsewhere)");
        }
    }

    private static Selection select(LessonOptions options, List<String> args, Path staging, Path folder, PrintStream out,
                                    int threads) throws IOException {
        Instant started = Instant.now();
        long start = System.nanoTime();
        Mode mode = options.mode();
        long seed = options.seed();
        AtomicFiles.deleteTree(staging);
        Files.createDirectories(staging);
        out.println("Lesson 12-towards-99: choosing the recipe on validation data (" + FLAG + ")");
        out.printf("mode %s, seed %d, %d threads, Java %s%n", mode, seed, threads, System.getProperty("java.version"));

        out.println();
        out.println("== 1. The data: training images only, a tenth held out for validation");
        Dataset images = trainingImages(mode);
        RunData data = RunData.withValidation(new TrainTest(images, null), seed);      // no test set: nothing to leak
        out.printf("%d training images: %d to train on, %d held out to score the candidates (seed %d); no test image "
                + "is loaded%n", images.size(), data.train().size(), data.validation().size(), seed);

        out.println();
        List<Candidate> candidates = Candidate.all(mode);
        out.println("== 2. Training the " + candidates.size() + " candidates");
        List<Selection.Scored> scored = new ArrayList<>();
        for (Candidate c : candidates) {
            Recipe recipe = TowardsNinetyNine.recipe(c.knobs(), seed, data.train().size()).withLabel(c.name());
            long begin = System.nanoTime();
            Recipe.Run run = recipe.train(data, EpochProgress.of(recipe, out)).orThrow();
            EpochRecord last = run.history().last();
            scored.add(Selection.Scored.of(c, run.model().parameterCount(), last.validationAccuracy(),
                    data.validation().size(), last.trainLoss(), Math.round((System.nanoTime() - begin) / 1e8) / 10.0));
        }

        out.println();
        out.println("== 3. The choice: " + Selection.RULE);
        Selection.Scored chosen = Selection.choose(scored);
        double seconds = (System.nanoTime() - start) / 1e9;
        Provenance provenance = Provenance.of(seed, mode.toString(), threads, IMAGES + " " + data.train().size() + "/"
                + data.validation().size() + " validation", args, started, seconds, null);
        Selection selection = new Selection(mode.toString(), seed, data.train().size(), data.validation().size(),
                Selection.RULE, scored, chosen.name(), provenance.seconds(), command(mode), provenance);
        out.println();
        out.print(selection.table());
        out.printf("%nchosen: %s, %s validation accuracy (%d errors in %d)%n", chosen.name(),
                pct(chosen.validationAccuracy()), chosen.validationErrors(), data.validation().size());

        Json.write(staging.resolve(Selection.FILE), selection);
        AtomicFiles.write(staging.resolve(Selection.TABLE_FILE), selection.markdown().getBytes(StandardCharsets.UTF_8));
        AtomicFiles.replaceDirectory(staging, folder);
        out.println("  table: " + folder.resolve(Selection.TABLE_FILE));
        return selection;
    }

    /**
     * MNIST's training images in [0, 1], the first 2,000 in smoke mode as in every smoke run. Only
     * the training files are read; the test files are not opened.
     */
    static Dataset trainingImages(Mode mode) {
        MnistFiles files = MnistFiles.in(Mnist.fetch());
        Dataset all = Idx.read(IMAGES, files.trainImages(), files.trainLabels(), Mnist.CLASSES);
        Dataset cut = mode == Mode.SMOKE ? all.first(all.name(), 2000) : all;
        return Scaling.toUnitRange(cut);
    }

    /** A path as the reader knows it: relative to the project when inside it. */
    static String shown(Path path) {
        Path p = path.toAbsolutePath().normalize();
        return ProjectPaths.root().map(r -> r.toAbsolutePath().normalize()).filter(p::startsWith)
                .map(r -> r.relativize(p).toString()).orElse(p.toString());
    }
}
