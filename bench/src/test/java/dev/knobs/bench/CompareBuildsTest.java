package dev.knobs.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.knobs.nn.init.HeNormal;
import dev.knobs.nn.kernel.Gemm;
import dev.knobs.nn.layer.Mlp;
import dev.knobs.nn.optim.Momentum;
import dev.knobs.nn.train.TrainStep;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
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
        assertEquals("unknown form 'gemm'; use one of [ab, atb, abt, atbMomentum, step]",
                message(core, core, "gemm", "1", "1", "1"));
        assertEquals("k must be a whole number of at least 1, got '-3'", message(core, core, "ab", "2", "-3", "2"));
        assertEquals("expected the two builds, a form and its sizes, got 2 arguments", message(core, core));
        assertEquals("the form ab takes m, k and n and optionally the turns: expected 6 or 7 arguments, got 5",
                message(core, core, "ab", "2", "3"));
        assertEquals("the form step takes an architecture and optionally the turns: expected 4 or 5 arguments, got 6",
                message(core, core, "step", "784-10", "2", "3"));
        assertEquals("the architecture must be widths joined by '-', at least two, like 784-256-128-10, got '784'",
                message(core, core, "step", "784"));
        assertEquals("the architecture must be widths joined by '-', at least two, like 784-256-128-10, got '784-0-10'",
                message(core, core, "step", "784-0-10"));
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

    @Test
    void aBuildsTrainingStepLearnsAsTheOneOnTheClassPath() throws Exception {
        int[] widths = {6, 5, 3};
        CompareBuilds.Work apart = CompareBuilds.trainingStep(nnCore(), widths);
        assertEquals(TrainBench.BATCH, apart.units());
        assertEquals("examples/s", apart.unit());
        TrainStep here = new TrainStep(new Mlp(widths, "relu", 0f, new float[] {TrainBench.DROPOUT}, new HeNormal())
                .build(new SplittableRandom(0)), new Momentum(TrainBench.MOMENTUM));
        Object[][] batches = CompareBuilds.stepBatches(widths);
        int steps = 2 * CompareBuilds.STEP_BATCHES + 3;                 // round the batches twice and on
        double[] expected = new double[steps];
        double[] actual = new double[steps];
        for (int s = 0; s < steps; s++) {
            Object[] b = batches[s % batches.length];
            expected[s] = here.run((float[]) b[0], (int[]) b[1], (int) b[2], (float) b[3]);
            actual[s] = apart.once().getAsDouble();
        }
        assertArrayEquals(expected, actual, "the same network, batches, masks and updates as the class path's build");
        assertEquals(true, Math.abs(expected[0] - Math.log(3)) < 0.5, "a fresh network's loss is near ln 3: " + expected[0]);
    }

    @Test
    void aShortStepComparisonPrintsEachTurnInExamplesPerSecond() throws Exception {
        String core = nnCore().toString();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        CompareBuilds.run(new PrintStream(bytes, true), new String[] {core, core, "step", "20-8-4", "2"});
        String[] lines = bytes.toString().split("\n");
        assertEquals(4, lines.length);
        assertEquals("compare step 20-8-4, batch 128, 2 turns of 0.3 s each", lines[0]);
        assertEquals(true, lines[1].matches("turn 1: \\S+ [0-9.]+ examples/s, \\S+ [0-9.]+ examples/s, ratio [0-9.]+"),
                lines[1]);
    }

    private static String message(String... args) {
        return assertThrows(IllegalArgumentException.class, () -> CompareBuilds.run(new PrintStream(new ByteArrayOutputStream()), args))
                .getMessage();
    }
}
