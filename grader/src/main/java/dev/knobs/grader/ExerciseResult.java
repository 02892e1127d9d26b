package dev.knobs.grader;

import dev.knobs.grader.checks.CheckResult;
import java.util.List;

/**
 * How one exercise of one submission did.
 *
 * @param id     the exercise, e.g. {@code 07.1}
 * @param title  e.g. {@code inverted dropout forward and backward}
 * @param status {@code graded}, {@code missing}, {@code not compiled}, {@code timed out} or {@code crashed}
 * @param passed checks passed
 * @param total  checks run (at least 1 for an exercise that was not graded)
 * @param points {@value #MAX_POINTS} times the share of checks passed, one decimal
 * @param checks every check's outcome
 * @param note   what went wrong outside the checks (compiler errors, the time limit, a crash), or empty
 */
public record ExerciseResult(String id, String title, String status, int passed, int total, double points,
                             List<CheckResult> checks, String note) {

    /** Points for an exercise whose checks all pass. */
    public static final int MAX_POINTS = 10;

    /** The result of checks that ran. */
    public static ExerciseResult graded(Exercise e, List<CheckResult> checks) {
        int passed = (int) checks.stream().filter(CheckResult::passed).count();
        int total = Math.max(1, checks.size());
        return new ExerciseResult(e.id(), e.title(), "graded", passed, total,
                Math.round(10.0 * MAX_POINTS * passed / total) / 10.0, checks, "");
    }

    /** An exercise that earned nothing before its checks could run, and why. */
    public static ExerciseResult failed(Exercise e, String status, String note) {
        return new ExerciseResult(e.id(), e.title(), status, 0, 1, 0, List.of(), note);
    }
}
