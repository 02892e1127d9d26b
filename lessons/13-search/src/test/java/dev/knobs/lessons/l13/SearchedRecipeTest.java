package dev.knobs.lessons.l13;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.knobs.lessons.common.LessonResult;
import dev.knobs.lessons.common.RunFolders;
import dev.knobs.lessons.common.SmokeRun;
import dev.knobs.nn.io.Json;
import dev.knobs.search.run.Journal;
import dev.knobs.search.strategy.TrialResult;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Runs lesson 13 in smoke mode (ASHA over 4 tiny configurations of lesson 12) and checks what it wrote. */
class SearchedRecipeTest {

    @Test
    void smokeRunSearchesLessonTwelveAndMeasuresTheChoiceOnceOnTheTestSet() {
        SmokeRun run = SmokeRun.of(SearchedRecipe.LESSON);
        run.expectFigures("best-by-trials.png", "best-by-time.png", "parallel-coordinates.png", "rungs.png");
        run.expectMetrics("test_accuracy", "best_validation", "configurations", "trial_runs", "epochs_trained",
                "epochs_if_random", "grid_shortfall", "random_shortfall");
        LessonResult r = run.result();
        assertEquals(4, r.metrics().get("configurations"));
        double promoted = r.metrics().get("trial_runs") - 4;
        assertTrue(promoted >= 2 && promoted <= 3, "4 configurations at 1 epoch; ASHA (η = 2) promotes each that is in "
                + "the best half of those finished so far: 2 at the end, 3 if an early one was overtaken later");
        assertEquals(4 * 1 + promoted * 2, r.metrics().get("epochs_trained"));
        assertEquals(4 * 2, r.metrics().get("epochs_if_random"));
        assertTrue(r.metrics().get("random_shortfall") < r.metrics().get("grid_shortfall"),
                "random search gets closer than the grid with as many trials (Bergstra and Bengio 2012)");

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
        assertTrue(last.provenance().dataset().startsWith("mnist "), "the final run is on MNIST itself");
        assertTrue(Files.isRegularFile(search.resolve("final").resolve("model.knobs")));
    }
}
