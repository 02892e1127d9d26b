package dev.knobs.grader;

import java.util.List;

/**
 * The grades of one submission, as {@code report.json} holds them.
 *
 * @param student    the student's name (the submission folder's, unless given)
 * @param submission the folder that was graded
 * @param gradedAt   when, as an ISO-8601 instant
 * @param points     points earned over all exercises
 * @param maxPoints  points available
 * @param exercises  each exercise's result, in course order
 */
public record SubmissionReport(String student, String submission, String gradedAt, double points, int maxPoints,
                               List<ExerciseResult> exercises) {

    /** A report totalling {@code exercises}. */
    public static SubmissionReport of(String student, String submission, String gradedAt, List<ExerciseResult> exercises) {
        double points = Math.round(10 * exercises.stream().mapToDouble(ExerciseResult::points).sum()) / 10.0;
        return new SubmissionReport(student, submission, gradedAt, points, ExerciseResult.MAX_POINTS * exercises.size(),
                exercises);
    }
}
