package dev.knobs.lessons.common;

import java.util.function.Function;
import java.util.function.Supplier;

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
 * @param exercises the parts the student's exercises provide ({@code --use-exercises}), or null when the
 *                  lesson has none to plug in
 */
public record LessonDefinition<H extends Record, R extends Record & LessonResults>(String id, String title,
        Class<H> knobs, Function<Mode, H> defaults, Class<R> results, Lesson.Body<H, R> body,
        Supplier<Parts> exercises) {

    /** A lesson with no exercises to plug in. */
    public LessonDefinition(String id, String title, Class<H> knobs, Function<Mode, H> defaults, Class<R> results,
                            Lesson.Body<H, R> body) {
        this(id, title, knobs, defaults, results, body, null);
    }

    /** The same lesson, which runs with {@code exercises}' parts when given {@code --use-exercises}. */
    public LessonDefinition<H, R> withExercises(Supplier<Parts> parts) {
        return new LessonDefinition<>(id, title, knobs, defaults, results, body, parts);
    }
}
