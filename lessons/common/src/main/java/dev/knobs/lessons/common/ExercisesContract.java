package dev.knobs.lessons.common;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * What every lesson that takes {@code --use-exercises} must do, for its test to check in smoke
 * mode:
 *
 * <ul>
 *   <li>with nn-core's own classes plugged in where the student's go, the run gives the same
 *       numbers as without the flag (so the lesson asks {@link Parts} for every part the same way
 *       and in the same order, and the exercises change nothing but the exercises), and says which
 *       parts came from the exercises;</li>
 *   <li>with the skeletons as they come, the run stops with the one-line message naming the
 *       exercise to finish, and no stack trace.</li>
 * </ul>
 *
 * <pre>
 *   ExercisesContract.sameNumbers(DropoutRates.LESSON, () -&gt; Parts.library().withDropout("07.1", Dropout::new));
 *   ExercisesContract.skeletonStops(DropoutRates.LESSON, "07.1");
 * </pre>
 */
public final class ExercisesContract {
    private ExercisesContract() {}

    /** Every metric but those that time the machine (seconds, throughput), which no two runs share. */
    public static final Predicate<String> NOT_TIMINGS = key -> !key.contains("second") && !key.contains("throughput");

    /** {@link #sameNumbers(LessonDefinition, Supplier, Predicate, String...)} comparing every metric but the timings. */
    public static void sameNumbers(LessonDefinition<?, ?> lesson, Supplier<Parts> reference, String... args) {
        sameNumbers(lesson, reference, NOT_TIMINGS, args);
    }

    /**
     * Runs {@code lesson} in smoke mode with {@code args}, once as it is and once with
     * {@code --use-exercises} and {@code reference} as the exercises, and requires the metrics
     * {@code compared} selects to be equal, bit for bit.
     */
    public static void sameNumbers(LessonDefinition<?, ?> lesson, Supplier<Parts> reference, Predicate<String> compared,
                                   String... args) {
        Map<String, Double> library = metrics(run(lesson, "library", args, false).result(), compared);
        Run exercises = run(lesson.withExercises(reference), "reference", args, true);
        Map<String, Double> swapped = metrics(exercises.result(), compared);
        String said = "parts from your exercises (--use-exercises): " + String.join(", ", reference.get().fromExercises());
        if (!exercises.out().contains(said)) {
            throw new AssertionError("lesson " + lesson.id() + " with --use-exercises does not say '" + said + "'");
        }
        if (library.isEmpty() || !library.equals(swapped)) {
            throw new AssertionError("lesson " + lesson.id() + " with nn-core's classes plugged in as the exercises should "
                    + "give the numbers of the lesson without --use-exercises:\n  without: " + library + "\n  with:    "
                    + swapped);
        }
    }

    /**
     * Runs {@code lesson} in smoke mode with {@code args} and {@code --use-exercises}, its skeletons
     * unfinished, and requires exit code 1 with the message of exercise {@code exerciseId} (e.g.
     * {@code 07.1}) and no stack trace.
     */
    public static void skeletonStops(LessonDefinition<?, ?> lesson, String exerciseId, String... args) {
        Run run = run(lesson, "skeleton", args, true);
        String expected = "error: an exercise is not done yet: exercise " + exerciseId + ":";
        if (run.code() != 1 || !run.err().startsWith(expected) || run.err().contains("\tat ")) {
            throw new AssertionError("lesson " + lesson.id() + " with --use-exercises and the skeletons should stop with "
                    + "exit code 1 and '" + expected + " ...', got exit code " + run.code() + " and: " + run.err().strip());
        }
    }

    /** One run: its exit code, what it printed, and its result when it finished. */
    private record Run(String lesson, int code, String out, String err, Path dir) {
        LessonResult result() {
            if (code != 0) {
                throw new AssertionError("lesson " + lesson + " exited with " + code + ": " + err.strip());
            }
            return OutputCheck.verify(dir, lesson);
        }
    }

    private static Run run(LessonDefinition<?, ?> lesson, String name, String[] args, boolean useExercises) {
        Path dir = Path.of("target", "use-exercises", name + "-" + Integer.toHexString(List.of(args).hashCode()));
        List<String> all = new ArrayList<>(List.of("--mode", "smoke", "--out", dir.toString()));
        all.addAll(List.of(args));
        if (useExercises) {
            all.add("--use-exercises");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Lesson.execute(all.toArray(String[]::new), lesson, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(lesson.id(), code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8), dir);
    }

    private static Map<String, Double> metrics(LessonResult result, Predicate<String> compared) {
        Map<String, Double> m = new TreeMap<>();
        result.metrics().forEach((k, v) -> {
            if (compared.test(k)) {
                m.put(k, v);
            }
        });
        return m;
    }
}
