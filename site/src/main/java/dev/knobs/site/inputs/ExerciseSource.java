package dev.knobs.site.inputs;

import dev.knobs.grader.Exercise;
import dev.knobs.grader.Exercises;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One exercise of the course as its skeleton states it: the grader's id and title, the skeleton's
 * class comment, and the methods the student writes (those that throw
 * {@code UnsupportedOperationException}).
 *
 * @param id         e.g. {@code 07.1}
 * @param title      e.g. {@code inverted dropout forward and backward}
 * @param lesson     the lesson folder, e.g. {@code 07-dropout}
 * @param path       the skeleton's source file, relative to the project root
 * @param javadoc    the class comment without its {@code *} margins, or empty
 * @param signatures the declarations of the methods to implement, in source order
 * @param problem    why the source could not be read, or null
 */
public record ExerciseSource(String id, String title, String lesson, String path, String javadoc,
                             List<String> signatures, String problem) {

    private static final Pattern THROW = Pattern.compile(
            "throw\\s+new\\s+UnsupportedOperationException\\s*\\(\\s*\"exercise ");

    /**
     * The exercises of {@code lessonId}, in the grader's order, read from the sources under {@code root};
     * none when not one of their skeletons is there.
     */
    public static List<ExerciseSource> of(Path root, String lessonId) {
        List<ExerciseSource> list = new ArrayList<>();
        for (Exercise e : Exercises.ALL) {
            if (e.lesson().equals(lessonId)) {
                list.add(read(root, e));
            }
        }
        return list.stream().allMatch(e -> e.problem() != null) ? List.of() : list;
    }

    /** Reads the skeleton of {@code e}; a missing or unreadable file gives an entry with a {@link #problem}. */
    static ExerciseSource read(Path root, Exercise e) {
        Path file = root.resolve(e.sourceFile());
        try {
            String source = Files.readString(file, StandardCharsets.UTF_8);
            return new ExerciseSource(e.id(), e.title(), e.lesson(), e.sourceFile(), classComment(source),
                    exerciseSignatures(source), null);
        } catch (IOException | RuntimeException x) {
            return new ExerciseSource(e.id(), e.title(), e.lesson(), e.sourceFile(), "", List.of(),
                    "could not read " + e.sourceFile() + ": " + x.getMessage());
        }
    }

    /** The comment that precedes the first top-level type declaration, without its margins. */
    public static String classComment(String source) {
        Matcher type = Pattern.compile("(?m)^(public\\s+)?(final\\s+|abstract\\s+)*(class|interface|record|enum)\\s").matcher(source);
        int end = type.find() ? type.start() : source.length();
        int close = source.lastIndexOf("*/", end);
        int open = close < 0 ? -1 : source.lastIndexOf("/**", close);
        if (open < 0) {
            return "";
        }
        StringBuilder text = new StringBuilder();
        for (String line : source.substring(open + 3, close).split("\n", -1)) {
            String l = line.replaceFirst("^\\s*\\* ?", "");
            if (line.trim().equals("*")) {
                l = "";
            }
            text.append(l.stripTrailing()).append('\n');
        }
        return text.toString().strip();
    }

    /** The declaration of the method whose body holds position {@code at}, or null. */
    private static String enclosingMethod(String source, int at) {
        int depth = 0;
        for (int i = at - 1; i >= 0; i--) {
            char c = source.charAt(i);
            if (c == '}') {
                depth++;
            } else if (c == '{' && depth > 0) {
                depth--;
            } else if (c == '{') {
                int start = Math.max(Math.max(source.lastIndexOf(';', i), source.lastIndexOf('}', i)),
                        Math.max(source.lastIndexOf('{', i - 1), source.lastIndexOf("*/", i) + 1));
                String declaration = source.substring(start + 1, i)
                        .replaceAll("(?m)//.*$", "")
                        .replaceAll("@\\w+(\\([^)]*\\))?", "")
                        .replaceAll("\\s+", " ").strip();
                if (declaration.matches("[^=]*\\)( throws [\\w., ]+)?")
                        && !declaration.matches("(if|for|while|else|try|switch|do|catch|synchronized)\\b.*")) {
                    return declaration;
                }
            }
        }
        return null;
    }

    /**
     * The declarations of the methods whose body throws {@code UnsupportedOperationException("exercise ...")},
     * annotations left out.
     */
    public static List<String> exerciseSignatures(String source) {
        List<String> list = new ArrayList<>();
        Matcher m = THROW.matcher(source);
        while (m.find()) {
            String declaration = enclosingMethod(source, m.start());
            if (declaration != null && !list.contains(declaration)) {
                list.add(declaration);
            }
        }
        return list;
    }
}
