package dev.knobs.grader;

import dev.knobs.grader.checks.CheckResult;
import dev.knobs.grader.checks.Checker;
import dev.knobs.nn.io.Json;
import java.nio.file.Path;
import java.util.List;

/**
 * The entry point of the JVM that checks one exercise, started by {@link IsolatedRunner} with the
 * student's compiled classes on its class path: {@code CheckMain EXERCISE_ID RESULT_FILE}. It
 * writes the checks' outcomes to the result file and exits; whatever the student's code does to
 * this JVM (loops, crashes, fills the heap) costs this exercise only.
 */
public final class CheckMain {
    private CheckMain() {}

    /** The outcomes as the result file holds them. */
    record Outcome(List<CheckResult> checks) {}

    /** Runs the checks of exercise {@code args[0]} and writes them to {@code args[1]}. */
    public static void main(String[] args) {
        Exercise exercise = Exercises.byId(args[0]);
        Checker checker;
        try {
            Class<?> type = Class.forName(exercise.className());
            checker = exercise.checks().grade(type);
        } catch (ClassNotFoundException | LinkageError e) {
            checker = new Checker();
            checker.fail("the class loads", "could not load " + exercise.className() + ": " + e);
        }
        Json.write(Path.of(args[1]), new Outcome(checker.results()));
        System.exit(0);          // even if the student's code left threads running
    }
}
