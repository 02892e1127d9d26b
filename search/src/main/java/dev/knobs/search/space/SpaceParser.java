package dev.knobs.search.space;

import dev.knobs.lessons.common.UsageException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a space written on the command line or in a file, and checks it against a lesson's knobs:
 *
 * <pre>
 *   peak-lr=log(0.02,0.3) hidden-dropout=choice(0.1,0.2,0.3) hidden=choice(512,512 | 1024,1024)
 * </pre>
 *
 * Knob names and values are those of the lesson's flags. In a file, entries may stand on lines
 * of their own, spaces around {@code =} are allowed, and {@code #} starts a comment. Values in a
 * {@code choice} are separated by commas, or by {@code |} for a knob whose value is itself a list.
 *
 * <p>Every choice and both ends of every range must pass the knob's own check, so that every value
 * drawn passes it too; anything else (an unknown knob, a bad range, a misspelt kind) is refused with
 * one line saying what is wrong.
 */
public final class SpaceParser {
    private static final List<String> KINDS = List.of("choice", "int", "uniform", "log");

    private final String text;
    private final LessonKnobs knobs;
    private int at;

    private SpaceParser(String text, LessonKnobs knobs) {
        this.text = withoutComments(text);
        this.knobs = knobs;
    }

    /** Parses and checks {@code text} against {@code knobs}. */
    public static Space parse(String text, LessonKnobs knobs) {
        return new SpaceParser(text == null ? "" : text, knobs).space();
    }

    private Space space() {
        List<Dimension> dims = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        skipBlanks();
        while (at < text.length()) {
            Dimension d = dimension();
            if (!seen.add(d.knob())) {
                throw new UsageException("space: knob '" + d.knob() + "' is given twice");
            }
            dims.add(d);
            skipBlanks();
        }
        if (dims.isEmpty()) {
            throw new UsageException("space: empty; give at least one knob, e.g. --space \"peak-lr=log(0.02,0.3)\"");
        }
        return new Space(dims);
    }

    private Dimension dimension() {
        int start = at;
        String knob = word("a knob name");
        skipBlanks();
        expect('=', start);
        skipBlanks();
        String kind = word("choice, int, uniform or log");
        if (!KINDS.contains(kind)) {
            throw new UsageException("space: '" + knob + "=" + kind + "(...)': the kind must be choice, int, uniform or "
                    + "log");
        }
        skipBlanks();
        expect('(', start);
        int close = text.indexOf(')', at);
        if (close < 0) {
            throw new UsageException("space: '" + text.substring(start).strip() + "': missing ')'");
        }
        String args = text.substring(at, close).strip();
        at = close + 1;
        String written = knob + "=" + kind + "(" + args + ")";
        knobs.entry(knob);
        boolean whole = knobs.whole(knob);
        Distribution d;
        try {
            d = distribution(kind, args, knob);
        } catch (IllegalArgumentException e) {
            throw new UsageException("space: " + written + ": " + e.getMessage());
        }
        Dimension dim = new Dimension(knob, d, whole);
        for (String v : d.extremes(whole)) {
            try {
                knobs.check(Map.of(knob, v));
            } catch (UsageException e) {
                throw new UsageException("space: " + written + " allows " + v + ", but " + e.getMessage());
            }
        }
        return dim;
    }

    private Distribution distribution(String kind, String args, String knob) {
        boolean list = knobs.listValued(knob);
        if (kind.equals("choice")) {
            List<String> values = Arrays.stream(args.split(list ? "\\|" : ",")).map(String::strip).toList();
            if (values.stream().anyMatch(String::isEmpty)) {
                throw new IllegalArgumentException("a choice needs values separated by " + (list ? "|" : "commas")
                        + ", none of them empty");
            }
            return new Choice(values, list ? " | " : ",");
        }
        if (list) {
            throw new IllegalArgumentException(knob + " takes a list (e.g. 512,512), so only choice(...) can search it");
        }
        String[] ends = args.split(",");
        if (ends.length != 2) {
            throw new IllegalArgumentException(kind + "() takes two numbers, the low and the high end");
        }
        if (kind.equals("int")) {
            if (!knobs.whole(knob)) {
                throw new IllegalArgumentException(knob + " takes any number; use uniform(lo,hi) or log(lo,hi)");
            }
            return new IntRange(whole(ends[0]), whole(ends[1]));
        }
        double lo = number(ends[0]);
        double hi = number(ends[1]);
        return kind.equals("uniform") ? new Uniform(lo, hi) : new LogUniform(lo, hi);
    }

    private static double number(String s) {
        try {
            double v = Double.parseDouble(s.strip());
            if (Double.isFinite(v)) {
                return v;
            }
        } catch (NumberFormatException ignored) {
            // the message below says what was expected
        }
        throw new IllegalArgumentException("'" + s.strip() + "' is not a number");
    }

    private static long whole(String s) {
        try {
            return Long.parseLong(s.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + s.strip() + "' is not a whole number");
        }
    }

    private String word(String what) {
        int start = at;
        while (at < text.length() && (Character.isLetterOrDigit(text.charAt(at)) || text.charAt(at) == '-')) {
            at++;
        }
        if (start == at) {
            throw new UsageException("space: expected " + what + " at '" + rest(start) + "'; write knob=kind(...), e.g. "
                    + "peak-lr=log(0.02,0.3)");
        }
        return text.substring(start, at);
    }

    private void expect(char c, int entryStart) {
        if (at >= text.length() || text.charAt(at) != c) {
            throw new UsageException("space: expected '" + c + "' in '" + rest(entryStart) + "'; write knob=kind(...), "
                    + "e.g. peak-lr=log(0.02,0.3)");
        }
        at++;
    }

    private void skipBlanks() {
        while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
            at++;
        }
    }

    private String rest(int from) {
        String r = text.substring(from).strip();
        int space = r.indexOf(' ');
        return space > 0 ? r.substring(0, space) : r;
    }

    private static String withoutComments(String text) {
        StringBuilder s = new StringBuilder();
        for (String line : text.split("\\R")) {
            int hash = line.indexOf('#');
            s.append(hash >= 0 ? line.substring(0, hash) : line).append('\n');
        }
        return s.toString();
    }
}
