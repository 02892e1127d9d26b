package dev.knobs.site.render;

import dev.knobs.lessons.common.LessonResult;
import dev.knobs.lessons.common.Provenance;
import dev.knobs.site.inputs.LessonOutput;
import dev.knobs.site.markdown.LinkRewriter;
import dev.knobs.site.markdown.SiteLinks;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The facts of one run as template values, shared by lesson and experiment pages: the headline
 * numbers, the result tables, the figures the README did not show, the metrics, the provenance
 * (seed, mode, threads, Java, commit, date, duration) and the files to download.
 */
final class RunView {
    private RunView() {}

    /**
     * @param run          the lesson or experiment (must have run)
     * @param key          its run-files key ({@code 07-dropout} or {@code tribuo/<exp>})
     * @param pagePath     the page being written
     * @param figuresShown site paths of figures already placed in the page
     */
    static View of(LessonOutput run, String key, String pagePath, SiteMap map, Set<String> figuresShown) {
        LessonResult r = run.result();
        View v = View.of()
                .with("accuracy", Format.percent(r.testAccuracy()))
                .with("duration", Format.duration(r.seconds()))
                .with("mode", run.mode())
                .with("smoke", run.smoke())
                .with("headline", r.headline())
                .with("date", r.provenance() != null ? Format.date(r.provenance().started()) : "unknown");
        v.with("tables", tables(r));
        List<View> more = new ArrayList<>();
        for (LessonResult.Figure f : r.figures()) {
            SiteLinks.Figure fig = map.figureOf(run, key, f.file());
            if (fig != null && !figuresShown.contains(fig.sitePath())) {
                more.add(figure(fig, LinkRewriter.relative(pagePath, fig.sitePath())));
            }
        }
        v.with("moreFigures", more).with("hasMoreFigures", !more.isEmpty());
        v.with("allFigures", r.figures().stream()
                .map(f -> map.figureOf(run, key, f.file()))
                .filter(f -> f != null)
                .map(f -> figure(f, LinkRewriter.relative(pagePath, f.sitePath()))).toList());
        List<View> metrics = new ArrayList<>();
        r.metrics().forEach((k, value) -> metrics.add(View.of().with("key", k).with("value", Format.number(value))));
        v.with("metrics", metrics).with("hasMetrics", !metrics.isEmpty());
        v.with("provenance", provenance(r.provenance(), r));
        v.with("files", files(run, key, pagePath));
        return v;
    }

    static View figure(SiteLinks.Figure f, String href) {
        return View.of()
                .with("href", href)
                .with("alt", f.alt())
                .with("title", f.title())
                .with("caption", f.caption())
                .with("width", f.width() > 0 ? f.width() : null)
                .with("height", f.height() > 0 ? f.height() : null);
    }

    private static List<View> tables(LessonResult r) {
        List<View> tables = new ArrayList<>();
        for (LessonResult.Table t : r.tables()) {
            List<View> rows = new ArrayList<>();
            for (List<String> row : t.rows()) {
                rows.add(View.of().with("cells", row));
            }
            tables.add(View.of().with("title", t.title()).with("columns", t.columns()).with("rows", rows));
        }
        return tables;
    }

    private static List<View> provenance(Provenance p, LessonResult r) {
        List<View> rows = new ArrayList<>();
        if (p == null) {
            rows.add(row("provenance", "not recorded"));
            return rows;
        }
        rows.add(row("seed", Long.toString(p.seed())));
        rows.add(row("mode", p.mode()));
        rows.add(row("threads", p.threads() + " (of " + p.cpus() + " cores)"));
        rows.add(row("matrix kernel", p.kernel()));
        rows.add(row("Java", p.java()));
        rows.add(row("operating system", p.os()));
        rows.add(row("commit", p.commit() != null ? p.commit() : "unknown (not a git checkout)"));
        rows.add(row("data", p.dataset()));
        rows.add(row("flags", p.arguments() == null || p.arguments().isEmpty() ? "(none)" : String.join(" ", p.arguments())));
        rows.add(row("started", Format.date(p.started())));
        rows.add(row("duration", Format.duration(p.seconds() > 0 ? p.seconds() : r.seconds())));
        return rows;
    }

    private static View row(String name, String value) {
        return View.of().with("name", name).with("value", value == null ? "unknown" : value);
    }

    private static List<View> files(LessonOutput run, String key, String pagePath) {
        List<View> files = new ArrayList<>();
        files.add(file("result.json", run.outputDir().resolve("result.json"), key, pagePath, "the run's summary"));
        for (Path d : run.dataFiles()) {
            files.add(file(d.getFileName().toString(), d, key, pagePath, "numbers behind the plots"));
        }
        return files;
    }

    private static View file(String name, Path source, String key, String pagePath, String what) {
        long size;
        try {
            size = Files.size(source);
        } catch (IOException e) {
            size = 0;
        }
        return View.of().with("name", name).with("what", what).with("size", Format.bytes(size))
                .with("href", LinkRewriter.relative(pagePath, SiteMap.runDir(key) + name));
    }
}
