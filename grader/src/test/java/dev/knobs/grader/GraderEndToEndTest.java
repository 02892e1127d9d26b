package dev.knobs.grader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.knobs.nn.io.Json;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole path a submission takes, with real JVMs: copied out of the clone, compiled with
 * javax.tools, each exercise checked in a JVM of its own, reports written; the clone untouched.
 */
class GraderEndToEndTest {
    private static final Path SOLUTIONS = Path.of("src", "test", "resources", "solutions");
    private static final Path SKELETONS = Path.of("..");

    @TempDir
    Path tmp;

    @Test
    void gradesAClassTheReferenceScoresFullMarksTheSkeletonNothingAndTheClonesAreNotWritten() throws IOException {
        Path klass = tmp.resolve("class");
        copyExercises(SOLUTIONS, klass.resolve("alice"));
        copyExercises(SKELETONS, klass.resolve("bob"));
        Map<String, Long> before = listing(klass);
        Path out = tmp.resolve("grading");

        String[] result = run("grade-class", klass.toString(), "--out", out.toString(), "--only",
                "01.1,07.1,08.2,09.1,09.2,11.1,12.1,12.2");

        assertEquals("0", result[0], result[1] + result[2]);
        assertEquals(before, listing(klass), "the grader wrote into a submission");
        List<String> csv = Files.readAllLines(out.resolve("grades.csv"));
        assertEquals(List.of("student,points,max_points,01.1,07.1,08.2,09.1,09.2,11.1,12.1,12.2",
                "alice,80.0,80,10.0,10.0,10.0,10.0,10.0,10.0,10.0,10.0", "bob,0.0,80,0.0,0.0,0.0,0.0,0.0,0.0,0.0,0.0"),
                csv);
        SubmissionReport bob = Json.read(out.resolve("bob").resolve("report.json"), SubmissionReport.class);
        assertTrue(bob.exercises().get(1).checks().get(0).message().contains("exercise 07.1"), bob.toString());
        assertTrue(bob.exercises().get(6).checks().get(0).message().contains("exercise 12.1"), bob.toString());
        assertTrue(bob.exercises().get(7).checks().get(0).message().contains("exercise 12.2"), bob.toString());
        assertTrue(Files.readString(out.resolve("alice").resolve("report.html")).contains("80.0 of 80 points"));
        assertTrue(Files.readString(out.resolve("index.html")).contains("bob/report.html"));
        assertTrue(Files.isRegularFile(out.resolve("alice").resolve("src").resolve("07-dropout")
                .resolve("dev/knobs/exercises/l07/InvertedDropout.java")), "the sources are graded from a copy");
    }

    @Test
    void anEndlessLoopACrashAndACompileErrorEachCostOnlyTheirOwnExercise() throws IOException {
        Path carol = tmp.resolve("carol");
        copyExercises(SOLUTIONS, carol);
        replace(carol, "07-dropout", "l07/InvertedDropout.java", "return dropout.forward(x, batch, training);",
                "while (batch > 0) { x = x.clone(); } return x;");
        replace(carol, "01-first-network", "l01/DenseLayer.java", "return dense.backward(dz, batch, inputGradient);",
                "System.exit(3); return null;");
        replace(carol, "11-evaluation", "l11/ConfusionCounts.java", "return ConfusionMatrix", "return ConfusionMatrix.nope");
        replace(carol, "04-initialization", "l04/HeNormalInitializer.java", "new HeNormal().fill(w, fanIn, fanOut, rng);",
                "java.util.List<long[]> hog = new java.util.ArrayList<>(); while (true) { hog.add(new long[1 << 24]); }");
        Path out = tmp.resolve("grading");

        String[] result = run("grade", carol.toString(), "--out", out.toString(), "--only", "01.1,04.1,07.1,11.1,11.2",
                "--time-limit", "8");

        assertEquals("0", result[0], result[1] + result[2]);
        SubmissionReport report = Json.read(out.resolve("carol").resolve("report.json"), SubmissionReport.class);
        Map<String, ExerciseResult> byId = report.exercises().stream()
                .collect(Collectors.toMap(ExerciseResult::id, e -> e, (a, b) -> a, TreeMap::new));
        assertEquals("crashed", byId.get("01.1").status(), byId.get("01.1").toString());
        assertEquals("graded", byId.get("04.1").status(), byId.get("04.1").toString());
        assertTrue(byId.get("04.1").checks().stream().anyMatch(c -> c.message().contains("ran out of memory")),
                byId.get("04.1").toString());
        assertEquals("timed out", byId.get("07.1").status(), byId.get("07.1").toString());
        assertEquals("not compiled", byId.get("11.1").status(), byId.get("11.1").toString());
        assertTrue(byId.get("11.1").note().contains("ConfusionCounts.java"), byId.get("11.1").note());
        assertEquals(10.0, byId.get("11.2").points(), "the other file of the same lesson still compiles and passes");
    }

    @Test
    void theReferenceSolutionsOfTheSecondExercisesOfLessons01To07ScoreFullMarks() throws IOException {
        Path dave = tmp.resolve("dave");
        copyExercises(SOLUTIONS, dave);
        Path out = tmp.resolve("grading");

        String[] result = run("grade", dave.toString(), "--out", out.toString(), "--only", "01.2,02.2,03.2,07.2");

        assertEquals("0", result[0], result[1] + result[2]);
        SubmissionReport report = Json.read(out.resolve("dave").resolve("report.json"), SubmissionReport.class);
        for (ExerciseResult e : report.exercises()) {
            assertEquals(10.0, e.points(), e.toString());
        }
        assertEquals(4, report.exercises().size(), report.toString());
    }

    @Test
    void badInputGetsOneClearMessage() {
        String[] result = run("grade", tmp.resolve("nobody").toString());
        assertEquals("2", result[0]);
        assertTrue(result[2].startsWith("error: no submission folder"), result[2]);
        assertFalse(result[2].contains("\tat "), "no stack trace: " + result[2]);
        String[] unknown = run("grade", tmp.toString(), "--only", "99.9");
        assertEquals("2", unknown[0]);
        assertTrue(unknown[2].contains("no exercises in") || unknown[2].contains("no exercise 99.9"), unknown[2]);
    }

    private static String[] run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Grader.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new String[] {String.valueOf(code), out.toString(), err.toString()};
    }

    /** Copies every lesson's {@code exercises/src} from the clone at {@code from} into {@code to}. */
    private static void copyExercises(Path from, Path to) throws IOException {
        for (Exercise e : Exercises.ALL) {
            Path src = from.resolve(e.sourceRoot());
            try (Stream<Path> files = Files.walk(src)) {
                for (Path f : files.filter(Files::isRegularFile).toList()) {
                    Path target = to.resolve(e.sourceRoot()).resolve(src.relativize(f).toString());
                    Files.createDirectories(target.getParent());
                    if (!Files.exists(target)) {
                        Files.copy(f, target);
                    }
                }
            }
        }
    }

    private static void replace(Path clone, String lesson, String file, String old, String now) throws IOException {
        Path p = clone.resolve("lessons").resolve(lesson).resolve("exercises/src/main/java/dev/knobs/exercises").resolve(file);
        String text = Files.readString(p, StandardCharsets.UTF_8);
        assertTrue(text.contains(old), p + " has no '" + old + "'");
        Files.writeString(p, text.replace(old, now), StandardCharsets.UTF_8);
    }

    /** Every file under {@code root} with its size and modification time, to see that nothing was written. */
    private static Map<String, Long> listing(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            Map<String, Long> m = new TreeMap<>();
            for (Path f : files.toList()) {
                m.put(root.relativize(f).toString(), Files.isRegularFile(f) ? Files.size(f) * 31
                        + Files.getLastModifiedTime(f).toMillis() : -1L);
            }
            return m;
        }
    }
}
