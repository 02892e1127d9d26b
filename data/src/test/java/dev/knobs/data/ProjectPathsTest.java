package dev.knobs.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProjectPathsTest {

    @TempDir
    Path dir;

    @Test
    void theRootIsThePomWithTheParentArtifactIdNotAModuleNamingItAsParent() throws IOException {
        Files.writeString(dir.resolve("pom.xml"), """
                <project>
                  <!-- <artifactId>not-this</artifactId> -->
                  <groupId>dev.knobs</groupId>
                  <artifactId>knobs-parent</artifactId>
                </project>
                """);
        Path module = Files.createDirectories(dir.resolve("lessons/01-first"));
        Files.writeString(module.resolve("pom.xml"), """
                <project>
                  <parent>
                    <groupId>dev.knobs</groupId>
                    <artifactId>knobs-parent</artifactId>
                  </parent>
                  <artifactId>lesson-01</artifactId>
                  <dependencies><dependency><artifactId>knobs-parent</artifactId></dependency></dependencies>
                </project>
                """);
        Path deeper = Files.createDirectories(module.resolve("src/main/java"));

        assertEquals(Optional.of(dir.toAbsolutePath().normalize()), ProjectPaths.findRoot(deeper));
        assertEquals(Optional.of(dir.toAbsolutePath().normalize()), ProjectPaths.findRoot(dir));
    }

    @Test
    void aForeignPomIsNotARoot() throws IOException {
        Path other = Files.createDirectories(dir.resolve("other"));
        Files.writeString(other.resolve("pom.xml"),
                "<project><groupId>x</groupId><artifactId>something-else</artifactId></project>");
        Optional<Path> root = ProjectPaths.findRoot(other);
        assertTrue(root.isEmpty() || !root.get().startsWith(other), root::toString);
    }

    @Test
    void theModuleUnderTestLiesInsideTheProject() {
        Path root = ProjectPaths.root().orElseThrow();
        assertTrue(Files.isRegularFile(root.resolve("data/pom.xml")), root::toString);
        assertEquals(root.resolve("data"), ProjectPaths.dataDir());
    }
}
