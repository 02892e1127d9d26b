package dev.knobs.site.rubric;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.knobs.lessons.common.LessonResult;
import dev.knobs.site.inputs.Course;
import dev.knobs.site.inputs.LessonOutput;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RubricRulesTest {

    /** A lesson that ran with the given accuracy, mode, metrics, figure names and one table of {@code rows} rows. */
    static LessonOutput ran(String id, double accuracy, String mode, Map<String, Double> metrics, int rows, String... figures) {
        List<LessonResult.Figure> figs = new ArrayList<>();
        for (String f : figures) {
            figs.add(new LessonResult.Figure(f + ".png", f + ".svg", "Plot of " + f, "How to read " + f, "A chart of " + f));
        }
        List<List<String>> tableRows = new ArrayList<>();
        for (int i = 0; i < rows; i++) {
            tableRows.add(List.of("setting " + i, "97.0%"));
        }
        LessonResult r = new LessonResult(id, id, mode, accuracy, 12.5, "Headline of " + id, metrics, figs,
                List.of(new LessonResult.Table("Comparison", List.of("setting", "accuracy"), tableRows)), null, id,
                Map.of(), List.of(), null, null);
        return new LessonOutput(id, id, null, Path.of("out", id), r, null, null, List.of(), List.of());
    }

    static LessonOutput missing(String id) {
        return new LessonOutput(id, id, null, Path.of("out", id), null, null, null, List.of(), List.of());
    }

    /** Every lesson run in standard mode with everything the rules look for. */
    static List<LessonOutput> complete(double lesson12Accuracy) {
        List<LessonOutput> lessons = new ArrayList<>();
        for (Course.Entry e : Course.LESSONS) {
            double acc = e.id().equals("12-towards-99") ? lesson12Accuracy : 0.975;
            lessons.add(ran(e.id(), acc, "standard", Map.of("test_data_unchanged", 1.0, "chosen_is_relu", 1.0), 10,
                    "batch-size", "dropout-sweep", "activation-std", "augment-shift", "depth-width", "validation",
                    "range-test", "schedules", "confusion-matrix", "worst-errors", "loss", "accuracy"));
        }
        return lessons;
    }

    private static Requirement row(List<Requirement> rows, String id) {
        return rows.stream().filter(r -> r.id().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void everyRequirementHasARowInTheAssignmentsOrder() {
        List<Requirement> rows = RubricRules.evaluate(complete(0.991), List.of());
        assertEquals(List.of("a", "b", "init", "c", "d", "e", "f", "g", "h", "i", "extra", "part2"),
                rows.stream().map(Requirement::id).toList());
    }

    @Test
    void nothingRunMeansNotRunYetEverywhere() {
        List<LessonOutput> none = Course.LESSONS.stream().map(e -> missing(e.id())).toList();
        for (Requirement r : RubricRules.evaluate(none, List.of())) {
            assertEquals(Status.NOT_RUN, r.status(), r.id());
            assertTrue(r.evidence().isEmpty(), r.id());
        }
    }

    @Test
    void completeStandardRunsMeetPartOne() {
        List<Requirement> rows = RubricRules.evaluate(complete(0.9912), List.of());
        for (Requirement r : rows.subList(0, 11)) {
            assertEquals(Status.MET, r.status(), r.id() + ": " + r.detail());
            assertFalse(r.smoke(), r.id());
            assertNotNull(r.thumbnail(), r.id() + " has no thumbnail");
        }
        assertTrue(row(rows, "extra").evidence().get(0).contains("99.12%"), row(rows, "extra").evidence().toString());
        assertEquals("confusion-matrix.png", row(rows, "h").thumbnail().file());
    }

    @Test
    void extraCreditBelow99IsNotMetWithTheMeasuredValue() {
        Requirement extra = row(RubricRules.evaluate(complete(0.987), List.of()), "extra");
        assertEquals(Status.NOT_MET, extra.status());
        assertEquals("98.70%", extra.detail());
    }

    @Test
    void aMissingLessonMakesItsRowsNotRunYet() {
        List<LessonOutput> lessons = new ArrayList<>(complete(0.99));
        lessons.set(9, missing("10-lr-schedules"));
        Requirement g = row(RubricRules.evaluate(lessons, List.of()), "g");
        assertEquals(Status.NOT_RUN, g.status());
        assertTrue(g.detail().contains("10-lr-schedules"), g.detail());
    }

    @Test
    void aReportedMetricWithTheWrongValueFailsItsRow() {
        List<LessonOutput> lessons = new ArrayList<>(complete(0.99));
        lessons.set(7, ran("08-augmentation", 0.98, "standard", Map.of("test_data_unchanged", 0.0), 3, "augment-grid"));
        Requirement c = row(RubricRules.evaluate(lessons, List.of()), "c");
        assertEquals(Status.NOT_MET, c.status());
        assertTrue(c.detail().contains("test data was changed"), c.detail());
    }

    @Test
    void missingEvidenceFailsAndLowAccuracyFails() {
        List<LessonOutput> lessons = new ArrayList<>(complete(0.99));
        lessons.set(10, ran("11-evaluation", 0.97, "standard", Map.of(), 10, "loss"));
        lessons.set(1, ran("02-normalization", 0.42, "standard", Map.of(), 3, "raw-vs-scaled"));
        List<Requirement> rows = RubricRules.evaluate(lessons, List.of());
        assertEquals(Status.NOT_MET, row(rows, "h").status());
        assertTrue(row(rows, "h").detail().contains("confusion"), row(rows, "h").detail());
        assertEquals(Status.NOT_MET, row(rows, "f").status());
        assertTrue(row(rows, "f").detail().contains("42.00%"), row(rows, "f").detail());
    }

    @Test
    void smokeRunsAreFlaggedAndJudgedByTheSmokeFloor() {
        List<LessonOutput> lessons = new ArrayList<>(complete(0.99));
        lessons.set(6, ran("07-dropout", 0.74, "smoke", Map.of(), 3, "dropout-sweep"));
        Requirement b = row(RubricRules.evaluate(lessons, List.of()), "b");
        assertEquals(Status.MET, b.status(), b.detail());
        assertTrue(b.smoke());
        assertTrue(b.evidence().get(0).contains("(smoke run)"), b.evidence().toString());
    }

    @Test
    void partTwoNeedsAnExperimentForEveryKnob() {
        List<LessonOutput> lessons = complete(0.99);
        assertEquals(Status.NOT_RUN, row(RubricRules.evaluate(lessons, List.of()), "part2").status());
        List<LessonOutput> some = List.of(ran("mlp-dropout", 0.97, "standard", Map.of(), 2, "loss"),
                ran("mlp-augmented", 0.97, "standard", Map.of(), 2, "loss"));
        Requirement partial = row(RubricRules.evaluate(lessons, some), "part2");
        assertEquals(Status.NOT_MET, partial.status());
        assertTrue(partial.evidence().get(0).contains("2 of the 10"), partial.evidence().toString());
        List<LessonOutput> all = RubricRules.PART_ONE_KNOBS.stream()
                .map(k -> ran(k, 0.96, "standard", Map.of(), 2, "loss")).toList();
        Requirement met = row(RubricRules.evaluate(lessons, all), "part2");
        assertEquals(Status.MET, met.status(), met.detail());
        assertEquals("tribuo/02-normalization", met.thumbnail().lessonId());
    }

    @Test
    void evaluationCountsAsRedoneWhenAnExperimentShowsConfusionErrorsAndPerClassMetrics() {
        List<LessonOutput> lessons = complete(0.99);
        List<LessonOutput> knobs = RubricRules.PART_ONE_KNOBS.stream().filter(k -> !k.startsWith("11"))
                .map(k -> ran(k, 0.96, "standard", Map.of(), 2, "loss")).toList();
        Requirement without = row(RubricRules.evaluate(lessons, knobs), "part2");
        assertEquals(Status.NOT_MET, without.status());
        assertTrue(without.evidence().get(0).contains("no experiment for lessons 11"), without.evidence().toString());

        List<LessonOutput> noF1 = new ArrayList<>(knobs);
        noF1.add(ran("depth", 0.96, "standard", Map.of(), 2, "confusion", "top-errors"));
        assertEquals(Status.NOT_MET, row(RubricRules.evaluate(lessons, noF1), "part2").status());

        List<LessonOutput> evaluated = new ArrayList<>(knobs);
        evaluated.add(ran("depth", 0.96, "standard", Map.of("macro_f1", 0.96), 2, "confusion", "top-errors"));
        Requirement met = row(RubricRules.evaluate(lessons, evaluated), "part2");
        assertEquals(Status.MET, met.status(), met.detail());
    }
}
