package dev.knobs.site.inputs;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The kept runs of one lesson: the run its page shows first, then the other reference runs, then
 * the rest oldest first.
 *
 * @param lesson  the lesson's folder name
 * @param runsDir the folder they were read from
 * @param runs    the runs
 */
public record LessonRuns(String lesson, Path runsDir, List<KeptRun> runs) {

    public LessonRuns {
        runs = List.copyOf(runs);
    }

    /** The run the lesson page shows, if it ran. */
    public Optional<KeptRun> shown() {
        return runs.stream().filter(KeptRun::shown).findFirst();
    }

    /** True when there are two runs or more: enough for a comparison page. */
    public boolean comparable() {
        return runs.size() >= 2;
    }
}
