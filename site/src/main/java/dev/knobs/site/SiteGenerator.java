package dev.knobs.site;

import dev.knobs.nn.io.AtomicFiles;
import dev.knobs.site.digit.DigitData;
import dev.knobs.site.digit.WeightExport;
import dev.knobs.site.inputs.Course;
import dev.knobs.site.inputs.ExerciseSource;
import dev.knobs.site.inputs.GradeReport;
import dev.knobs.site.inputs.LessonOutput;
import dev.knobs.site.inputs.LessonRuns;
import dev.knobs.site.inputs.OutputReader;
import dev.knobs.site.inputs.RunsReader;
import dev.knobs.site.render.Assets;
import dev.knobs.site.render.CodePage;
import dev.knobs.site.render.ComparisonPage;
import dev.knobs.site.render.DigitPage;
import dev.knobs.site.render.ExercisesPage;
import dev.knobs.site.render.Format;
import dev.knobs.site.render.HomePage;
import dev.knobs.site.render.LessonPage;
import dev.knobs.site.render.PageWriter;
import dev.knobs.site.render.RubricPage;
import dev.knobs.site.render.RunsPage;
import dev.knobs.site.render.SearchPage;
import dev.knobs.site.render.SiteMap;
import dev.knobs.site.render.Templates;
import dev.knobs.site.render.TribuoPages;
import dev.knobs.site.rubric.Requirement;
import dev.knobs.site.rubric.RubricRules;
import dev.knobs.site.rubric.Status;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the course site from the lessons' reference runs.
 *
 * <pre>
 *   mvn -pl site exec:java                          the site of whatever lesson outputs exist
 *   ... -Dexec.args="--out DIR --output 07-dropout=DIR --runs 07-dropout=DIR --tribuo-output DIR --model FILE --data-dir DIR"
 * </pre>
 *
 * <p>The steps: read every lesson's README and {@code result.json}, and its kept runs; evaluate
 * the rubric; copy the run files and the shipped assets; export the lesson-12 model for the digit
 * page; write the pages, with each lesson's runs, their comparisons and the searches they kept. Everything goes to a staging folder that replaces the site only when complete.
 * A missing or broken lesson output never fails the build: its page says what to run.
 */
public final class SiteGenerator {

    /** What was written, for the caller's message and for tests. */
    public record Summary(Path index, int lessons, int lessonsRun, int experiments, List<Requirement> rubric,
                          boolean digitModel, List<String> pages, GradeReport grades) {}

    private final SiteConfig config;
    private final Templates templates = new Templates();

    /** A generator for {@code config}. */
    public SiteGenerator(SiteConfig config) {
        this.config = config;
    }

    /** Runs the generator with the flags of {@link SiteCommand}; exits with 2 on a bad flag, 1 when the site cannot be written. */
    public static void main(String[] args) {
        SiteConfig config;
        try {
            config = parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            System.err.println("Run with --help to see the flags.");
            System.exit(2);
            return;
        }
        if (config == null) {
            System.out.print(SiteCommand.usage());
            return;
        }
        try {
            Summary s = new SiteGenerator(config).generate();
            long met = s.rubric().stream().filter(r -> r.status() == Status.MET).count();
            System.out.printf("Site: %d of %d lessons run, %d Tribuo experiments, rubric %d of %d met, %d pages.%n",
                    s.lessonsRun(), s.lessons(), s.experiments(), met, s.rubric().size(), s.pages().size());
            System.out.println("Open " + s.index());
        } catch (IOException | UncheckedIOException e) {
            System.err.println("error: could not write the site to " + config.out() + ": " + e.getMessage());
            System.exit(1);
        }
    }

    /** Reads the flags (see {@link SiteCommand}); null when help was asked for. */
    static SiteConfig parse(String[] args) {
        return SiteCommand.parse(args);
    }

    /** Writes the whole site and returns what was written. */
    public Summary generate() throws IOException {
        List<LessonOutput> lessons = OutputReader.lessons(config);
        List<LessonRuns> runs = lessons.stream().map(l -> RunsReader.read(config, l.id())).toList();
        List<LessonOutput> experiments = OutputReader.experiments(config.tribuoOutputDir(), config.root());
        List<Requirement> rubric = RubricRules.evaluate(lessons, experiments, config.root());
        SiteMap map = new SiteMap(lessons, experiments);

        Path site = config.out();
        Path staging = site.resolveSibling(site.getFileName() + ".partial");
        AtomicFiles.deleteTree(staging);
        Files.createDirectories(staging);
        Assets.copy(staging);
        for (LessonOutput l : lessons) {
            copyRunFiles(l, staging.resolve(SiteMap.runDir(l.id())));
        }
        for (LessonOutput e : experiments) {
            copyRunFiles(e, staging.resolve(SiteMap.runDir(SiteMap.experimentKey(e.id()))));
        }

        String generated = Format.date(Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        PageWriter writer = new PageWriter(staging, templates, lessons, experiments, generated);
        List<String> pages = new ArrayList<>();
        boolean tribuoRan = experiments.stream().anyMatch(LessonOutput::ran);
        write(writer, pages, "index.html", new HomePage(templates).page(lessons, rubric, tribuoRan));
        LessonPage lessonPage = new LessonPage(templates, map);
        CodePage codePage = new CodePage(templates);
        RunsPage runsPage = new RunsPage(templates, config.root());
        ComparisonPage comparisonPage = new ComparisonPage(templates);
        SearchPage searchPage = new SearchPage(templates);
        ExercisesPage exercisesPage = new ExercisesPage(templates);
        for (int i = 0; i < lessons.size(); i++) {
            LessonOutput l = lessons.get(i);
            List<SearchPage.Entry> searches = SearchPage.entries(l, runs.get(i));
            List<ExerciseSource> exercises = ExerciseSource.of(config.root(), l.id());
            write(writer, pages, SiteMap.lessonPage(l.id()), lessonPage.page(lessons, i, runs.get(i), searches,
                    exercises.stream().map(ExerciseSource::id).toList()));
            if (!exercises.isEmpty()) {
                write(writer, pages, SiteMap.exercisesPage(l.id()), exercisesPage.page(l, exercises,
                        ExercisesPage.usesExercises(config.root(), l.id())));
            }
            write(writer, pages, SiteMap.runsPage(l.id()), runsPage.page(l, runs.get(i), searches));
            for (SearchPage.Entry s : searches) {
                write(writer, pages, s.page(), searchPage.page(l, s, searches, staging));
            }
            if (runs.get(i).comparable()) {
                write(writer, pages, SiteMap.comparePage(l.id()), comparisonPage.lesson(l, runs.get(i), staging));
            }
            for (Path source : l.sources()) {
                write(writer, pages, map.codePage(source), codePage.page(l, source, config.root()));
            }
        }
        write(writer, pages, SiteMap.COURSE_COMPARE, comparisonPage.course(lessons, runs, staging));
        GradeReport grades = config.grades() == null ? null : GradeReport.read(config.grades());
        if (grades != null) {
            if (!grades.ok()) {
                System.out.println("Grade report not shown: " + grades.problem());
            }
            if (grades.html() != null) {
                Path copy = staging.resolve(SiteMap.GRADE_REPORT);
                Files.createDirectories(copy.getParent());
                Files.copy(grades.html(), copy, StandardCopyOption.REPLACE_EXISTING);
            }
        }
        write(writer, pages, "rubric.html", new RubricPage(templates).page(rubric, lessons, grades));
        boolean model = writeDigitPage(writer, pages, staging, lessons);
        TribuoPages tribuo = new TribuoPages(templates, map);
        write(writer, pages, "tribuo/index.html",
                tribuo.index(config.root().resolve("tribuo-port").resolve("README.md"), experiments, lessons));
        for (LessonOutput e : experiments) {
            write(writer, pages, SiteMap.experimentPage(e.id()), tribuo.experiment(e));
        }

        AtomicFiles.replaceDirectory(staging, site);
        int run = (int) lessons.stream().filter(LessonOutput::ran).count();
        return new Summary(site.resolve("index.html"), lessons.size(), run, experiments.size(), rubric, model, pages, grades);
    }

    private boolean writeDigitPage(PageWriter writer, List<String> pages, Path staging, List<LessonOutput> lessons)
            throws IOException {
        LessonOutput l12 = lessons.stream().filter(l -> l.id().equals(Course.MODEL_LESSON)).findFirst().orElse(null);
        Path modelFile = config.model() != null ? config.model() : config.lessonOutput(Course.MODEL_LESSON).resolve("model.knobs");
        DigitData data = DigitData.load(modelFile, config.mnistDir());
        String accuracy = null;
        String mode = null;
        if (l12 != null && l12.ran() && config.model() == null) {
            accuracy = Format.percent(l12.result().testAccuracy());
            mode = l12.mode();
        }
        String source = config.model() == null ? "lessons/" + Course.MODEL_LESSON + "/runs/"
                + config.lessonOutput(Course.MODEL_LESSON).getFileName() + "/model.knobs"
                : modelFile.getFileName().toString();
        if (data.model() != null) {
            Map<String, Object> origin = new LinkedHashMap<>();
            origin.put("file", source);
            origin.put("testAccuracy", l12 != null && l12.ran() && config.model() == null ? l12.result().testAccuracy() : null);
            origin.put("mode", mode);
            Files.writeString(staging.resolve("assets/model.js"), WeightExport.modelScript(data.model(), origin), StandardCharsets.UTF_8);
            Files.writeString(staging.resolve("assets/digits.js"), WeightExport.digitsScript(data.digits(), data.model()),
                    StandardCharsets.UTF_8);
        }
        write(writer, pages, "digit.html", new DigitPage(templates).page(data.model(), data.problem(), source,
                accuracy != null ? accuracy : "not recorded", mode != null ? mode : "unknown", data.digits()));
        return data.model() != null;
    }

    private static void write(PageWriter writer, List<String> pages, String path, PageWriter.Page page) throws IOException {
        writer.write(path, page);
        pages.add(path);
    }

    /** Copies a run's figures (PNG and SVG), {@code result.json} and JSON data files. */
    private static void copyRunFiles(LessonOutput run, Path target) throws IOException {
        if (!run.ran()) {
            return;
        }
        Files.createDirectories(target);
        List<Path> files = new ArrayList<>();
        files.add(run.outputDir().resolve("result.json"));
        files.addAll(run.dataFiles());
        run.result().figures().forEach(f -> {
            files.add(run.outputDir().resolve(f.file()));
            if (f.svg() != null) {
                files.add(run.outputDir().resolve(f.svg()));
            }
        });
        for (Path f : files) {
            Files.copy(f, target.resolve(f.getFileName().toString()), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Replaces {@code site} by the finished {@code staging} folder. */
}
