package dev.knobs.lessons.common;

import dev.knobs.data.Mnist;
import dev.knobs.data.ProjectPaths;
import dev.knobs.nn.layer.Sequential;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Refuses to run old code. {@code mvn -pl lessons/07-dropout exec:java} does not compile: it runs
 * the lesson's classes from its {@code target/classes} and the library's from the local Maven
 * repository, as they were last built. After a student edits a lesson or nn-core, that would
 * silently run the code from before the edit. So before a lesson starts, its sources and those of
 * the modules it uses are compared with the classes about to run; if any source is newer, the
 * lesson stops with one line saying which module changed and the command that rebuilds it.
 *
 * <p>Why not compile in the running JVM instead: the lesson's classes and nn-core's are already
 * loaded by the time {@code main} runs, and a student's edit can be to any module; rebuilding with
 * Maven is the one way that is always right, and it takes seconds.
 */
final class StaleClasses {
    /** Files whose times differ by less than this are the same build (file systems round times). */
    private static final long SLACK_MILLIS = 2_000;

    private StaleClasses() {}

    /**
     * The modules whose sources are newer than the classes about to run, as one readable line, or
     * empty when everything is up to date (or when not run from the project's sources at all).
     *
     * @param lessonId   e.g. {@code 07-dropout}
     * @param lessonCode a class of the lesson, to find where its compiled code comes from
     */
    static Optional<String> check(String lessonId, Class<?> lessonCode) {
        Optional<Path> root = ProjectPaths.root();
        if (root.isEmpty()) {
            return Optional.empty();
        }
        Map<String, Optional<Path>> built = new LinkedHashMap<>();
        built.put("lessons/" + lessonId, location(lessonCode));
        built.put("lessons/common", location(Lesson.class));
        built.put("nn-core", location(Sequential.class));
        built.put("data", location(Mnist.class));
        return check(root.get(), lessonId, built);
    }

    /** {@link #check(String, Class)} for given modules (folders under {@code root}) and where their classes are. */
    static Optional<String> check(Path root, String lessonId, Map<String, Optional<Path>> built) {
        List<String> stale = new ArrayList<>();
        for (Map.Entry<String, Optional<Path>> m : built.entrySet()) {
            Path sources = root.resolve(m.getKey()).resolve("src").resolve("main");
            if (!Files.isDirectory(sources) || m.getValue().isEmpty()) {
                continue;
            }
            if (newest(sources) > newest(m.getValue().get()) + SLACK_MILLIS) {
                stale.add(m.getKey());
            }
        }
        if (stale.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of("the sources of " + String.join(", ", stale) + " changed after the code about to run was "
                + "built, so this run would use the old code. Rebuild, then run again: mvn -q install -DskipTests -pl "
                + "lessons/" + lessonId + " -am");
    }

    /** The folder or jar a class was loaded from. */
    private static Optional<Path> location(Class<?> type) {
        try {
            var source = type.getProtectionDomain().getCodeSource();
            return source == null ? Optional.empty() : Optional.of(Path.of(source.getLocation().toURI()));
        } catch (URISyntaxException | SecurityException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The newest modification time of a file, or of any file in a folder, in milliseconds. */
    static long newest(Path path) {
        if (!Files.isDirectory(path)) {
            return time(path);
        }
        try (Stream<Path> files = Files.walk(path)) {
            return files.filter(Files::isRegularFile).mapToLong(StaleClasses::time).max().orElse(0);
        } catch (IOException e) {
            return Long.MAX_VALUE;
        }
    }

    private static long time(Path file) {
        try {
            FileTime t = Files.getLastModifiedTime(file);
            return t.toMillis();
        } catch (IOException e) {
            return 0;
        }
    }
}
