package dev.knobs.nn.bench;

import dev.knobs.nn.data.Dataset;
import dev.knobs.nn.data.Scaling;
import dev.knobs.nn.kernel.Gemm;
import java.util.Arrays;

/**
 * The benchmark command: matrix-multiply speed on the MLP's shapes, then training throughput of
 * the two benchmark networks.
 *
 * <pre>
 *   mvn -B -q -pl nn-core compile exec:java@bench                       everything, as below
 *   mvn -B -q -pl nn-core compile exec:java@bench -Dexec.args="train"   training only
 *   mvn -B -q -pl nn-core compile exec:java@bench -Dexec.args="gemm"    matrix multiply only
 * </pre>
 *
 * <p>With no arguments: GEMM at 1 and 2 threads, then one epoch-timing run of
 * {@code 784-256-128-10} (3 timed epochs) and of {@code 784-1024-1024-1024-10} (2 timed epochs),
 * both at 2 threads. Absolute figures drift on shared machines: compare with a peer run in the
 * same sitting, as a ratio.
 */
public final class Bench {
    private Bench() {}

    public static void main(String[] args) {
        boolean gemm = args.length == 0 || Arrays.asList(args).contains("gemm");
        boolean train = args.length == 0 || Arrays.asList(args).contains("train");
        if (!gemm && !train) {
            System.err.println("error: unknown benchmark " + Arrays.toString(args) + "; use gemm, train, or nothing for both");
            System.exit(2);
        }
        System.out.printf("Knobs benchmark: Java %s, %d cores, kernel %s%n", System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors(), Gemm.implementation());
        if (gemm) {
            GemmBench.run(System.out, new int[] {1, 2});
        }
        if (train) {
            var data = TrainBench.mnist();
            Dataset trainSet = Scaling.toUnitRange(data.train());
            Dataset testSet = Scaling.toUnitRange(data.test());
            TrainBench.run(System.out, trainSet, testSet, new int[] {784, 256, 128, 10}, 2, 3);
            TrainBench.run(System.out, trainSet, testSet, new int[] {784, 1024, 1024, 1024, 10}, 2, 2);
        }
    }
}
