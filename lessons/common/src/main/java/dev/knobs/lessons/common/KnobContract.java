package dev.knobs.lessons.common;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What every lesson's knobs promise, checked without running the lesson: every default (in every
 * mode) is a value its knob allows and survives being written to a knob file and read back; every
 * knob can be set by flag and by file; a value its knob does not allow is refused with one line
 * naming the knob; a misspelt flag is refused with the right name suggested; the lesson's README
 * lists every knob in its table of flags with the standard mode's default. Lesson tests call
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
        checkReadme(lesson.id(), knobs, values);
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

    /** A row of a README's table of flags: "| `--name` | `default` | what it does |". */
    private static final Pattern ROW = Pattern.compile("^\\| `--([a-z0-9-]+)` \\| `([^`]*)`");

    /** The README's table of flags names every knob, and gives the default a standard run uses. */
    private static void checkReadme(String id, KnobSet<?> knobs, Map<String, String> values) {
        Path readme = Lesson.runsFolder(id).resolveSibling("README.md");
        Map<String, String> documented = new HashMap<>();
        try {
            for (String line : Files.readAllLines(readme, StandardCharsets.UTF_8)) {
                Matcher m = ROW.matcher(line);
                if (m.find()) {
                    documented.put(m.group(1), m.group(2).replace("\\|", "|"));
                }
            }
        } catch (IOException x) {
            throw new AssertionError(id + ": cannot read the lesson's README " + readme + ": " + x.getMessage(), x);
        }
        for (String name : knobs.names()) {
            String shown = documented.get(name);
            require(shown != null, id + ": the README's table of flags has no row for --" + name);
            require(sameValue(shown, values.get(name)), id + ": the README gives --" + name + "'s default as " + shown
                    + ", the lesson's standard mode uses " + values.get(name));
        }
    }

    /** Equal lists of numbers and words: "0.10, 1e3 | x" and "0.1,1000|x" are the same value. */
    static boolean sameValue(String a, String b) {
        List<String> x = tokens(a);
        List<String> y = tokens(b);
        if (x.size() != y.size()) {
            return false;
        }
        for (int i = 0; i < x.size(); i++) {
            if (!x.get(i).equals(y.get(i)) && !sameNumber(x.get(i), y.get(i))) {
                return false;
            }
        }
        return true;
    }

    private static List<String> tokens(String s) {
        return List.of(s.replace(" ", "").split("(?<=[,|])|(?=[,|])"));
    }

    private static boolean sameNumber(String a, String b) {
        try {
            double x = Double.parseDouble(a);
            double y = Double.parseDouble(b);
            return Math.abs(x - y) <= 1e-6 * Math.max(Math.abs(x), Math.abs(y));
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new AssertionError(message);
        }
    }
}
