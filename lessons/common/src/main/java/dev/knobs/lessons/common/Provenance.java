package dev.knobs.lessons.common;

import dev.knobs.data.KnownFile;
import dev.knobs.data.Mnist;
import dev.knobs.data.ProjectPaths;
import dev.knobs.nn.kernel.Gemm;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
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
 * @param testSet     the SHA-256 of the test images and labels files the run read, so a grader can tell a
 *                    run on the real MNIST test set from one on anything else (null if it read no test
 *                    images: no data at all, or only training images, as lesson 12's choice of its recipe)
 */
public record Provenance(long seed, String mode, int threads, String kernel, String java, String os, int cpus,
                         String commit, String dataset, List<String> arguments, String started, double seconds,
                         TestSet testSet) {

    /**
     * The test files a run read, by checksum.
     *
     * @param imagesSha256 SHA-256 of the test images file (uncompressed IDX)
     * @param labelsSha256 SHA-256 of the test labels file
     */
    public record TestSet(String imagesSha256, String labelsSha256) {
        /** MNIST's own test set: the SHA-256 of {@code t10k-images-idx3-ubyte} and {@code t10k-labels-idx1-ubyte}, as published. */
        public static final TestSet MNIST = new TestSet(Mnist.FILES.get(2).sha256(), Mnist.FILES.get(3).sha256());

        /** The real MNIST test set: both checksums are those of the published files. */
        public boolean isMnist() {
            return MNIST.equals(this);
        }
    }

    /**
     * The provenance of a run made on this machine with this code, which started at {@code started}
     * and took {@code seconds}; the kernel, Java, operating system, cores and git commit are read here.
     * The start is kept to the second and the duration to a tenth of a second.
     */
    public static Provenance of(long seed, String mode, int threads, String dataset, List<String> arguments,
                                Instant started, double seconds, TestSet testSet) {
        return new Provenance(seed, mode, threads, kernelName(), javaVersion(), osName(),
                Runtime.getRuntime().availableProcessors(), gitCommit(ProjectPaths.root().orElse(Path.of("."))), dataset,
                arguments, started.truncatedTo(ChronoUnit.SECONDS).toString(), Math.round(seconds * 10) / 10.0, testSet);
    }

    /**
     * The checksums of the test files in an MNIST-format folder: the uncompressed files if they are
     * there, else the gzip ones (whose checksums are not MNIST's, so the run is not graded as MNIST).
     */
    static TestSet testSetIn(Path dir) {
        return new TestSet(sha256(dir, "t10k-images-idx3-ubyte"), sha256(dir, "t10k-labels-idx1-ubyte"));
    }

    private static String sha256(Path dir, String name) {
        Path file = Files.isRegularFile(dir.resolve(name)) ? dir.resolve(name) : dir.resolve(name + ".gz");
        try {
            return KnownFile.sha256Of(file);
        } catch (IOException e) {
            return "unreadable: " + e.getMessage();
        }
    }

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
