package dev.knobs.site.inputs;

import java.util.List;
import java.util.Locale;

/**
 * The lessons of the course, in order, with the title each page uses until the lesson's own
 * result or README supplies a better one.
 *
 * <p>The list is fixed rather than discovered, so that a lesson that has not been written or run
 * yet still gets a page saying so. Folders under {@code lessons/} that are not in this list
 * (a thirteenth lesson, say) are added after it by {@link OutputReader}.
 */
public final class Course {

    /** One lesson of the course: its folder name and a default title. */
    public record Entry(String id, String defaultTitle) {
        /** The two-digit number, e.g. {@code 07}. */
        public String number() {
            return id.substring(0, Math.min(2, id.length()));
        }
    }

    /** The lessons, in teaching order. */
    public static final List<Entry> LESSONS = List.of(
            new Entry("01-first-network", "A first network"),
            new Entry("02-normalization", "Normalisation"),
            new Entry("03-mini-batch", "Mini-batch gradient descent"),
            new Entry("04-initialization", "Initialisation"),
            new Entry("05-activations", "Activations"),
            new Entry("06-learning-rate", "The learning rate"),
            new Entry("07-dropout", "Dropout"),
            new Entry("08-augmentation", "Augmentation"),
            new Entry("09-deeper-layers", "Deeper layers"),
            new Entry("10-lr-schedules", "Learning-rate schedules"),
            new Entry("11-evaluation", "Evaluation"),
            new Entry("12-towards-99", "Towards 99%"),
            new Entry("13-search", "Searching for the recipe"));

    /** The lesson whose {@code model.knobs} the digit page uses. */
    public static final String MODEL_LESSON = "12-towards-99";

    private Course() {}

    /** A title for a lesson folder nobody listed: {@code 13-weight-decay} becomes {@code Weight decay}. */
    public static String titleFromId(String id) {
        String words = id.replaceFirst("^\\d+-", "").replace('-', ' ').trim();
        if (words.isEmpty()) {
            return id;
        }
        return words.substring(0, 1).toUpperCase(Locale.ROOT) + words.substring(1);
    }

    /** True for folder names shaped like a lesson: two digits, a dash, a name. */
    public static boolean looksLikeLesson(String folder) {
        return folder.matches("\\d\\d-[a-z0-9][a-z0-9-]*");
    }
}
