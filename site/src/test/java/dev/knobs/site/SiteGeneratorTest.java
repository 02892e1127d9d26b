package dev.knobs.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.knobs.lessons.common.LessonResult;
import dev.knobs.lessons.common.Provenance;
import dev.knobs.nn.io.Json;
import dev.knobs.site.inputs.Course;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The generator on a made-up project: one lesson run, one broken, the rest missing; no model. */
class SiteGeneratorTest {
    @TempDir
    Path project;

    private Path lesson(String id, String readme) throws Exception {
        Path dir = Files.createDirectories(project.resolve("lessons").resolve(id));
        Files.writeString(dir.resolve("README.md"), readme);
        Files.writeString(dir.resolve("pom.xml"), "<project><properties><lesson.mainClass>dev.knobs.X</lesson.mainClass></properties></project>");
        return dir;
    }

    private void writeRun(Path output, String id) throws Exception {
        Files.createDirectories(output);
        ImageIO.write(new BufferedImage(120, 80, BufferedImage.TYPE_INT_RGB), "png", output.resolve("loss.png").toFile());
        Files.writeString(output.resolve("history.json"), "{\"epochs\": [1, 2]}");
        Provenance p = new Provenance(42, "smoke", 2, "vector", "17", "Linux", 2, "abc123", "mnist-train 2000/1000",
                List.of("--mode", "smoke"), "2026-01-01T10:00:00Z", 3.5, null);
        LessonResult r = new LessonResult(id, "A first network", "smoke", 0.742, 3.5, "It learns.", Map.of("epochs", 1.0),
                List.of(new LessonResult.Figure("loss.png", null, "Loss per epoch", "Falls.", "Line chart of the loss falling")),
                List.of(new LessonResult.Table("Per epoch", List.of("epoch", "accuracy"), List.of(List.of("1", "74.20%")))), p, "reference-smoke",
                Map.of("epochs", "1"), List.of(), null, null);
        Json.write(output.resolve("result.json"), r);
    }

    @Test
    void missingAndBrokenOutputsGetExplainingPagesAndTheBuildSucceeds() throws Exception {
        Files.writeString(project.resolve("pom.xml"), "<project><artifactId>knobs-parent</artifactId></project>");
        lesson("01-first-network", "# Lesson 01: a first network\n\n$$x_1$$\n\n![loss](runs/reference/loss.png)\n\n![acc](runs/reference/accuracy.png)\n\nNext: [lesson 02](../02-normalization/README.md).\n");
        writeRun(project.resolve("runs/01"), "01-first-network");
        lesson("02-normalization", "# Lesson 02: normalisation\n\nText.\n");
        Path broken = Files.createDirectories(project.resolve("lessons/02-normalization/runs/reference"));
        Files.writeString(broken.resolve("result.json"), "{ not json");

        SiteConfig config = SiteConfig.defaults(project).withLessonOutput("01-first-network", project.resolve("runs/01"))
                .withMnistDir(project.resolve("no-mnist"));
        SiteGenerator.Summary s = new SiteGenerator(config).generate();

        Path site = project.resolve("site/target/site");
        assertEquals(site.resolve("index.html"), s.index());
        assertEquals(1, s.lessonsRun());
        assertEquals(Course.LESSONS.size(), s.lessons());
        assertFalse(s.digitModel());
        for (Course.Entry e : Course.LESSONS) {
            assertTrue(Files.isRegularFile(site.resolve("lessons/" + e.id() + ".html")), e.id());
        }
        String l01 = Files.readString(site.resolve("lessons/01-first-network.html"));
        assertTrue(l01.contains("src=\"../runs/01-first-network/loss.png\""), "figure not placed");
        assertTrue(l01.contains("alt=\"Line chart of the loss falling\""), "alt text not from result.json");
        assertTrue(l01.contains("Figure not produced yet: acc"), "missing figure not explained");
        assertTrue(l01.contains("href=\"02-normalization.html\""), "README link not rewritten");
        assertTrue(l01.contains("Smoke run.") && l01.contains("2,000 training and 1,000 test"), "smoke notice missing");
        assertTrue(l01.contains("abc123") && l01.contains("2026-01-01 10:00 UTC"), "provenance missing");
        assertTrue(Files.isRegularFile(site.resolve("runs/01-first-network/history.json")), "data file not copied");

        String l02 = Files.readString(site.resolve("lessons/02-normalization.html"));
        assertTrue(l02.contains("could not be read"), "broken output not explained");
        String l05 = Files.readString(site.resolve("lessons/05-activations.html"));
        assertTrue(l05.contains("has not been run yet") && l05.contains("mvn -pl lessons/05-activations exec:java"), l05);

        String rubric = Files.readString(site.resolve("rubric.html"));
        assertTrue(rubric.contains("id=\"req-extra\"") && rubric.contains("not run yet"));
        String digit = Files.readString(site.resolve("digit.html"));
        assertTrue(digit.contains("No trained model yet") && digit.contains("mvn -pl lessons/12-towards-99 exec:java"));
        assertTrue(Files.isRegularFile(site.resolve("assets/katex/katex.min.js")));
        assertFalse(Files.exists(project.resolve("site/target/site.partial")), "staging folder left behind");
    }

    @Test
    void tribuoExperimentsGetPagesAndAreComparedWithTheirLesson() throws Exception {
        Files.writeString(project.resolve("pom.xml"), "<project><artifactId>knobs-parent</artifactId></project>");
        lesson("07-dropout", "# Lesson 07: dropout\n\nText.\n");
        writeRun(project.resolve("lessons/07-dropout/runs/reference"), "07-dropout");
        writeRun(project.resolve("tribuo-port/output/mlp-dropout"), "mlp-dropout");
        Files.createDirectories(project.resolve("tribuo-port"));
        Files.writeString(project.resolve("tribuo-port/README.md"), "# The course with Tribuo\n\nSee [lesson 07](../lessons/07-dropout/README.md).\n");
        SiteGenerator.Summary s = new SiteGenerator(SiteConfig.defaults(project).withMnistDir(project.resolve("none"))).generate();
        assertEquals(1, s.experiments());
        Path site = project.resolve("site/target/site");
        String index = Files.readString(site.resolve("tribuo/index.html"));
        assertTrue(index.contains("side by side") && index.contains("href=\"mlp-dropout.html\"")
                && index.contains("href=\"../lessons/07-dropout.html\""), index);
        assertTrue(index.contains("+0.00 points"), "no accuracy difference shown");
        assertTrue(Files.readString(site.resolve("tribuo/mlp-dropout.html")).contains("Mirrors the from-scratch"));
        assertTrue(Files.isRegularFile(site.resolve("runs/tribuo/mlp-dropout/loss.png")));
    }

    @Test
    void flagsAreParsedAndBadOnesExplained() {
        SiteConfig c = SiteGenerator.parse(new String[] {"--root", project.toString(), "--output", "07-dropout=/x/y", "--model", "m.knobs"});
        assertEquals(Path.of("/x/y"), c.lessonOutput("07-dropout"));
        assertEquals(Path.of("m.knobs"), c.model());
        assertEquals(Path.of("/x/runs"), SiteGenerator.parse(new String[] {"--root", project.toString(), "--runs", "07-dropout=/x/runs"})
                .runsDir("07-dropout"));
        assertEquals(project.resolve("lessons/02-normalization/runs"), c.runsDir("02-normalization"));
        assertTrue(org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> SiteGenerator.parse(new String[] {"--output", "nonsense"})).getMessage().contains("LESSON=DIR"));
        assertTrue(org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> SiteGenerator.parse(new String[] {"--colour", "red"})).getMessage().contains("unknown flag"));
    }
}
