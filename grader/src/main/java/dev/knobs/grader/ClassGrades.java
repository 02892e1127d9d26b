package dev.knobs.grader;

import dev.knobs.nn.io.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * A class's grades: one {@code grades.csv} (a row per student, a column per exercise) and an
 * {@code index.html} linking each student's page.
 */
final class ClassGrades {
    private ClassGrades() {}

    /** The submissions in {@code folder}: every sub-folder not starting with a dot, by name. */
    static List<Path> submissions(Path folder) {
        if (!Files.isDirectory(folder)) {
            throw new GraderException("no folder " + folder.toAbsolutePath() + ": give a folder holding one clone per student");
        }
        try (Stream<Path> children = Files.list(folder)) {
            List<Path> found = children.filter(Files::isDirectory).filter(p -> !p.getFileName().toString().startsWith("."))
                    .sorted().toList();
            if (found.isEmpty()) {
                throw new GraderException("the folder " + folder.toAbsolutePath() + " holds no sub-folders: put one clone "
                        + "per student in it, named after the student");
            }
            return found;
        } catch (IOException e) {
            throw new UncheckedIOException("could not list " + folder + ": " + e.getMessage(), e);
        }
    }

    /** Writes {@code grades.csv} and {@code index.html} for {@code reports} into {@code gradingRoot}. */
    static void write(List<SubmissionReport> reports, List<Exercise> exercises, Path gradingRoot) {
        List<String> lines = new ArrayList<>();
        StringBuilder header = new StringBuilder("student,points,max_points");
        exercises.forEach(e -> header.append(",").append(e.id()));
        lines.add(header.toString());
        StringBuilder html = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<title>Class grades</title></head><body>\n<h1>Class grades</h1>\n<ul>\n");
        for (SubmissionReport r : reports) {
            StringBuilder row = new StringBuilder(csv(r.student())).append(',')
                    .append(String.format(Locale.ROOT, "%.1f", r.points())).append(',').append(r.maxPoints());
            r.exercises().forEach(e -> row.append(',').append(String.format(Locale.ROOT, "%.1f", e.points())));
            lines.add(row.toString());
            html.append("<li><a href=\"").append(ReportWriter.esc(r.student())).append("/report.html\">")
                    .append(ReportWriter.esc(r.student())).append("</a>: ")
                    .append(String.format(Locale.ROOT, "%.1f of %d", r.points(), r.maxPoints())).append("</li>\n");
        }
        html.append("</ul>\n</body></html>\n");
        AtomicFiles.write(gradingRoot.resolve("grades.csv"), (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
        AtomicFiles.write(gradingRoot.resolve("index.html"), html.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static String csv(String field) {
        return field.matches("[A-Za-z0-9._-]*") ? field : "\"" + field.replace("\"", "\"\"") + "\"";
    }
}
