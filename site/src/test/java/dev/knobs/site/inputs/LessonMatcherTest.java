package dev.knobs.site.inputs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.knobs.lessons.common.LessonResult;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LessonMatcherTest {
    @Test
    void byNumberNameAndMetric() {
        assertEquals("07-dropout", LessonMatcher.lessonFor("07-anything", null));
        assertEquals("07-dropout", LessonMatcher.lessonFor("mlp-dropout", null));
        assertEquals("08-augmentation", LessonMatcher.lessonFor("mlp-augmented", null));
        assertEquals("10-lr-schedules", LessonMatcher.lessonFor("lr-schedule-cosine", null));
        assertEquals("06-learning-rate", LessonMatcher.lessonFor("lr-sweep", null));
        assertEquals("04-initialization", LessonMatcher.lessonFor("xavier-vs-he", null));
        assertEquals("03-mini-batch", LessonMatcher.lessonFor("batch-sizes", null));
        assertNull(LessonMatcher.lessonFor("logistic-regression", null));
        LessonResult r = new LessonResult("x", "x", "smoke", 0.9, 1, "", Map.of("lesson_number", 11.0), List.of(), List.of(), null, "x",
                Map.of(), List.of(), null, null);
        assertEquals("11-evaluation", LessonMatcher.lessonFor("logistic-regression", r));
    }

    @Test
    void wordsMatchWholePartsOrPrefixes() {
        assertEquals(false, LessonMatcher.containsWord("scheme-x", "he"));
        assertEquals(true, LessonMatcher.containsWord("he-normal", "he"));
        assertEquals(true, LessonMatcher.containsWord("augmented", "augment"));
    }
}
