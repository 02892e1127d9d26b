package dev.knobs.site.inputs;

import dev.knobs.lessons.common.LessonResult;
import dev.knobs.lessons.common.RunFolders;
import java.nio.file.Path;
import java.util.Locale;

/**
 * One kept run of a lesson, as the runs and comparison pages show it.
 *
 * @param lesson    the lesson's folder name, e.g. {@code 07-dropout}
 * @param name      the run folder's name, e.g. {@code reference} or {@code 20261206-101500-hidden-dropout-0.5}
 * @param folder    where it is
 * @param result    its {@code result.json}, with absent lists made empty
 * @param shown     true for the run the lesson page shows (its reference run)
 * @param knobFile  its {@code knobs.properties}, which runs it again with {@code --config}, or null if it has none
 */
public record KeptRun(String lesson, String name, Path folder, LessonResult result, boolean shown, Path knobFile) {

    /** True for a reference run: the lesson's defaults in some mode. */
    public boolean reference() {
        return name.equals("reference") || name.startsWith("reference-");
    }

    /** The run's mode (smoke, standard, full). */
    public String mode() {
        return result.mode().toLowerCase(Locale.ROOT);
    }

    /** The run as {@link dev.knobs.lessons.common.RunComparison} takes it. */
    public RunFolders.Run asRun() {
        return new RunFolders.Run(lesson, name, folder, result, 0);
    }

    /** True when the run recorded a chosen configuration with at least one epoch, so it has curves to overlay. */
    public boolean hasCurves() {
        return result.chosen() != null && result.chosen().epochs() != null && !result.chosen().epochs().isEmpty();
    }
}
