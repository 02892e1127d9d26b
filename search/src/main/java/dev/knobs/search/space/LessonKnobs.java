package dev.knobs.search.space;

import dev.knobs.lessons.common.KnobSet;
import dev.knobs.lessons.common.LessonDefinition;
import dev.knobs.lessons.common.Mode;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The knobs of one lesson in one mode, as a search sees them: which names exist, which take whole
 * numbers or lists, and whether a set of values passes the knobs' own checks ({@link KnobSet#apply}),
 * the same checks the lesson's flags get.
 */
public final class LessonKnobs {
    private final String lesson;
    private final KnobSet<?> knobs;
    private final Consumer<Map<String, String>> check;
    private final Map<String, String> defaults;

    private <H extends Record> LessonKnobs(LessonDefinition<H, ?> definition, Mode mode) {
        KnobSet<H> set = KnobSet.of(definition.knobs());
        H defaults = definition.defaults().apply(mode);
        this.lesson = definition.id();
        this.knobs = set;
        this.defaults = set.values(defaults);
        this.check = values -> set.apply(defaults, values);
    }

    /** The knobs of {@code definition} with the defaults of {@code mode}. */
    public static LessonKnobs of(LessonDefinition<?, ?> definition, Mode mode) {
        return new LessonKnobs(definition, mode);
    }

    public String lesson() {
        return lesson;
    }

    /** The knob of that name; an unknown name is a one-line {@code UsageException} naming the closest ones. */
    public KnobSet.Entry entry(String name) {
        return knobs.entries().stream().filter(e -> e.name().equals(name)).findFirst()
                .orElseThrow(() -> knobs.unknown(name));
    }

    /** True when the knob takes whole numbers (a count, a width). */
    public boolean whole(String name) {
        Class<?> t = entry(name).component().getType();
        while (t.isArray()) {
            t = t.getComponentType();
        }
        return t == int.class || t == long.class;
    }

    /** True when one value of the knob is itself a list, such as the hidden widths {@code 512,512}. */
    public boolean listValued(String name) {
        return entry(name).knob().listValued();
    }

    /** True when the lesson has this knob. */
    public boolean has(String name) {
        return knobs.names().contains(name);
    }

    /** Every knob's default in this mode, as text. */
    public Map<String, String> defaults() {
        return defaults;
    }

    /**
     * Checks values as the lesson's flags would.
     *
     * @throws dev.knobs.lessons.common.UsageException one line naming the knob, the value and what it allows
     */
    public void check(Map<String, String> values) {
        check.accept(values);
    }
}
