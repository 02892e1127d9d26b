package dev.knobs.lessons.common;

import dev.knobs.nn.kernel.Gemm;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * How a run was made, so that its numbers can be reproduced or questioned.
 *
 * @param seed        the run seed
 * @param mode        smoke, standard or full
 * @param threads     kernel threads
 * @param kernel      matrix-multiply implementation ({@code vector} or {@code scalar})
 * @param java        Java version and vendor
 * @param os          operating system and architecture
 * @param cpus        cores the JVM sees
 * @param commit      git commit of the code, or null if unknown
 * @param dataset     what was trained on, e.g. {@code mnist 60000/10000}
 * @param arguments   the command-line flags
 * @param started     start time, ISO-8601 UTC
 * @param seconds     duration of the whole run
 */
public record Provenance(long seed, String mode, int threads, String kernel, String java, String os, int cpus,
                         String commit, String dataset, List<String> arguments, String started, double seconds) {

    static String javaVersion() {
        return System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")";
    }

    static String osName() {
        return System.getProperty("os.name") + " " + System.getProperty("os.arch");
    }

    static String kernelName() {
        return Gemm.implementation();
    }

    /** The current git commit of the directory, or null when git or the repository is absent. */
    static String gitCommit(Path dir) {
        try {
            Process p = new ProcessBuilder("git", "rev-parse", "--short=12", "HEAD").directory(dir.toFile())
                    .redirectErrorStream(true).start();
            if (!p.waitFor(5, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return null;
            }
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            return p.exitValue() == 0 && out.matches("[0-9a-f]{7,40}") ? out : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
