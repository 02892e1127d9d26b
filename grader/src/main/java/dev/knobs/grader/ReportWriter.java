package dev.knobs.grader;

import dev.knobs.grader.checks.CheckResult;
import dev.knobs.nn.io.AtomicFiles;
import dev.knobs.nn.io.Json;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;

/** Writes a submission's {@code report.json} and {@code report.html}, each atomically. */
final class ReportWriter {
    private ReportWriter() {}

    /** Writes both reports of {@code report} into {@code folder}. */
    static void write(SubmissionReport report, Path folder) {
        Json.write(folder.resolve("report.json"), report);
        AtomicFiles.write(folder.resolve("report.html"), html(report).getBytes(StandardCharsets.UTF_8));
    }

    /** The report as a page a student can read. */
    static String html(SubmissionReport r) {
        StringBuilder s = new StringBuilder();
        s.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Grades: ").append(esc(r.student()))
                .append("</title>\n<style>body{font-family:sans-serif;max-width:60em;margin:2em auto}"
                        + "table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.3em .6em;text-align:left}"
                        + ".ok{color:#070}.no{color:#a00}pre{white-space:pre-wrap}</style></head><body>\n");
        s.append("<h1>Exercises of ").append(esc(r.student())).append("</h1>\n<p>")
                .append(String.format(Locale.ROOT, "%.1f of %d points", r.points(), r.maxPoints()))
                .append(", graded ").append(esc(r.gradedAt())).append(" from <code>").append(esc(r.submission()))
                .append("</code>.</p>\n<table><tr><th>exercise</th><th>points</th><th>checks</th><th>status</th></tr>\n");
        for (ExerciseResult e : r.exercises()) {
            s.append("<tr><td><a href=\"#ex-").append(esc(e.id())).append("\">").append(esc(e.id())).append(' ')
                    .append(esc(e.title())).append("</a></td><td>").append(e.points()).append("</td><td>")
                    .append(e.passed()).append(" / ").append(e.total()).append("</td><td>").append(esc(e.status()))
                    .append("</td></tr>\n");
        }
        s.append("</table>\n");
        for (ExerciseResult e : r.exercises()) {
            s.append("<h2 id=\"ex-").append(esc(e.id())).append("\">").append(esc(e.id())).append(' ').append(esc(e.title()))
                    .append("</h2>\n");
            if (!e.note().isEmpty()) {
                s.append("<pre class=\"no\">").append(esc(e.note())).append("</pre>\n");
            }
            s.append("<ul>\n");
            for (CheckResult c : e.checks()) {
                s.append("<li class=\"").append(c.passed() ? "ok" : "no").append("\">").append(c.passed() ? "passed: " : "failed: ")
                        .append(esc(c.name()));
                if (!c.passed()) {
                    s.append("<pre>").append(esc(c.message())).append("</pre>");
                }
                s.append("</li>\n");
            }
            s.append("</ul>\n");
        }
        return s.append("</body></html>\n").toString();
    }

    /** Text made safe for HTML. */
    static String esc(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
