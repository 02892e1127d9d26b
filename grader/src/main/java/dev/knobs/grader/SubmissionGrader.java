package dev.knobs.grader;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import dev.knobs.nn.io.AtomicFiles;

/**
 * Grades one submission: copies its exercise sources into the grading folder, compiles them
 * there lesson by lesson (file by file when a lesson does not compile, so one broken file costs
 * only its own exercise), runs each exercise's checks in a JVM of its own, and writes the report.
 * The grading folder is filled under another name and swapped in when complete.
 */
final class SubmissionGrader {
    private final SourceCompiler compiler = new SourceCompiler();
    private final IsolatedRunner runner;
    private final PrintStream out;

    /**
     * @param runner how each exercise's checks are run
     * @param out    where progress lines go
     */
    SubmissionGrader(IsolatedRunner runner, PrintStream out) {
        this.runner = runner;
        this.out = out;
    }

    /** Grades {@code submission}'s {@code exercises} into {@code gradingRoot/<student>/} and returns the report. */
    SubmissionReport grade(Submission submission, List<Exercise> exercises, Path gradingRoot) {
        Path target = gradingRoot.toAbsolutePath().normalize().resolve(submission.student());
        if (target.startsWith(submission.root()) || submission.root().startsWith(target)) {
            throw new GraderException("the grading folder " + target + " overlaps the submission " + submission.root()
                    + ": the grader never writes into a submission; choose another --out");
        }
        Path staging = target.resolveSibling(target.getFileName() + ".partial");
        try {
            AtomicFiles.deleteTree(staging);
            Files.createDirectories(staging);
            out.println("Grading " + submission.student() + " (" + submission.root() + ")");
            Map<String, Map<String, String>> compileErrors = new HashMap<>();
            Map<String, List<Exercise>> byLesson = new LinkedHashMap<>();
            for (Exercise e : exercises) {
                byLesson.computeIfAbsent(e.lesson(), k -> new ArrayList<>()).add(e);
            }
            for (Map.Entry<String, List<Exercise>> lesson : byLesson.entrySet()) {
                compileErrors.put(lesson.getKey(), copyAndCompile(submission, lesson.getValue().get(0), staging));
            }
            List<ExerciseResult> results = new ArrayList<>();
            for (Exercise e : exercises) {
                ExerciseResult r = gradeOne(submission, e, staging, compileErrors.get(e.lesson()));
                results.add(r);
                out.printf("  %-5s %-40s %5.1f / %d  %s%n", e.id(), e.title(), r.points(), ExerciseResult.MAX_POINTS,
                        r.status().equals("graded") ? r.passed() + "/" + r.total() + " checks" : r.status());
            }
            SubmissionReport report = SubmissionReport.of(submission.student(), submission.root().toString(),
                    Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(), results);
            ReportWriter.write(report, staging);
            AtomicFiles.replaceDirectory(staging, target);
            out.printf("  total %.1f / %d; report: %s%n", report.points(), report.maxPoints(), target.resolve("report.html"));
            return report;
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the grading folder " + target + ": " + e.getMessage(), e);
        }
    }

    private ExerciseResult gradeOne(Submission submission, Exercise e, Path staging, Map<String, String> errors) {
        if (!Files.isRegularFile(submission.root().resolve(e.sourceFile()))) {
            return ExerciseResult.failed(e, "missing", "no file " + e.sourceFile() + " in the submission");
        }
        Path classes = classesOf(staging, e);
        if (!Files.isRegularFile(classes.resolve(e.className().replace('.', '/') + ".class"))) {
            String relative = e.className().replace('.', '/') + ".java";
            String why = errors.getOrDefault(relative, String.join("; ", errors.values()));
            return ExerciseResult.failed(e, "not compiled", "does not compile: " + why);
        }
        return runner.run(e, classes, staging.resolve("work").resolve(e.id()));
    }

    private static Path classesOf(Path staging, Exercise e) {
        return staging.resolve("classes").resolve(e.lesson());
    }

    /**
     * Copies one lesson's exercise sources into the staging folder and compiles them; returns the
     * compiler's errors by source file (relative to the source root), empty when all compiled.
     */
    private Map<String, String> copyAndCompile(Submission submission, Exercise any, Path staging) throws IOException {
        List<Path> relative = submission.javaFiles(any.sourceRoot());
        Path copyRoot = staging.resolve("src").resolve(any.lesson());
        List<Path> copies = new ArrayList<>();
        for (Path r : relative) {
            Path copy = copyRoot.resolve(r.toString());
            Files.createDirectories(copy.getParent());
            Files.copy(submission.root().resolve(any.sourceRoot()).resolve(r.toString()), copy,
                    StandardCopyOption.REPLACE_EXISTING);
            copies.add(copy);
        }
        Map<String, String> errors = new HashMap<>();
        if (copies.isEmpty()) {
            return errors;
        }
        Path classes = classesOf(staging, any);
        List<String> all = compiler.compile(copies, classes);
        if (all.isEmpty()) {
            return errors;
        }
        AtomicFiles.deleteTree(classes);
        for (int i = 0; i < copies.size(); i++) {        // one at a time: a broken file costs only its own exercise
            List<String> one = compiler.compile(List.of(copies.get(i)), classes);
            if (!one.isEmpty()) {
                errors.put(relative.get(i).toString().replace('\\', '/'), String.join("; ", one));
            }
        }
        if (errors.isEmpty()) {
            errors.put("", String.join("; ", all));
        }
        return errors;
    }
}
