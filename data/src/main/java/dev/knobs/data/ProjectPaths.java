package dev.knobs.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the project's root directory, so that every module shares one {@code data/} folder.
 *
 * <p>Maven runs each module's tests and programs with the module's own directory as working
 * directory ({@code nn-core/}, {@code lessons/03-...}), so a relative path like {@code data/mnist}
 * would point somewhere different each time. Instead we walk up from the working directory to the
 * first directory whose {@code pom.xml} declares artifactId {@value #ROOT_ARTIFACT_ID}. Outside
 * the project (a copied jar, say) there is no such directory, and the data goes to
 * {@code ~/.knobs/data} instead.
 */
public final class ProjectPaths {

    /** The artifactId of the parent pom that marks the project root. */
    public static final String ROOT_ARTIFACT_ID = "knobs-parent";

    private static final Pattern COMMENT = Pattern.compile("(?s)<!--.*?-->");
    private static final Pattern PARENT = Pattern.compile("(?s)<parent>.*?</parent>");
    private static final Pattern ARTIFACT_ID = Pattern.compile("<artifactId>\\s*([^<\\s]+)\\s*</artifactId>");

    private ProjectPaths() {
    }

    /** The project root above the working directory, if there is one. */
    public static Optional<Path> root() {
        return findRoot(Path.of(System.getProperty("user.dir")));
    }

    /**
     * The nearest directory at or above {@code start} whose {@code pom.xml} has artifactId
     * {@value #ROOT_ARTIFACT_ID}. A module's pom names the root in its {@code <parent>} block,
     * which is ignored: only the pom's own artifactId counts.
     */
    public static Optional<Path> findRoot(Path start) {
        for (Path dir = start.toAbsolutePath().normalize(); dir != null; dir = dir.getParent()) {
            if (isRoot(dir)) {
                return Optional.of(dir);
            }
        }
        return Optional.empty();
    }

    /** {@code <root>/data} inside the project, or {@code ~/.knobs/data} outside it. */
    public static Path dataDir() {
        return root().map(r -> r.resolve("data"))
                .orElseGet(() -> Path.of(System.getProperty("user.home"), ".knobs", "data"));
    }

    private static boolean isRoot(Path dir) {
        Path pom = dir.resolve("pom.xml");
        if (!Files.isRegularFile(pom)) {
            return false;
        }
        String xml;
        try {
            xml = Files.readString(pom);
        } catch (IOException | RuntimeException e) {
            return false;
        }
        // The pom's own artifactId is the first one left once comments and the <parent> block are gone;
        // dependencies and plugins come after it.
        String own = PARENT.matcher(COMMENT.matcher(xml).replaceAll("")).replaceFirst("");
        Matcher m = ARTIFACT_ID.matcher(own);
        return m.find() && m.group(1).equals(ROOT_ARTIFACT_ID);
    }
}
