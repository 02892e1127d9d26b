package dev.knobs.grader;

import dev.knobs.grader.checks.ExerciseChecks;

/**
 * One exercise: where the student writes it and how it is checked.
 *
 * @param id        e.g. {@code 07.1}
 * @param title     e.g. {@code inverted dropout}
 * @param lesson    the lesson folder, e.g. {@code 07-dropout}
 * @param className the skeleton's class, e.g. {@code dev.knobs.exercises.l07.InvertedDropout}
 * @param checks    the checks it must pass
 */
public record Exercise(String id, String title, String lesson, String className, ExerciseChecks<?> checks) {

    /** The folder of the lesson's exercise sources, relative to a clone of the course. */
    public String sourceRoot() {
        return "lessons/" + lesson + "/exercises/src/main/java";
    }

    /** The exercise's source file, relative to a clone of the course. */
    public String sourceFile() {
        return sourceRoot() + "/" + className.replace('.', '/') + ".java";
    }
}
