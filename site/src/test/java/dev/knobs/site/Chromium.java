package dev.knobs.site;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Where the browser tests find headless Chromium and its driver, and what happens when they are
 * not there.
 *
 * <p>By default a missing browser skips the browser tests (a JUnit assumption in the test) after a
 * loud notice on the console, so that {@code mvn -B verify} on a machine without Chromium still runs every
 * other test. With {@code -Dknobs.browserTests=required}, which {@code .ci/run} passes, a missing
 * browser fails the build with the same notice. {@code -Dknobs.chromium} and
 * {@code -Dknobs.chromedriver} point at other executables, or at none to see the skip.
 *
 * @param browser the Chromium executable
 * @param driver  the ChromeDriver executable
 */
record Chromium(Path browser, Path driver) {
    static final String BROWSER_PROPERTY = "knobs.chromium";
    static final String DRIVER_PROPERTY = "knobs.chromedriver";
    static final String MODE_PROPERTY = "knobs.browserTests";
    static final String INSTALL = "apt-get install -y chromium chromium-driver";

    /** Chromium as the system properties say, by default where Debian's packages put it. */
    static Chromium configured() {
        return new Chromium(Path.of(System.getProperty(BROWSER_PROPERTY, "/usr/bin/chromium")),
                Path.of(System.getProperty(DRIVER_PROPERTY, "/usr/bin/chromedriver")));
    }

    /**
     * Null if both executables are there. Otherwise prints the notice to {@code out}, framed so it
     * stands out in Maven's output, and returns it, for the caller to skip its tests with an
     * assumption; or, when {@code mode} is {@code required}, fails with it. Any other mode than
     * unset, {@code optional} or {@code required} fails, so that a misspelt flag cannot turn a
     * requirement into a skip.
     */
    String check(String mode, PrintStream out) {
        boolean required = "required".equals(mode);
        if (mode != null && !required && !"optional".equals(mode)) {
            fail("-D" + MODE_PROPERTY + "=" + mode + " is not understood: use required (a missing browser fails the"
                    + " build) or optional (it skips the browser tests; the default)");
        }
        List<String> missing = new ArrayList<>();
        for (Path p : List.of(browser, driver)) {
            if (!Files.isRegularFile(p) || !Files.isExecutable(p)) {
                missing.add(p + (Files.exists(p) ? " is not an executable file" : " is missing"));
            }
        }
        if (missing.isEmpty()) {
            return null;
        }
        String notice = notice(required, missing);
        String rule = "=".repeat(100);
        out.println(rule + "\n" + notice + "\n" + rule);
        out.flush();
        if (required) {
            fail(notice);
        }
        return notice;
    }

    /** One paragraph: what is skipped (or failed), why, and how to install the browser. */
    static String notice(boolean required, List<String> missing) {
        return (required ? "BROWSER TESTS FAILED: " : "BROWSER TESTS SKIPPED: ")
                + "the site's browser tests (SiteBrowserTest: every page, link, image and formula of the generated site,"
                + " and the digit page, in headless Chromium) cannot run: " + String.join(" and ", missing) + ". "
                + (required ? "-D" + MODE_PROPERTY + "=required makes this a failure (.ci/run passes it). "
                        : "The rest of the test suite runs; these tests are skipped. ")
                + "Install the browser with `" + INSTALL + "` (Debian packages chromium and chromium-driver, as root),"
                + " or point -D" + BROWSER_PROPERTY + "=PATH and -D" + DRIVER_PROPERTY + "=PATH at them"
                + (required ? "." : "; add -D" + MODE_PROPERTY + "=required to make a missing browser fail the build.");
    }
}
