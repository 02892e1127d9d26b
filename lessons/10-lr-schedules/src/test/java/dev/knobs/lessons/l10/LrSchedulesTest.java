package dev.knobs.lessons.l10;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.knobs.lessons.common.ExercisesContract;
import dev.knobs.lessons.common.KnobContract;
import dev.knobs.lessons.common.Lesson;
import dev.knobs.lessons.common.LessonResult;
import dev.knobs.lessons.common.Parts;
import dev.knobs.lessons.common.SmokeRun;
import dev.knobs.nn.schedule.CosineSchedule;
import dev.knobs.nn.schedule.OneCycle;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs lesson 10 in smoke mode and checks what it wrote. */
class LrSchedulesTest {

    @Test
    void everyDecayingScheduleStartsAtThePeakAndEndsFarBelowIt() {
        LrSchedules.Hyperparams hp = new LrSchedules.Hyperparams(new int[] {128, 128}, 0.05f, 0.1f, 1 / 50f, 20_000, 8);
        int stepsPerEpoch = 157;
        int total = 8 * stepsPerEpoch;
        for (LrSchedules.Candidate c : LrSchedules.candidates(hp, stepsPerEpoch, total, Parts.library())) {
            if (c.name().equals("constant") || c.name().equals("reduce on plateau")) {
                continue;
            }
            int last = c.perStep() ? total - 1 : 7;
            float end = c.schedule().rate(last);
            assertTrue(end < 0.15f * hp.peakLr(), c.name() + " ends at " + end);
            float highest = 0f;
            for (int t = 0; t <= last; t++) {
                highest = Math.max(highest, c.schedule().rate(t));
            }
            assertEquals(hp.peakLr(), highest, 1e-3f, c.name() + " peaks at the common peak rate");
        }
    }

    @Test
    void smokeRunWritesWellFormedOutputsWithPlausibleNumbers() {
        SmokeRun run = SmokeRun.of(LrSchedules.LESSON);
        LessonResult r = run.result();
        run.expectFigures("lr-decay.png", "accuracy-decay.png", "lr-cycle.png", "accuracy-cycle.png",
                "validation-error.png");
        Map<String, Double> m = r.metrics();
        assertEquals(10, m.get("schedules_compared"));
        assertEquals(5, m.get("per_step_schedules"));
        assertTrue(m.get("best_schedule_validation_accuracy") >= m.get("constant_validation_accuracy"),
                "the choice is the best validation accuracy, the constant rate included");
        assertEquals(m.get("best_schedule_test_accuracy"), r.testAccuracy(), 1e-12);
        // 1,800 images, 3 epochs: observed 82% to 86% test accuracy for all schedules but restarts (seed 42).
        assertTrue(m.get("constant_test_accuracy") > 0.70, "constant: " + m.get("constant_test_accuracy"));
        assertTrue(r.testAccuracy() > 0.70, "smoke test accuracy " + r.testAccuracy());

        LrSchedules.Results typed = r.results(LrSchedules.Results.class);
        assertEquals(r.testAccuracy(), typed.testAccuracy());
        assertEquals(m.get("best_schedule_validation_accuracy"), typed.chosenValidationAccuracy());
        assertEquals(m.get("constant_test_accuracy"), typed.constantTestAccuracy());
        assertEquals(m.get("per_step_schedules"), typed.perStepSchedules());
        assertEquals(r.chosen().label(), typed.chosenSchedule());
    }

    @Test
    void oneEpochIsStillTenSchedulesAndSaysOneEpoch() {
        LessonResult r = SmokeRun.of(LrSchedules.LESSON, "--epochs", "1").result();
        LrSchedules.Results typed = r.results(LrSchedules.Results.class);
        assertEquals(10, typed.schedulesCompared());
        assertEquals(1, typed.epochs());
        assertTrue(r.headline().startsWith("Of 10 learning-rate schedules (1 epoch on 1,800 images)"), r.headline());
        assertEquals("Schedules, 1 epoch on 1,800 images", r.tables().get(0).title());
    }

    @Test
    void schedulesThatDivergeAreMarkedAndLeftOutOfTheChoice() {
        LessonResult r = SmokeRun.of(LrSchedules.LESSON, "--peak-lr", "5", "--epochs", "1").result();
        List<List<String>> rows = r.tables().get(0).rows();
        List<String> diverged = rows.stream().filter(row -> row.get(4).equals("diverged"))
                .map(row -> row.get(0).endsWith(" per " + row.get(1)) ? row.get(0) : row.get(0) + " per " + row.get(1))
                .toList();
        // A peak of 5, a hundred times the constant rate: observed every schedule but the constant rate to diverge.
        assertFalse(diverged.isEmpty(), "some schedule diverges at a peak of 5: " + rows);
        String chosen = r.results(LrSchedules.Results.class).chosenSchedule();
        assertFalse(diverged.contains(chosen), chosen + " diverged but was chosen");
    }

    @Test
    void aRunTooShortForASchedulesShapeIsRefused(@TempDir Path out) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Lesson.execute(new String[] {"--mode", "smoke", "--out", out.resolve("run").toString(), "--train-size",
                "100", "--epochs", "1"}, LrSchedules.LESSON, new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        String message = err.toString(StandardCharsets.UTF_8);
        assertEquals(1, code, message);
        assertTrue(message.contains("give 1 mini-batch step in all"), message);
    }

    @Test
    void everyKnobIsAFlagAndALineInAFile(@TempDir Path scratch) {
        KnobContract.check(LrSchedules.LESSON, scratch);
    }

    @Test
    void withNnCoresClassesAsTheExercisesUseExercisesGivesTheSameNumbers() {
        // nn-core's schedules plugged in where the student's code goes: the wiring itself must change no number.
        ExercisesContract.sameNumbers(LrSchedules.LESSON, () -> Parts.library()
                .withSchedule("cosine", "10.1 nn-core's CosineSchedule", s -> CosineSchedule.annealing(s[0], s[1], (int) s[2]))
                .withSchedule("one_cycle", "10.2 nn-core's OneCycle", s -> new OneCycle(s[0], (int) s[1], s[2], s[3], s[4])));
    }

    @Test
    void withTheSkeletonsUseExercisesStopsWithTheExercisesMessage() {
        ExercisesContract.skeletonStops(LrSchedules.LESSON, "10.1");
    }
}
