package dev.knobs.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.AssertionFailedError;

/** What the browser tests do without a browser: skip by default, fail when required, both with the notice. */
class ChromiumTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);

    private Chromium nowhere() {
        return new Chromium(dir.resolve("no-chromium"), dir.resolve("no-chromedriver"));
    }

    private String printed() {
        return printed.toString(StandardCharsets.UTF_8);
    }

    @Test
    void withoutABrowserTheNoticeIsPrintedAndReturnedForTheSkip() {
        for (String mode : new String[] {null, "optional"}) {
            printed.reset();
            String notice = nowhere().check(mode, out);
            assertTrue(notice.startsWith("BROWSER TESTS SKIPPED: ") && notice.contains(Chromium.INSTALL), notice);
            assertTrue(notice.contains(dir.resolve("no-chromium") + " is missing and " + dir.resolve("no-chromedriver")
                    + " is missing"), notice);
            assertFalse(notice.contains("\n"), "one paragraph");
            assertTrue(printed().contains("\n" + notice + "\n"), printed());
        }
    }

    @Test
    void whenRequiredAMissingBrowserFailsWithTheSameNotice() {
        AssertionFailedError e = assertThrows(AssertionFailedError.class, () -> nowhere().check("required", out));
        assertTrue(e.getMessage().startsWith("BROWSER TESTS FAILED: ") && e.getMessage().contains(Chromium.INSTALL),
                e.getMessage());
        assertTrue(printed().contains("\n" + e.getMessage() + "\n"), printed());
    }

    @Test
    void aMisspeltModeFailsRatherThanSkipping() {
        AssertionFailedError e = assertThrows(AssertionFailedError.class, () -> nowhere().check("requried", out));
        assertTrue(e.getMessage().contains("is not understood"), e.getMessage());
    }

    @Test
    void aFileThatIsNotExecutableCountsAsMissingAndExecutablesPass() throws IOException {
        Path browser = Files.createFile(dir.resolve("chromium"));
        Path driver = Files.createFile(dir.resolve("chromedriver"));
        String notice = new Chromium(browser, driver).check(null, out);
        assertTrue(notice.contains(browser + " is not an executable file"), notice);

        Files.setPosixFilePermissions(browser, PosixFilePermissions.fromString("rwx------"));
        Files.setPosixFilePermissions(driver, PosixFilePermissions.fromString("rwx------"));
        printed.reset();
        assertNull(new Chromium(browser, driver).check("required", out));
        assertEquals("", printed());
    }
}
