package dev.knobs.site.rubric;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Measures "the code is well documented", the assignment's requirement that loses points for code
 * without comments: every public type and every public method or constructor of nn-core and of
 * the lessons (their exercise skeletons included) and of the grader has a Javadoc comment (methods that override another inherit its comment, as
 * Javadoc does), and every lesson has a README with the sections a student reads.
 *
 * <p>It reads the source files as text: a declaration counts as documented when the nearest
 * thing above it, past annotations, is a {@code /** ... *}{@code /} comment.
 *
 * @param documented the public declarations with a Javadoc comment
 * @param total      all public declarations counted
 * @param missing    the undocumented ones, as {@code File.java:line name}
 * @param readmes    lessons with a README holding every required section, out of {@code lessons}
 * @param lessons    lesson folders found
 * @param readmeGaps what the READMEs lack, e.g. {@code 07-dropout: no "Things to try"}
 */
public record DocumentationCheck(int documented, int total, List<String> missing, int readmes, int lessons,
                                 List<String> readmeGaps) {

    /** The sections every lesson README has, as {@code ## } headings starting with these words. */
    static final List<String> README_SECTIONS = List.of("Your knobs", "Things to try");

    private static final Pattern DECLARATION = Pattern.compile(
            "^\\s*public\\s+(?:(?:static|final|abstract|sealed|default|synchronized)\\s+)*"
                    + "(?:(class|interface|record|enum|@interface)\\s+(\\w+)|[\\w<>\\[\\], .?]+?\\s+(\\w+)\\s*\\(|(\\w+)\\s*\\()");

    /** Measures the project under {@code root}: nn-core's and every lesson's main sources and READMEs. */
    public static DocumentationCheck of(Path root) {
        List<Path> sources = new ArrayList<>();
        sources.add(root.resolve("nn-core/src/main/java"));
        List<Path> lessonDirs = lessonDirs(root);
        lessonDirs.forEach(d -> sources.add(d.resolve("src/main/java")));
        lessonDirs.forEach(d -> sources.add(d.resolve("exercises/src/main/java")));
        sources.add(root.resolve("lessons/common/src/main/java"));
        sources.add(root.resolve("grader/src/main/java"));
        int documented = 0;
        int total = 0;
        List<String> missing = new ArrayList<>();
        for (Path dir : sources) {
            for (Path file : javaFiles(dir)) {
                List<String> lines = read(file);
                for (int i = 0; i < lines.size(); i++) {
                    Matcher m = DECLARATION.matcher(lines.get(i));
                    if (!m.find() || lines.get(i).contains(" = ") || overrides(lines, i)) {
                        continue;
                    }
                    total++;
                    if (hasJavadoc(lines, i)) {
                        documented++;
                    } else {
                        String name = m.group(2) != null ? m.group(2) : m.group(3) != null ? m.group(3) : m.group(4);
                        missing.add(root.relativize(file) + ":" + (i + 1) + " " + name);
                    }
                }
            }
        }
        int readmes = 0;
        List<String> gaps = new ArrayList<>();
        for (Path lesson : lessonDirs) {
            Path readme = lesson.resolve("README.md");
            String id = lesson.getFileName().toString();
            if (!Files.isRegularFile(readme)) {
                gaps.add(id + ": no README.md");
                continue;
            }
            String text = String.join("\n", read(readme));
            List<String> lacking = README_SECTIONS.stream()
                    .filter(s -> !Pattern.compile("(?m)^##+ " + Pattern.quote(s)).matcher(text).find()).toList();
            if (lacking.isEmpty()) {
                readmes++;
            } else {
                gaps.add(id + ": no \"" + String.join("\", \"", lacking) + "\" section");
            }
        }
        return new DocumentationCheck(documented, total, missing, readmes, lessonDirs.size(), gaps);
    }

    /** True when every public declaration is documented and every lesson README has its sections. */
    public boolean complete() {
        return documented == total && total > 0 && readmes == lessons && lessons > 0;
    }

    private static boolean overrides(List<String> lines, int i) {
        for (int j = i - 1; j >= 0 && j >= i - 4; j--) {
            String l = lines.get(j).strip();
            if (l.startsWith("@Override")) {
                return true;
            }
            if (!l.startsWith("@")) {
                return false;
            }
        }
        return false;
    }

    private static boolean hasJavadoc(List<String> lines, int i) {
        int j = i - 1;
        while (j >= 0 && (lines.get(j).strip().startsWith("@") || lines.get(j).isBlank())) {
            j--;
        }
        if (j < 0 || !lines.get(j).strip().endsWith("*/")) {
            return false;
        }
        while (j >= 0 && !lines.get(j).contains("/*")) {
            j--;
        }
        return j >= 0 && lines.get(j).contains("/**");
    }

    private static List<Path> lessonDirs(Path root) {
        Path lessons = root.resolve("lessons");
        if (!Files.isDirectory(lessons)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(lessons)) {
            return s.filter(p -> p.getFileName().toString().matches("\\d\\d-.*") && Files.isDirectory(p)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Path> javaFiles(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(p -> p.toString().endsWith(".java") && !p.getFileName().toString().equals("package-info.java"))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> read(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
