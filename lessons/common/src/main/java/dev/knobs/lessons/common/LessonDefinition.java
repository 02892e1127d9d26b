package dev.knobs.lessons.common;

import java.util.function.Function;

/**
 * What a lesson is, for its {@code main}, its test and the tools: its folder name, its title, its
 * knobs (a {@code Hyperparams} record whose components are knobs of {@link KnobCatalog}), the
 * knobs' defaults in each mode, the experiment itself, and the type of what it finds.
 *
 * <pre>
 *   static final LessonDefinition&lt;Hyperparams, Results&gt; LESSON = new LessonDefinition&lt;&gt;("07-dropout",
 *           "Dropout", Hyperparams.class, Hyperparams::defaults, Results.class, DropoutRates::run);
 *   public static void main(String[] args) { Lesson.launch(args, LESSON); }
 * </pre>
 *
 * @param id       the lesson's folder, e.g. {@code 07-dropout}
 * @param title    e.g. {@code Dropout}
 * @param knobs    the lesson's {@code Hyperparams} record type
 * @param defaults the knobs' values in each mode (the reference run's values)
 * @param results  the lesson's typed results record, as written to {@code result.json}
 * @param body     the experiment
 */
public record LessonDefinition<H extends Record, R extends Record & LessonResults>(String id, String title,
        Class<H> knobs, Function<Mode, H> defaults, Class<R> results, Lesson.Body<H, R> body) {}
