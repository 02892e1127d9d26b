package dev.knobs.lessons.common;

import java.util.List;
import java.util.Map;

/**
 * What a lesson run leaves behind in {@code result.json}: the headline number, the evidence
 * (metrics, tables, figures) and the provenance. The site reads this file and never trains.
 *
 * @param lesson       folder name, e.g. {@code 07-dropout}
 * @param title        e.g. {@code Dropout}
 * @param mode         smoke, standard or full
 * @param testAccuracy test accuracy of the configuration the lesson chose, in [0, 1]
 * @param seconds      wall-clock seconds of the whole run
 * @param headline     one sentence: what the run showed
 * @param metrics      named numbers the rubric checks (see each lesson's README)
 * @param figures      the plots written, with captions and alt text
 * @param tables       result tables
 * @param provenance   how the run was made
 */
public record LessonResult(String lesson, String title, String mode, double testAccuracy, double seconds,
                           String headline, Map<String, Double> metrics, List<Figure> figures, List<Table> tables,
                           Provenance provenance) {

    /**
     * A plot: {@code file} is the PNG, {@code svg} the same plot as SVG (may be null for image grids).
     *
     * @param alt describes what the image shows, for screen readers and when it does not load
     */
    public record Figure(String file, String svg, String title, String caption, String alt) {}

    /** A result table: column names and rows of cells already formatted as text. */
    public record Table(String title, List<String> columns, List<List<String>> rows) {}
}
