package dev.knobs.bench;

import dev.knobs.nn.kernel.Gemm;
import java.util.Arrays;
import java.util.List;

/**
 * The benchmark command: matrix-multiply speed on the MLP's shapes, then training throughput of
 * the two benchmark networks. After {@code mvn -B install ...} has installed the modules:
 *
 * <pre>
 *   mvn -B -q -pl bench exec:java                       everything, as below
 *   mvn -B -q -pl bench exec:java -Dexec.args="train"   training only
 *   mvn -B -q -pl bench exec:java -Dexec.args="gemm"    matrix multiply only
 *   mvn -B -q -pl bench exec:java -Dexec.args="pairs" -Dknobs.peer=.../mlp_numpy.py
 *                                                       ratios to a peer, interleaved ({@link PeerPairs})
 * </pre>
 *
 * <p>{@code exec:java} runs the command inside Maven's JVM, which gets
 * {@code --add-modules=jdk.incubator.vector} from the project's {@code .mvn/jvm.config}; the first
 * line says which kernel runs ({@code kernel vector} with the Vector API, {@code kernel scalar}
 * without it, with a warning). It uses the nn-core that {@code mvn install} put in the local
 * repository: after changing nn-core, install it again ({@code mvn -B -q install -pl nn-core,bench
 * -DskipTests}) before measuring.
 *
 * <p>With no arguments: GEMM at 1 and 2 threads, then one epoch-timing run of
 * {@code 784-256-128-10} (3 timed epochs) and of {@code 784-1024-1024-1024-10} (2 timed epochs),
 * both at 2 threads. Absolute figures drift on shared machines: compare with a peer run in the
 * same sitting, as a ratio.
 *
 * <p>Why one command for both: the README's Speed section quotes the kernel's GFLOP/s next to the
 * training throughput it leads to, and the two only mean something together when they come from
 * the same run.
 */
public final class Bench {
    private Bench() {}

    /** The parts the command knows, in the order they run; the first four run when no part is named. */
    static final List<String> PARTS = List.of("peak", "gemm", "train", "infer", "pairs", "speedrun", "speedrun-search",
            "fingerprint", "fingerprint-more");
    static final List<String> DEFAULT_PARTS = List.of("peak", "gemm", "train", "infer");

    public static void main(String[] args) {
        List<String> wanted = args.length == 0 ? DEFAULT_PARTS : Arrays.asList(args);
        for (String part : wanted) {
            if (!PARTS.contains(part)) {
                System.err.println("error: unknown benchmark '" + part + "'; use any of " + PARTS
                        + ", or nothing for " + DEFAULT_PARTS);
                System.exit(2);
            }
        }
        System.out.printf("Knobs benchmark: Java %s, %d cores, kernel %s, load average %s%n",
                System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(), Gemm.implementation(),
                loadAverage());
        if (KernelChoice.vectorApiMissing()) {
            System.err.println("warning: " + KernelChoice.advice() + "; Maven's JVM gets it from .mvn/jvm.config");
        }
        PeakBench.Peak[] peaks = null;
        if (wanted.contains("peak") || wanted.contains("gemm") || wanted.contains("train") || wanted.contains("infer")
                || wanted.contains("pairs")) {
            peaks = KernelChoice.vectorApiMissing() ? null : PeakBench.run(System.out, new int[] {1, 2});
        }
        if (wanted.contains("gemm")) {
            GemmBench.run(System.out, new int[] {1, 2}, peaks);
        }
        if (wanted.contains("train")) {
            TrainBench.runBoth(System.out, peaks);
        }
        if (wanted.contains("infer")) {
            InferBench.run(System.out);
        }
        if (wanted.contains("pairs")) {
            PeerPairs.run(System.out, peaks);
        }
        if (wanted.contains("speedrun")) {
            Speedrun.run(System.out);
        }
        if (wanted.contains("speedrun-search")) {
            Speedrun.search(System.out);
        }
        if (wanted.contains("fingerprint")) {
            Fingerprint.run(System.out);
        }
        if (wanted.contains("fingerprint-more")) {
            Fingerprint.runMore(System.out);
        }
    }

    /** The system's load average over the last 1, 5 and 15 minutes, or "unknown": a busy machine explains slow figures. */
    static String loadAverage() {
        try {
            String[] f = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (java.io.IOException | RuntimeException e) {
            double one = java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
            return one < 0 ? "unknown" : String.format(java.util.Locale.ROOT, "%.2f", one);
        }
    }
}
