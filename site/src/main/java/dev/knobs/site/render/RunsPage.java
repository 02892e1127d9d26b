package dev.knobs.site.render;

import dev.knobs.lessons.common.LessonResult;
import dev.knobs.site.inputs.KeptRun;
import dev.knobs.site.inputs.LessonOutput;
import dev.knobs.site.inputs.LessonRuns;
import dev.knobs.site.markdown.LinkRewriter;
import dev.knobs.site.markdown.MarkdownRenderer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A lesson's runs page: every kept run (name, mode, the knobs it turned, what it chose,
 * validation and test accuracy, time, the command that runs it again, every knob), the run the
 * lesson page shows first and marked so. Links to the comparison when there are two runs or more.
 */
public final class RunsPage {
    private final Templates templates;
    private final Path root;

    /** @param root the project root, against which the commands' paths are written */
    public RunsPage(Templates templates, Path root) {
        this.templates = templates;
        this.root = root;
    }

    /** The runs page of {@code lesson}, whose runs keep no search. */
    public PageWriter.Page page(LessonOutput lesson, LessonRuns runs) {
        return page(lesson, runs, List.of());
    }

    /** The runs page of {@code lesson}, each run linking the pages of the searches it kept ({@code searches}). */
    public PageWriter.Page page(LessonOutput lesson, LessonRuns runs, List<SearchPage.Entry> searches) {
        String pagePath = SiteMap.runsPage(lesson.id());
        List<View> entries = new ArrayList<>();
        List<MarkdownRenderer.Heading> toc = new ArrayList<>();
        for (KeptRun run : runs.runs()) {
            List<View> links = searches.stream()
                    .filter(e -> run.shown() ? e.shown() : !e.shown() && e.search().run().equals(run.name()))
                    .map(e -> View.of().with("label", e.label()).with("href", LinkRewriter.relative(pagePath, e.page())))
                    .toList();
            entries.add(entry(run).with("searches", links).with("hasSearches", !links.isEmpty()));
            toc.add(new MarkdownRenderer.Heading(2, run.name(), RunFacts.anchor(run)));
        }
        View v = View.of()
                .with("id", lesson.id())
                .with("number", lesson.number())
                .with("title", lesson.title())
                .with("lessonHref", LinkRewriter.relative(pagePath, SiteMap.lessonPage(lesson.id())))
                .with("compareHref", runs.comparable() ? LinkRewriter.relative(pagePath, SiteMap.comparePage(lesson.id())) : null)
                .with("courseCompareHref", LinkRewriter.relative(pagePath, SiteMap.COURSE_COMPARE))
                .with("count", runs.runs().size())
                .with("plural", runs.runs().size() != 1)
                .with("none", runs.runs().isEmpty())
                .with("folder", RunFacts.shown(runs.runsDir(), root))
                .with("shown", runs.shown().map(KeptRun::name).orElse(null))
                .with("shownAnchor", runs.shown().map(RunFacts::anchor).orElse(null))
                .with("shownIsReference", runs.shown().map(KeptRun::reference).orElse(false))
                .with("smokeCommand", LessonPage.command(lesson.id()) + " -Dexec.args=\"--mode smoke\"")
                .with("turnCommand", LessonPage.command(lesson.id()) + " -Dexec.args=\"--help\"")
                .with("runs", entries);
        return new PageWriter.Page("Runs of lesson " + lesson.number() + ": " + lesson.title(),
                "Every kept run of lesson " + lesson.number() + " of the Knobs course: the knobs turned, what each chose, "
                        + "its accuracy and the command that runs it again.",
                "lesson", lesson.id(), templates.render("runs", v), false, false, toc, List.of());
    }

    private View entry(KeptRun run) {
        LessonResult r = run.result();
        List<View> turned = RunFacts.turned(run);
        List<View> knobs = new ArrayList<>();
        r.knobs().forEach((k, value) -> knobs.add(View.of().with("name", k).with("value", value)));
        return View.of()
                .with("anchor", RunFacts.anchor(run))
                .with("name", run.name())
                .with("shown", run.shown())
                .with("reference", run.reference())
                .with("mode", run.mode())
                .with("date", r.provenance() != null ? Format.date(r.provenance().started()) : "unknown")
                .with("duration", Format.duration(r.seconds()))
                .with("test", Format.percent(r.testAccuracy()))
                .with("validation", RunFacts.validation(run))
                .with("chosen", RunFacts.chosen(run))
                .with("turned", turned)
                .with("noneTurned", turned.isEmpty())
                .with("headline", r.headline())
                .with("command", RunFacts.command(run, root))
                .with("fromKnobFile", run.knobFile() != null)
                .with("folder", RunFacts.shown(run.folder(), root))
                .with("knobs", knobs)
                .with("hasKnobs", !knobs.isEmpty());
    }
}
