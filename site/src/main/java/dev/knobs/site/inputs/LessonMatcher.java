package dev.knobs.site.inputs;

import dev.knobs.lessons.common.LessonResult;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Which lesson a Tribuo experiment mirrors, for the side-by-side comparison.
 *
 * <p>In order: a metric {@code lesson_number} in the experiment's result (say 7.0); an
 * experiment folder starting with a lesson number ({@code 07-dropout}); the first lesson whose
 * knob words appear in the folder name ({@code mlp-dropout} mirrors lesson 07). Schedules are
 * looked for before learning rates, so {@code lr-schedule} goes to lesson 10, not 06.
 */
public final class LessonMatcher {

    /** Words naming each lesson's knob, most specific lessons first. */
    private static final List<Map.Entry<String, List<String>>> KNOB_WORDS = List.of(
            Map.entry("10-lr-schedules", List.of("schedule", "cosine", "step-decay", "warm", "one-cycle", "onecycle")),
            Map.entry("12-towards-99", List.of("towards-99", "best", "99", "final")),
            Map.entry("11-evaluation", List.of("evaluation", "confusion", "metrics", "errors")),
            Map.entry("07-dropout", List.of("dropout")),
            Map.entry("08-augmentation", List.of("augment")),
            Map.entry("04-initialization", List.of("init", "xavier", "glorot", "he", "lecun")),
            Map.entry("05-activations", List.of("activation", "relu", "sigmoid", "tanh")),
            Map.entry("09-deeper-layers", List.of("deep", "depth", "layers", "width", "wide")),
            Map.entry("03-mini-batch", List.of("batch")),
            Map.entry("02-normalization", List.of("normali", "standardi", "scaling", "scaled", "raw")),
            Map.entry("06-learning-rate", List.of("learning-rate", "lr", "optimi", "adam", "momentum", "sgd")),
            Map.entry("01-first-network", List.of("first", "baseline", "mlp")));

    private LessonMatcher() {}

    /** The id of the lesson {@code experiment} mirrors, or null if none can be told. */
    public static String lessonFor(String experiment, LessonResult result) {
        if (result != null && result.metrics() != null && result.metrics().get("lesson_number") != null) {
            int n = (int) Math.round(result.metrics().get("lesson_number"));
            String byNumber = byNumber(String.format(Locale.ROOT, "%02d", n));
            if (byNumber != null) {
                return byNumber;
            }
        }
        String name = experiment.toLowerCase(Locale.ROOT);
        if (name.matches("\\d\\d-.*")) {
            String byNumber = byNumber(name.substring(0, 2));
            if (byNumber != null) {
                return byNumber;
            }
        }
        for (Map.Entry<String, List<String>> e : KNOB_WORDS) {
            for (String word : e.getValue()) {
                if (containsWord(name, word)) {
                    return e.getKey();
                }
            }
        }
        return null;
    }

    private static String byNumber(String number) {
        return Course.LESSONS.stream().filter(e -> e.number().equals(number)).map(Course.Entry::id).findFirst().orElse(null);
    }

    /**
     * True when {@code word} is one of the dash-separated parts of {@code name}, or begins one
     * (for words of four letters or more: "augment" in "augmented"), or, for words with a dash,
     * appears anywhere.
     */
    static boolean containsWord(String name, String word) {
        if (word.contains("-")) {
            return name.contains(word);
        }
        for (String part : name.split("[-_. ]")) {
            if (part.equals(word) || (word.length() >= 4 && part.startsWith(word))) {
                return true;
            }
        }
        return false;
    }
}
