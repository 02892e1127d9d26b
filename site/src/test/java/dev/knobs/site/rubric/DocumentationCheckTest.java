package dev.knobs.site.rubric;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.knobs.data.ProjectPaths;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The documentation row of the rubric counts what it says it counts. */
class DocumentationCheckTest {
    @TempDir
    Path root;

    @Test
    void countsPublicDeclarationsWithAndWithoutJavadoc() throws IOException {
        Path src = Files.createDirectories(root.resolve("nn-core/src/main/java/x"));
        Files.writeString(src.resolve("A.java"), """
                package x;

                /** A documented class. */
                public final class A {
                    /** Documented. */
                    public static int documented(int x) {
                        return x;
                    }

                    public int undocumented() {
                        return 1;
                    }

                    @Override
                    public String toString() {
                        return "A";
                    }

                    public static final int CONSTANT = 3;

                    /**
                     * Documented over two lines, with an annotation between.
                     */
                    @Deprecated
                    public A() {}
                }
                """);
        Files.writeString(src.resolve("B.java"), "package x;\n\npublic record B(int a) {}\n");
        Path lesson = Files.createDirectories(root.resolve("lessons/07-dropout/src/main/java"));
        Files.writeString(root.resolve("lessons/07-dropout/README.md"), "# Lesson 07\n\n## Your knobs\n\n## Things to try\n");
        Files.createDirectories(root.resolve("lessons/08-augmentation"));
        Files.writeString(root.resolve("lessons/08-augmentation/README.md"), "# Lesson 08\n\n## Things to try\n");
        DocumentationCheck d = DocumentationCheck.of(root);
        assertEquals(5, d.total(), d.missing().toString());
        assertEquals(3, d.documented());
        assertEquals(List.of("nn-core/src/main/java/x/A.java:10 undocumented", "nn-core/src/main/java/x/B.java:3 B"),
                d.missing());
        assertEquals(1, d.readmes());
        assertEquals(2, d.lessons());
        assertEquals(List.of("08-augmentation: no \"Your knobs\" section"), d.readmeGaps());
        assertFalse(d.complete());
        assertTrue(Files.isDirectory(lesson));
    }

    @Test
    void measuresTheProjectItself() {
        Path project = ProjectPaths.root().orElseThrow();
        DocumentationCheck d = DocumentationCheck.of(project);
        System.out.println("documentation: " + d.documented() + " of " + d.total() + " public declarations documented; "
                + d.readmes() + " of " + d.lessons() + " lesson READMEs complete; missing " + d.missing().size()
                + (d.missing().isEmpty() ? "" : ", e.g. " + d.missing().subList(0, Math.min(10, d.missing().size()))));
        assertTrue(d.total() > 300, "the count found only " + d.total() + " public declarations");
    }
}
