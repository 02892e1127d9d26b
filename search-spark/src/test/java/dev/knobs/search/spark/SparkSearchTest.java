package dev.knobs.search.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.knobs.lessons.common.Mode;
import dev.knobs.lessons.common.RunFolders;
import dev.knobs.search.Search;
import dev.knobs.search.run.Journal;
import dev.knobs.search.run.LessonTrials;
import dev.knobs.search.run.LocalBackend;
import dev.knobs.search.run.Lessons;
import dev.knobs.search.run.SearchSettings;
import dev.knobs.search.run.SyntheticTrials;
import dev.knobs.search.run.TrialBackend;
import dev.knobs.search.run.TrialWork;
import dev.knobs.search.space.LessonKnobs;
import dev.knobs.search.space.Space;
import dev.knobs.search.space.SpaceParser;
import dev.knobs.search.strategy.Strategy;
import dev.knobs.search.strategy.TrialResult;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same searches on embedded Spark ({@code local[2]}) as on local threads: the same trials, the
 * same accuracies, the same choice; a trial that keeps failing on an executor is retried, then
 * reported, and the search goes on.
 */
class SparkSearchTest {
    static final LessonKnobs L01 = LessonKnobs.of(Lessons.byId("01-first-network"), Mode.SMOKE);
    static final Space SPACE = SpaceParser.parse("lr=log(0.02,0.5) batch-size=int(16,128)", L01);
    static final SyntheticTrials OBJECTIVE = new SyntheticTrials(Map.of("lr", 0.1, "batch-size", 64.0), 3);

    static SparkBackend spark;

    @TempDir
    Path dir;

    @BeforeAll
    static void startSpark() {
        spark = SparkBackend.open("local[2]", 0, 1, 1, System.out);
    }

    @AfterAll
    static void stopSpark() {
        if (spark != null) {
            spark.close();
        }
    }

    static Journal search(Strategy s, int trials, int maxEpochs, TrialWork work, TrialBackend backend, Path folder,
                          boolean finalRun) throws InterruptedException {
        SearchSettings settings = new SearchSettings("01-first-network", s.toString(), SPACE.text(), 42, "smoke", trials,
                3, 1, maxEpochs, 3, 0);
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        Search search = new Search(settings, s.scheduler(SPACE, 42, trials, 3, 1, maxEpochs, 3), work, backend, folder,
                quiet);
        if (!finalRun) {
            search.withoutFinalRun();
        }
        return search.run(false);
    }

    /** Every trial's rung, budget, knobs, accuracy and outcome, in trial order (they finish in any order), and the choice. */
    static List<String> table(Journal j) {
        List<String> rows = new java.util.ArrayList<>(j.trials().stream().sorted(java.util.Comparator
                .comparingInt(TrialResult::rung).thenComparingInt(TrialResult::trial)).map(r -> r.trial() + "@"
                + r.rung() + " " + r.epochs() + " " + r.knobs() + " " + r.validationAccuracy() + " " + r.failed()).toList());
        rows.add("chosen " + j.chosen());
        return rows;
    }

    @Test
    void synchronousHalvingOnSparkRunsTheSameTrialsAndChoosesTheSameAsLocalThreads() throws Exception {
        assertEquals(2, spark.slots(), "local[2]: two trials at once");
        Journal onSpark = search(Strategy.HALVING, 9, 9, OBJECTIVE, spark, dir.resolve("spark"), true);
        Journal onThreads = search(Strategy.HALVING, 9, 9, OBJECTIVE, new LocalBackend(2, 1, 1), dir.resolve("local"), true);
        assertEquals(table(onThreads), table(onSpark));
        assertEquals(9 + 3 + 1, onSpark.trials().size(), "9 at 1 epoch, 3 at 3, 1 at 9");
        for (TrialResult r : onSpark.trials()) {
            if (!r.failed()) {
                RunFolders.Run run = RunFolders.read(dir.resolve("spark").resolve(r.folder()));
                assertEquals(r.validationAccuracy(), run.result().chosen().validationAccuracy(), 1e-12,
                        "the run folder shipped back from the executor");
            }
        }
    }

    @Test
    void aTrialThatFailsOnTheExecutorIsRetriedThenReportedAndTheSearchGoesOn() throws Exception {
        Journal j = search(Strategy.RANDOM, 4, 1, OBJECTIVE, spark, dir.resolve("failing"), true);
        TrialResult failed = j.trials().stream().filter(r -> r.trial() == 3).findFirst().orElseThrow();
        assertTrue(failed.failed());
        assertEquals(2, failed.attempts(), "one start and one retry");
        assertTrue(failed.failure().contains("synthetic crash of trial 3"), failed.failure());
        assertEquals(3, j.trials().stream().filter(r -> !r.failed()).count(), "the other trials finished");
    }

    @Test
    void aRealLessonTrialGivesTheSameRunOnAnExecutorAsOnALocalThread() throws Exception {
        LessonTrials lesson = new LessonTrials("01-first-network", Mode.SMOKE, 42, 1, 10_000);
        Journal onSpark = search(Strategy.RANDOM, 1, 1, lesson, spark, dir.resolve("lesson-spark"), false);
        Journal onThreads = search(Strategy.RANDOM, 1, 1, lesson, new LocalBackend(1, 1, 0), dir.resolve("lesson-local"),
                false);
        assertEquals(table(onThreads), table(onSpark));
        TrialResult t = onSpark.trials().get(0);
        assertTrue(!t.failed() && t.validationAccuracy() > 0.5, t.toString());
        for (String f : List.of("result.json", "knobs.properties", "trial.log", "history.json")) {
            assertTrue(Files.isRegularFile(dir.resolve("lesson-spark").resolve(t.folder()).resolve(f)), f);
        }
    }
}
