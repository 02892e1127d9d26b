package dev.knobs.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.knobs.data.ProjectPaths;
import dev.knobs.grader.Exercise;
import dev.knobs.grader.Exercises;
import dev.knobs.site.inputs.ExerciseSource;
import dev.knobs.site.inputs.GradeReport;
import dev.knobs.site.render.ExercisesPage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The exercises pages and the student's grades on the rubric page, on a made-up project: lesson 07
 * with its dropout skeleton (a TeX formula in its comment) and a program that takes
 * {@code --use-exercises}, lesson 06 with its two optimiser skeletons and none, lesson 02 without
 * exercises; and grading folders written in the grader's format, a good one and broken ones.
 */
class ExercisePagesTest {
    @TempDir
    Path project;

    @BeforeEach
    void project() throws Exception {
        Files.writeString(project.resolve("pom.xml"), "<project><artifactId>knobs-parent</artifactId></project>");
        for (String id : List.of("02-normalization", "06-learning-rate", "07-dropout")) {
            Path dir = Files.createDirectories(project.resolve("lessons").resolve(id));
            Files.writeString(dir.resolve("README.md"), "# Lesson " + id.substring(0, 2) + ": " + id.substring(3) + "\n\nText.\n");
        }
        skeleton("07-dropout", "l07", "InvertedDropout", """
                /**
                 * Exercise 07.1: inverted dropout, forward and backward.
                 *
                 * <pre>
                 *   y = x ⊙ m
                 * </pre>
                 *
                 * <p>The kept units are scaled: $m_i = \\frac{1}{1-p}$, so that {@code E[y] = x}; see {@link dev.knobs.nn.layer.Dropout}.
                 */
                public final class InvertedDropout {
                    /** Forward. */
                    @Override
                    public float[] forward(float[] x, int batch,
                                           boolean training) {
                        throw new UnsupportedOperationException("exercise 07.1: forward");
                    }

                    /** Not an exercise. */
                    public byte[] save() {
                        throw new UnsupportedOperationException("not for saving");
                    }
                }
                """);
        skeleton("06-learning-rate", "l06", "MomentumOptimizer", """
                /** Exercise 06.1: momentum, v = μv - η∇. */
                public final class MomentumOptimizer {
                    public void step(float[] w, float[] g) {
                        throw new UnsupportedOperationException("exercise 06.1: momentum step");
                    }
                }
                """);
        Path program = Files.createDirectories(project.resolve("lessons/07-dropout/src/main/java/dev/knobs/lessons/l07"));
        Files.writeString(program.resolve("DropoutRates.java"), "class DropoutRates { Object d = def.withExercises(() -> null); }");
    }

    private void skeleton(String lesson, String pkg, String name, String source) throws Exception {
        Path dir = Files.createDirectories(project.resolve("lessons").resolve(lesson)
                .resolve("exercises/src/main/java/dev/knobs/exercises").resolve(pkg));
        Files.writeString(dir.resolve(name + ".java"), "package dev.knobs.exercises." + pkg + ";\n\nimport java.util.List;\n\n" + source);
    }

    private Path generate(SiteConfig config) throws Exception {
        new SiteGenerator(config.withMnistDir(project.resolve("no-mnist"))).generate();
        return project.resolve("site/target/site");
    }

    private String read(Path site, String page) throws Exception {
        return Files.readString(site.resolve(page), StandardCharsets.UTF_8);
    }

    @Test
    void everyExerciseOfTheCourseHasASkeletonItsPageCanShow() {
        Path root = ProjectPaths.root().orElseThrow();
        Set<String> lessons = Exercises.ALL.stream().map(Exercise::lesson).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(24, Exercises.ALL.size(), "the grader's list");
        assertEquals(12, lessons.size(), "lessons 01 to 12 have exercises: " + lessons);
        for (String lesson : lessons) {
            for (ExerciseSource e : ExerciseSource.of(root, lesson)) {
                assertNull(e.problem(), e.id());
                assertTrue(e.javadoc().startsWith("Exercise " + e.id() + ":"), e.id() + ": " + e.javadoc());
                assertFalse(e.signatures().isEmpty(), e.id() + " has no method to write");
            }
            // Lesson 12 trains one network: a committee has nothing to average there, so it takes no --use-exercises.
            assertEquals(!lesson.equals("12-towards-99"), ExercisesPage.usesExercises(root, lesson), lesson);
        }
    }

    @Test
    void exercisesPagesShowIdsTitlesFormulaSignaturesAndCommands() throws Exception {
        Path site = generate(SiteConfig.defaults(project));
        String dropout = read(site, "lessons/07-dropout/exercises.html");
        assertTrue(dropout.contains("id=\"exercise-07-1\""), dropout);
        assertTrue(dropout.contains("inverted dropout forward and backward"), "the grader's title");
        assertTrue(dropout.contains("<span class=\"math math-inline\">m_i = \\frac{1}{1-p}</span>"), "TeX for KaTeX");
        assertTrue(dropout.contains("katex"), "the page loads KaTeX for its formula");
        assertTrue(dropout.contains("<pre class=\"formula\"><code>y = x ⊙ m</code></pre>"), "a <pre> formula stays text");
        assertTrue(dropout.contains("<code>E[y] = x</code>") && dropout.contains("<code>Dropout</code>"), "inline tags");
        assertTrue(dropout.contains("public float[] forward(float[] x, int batch, boolean training)"), "the signature");
        assertFalse(dropout.contains("Override") || dropout.contains("save()"), "annotations and other throws left out");
        assertTrue(dropout.contains("lessons/07-dropout/exercises/src/main/java/dev/knobs/exercises/l07/InvertedDropout.java"));
        assertTrue(dropout.contains("--use-exercises"), "lesson 07 runs with the exercises");
        assertTrue(dropout.contains("grade . --out ../my-grades --only 07.1"));
        assertTrue(dropout.contains("href=\"../07-dropout.html\""), "back to the lesson");
        assertTrue(read(site, "lessons/07-dropout.html").contains("href=\"07-dropout/exercises.html\""), "linked from the lesson");

        String optimisers = read(site, "lessons/06-learning-rate/exercises.html");
        assertTrue(optimisers.contains("momentum step") && optimisers.contains("Adam step"), "both exercises, by the grader's list");
        assertTrue(optimisers.contains("public void step(float[] w, float[] g)"));
        assertTrue(optimisers.contains("could not read lessons/06-learning-rate/exercises/src/main/java/dev/knobs/exercises/l06/AdamOptimizer.java"),
                "a missing skeleton is named");
        assertFalse(optimisers.contains("--use-exercises"), "this made-up lesson 06 does not take the flag");
        assertFalse(optimisers.contains("class=\"math"), "no TeX, no formula element");

        assertFalse(Files.exists(site.resolve("lessons/02-normalization/exercises.html")), "no exercises, no page");
        assertFalse(read(site, "lessons/02-normalization.html").contains("exercises.html"));
        assertFalse(read(site, "rubric.html").contains("id=\"grades\""), "no grades without the option");
    }

    @Test
    void javadocIsEscapedButKeepsItsFormulas() {
        String html = ExercisesPage.javadocHtml("a <b>c</b> <script>x</script> $$\\sum_i x_i$$ {@code {a, b}}");
        assertEquals("<p>a <b>c</b> &lt;script&gt;x&lt;/script&gt; <span class=\"math math-display\">\\sum_i x_i</span> "
                + "<code>{a, b}</code></p>\n", html);
        assertEquals(List.of("public int f(int a)"), ExerciseSource.exerciseSignatures(
                "class A { public int f(int a) { if (a > 0) { return 1; } throw new UnsupportedOperationException(\"exercise 1.1\"); } }")
                .stream().filter(s -> s.startsWith("public")).toList());
    }

    @Test
    void rubricShowsTheStudentsGrades() throws Exception {
        Path grading = Files.createDirectories(project.resolve("grading/alice"));
        Files.writeString(grading.resolve("report.json"), """
                {"student": "alice", "submission": "/somewhere/alice", "gradedAt": "2026-12-06T04:00:00Z",
                 "points": 12.5, "maxPoints": 20, "exercises": [
                  {"id": "07.1", "title": "inverted dropout forward and backward", "status": "graded", "passed": 5, "total": 8,
                   "points": 6.3, "checks": [{"name": "scale", "passed": false, "message": "no 1/(1-p)"}], "note": ""},
                  {"id": "06.1", "title": "momentum step", "status": "timed out", "passed": 0, "total": 1, "points": 0,
                   "checks": [], "note": "killed after 60 s"}]}
                """);
        Files.writeString(grading.resolve("report.html"), "<!doctype html><title>alice</title><p>report</p>");
        Path site = generate(SiteConfig.defaults(project).withGrades(grading));
        String rubric = read(site, "rubric.html");
        assertTrue(rubric.contains("id=\"grades\""));
        assertTrue(rubric.contains("alice"));
        assertTrue(rubric.contains("12.5 of 20"), "the total");
        assertTrue(rubric.contains("5 of 8") && rubric.contains("6.3"), "07.1's checks and points");
        assertTrue(rubric.contains("timed out") && rubric.contains("killed after 60 s"), "06.1's status and note");
        assertTrue(rubric.contains("href=\"lessons/07-dropout/exercises.html#exercise-07-1\""), "the exercise's page");
        assertTrue(rubric.contains("href=\"grades/report.html\""));
        assertEquals("<!doctype html><title>alice</title><p>report</p>", read(site, "grades/report.html"), "the report is copied");
        assertTrue(rubric.indexOf("id=\"grades\"") < rubric.indexOf("class=\"rubric\""), "next to the project's evidence");
    }

    @Test
    void aMalformedOrMissingReportIsOneLineAndANoteOnThePage() throws Exception {
        Path broken = Files.createDirectories(project.resolve("grading/bob"));
        Files.writeString(broken.resolve("report.json"), "{\"student\": \"bob\", \"exercises\": [ {\"id\": ");
        PrintStream out = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        Path site;
        try {
            System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
            site = generate(SiteConfig.defaults(project).withGrades(broken));
        } finally {
            System.setOut(out);
        }
        String lines = printed.toString(StandardCharsets.UTF_8);
        assertEquals(1, lines.lines().filter(l -> l.startsWith("Grade report not shown:")).count(), lines);
        String rubric = read(site, "rubric.html");
        assertTrue(rubric.contains("The grade report could not be read."), rubric);
        assertFalse(rubric.contains("grades/report.html"), "no report.html, no link");

        GradeReport missing = GradeReport.read(project.resolve("grading/nobody"));
        assertFalse(missing.ok());
        assertTrue(missing.problem().contains("no report.json"));
        assertNull(missing.html());
        Path site2 = generate(SiteConfig.defaults(project).withGrades(project.resolve("grading/nobody")));
        assertTrue(read(site2, "rubric.html").contains("could not be read"));

        Path wrongShape = Files.createDirectories(project.resolve("grading/carol"));
        Files.writeString(wrongShape.resolve("report.json"), "[1, 2, 3]");
        GradeReport r = GradeReport.read(wrongShape);
        assertNotNull(r.problem());
    }
}
