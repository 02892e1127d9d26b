package dev.knobs.site.render;

import dev.knobs.site.inputs.ExerciseSource;
import dev.knobs.site.inputs.LessonOutput;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A lesson's exercises ({@code lessons/NN-name/exercises.html}): for each exercise its id and title,
 * the skeleton's class comment (what to write and why, with its formula), the methods to implement,
 * the source file, and the commands that build it, run the lesson with it and grade it.
 */
public final class ExercisesPage {
    private static final Pattern ALLOWED_TAG = Pattern.compile("&lt;(/?)(em|strong|b|i|ul|ol|li)&gt;");

    private final Templates templates;

    /** A page builder filling the {@code exercises} template. */
    public ExercisesPage(Templates templates) {
        this.templates = templates;
    }

    /** The command that grades one exercise of the student's own clone, reports outside it. */
    public static String gradeCommand(String id) {
        return "mvn -q -pl grader exec:java -Dexec.args=\"grade . --out ../my-grades --only " + id + "\"";
    }

    /** The command that grades every exercise of the student's own clone. */
    public static final String GRADE_ALL = "mvn -q -pl grader exec:java -Dexec.args=\"grade . --out ../my-grades\"";

    /** Whether lesson {@code lessonId}'s program takes {@code --use-exercises} (its sources plug the exercises in). */
    public static boolean usesExercises(Path root, String lessonId) {
        Path src = root.resolve("lessons").resolve(lessonId).resolve("src").resolve("main").resolve("java");
        if (!Files.isDirectory(src)) {
            return false;
        }
        try (Stream<Path> files = Files.walk(src)) {
            return files.filter(f -> f.toString().endsWith(".java")).anyMatch(f -> {
                try {
                    return Files.readString(f).contains(".withExercises(");
                } catch (IOException e) {
                    return false;
                }
            });
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Builds the page of {@code lesson}'s {@code exercises}.
     *
     * @param lesson       the lesson
     * @param exercises    its exercises, read from the skeletons
     * @param useExercises whether the lesson runs with the exercises' code when given {@code --use-exercises}
     */
    public PageWriter.Page page(LessonOutput lesson, List<ExerciseSource> exercises, boolean useExercises) {
        List<View> rows = new ArrayList<>();
        boolean math = false;
        for (ExerciseSource e : exercises) {
            String doc = javadocHtml(e.javadoc());
            math |= doc.contains("class=\"math");
            rows.add(View.of()
                    .with("id", e.id())
                    .with("anchor", "exercise-" + e.id().replace('.', '-'))
                    .with("title", e.title())
                    .with("doc", doc.isEmpty() ? null : doc)
                    .with("signatures", String.join("\n", e.signatures()))
                    .with("anySignature", !e.signatures().isEmpty())
                    .with("path", e.path())
                    .with("problem", e.problem())
                    .with("gradeCommand", gradeCommand(e.id())));
        }
        String id = lesson.id();
        View v = View.of()
                .with("number", lesson.number())
                .with("title", lesson.title())
                .with("lessonHref", "../" + id + ".html")
                .with("exercises", rows)
                .with("ids", String.join(", ", exercises.stream().map(ExerciseSource::id).toList()))
                .with("buildCommand", "mvn -q install -DskipTests -pl lessons/" + id + "/exercises")
                .with("runCommand", useExercises ? LessonPage.command(id) + " -Dexec.args=\"--mode smoke --use-exercises\"" : null)
                .with("gradeAll", GRADE_ALL)
                .with("siteCommand", "mvn -pl site exec:java -Dexec.args=\"--grades ../my-grades/NAME\"");
        List<dev.knobs.site.markdown.MarkdownRenderer.Heading> toc = exercises.stream()
                .map(e -> new dev.knobs.site.markdown.MarkdownRenderer.Heading(2, e.id() + " " + e.title(),
                        "exercise-" + e.id().replace('.', '-'))).toList();
        return new PageWriter.Page("Exercises of lesson " + lesson.number() + ": " + lesson.title(),
                "The exercises of lesson " + lesson.number() + " of the Knobs course: what to write, and how to check it.",
                "lesson", id, templates.render("exercises", v), math, true, toc, List.of());
    }

    /**
     * A class comment as HTML: paragraphs at {@code <p>}, {@code <pre>} blocks kept as preformatted text,
     * {@code {@code ...}} and {@code {@link ...}} as code, TeX between {@code $...$} or {@code $$...$$} as
     * KaTeX {@code .math} elements, every other character escaped (only a few text tags such as
     * {@code <em>} survive).
     */
    public static String javadocHtml(String javadoc) {
        if (javadoc == null || javadoc.isBlank()) {
            return "";
        }
        StringBuilder html = new StringBuilder();
        String rest = javadoc;
        while (!rest.isEmpty()) {
            int pre = indexOfIgnoreCase(rest, "<pre>");
            String text = pre < 0 ? rest : rest.substring(0, pre);
            paragraphs(text, html);
            if (pre < 0) {
                break;
            }
            int end = indexOfIgnoreCase(rest, "</pre>");
            if (end < pre) {
                end = rest.length();
            }
            String block = stripIndent(rest.substring(pre + 5, end));
            html.append("<pre class=\"formula\"><code>").append(escape(inlineTags(block))).append("</code></pre>\n");
            rest = end + 6 <= rest.length() ? rest.substring(end + 6) : "";
        }
        return html.toString();
    }

    private static void paragraphs(String text, StringBuilder html) {
        for (String p : text.split("(?i)<p>")) {
            String t = p.replaceAll("(?i)</p>", "").strip();
            if (!t.isEmpty()) {
                html.append("<p>").append(inline(t)).append("</p>\n");
            }
        }
    }

    /** Text with inline tags, math and the allowed HTML tags, as HTML. */
    private static String inline(String text) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '{' && text.startsWith("{@", i)) {
                int end = closingBrace(text, i);
                if (end > 0) {
                    out.append("<code>").append(escape(tagText(text.substring(i + 2, end)))).append("</code>");
                    i = end + 1;
                    continue;
                }
            }
            if (c == '$') {
                boolean display = text.startsWith("$$", i);
                String delim = display ? "$$" : "$";
                int end = text.indexOf(delim, i + delim.length());
                if (end > i + delim.length()) {
                    String tex = text.substring(i + delim.length(), end);
                    out.append(display ? "<span class=\"math math-display\">" : "<span class=\"math math-inline\">")
                            .append(escape(tex)).append("</span>");
                    i = end + delim.length();
                    continue;
                }
            }
            int next = i + 1;
            while (next < text.length() && text.charAt(next) != '{' && text.charAt(next) != '$') {
                next++;
            }
            out.append(ALLOWED_TAG.matcher(escape(unescape(text.substring(i, next)))).replaceAll("<$1$2>"));
            i = next;
        }
        return out.toString();
    }

    /** {@code {@code x}} and {@code {@link x}} in a block of preformatted text, as their plain text. */
    private static String inlineTags(String text) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            if (text.startsWith("{@", i)) {
                int end = closingBrace(text, i);
                if (end > 0) {
                    out.append(tagText(text.substring(i + 2, end)));
                    i = end + 1;
                    continue;
                }
            }
            out.append(text.charAt(i++));
        }
        return unescape(out.toString());
    }

    /** The text a Javadoc inline tag shows: {@code code x} is x, {@code link A#b label} is the label, else A.b. */
    private static String tagText(String tag) {
        Matcher m = Pattern.compile("(?s)(\\w+)\\s*(.*)").matcher(tag);
        if (!m.matches()) {
            return tag;
        }
        String body = m.group(2);
        if (m.group(1).startsWith("link")) {
            String[] parts = body.strip().split("\\s+", 2);
            if (parts.length == 2) {
                return parts[1];
            }
            String ref = parts[0].startsWith("#") ? parts[0].substring(1) : parts[0].replace('#', '.');
            int dot = ref.lastIndexOf('.', ref.indexOf('(') < 0 ? ref.length() : ref.indexOf('('));
            return ref.length() > 0 && Character.isUpperCase(ref.charAt(dot + 1 < ref.length() ? dot + 1 : 0))
                    ? ref.substring(dot + 1) : ref;
        }
        return unescape(body);
    }

    private static int closingBrace(String text, int open) {
        int depth = 0;
        for (int i = open; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '{') {
                depth++;
            } else if (c == '}' && --depth == 0) {
                return i;
            }
        }
        return -1;
    }

    private static String stripIndent(String block) {
        String b = block.replaceAll("^\\s*\n", "").stripTrailing();
        return b.stripIndent();
    }

    private static int indexOfIgnoreCase(String s, String what) {
        return s.toLowerCase(java.util.Locale.ROOT).indexOf(what);
    }

    private static String unescape(String s) {
        return s.replace("&lt;", "<").replace("&gt;", ">").replace("&#64;", "@").replace("&amp;", "&");
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
