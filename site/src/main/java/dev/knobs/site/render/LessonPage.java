package dev.knobs.site.render;

import dev.knobs.site.inputs.Course;
import dev.knobs.site.inputs.KeptRun;
import dev.knobs.site.inputs.LessonOutput;
import dev.knobs.site.inputs.LessonRuns;
import dev.knobs.site.markdown.LinkRewriter;
import dev.knobs.site.markdown.MarkdownRenderer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A lesson's page: its README with the run's figures in place, then "This run" (tables,
 * remaining figures, metrics, provenance, files), previous/next links, and links to the lesson's
 * kept runs and their comparison. A lesson that has not run gets a page that says so and gives the
 * command; the README is still shown when it exists.
 */
public final class LessonPage {
    private final Templates templates;
    private final SiteMap map;
    private final MarkdownRenderer markdown = new MarkdownRenderer();

    public LessonPage(Templates templates, SiteMap map) {
        this.templates = templates;
        this.map = map;
    }

    /** The command that runs one lesson. */
    public static String command(String id) {
        return "mvn -pl lessons/" + id + " exec:java";
    }

    /** Builds the page of {@code lessons.get(index)}, whose kept runs are {@code runs} and keep no search. */
    public PageWriter.Page page(List<LessonOutput> lessons, int index, LessonRuns runs) throws IOException {
        return page(lessons, index, runs, List.of());
    }

    /**
     * Builds the page of {@code lessons.get(index)}, whose kept runs are {@code runs}, linking the pages of
     * the searches those runs kept.
     */
    public PageWriter.Page page(List<LessonOutput> lessons, int index, LessonRuns runs, List<SearchPage.Entry> searches)
            throws IOException {
        return page(lessons, index, runs, searches, List.of());
    }

    /**
     * Builds the page of {@code lessons.get(index)} linking the searches its runs kept and, when
     * {@code exerciseIds} is not empty, the page of its exercises.
     */
    public PageWriter.Page page(List<LessonOutput> lessons, int index, LessonRuns runs, List<SearchPage.Entry> searches,
                                List<String> exerciseIds) throws IOException {
        LessonOutput l = lessons.get(index);
        String pagePath = SiteMap.lessonPage(l.id());
        MarkdownRenderer.Rendered readme = null;
        if (l.readme() != null) {
            LinkRewriter rewriter = new LinkRewriter("lessons/" + l.id(), pagePath, map);
            readme = markdown.render(Files.readString(l.readme()), rewriter, map);
        }
        String title = l.title();
        View v = View.of()
                .with("id", l.id())
                .with("number", l.number())
                .with("count", Course.LESSONS.size())
                .with("title", title)
                .with("readmeTitle", readme != null && readme.title() != null ? readme.title() : "Lesson " + l.number() + ": " + title)
                .with("readme", readme != null ? readme.html() : null)
                .with("ran", l.ran())
                .with("missing", !l.ran() && l.problem() == null)
                .with("problem", l.problem())
                .with("command", command(l.id()))
                .with("smokeCommand", command(l.id()) + " -Dexec.args=\"--mode smoke\"")
                .with("code", codeLinks(l, pagePath))
                .with("exercises", exerciseIds.isEmpty() ? null : View.of()
                        .with("href", LinkRewriter.relative(pagePath, SiteMap.exercisesPage(l.id())))
                        .with("ids", String.join(", ", exerciseIds)))
                .with("runs", runsLinks(l, runs, pagePath)
                        .with("searches", searches.stream().filter(SearchPage.Entry::shown).map(e -> View.of()
                                .with("label", e.label()).with("href", LinkRewriter.relative(pagePath, e.page()))).toList()));
        Set<String> shown = readme != null ? readme.figuresShown() : Set.of();
        if (l.ran()) {
            v.with("run", RunView.of(l, l.id(), pagePath, map, shown));
            v.with("dataset", Format.dataset(l.result().provenance() != null ? l.result().provenance().dataset() : null));
        }
        if (index > 0) {
            LessonOutput p = lessons.get(index - 1);
            v.with("prev", View.of().with("href", p.id() + ".html").with("title", p.title()).with("number", p.number()));
        }
        if (index + 1 < lessons.size()) {
            LessonOutput n = lessons.get(index + 1);
            v.with("next", View.of().with("href", n.id() + ".html").with("title", n.title()).with("number", n.number()));
        }
        List<MarkdownRenderer.Heading> toc = new ArrayList<>(readme != null ? readme.headings() : List.of());
        if (l.ran()) {
            toc.add(new MarkdownRenderer.Heading(2, "This run", "this-run"));
        }
        String description = l.ran() ? l.result().headline() : "Lesson " + l.number() + " of the Knobs course: " + title + ".";
        return new PageWriter.Page("Lesson " + l.number() + ": " + title, description, "lesson", l.id(),
                templates.render("lesson", v), true, true, toc, List.of());
    }

    /** "This page shows run X; N runs kept: see them, compare them." */
    private static View runsLinks(LessonOutput l, LessonRuns runs, String pagePath) {
        int n = runs.runs().size();
        return View.of()
                .with("count", n)
                .with("any", n > 0)
                .with("plural", n != 1)
                .with("shown", runs.shown().map(KeptRun::name).orElse(null))
                .with("href", LinkRewriter.relative(pagePath, SiteMap.runsPage(l.id())))
                .with("compareHref", runs.comparable() ? LinkRewriter.relative(pagePath, SiteMap.comparePage(l.id())) : null);
    }

    private List<View> codeLinks(LessonOutput l, String pagePath) {
        List<View> links = new ArrayList<>();
        for (Path source : l.sources()) {
            String page = map.codePage(source);
            if (page != null) {
                links.add(View.of().with("name", source.getFileName().toString())
                        .with("href", LinkRewriter.relative(pagePath, page)));
            }
        }
        return links;
    }
}
