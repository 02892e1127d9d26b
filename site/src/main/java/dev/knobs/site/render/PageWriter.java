package dev.knobs.site.render;

import dev.knobs.site.inputs.LessonOutput;
import dev.knobs.site.markdown.LinkRewriter;
import dev.knobs.site.markdown.MarkdownRenderer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Puts a page body into the common layout (top bar, lesson sidebar, contents, footer) and writes
 * it. Addresses in the layout are made relative to the page, so the site works from any folder.
 */
public final class PageWriter {

    /**
     * A page to write.
     *
     * @param title         the title (the layout adds " · Knobs")
     * @param description   one sentence for the page's meta description
     * @param section       which top-bar entry is current: home, rubric, digit, tribuo, or lesson
     * @param currentLesson the id of the lesson the page belongs to, or null
     * @param body          the page's HTML
     * @param math          whether to load KaTeX
     * @param code          whether to load highlight.js
     * @param toc           headings for "On this page" (may be empty)
     * @param scripts       extra scripts, relative to the site root
     * @param styles        extra style sheets, relative to the site root (loaded before the site's own)
     */
    public record Page(String title, String description, String section, String currentLesson, String body,
                       boolean math, boolean code, List<MarkdownRenderer.Heading> toc, List<String> scripts,
                       List<String> styles) {

        /** A page with no style sheet of its own. */
        public Page(String title, String description, String section, String currentLesson, String body,
                    boolean math, boolean code, List<MarkdownRenderer.Heading> toc, List<String> scripts) {
            this(title, description, section, currentLesson, body, math, code, toc, scripts, List.of());
        }
    }

    private final Path site;
    private final Templates templates;
    private final List<LessonOutput> lessons;
    private final List<LessonOutput> experiments;
    private final String generated;
    private final String katexVersion;
    private final String highlightVersion;
    private final String uplotVersion;

    public PageWriter(Path site, Templates templates, List<LessonOutput> lessons, List<LessonOutput> experiments,
                      String generated) {
        this.site = site;
        this.templates = templates;
        this.lessons = lessons;
        this.experiments = experiments;
        this.generated = generated;
        this.katexVersion = Assets.versions().getProperty("katex");
        this.highlightVersion = Assets.versions().getProperty("highlightjs");
        this.uplotVersion = Assets.versions().getProperty("uplot");
    }

    /** Writes {@code page} to {@code sitePath} (e.g. {@code lessons/07-dropout.html}). */
    public void write(String sitePath, Page page) throws IOException {
        String root = "../".repeat((int) sitePath.chars().filter(c -> c == '/').count());
        List<View> nav = new ArrayList<>();
        for (LessonOutput l : lessons) {
            nav.add(View.of()
                    .with("number", l.number())
                    .with("title", l.title())
                    .with("href", LinkRewriter.relative(sitePath, SiteMap.lessonPage(l.id())))
                    .with("current", l.id().equals(page.currentLesson()))
                    .with("state", state(l))
                    .with("stateLabel", stateLabel(l)));
        }
        List<View> experimentNav = new ArrayList<>();
        for (LessonOutput e : experiments) {
            experimentNav.add(View.of()
                    .with("title", e.title())
                    .with("href", LinkRewriter.relative(sitePath, SiteMap.experimentPage(e.id())))
                    .with("current", ("tribuo/" + e.id()).equals(page.currentLesson())));
        }
        List<View> toc = page.toc().stream()
                .map(h -> View.of().with("text", h.text()).with("id", h.id()).with("sub", h.level() > 2)).toList();
        View view = View.of()
                .with("title", page.title())
                .with("description", page.description())
                .with("root", root)
                .with("section", page.section())
                .with("isHome", page.section().equals("home"))
                .with("isRubric", page.section().equals("rubric"))
                .with("isDigit", page.section().equals("digit"))
                .with("isTribuo", page.section().equals("tribuo"))
                .with("isCompare", page.section().equals("compare"))
                .with("lessons", nav)
                .with("experiments", experimentNav)
                .with("hasExperiments", !experimentNav.isEmpty())
                .with("hasToc", toc.size() >= 3)
                .with("toc", toc)
                .with("body", page.body())
                .with("math", page.math())
                .with("code", page.code())
                .with("scripts", page.scripts())
                .with("styles", page.styles())
                .with("charts", page.scripts().contains(Assets.UPLOT_JS))
                .with("generated", generated)
                .with("katexVersion", katexVersion)
                .with("highlightVersion", highlightVersion)
                .with("uplotVersion", uplotVersion);
        Path file = site.resolve(sitePath);
        Files.createDirectories(file.getParent());
        Files.writeString(file, templates.render("layout", view), StandardCharsets.UTF_8);
    }

    /** CSS state of a lesson in the sidebar: run, smoke, missing or broken. */
    static String state(LessonOutput l) {
        if (l.ran()) {
            return l.smoke() ? "smoke" : "run";
        }
        return l.problem() != null ? "broken" : "missing";
    }

    /** The words for that state. */
    static String stateLabel(LessonOutput l) {
        if (l.ran()) {
            return l.mode() + " run";
        }
        return l.problem() != null ? "output unreadable" : "not run yet";
    }
}
