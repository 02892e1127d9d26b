package dev.knobs.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.knobs.nn.kernel.Gemm;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompareBuildsTest {

    /** Where this test's own nn-core lives: its jar or its class folder. */
    private static Path nnCore() throws Exception {
        return Path.of(Gemm.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    @Test
    void aBuildLoadedApartMultipliesAsTheOneOnTheClassPath() throws Exception {
        Method ab = CompareBuilds.product(nnCore(), "ab");
        assertNotSame(Gemm.class, ab.getDeclaringClass(), "a second copy of nn-core, not the class path's");
        float[] c = new float[4];
        ab.invoke(null, 2, 3, 2, new float[] {1, 2, 3, 4, 5, 6}, new float[] {7, 8, 9, 10, 11, 12}, c);
        assertArrayEquals(new float[] {58, 64, 139, 154}, c);                   // worked on paper
        assertEquals(10, CompareBuilds.product(nnCore(), "atbMomentum").getParameterCount());
    }

    @Test
    void theRatiosAreSummedUpAsMedianAndRange() {
        assertEquals("median 1.10 (0.90 to 1.50)", CompareBuilds.summary(new double[] {1.5, 0.9, 1.1}));
        assertEquals("median 1.05 (1.00 to 1.10)", CompareBuilds.summary(new double[] {1.1, 1.0}));
    }

    @Test
    void badArgumentsSayWhatIsWrong(@TempDir Path empty) throws Exception {
        String core = nnCore().toString();
        assertEquals("unknown form 'gemm'; use one of [ab, atb, abt, atbMomentum]", message(core, core, "gemm", "1", "1", "1"));
        assertEquals("k must be a whole number of at least 1, got '-3'", message(core, core, "ab", "2", "-3", "2"));
        assertEquals("expected 6 or 7 arguments, got 2", message(core, core));
        Path missing = empty.resolve("before.jar");
        assertEquals(missing + " does not exist: give two jars (or class folders) of nn-core",
                message(missing.toString(), core, "ab", "1", "1", "1"));
        Files.writeString(empty.resolve("README"), "not a build");
        assertEquals(empty + " holds no nn-core (no dev.knobs.nn.kernel.Gemm in it)",
                message(empty.toString(), core, "ab", "1", "1", "1"));
    }

    @Test
    void aShortComparisonPrintsEachTurnAndTheSummary() throws Exception {
        String core = nnCore().toString();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        CompareBuilds.run(new PrintStream(bytes, true), new String[] {core, core, "abt", "16", "32", "48", "2"});
        String[] lines = bytes.toString().split("\n");
        assertEquals(4, lines.length);
        assertEquals("compare abt 16x32x48, 2 turns of 0.3 s each", lines[0]);
        assertEquals(true, lines[1].startsWith("turn 1: "), lines[1]);
        assertEquals(true, lines[3].startsWith("after / before: median "), lines[3]);
    }

    private static String message(String... args) {
        return assertThrows(IllegalArgumentException.class, () -> CompareBuilds.run(new PrintStream(new ByteArrayOutputStream()), args))
                .getMessage();
    }
}
