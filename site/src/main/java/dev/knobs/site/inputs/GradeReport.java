package dev.knobs.site.inputs;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One student's grades, read from the {@code report.json} the grader wrote in a grading folder
 * (the format of the grader's {@code SubmissionReport} and {@code ExerciseResult}). Reading never
 * throws: a missing or malformed report gives a report with a {@link #problem}.
 *
 * @param folder    the grading folder that was read
 * @param student   the student's name
 * @param gradedAt  when the submission was graded (ISO-8601), or empty
 * @param points    points earned
 * @param maxPoints points available
 * @param exercises one row per exercise, in the report's order
 * @param html      the folder's {@code report.html}, or null when there is none
 * @param problem   why the report could not be read, or null when it was
 */
public record GradeReport(Path folder, String student, String gradedAt, double points, int maxPoints,
                          List<Row> exercises, Path html, String problem) {

    /**
     * One exercise's grade.
     *
     * @param id     e.g. {@code 07.1}
     * @param title  the exercise's title
     * @param status {@code graded}, {@code missing}, {@code not compiled}, {@code timed out} or {@code crashed}
     * @param passed checks passed
     * @param total  checks run
     * @param points points earned (out of {@code maxPoints} per exercise)
     * @param note   what went wrong outside the checks, or empty
     */
    public record Row(String id, String title, String status, int passed, int total, double points, String note) {}

    /** Reads {@code folder/report.json}. */
    public static GradeReport read(Path folder) {
        Path json = folder.resolve("report.json");
        Path html = folder.resolve("report.html");
        Path shownHtml = Files.isRegularFile(html) ? html : null;
        try {
            if (!Files.isRegularFile(json)) {
                return failed(folder, shownHtml, "no report.json in " + folder);
            }
            JsonObject o = JsonParser.parseString(Files.readString(json, StandardCharsets.UTF_8)).getAsJsonObject();
            List<Row> rows = new ArrayList<>();
            for (JsonElement e : o.getAsJsonArray("exercises")) {
                JsonObject x = e.getAsJsonObject();
                rows.add(new Row(string(x, "id"), string(x, "title"), string(x, "status"), x.get("passed").getAsInt(),
                        x.get("total").getAsInt(), x.get("points").getAsDouble(), string(x, "note")));
            }
            return new GradeReport(folder, string(o, "student"), string(o, "gradedAt"), o.get("points").getAsDouble(),
                    o.get("maxPoints").getAsInt(), List.copyOf(rows), shownHtml, null);
        } catch (Exception e) {
            return failed(folder, shownHtml, json + " is not a grade report the site can read ("
                    + e.getClass().getSimpleName() + (e.getMessage() != null ? ": " + e.getMessage() : "") + ")");
        }
    }

    private static GradeReport failed(Path folder, Path html, String problem) {
        return new GradeReport(folder, folder.getFileName() != null ? folder.getFileName().toString() : "", "", 0, 0,
                List.of(), html, problem);
    }

    private static String string(JsonObject o, String key) {
        JsonElement e = o.get(key);
        if (e == null || e.isJsonNull()) {
            if (key.equals("id")) {
                throw new IllegalStateException("an exercise without an id");
            }
            return "";
        }
        return e.getAsString();
    }

    /** Whether the report was read. */
    public boolean ok() {
        return problem == null;
    }
}
