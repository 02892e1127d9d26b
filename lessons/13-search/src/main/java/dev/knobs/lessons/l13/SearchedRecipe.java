package dev.knobs.lessons.l13;

import static dev.knobs.lessons.common.Percent.pct;

import dev.knobs.lessons.common.Knob;
import dev.knobs.lessons.common.Lesson;
import dev.knobs.lessons.common.LessonDefinition;
import dev.knobs.lessons.common.LessonResults;
import dev.knobs.lessons.common.Mode;
import dev.knobs.lessons.common.TextTable;
import dev.knobs.nn.io.Json;
import dev.knobs.nn.io.ModelFile;
import dev.knobs.nn.kernel.Compute;
import dev.knobs.nn.metrics.History;
import dev.knobs.search.LessonSearch;
import dev.knobs.search.SearchRequest;
import dev.knobs.search.report.Influence;
import dev.knobs.search.report.SearchPlots;
import dev.knobs.search.report.SearchReport;
import dev.knobs.search.report.Surface;
import dev.knobs.search.report.SurfacePicture;
import dev.knobs.search.run.Journal;
import dev.knobs.search.run.LocalBackend;
import dev.knobs.search.run.Lessons;
import dev.knobs.search.space.Dimension;
import dev.knobs.search.space.LessonKnobs;
import dev.knobs.search.space.Space;
import dev.knobs.search.space.SpaceParser;
import dev.knobs.search.strategy.Rungs;
import dev.knobs.search.strategy.Strategy;
import dev.knobs.search.strategy.TrialResult;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Lesson 13, searching for the recipe. Lesson 12's recipe was put together by hand, one knob at a
 * time, on validation data. Here a search chooses it: configurations of lesson 12's knobs (width
 * and depth, dropout on the input and on the hidden layers, the peak and warm-up of the one-cycle
 * learning rate, the strength of each augmentation, elastic distortion on or off) drawn at random
 * and trained with asynchronous successive halving (ASHA, Li et al. 2018): every configuration
 * gets one epoch, the best third goes on to three, the best third of those to nine, and so on.
 *
 * <p>Trials train on the first 50,000 training images and are scored on the last 10,000; MNIST's
 * test set is used once, after the choice, for the chosen configuration trained on all 60,000.
 * Random search then runs the same configurations, each for the whole budget, so that what
 * halving saved (epochs, CPU and wall time) and what it risked (a worse choice) are measured, not
 * assumed.
 *
 * <p>Run: {@code mvn -pl lessons/13-search exec:java} (a few minutes), {@code --mode smoke} (seconds,
 * a tiny network), {@code --mode full} (the real search, 27 configurations up to 27 epochs).
 */
public final class SearchedRecipe {
    private SearchedRecipe() {}

    /** The lesson whose recipe is searched. */
    static final String SEARCHED = "12-towards-99";

    /**
     * Where the search draws lesson 12's other knobs from (lesson 12's knob names and syntax). The
     * learning rate on a log scale: a factor of two matters as much at 0.02 as at 0.2.
     */
    static final String SPACE = "peak-lr=log(0.02,0.4) warmup-share=uniform(0.1,0.4) input-dropout=uniform(0,0.3) "
            + "hidden-dropout=uniform(0,0.5) degrees=uniform(0,15) shift=uniform(0,3) zoom=uniform(0,0.15) "
            + "elastic-alpha=choice(0,10)";

    /** Training images held out from every trial to score it on. */
    static final int HOLDOUT = 10_000;

    /**
     * The knobs of this lesson.
     *
     * @param epochs the largest budget: the epochs of the top rung, and of the final run
     * @param hidden the hidden layers the search chooses from, separated by |
     */
    record Hyperparams(int epochs, int[][] hidden) {
        static Hyperparams defaults(Mode mode) {
            return mode.pick(new Hyperparams(2, new int[][] {{64, 64}, {128}}),
                    new Hyperparams(3, new int[][] {{256, 256}, {512, 512}, {512, 512, 512}}),
                    new Hyperparams(27, new int[][] {{512, 512}, {1024, 1024}, {1024, 1024, 1024}}));
        }
    }

    /**
     * How big the search is in each mode: how many configurations, the halving rate η and the
     * smallest budget. Not knobs: the course's knob catalogue has no names for them yet.
     */
    record Plan(int configurations, int eta, int minEpochs) {
        static Plan of(Mode mode) {
            return mode.pick(new Plan(6, 2, 1), new Plan(9, 3, 1), new Plan(27, 3, 1));
        }
    }

    /**
     * What this lesson found.
     *
     * @param testAccuracy   test accuracy of the chosen configuration, trained again on all training images
     * @param bestValidation its validation accuracy in the search (held-out training images)
     * @param configurations configurations tried
     * @param trialRuns      trainings run (a configuration trained for several budgets counts once per budget)
     * @param epochsTrained  epochs trained over all trials
     * @param epochsIfRandom epochs random search would train for the same configurations at the largest budget
     * @param searchSeconds  wall-clock seconds of the search (the final run not included)
     * @param randomBestValidation best validation accuracy of random search over the same configurations, each
     *                             trained for the largest budget
     * @param randomSeconds  wall-clock seconds of that random search
     * @param speedUp        how many times faster ASHA was than random search (CPU seconds of the trials, which
     *                       other jobs on the machine do not inflate)
     * @param chosen         the chosen configuration, as flags of lesson 12
     */
    record Results(double testAccuracy, double bestValidation, int configurations, int trialRuns, long epochsTrained,
                   long epochsIfRandom, double searchSeconds, double randomBestValidation, double randomSeconds,
                   double speedUp, String chosen) implements LessonResults {}

    /** The lesson: its folder, title, knobs and experiment. */
    public static final LessonDefinition<Hyperparams, Results> LESSON = new LessonDefinition<>("13-search",
            "Searching for the recipe", Hyperparams.class, Hyperparams::defaults, Results.class, SearchedRecipe::run);

    /** Runs the lesson from the command line, with the course's flags ({@code --mode}, {@code --seed}, knobs). */
    public static void main(String[] args) {
        Lesson.launch(args, LESSON);
    }

    static Results run(Lesson lesson, Hyperparams hp) throws InterruptedException {
        Plan plan = Plan.of(lesson.mode());
        LessonKnobs knobs = LessonKnobs.of(Lessons.byId(SEARCHED), lesson.mode());
        Space space = SpaceParser.parse("hidden=choice(" + Knob.format(hp.hidden()) + ") " + SPACE, knobs);

        // ---------------------------------------------------------------- 1. the space
        lesson.section("1. The space: lesson 12's knobs, and where the search draws them from");
        TextTable spaceTable = new TextTable("The search space", "knob", "drawn from", "lesson 12's value");
        for (Dimension d : space.dimensions()) {
            spaceTable.row(d.knob(), d.distribution().text(), knobs.defaults().get(d.knob()));
        }
        lesson.table(spaceTable);

        // ---------------------------------------------------------------- 2. random, not a grid
        lesson.section("2. Why random and not a grid");
        Space two = SpaceParser.parse("peak-lr=log(0.02,0.4) hidden-dropout=uniform(0,0.5)", knobs);
        double[] gap = GridVersusRandom.compare(two, 3, 200, 0.02, 0.4);
        TextTable gridTable = new TextTable("9 trials on a stand-in objective where the learning rate matters most "
                + "(mean over 200 places of its best value)", "search", "learning rates tried",
                "shortfall of the best trial (accuracy points)");
        gridTable.row("grid 3 x 3", 3, String.format(Locale.ROOT, "%.3f", 100 * gap[0]));
        gridTable.row("random", 9, String.format(Locale.ROOT, "%.3f", 100 * gap[1]));
        lesson.table(gridTable);
        lesson.metric("grid_shortfall", gap[0]);
        lesson.metric("random_shortfall", gap[1]);

        // ---------------------------------------------------------------- 3. the search
        lesson.section("3. The search: ASHA over " + plan.configurations() + " configurations, up to " + hp.epochs()
                + " epochs");
        int threads = Compute.current().threads();
        Path folder = lesson.file("search");
        SearchRequest request = new SearchRequest(SEARCHED, Strategy.ASHA, space.text(), plan.configurations(), null,
                plan.eta(), plan.minEpochs(), hp.epochs(), 3, lesson.mode(), lesson.seed(), 1, threads, HOLDOUT, folder,
                false, 1, true);
        LessonSearch.Result result;
        try (LocalBackend backend = new LocalBackend(1, threads, 1)) {
            result = LessonSearch.of(request).run(backend, lesson.out());
        }
        Journal journal = result.journal();
        TrialResult chosen = result.chosen();
        if (chosen == null) {
            throw new IllegalStateException("no trial of the search finished; see the trial.log files in " + folder);
        }

        // ---------------------------------------------------------------- 4. what the search saw
        lesson.section("4. What the search saw");
        List<TrialResult> trials = journal.trials();
        lesson.table(result.report().table());
        lesson.figure("best-by-trials", SearchPlots.bestByTrials(trials),
                "The best validation accuracy so far climbs in steps: each step is a trial promoted to a longer budget "
                        + "or a better configuration found.",
                "Line chart of the best validation accuracy so far against the number of trials finished, with each "
                        + "trial's own validation accuracy as a dot.");
        lesson.figure("best-by-time", SearchPlots.bestByTime(trials),
                "The same against wall-clock minutes: promoted trials take longer, since they train for more epochs.",
                "Line chart of the best validation accuracy so far against minutes of search, with each trial as a dot.");
        List<TrialResult> first = trials.stream().filter(r -> r.rung() == 1 && !r.failed()).toList();
        lesson.figure("parallel-coordinates", SearchPlots.parallelCoordinates(space, first, "after "
                        + plan.minEpochs() + " epoch"),
                "One line per configuration across its knobs (each scaled to its range) and its validation accuracy "
                        + "after the smallest budget; darker is better, the best in orange.",
                "Parallel coordinates chart: one line per configuration crossing an axis per knob and a last axis for "
                        + "validation accuracy.");
        lesson.figure("rungs", SearchPlots.rungs(trials, Rungs.of(plan.minEpochs(), hp.epochs(), plan.eta())),
                "Each configuration's validation accuracy at every budget it reached: blue lines survived every cut, "
                        + "grey ones were stopped where they end.",
                "Line chart of validation accuracy against the budget in epochs, one line per configuration, the "
                        + "survivors in blue reaching the largest budget, the stopped ones in grey.");
        if (result.report().surface() != null) {
            Surface surface = result.report().surface();
            lesson.figure("surface", SearchPlots.surface(surface),
                    "Validation accuracy after the smallest budget over the two knobs that explain most of its spread, "
                            + "filled in between the trials by inverse-distance weighting; the data is in surface.json.",
                    "Heat map of interpolated validation accuracy over two knobs, darker where trials did better.");
            lesson.figure("surface-3d", SurfacePicture.draw(surface), surface.title(),
                    "The same surface in 3D: the height is validation accuracy, the dots are the trials. With a handful "
                            + "of trials it shows where the good configurations lay, not a law.",
                    "3D surface of validation accuracy over the two most influential knobs, coloured from dark purple "
                            + "(low) to yellow (high), with the trials as dots.");
            lesson.json("surface", surface);
            for (Influence.Share s : result.report().influence()) {
                lesson.metric("influence_" + s.knob(), s.eta2());
            }
        }
        long trained = trials.stream().mapToLong(TrialResult::epochs).sum();
        long ifRandom = (long) first.size() * hp.epochs();
        TextTable cost = new TextTable("What halving saved", "search", "configurations", "epochs trained");
        cost.row("ASHA (this run)", first.size(), trained);
        cost.row("random search, every configuration at " + hp.epochs() + " epochs", first.size(), ifRandom);
        lesson.table(cost);

        // ---------------------------------------------------------------- 5. ASHA against random search
        lesson.section("5. ASHA against random search: the same " + first.size() + " configurations, each at "
                + hp.epochs() + " epochs");
        Path randomFolder = lesson.file("random");
        SearchRequest randomRequest = new SearchRequest(SEARCHED, Strategy.RANDOM, space.text(), plan.configurations(),
                null, plan.eta(), plan.minEpochs(), hp.epochs(), 3, lesson.mode(), lesson.seed(), 1, threads, HOLDOUT,
                randomFolder, false, 1, false);
        LessonSearch.Result random;
        try (LocalBackend backend = new LocalBackend(1, threads, 1)) {
            random = LessonSearch.of(randomRequest).run(backend, lesson.out());
        }
        Journal randomJournal = random.journal();
        TrialResult randomBest = random.chosen();
        double randomValidation = randomBest == null ? Double.NaN : randomBest.validationAccuracy();
        double ashaCpu = trials.stream().mapToDouble(TrialResult::cpuSeconds).sum();
        double randomCpu = randomJournal.trials().stream().mapToDouble(TrialResult::cpuSeconds).sum();
        double speedUp = randomCpu / ashaCpu;
        double wallSpeedUp = randomJournal.seconds() / journal.seconds();
        TextTable versus = new TextTable("ASHA and random search on the same configurations (same seed, one trial at "
                + "a time)", "search", "trainings", "epochs trained", "best validation accuracy", "wall time (s)",
                "CPU time of the trials (s)");
        versus.row("ASHA", trials.size(), trained, pct(chosen.validationAccuracy()), fixed(journal.seconds()),
                fixed(ashaCpu));
        versus.row("random search", randomJournal.trials().size(), randomJournal.trials().stream()
                .mapToLong(TrialResult::epochs).sum(), pct(randomValidation), fixed(randomJournal.seconds()),
                fixed(randomCpu));
        lesson.table(versus);
        lesson.out().printf(Locale.ROOT, "speed-up of ASHA: %.2fx in CPU time of the trials, %.2fx in wall time; best "
                        + "validation accuracy %s (ASHA) against %s (random search)%n", speedUp, wallSpeedUp,
                pct(chosen.validationAccuracy()), pct(randomValidation));
        java.util.Map<String, List<TrialResult>> both = new java.util.LinkedHashMap<>();
        both.put("ASHA", trials);
        both.put("random search", randomJournal.trials());
        lesson.figure("asha-versus-random", SearchPlots.compareByTime(both),
                "Best validation accuracy so far against minutes of search. ASHA spends its first minutes on one-epoch "
                        + "trials and reaches a good configuration sooner; random search trains every configuration for "
                        + "the whole budget.",
                "Two step lines of the best validation accuracy so far against minutes of search, one for ASHA and "
                        + "one for random search on the same configurations.");
        lesson.metric("random_best_validation", randomValidation);
        lesson.metric("random_seconds", randomJournal.seconds());
        lesson.metric("random_epochs_trained", randomJournal.trials().stream().mapToLong(TrialResult::epochs).sum());
        lesson.metric("asha_trial_cpu_seconds", ashaCpu);
        lesson.metric("random_trial_cpu_seconds", randomCpu);
        lesson.metric("speed_up", speedUp);
        lesson.metric("wall_speed_up", wallSpeedUp);

        // ---------------------------------------------------------------- 6. the chosen recipe, on the test set
        lesson.section("6. The chosen recipe, measured once on the test set");
        Path finalRun = folder.resolve(journal.finalRun());
        History history = Json.read(finalRun.resolve("history.json"), History.class);
        String flags = String.join(" ", chosen.knobs().entrySet().stream().map(e -> "--" + e.getKey() + " "
                + e.getValue().replace(" ", "")).toList()) + " --epochs " + chosen.epochs();
        lesson.out().printf("chosen: trial %03d, validation %s; trained again on all 60,000 training images: test %s%n",
                chosen.trial(), pct(chosen.validationAccuracy()), pct(journal.testAccuracy()));
        lesson.out().println("lesson 12 with these knobs: mvn -pl lessons/12-towards-99 exec:java -Dexec.args=\"" + flags
                + "\"");
        lesson.chose("trial " + String.format("%03d", chosen.trial()) + ": " + chosen.knobs(), history,
                ModelFile.load(finalRun.resolve("model.knobs")).model());
        lesson.metric("test_accuracy", journal.testAccuracy());
        lesson.metric("best_validation", chosen.validationAccuracy());
        lesson.metric("configurations", first.size());
        lesson.metric("trial_runs", trials.size());
        lesson.metric("epochs_trained", trained);
        lesson.metric("epochs_if_random", ifRandom);
        lesson.metric("search_seconds", journal.seconds());
        lesson.headline(String.format(Locale.ROOT, "ASHA tried %d configurations of lesson 12's knobs with %d epochs of "
                        + "training in all (random search needed %d, %.1fx the CPU time, for %s) and chose one with %s "
                        + "validation accuracy; trained again on all training images it reaches %s on the test set.",
                first.size(), trained, ifRandom, speedUp, pct(randomValidation), pct(chosen.validationAccuracy()),
                pct(journal.testAccuracy())));
        return new Results(journal.testAccuracy(), chosen.validationAccuracy(), first.size(), trials.size(), trained,
                ifRandom, journal.seconds(), randomValidation, randomJournal.seconds(), speedUp, flags);
    }

    private static String fixed(double seconds) {
        return String.format(Locale.ROOT, "%.1f", seconds);
    }
}
