package dev.knobs.site.render;

import dev.knobs.lessons.common.LessonResult;
import dev.knobs.site.inputs.LessonOutput;
import dev.knobs.site.markdown.SiteLinks;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Where everything lives on the site, and which project file each published file stands for.
 *
 * <pre>
 *   index.html  rubric.html  digit.html
 *   grades/report.html                        the student's grade report shown on the rubric page (--grades)
 *   lessons/07-dropout.html                   from lessons/07-dropout/README.md and its output
 *   lessons/07-dropout/runs.html              every kept run of the lesson (lessons/07-dropout/runs/)
 *   lessons/07-dropout/exercises.html         the lesson's exercises, from the skeletons in lessons/07-dropout/exercises/
 *   lessons/07-dropout/compare.html           those runs side by side, with compare-data.js and the PNG curves
 *   compare/index.html                        runs of different lessons side by side, likewise
 *   lessons/13-search/search.html             a search kept in the shown run (search/), with search-random.html
 *                                             (random/) and search-RUN.html, search-RUN-random.html for other runs
 *   runs/13-search/searches/search/...        that search's figures, trials.txt, search.json, surface.json, surface.js
 *   runs/07-dropout/loss.svg, history.json    copied from the lesson's output folder
 *   code/07-dropout/Dropout.html              the lesson's Java source
 *   tribuo/index.html, tribuo/&lt;exp&gt;.html      from tribuo-port/README.md and tribuo-port/output/&lt;exp&gt;/
 *   runs/tribuo/&lt;exp&gt;/...                     copied from the experiment's output folder
 *   assets/...                                CSS, JavaScript, KaTeX, highlight.js, the exported model
 * </pre>
 */
public final class SiteMap implements SiteLinks {
    /** SVG plots larger than this are shown as their PNG (the SVG stays linked). */
    static final long MAX_INLINE_SVG_BYTES = 2_500_000;

    private final Map<String, LessonOutput> lessons = new LinkedHashMap<>();
    private final Map<String, LessonOutput> experiments = new LinkedHashMap<>();
    private final Map<String, String> codePages = new LinkedHashMap<>();

    public SiteMap(List<LessonOutput> lessons, List<LessonOutput> experiments) {
        lessons.forEach(l -> this.lessons.put(l.id(), l));
        experiments.forEach(e -> this.experiments.put(e.id(), e));
        for (LessonOutput l : lessons) {
            for (Path source : l.sources()) {
                String file = source.getFileName().toString();
                codePages.put(slash(source), "code/" + l.id() + "/" + file.substring(0, file.length() - ".java".length()) + ".html");
            }
        }
    }

    /** The page of a lesson. */
    public static String lessonPage(String id) {
        return "lessons/" + id + ".html";
    }

    /** The page listing a lesson's kept runs. */
    public static String runsPage(String id) {
        return "lessons/" + id + "/runs.html";
    }

    /** The page of a lesson's exercises. */
    public static String exercisesPage(String id) {
        return "lessons/" + id + "/exercises.html";
    }

    /** Where the student's {@code report.html} is copied when the rubric page shows a grade report. */
    public static final String GRADE_REPORT = "grades/report.html";

    /** The page comparing a lesson's kept runs; its chart data and pictures sit in the same folder. */
    public static String comparePage(String id) {
        return "lessons/" + id + "/compare.html";
    }

    /**
     * The page of a search kept in folder {@code folder} ({@code search}, {@code random}) of a lesson's run:
     * {@code lessons/ID/search.html} for the ASHA search of the run the lesson page shows ({@code run} null),
     * {@code search-random.html} for its random search, {@code search-RUN.html} and {@code search-RUN-random.html}
     * for another kept run.
     */
    public static String searchPage(String id, String run, String folder) {
        StringBuilder name = new StringBuilder("search");
        if (run != null) {
            name.append('-').append(slug(run));
        }
        if (!folder.equals("search")) {
            name.append('-').append(slug(folder));
        }
        return "lessons/" + id + "/" + name + ".html";
    }

    /** The folder holding the files of the search page {@code page} ({@link #searchPage}). */
    public static String searchFiles(String page) {
        String[] p = page.split("/");
        String name = p[p.length - 1].substring(0, p[p.length - 1].length() - ".html".length());
        return runDir(p[1]) + "searches/" + name + "/";
    }

    /** A name as a file name: lower case letters, digits, dots and hyphens. */
    static String slug(String name) {
        String s = name.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9.-]+", "-");
        return s.isEmpty() ? "run" : s;
    }

    /** The page comparing runs of different lessons. */
    public static final String COURSE_COMPARE = "compare/index.html";

    /** The page of a Tribuo experiment. */
    public static String experimentPage(String id) {
        return "tribuo/" + id + ".html";
    }

    /** The folder holding a lesson's ({@code 07-dropout}) or experiment's ({@code tribuo/mlp}) run files. */
    public static String runDir(String key) {
        return "runs/" + key + "/";
    }

    /** The run-files key of an experiment. */
    public static String experimentKey(String id) {
        return "tribuo/" + id;
    }

    /** The code page of a project source path, or null. */
    public String codePage(Path projectSource) {
        return codePages.get(slash(projectSource));
    }

    @Override
    public String sitePath(String projectPath) {
        if (projectPath.equals("README.md") || projectPath.isEmpty()) {
            return "index.html";
        }
        if (projectPath.equals("tribuo-port") || projectPath.equals("tribuo-port/README.md")) {
            return "tribuo/index.html";
        }
        if (codePages.containsKey(projectPath)) {
            return codePages.get(projectPath);
        }
        String[] p = projectPath.split("/");
        if (p[0].equals("lessons") && p.length >= 2 && lessons.containsKey(p[1])) {
            if (p.length == 2 || (p.length == 3 && p[2].equals("README.md"))) {
                return lessonPage(p[1]);
            }
            if (isReferenceFile(p)) {
                return runFile(lessons.get(p[1]), p[1], p[4]);
            }
        }
        if (p[0].equals("tribuo-port") && p.length == 4 && p[1].equals("output") && experiments.containsKey(p[2])) {
            return runFile(experiments.get(p[2]), experimentKey(p[2]), p[3]);
        }
        return null;
    }

    @Override
    public Figure figure(String projectPath) {
        String[] p = projectPath.split("/");
        if (isReferenceFile(p) && lessons.containsKey(p[1])) {
            return figureOf(lessons.get(p[1]), p[1], p[4]);
        }
        if (p.length == 4 && p[0].equals("tribuo-port") && p[1].equals("output") && experiments.containsKey(p[2])) {
            return figureOf(experiments.get(p[2]), experimentKey(p[2]), p[3]);
        }
        return null;
    }

    @Override
    public boolean isRunOutput(String projectPath) {
        String[] p = projectPath.split("/");
        return (p.length >= 5 && p[0].equals("lessons") && p[2].equals("runs"))
                || (p.length >= 4 && p[0].equals("tribuo-port") && p[1].equals("output"));
    }

    /**
     * {@code lessons/ID/runs/reference/FILE}: a file of the lesson's reference run, as a README links it.
     * The site shows whichever reference run there is (standard, else full, else smoke), so the link
     * stands for that run's file.
     */
    private static boolean isReferenceFile(String[] p) {
        return p.length == 5 && p[0].equals("lessons") && p[2].equals("runs") && p[3].equals("reference");
    }

    /** The figure as shown on a page, with the SVG preferred when there is one of a sensible size. */
    public Figure figureOf(LessonOutput run, String key, String file) {
        LessonResult.Figure f = run.figure(file);
        if (f == null) {
            return null;
        }
        String shown = f.file();
        if (f.svg() != null) {
            try {
                if (Files.size(run.outputDir().resolve(f.svg())) <= MAX_INLINE_SVG_BYTES) {
                    shown = f.svg();
                }
            } catch (IOException e) {
                // keep the PNG
            }
        }
        int[] size = pngSize(run.outputDir().resolve(f.file()));
        return new Figure(runDir(key) + shown, f.alt(), f.title(), f.caption(), size[0], size[1]);
    }

    /** The PNG of a figure, for thumbnails. */
    public static String thumbnailPath(String key, String pngFile) {
        return runDir(key) + pngFile;
    }

    private static String runFile(LessonOutput run, String key, String file) {
        if (!run.ran()) {
            return null;
        }
        boolean figure = run.figure(file) != null;
        boolean data = run.dataFiles().stream().anyMatch(d -> d.getFileName().toString().equals(file))
                || file.equals("result.json");
        return figure || data ? runDir(key) + file : null;
    }

    /** Width and height of a PNG from its header, or zeros when it cannot be read. */
    static int[] pngSize(Path png) {
        try (ImageInputStream in = ImageIO.createImageInputStream(png.toFile())) {
            Iterator<ImageReader> readers = in == null ? null : ImageIO.getImageReaders(in);
            if (readers != null && readers.hasNext()) {
                ImageReader reader = readers.next();
                try {
                    reader.setInput(in);
                    return new int[] {reader.getWidth(0), reader.getHeight(0)};
                } finally {
                    reader.dispose();
                }
            }
        } catch (IOException e) {
            // sizes are only a layout hint
        }
        return new int[] {0, 0};
    }

    private static String slash(Path p) {
        return p.toString().replace('\\', '/');
    }
}
