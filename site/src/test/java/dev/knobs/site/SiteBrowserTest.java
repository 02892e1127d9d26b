package dev.knobs.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.knobs.data.Mnist;
import dev.knobs.data.ProjectPaths;
import dev.knobs.site.inputs.Course;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The generated site in a real browser (headless Chromium, driven by Selenium): built from
 * smoke-mode outputs of every lesson, served from 127.0.0.1 and opened from the file system.
 *
 * <p>Checks: every page reachable from the home page loads without console errors; every link
 * and image resolves (images decode, have alt text, come from the site itself); every formula
 * renders; the home page lists every lesson; the rubric lists every requirement with a status;
 * the digit page classifies the sample test digits through its own drawing path and agrees with
 * the Java forward pass; a lesson's runs page lists its runs and marks the one its page shows; the
 * comparison pages draw their charts, whose legend hides and shows a curve by mouse and keyboard;
 * the search page draws its 3D surface, which dragging and the arrow keys turn and which shows the
 * value under the pointer, also from the file system; no page scrolls sideways on a phone.
 * Screenshots of the home, a lesson, its runs, the comparisons, the search, the rubric and the
 * digit page go to {@code site/target/screenshots/}.
 *
 * <p>Without Chromium these tests are skipped with a notice, unless {@code -Dknobs.browserTests=required}
 * (see {@link Chromium}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SiteBrowserTest {
    private static final Chromium CHROMIUM = Chromium.configured();
    /** How long a page may take to load on a loaded machine; the checks wait for conditions, this only bounds them. */
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);
    private static final List<String> REQUIREMENTS = List.of("a", "b", "init", "c", "d", "e", "f", "g", "h", "i", "extra", "docs", "part2");
    /** The lesson given a second kept run, with this knob turned, for its runs and comparison pages. */
    private static final String COMPARED_LESSON = "01-first-network";
    private static final String TURNED_KNOB = "lr";
    private static final String TURNED_VALUE = "0.2";
    /** The lesson whose runs keep a hyperparameter search, and the page of the search its page shows. */
    private static final String SEARCH_LESSON = "13-search";
    private static final String SEARCH_PAGE = "lessons/" + SEARCH_LESSON + "/search.html";

    /** Why the browser tests cannot run, or null when Chromium is there. */
    private String noBrowser;
    private Path root;
    private Path site;
    private Path screenshots;
    private StaticServer server;
    private ChromeDriver driver;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(READY_TIMEOUT).build();
    private final Map<String, Integer> statusCache = new HashMap<>();
    private final Map<String, PageReport> pages = new LinkedHashMap<>();

    /** What one page showed the browser. */
    record PageReport(String url, List<String> consoleErrors, List<String> brokenImages, List<String> links,
                      Set<String> ids, long mathTotal, long mathRendered, List<String> foreignResources) {}

    @BeforeAll
    void buildServeAndCrawl() throws Exception {
        // No browser: a notice, then every test here is skipped (or, with -Dknobs.browserTests=required, fails).
        noBrowser = CHROMIUM.check(System.getProperty(Chromium.MODE_PROPERTY), System.out);
        if (noBrowser != null) {
            return;
        }
        String configured = System.getProperty("knobs.root");
        root = (configured != null ? Path.of(configured) : ProjectPaths.root().orElseThrow()).toAbsolutePath().normalize();
        Path target = root.resolve("site/target");
        Map<String, Path> outputs = SmokeOutputs.prepare(root, target.resolve("site-smoke"));
        SiteConfig config = SiteConfig.defaults(root).withOut(target.resolve("test-site"));
        for (Map.Entry<String, Path> e : outputs.entrySet()) {
            config = config.withLessonOutput(e.getKey(), e.getValue());
        }
        // Kept runs come from the test's own folder, never from lessons/*/runs: lesson 01 gets a second run with a
        // knob turned, so that it has a runs page with two runs and a comparison; the others keep only the run shown.
        Path keptRuns = target.resolve("site-runs");
        for (String id : outputs.keySet()) {
            config = config.withRunsDir(id, keptRuns.resolve(id));
        }
        long started = System.nanoTime();
        Path kept = SmokeOutputs.keptRun(root, COMPARED_LESSON, keptRuns.resolve(COMPARED_LESSON), "--" + TURNED_KNOB, TURNED_VALUE);
        System.out.printf("site test: kept run %s ready after %.1f s%n", root.relativize(kept), (System.nanoTime() - started) / 1e9);
        Path tribuoSmoke = root.resolve("tribuo-port/target/smoke-output");
        config = config.withTribuoOutput(Files.isDirectory(tribuoSmoke) ? tribuoSmoke : target.resolve("no-tribuo-output"));
        // Lesson 12's smoke run trains a tiny network on 2,000 images for seconds: the page would load it
        // fine, but it reads digits like a smoke run. The classification check needs a trained model.
        Path fixture = target.resolve("test-fixture/model.knobs");
        if (!Files.isRegularFile(fixture)) {
            FixtureModel.train(Mnist.load().train(), fixture);
        }
        config = config.withModel(fixture);
        // A student's grading folder in the grader's format, so that the rubric page shows its grades section.
        Path grades = Files.createDirectories(target.resolve("test-grades/alice"));
        Files.writeString(grades.resolve("report.json"), "{\"student\": \"alice\", \"submission\": \"alice\", "
                + "\"gradedAt\": \"2026-12-06T04:00:00Z\", \"points\": 15.0, \"maxPoints\": 20, \"exercises\": ["
                + "{\"id\": \"07.1\", \"title\": \"inverted dropout forward and backward\", \"status\": \"graded\", "
                + "\"passed\": 4, \"total\": 4, \"points\": 10.0, \"checks\": [], \"note\": \"\"}, "
                + "{\"id\": \"06.2\", \"title\": \"Adam step\", \"status\": \"graded\", \"passed\": 2, \"total\": 4, "
                + "\"points\": 5.0, \"checks\": [], \"note\": \"\"}]}");
        Files.writeString(grades.resolve("report.html"), "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<title>alice</title></head><body><p>15 of 20 points</p></body></html>");
        config = config.withGrades(grades);
        SiteGenerator.Summary summary = new SiteGenerator(config).generate();
        assertTrue(summary.digitModel(), "the digit page has no model");
        site = config.out();
        screenshots = target.resolve("screenshots");
        Files.createDirectories(screenshots);

        server = new StaticServer(site);
        driver = startChromium();
        crawl(server.base() + "index.html");
    }

    @BeforeEach
    void needsTheBrowser() {
        assumeTrue(noBrowser == null, noBrowser);
    }

    @AfterAll
    void stop() {
        if (driver != null) {
            driver.quit();
        }
        if (server != null) {
            server.close();
        }
    }

    // ------------------------------------------------------------------ every page

    @Test
    void everyPageLoadsWithoutConsoleErrors() {
        assertTrue(pages.size() >= 16, "only " + pages.size() + " pages were reached from the home page: " + pages.keySet());
        List<String> problems = new ArrayList<>();
        pages.values().forEach(p -> p.consoleErrors().forEach(e -> problems.add(p.url() + ": " + e)));
        assertTrue(problems.isEmpty(), "console errors:\n" + String.join("\n", problems));
    }

    @Test
    void everyImageLoadsAndHasAltText() {
        List<String> problems = new ArrayList<>();
        pages.values().forEach(p -> p.brokenImages().forEach(e -> problems.add(p.url() + ": " + e)));
        assertTrue(problems.isEmpty(), "images that do not load or lack alt text:\n" + String.join("\n", problems));
    }

    @Test
    void everyLinkResolves() throws Exception {
        List<String> problems = new ArrayList<>();
        for (PageReport p : pages.values()) {
            for (String link : p.links()) {
                if (!link.startsWith(server.base())) {
                    continue;                                    // links to papers and docs elsewhere are not followed
                }
                int hash = link.indexOf('#');
                String target = hash >= 0 ? link.substring(0, hash) : link;
                int status = status(target);
                if (status != 200) {
                    problems.add(p.url() + " -> " + link + " (HTTP " + status + ")");
                } else if (hash >= 0 && target.endsWith(".html")) {
                    // The browser percent-encodes non-ASCII fragments (η becomes %CE%B7); ids hold the characters.
                    String fragment = java.net.URLDecoder.decode(link.substring(hash + 1).replace("+", "%2B"),
                            java.nio.charset.StandardCharsets.UTF_8);
                    PageReport linked = pages.get(target);
                    if (linked != null && !fragment.isEmpty() && !linked.ids().contains(fragment)) {
                        problems.add(p.url() + " -> " + link + " (no element with id '" + fragment + "')");
                    }
                }
            }
        }
        assertTrue(problems.isEmpty(), "broken links:\n" + String.join("\n", problems));
    }

    @Test
    void everythingIsShippedWithTheSite() {
        List<String> problems = new ArrayList<>();
        pages.values().forEach(p -> p.foreignResources().forEach(r -> problems.add(p.url() + " loads " + r)));
        assertTrue(problems.isEmpty(), "resources from outside the site:\n" + String.join("\n", problems));
    }

    @Test
    void everyFormulaRenders() {
        long formulas = 0;
        for (PageReport p : pages.values()) {
            assertEquals(p.mathTotal(), p.mathRendered(), p.url() + ": formulas not rendered by KaTeX");
            formulas += p.mathTotal();
        }
        assertTrue(formulas >= 5, "only " + formulas + " formulas on the whole site; the lesson READMEs have more");
    }

    // ------------------------------------------------------------------ home, lessons, rubric

    @Test
    void homeListsEveryLessonWithItsResult() throws IOException {
        open(server.base() + "index.html");
        List<WebElement> cards = driver.findElements(By.cssSelector(".cards .card"));
        assertEquals(Course.LESSONS.size(), cards.size(), "lesson cards on the home page");
        for (Course.Entry e : Course.LESSONS) {
            assertTrue(pages.containsKey(server.base() + "lessons/" + e.id() + ".html"), "no page for lesson " + e.id());
        }
        for (String id : SmokeOutputs.lessonFolders(root)) {
            WebElement card = driver.findElement(By.cssSelector(".card a[href='lessons/" + id + ".html']"))
                    .findElement(By.xpath("./.."));
            assertTrue(card.getText().contains("%"), "lesson " + id + " ran but its card shows no test accuracy: " + card.getText());
            assertTrue(card.getText().contains("smoke"), "lesson " + id + "'s card does not say it is a smoke run");
        }
        screenshot("home");
    }

    @Test
    void lessonPageShowsPlotsProvenanceAndNavigation() {
        open(server.base() + "lessons/01-first-network.html");
        String text = driver.findElement(By.tagName("main")).getText();
        assertTrue(text.contains("Smoke run"), "the smoke-run notice is missing");
        assertTrue(text.contains("Provenance") && text.contains("seed") && text.contains("Java"), "provenance missing");
        assertTrue(driver.findElements(By.cssSelector("figure.plot img")).size() >= 4, "plots missing");
        assertEquals(1, driver.findElements(By.cssSelector(".pager a[rel=next]")).size(), "no link to the next lesson");
        assertTrue(driver.findElements(By.cssSelector(".lesson-nav li")).size() >= 12, "sidebar lists fewer than 12 lessons");
        screenshot("lesson");
    }

    @Test
    void rubricListsEveryRequirementWithAStatus() {
        open(server.base() + "rubric.html");
        for (String id : REQUIREMENTS) {
            List<WebElement> row = driver.findElements(By.id("req-" + id));
            assertEquals(1, row.size(), "rubric row for requirement " + id);
            String status = row.get(0).findElement(By.cssSelector(".status-cell .status")).getText();
            assertTrue(List.of("not met", "smoke run: not graded", "not run yet").contains(status) || (id.equals("docs")
                    && status.equals("met")), id + " has status '" + status + "': a site built from smoke runs meets nothing");
            if (!status.equals("not run yet") && !id.equals("docs")) {
                assertTrue(row.get(0).getText().contains("smoke run"), "requirement " + id + " rests on smoke runs but does not say so");
            }
        }
        WebElement grades = driver.findElement(By.id("grades"));
        assertTrue(grades.getText().contains("15 of 20"), "the student's total: " + grades.getText());
        screenshot("rubric");
    }

    // ------------------------------------------------------------------ the digit page

    @Test
    void digitPageClassifiesTestDigitsThroughTheCanvas() {
        open(server.base() + "digit.html");
        new WebDriverWait(driver, READY_TIMEOUT).until(d -> "true".equals(
                d.findElement(By.id("digit-app")).getDomAttribute("data-ready")));
        JavascriptExecutor js = driver;
        long samples = (Long) js.executeScript("return window.KNOBS_TEST_DIGITS.length");
        assertTrue(samples >= 10, "only " + samples + " sample digits");
        int correct = 0;
        StringBuilder seen = new StringBuilder();
        for (int i = 0; i < 10; i++) {
            WebElement button = driver.findElement(By.cssSelector("#samples button[data-index='" + i + "']"));
            int label = Integer.parseInt(button.getDomAttribute("data-label"));
            button.click();
            String predicted = driver.findElement(By.id("prediction")).getDomAttribute("data-digit");
            seen.append(label).append("->").append(predicted).append(' ');
            if (String.valueOf(label).equals(predicted)) {
                correct++;
            }
        }
        System.out.println("digit page: " + correct + " of 10 test digits right through the canvas: " + seen);
        assertTrue(correct >= 8, "the digit page got only " + correct + " of 10 test digits right: " + seen);
        screenshot("digit");

        double difference = ((Number) js.executeScript("""
                var worst = 0;
                window.KNOBS_TEST_DIGITS.forEach(function (d) {
                  var s = atob(d.pixels), grey = [];
                  for (var i = 0; i < s.length; i++) grey.push(s.charCodeAt(i));
                  var p = window.KnobsDigit.probabilitiesOfGrey(grey);
                  for (var k = 0; k < 10; k++) worst = Math.max(worst, Math.abs(p[k] - d.expected[k]));
                });
                return worst;""")).doubleValue();
        assertTrue(difference < 1e-5, "the browser's probabilities differ from Java's by " + difference);
    }

    @Test
    void digitPageReadsAStrokeDrawnWithThePointer() {
        open(server.base() + "digit.html");
        new WebDriverWait(driver, READY_TIMEOUT).until(d -> "true".equals(
                d.findElement(By.id("digit-app")).getDomAttribute("data-ready")));
        WebElement pad = driver.findElement(By.id("pad"));
        new Actions(driver).moveToElement(pad, 0, -90).clickAndHold().moveByOffset(2, 60).moveByOffset(2, 60)
                .moveByOffset(1, 60).release().perform();
        String predicted = driver.findElement(By.id("prediction")).getDomAttribute("data-digit");
        double ink = ((Number) ((JavascriptExecutor) driver).executeScript(
                "var d = document.getElementById('seen').getContext('2d').getImageData(0, 0, 28, 28).data, s = 0;"
                        + "for (var i = 0; i < d.length; i += 4) s += d[i]; return s / 255;")).doubleValue();
        assertTrue(ink > 10, "the drawn stroke did not reach the network's 28x28 input");
        assertEquals("1", predicted, "a vertical stroke should read as a 1");
    }

    // ------------------------------------------------------------------ runs and comparisons

    @Test
    void runsAndComparisonPagesAreReachedFromTheHomePage() {
        for (String page : List.of("lessons/" + COMPARED_LESSON + "/runs.html", "lessons/" + COMPARED_LESSON + "/compare.html",
                "lessons/07-dropout/runs.html", "compare/index.html", "lessons/07-dropout/exercises.html",
                "lessons/09-deeper-layers/exercises.html", "lessons/11-evaluation/exercises.html",
                "lessons/12-towards-99/exercises.html")) {
            assertTrue(pages.containsKey(server.base() + page), page + " was not reached from the home page");
        }
    }

    @Test
    void runsPageListsEveryRunAndMarksTheOneTheLessonShows() {
        open(server.base() + "lessons/" + COMPARED_LESSON + "/runs.html");
        List<WebElement> runs = driver.findElements(By.cssSelector("section.kept-run"));
        assertEquals(2, runs.size(), "kept runs of lesson 01: the one its page shows and the one with a knob turned");
        assertTrue(runs.get(0).getDomAttribute("class").contains("shown")
                && runs.get(0).getText().contains("shown on the lesson page"), "the shown run is not first or not marked");
        String turned = runs.get(1).getText();
        assertTrue(turned.contains(TURNED_KNOB + " = " + TURNED_VALUE), "the turned knob is not listed: " + turned);
        assertTrue(turned.contains("mvn -pl lessons/" + COMPARED_LESSON + " exec:java -Dexec.args=\"--config ")
                && turned.contains("/knobs.properties\""), "no command that runs it again: " + turned);
        assertTrue(turned.toLowerCase(java.util.Locale.ROOT).contains("test accuracy") && turned.contains("%"), "no test accuracy: " + turned);
        screenshot("runs");
    }

    @Test
    void comparisonChartsShowValuesAndTheirLegendHidesAndShowsACurve() {
        open(server.base() + "lessons/" + COMPARED_LESSON + "/compare.html");
        List<WebElement> rows = driver.findElements(By.cssSelector("table.comparison tbody tr"));
        assertEquals(2, rows.size(), "comparison table rows");
        assertTrue(driver.findElement(By.cssSelector("table.comparison thead")).getText().contains(TURNED_KNOB),
                "the knob that differs is not a column");
        for (String chart : List.of("accuracy", "train-loss")) {
            WebElement box = awaitChart(chart);
            assertEquals(3, box.findElements(By.cssSelector(".u-legend .u-series")).size(), chart + ": legend rows (epoch and 2 runs)");
            assertTrue(box.findElements(By.cssSelector("img")).isEmpty(), chart + ": the picture was not replaced");
        }
        WebElement box = driver.findElement(By.id("chart-accuracy"));
        assertTrue(driver.findElement(By.cssSelector(".chart-help")).isDisplayed(), "the charts' how-to line is hidden");

        // Hover: the legend shows each curve's value at the epoch under the pointer.
        WebElement over = box.findElement(By.cssSelector(".u-over"));
        new Actions(driver).moveToElement(over).perform();
        WebElement firstValue = box.findElements(By.cssSelector(".u-legend .u-series")).get(1).findElement(By.cssSelector(".u-value"));
        new WebDriverWait(driver, READY_TIMEOUT).withMessage("hovering the chart shows no value in its legend")
                .until(d -> firstValue.getText().matches("\\d+\\.\\d\\d%"));

        // Away from the chart, the legend's values go (and nothing in it moves while the pointer goes to a name).
        new Actions(driver).moveToElement(driver.findElement(By.tagName("h1"))).perform();
        new WebDriverWait(driver, READY_TIMEOUT).withMessage("the legend keeps its values after the pointer left the chart")
                .until(d -> firstValue.getText().equals("\u2013"));

        // A click on a run's name hides its curve, a second click shows it again.
        WebElement label = box.findElements(By.cssSelector(".u-legend .u-series")).get(2).findElement(By.tagName("th"));
        label.click();
        awaitSeries(box, 2, false);
        label.click();
        awaitSeries(box, 2, true);
        // The keyboard does the same: the names are buttons.
        assertEquals("button", label.getDomAttribute("role"));
        ((JavascriptExecutor) driver).executeScript("arguments[0].focus();", label);
        new Actions(driver).sendKeys(Keys.ENTER).perform();
        awaitSeries(box, 2, false);
        screenshot("compare");
        new Actions(driver).sendKeys(Keys.SPACE).perform();
        awaitSeries(box, 2, true);
    }

    @Test
    void courseComparisonDrawsRunsOfDifferentLessons() {
        open(server.base() + "compare/index.html");
        int rows = driver.findElements(By.cssSelector("table.comparison tbody tr")).size();
        assertTrue(rows >= 2, "the course comparison has " + rows + " runs");
        WebElement box = awaitChart("accuracy");
        long curves = box.findElements(By.cssSelector(".u-legend .u-series")).size() - 1;
        assertEquals(rows, curves, "one curve per compared run");
        screenshot("compare-course");
    }

    /** Waits for the chart {@code id} to be drawn: compare.js marks it, and uPlot's canvas is in it. */
    private WebElement awaitChart(String id) {
        WebElement box = driver.findElement(By.id("chart-" + id));
        new WebDriverWait(driver, READY_TIMEOUT).withMessage("chart " + id + " was not drawn")
                .until(d -> "true".equals(box.getDomAttribute("data-chart-ready"))
                        && !box.findElements(By.cssSelector(".uplot canvas")).isEmpty());
        return box;
    }

    /** Waits until curve {@code index} of the chart in {@code box} is shown or hidden, in uPlot's state and in its legend. */
    private void awaitSeries(WebElement box, int index, boolean shown) {
        String id = box.getDomAttribute("id").substring("chart-".length());
        new WebDriverWait(driver, READY_TIMEOUT).withMessage(() -> "curve " + index + " of " + id + " was not "
                        + (shown ? "shown" : "hidden") + ": uPlot's show flags " + ((JavascriptExecutor) driver).executeScript(
                        "return window.KnobsCharts[arguments[0]].series.map(function (s) { return s.show; });", id)
                        + ", legend " + box.findElement(By.cssSelector(".u-legend")).getDomProperty("outerHTML"))
                .until(d -> {
                    Object show = ((JavascriptExecutor) d).executeScript(
                            "return window.KnobsCharts[arguments[0]].series[arguments[1]].show;", id, index);
                    WebElement row = box.findElements(By.cssSelector(".u-legend .u-series")).get(index);
                    boolean off = row.getDomAttribute("class").contains("u-off");
                    String pressed = row.findElement(By.tagName("th")).getDomAttribute("aria-pressed");
                    return Boolean.valueOf(shown).equals(show) && off != shown && String.valueOf(shown).equals(pressed);
                });
    }

    // ------------------------------------------------------------------ the search pages

    @Test
    void searchPageDrawsTheSurfaceWhichTurnsAndShowsValues() {
        assertTrue(pages.containsKey(server.base() + SEARCH_PAGE), SEARCH_PAGE + " was not reached from the home page");
        assertTrue(pages.containsKey(server.base() + "lessons/" + SEARCH_LESSON + "/search-random.html"),
                "the random search's page was not reached from the home page");
        open(server.base() + SEARCH_PAGE);
        WebElement box = awaitSurface();
        JavascriptExecutor js = driver;
        long painted = (Long) js.executeScript("""
                var c = arguments[0].querySelector('canvas');
                var d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data, n = 0;
                for (var i = 3; i < d.length; i += 4) { if (d[i] > 0) { n++; } }
                return n;""", box);
        long area = (Long) js.executeScript("var c = arguments[0].querySelector('canvas'); return c.width * c.height;", box);
        assertTrue(painted > area / 20, "the surface's canvas is almost blank: " + painted + " of " + area + " pixels painted");
        assertTrue(box.findElements(By.cssSelector("img")).stream().noneMatch(WebElement::isDisplayed),
                "the static picture was not replaced by the interactive surface");
        assertTrue(driver.findElements(By.cssSelector("table.search-trials tbody tr")).size() >= 2, "the table of trials has no rows");
        assertTrue(driver.findElements(By.cssSelector("table.search-trials .shown-badge")).size() == 1, "no trial is marked chosen");

        // Dragging turns it.
        WebElement canvas = box.findElement(By.tagName("canvas"));
        js.executeScript("arguments[0].scrollIntoView({block: 'center'});", canvas);
        String yaw = box.getDomAttribute("data-yaw");
        String pitch = box.getDomAttribute("data-pitch");
        new Actions(driver).moveToElement(canvas).clickAndHold().moveByOffset(40, 10).moveByOffset(40, 10).release().perform();
        new WebDriverWait(driver, READY_TIMEOUT).withMessage("dragging did not turn the surface (yaw " + yaw + ", pitch " + pitch + ")")
                .until(d -> !yaw.equals(box.getDomAttribute("data-yaw")) && !pitch.equals(box.getDomAttribute("data-pitch")));

        // Pointing at it shows the knobs and the accuracy of the nearest grid point.
        new Actions(driver).moveToElement(canvas, 5, 5).perform();
        WebElement readout = driver.findElement(By.id("surface-readout"));
        new WebDriverWait(driver, READY_TIMEOUT).withMessage(() -> "pointing at the surface shows no value: '"
                        + box.getDomAttribute("data-hover") + "'")
                .until(d -> box.getDomAttribute("data-hover") != null && box.getDomAttribute("data-hover").matches(".+ = .+: validation accuracy \\d+\\.\\d\\d%")
                        && readout.getText().equals(box.getDomAttribute("data-hover")));
        screenshot("search");

        // The arrow keys turn it too.
        String turned = box.getDomAttribute("data-yaw");
        js.executeScript("arguments[0].focus();", canvas);
        new Actions(driver).sendKeys(Keys.ARROW_LEFT).perform();
        new WebDriverWait(driver, READY_TIMEOUT).withMessage("the left arrow did not turn the surface")
                .until(d -> !turned.equals(box.getDomAttribute("data-yaw")));
    }

    @Test
    void searchPageWorksFromTheFileSystem() {
        PageReport search = inspect(site.resolve(SEARCH_PAGE).toUri().toString());
        assertTrue(search.consoleErrors().isEmpty(), "console errors on the search page from file://: " + search.consoleErrors());
        assertTrue(search.brokenImages().isEmpty(), "images broken on the search page from file://: " + search.brokenImages());
        awaitSurface();
    }

    /** Waits for the search page's 3D surface: surface3d.js marks its container drawn, with its canvas in it. */
    private WebElement awaitSurface() {
        WebElement box = driver.findElement(By.id("surface-3d"));
        new WebDriverWait(driver, READY_TIMEOUT).withMessage("the 3D surface was not drawn")
                .until(d -> "true".equals(box.getDomAttribute("data-drawn")) && !box.findElements(By.tagName("canvas")).isEmpty());
        return box;
    }

    // ------------------------------------------------------------------ file:// and phones

    @Test
    void homeAndDigitPagesWorkFromTheFileSystem() {
        PageReport home = inspect(site.resolve("index.html").toUri().toString());
        assertTrue(home.consoleErrors().isEmpty(), "console errors from file://: " + home.consoleErrors());
        assertTrue(home.brokenImages().isEmpty(), "images broken from file://: " + home.brokenImages());
        assertEquals(Course.LESSONS.size(), driver.findElements(By.cssSelector(".cards .card")).size());
        PageReport digit = inspect(site.resolve("digit.html").toUri().toString());
        assertTrue(digit.consoleErrors().isEmpty(), "console errors on the digit page from file://: " + digit.consoleErrors());
        assertEquals("true", driver.findElement(By.id("digit-app")).getDomAttribute("data-ready"),
                "the model did not load from file://");
    }

    @Test
    void pagesFitAPhoneScreen() {
        Dimension desktop = driver.manage().window().getSize();
        driver.manage().window().setSize(new Dimension(390, 844));
        try {
            for (String page : List.of("index.html", "lessons/01-first-network.html", "rubric.html", "digit.html", "tribuo/index.html",
                    "lessons/" + COMPARED_LESSON + "/runs.html", "lessons/" + COMPARED_LESSON + "/compare.html", "compare/index.html",
                    SEARCH_PAGE, "lessons/07-dropout/exercises.html")) {
                open(server.base() + page);
                long overflow = (Long) ((JavascriptExecutor) driver).executeScript(
                        "return document.documentElement.scrollWidth - window.innerWidth;");
                assertTrue(overflow <= 1, page + " scrolls sideways on a phone by " + overflow + " px");
                if (page.equals("lessons/01-first-network.html")) {
                    screenshotViewport("phone-lesson");
                    driver.findElement(By.cssSelector(".menu-toggle")).click();
                    // The menu slides in (a 0.2 s transition): wait for it rather than look mid-slide.
                    WebElement menu = driver.findElement(By.id("sidebar"));
                    new WebDriverWait(driver, READY_TIMEOUT).withMessage("the lesson menu does not open on a phone")
                            .until(d -> menu.isDisplayed());
                    screenshotViewport("phone-menu");
                }
                if (page.equals("index.html")) {
                    screenshotViewport("phone-home");
                }
                if (page.endsWith("compare.html")) {
                    WebElement box = awaitChart("accuracy");
                    long chartWidth = (Long) ((JavascriptExecutor) driver).executeScript(
                            "return Math.ceil(arguments[0].querySelector('.uplot').getBoundingClientRect().right);", box);
                    assertTrue(chartWidth <= 390, "the chart is wider than a phone: its right edge is at " + chartWidth + " px");
                    ((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView();", box);
                    screenshotViewport("phone-compare");
                }
            }
        } finally {
            driver.manage().window().setSize(desktop);
        }
    }

    // ------------------------------------------------------------------ helpers

    private ChromeDriver startChromium() throws IOException {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.browser().toFile());
        Path profile = Files.createTempDirectory("knobs-chromium-");
        profile.toFile().deleteOnExit();
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--user-data-dir=" + profile, "--window-size=1366,900",
                "--allow-file-access-from-files");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMIUM.driver().toFile())
                .usingAnyFreePort().build();
        ChromeDriver d = new ChromeDriver(service, options);
        d.manage().timeouts().pageLoadTimeout(READY_TIMEOUT).scriptTimeout(READY_TIMEOUT);
        return d;
    }

    /** Visits every page reachable from {@code start}, recording what each showed. */
    private void crawl(String start) {
        Deque<String> queue = new ArrayDeque<>(List.of(start));
        while (!queue.isEmpty()) {
            String url = queue.poll();
            if (pages.containsKey(url)) {
                continue;
            }
            PageReport report = inspect(url);
            pages.put(url, report);
            for (String link : report.links()) {
                String page = link.contains("#") ? link.substring(0, link.indexOf('#')) : link;
                // A page that does not exist is not opened (it would never mark itself ready): everyLinkResolves names it.
                // The grader's own report (grades/report.html) is a copy, not a site page: everyLinkResolves checks it is served.
                if (page.startsWith(server.base()) && page.endsWith(".html") && !pages.containsKey(page)
                        && !page.startsWith(server.base() + dev.knobs.site.render.SiteMap.GRADE_REPORT)
                        && Files.isRegularFile(site.resolve(page.substring(server.base().length())))) {
                    queue.add(page);
                }
            }
        }
    }

    private void open(String url) {
        driver.get(url);
        awaitReady(url);
        driver.manage().logs().get(LogType.BROWSER);    // start each check with an empty log
    }

    /**
     * Waits until the page has loaded and its own script has run (formulas drawn, code coloured, menu
     * wired): {@code site.js} marks the document {@code data-site-ready} as its last act. On a busy
     * machine the driver can hand back a page while it is still loading, so no check may look before this.
     */
    private void awaitReady(String url) {
        new WebDriverWait(driver, READY_TIMEOUT).withMessage(() -> url + " never finished loading: readyState="
                        + driver.executeScript("return document.readyState") + ", KaTeX loaded="
                        + driver.executeScript("return !!window.katex") + ", site script done="
                        + driver.executeScript("return document.documentElement.getAttribute('data-site-ready')"))
                .until(d -> Boolean.TRUE.equals(((JavascriptExecutor) d).executeScript(
                        "return document.readyState === 'complete'"
                                + " && document.documentElement.getAttribute('data-site-ready') === 'true';")));
    }

    @SuppressWarnings("unchecked")
    private PageReport inspect(String url) {
        driver.manage().logs().get(LogType.BROWSER);
        driver.get(url);
        awaitReady(url);
        Map<String, Object> r = (Map<String, Object>) driver.executeAsyncScript("""
                var done = arguments[arguments.length - 1];
                var imgs = Array.prototype.slice.call(document.images);
                imgs.forEach(function (i) { i.loading = 'eager'; });
                var started = Date.now();
                (function wait() {
                  var pending = imgs.filter(function (i) { return !i.complete; }).length;
                  if (pending > 0 && Date.now() - started < 60000) { setTimeout(wait, 50); return; }
                  var base = location.protocol === 'file:' ? location.href.replace(/[^/]*$/, '').replace(/\\/(lessons|tribuo|code\\/[^/]+)\\/$/, '/') : location.origin + '/';
                  var foreign = [];
                  document.querySelectorAll('img[src], script[src], link[href], iframe[src], video[src], audio[src], source[src]')
                    .forEach(function (e) { var u = e.src || e.href; if (u && u.indexOf(location.protocol === 'file:' ? 'file:' : location.origin) !== 0) foreign.push(u); });
                  performance.getEntriesByType('resource').forEach(function (e) {
                    if (e.name.indexOf(location.protocol === 'file:' ? 'file:' : location.origin) !== 0) foreign.push(e.name);
                  });
                  var math = document.querySelectorAll('.math');
                  done({
                    broken: imgs.filter(function (i) { return !(i.complete && i.naturalWidth > 0) || !i.getAttribute('alt') || !i.getAttribute('alt').trim(); })
                               .map(function (i) { return i.getAttribute('src') + (i.getAttribute('alt') ? '' : ' (no alt text)'); }),
                    links: Array.prototype.slice.call(document.querySelectorAll('a[href]')).map(function (a) { return a.href; }),
                    ids: Array.prototype.slice.call(document.querySelectorAll('[id]')).map(function (e) { return e.id; }),
                    mathTotal: math.length,
                    mathRendered: Array.prototype.slice.call(math).filter(function (e) { return e.querySelector('.katex') && !e.classList.contains('math-error'); }).length,
                    foreign: foreign
                  });
                })();""");
        List<String> errors = new ArrayList<>();
        for (LogEntry e : driver.manage().logs().get(LogType.BROWSER)) {
            if (e.getLevel().intValue() >= Level.SEVERE.intValue()) {
                errors.add(e.getMessage());
            }
        }
        return new PageReport(url, errors, (List<String>) r.get("broken"), (List<String>) r.get("links"),
                new LinkedHashSet<>((List<String>) r.get("ids")), (Long) r.get("mathTotal"), (Long) r.get("mathRendered"),
                (List<String>) r.get("foreign"));
    }

    private int status(String url) throws IOException, InterruptedException {
        Integer cached = statusCache.get(url);
        if (cached != null) {
            return cached;
        }
        HttpResponse<Void> response = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(READY_TIMEOUT).GET().build(),
                HttpResponse.BodyHandlers.discarding());
        statusCache.put(url, response.statusCode());
        return response.statusCode();
    }

    /** A screenshot of the whole page (up to 6,000 pixels tall) at desktop width. */
    private void screenshot(String name) {
        Dimension before = driver.manage().window().getSize();
        long height = (Long) driver.executeScript("return Math.min(6000, document.documentElement.scrollHeight);");
        driver.manage().window().setSize(new Dimension(1366, (int) Math.max(900, height)));
        screenshotViewport(name);
        driver.manage().window().setSize(before);
    }

    private void screenshotViewport(String name) {
        File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
        try {
            Files.copy(shot.toPath(), screenshots.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new AssertionError("could not save screenshot " + name + ": " + e.getMessage(), e);
        }
    }
}
