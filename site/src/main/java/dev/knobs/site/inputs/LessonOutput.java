package dev.knobs.site.inputs;

import dev.knobs.lessons.common.LessonResult;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Everything the site knows about one lesson (or one Tribuo experiment): its README, its output
 * folder and the result read from it.
 *
 * @param id          folder name, e.g. {@code 07-dropout}
 * @param title       the result's title, else the README's, else the course's default
 * @param readme      the README file, or null when the lesson has none yet
 * @param outputDir   where its output was looked for
 * @param result      the parsed {@code result.json}, or null when absent or unreadable
 * @param problem     why {@code result} is null when the folder exists but cannot be used, else null
 * @param mainClass   the class that runs it ({@code lesson.mainClass} in its pom), or null if unknown
 * @param sources     its main Java sources, relative to the project root
 * @param dataFiles   the JSON data files in its output folder (not {@code result.json})
 */
public record LessonOutput(String id, String title, Path readme, Path outputDir, LessonResult result, String problem,
                           String mainClass, List<Path> sources, List<Path> dataFiles) {

    public LessonOutput {
        sources = List.copyOf(sources);
        dataFiles = List.copyOf(dataFiles);
    }

    /** The two-digit number for lessons ({@code 07}), or the id itself for experiments. */
    public String number() {
        return Course.looksLikeLesson(id) ? id.substring(0, 2) : id;
    }

    /** True when a usable result exists. */
    public boolean ran() {
        return result != null;
    }

    /** True when the result comes from a smoke run, whose numbers are not the real ones. */
    public boolean smoke() {
        return ran() && "smoke".equals(result.mode().toLowerCase(Locale.ROOT));
    }

    /** The run's mode (smoke, standard, full), or null when it did not run. */
    public String mode() {
        return ran() ? result.mode().toLowerCase(Locale.ROOT) : null;
    }

    /** The figure listed in the result with this PNG file name, or null. */
    public LessonResult.Figure figure(String file) {
        if (!ran()) {
            return null;
        }
        return result.figures().stream().filter(f -> f.file().equals(file) || file.equals(f.svg()))
                .findFirst().orElse(null);
    }
}
