package dev.knobs.lessons.common;

import com.google.gson.JsonElement;
import dev.knobs.nn.io.Json;
import dev.knobs.nn.metrics.EpochRecord;
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
 * @param run          the run folder's name, e.g. {@code reference} or {@code 20261206-101500-hidden-dropout}
 * @param knobs        every knob of the run, by name, as text
 * @param turned       the knobs turned away from the mode's defaults (empty for a reference run)
 * @param chosen       the configuration the lesson chose on validation data, with its curves (null if none)
 * @param results      the lesson's typed results record, as a JSON tree; {@link #results(Class)} reads it back
 */
public record LessonResult(String lesson, String title, String mode, double testAccuracy, double seconds,
                           String headline, Map<String, Double> metrics, List<Figure> figures, List<Table> tables,
                           Provenance provenance, String run, Map<String, String> knobs, List<String> turned,
                           Chosen chosen, JsonElement results) {

    /** The typed results, read back into the lesson's own record class; null when the run wrote none. */
    public <R extends Record & LessonResults> R results(Class<R> type) {
        return results == null || results.isJsonNull() ? null : Json.fromTree(results, type);
    }

    /**
     * The configuration a lesson chose, the same in every lesson, so that runs of different lessons
     * can be compared.
     *
     * @param label              e.g. {@code hidden 0.2}
     * @param validationAccuracy on the held-out validation images after the last epoch (NaN if the lesson has none)
     * @param testAccuracy       on the test set after the last epoch
     * @param epochs             its training curve, one record per epoch
     */
    public record Chosen(String label, double validationAccuracy, double testAccuracy, List<EpochRecord> epochs) {}

    /**
     * A plot: {@code file} is the PNG, {@code svg} the same plot as SVG (may be null for image grids).
     *
     * @param alt describes what the image shows, for screen readers and when it does not load
     */
    public record Figure(String file, String svg, String title, String caption, String alt) {}

    /** A result table: column names and rows of cells already formatted as text. */
    public record Table(String title, List<String> columns, List<List<String>> rows) {}
}
