package dev.knobs.bench;

import dev.knobs.nn.kernel.Gemm;
import java.util.Arrays;

/**
 * The benchmark command: matrix-multiply speed on the MLP's shapes, then training throughput of
 * the two benchmark networks. After {@code mvn -B install ...} has installed the modules:
 *
 * <pre>
 *   mvn -B -q -pl bench exec:java                       everything, as below
 *   mvn -B -q -pl bench exec:java -Dexec.args="train"   training only
 *   mvn -B -q -pl bench exec:java -Dexec.args="gemm"    matrix multiply only
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

    public static void main(String[] args) {
        boolean gemm = args.length == 0 || Arrays.asList(args).contains("gemm");
        boolean train = args.length == 0 || Arrays.asList(args).contains("train");
        boolean fingerprint = Arrays.asList(args).contains("fingerprint");
        if (!gemm && !train && !fingerprint) {
            System.err.println("error: unknown benchmark " + Arrays.toString(args)
                    + "; use gemm, train, fingerprint, or nothing for gemm and train");
            System.exit(2);
        }
        System.out.printf("Knobs benchmark: Java %s, %d cores, kernel %s%n", System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors(), Gemm.implementation());
        if (KernelChoice.vectorApiMissing()) {
            System.err.println("warning: " + KernelChoice.advice() + "; Maven's JVM gets it from .mvn/jvm.config");
        }
        if (gemm) {
            GemmBench.run(System.out, new int[] {1, 2});
        }
        if (train) {
            TrainBench.runBoth(System.out);
        }
        if (fingerprint) {
            Fingerprint.run(System.out);
        }
    }
}
