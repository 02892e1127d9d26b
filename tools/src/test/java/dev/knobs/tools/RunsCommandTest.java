package dev.knobs.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.knobs.lessons.common.Lesson;
import dev.knobs.lessons.l01.FirstNetwork;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** {@code knobs compare} and {@code knobs runs} on two real runs of lesson 01 (smoke mode, seconds each). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RunsCommandTest {
    @TempDir
    static Path dir;
    private Path reference;
    private Path turned;

    @BeforeAll
    void twoRunsOfLessonOne() throws IOException {
        Path runs = dir.resolve("runs");
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream());
        assertEquals(0, Lesson.execute(new String[] {"--mode", "smoke", "--runs-dir", runs.toString()},
                FirstNetwork.LESSON, quiet, quiet));
        assertEquals(0, Lesson.execute(new String[] {"--mode", "smoke", "--runs-dir", runs.toString(), "--lr", "0.05"},
                FirstNetwork.LESSON, quiet, quiet));
        reference = runs.resolve("reference-smoke");
        try (Stream<Path> s = Files.list(runs)) {
            turned = s.filter(p -> !p.equals(reference) && !p.getFileName().toString().endsWith(".partial")).findFirst()
                    .orElseThrow();
        }
    }

    @Test
    void compareListsBothRunsWithTheKnobThatDiffersAndWritesCsvAndCurves() throws IOException {
        Path csv = dir.resolve("runs.csv");
        Path plots = dir.resolve("plots");
        Cli.Run run = Cli.knobs("compare", reference.toString(), turned.toString(), "--csv", csv.toString(), "--plots",
                plots.toString());
        assertEquals(0, run.code(), run.err());
        assertTrue(run.out().startsWith("2 runs, the knobs that differ"), run.out());
        assertTrue(run.out().contains("01-first-network/reference-smoke") && run.out().contains("0.05"), run.out());
        List<String> lines = Files.readAllLines(csv);
        assertEquals("run,lr,chosen,validation accuracy,test accuracy,seconds", lines.get(0));
        assertEquals(3, lines.size());
        assertTrue(Files.isRegularFile(plots.resolve("validation-accuracy.png")));
        assertTrue(Files.isRegularFile(plots.resolve("train-loss.svg")));
    }

    @Test
    void aReferenceRunIsNeverRemovedAndAnUnknownRunIsExplained() {
        Cli.Run refused = Cli.knobs("runs", "remove", reference.toString());
        assertEquals(1, refused.code());
        assertTrue(refused.err().contains("is a reference run") && refused.err().contains("nothing was removed"),
                refused.err());
        assertTrue(Files.isDirectory(reference));
        Cli.Run missing = Cli.knobs("runs", "remove", "01-first-network/no-such-run");
        assertEquals(1, missing.code());
        assertTrue(missing.err().startsWith("error: no finished run '01-first-network/no-such-run'"), missing.err());
    }

    @Test
    void runsListsSizesAndRemoveTakesAStudentRun() throws IOException {
        Path copy = Files.createDirectories(dir.resolve("copy"));
        for (Path f : List.of(turned.resolve("result.json"), turned.resolve("knobs.properties"))) {
            Files.copy(f, copy.resolve(f.getFileName()));
        }
        Cli.Run list = Cli.knobs("runs", "list", reference.toString(), copy.toString());
        assertEquals(0, list.code(), list.err());
        assertTrue(list.out().contains("(reference)") && list.out().contains("KB"), list.out());
        Cli.Run removed = Cli.knobs("runs", "remove", copy.toString());
        assertEquals(0, removed.code(), removed.err());
        assertFalse(Files.exists(copy));
    }
}
