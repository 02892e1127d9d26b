package dev.knobs.lessons.l13;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.knobs.lessons.common.KnobContract;
import dev.knobs.lessons.common.LessonResult;
import dev.knobs.lessons.common.RunFolders;
import dev.knobs.lessons.common.SmokeRun;
import dev.knobs.nn.io.Json;
import dev.knobs.search.run.Journal;
import dev.knobs.search.strategy.TrialResult;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs lesson 13 in smoke mode (ASHA over 6 tiny configurations of lesson 12, then random search over
 * the same 6) and checks what it wrote; and checks its knobs.
 */
class SearchedRecipeTest {

    @Test
    void smokeRunSearchesLessonTwelveAndMeasuresTheChoiceOnceOnTheTestSet() {
        SmokeRun run = SmokeRun.of(SearchedRecipe.LESSON);
        run.expectFigures("best-by-trials.png", "best-by-time.png", "parallel-coordinates.png", "rungs.png",
                "surface.png", "surface-3d.png", "asha-versus-random.png");
        run.expectMetrics("test_accuracy", "best_validation", "configurations", "trial_runs", "epochs_trained",
                "epochs_if_random", "grid_shortfall", "random_shortfall", "random_best_validation", "random_seconds",
                "random_epochs_trained", "speed_up", "wall_speed_up");
        LessonResult r = run.result();
        assertEquals(6, r.metrics().get("configurations"));
        double promoted = r.metrics().get("trial_runs") - 6;
        assertTrue(promoted >= 3 && promoted <= 5, "6 configurations at 1 epoch; ASHA (η = 2) promotes each that is in "
                + "the best half of those finished so far: at least the best 3 by the end, and never the worst of the "
                + "6, which every other trial beats, so it is never in the best half: " + promoted);
        assertEquals(6 * 1 + promoted * 2, r.metrics().get("epochs_trained"));
        assertEquals(6 * 2, r.metrics().get("epochs_if_random"));
        assertEquals(6 * 2, r.metrics().get("random_epochs_trained"), "random search: every configuration at 2 epochs");
        assertTrue(r.metrics().get("random_shortfall") < r.metrics().get("grid_shortfall"),
                "random search gets closer than the grid with as many trials (Bergstra and Bengio 2012)");
        assertTrue(r.metrics().get("speed_up") > 0 && Double.isFinite(r.metrics().get("speed_up")));

        Path search = run.out().resolve("search");
        Journal journal = Json.read(search.resolve(Journal.FILE), Journal.class);
        TrialResult chosen = journal.trials().stream().filter(t -> t.trial() == journal.chosen() && t.rung() == 2)
                .findFirst().orElseThrow();
        assertEquals(r.metrics().get("best_validation"), chosen.validationAccuracy(), 1e-12);
        assertEquals(r.testAccuracy(), journal.testAccuracy(), 1e-12);
        for (TrialResult t : journal.trials()) {
            LessonResult trial = RunFolders.read(search.resolve(t.folder())).result();
            assertEquals("12-towards-99", trial.lesson());
            assertTrue(trial.provenance().dataset().contains("holdout"), "trials never load the test set: "
                    + trial.provenance().dataset());
        }
        LessonResult last = RunFolders.read(search.resolve("final")).result();
        assertTrue(last.provenance().dataset().startsWith("mnist-train ") && !last.provenance().dataset().contains("holdout"),
                "the final run trains on all of MNIST's training images: " + last.provenance().dataset());
        assertTrue(Files.isRegularFile(search.resolve("final").resolve("model.knobs")));

        // Random search ran the very configurations ASHA started with, each for the whole budget, and
        // since a trial is deterministic by seed, the ones ASHA took to the top rung score the same in both.
        Journal random = Json.read(run.out().resolve("random").resolve(Journal.FILE), Journal.class);
        assertEquals(6, random.trials().size());
        assertTrue(Double.isNaN(random.testAccuracy()), "random search's choice is never measured on the test set");
        for (TrialResult t : random.trials()) {
            assertEquals(2, t.epochs());
            TrialResult first = journal.trials().stream().filter(a -> a.trial() == t.trial() && a.rung() == 1)
                    .findFirst().orElseThrow();
            assertEquals(first.knobs(), t.knobs(), "trial " + t.trial() + ": the same configuration");
            journal.trials().stream().filter(a -> a.trial() == t.trial() && a.rung() == 2).findFirst()
                    .ifPresent(a -> assertEquals(a.validationAccuracy(), t.validationAccuracy(), 1e-12,
                            "trial " + t.trial() + " at 2 epochs: the same run in both searches"));
        }
        assertEquals(random.trials().stream().mapToDouble(TrialResult::validationAccuracy).max().orElseThrow(),
                r.metrics().get("random_best_validation"), 1e-12);
    }

    @Test
    void everyKnobIsAFlagAndALineInAFile(@TempDir Path scratch) {
        KnobContract.check(SearchedRecipe.LESSON, scratch);
    }
}
