package dev.knobs.site.render;

import dev.knobs.site.inputs.GradeReport;
import dev.knobs.site.inputs.LessonOutput;
import dev.knobs.site.rubric.Requirement;
import dev.knobs.site.rubric.Status;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The rubric: one row per requirement with its lessons, evidence, a thumbnail of the plot that
 * shows it, and the computed status.
 */
public final class RubricPage {
    private final Templates templates;

    /** A page builder filling the {@code rubric} template. */
    public RubricPage(Templates templates) {
        this.templates = templates;
    }

    /** The rubric page without a student's grades. */
    public PageWriter.Page page(List<Requirement> rubric, List<LessonOutput> lessons) {
        return page(rubric, lessons, null);
    }

    /**
     * The rubric page; with {@code grades} (not null) a section next to the project's evidence shows that
     * student's points per exercise and links the copied {@code report.html}, or says the report could not be read.
     */
    public PageWriter.Page page(List<Requirement> rubric, List<LessonOutput> lessons, GradeReport grades) {
        Map<String, LessonOutput> byId = lessons.stream().collect(Collectors.toMap(LessonOutput::id, Function.identity()));
        List<View> rows = new ArrayList<>();
        for (Requirement r : rubric) {
            List<View> links = new ArrayList<>();
            for (String id : r.lessons()) {
                if (id.equals("tribuo-port")) {
                    links.add(View.of().with("href", "tribuo/index.html").with("label", "Tribuo port"));
                } else {
                    LessonOutput l = byId.get(id);
                    links.add(View.of().with("href", SiteMap.lessonPage(id))
                            .with("label", id.substring(0, 2) + " " + (l != null ? l.title() : id)));
                }
            }
            View row = View.of()
                    .with("id", r.id())
                    .with("requirement", r.requirement())
                    .with("lookFor", r.lookFor())
                    .with("lessons", links)
                    .with("status", r.status().label())
                    .with("statusClass", r.status().cssClass())
                    .with("detail", r.detail())
                    .with("smoke", r.smoke())
                    .with("evidence", r.evidence());
            if (r.thumbnail() != null) {
                Requirement.Thumbnail t = r.thumbnail();
                String page = t.lessonId().startsWith("tribuo/")
                        ? SiteMap.experimentPage(t.lessonId().substring("tribuo/".length()))
                        : SiteMap.lessonPage(t.lessonId());
                row.with("thumb", View.of().with("src", SiteMap.thumbnailPath(t.lessonId(), t.file()))
                        .with("alt", t.alt()).with("title", t.title()).with("page", page));
            }
            rows.add(row);
        }
        View v = View.of()
                .with("rows", rows)
                .with("met", count(rubric, Status.MET))
                .with("notMet", count(rubric, Status.NOT_MET))
                .with("notGraded", count(rubric, Status.SMOKE) + count(rubric, Status.OTHER_DATA))
                .with("notRun", count(rubric, Status.NOT_RUN))
                .with("total", rubric.size())
                .with("anySmoke", rubric.stream().anyMatch(Requirement::smoke))
                .with("grades", grades == null ? null : gradesView(grades));
        return new PageWriter.Page("Rubric", "Every requirement of the assignment, with measured evidence and a computed status.",
                "rubric", null, templates.render("rubric", v), false, false, List.of(), List.of());
    }

    /** The grade section's values. */
    static View gradesView(GradeReport g) {
        View v = View.of()
                .with("folder", g.folder().getFileName() != null ? g.folder().getFileName().toString() : g.folder().toString())
                .with("problem", g.problem())
                .with("reportHref", g.html() != null ? SiteMap.GRADE_REPORT : null);
        if (!g.ok()) {
            return v;
        }
        List<View> rows = new ArrayList<>();
        for (GradeReport.Row r : g.exercises()) {
            String lesson = dev.knobs.grader.Exercises.ALL.stream().filter(e -> e.id().equals(r.id()))
                    .map(dev.knobs.grader.Exercise::lesson).findFirst().orElse(null);
            rows.add(View.of()
                    .with("id", r.id())
                    .with("title", r.title())
                    .with("status", r.status())
                    .with("checks", r.passed() + " of " + r.total())
                    .with("points", Format.points(r.points()))
                    .with("full", r.points() >= dev.knobs.grader.ExerciseResult.MAX_POINTS)
                    .with("note", r.note().isBlank() ? null : r.note())
                    .with("href", lesson != null ? SiteMap.exercisesPage(lesson) + "#exercise-" + r.id().replace('.', '-') : null));
        }
        return v.with("student", g.student())
                .with("gradedAt", g.gradedAt().isBlank() ? null : Format.date(g.gradedAt()))
                .with("points", Format.points(g.points()))
                .with("maxPoints", g.maxPoints())
                .with("count", rows.size())
                .with("rows", rows);
    }

    private static long count(List<Requirement> rubric, Status s) {
        return rubric.stream().filter(r -> r.status() == s).count();
    }
}
