package dev.knobs.site.render;

import dev.knobs.site.inputs.LessonMatcher;
import dev.knobs.site.inputs.LessonOutput;
import dev.knobs.site.markdown.LinkRewriter;
import dev.knobs.site.markdown.MarkdownRenderer;
import dev.knobs.site.markdown.SiteLinks;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Part 2's pages: {@code tribuo/index.html} with the tribuo-port README and the side-by-side
 * comparison of each from-scratch lesson with the Tribuo experiment that mirrors it, and one
 * page per experiment with its run.
 */
public final class TribuoPages {
    private final Templates templates;
    private final SiteMap map;
    private final MarkdownRenderer markdown = new MarkdownRenderer();

    public TribuoPages(Templates templates, SiteMap map) {
        this.templates = templates;
        this.map = map;
    }

    /** The overview page. */
    public PageWriter.Page index(Path readme, List<LessonOutput> experiments, List<LessonOutput> lessons) throws IOException {
        String pagePath = "tribuo/index.html";
        MarkdownRenderer.Rendered rendered = null;
        if (readme != null && Files.isRegularFile(readme)) {
            rendered = markdown.render(Files.readString(readme), new LinkRewriter("tribuo-port", pagePath, map), map);
        }
        Map<String, LessonOutput> byId = lessons.stream().collect(Collectors.toMap(LessonOutput::id, Function.identity()));
        List<View> pairs = new ArrayList<>();
        List<View> unmatched = new ArrayList<>();
        for (LessonOutput e : experiments) {
            String lessonId = LessonMatcher.lessonFor(e.id(), e.result());
            View tribuo = side(e, SiteMap.experimentKey(e.id()), e.id() + ".html", pagePath);
            if (lessonId == null || !byId.containsKey(lessonId)) {
                unmatched.add(tribuo);
                continue;
            }
            LessonOutput l = byId.get(lessonId);
            View scratch = side(l, l.id(), "../" + SiteMap.lessonPage(l.id()), pagePath);
            View pair = View.of().with("knob", l.number() + " " + l.title()).with("scratch", scratch).with("tribuo", tribuo);
            if (l.ran() && e.ran()) {
                double d = e.result().testAccuracy() - l.result().testAccuracy();
                pair.with("difference", (d >= 0 ? "+" : "") + String.format(java.util.Locale.ROOT, "%.2f", 100 * d) + " points");
            }
            pairs.add(pair);
        }
        View v = View.of()
                .with("readme", rendered != null ? rendered.html() : null)
                .with("title", rendered != null && rendered.title() != null ? rendered.title() : "Part 2: the course again with Tribuo")
                .with("ran", !experiments.isEmpty())
                .with("pairs", pairs)
                .with("hasPairs", !pairs.isEmpty())
                .with("unmatched", unmatched)
                .with("hasUnmatched", !unmatched.isEmpty())
                .with("anySmoke", experiments.stream().anyMatch(LessonOutput::smoke));
        List<MarkdownRenderer.Heading> toc = rendered != null ? rendered.headings() : List.of();
        return new PageWriter.Page("Tribuo port", "The course's knobs again with the Tribuo library, side by side with the from-scratch lessons.",
                "tribuo", null, templates.render("tribuo", v), true, true, toc, List.of());
    }

    /** One experiment's page. */
    public PageWriter.Page experiment(LessonOutput e) {
        String pagePath = SiteMap.experimentPage(e.id());
        String lessonId = LessonMatcher.lessonFor(e.id(), e.result());
        View v = View.of()
                .with("id", e.id())
                .with("title", e.title())
                .with("mirrors", lessonId != null ? View.of().with("href", "../" + SiteMap.lessonPage(lessonId)).with("id", lessonId) : null)
                .with("run", e.ran() ? RunView.of(e, SiteMap.experimentKey(e.id()), pagePath, map, allFigures(e)) : null)
                .with("problem", e.problem())
                .with("dataset", Format.dataset(e.ran() && e.result().provenance() != null ? e.result().provenance().dataset() : null));
        return new PageWriter.Page("Tribuo: " + e.title(), e.ran() ? e.result().headline() : "A Tribuo experiment.",
                "tribuo", "tribuo/" + e.id(), templates.render("experiment", v), false, false, List.of(), List.of());
    }

    /** Site paths of all the experiment's figures: its page shows them all at the top. */
    private Set<String> allFigures(LessonOutput e) {
        return e.result().figures().stream().map(f -> map.figureOf(e, SiteMap.experimentKey(e.id()), f.file()))
                .filter(f -> f != null).map(SiteLinks.Figure::sitePath).collect(Collectors.toSet());
    }

    private View side(LessonOutput run, String key, String href, String pagePath) {
        View v = View.of().with("title", run.title()).with("href", href).with("ran", run.ran());
        if (run.ran()) {
            v.with("accuracy", Format.percent(run.result().testAccuracy()))
                    .with("duration", Format.duration(run.result().seconds()))
                    .with("mode", run.mode())
                    .with("headline", run.result().headline());
            if (!run.result().figures().isEmpty()) {
                String file = run.result().figures().stream().filter(f -> f.svg() != null).findFirst()
                        .orElse(run.result().figures().get(0)).file();
                SiteLinks.Figure f = map.figureOf(run, key, file);
                if (f != null) {
                    v.with("thumb", View.of().with("src", LinkRewriter.relative(pagePath, SiteMap.thumbnailPath(key, file)))
                            .with("alt", f.alt()).with("title", f.title()));
                }
            }
        }
        return v;
    }
}
