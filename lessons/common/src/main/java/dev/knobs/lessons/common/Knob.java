package dev.knobs.lessons.common;

import java.lang.reflect.Array;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One knob of the course: its flag name, what it does, its unit, and the values it allows. The
 * same knob means the same thing in every lesson ({@link KnobCatalog} holds them all).
 *
 * <p>A knob's values are typed by the lesson's {@code Hyperparams} record component it feeds: a
 * {@code float} takes one number, a {@code float[]} a list ({@code 0,0.2,0.5}: the values a sweep
 * tries), an {@code int[][]} or {@code float[][]} a list of lists separated by {@code |}
 * ({@code 512,512 | 1024,1024}). The range and choices below apply to every number or word in it.
 *
 * @param name        the flag without dashes, e.g. {@code hidden-dropout}
 * @param description one line on what it does, for {@code --help}
 * @param unit        the unit of its numbers ({@code ""} when they have none)
 * @param min         smallest allowed number
 * @param minIncluded whether {@code min} itself is allowed
 * @param max         largest allowed number
 * @param maxIncluded whether {@code max} itself is allowed
 * @param choices     the allowed words, for a knob that names a thing (empty for numbers)
 * @param listValued  true when one value is itself a list (the hidden widths {@code 512,512}), so
 *                    that a sweep of it is a list of lists
 */
public record Knob(String name, String description, String unit, double min, boolean minIncluded, double max,
                   boolean maxIncluded, List<String> choices, boolean listValued) {

    /** A whole-number knob in {@code [min, max]}. */
    public static Knob count(String name, int min, int max, String unit, String description) {
        return new Knob(name, description, unit, min, true, max, true, List.of(), false);
    }

    /** A knob whose value is a list of whole numbers in {@code [min, max]}, e.g. one width per layer. */
    public static Knob counts(String name, int min, int max, String unit, String description) {
        return new Knob(name, description, unit, min, true, max, true, List.of(), true);
    }

    /** A real-number knob; brackets say whether the ends are allowed, e.g. {@code [0, 1)}. */
    public static Knob real(String name, double min, boolean minIncluded, double max, boolean maxIncluded, String unit,
                            String description) {
        return new Knob(name, description, unit, min, minIncluded, max, maxIncluded, List.of(), false);
    }

    /** A knob whose value is a list of real numbers, e.g. one dropout rate per layer. */
    public static Knob reals(String name, double min, boolean minIncluded, double max, boolean maxIncluded, String unit,
                             String description) {
        return new Knob(name, description, unit, min, minIncluded, max, maxIncluded, List.of(), true);
    }

    /** A knob that names one of a few things, e.g. an activation. */
    public static Knob choice(String name, String description, String... choices) {
        return new Knob(name, description, "", 0, true, 0, true, List.of(choices), false);
    }

    /**
     * True when a component of this type holds several values of the knob, to be tried in turn:
     * an array of a plain knob, or an array of arrays of a list-valued one.
     */
    public boolean isSweep(Class<?> type) {
        return listValued ? type.isArray() && type.getComponentType().isArray() : type.isArray();
    }

    /** What the knob allows, for messages and {@code --help}: e.g. {@code [0, 1)} or {@code relu|tanh}. */
    public String allowed() {
        if (!choices.isEmpty()) {
            return String.join("|", choices);
        }
        return (minIncluded ? "[" : "(") + number(min) + ", " + number(max) + (maxIncluded ? "]" : ")");
    }

    /**
     * Parses {@code text} into a value of {@code type} (the record component's type), checking
     * every number or word against this knob.
     *
     * @throws UsageException one line naming the knob, the value and what is allowed
     */
    public Object parse(String text, Class<?> type) {
        String t = text == null ? "" : text.strip();
        try {
            if (type.isArray() && type.getComponentType().isArray()) {
                String[] groups = t.split("\\|");
                Object out = Array.newInstance(type.getComponentType(), groups.length);
                for (int i = 0; i < groups.length; i++) {
                    Array.set(out, i, parseList(groups[i].strip(), type.getComponentType(), text));
                }
                return out;
            }
            if (type.isArray()) {
                return parseList(t, type, text);
            }
            return parseOne(t, type, text);
        } catch (NumberFormatException e) {
            throw bad(text, type);
        }
    }

    /** The value as a knob file or flag would write it: {@code 0.1}, {@code 512,512}, {@code 0,0.2 | 0.2,0.5}. */
    public static String format(Object value) {
        if (value == null) {
            return "";
        }
        Class<?> type = value.getClass();
        if (type.isArray()) {
            List<String> parts = new ArrayList<>();
            for (int i = 0; i < Array.getLength(value); i++) {
                parts.add(format(Array.get(value, i)));
            }
            return String.join(type.getComponentType().isArray() ? " | " : ",", parts);
        }
        if (value instanceof Float f) {
            return new BigDecimal(Float.toString(f)).stripTrailingZeros().toPlainString();
        }
        if (value instanceof Double d) {
            return new BigDecimal(Double.toString(d)).stripTrailingZeros().toPlainString();
        }
        return value.toString();
    }

    private Object parseList(String t, Class<?> arrayType, String whole) {
        if (t.isEmpty()) {
            throw bad(whole, arrayType);
        }
        String[] items = t.split(",");
        Object out = Array.newInstance(arrayType.getComponentType(), items.length);
        for (int i = 0; i < items.length; i++) {
            Array.set(out, i, parseOne(items[i].strip(), arrayType.getComponentType(), whole));
        }
        return out;
    }

    private Object parseOne(String t, Class<?> type, String whole) {
        if (type == String.class) {
            String word = t.toLowerCase(Locale.ROOT);
            if (!choices.isEmpty() && !choices.contains(word)) {
                throw bad(whole, type);
            }
            return word;
        }
        if (type == boolean.class || type == Boolean.class) {
            if (!t.equalsIgnoreCase("true") && !t.equalsIgnoreCase("false")) {
                throw bad(whole, type);
            }
            return Boolean.parseBoolean(t);
        }
        double v = Double.parseDouble(t);
        boolean whole_ = type == int.class || type == long.class;
        if (!Double.isFinite(v) || (whole_ && v != Math.rint(v)) || !inRange(v)) {
            throw bad(whole, type);
        }
        if (type == int.class) {
            return (int) v;
        }
        if (type == long.class) {
            return (long) v;
        }
        if (type == float.class) {
            return Float.parseFloat(t);
        }
        return v;
    }

    private boolean inRange(double v) {
        return (minIncluded ? v >= min : v > min) && (maxIncluded ? v <= max : v < max);
    }

    private UsageException bad(String text, Class<?> type) {
        String what = !choices.isEmpty() ? "one of " + allowed()
                : type == boolean.class ? "true or false"
                : kind(type) + " in " + allowed() + (unit.isEmpty() ? "" : " " + unit);
        return new UsageException("--" + name + " must be " + what + " (" + description + "), got '" + text + "'");
    }

    private static String kind(Class<?> type) {
        Class<?> base = type;
        while (base.isArray()) {
            base = base.getComponentType();
        }
        boolean integers = base == int.class || base == long.class;
        if (type.isArray() && type.getComponentType().isArray()) {
            return (integers ? "groups of whole numbers" : "groups of numbers") + " separated by | (e.g. 1,2 | 3,4), each";
        }
        if (type.isArray()) {
            return (integers ? "whole numbers" : "numbers") + " separated by commas, each";
        }
        return integers ? "a whole number" : "a number";
    }

    private static String number(double v) {
        if (Double.isInfinite(v)) {
            return v > 0 ? "∞" : "-∞";
        }
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? String.valueOf((long) v)
                : new BigDecimal(Double.toString(v)).stripTrailingZeros().toPlainString();
    }
}
