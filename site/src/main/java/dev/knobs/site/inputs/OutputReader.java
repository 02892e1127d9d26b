package dev.knobs.site.inputs;

import dev.knobs.lessons.common.LessonResult;
import dev.knobs.nn.io.Json;
import dev.knobs.site.SiteConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads lesson and experiment folders into {@link LessonOutput}s. Never throws for a missing or
 * broken output: the lesson's page explains the problem instead, and the rest of the site builds.
 */
public final class OutputReader {
    private static final Pattern MAIN_CLASS = Pattern.compile("<lesson\\.mainClass>\\s*([\\w.$]+)\\s*</lesson\\.mainClass>");
    private static final Pattern README_TITLE = Pattern.compile("(?m)^#\\s+(?:Lesson\\s+\\d+\\s*[:.\\-]\\s*)?(.+?)\\s*#*\\s*$");

    private OutputReader() {}

    /**
     * The course's lessons in order: the twelve of {@link Course#LESSONS}, then any other lesson
     * folder found under {@code lessons/}.
     */
    public static List<LessonOutput> lessons(SiteConfig config) {
        Map<String, String> ids = new LinkedHashMap<>();
        for (Course.Entry e : Course.LESSONS) {
            ids.put(e.id(), e.defaultTitle());
        }
        Path lessonsDir = config.root().resolve("lessons");
        for (String folder : list(lessonsDir)) {
            if (Course.looksLikeLesson(folder) && !ids.containsKey(folder)) {
                ids.put(folder, Course.titleFromId(folder));
            }
        }
        List<LessonOutput> lessons = new ArrayList<>();
        ids.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
            Path module = lessonsDir.resolve(e.getKey());
            lessons.add(read(e.getKey(), e.getValue(), module, config.lessonOutput(e.getKey()), config.root(), true));
        });
        return lessons;
    }

    /** The Tribuo experiments: one per sub-folder of {@code outputDir} holding a {@code result.json}. */
    public static List<LessonOutput> experiments(Path outputDir, Path root) {
        List<LessonOutput> experiments = new ArrayList<>();
        for (String folder : list(outputDir)) {
            Path dir = outputDir.resolve(folder);
            if (folder.endsWith(".partial") || folder.endsWith(".old") || !Files.isRegularFile(dir.resolve("result.json"))) {
                continue;
            }
            experiments.add(read(folder, Course.titleFromId(folder), null, dir, root, false));
        }
        return experiments;
    }

    /**
     * Reads one lesson or experiment.
     *
     * @param module         the lesson's module folder (README, pom, sources), or null for experiments
     * @param checkLessonId  whether {@code result.json} must name this id (true for lessons)
     */
    static LessonOutput read(String id, String defaultTitle, Path module, Path outputDir, Path root,
                             boolean checkLessonId) {
        Path readme = module != null && Files.isRegularFile(module.resolve("README.md")) ? module.resolve("README.md") : null;
        String mainClass = module != null ? mainClass(module.resolve("pom.xml")) : null;
        List<Path> sources = module != null ? javaSources(module.resolve("src/main/java"), root) : List.of();
        LessonResult result = null;
        String problem = null;
        Path resultFile = outputDir.resolve("result.json");
        if (Files.isRegularFile(resultFile)) {
            try {
                result = normalise(Json.read(resultFile, LessonResult.class), outputDir);
                if (checkLessonId && !id.equals(result.lesson())) {
                    problem = resultFile + " belongs to lesson '" + result.lesson() + "', not " + id;
                    result = null;
                }
            } catch (IllegalArgumentException | UncheckedIOException e) {
                problem = e.getMessage();
            }
        }
        String title = result != null && notBlank(result.title()) ? result.title()
                : readme != null ? readmeTitle(readme, defaultTitle) : defaultTitle;
        List<Path> data = result != null ? dataFiles(outputDir) : List.of();
        return new LessonOutput(id, title, readme, outputDir, result, problem, mainClass, sources, data);
    }

    /**
     * The result with absent lists replaced by empty ones, and figures whose files are missing
     * removed (their SVG is dropped when only the SVG is missing), so that pages never link to
     * files that do not exist.
     */
    static LessonResult normalise(LessonResult r, Path dir) {
        List<LessonResult.Figure> figures = new ArrayList<>();
        for (LessonResult.Figure f : Objects.requireNonNullElse(r.figures(), List.<LessonResult.Figure>of())) {
            if (f == null || f.file() == null || !Files.isRegularFile(dir.resolve(f.file()))) {
                continue;
            }
            String svg = f.svg() != null && Files.isRegularFile(dir.resolve(f.svg())) ? f.svg() : null;
            figures.add(new LessonResult.Figure(f.file(), svg, orEmpty(f.title()), orEmpty(f.caption()),
                    notBlank(f.alt()) ? f.alt() : orEmpty(f.title())));
        }
        List<LessonResult.Table> tables = new ArrayList<>();
        for (LessonResult.Table t : Objects.requireNonNullElse(r.tables(), List.<LessonResult.Table>of())) {
            if (t != null && t.columns() != null && t.rows() != null) {
                tables.add(t);
            }
        }
        Map<String, Double> metrics = new LinkedHashMap<>();
        if (r.metrics() != null) {
            r.metrics().forEach((k, v) -> {
                if (k != null && v != null) {
                    metrics.put(k, v);
                }
            });
        }
        String mode = notBlank(r.mode()) ? r.mode().toLowerCase(Locale.ROOT) : "unknown";
        return new LessonResult(r.lesson(), r.title(), mode, r.testAccuracy(), r.seconds(), orEmpty(r.headline()),
                metrics, figures, tables, r.provenance(), r.run(), r.knobs() == null ? Map.of() : r.knobs(),
                r.turned() == null ? List.of() : r.turned(), r.chosen(), r.results());
    }

    /** The README's first heading without its "Lesson NN:" prefix, capitalised. */
    static String readmeTitle(Path readme, String fallback) {
        try {
            Matcher m = README_TITLE.matcher(Files.readString(readme));
            if (m.find()) {
                String t = m.group(1).trim();
                return t.substring(0, 1).toUpperCase(Locale.ROOT) + t.substring(1);
            }
        } catch (IOException | UncheckedIOException e) {
            // fall back to the course's title
        }
        return fallback;
    }

    static String mainClass(Path pom) {
        try {
            Matcher m = MAIN_CLASS.matcher(Files.readString(pom));
            return m.find() ? m.group(1) : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static List<Path> javaSources(Path dir, Path root) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(p -> p.toString().endsWith(".java") && !p.getFileName().toString().equals("package-info.java"))
                    .sorted().map(p -> root.relativize(p.toAbsolutePath().normalize())).toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    private static List<Path> dataFiles(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".json")
                    && !p.getFileName().toString().equals("result.json")).sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    private static List<String> list(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    private static boolean notBlank(String s) {
        return s != null && !s.isBlank();
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }
}
