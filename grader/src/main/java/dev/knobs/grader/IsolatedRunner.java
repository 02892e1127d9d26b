package dev.knobs.grader;

import dev.knobs.nn.io.Json;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs one exercise's checks in a JVM of its own ({@link CheckMain}), with a heap limit and a time
 * limit after which the JVM and anything it started are killed. An endless loop, a crash, a
 * {@code System.exit} or a huge allocation in the student's code costs that exercise only.
 */
final class IsolatedRunner {
    /** Output of the checking JVM kept for the report; the rest is read and thrown away. */
    private static final int OUTPUT_LIMIT = 16 * 1024;

    private final Duration timeLimit;
    private final String maxHeap;

    /**
     * @param timeLimit how long one exercise's checks may take
     * @param maxHeap   the checking JVM's heap, e.g. {@code 256m}
     */
    IsolatedRunner(Duration timeLimit, String maxHeap) {
        this.timeLimit = timeLimit;
        this.maxHeap = maxHeap;
    }

    /** Checks {@code exercise} against the classes in {@code classes}, working (and writing) only in {@code work}. */
    ExerciseResult run(Exercise exercise, Path classes, Path work) {
        try {
            Files.createDirectories(work);
            Path result = work.resolve(exercise.id() + ".result.json").toAbsolutePath();
            Files.deleteIfExists(result);
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            List<String> command = List.of(java, "-Xmx" + maxHeap, "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                    "--add-modules=jdk.incubator.vector", "-Djava.awt.headless=true", "-Dknobs.threads=1",
                    "-cp", classes.toAbsolutePath() + File.pathSeparator + GraderClasspath.forChecks(),
                    CheckMain.class.getName(), exercise.id(), result.toString());
            Process process = new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true).start();
            process.getOutputStream().close();
            ByteArrayOutputStream output = new ByteArrayOutputStream();
            Thread reader = new Thread(() -> drain(process.getInputStream(), output), "grader-output-" + exercise.id());
            reader.setDaemon(true);
            reader.start();
            boolean finished = process.waitFor(timeLimit.toMillis(), TimeUnit.MILLISECONDS);
            if (!finished) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
                return ExerciseResult.failed(exercise, "timed out", "the checks did not finish within "
                        + timeLimit.toSeconds() + " s and were stopped: look for an endless loop" + tail(output));
            }
            reader.join(2000);
            if (Files.exists(result)) {
                CheckMain.Outcome outcome = Json.read(result, CheckMain.Outcome.class);
                return ExerciseResult.graded(exercise, outcome.checks());
            }
            String text = text(output);
            String why = text.contains("OutOfMemoryError") ? "ran out of memory (the checks get " + maxHeap + " of heap)"
                    : "the checking JVM stopped with exit code " + process.exitValue() + " before writing its result "
                    + "(System.exit or a crash in your code?)";
            return ExerciseResult.failed(exercise, "crashed", why + tail(output));
        } catch (IOException e) {
            throw new UncheckedIOException("could not run the checks of " + exercise.id() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ExerciseResult.failed(exercise, "crashed", "grading was interrupted");
        }
    }

    private static void drain(InputStream in, ByteArrayOutputStream kept) {
        byte[] buffer = new byte[8192];
        try (in) {
            for (int n; (n = in.read(buffer)) >= 0; ) {
                synchronized (kept) {
                    int room = OUTPUT_LIMIT - kept.size();
                    if (room > 0) {
                        kept.write(buffer, 0, Math.min(room, n));
                    }
                }
            }
        } catch (IOException ignored) {
            // the process was killed: what was read so far is kept
        }
    }

    private static String text(ByteArrayOutputStream output) {
        synchronized (output) {
            return output.toString(StandardCharsets.UTF_8);
        }
    }

    /** The last lines the checking JVM printed, for the note. */
    private static String tail(ByteArrayOutputStream output) {
        String text = text(output).strip();
        if (text.isEmpty()) {
            return "";
        }
        String[] lines = text.split("\n");
        int from = Math.max(0, lines.length - 5);
        return "; its last output: " + String.join(" | ", java.util.Arrays.copyOfRange(lines, from, lines.length));
    }
}
