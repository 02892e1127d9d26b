package dev.knobs.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line refuses a bad space the way the lessons refuse a bad flag: one line on the
 * error stream naming what is wrong, exit code 2, no stack trace, and nothing written or trained.
 */
class SearchCommandTest {

    @TempDir
    Path runs;

    /** What the command printed and returned. */
    record Outcome(int code, String out, String err) {}

    Outcome run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = SearchCommand.execute(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Outcome(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aBadRangeOrAnUnknownKnobIsRefusedWithOneReadableLine() throws Exception {
        Map<String, String> expected = Map.of(
                "hidden-dropout=uniform(0,1.5)", "--hidden-dropout must be a number in [0, 1)",
                "hiden-dropout=uniform(0,0.5)", "did you mean 'hidden-dropout'",
                "peak-lr=log(0.5,0.1)", "peak-lr",
                "peak-lr=log(0.01,0.5", "peak-lr");
        for (var e : expected.entrySet()) {
            Outcome o = run("--lesson", "12-towards-99", "--strategy", "random", "--trials", "3", "--mode", "smoke",
                    "--space", e.getKey(), "--runs-dir", runs.toString(), "--name", "refused");
            assertEquals(2, o.code(), e.getKey() + ": exit code 2 for a bad space; stderr: " + o.err());
            List<String> lines = o.err().lines().toList();
            assertEquals(1, lines.size(), e.getKey() + ": one line, got:\n" + o.err());
            String line = lines.get(0);
            assertTrue(line.startsWith("error: "), line);
            assertTrue(line.contains(e.getValue()), e.getKey() + " should name the problem: " + line);
            assertFalse(line.contains("Exception") || line.contains("\tat "), "no stack trace: " + line);
            assertEquals("", o.out(), e.getKey() + ": nothing starts");
        }
        assertFalse(Files.exists(runs.resolve("search-refused")), "a refused search writes no folder");
    }

    @Test
    void otherBadRequestsAreRefusedWithOneLineToo() {
        List<List<String>> bad = List.of(
                List.of("--strategy", "asha", "--trials", "3", "--space", "peak-lr=log(0.02,0.3)"),
                List.of("--strategy", "bayes", "--trials", "3", "--space", "peak-lr=log(0.02,0.3)"),
                List.of("--strategy", "random", "--space", "peak-lr=log(0.02,0.3)"),
                List.of("--strategy", "random", "--trials", "3"),
                List.of("--strategy", "random", "--trials", "3", "--time", "soon", "--space", "peak-lr=log(0.02,0.3)"),
                List.of("--strategy", "random", "--trials", "three", "--space", "peak-lr=log(0.02,0.3)"));
        for (List<String> args : bad) {
            List<String> all = new java.util.ArrayList<>(List.of("--lesson", "12-towards-99", "--mode", "smoke",
                    "--runs-dir", runs.toString()));
            all.addAll(args);
            Outcome o = run(all.toArray(String[]::new));
            assertEquals(2, o.code(), args + ": " + o.err());
            assertTrue(o.err().startsWith("error: "), args + ": " + o.err());
            assertFalse(o.err().contains("Exception") || o.err().contains("\tat "), args + ": " + o.err());
            assertTrue(o.err().lines().count() <= 2, args + ": the error and at most a hint: " + o.err());
        }
        Outcome unknownLesson = run("--lesson", "14-nothing", "--trials", "3", "--space", "lr=log(0.1,0.2)",
                "--runs-dir", runs.toString());
        assertEquals(2, unknownLesson.code(), unknownLesson.err());
        assertEquals(1, unknownLesson.err().lines().count(), unknownLesson.err());
    }
}
