package dev.knobs.lessons.common;

import dev.knobs.nn.io.Json;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/**
 * Checks that a lesson's output folder is complete and well-formed: {@code result.json} parses,
 * every listed figure exists and decodes, numbers are in range. Lesson tests call it after a smoke
 * run; it throws {@link AssertionError} naming the first problem.
 */
public final class OutputCheck {
    private OutputCheck() {}

    /** Verifies {@code dir} and returns its parsed {@code result.json}. */
    public static LessonResult verify(Path dir, String lesson) {
        Path resultFile = dir.resolve("result.json");
        require(Files.isRegularFile(resultFile), "no result.json in " + dir);
        LessonResult r = Json.read(resultFile, LessonResult.class);
        require(lesson.equals(r.lesson()), "result.json names lesson " + r.lesson() + ", expected " + lesson);
        require(Double.isNaN(r.testAccuracy()) || (r.testAccuracy() >= 0 && r.testAccuracy() <= 1),
                "test accuracy " + r.testAccuracy() + " is outside [0, 1]");
        require(r.seconds() > 0, "run time " + r.seconds() + " s is not positive");
        require(r.headline() != null && !r.headline().isBlank(), "the run has no headline");
        require(!r.figures().isEmpty(), "the run wrote no figures");
        require(r.provenance() != null && r.provenance().java() != null, "the run has no provenance");
        for (LessonResult.Figure f : r.figures()) {
            require(f.alt() != null && f.alt().length() >= 10, "figure " + f.file() + " has no real alt text");
            require(f.caption() != null && !f.caption().isBlank(), "figure " + f.file() + " has no caption");
            try {
                BufferedImage img = ImageIO.read(dir.resolve(f.file()).toFile());
                require(img != null && img.getWidth() > 50 && img.getHeight() > 50, "figure " + f.file() + " does not decode as an image");
                if (f.svg() != null) {
                    require(Files.readString(dir.resolve(f.svg())).contains("<svg"), "figure " + f.svg() + " is not SVG");
                }
            } catch (IOException e) {
                throw new AssertionError("figure " + f.file() + " cannot be read: " + e.getMessage(), e);
            }
        }
        for (LessonResult.Table t : r.tables()) {
            for (var row : t.rows()) {
                require(row.size() == t.columns().size(), "table '" + t.title() + "' has a ragged row " + row);
            }
        }
        return r;
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new AssertionError(message);
        }
    }
}
