package dev.knobs.nn.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Which implementation a fresh JVM picks: the choice is made once per JVM, so each case runs
 * {@link FallbackProbe} in a child process.
 */
class KernelChoiceTest {
    private static final String EXPECTED_PRODUCT = "58.0 64.0 139.0 154.0";

    /** Without the module the scalar kernel must run, which also proves no Vector API class is needed. */
    @Test
    void withoutTheVectorModuleTheScalarFallbackRuns() throws Exception {
        Result r = run(false);
        assertEquals(0, r.exitCode, r.output);
        assertTrue(r.output.contains("scalar " + EXPECTED_PRODUCT), r.output);
    }

    @Test
    void withTheModuleTheVectorKernelRuns() throws Exception {
        Result r = run(true);
        assertEquals(0, r.exitCode, r.output);
        assertTrue(r.output.contains("vector " + EXPECTED_PRODUCT), r.output);
    }

    /** The elementwise kernels follow the kernel choice too, and give the same bits either way. */
    @Test
    void elementwiseKernelsGiveTheSameBitsWithAndWithoutTheModule() throws Exception {
        String scalar = opsLine(run(false));
        String vector = opsLine(run(true));
        assertTrue(scalar.startsWith("ops "), scalar);
        assertEquals(scalar, vector);
    }

    private static String opsLine(Result r) {
        assertEquals(0, r.exitCode, r.output);
        return r.output.lines().filter(l -> l.startsWith("ops ")).findFirst().orElse("no ops line in: " + r.output);
    }

    @Test
    void thePropertyForcesTheScalarKernel() throws Exception {
        Result r = run(true, "-Dknobs.kernel=scalar");
        assertEquals(0, r.exitCode, r.output);
        assertTrue(r.output.contains("scalar " + EXPECTED_PRODUCT), r.output);
    }

    @Test
    void badPropertyValuesAreExplained() throws Exception {
        Result r = run(true, "-Dknobs.kernel=fast");
        assertNotEquals(0, r.exitCode);
        assertTrue(r.output.contains("-Dknobs.kernel must be auto, vector or scalar, got 'fast'"), r.output);
        r = run(false, "-Dknobs.kernel=vector");
        assertNotEquals(0, r.exitCode);
        assertTrue(r.output.contains("--add-modules=jdk.incubator.vector"), r.output);
    }

    private record Result(int exitCode, String output) {}

    private static Result run(boolean withModule, String... properties) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        if (withModule) {
            command.add("--add-modules=jdk.incubator.vector");
        }
        command.addAll(List.of(properties));
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(FallbackProbe.class.getName());
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Result(p.waitFor(), output);
    }
}
