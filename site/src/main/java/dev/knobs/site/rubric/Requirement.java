package dev.knobs.site.rubric;

import java.util.List;

/**
 * One row of the rubric, evaluated.
 *
 * @param id          the assignment's id: {@code a} to {@code i}, {@code init}, {@code extra}, {@code part2}
 * @param requirement what was asked, in a sentence
 * @param lookFor     what a grader looks for
 * @param lessons     ids of the lessons (or {@code tribuo-port}) that demonstrate it
 * @param status      the computed status
 * @param detail      why: for "not met" the measured value, for "not run yet" what is missing
 * @param smoke       true when some of the evidence comes from smoke runs (numbers not the real ones)
 * @param evidence    the measured facts, one short line each
 * @param thumbnail   a plot that shows it, or null
 */
public record Requirement(String id, String requirement, String lookFor, List<String> lessons, Status status,
                          String detail, boolean smoke, List<String> evidence, Thumbnail thumbnail) {

    /** A figure of a lesson's run, shown small in the rubric. */
    public record Thumbnail(String lessonId, String file, String title, String alt) {}
}
