package dev.knobs.lessons.common;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * What every lesson's knobs promise, checked without running the lesson: every default (in every
 * mode) is a value its knob allows and survives being written to a knob file and read back; every
 * knob can be set by flag and by file; a value its knob does not allow is refused with one line
 * naming the knob; a misspelt flag is refused with the right name suggested. Lesson tests call
 * {@link #check}; it throws {@link AssertionError} naming the first broken promise.
 */
public final class KnobContract {
    private KnobContract() {}

    /** Checks every knob of {@code lesson}; {@code scratch} is a folder for a knob file. */
    public static <H extends Record> void check(LessonDefinition<H, ?> lesson, Path scratch) {
        KnobSet<H> knobs = KnobSet.of(lesson.knobs());
        for (Mode mode : Mode.values()) {
            H defaults = lesson.defaults().apply(mode);
            H back;
            try {
                back = knobs.apply(defaults, knobs.values(defaults));
            } catch (UsageException e) {
                throw new AssertionError(lesson.id() + ": a default of " + mode + " mode is not allowed by its knob: "
                        + e.getMessage(), e);
            }
            require(knobs.differences(defaults, back).isEmpty(), lesson.id() + ": " + mode + " defaults do not survive "
                    + "a knob file: " + knobs.differences(defaults, back));
        }
        H defaults = lesson.defaults().apply(Mode.STANDARD);
        Map<String, String> values = knobs.values(defaults);
        for (KnobSet.Entry e : knobs.entries()) {
            String name = e.name();
            String value = values.get(name);
            H byFlag = knobs.apply(defaults, LessonOptions.parse(new String[] {"--" + name, value}, knobs).knobs());
            require(knobs.differences(defaults, byFlag).isEmpty(), lesson.id() + ": --" + name + " " + value
                    + " does not give the default back");
            Path file = scratch.resolve(name + ".properties");
            try {
                Files.writeString(file, name + " = " + value + "\n", StandardCharsets.UTF_8);
            } catch (IOException x) {
                throw new UncheckedIOException(x);
            }
            Map<String, String> fromFile = LessonOptions.parse(new String[] {"--config", file.toString()}, knobs).knobs();
            require(value.equals(fromFile.get(name)), lesson.id() + ": the knob file line '" + name + " = " + value
                    + "' was read as " + fromFile.get(name));
            String bad = e.knob().choices().isEmpty() ? "-1e9" : "nonsense";
            try {
                knobs.apply(defaults, Map.of(name, bad));
                throw new AssertionError(lesson.id() + ": --" + name + " " + bad + " was accepted");
            } catch (UsageException refused) {
                require(refused.getMessage().startsWith("--" + name + " ") && !refused.getMessage().contains("\n"),
                        lesson.id() + ": the refusal of --" + name + " " + bad + " is not one line naming the knob: "
                                + refused.getMessage());
            }
            try {
                LessonOptions.parse(new String[] {"--" + name + "s", value}, knobs);
                throw new AssertionError(lesson.id() + ": the misspelt flag --" + name + "s was accepted");
            } catch (UsageException refused) {
                require(refused.getMessage().contains("unknown flag") && refused.getMessage().contains("--" + name),
                        lesson.id() + ": the refusal of --" + name + "s suggests nothing useful: " + refused.getMessage());
            }
        }
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new AssertionError(message);
        }
    }
}
