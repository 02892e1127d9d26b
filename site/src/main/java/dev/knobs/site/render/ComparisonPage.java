package dev.knobs.site.render;

import dev.knobs.lessons.common.LessonResult;
import dev.knobs.lessons.common.RunComparison;
import dev.knobs.site.inputs.KeptRun;
import dev.knobs.site.inputs.LessonOutput;
import dev.knobs.site.inputs.LessonRuns;
import dev.knobs.site.markdown.LinkRewriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Kept runs side by side: the table of {@link RunComparison} (the knobs that differ, what each
 * run chose, validation and test accuracy, seconds) and the chosen configurations' curves
 * overlaid, as interactive charts with pictures for when JavaScript is off. One page per lesson
 * with two runs or more, and one across the course.
 *
 * <p>The course page compares runs of different lessons on the metric they share, validation
 * accuracy per epoch: the run each lesson page shows and every run kept with a knob turned, of the
 * lessons that keep a validation set. Its table keeps the knobs every compared run has (epochs,
 * learning rate, ...); knobs of one lesson only are on that lesson's pages.
 */
public final class ComparisonPage {
    /** The table as CSV, next to the page. */
    static final String CSV_FILE = "comparison.csv";

    private final Templates templates;

    public ComparisonPage(Templates templates) {
        this.templates = templates;
    }

    /** The comparison of {@code runs} (two or more), writing its chart files next to the page in {@code site}. */
    public PageWriter.Page lesson(LessonOutput lesson, LessonRuns runs, Path site) throws IOException {
        String pagePath = SiteMap.comparePage(lesson.id());
        View v = compared(runs.runs(), pagePath, site, false)
                .with("kicker", "Lesson " + lesson.number() + " · comparison")
                .with("heading", "Comparing the runs of lesson " + lesson.number() + ": " + lesson.title())
                .with("lessonHref", LinkRewriter.relative(pagePath, SiteMap.lessonPage(lesson.id())))
                .with("runsHref", LinkRewriter.relative(pagePath, SiteMap.runsPage(lesson.id())))
                .with("courseHref", LinkRewriter.relative(pagePath, SiteMap.COURSE_COMPARE))
                .with("cliCommand", "mvn -q -pl tools exec:java -Dexec.args=\"compare " + lesson.id() + "\"");
        return page("Comparing the runs of lesson " + lesson.number() + ": " + lesson.title(),
                "The kept runs of lesson " + lesson.number() + " of the Knobs course side by side.", "lesson", lesson.id(),
                pagePath, v, !runs.runs().isEmpty());
    }

    /** The comparison across the course, writing its chart files next to the page in {@code site}. */
    public PageWriter.Page course(List<LessonOutput> lessons, List<LessonRuns> all, Path site) throws IOException {
        String pagePath = SiteMap.COURSE_COMPARE;
        List<KeptRun> compared = new ArrayList<>();
        List<View> leftOut = new ArrayList<>();
        for (LessonRuns runs : all) {
            for (KeptRun r : runs.runs()) {
                if (!r.shown() && r.reference()) {
                    continue;                                   // the defaults again, in a mode the lesson page does not show
                }
                if (ComparisonCharts.validation(List.of(r)) && r.hasCurves()) {
                    compared.add(r);
                } else {
                    leftOut.add(View.of().with("label", RunFacts.label(r))
                            .with("href", LinkRewriter.relative(pagePath, SiteMap.runsPage(r.lesson()) + "#" + RunFacts.anchor(r)))
                            .with("why", r.result().chosen() == null || !r.hasCurves() ? "it recorded no chosen configuration with curves"
                                    : "it measured no validation accuracy (the run kept no validation set)"));
                }
            }
        }
        long lessonsCompared = compared.stream().map(KeptRun::lesson).distinct().count();
        boolean enough = lessonsCompared >= 2;
        View v = (enough ? compared(compared, pagePath, site, true) : View.of().with("enough", false))
                .with("kicker", "The course · comparison")
                .with("heading", "Runs of different lessons compared")
                .with("course", true)
                .with("lessonsCompared", lessonsCompared)
                .with("leftOut", leftOut)
                .with("hasLeftOut", !leftOut.isEmpty())
                .with("lessons", lessons.stream().map(l -> View.of().with("number", l.number()).with("title", l.title())
                        .with("href", LinkRewriter.relative(pagePath, SiteMap.runsPage(l.id())))).toList())
                .with("cliCommand", "mvn -q -pl tools exec:java -Dexec.args=\"compare 07-dropout 12-towards-99\"");
        return page("Runs of different lessons compared",
                "Runs of the lessons of the Knobs course side by side on the metric they share, validation accuracy.",
                "compare", null, pagePath, v, enough);
    }

    private PageWriter.Page page(String title, String description, String section, String lesson, String pagePath, View v,
                                 boolean withCharts) {
        boolean charts = withCharts && v.get("charts") instanceof List<?> list && !list.isEmpty();
        String folder = pagePath.substring(0, pagePath.lastIndexOf('/') + 1);
        List<String> scripts = charts ? List.of(Assets.UPLOT_JS, folder + ComparisonCharts.DATA_FILE, "assets/compare.js") : List.of();
        List<String> styles = charts ? List.of(Assets.UPLOT_CSS) : List.of();
        return new PageWriter.Page(title, description, section, lesson, templates.render("compare", v), false, true,
                List.of(), scripts, styles);
    }

    /** The table, the charts and the downloads of {@code runs}; writes the chart files and the CSV. */
    private static View compared(List<KeptRun> runs, String pagePath, Path site, boolean sharedKnobsOnly) throws IOException {
        Path folder = site.resolve(pagePath).getParent();
        Files.createDirectories(folder);
        RunComparison comparison = new RunComparison(runs.stream().map(KeptRun::asRun).toList());
        Files.writeString(folder.resolve(CSV_FILE), comparison.csv(), StandardCharsets.UTF_8);
        LessonResult.Table table = comparison.table().toResult();
        Set<Integer> dropped = sharedKnobsOnly ? unsharedKnobColumns(comparison, runs) : Set.of();
        List<String> columns = new ArrayList<>();
        for (int c = 0; c < table.columns().size(); c++) {
            if (!dropped.contains(c)) {
                columns.add(table.columns().get(c));
            }
        }
        int resultColumns = 4;                                  // chosen, validation accuracy, test accuracy, seconds
        List<View> rows = new ArrayList<>();
        for (int i = 0; i < runs.size(); i++) {
            KeptRun run = runs.get(i);
            List<String> row = table.rows().get(i);
            List<View> cells = new ArrayList<>();
            for (int c = 1; c < row.size(); c++) {
                if (!dropped.contains(c)) {
                    cells.add(View.of().with("text", row.get(c)).with("num", c >= row.size() - resultColumns + 1));
                }
            }
            rows.add(View.of()
                    .with("label", row.get(0))
                    .with("href", LinkRewriter.relative(pagePath, SiteMap.runsPage(run.lesson()) + "#" + RunFacts.anchor(run)))
                    .with("shown", run.shown() && !sharedKnobsOnly)
                    .with("cells", cells));
        }
        List<View> charts = new ArrayList<>();
        for (ComparisonCharts.Chart c : ComparisonCharts.write(runs, folder)) {
            int[] size = SiteMap.pngSize(folder.resolve(c.png()));
            charts.add(View.of().with("id", c.id()).with("png", c.png()).with("svg", c.svg()).with("title", c.title())
                    .with("alt", c.alt()).with("caption", c.caption())
                    .with("width", size[0] > 0 ? size[0] : null).with("height", size[1] > 0 ? size[1] : null));
        }
        boolean smoke = runs.stream().anyMatch(r -> r.mode().equals("smoke"));
        return View.of()
                .with("enough", true)
                .with("count", runs.size())
                .with("caption", table.title() + (dropped.isEmpty() ? "" : " (of the knobs every run has)"))
                .with("columns", columns.subList(1, columns.size()))
                .with("firstColumn", columns.get(0))
                .with("rows", rows)
                .with("charts", charts)
                .with("hasCharts", !charts.isEmpty())
                .with("csv", CSV_FILE)
                .with("smoke", smoke)
                .with("allSmoke", smoke && runs.stream().allMatch(r -> r.mode().equals("smoke")));
    }

    /** Columns of knobs that some of the runs do not have (runs of different lessons). */
    private static Set<Integer> unsharedKnobColumns(RunComparison comparison, List<KeptRun> runs) {
        Set<Integer> dropped = new HashSet<>();
        List<String> knobs = comparison.differingKnobs();
        for (int k = 0; k < knobs.size(); k++) {
            String knob = knobs.get(k);
            if (knob.equals("mode") || knob.equals("seed")) {
                continue;
            }
            boolean everyRun = runs.stream().map(r -> r.result().knobs()).allMatch((Map<String, String> m) -> m.containsKey(knob));
            if (!everyRun) {
                dropped.add(1 + k);
            }
        }
        return dropped;
    }
}
