package dev.knobs.grader.checks;

/**
 * The outcome of one check of an exercise.
 *
 * @param name    what was checked, e.g. {@code "kept units are scaled by 1/(1-p)"}
 * @param passed  whether the student's code passed it
 * @param message for a failure: which input, what was expected, what came out; empty on success
 */
public record CheckResult(String name, boolean passed, String message) {}
