package dev.knobs.site.inputs;

import dev.knobs.lessons.common.RunFolders;
import dev.knobs.site.SiteConfig;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Reads a lesson's kept runs ({@link SiteConfig#runsDir}) with {@link RunFolders}. A run still
 * being written ({@code .partial}), an unreadable one, or one whose {@code result.json} belongs to
 * another lesson is left out; a folder that cannot be listed gives no runs. The run the lesson
 * page shows ({@link SiteConfig#lessonOutput}) is marked, and added when it lives elsewhere.
 */
public final class RunsReader {
    private RunsReader() {}

    /** The kept runs of {@code lessonId}. */
    public static LessonRuns read(SiteConfig config, String lessonId) {
        Path dir = config.runsDir(lessonId);
        Path shown = config.lessonOutput(lessonId).toAbsolutePath().normalize();
        List<RunFolders.Run> found;
        try {
            found = RunFolders.in(dir);
        } catch (UncheckedIOException e) {
            found = List.of();
        }
        List<KeptRun> runs = new ArrayList<>();
        for (RunFolders.Run r : found) {
            if (r.name().endsWith(".partial") || r.name().endsWith(".old") || !lessonId.equals(r.result().lesson())) {
                continue;
            }
            runs.add(kept(lessonId, r, r.folder().toAbsolutePath().normalize().equals(shown)));
        }
        if (runs.stream().noneMatch(KeptRun::shown)) {
            RunFolders.Run r = RunFolders.read(shown);
            if (r != null && lessonId.equals(r.result().lesson())) {
                runs.add(kept(lessonId, r, true));
            }
        }
        runs.sort(Comparator.comparing((KeptRun k) -> !k.shown()).thenComparing(k -> !k.reference()));
        return new LessonRuns(lessonId, dir, runs);
    }

    private static KeptRun kept(String lessonId, RunFolders.Run r, boolean shown) {
        Path knobs = r.folder().resolve("knobs.properties");
        return new KeptRun(lessonId, r.name(), r.folder(), OutputReader.normalise(r.result(), r.folder()), shown,
                Files.isRegularFile(knobs) ? knobs : null);
    }
}
