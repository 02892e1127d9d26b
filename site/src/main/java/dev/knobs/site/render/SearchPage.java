package dev.knobs.site.render;

import com.google.gson.Gson;
import dev.knobs.lessons.common.LessonResult;
import dev.knobs.site.inputs.KeptRun;
import dev.knobs.site.inputs.LessonOutput;
import dev.knobs.site.inputs.LessonRuns;
import dev.knobs.site.inputs.SearchRun;
import dev.knobs.site.markdown.LinkRewriter;
import dev.knobs.site.markdown.MarkdownRenderer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The search pages: one per hyperparameter search kept in a lesson's runs (lesson 13 keeps an ASHA
 * search in {@code search/} and a random search in {@code random/} of every run). Each page has the
 * search's settings, the validation accuracy over the two most influential knobs as an interactive
 * 3D surface ({@code assets/surface3d.js}, drawn from the page's {@code surface.js}, with the static
 * PNG in its place without JavaScript), the best validation accuracy so far against trials and
 * against time, the parallel coordinates of every configuration, for ASHA which trials survived
 * which rung, and the table of trials. A missing file is named on the page; it never stops the site.
 */
public final class SearchPage {
    /** The 3D surface's data next to the search's files, a script setting {@code window.KNOBS_SURFACE}. */
    static final String DATA_FILE = "surface.js";
    /** The files copied next to the page's figures (besides the figures). */
    private static final List<String> DATA_FILES = List.of("search.json", "trials.txt", "surface.json");
    private static final Gson GSON = new Gson();

    /**
     * A figure a search page shows, with the words used when the run's {@code result.json} has none.
     *
     * @param file  the PNG's base name
     * @param title the title
     * @param alt   the alternative text
     */
    private record Known(String file, String title, String alt) {}

    private static final Known SURFACE_3D = new Known("surface-3d", "Validation accuracy over the two most influential knobs, in 3D",
            "3D surface of validation accuracy over the two most influential knobs, with the trials as dots.");
    private static final Known SURFACE = new Known("surface", "Validation accuracy over the two most influential knobs",
            "Heat map of interpolated validation accuracy over two knobs, darker where trials did better.");
    private static final Known BY_TRIALS = new Known("best-by-trials", "Best validation accuracy against trials",
            "Line chart of the best validation accuracy so far against the number of trials finished.");
    private static final Known BY_TIME = new Known("best-by-time", "Best validation accuracy against search time",
            "Line chart of the best validation accuracy so far against minutes of search.");
    private static final Known PARALLEL = new Known("parallel-coordinates", "Every configuration",
            "Parallel coordinates chart: one line per configuration crossing an axis per knob and one for validation accuracy.");
    private static final Known RUNGS = new Known("rungs", "Which trials went on at each rung",
            "Line chart of validation accuracy against the budget in epochs, one line per configuration, the stopped ones in grey.");

    /**
     * One search page to write.
     *
     * @param page   its path on the site
     * @param label  its name in lists ("ASHA search of run reference")
     * @param search the search
     * @param result the {@code result.json} of the run that holds it (for figure captions), or null
     * @param shown  true when it belongs to the run the lesson page shows
     */
    public record Entry(String page, String label, SearchRun search, LessonResult result, boolean shown) {}

    private final Templates templates;

    /** @param templates the site's templates ({@code search.mustache}) */
    public SearchPage(Templates templates) {
        this.templates = templates;
    }

    /**
     * The search pages of a lesson: the searches of the run its page shows, then those of its other kept
     * runs. Empty for a lesson whose runs keep no search.
     */
    public static List<Entry> entries(LessonOutput lesson, LessonRuns runs) {
        List<Entry> entries = new ArrayList<>();
        if (lesson.ran()) {
            String name = runs.shown().map(KeptRun::name).orElse(lesson.outputDir().getFileName().toString());
            for (Path folder : SearchRun.folders(lesson.outputDir())) {
                SearchRun s = SearchRun.read(name, folder);
                entries.add(new Entry(SiteMap.searchPage(lesson.id(), null, s.name()), label(s), s, lesson.result(), true));
            }
        }
        for (KeptRun run : runs.runs()) {
            if (run.shown()) {
                continue;
            }
            for (Path folder : SearchRun.folders(run.folder())) {
                SearchRun s = SearchRun.read(run.name(), folder);
                entries.add(new Entry(SiteMap.searchPage(lesson.id(), run.name(), s.name()), label(s), s, run.result(), false));
            }
        }
        return entries;
    }

    /** "ASHA search of run reference". */
    static String label(SearchRun s) {
        return (s.asha() ? "ASHA search" : s.strategy().equals("random") ? "Random search" : "Search " + s.name())
                + " of run " + s.run();
    }

    /** The page of {@code entry}, copying its files into {@code site}; {@code all} are the lesson's search pages. */
    public PageWriter.Page page(LessonOutput lesson, Entry entry, List<Entry> all, Path site) throws IOException {
        SearchRun s = entry.search();
        String pagePath = entry.page();
        String filesDir = SiteMap.searchFiles(entry.page());
        Path files = site.resolve(filesDir);
        Files.createDirectories(files);
        Set<String> copied = copy(s.folder(), files);
        List<String> notMade = new ArrayList<>(s.missing());

        View surface = null;
        if (s.surface() != null) {
            Files.writeString(files.resolve(DATA_FILE), "/* The 3D surface of " + label(s) + ", from surface.json. */\n"
                    + "window.KNOBS_SURFACE = " + GSON.toJson(s.surface()) + ";\n", StandardCharsets.UTF_8);
            surface = View.of()
                    .with("title", str(s.surface(), "title"))
                    .with("z", str(s.surface(), "z"))
                    .with("method", str(s.surface(), "method"))
                    .with("fallback", figure(entry, SURFACE_3D, copied, pagePath, filesDir, notMade, true));
        }
        View heat = figure(entry, SURFACE, copied, pagePath, filesDir, notMade, false);
        List<View> progress = new ArrayList<>();
        addIfThere(progress, figure(entry, BY_TRIALS, copied, pagePath, filesDir, notMade, false));
        addIfThere(progress, figure(entry, BY_TIME, copied, pagePath, filesDir, notMade, false));
        View parallel = figure(entry, PARALLEL, copied, pagePath, filesDir, notMade, false);
        View rungs = s.asha() ? figure(entry, RUNGS, copied, pagePath, filesDir, notMade, false) : null;

        List<MarkdownRenderer.Heading> toc = new ArrayList<>();
        toc.add(new MarkdownRenderer.Heading(2, "The surface", "surface"));
        toc.add(new MarkdownRenderer.Heading(2, "Best so far", "best-so-far"));
        toc.add(new MarkdownRenderer.Heading(2, "Every configuration", "configurations"));
        if (s.asha()) {
            toc.add(new MarkdownRenderer.Heading(2, "Rungs", "rungs"));
        }
        toc.add(new MarkdownRenderer.Heading(2, "The trials", "trials"));

        List<View> others = new ArrayList<>();
        for (Entry e : all) {
            others.add(View.of().with("label", e.label()).with("current", e.page().equals(pagePath))
                    .with("href", LinkRewriter.relative(pagePath, e.page())));
        }
        Map<String, String> st = s.settings();
        boolean smoke = "smoke".equals(st.get("mode")) || (entry.result() != null && "smoke".equals(entry.result().mode()));
        View v = View.of()
                .with("number", lesson.number())
                .with("label", entry.label())
                .with("strategy", s.asha() ? "ASHA (asynchronous successive halving)" : s.strategy())
                .with("asha", s.asha())
                .with("smoke", smoke)
                .with("run", s.run())
                .with("folder", s.name())
                .with("configurations", st.getOrDefault("trials", "not recorded"))
                .with("trainings", s.trials().size())
                .with("budgets", st.containsKey("minEpochs") ? st.get("minEpochs") + " to " + st.get("maxEpochs") + " epochs"
                        + (s.asha() && st.containsKey("eta") ? ", keeping 1 in " + st.get("eta") + " at each rung" : "")
                        : "not recorded")
                .with("seconds", Double.isNaN(s.seconds()) ? "not recorded" : Format.duration(s.seconds()))
                .with("seed", st.getOrDefault("seed", "not recorded"))
                .with("mode", st.getOrDefault("mode", "unknown"))
                .with("space", st.get("space"))
                .with("lessonHref", LinkRewriter.relative(pagePath, SiteMap.lessonPage(lesson.id())))
                .with("runsHref", LinkRewriter.relative(pagePath, SiteMap.runsPage(lesson.id())))
                .with("others", others)
                .with("hasOthers", others.size() > 1)
                .with("problem", s.problem())
                .with("missing", notMade)
                .with("hasMissing", !notMade.isEmpty())
                .with("surface", surface)
                .with("heat", heat)
                .with("progress", progress)
                .with("hasProgress", !progress.isEmpty())
                .with("parallel", parallel)
                .with("rungs", rungs)
                .with("trials", trials(s))
                .with("hasTrials", !s.trials().isEmpty())
                .with("knobNames", knobNames(s))
                .with("trialsTxt", copied.contains("trials.txt") ? LinkRewriter.relative(pagePath, filesDir + "trials.txt") : null)
                .with("searchJson", copied.contains("search.json") ? LinkRewriter.relative(pagePath, filesDir + "search.json") : null)
                .with("surfaceJson", copied.contains("surface.json") ? LinkRewriter.relative(pagePath, filesDir + "surface.json") : null);
        List<String> scripts = surface != null ? List.of(filesDir + DATA_FILE, "assets/surface3d.js") : List.of();
        return new PageWriter.Page(entry.label() + " · lesson " + lesson.number(),
                "The " + entry.label() + " of lesson " + lesson.number() + " of the Knobs course: the trials, the best "
                        + "validation accuracy so far and the validation accuracy over the two most influential knobs in 3D.",
                "lesson", lesson.id(), templates.render("search", v), false, false, toc, scripts);
    }

    /** Copies the search's data files and figures (PNG and SVG) that exist; returns the names copied. */
    private static Set<String> copy(Path from, Path to) throws IOException {
        Set<String> copied = new LinkedHashSet<>();
        List<String> names = new ArrayList<>(DATA_FILES);
        for (Known k : List.of(SURFACE_3D, SURFACE, BY_TRIALS, BY_TIME, PARALLEL, RUNGS)) {
            names.add(k.file() + ".png");
            names.add(k.file() + ".svg");
        }
        for (String n : names) {
            Path f = from.resolve(n);
            if (Files.isRegularFile(f)) {
                Files.copy(f, to.resolve(n), StandardCopyOption.REPLACE_EXISTING);
                copied.add(n);
            }
        }
        return copied;
    }

    /**
     * A figure's view (its SVG when there is one of a sensible size, else its PNG), or null when its PNG
     * is missing, which is then added to {@code missing}.
     */
    private static View figure(Entry entry, Known k, Set<String> copied, String pagePath, String filesDir,
                               List<String> missing, boolean pngOnly) {
        String png = k.file() + ".png";
        if (!copied.contains(png)) {
            missing.add(png + " (" + k.title().toLowerCase(Locale.ROOT) + ")");
            return null;
        }
        String shown = png;
        String svg = k.file() + ".svg";
        if (!pngOnly && copied.contains(svg)) {
            try {
                if (Files.size(entry.search().folder().resolve(svg)) <= SiteMap.MAX_INLINE_SVG_BYTES) {
                    shown = svg;
                }
            } catch (IOException e) {
                // keep the PNG
            }
        }
        String title = k.title();
        String alt = k.alt();
        String caption = "";
        LessonResult.Figure f = described(entry.result(), png);
        if (f != null) {
            title = f.title() != null && !f.title().isBlank() ? f.title() : title;
            alt = f.alt() != null && !f.alt().isBlank() ? f.alt() : alt;
            caption = f.caption() != null ? f.caption() : "";
        }
        int[] size = SiteMap.pngSize(entry.search().folder().resolve(png));
        return View.of()
                .with("href", LinkRewriter.relative(pagePath, filesDir + shown))
                .with("png", LinkRewriter.relative(pagePath, filesDir + png))
                .with("title", title)
                .with("alt", alt)
                .with("caption", caption)
                .with("width", size[0] > 0 ? size[0] : null)
                .with("height", size[1] > 0 ? size[1] : null);
    }

    /** The words the run's {@code result.json} gives a figure of that file name, or null. */
    private static LessonResult.Figure described(LessonResult result, String png) {
        if (result == null || result.figures() == null) {
            return null;
        }
        return result.figures().stream().filter(f -> png.equals(f.file())).findFirst().orElse(null);
    }

    private static void addIfThere(List<View> list, View v) {
        if (v != null) {
            list.add(v);
        }
    }

    /** The knobs the trials set, in the order of the first trial that names them. */
    private static List<String> knobNames(SearchRun s) {
        Set<String> names = new LinkedHashSet<>();
        s.trials().forEach(t -> names.addAll(t.knobs().keySet()));
        return List.copyOf(names);
    }

    /** The trials, best first: by budget, then validation accuracy; the chosen one marked. */
    private static List<View> trials(SearchRun s) {
        List<String> knobs = knobNames(s);
        SearchRun.Trial chosen = s.chosen();
        List<SearchRun.Trial> sorted = new ArrayList<>(s.trials());
        sorted.sort((a, b) -> a.epochs() != b.epochs() ? Integer.compare(b.epochs(), a.epochs())
                : Double.compare(Double.isNaN(b.validation()) ? -1 : b.validation(), Double.isNaN(a.validation()) ? -1 : a.validation()));
        List<View> rows = new ArrayList<>();
        for (SearchRun.Trial t : sorted) {
            rows.add(View.of()
                    .with("trial", String.format(Locale.ROOT, "%03d", t.trial()))
                    .with("chosen", t == chosen)
                    .with("rung", t.rung())
                    .with("epochs", t.epochs())
                    .with("knobs", knobs.stream().map(k -> t.knobs().getOrDefault(k, "")).toList())
                    .with("validation", t.failed() || Double.isNaN(t.validation()) ? "\u2013" : Format.percent(t.validation()))
                    .with("seconds", Double.isNaN(t.seconds()) ? "\u2013" : String.format(Locale.ROOT, "%.1f", t.seconds()))
                    .with("outcome", s.outcome(t) + (t.failure() != null ? ": " + t.failure() : "")));
        }
        return rows;
    }

    private static String str(com.google.gson.JsonObject o, String key) {
        return o.has(key) && o.get(key).isJsonPrimitive() ? o.get(key).getAsString() : "";
    }
}
