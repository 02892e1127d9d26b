package dev.knobs.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.knobs.lessons.common.LessonResult;
import dev.knobs.lessons.common.Provenance;
import dev.knobs.nn.io.Json;
import dev.knobs.nn.metrics.EpochRecord;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runs and comparison pages, on a made-up project: lesson 07 with three kept runs (its
 * standard reference, a smoke reference, and a student's run with a knob turned that did better),
 * lesson 02 with one, lesson 01 with one that has no validation set; searches kept in lesson 07's
 * runs, complete, broken and partial; and a choice of the recipe kept beside the runs, as lesson 12's
 * {@code --select} keeps one in {@code runs/select}, which is not a run.
 */
class RunPagesTest {
    private static final String STUDENT_RUN = "20261206-101500-hidden-dropout-0.5";

    @TempDir
    Path project;

    private Path site;

    @BeforeEach
    void project() throws Exception {
        Files.writeString(project.resolve("pom.xml"), "<project><artifactId>knobs-parent</artifactId></project>");
        for (String id : List.of("01-first-network", "02-normalization", "07-dropout")) {
            Path dir = Files.createDirectories(project.resolve("lessons").resolve(id));
            Files.writeString(dir.resolve("README.md"), "# Lesson " + id.substring(0, 2) + ": " + id.substring(3) + "\n\nText.\n");
        }
        Map<String, String> dropout = knobs("hidden-dropout", "0,0.1,0.2", "lr", "0.05", "epochs", "3");
        run("07-dropout", "reference", "standard", dropout, List.of(), 42, 0.9612, "hidden 0.2",
                new double[] {0.95, 0.96, 0.965}, new double[] {0.5, 0.3, 0.2});
        run("07-dropout", "reference-smoke", "smoke", knobs("hidden-dropout", "0,0.1,0.2", "lr", "0.05", "epochs", "1"),
                List.of(), 42, 0.80, "hidden 0.1", new double[] {0.85}, new double[] {1.1});
        run("07-dropout", STUDENT_RUN, "standard", knobs("hidden-dropout", "0.5", "lr", "0.05", "epochs", "3"),
                List.of("hidden-dropout"), 42, 0.9700, "hidden 0.5", new double[] {0.94, 0.962, 0.971}, new double[] {0.6, 0.35, 0.25});
        run("02-normalization", "reference", "standard", knobs("lr", "0.1", "epochs", "2", "min-std", "0.01"), List.of(), 42,
                0.9758, "standardised", new double[] {0.96, 0.975}, new double[] {0.4, 0.2});
        run("01-first-network", "reference", "standard", knobs("lr", "0.1", "epochs", "2", "hidden", "128"), List.of(), 42,
                0.9683, "784-128-10", new double[] {Double.NaN, Double.NaN}, new double[] {0.5, 0.3});
        // Neither a run still being written nor a broken one is listed.
        Path partial = Files.createDirectories(project.resolve("lessons/07-dropout/runs/20261206-120000-lr-0.5.partial"));
        Files.copy(project.resolve("lessons/07-dropout/runs/reference/result.json"), partial.resolve("result.json"));
        Path broken = Files.createDirectories(project.resolve("lessons/07-dropout/runs/20261206-130000-broken"));
        Files.writeString(broken.resolve("result.json"), "{ not json");
        // A choice of the recipe: selection.json and its table, no result.json.
        Path select = Files.createDirectories(project.resolve("lessons/07-dropout/runs/select"));
        Files.writeString(select.resolve("selection.json"), "{\"mode\": \"standard\", \"chosen\": \"lighter dropout\", "
                + "\"candidates\": []}");
        Files.writeString(select.resolve("selection.md"), "| run | validation accuracy |\n| --- | --- |\n");

        new SiteGenerator(SiteConfig.defaults(project).withMnistDir(project.resolve("no-mnist"))).generate();
        site = project.resolve("site/target/site");
    }

    private static Map<String, String> knobs(String... pairs) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put(pairs[i], pairs[i + 1]);
        }
        return m;
    }

    /** Writes a run folder as a lesson would: result.json, knobs.properties and a figure. */
    private void run(String lesson, String name, String mode, Map<String, String> knobs, List<String> turned, long seed,
                     double test, String chosen, double[] validation, double[] loss) throws Exception {
        Path dir = Files.createDirectories(project.resolve("lessons").resolve(lesson).resolve("runs").resolve(name));
        ImageIO.write(new BufferedImage(80, 60, BufferedImage.TYPE_INT_RGB), "png", dir.resolve("gap.png").toFile());
        List<EpochRecord> epochs = new ArrayList<>();
        for (int e = 0; e < validation.length; e++) {
            epochs.add(new EpochRecord(e + 1, loss[e], 0.9, 0.3, validation[e], 0.3, test, 0.05, 1.5));
        }
        Provenance p = new Provenance(seed, mode, 2, "vector", "17", "Linux", 2, "abc123", "mnist 60000/10000",
                List.of("--mode", mode), "2026-12-06T10:15:00Z", 12.5, null);
        LessonResult r = new LessonResult(lesson, null, mode, test, 12.5, "Run " + name + " of " + lesson + ".", Map.of(),
                List.of(new LessonResult.Figure("gap.png", null, "Gap", "", "The gap")), List.of(), p, name, knobs, turned,
                new LessonResult.Chosen(chosen, validation[validation.length - 1], test, epochs), null);
        Json.write(dir.resolve("result.json"), r);
        Files.writeString(dir.resolve("knobs.properties"), "mode = " + mode + "\n");
    }

    /** A page of the site, with the characters Mustache escapes (such as = and ") back as they show. */
    private String read(String path) throws Exception {
        return unescape(Files.readString(site.resolve(path)));
    }

    private static String unescape(String html) {
        return html.replace("&#61;", "=").replace("&quot;", "\"").replace("&#39;", "'").replace("&#96;", "`")
                .replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
    }

    @Test
    void aStudentsRunNeverReplacesTheReferenceOnTheLessonPage() throws Exception {
        String page = read("lessons/07-dropout.html");
        assertTrue(page.contains("96.12%"), "the lesson page does not show the reference run's test accuracy");
        assertFalse(page.contains("97.00%"), "the lesson page shows the student's run");
        assertTrue(page.contains("This page shows the reference run <code>reference</code>"), "the shown run is not named");
        assertTrue(page.contains("href=\"07-dropout/runs.html\"") && page.contains("All 3 kept runs of this lesson"),
                "no link to the runs page");
        assertTrue(page.contains("href=\"07-dropout/compare.html\""), "no link to the comparison");
    }

    @Test
    void theRunsPageListsEveryKeptRunWithTheCommandThatRunsItAgain() throws Exception {
        String page = read("lessons/07-dropout/runs.html");
        assertEquals(3, count(page, "class=\"kept-run"), "kept runs listed");
        assertFalse(page.contains(".partial") || page.contains("broken"), "a partial or broken run is listed");
        assertFalse(page.contains("run-select") || page.contains("selection"), "a choice of the recipe is listed as a run");
        // The reference run the lesson page shows comes first, marked.
        int shown = page.indexOf("shown on the lesson page");
        assertTrue(shown > 0 && shown < page.indexOf("id=\"run-reference-smoke\"") && shown < page.indexOf(STUDENT_RUN),
                "the shown reference run is not first and marked");
        assertTrue(page.contains("<code class=\"knob\">hidden-dropout = 0.5</code>"), "the turned knob and its value");
        assertTrue(page.contains("none, every knob at its default for standard mode"), "the reference run's knobs");
        assertTrue(page.contains("mvn -pl lessons/07-dropout exec:java -Dexec.args=\"--config lessons/07-dropout/runs/"
                + STUDENT_RUN + "/knobs.properties\""), "the command that runs it again");
        assertTrue(page.contains("hidden 0.5") && page.contains("97.10%") && page.contains("97.00%") && page.contains("12.5 s"),
                "chosen, validation and test accuracy, time");
        assertTrue(page.contains("href=\"compare.html\""), "no link to the comparison");

        String one = read("lessons/02-normalization/runs.html");
        assertEquals(1, count(one, "class=\"kept-run"));
        assertFalse(one.contains("href=\"compare.html\""), "a lesson with one run links to a comparison");
        assertFalse(Files.exists(site.resolve("lessons/02-normalization/compare.html")), "a comparison of one run");
        assertTrue(read("lessons/05-activations/runs.html").contains("No run of this lesson is kept yet"));
    }

    @Test
    void theComparisonPageHasTheTableAndTheChartsWithPicturesAsFallback() throws Exception {
        String page = read("lessons/07-dropout/compare.html");
        assertTrue(page.contains("3 runs, the knobs that differ"), "the table's caption");
        assertTrue(page.contains("<th scope=\"col\">hidden-dropout</th>") && page.contains("<th scope=\"col\">mode</th>"),
                "the knobs (and mode) that differ");
        assertFalse(page.contains("<th scope=\"col\">lr</th>"), "a knob that does not differ");
        assertTrue(page.contains("href=\"runs.html#run-" + STUDENT_RUN + "\""), "rows link to the runs");
        assertTrue(page.contains("assets/uplot/uPlot.iife.min.js") && page.contains("compare-data.js")
                && page.contains("assets/uplot/uPlot.min.css") && page.contains("assets/compare.js"), "chart scripts");
        assertTrue(page.contains("id=\"chart-accuracy\"") && page.contains("id=\"chart-train-loss\""));
        assertTrue(page.contains("<img class=\"chart-fallback\" src=\"validation-accuracy.png\" alt=\"Line chart of the "
                + "validation accuracy (%) per epoch of the chosen configuration of 3 runs"), "fallback picture with alt text");
        for (String f : List.of("validation-accuracy.png", "train-loss.png", "validation-accuracy.svg", "comparison.csv")) {
            assertTrue(Files.size(site.resolve("lessons/07-dropout").resolve(f)) > 0, f);
        }
        assertTrue(Files.isRegularFile(site.resolve("assets/uplot/uPlot.iife.min.js")), "uPlot is not shipped");

        String script = read("lessons/07-dropout/compare-data.js");
        assertTrue(script.startsWith("// ") && script.contains("window.KNOBS_COMPARISON = "));
        JsonObject data = JsonParser.parseString(script.substring(script.indexOf('=') + 1, script.lastIndexOf(';')))
                .getAsJsonObject();
        assertEquals(3, data.getAsJsonArray("x").size(), "epochs 1 to 3");
        JsonObject validation = data.getAsJsonArray("charts").get(0).getAsJsonObject();
        assertEquals("validation accuracy (%)", validation.get("y").getAsString());
        JsonArray series = validation.getAsJsonArray("series");
        assertEquals(3, series.size());
        JsonObject smoke = series.get(1).getAsJsonObject();
        assertEquals("07-dropout/reference-smoke", smoke.get("label").getAsString());
        assertEquals(85.0, smoke.getAsJsonArray("values").get(0).getAsDouble(), 1e-9);
        assertTrue(smoke.getAsJsonArray("values").get(2).isJsonNull(), "a shorter run is padded with nothing");
        assertEquals(0.25, data.getAsJsonArray("charts").get(1).getAsJsonObject().getAsJsonArray("series").get(2)
                .getAsJsonObject().getAsJsonArray("values").get(2).getAsDouble(), 1e-9);
    }

    @Test
    void theCourseComparisonComparesRunsOfDifferentLessonsOnTheMetricTheyShare() throws Exception {
        String page = read("compare/index.html");
        assertTrue(page.contains("3 runs, the knobs that differ"), "07's shown and student's runs and 02's: " + page);
        assertTrue(page.contains("07-dropout/reference</a>") && page.contains("07-dropout/" + STUDENT_RUN + "</a>")
                && page.contains("02-normalization/reference</a>"));
        assertFalse(page.contains("07-dropout/reference-smoke</a>"), "a reference run the lesson page does not show");
        assertTrue(page.contains("<th scope=\"col\">lr</th>") && page.contains("<th scope=\"col\">epochs</th>")
                && page.contains("(of the knobs every run has)"), "the knobs they share and that differ");
        assertFalse(page.contains("<th scope=\"col\">hidden-dropout</th>") || page.contains("<th scope=\"col\">min-std</th>"),
                "a knob of one lesson only");
        assertTrue(page.contains("id=\"left-out\"") && page.contains("01-first-network/reference</a>: it measured no "
                + "validation accuracy"), "lesson 01's run is left out, and says why");
        assertTrue(Files.isRegularFile(site.resolve("compare/compare-data.js")));
        assertTrue(read("index.html").contains("href=\"compare/index.html\""), "the home page does not link the comparison");
    }

    @Test
    void runsAreReadFromAnotherFolderAndTheShownRunIsAddedWhenItLivesElsewhere() throws Exception {
        Path elsewhere = project.resolve("elsewhere");
        Files.move(project.resolve("lessons/07-dropout/runs"), elsewhere);
        Path shown = project.resolve("shown-run");
        Files.move(elsewhere.resolve("reference"), shown);
        SiteConfig config = SiteConfig.defaults(project).withOut(project.resolve("other-site"))
                .withRunsDir("07-dropout", elsewhere).withLessonOutput("07-dropout", shown)
                .withMnistDir(project.resolve("no-mnist"));
        new SiteGenerator(config).generate();
        String page = unescape(Files.readString(project.resolve("other-site/lessons/07-dropout/runs.html")));
        assertEquals(3, count(page, "class=\"kept-run"), "the shown run and the two in the other folder");
        assertTrue(page.contains("--config shown-run/knobs.properties"), "the shown run's command");
        assertTrue(page.contains("Kept in <code>elsewhere/" + STUDENT_RUN + "</code>") || page.contains("elsewhere/" + STUDENT_RUN));
        assertTrue(Files.readString(project.resolve("other-site/lessons/07-dropout.html")).contains("96.12%"));
    }

    private static int count(String text, String what) {
        int n = 0;
        for (int i = text.indexOf(what); i >= 0; i = text.indexOf(what, i + 1)) {
            n++;
        }
        return n;
    }

    @Test
    void keptSearchesGetPagesThatSayWhatIsMissing() throws Exception {
        // The reference run keeps an ASHA search with its settings, trials and surface; a random search whose
        // search.json is broken; the student's run a search with only its text table.
        Path reference = project.resolve("lessons/07-dropout/runs/reference");
        Path asha = Files.createDirectories(reference.resolve("search"));
        Files.writeString(asha.resolve("search.json"), """
                {"settings": {"strategy": "asha", "seed": 42, "mode": "standard", "trials": 2, "eta": 3,
                  "minEpochs": 1, "maxEpochs": 3, "space": "lr=log(0.01,0.5)"}, "seconds": 30.5,
                 "trials": [
                  {"trial": 1, "rung": 1, "epochs": 1, "knobs": {"lr": "0.05"}, "validationAccuracy": 0.91, "seconds": 5, "failed": false},
                  {"trial": 2, "rung": 1, "epochs": 1, "knobs": {"lr": "0.2"}, "validationAccuracy": 0.93, "seconds": 5, "failed": false},
                  {"trial": 2, "rung": 2, "epochs": 3, "knobs": {"lr": "0.2"}, "validationAccuracy": 0.95, "seconds": 15, "failed": false}]}
                """);
        Files.writeString(asha.resolve("surface.json"), """
                {"title": "Validation accuracy over lr and epochs", "z": "validation accuracy (%)", "method": "inverse-distance weighting",
                 "x": {"knob": "lr", "scale": "log", "values": ["0.01", "0.5"]},
                 "y": {"knob": "hidden-dropout", "scale": "linear", "values": ["0", "0.5"]},
                 "zGrid": [[90, 91], [92, 93]], "trials": [{"trial": 1, "x": "0.05", "y": "0.1", "z": 91}]}
                """);
        ImageIO.write(new BufferedImage(80, 60, BufferedImage.TYPE_INT_RGB), "png", asha.resolve("best-by-trials.png").toFile());
        Path random = Files.createDirectories(reference.resolve("random"));
        Files.writeString(random.resolve("search.json"), "{ not json");
        Path student = Files.createDirectories(project.resolve("lessons/07-dropout/runs").resolve(STUDENT_RUN).resolve("search"));
        Files.writeString(student.resolve("trials.txt"), "1 trial\n");
        new SiteGenerator(SiteConfig.defaults(project).withMnistDir(project.resolve("no-mnist"))).generate();

        String lesson = read("lessons/07-dropout.html");
        assertTrue(lesson.contains("href=\"07-dropout/search.html\">ASHA search of run reference</a>"), "no link to the search page");
        String page = read("lessons/07-dropout/search.html");
        assertTrue(page.contains("runs/07-dropout/searches/search/surface.js"), "the surface's data is not loaded");
        assertTrue(Files.readString(site.resolve("runs/07-dropout/searches/search/surface.js")).startsWith("/*")
                && Files.readString(site.resolve("runs/07-dropout/searches/search/surface.js")).contains("window.KNOBS_SURFACE = {"),
                "surface.js does not set window.KNOBS_SURFACE");
        assertTrue(Files.isRegularFile(site.resolve("assets/surface3d.js")), "the 3D renderer is not shipped");
        assertEquals(3, count(page, "<tr class=\"shown\"") + count(page, "<tr><th scope=\"row\">"), "trial rows");
        assertTrue(page.contains("002 <span class=\"badge shown-badge\">chosen</span>"), "the chosen trial is not marked");
        assertTrue(page.contains("promoted") && page.contains("stopped at rung 1") && page.contains("top rung"), "outcomes");
        assertTrue(page.contains("trials.txt (the table of trials)") && page.contains("rungs.png"), "the missing files are not named");
        assertTrue(page.contains("static picture of the surface is missing"), "the missing picture is not said");

        String broken = read("lessons/07-dropout/search-random.html");
        assertTrue(broken.contains("search.json could not be read"), "the broken search.json is not reported");
        assertTrue(broken.contains("surface.json (the data of the 3D surface)"), "the missing surface is not named");
        assertFalse(broken.contains("surface3d.js"), "a page without surface data loads the renderer");

        String studentPage = read("lessons/07-dropout/search-" + STUDENT_RUN + ".html");
        assertTrue(studentPage.contains("search.json (the settings and every trial)"), "the student's search lacks its notice");
        String runs = read("lessons/07-dropout/runs.html");
        assertTrue(runs.contains("href=\"search-" + STUDENT_RUN + ".html\""), "the runs page does not link the student's search");
        assertTrue(runs.contains("href=\"search-random.html\""), "the runs page does not link the reference's random search");
    }
}
