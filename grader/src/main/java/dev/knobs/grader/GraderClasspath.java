package dev.knobs.grader;

import com.google.gson.Gson;
import dev.knobs.nn.layer.Layer;
import java.io.File;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Where the grader's own classes and nn-core are on this machine (a jar or a classes folder), for
 * compiling a submission against nn-core and for the class path of the checking JVMs. Found from
 * the classes themselves, so it works the same under {@code exec:java}, in tests and from a jar.
 */
final class GraderClasspath {
    private GraderClasspath() {}

    /** nn-core, what the exercises are compiled against. */
    static String forCompiling() {
        return locationOf(Layer.class).toString();
    }

    /** The grader, nn-core and Gson: what a checking JVM needs besides the student's classes. */
    static String forChecks() {
        return Stream.of(CheckMain.class, Layer.class, Gson.class).map(GraderClasspath::locationOf).distinct()
                .map(Path::toString).collect(Collectors.joining(File.pathSeparator));
    }

    private static Path locationOf(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("cannot tell where " + type.getName() + " was loaded from", e);
        }
    }
}
