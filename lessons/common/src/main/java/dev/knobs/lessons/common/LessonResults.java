package dev.knobs.lessons.common;

/**
 * What a lesson found, as a typed record: the numbers its README quotes, the site shows and the
 * rubric checks, under names the compiler knows (no string keys to drift apart). Each lesson has
 * its own record; every one says the test accuracy of the configuration it chose.
 *
 * <p>The record is written into {@code result.json} under {@code "results"}, and read back into
 * the same class by whoever needs it ({@link RunFolders}, the site, the rubric).
 */
public interface LessonResults {
    /** Test accuracy of the configuration the lesson chose on validation data, in [0, 1]. */
    double testAccuracy();
}
