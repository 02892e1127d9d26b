package dev.knobs.lessons.l12;

import static dev.knobs.lessons.common.Percent.pct;

import dev.knobs.lessons.common.EpochProgress;
import dev.knobs.lessons.common.KnobSet;
import dev.knobs.lessons.common.Lesson;
import dev.knobs.lessons.common.LessonOptions;
import dev.knobs.lessons.common.Mode;
import dev.knobs.lessons.common.ProgressBar;
import dev.knobs.lessons.common.Provenance;
import dev.knobs.lessons.common.UsageException;
import dev.knobs.lessons.l12.TowardsNinetyNine.Hyperparams;
import dev.knobs.nn.data.Dataset;
import dev.knobs.nn.data.RunData;
import dev.knobs.nn.data.TrainTest;
import dev.knobs.nn.io.Json;
import dev.knobs.nn.kernel.Compute;
import dev.knobs.nn.metrics.EpochRecord;
import dev.knobs.nn.train.Recipe;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A recipe tried on validation data ({@code --validate}): lesson 12 with any knobs, trained on the
 * training images less the 5,000 held out and scored on those, exactly as {@code --select} scores
 * its candidates (same split, same seed, same training code), so a try can be set against the
 * README's table. The test images are never loaded: a student who compares knobs this way has not
 * spent the test set, which should measure only the recipe chosen in the end.
 *
 * <p>Each try is kept, never replaced, in {@code runs/tries/TIME-KNOBS/try.json}: its knobs, its
 * score ({@link Selection.Scored}, as a candidate's), its history and how it was made. The folder
 * holds no {@code result.json}, so the site does not list it as a run.
 *
 * <pre>
 *   mvn -pl lessons/12-towards-99 exec:java -Dexec.args="--validate --epochs 150"
 * </pre>
 */
final class ValidationTry {
    private ValidationTry() {}

    /** The flag that asks for a try on validation data instead of the lesson's run. */
    static final String FLAG = "--validate";
    /** The file a try is kept in, in its folder. */
    static final String FILE = "try.json";

    private static final String HELP = """
            Lesson 12-towards-99: trying a recipe on validation data

              mvn -pl lessons/12-towards-99 exec:java -Dexec.args="--validate --epochs 150"
              mvn -pl lessons/12-towards-99 exec:java -Dexec.args="--validate --mode smoke --hidden-dropout 0"

            Trains the lesson's recipe, with any of its knobs turned (--help without --validate lists them), on the
            training images less a tenth held out (at most 5,000), and scores it on those, as --select scores its
            candidates; the test images are never loaded. Prints the validation accuracy next to the one of the
            recipe --select chose, and keeps the try in runs/tries/TIME-KNOBS/try.json.

            Options: --mode, --seed, --threads, --runs-dir, --name, --out and --config, as for a run.
            """;

    /**
     * What a try found, as {@code try.json} holds it.
     *
     * @param mode             the size of the data: {@code standard} and {@code full} use all training images,
     *                         {@code smoke} the first 2,000
     * @param seed             the seed of the split and of the training
     * @param trainingImages   images it trained on
     * @param validationImages training images held out, on which it was scored
     * @param turned           the knobs that differ from the mode's defaults
     * @param scored           its knobs and score, as {@code --select} records a candidate
     * @param comparison       the sentence that sets it against the recipe {@code --select} chose
     * @param history          every epoch: training loss and accuracy, validation loss and accuracy
     * @param command          the command line of the try
     * @param provenance       how it was made; its test set is null because no test image was loaded
     */
    record Kept(String mode, long seed, int trainingImages, int validationImages, List<String> turned,
                Selection.Scored scored, String comparison, List<EpochRecord> history, String command,
                Provenance provenance) {}

    /** True when the command line asks for a try on validation data. */
    static boolean requested(String[] args) {
        return Arrays.asList(args).contains(FLAG);
    }

    /**
     * Makes the try with the command line {@code args}; returns 0, 2 for a bad flag, or 1 for any
     * other failure, after printing one readable message.
     */
    static int execute(String[] args, PrintStream out, PrintStream err) {
        LessonOptions options;
        Hyperparams hp;
        List<String> turned;
        Path folder;
        KnobSet<Hyperparams> knobs = KnobSet.of(Hyperparams.class);
        try {
            if (RecipeSelection.requested(args)) {
                throw new UsageException(FLAG + " tries one recipe and " + RecipeSelection.FLAG + " chooses among the "
                        + "README's candidates: give one of them");
            }
            options = LessonOptions.parse(Arrays.stream(args).filter(a -> !a.equals(FLAG)).toArray(String[]::new), knobs);
            if (options.help()) {
                out.print(HELP);
                return 0;
            }
            Hyperparams defaults = Hyperparams.defaults(options.mode()).withMembers(1);   // one network, as a candidate
            hp = knobs.apply(defaults, options.knobs());
            turned = knobs.differences(defaults, hp);
            refuseWhatDoesNotApply(options, hp);
            folder = RecipeSelection.notARun(options.out() != null ? options.out()
                    : Lesson.newFolder(TowardsNinetyNine.runsFolder(options).resolve("tries"), options, turned), FLAG, "keeps its try");
        } catch (UsageException | IllegalArgumentException e) {
            return RecipeSelection.refused(e, FLAG, err);
        }
        Compute compute = options.threads().isPresent() ? Compute.of(options.threads().getAsInt()) : Compute.defaults();
        try {
            Kept kept = compute.call(() -> tryIt(options, hp, turned, List.of(args), folder, out, compute.threads()));
            out.println();
            out.printf("Summary: %s validation accuracy (%d errors in %,d held-out training images), %s; kept in %s%n",
                    pct(kept.scored().validationAccuracy()), kept.scored().validationErrors(), kept.validationImages(),
                    ProgressBar.clock(kept.provenance().seconds()), folder.resolve(FILE));
            out.println(kept.comparison());
            return 0;
        } catch (Exception | OutOfMemoryError e) {
            return RecipeSelection.failed(e, "the try on validation data", err);
        }
    }

    /** The flags of a lesson run that mean nothing here, refused in one line each. */
    private static void refuseWhatDoesNotApply(LessonOptions options, Hyperparams hp) {
        if (hp.members() != 1) {
            throw new UsageException(FLAG + " scores one network, as --select scores each candidate; leave out --members "
                    + "(a committee's members are each this recipe)");
        }
        if (options.dataDir() != null || options.saveModel() != null || options.useExercises()) {
            throw new UsageException(FLAG + " scores a recipe on MNIST's held-out training images and keeps no model: "
                    + "leave out --data-dir, --save-model and --use-exercises");
        }
    }

    private static Kept tryIt(LessonOptions options, Hyperparams hp, List<String> turned, List<String> args, Path folder,
                              PrintStream out, int threads) {
        Instant started = Instant.now();
        long start = System.nanoTime();
        Mode mode = options.mode();
        long seed = options.seed();
        out.println("Lesson 12-towards-99: a recipe tried on validation data (" + FLAG + ")");
        out.printf("mode %s, seed %d, %d threads, Java %s; knobs turned: %s%n", mode, seed, threads,
                System.getProperty("java.version"), turned.isEmpty() ? "none (the mode's recipe)" : String.join(", ", turned));
        Dataset images = RecipeSelection.trainingImages(mode);
        RunData data = RunData.withValidation(new TrainTest(images, null), seed);      // no test set: nothing to spend
        out.printf("%d training images: %d to train on, %d held out to score the recipe (seed %d); no test image is "
                + "loaded%n", images.size(), data.train().size(), data.validation().size(), seed);
        String name = turned.isEmpty() ? "the " + mode + " recipe" : String.join(", ", turned) + " turned";
        Recipe recipe = TowardsNinetyNine.recipe(hp, seed, data.train().size()).withLabel(name);
        out.println(recipe.describe());
        long begin = System.nanoTime();
        Recipe.Run run = recipe.train(data, EpochProgress.of(recipe, out)).orThrow();
        EpochRecord last = run.history().last();
        Selection.Scored scored = Selection.Scored.of(new Candidate(name, hp), run.model().parameterCount(),
                last.validationAccuracy(), data.validation().size(), last.trainLoss(),
                Math.round((System.nanoTime() - begin) / 1e8) / 10.0);
        double seconds = (System.nanoTime() - start) / 1e9;
        Provenance provenance = Provenance.of(seed, mode.toString(), threads, "mnist-train " + data.train().size() + "/"
                + data.validation().size() + " validation", args, started, seconds, null);
        Kept kept = new Kept(mode.toString(), seed, data.train().size(), data.validation().size(), turned, scored,
                comparison(options, scored, data.validation().size()), run.history().epochs(),
                "mvn -pl lessons/12-towards-99 exec:java -Dexec.args=\"" + String.join(" ", args) + "\"", provenance);
        try {
            Files.createDirectories(folder);
        } catch (java.io.IOException e) {
            throw new UncheckedIOException("cannot create " + folder + ": " + e.getMessage(), e);
        }
        Json.write(folder.resolve(FILE), kept);
        return kept;
    }

    /**
     * The try against the recipe {@code --select} chose, when a choice made on the same split (same
     * size and seed) is kept; otherwise what to run to have one.
     */
    static String comparison(LessonOptions options, Selection.Scored mine, int validationImages) {
        RecipeChoice.Found found = RecipeChoice.find(TowardsNinetyNine.runsFolder(options),
                RecipeChoice.size(options.mode()));
        if (found.selection() == null) {
            return found.missing();
        }
        Selection s = found.selection();
        if (s.seed() != options.seed() || s.validationImages() != validationImages) {
            return "The kept choice was made on another split (seed " + s.seed() + ", " + s.validationImages()
                    + " images held out), so it is not compared with this try.";
        }
        Selection.Scored chosen = s.chosenOne();
        int difference = mine.validationErrors() - chosen.validationErrors();
        return String.format(Locale.ROOT, "The recipe --select chose, '%s', made %d errors on the same %,d images "
                        + "(%s): this try made %s.", chosen.name(), chosen.validationErrors(), validationImages,
                pct(chosen.validationAccuracy()), difference == 0 ? "as many" : Math.abs(difference)
                        + (difference > 0 ? " more" : " fewer"));
    }
}
