package dev.knobs.bench;

import dev.knobs.data.Mnist;
import dev.knobs.nn.data.Dataset;
import dev.knobs.nn.data.MiniBatches;
import dev.knobs.nn.data.Scaling;
import dev.knobs.nn.init.HeNormal;
import dev.knobs.nn.io.Sha256;
import dev.knobs.nn.kernel.Compute;
import dev.knobs.nn.layer.Mlp;
import dev.knobs.nn.layer.Parameter;
import dev.knobs.nn.layer.Sequential;
import dev.knobs.nn.metrics.Evaluator;
import dev.knobs.nn.optim.Momentum;
import dev.knobs.nn.train.TrainStep;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.SplittableRandom;

/**
 * Proof that a kernel change changed no number: trains the benchmark recipe (batch 128, momentum
 * 0.9 at 0.05, dropout 0.2, seed 0) for a few epochs and prints the SHA-256 of every weight and
 * bias, as float bits, with the test accuracy:
 *
 * <pre>
 *   fingerprint 784-256-128-10 epochs=3 threads=2: sha256=9f2c... test accuracy 97.51%
 * </pre>
 *
 * Run it before and after a change ({@code mvn -B -q -pl bench exec:java
 * -Dexec.args="fingerprint"}); equal hashes mean bit-identical training. The figures are hashes,
 * not timings, so a busy machine does not disturb them. {@code fingerprint-more} adds the layer
 * sequences the benchmark recipe leaves out: the big network on 1 thread, {@code Dense → ReLU}
 * without dropout (the speedrun's 784-512-512-10) and dropout on the input pixels too (lesson 07's
 * 0.2 and 0.5), each on 1 and 2 threads:
 *
 * <pre>
 *   fingerprint 784-512-512-10 epochs=2 threads=1 dropout=0.0/0.0: sha256=d9b2... test accuracy 97.40%
 * </pre>
 */
public final class Fingerprint {
    private Fingerprint() {}

    /** Prints the fingerprints of the small network (1 and 2 threads) and of the big one (2 threads). */
    public static void run(PrintStream out) {
        var data = Mnist.load();
        Dataset train = Scaling.toUnitRange(data.train());
        Dataset test = Scaling.toUnitRange(data.test());
        out.println(line(train, test, new int[] {784, 256, 128, 10}, 3, 1));
        out.println(line(train, test, new int[] {784, 256, 128, 10}, 3, 2));
        out.println(line(train, test, new int[] {784, 1024, 1024, 1024, 10}, 2, 2));
    }

    /** The other layer sequences of the fused kernels (see the class comment), after {@link #run}'s. */
    public static void runMore(PrintStream out) {
        var data = Mnist.load();
        Dataset train = Scaling.toUnitRange(data.train());
        Dataset test = Scaling.toUnitRange(data.test());
        out.println(line(train, test, new int[] {784, 1024, 1024, 1024, 10}, 0f, TrainBench.DROPOUT, 2, 1));
        for (int threads : new int[] {1, 2}) {
            out.println(line(train, test, new int[] {784, 512, 512, 10}, 0f, 0f, 2, threads));
        }
        for (int threads : new int[] {1, 2}) {
            out.println(line(train, test, new int[] {784, 256, 128, 10}, 0.2f, 0.5f, 2, threads));
        }
    }

    static String line(Dataset train, Dataset test, int[] widths, int epochs, int threads) {
        return line(train, test, widths, Float.NaN, TrainBench.DROPOUT, epochs, threads);
    }

    /** One fingerprint; {@code inputDropout} NaN means the benchmark recipe's (none), and no dropout in the line. */
    static String line(Dataset train, Dataset test, int[] widths, float inputDropout, float hiddenDropout, int epochs,
                       int threads) {
        boolean recipe = Float.isNaN(inputDropout);
        try (Compute.Scope scope = KernelThreads.use(threads)) {
            Sequential net = new Mlp(widths, "relu", recipe ? 0f : inputDropout, new float[] {hiddenDropout}, new HeNormal())
                    .build(new SplittableRandom(0));
            TrainStep step = new TrainStep(net, new Momentum(TrainBench.MOMENTUM));
            MiniBatches batches = new MiniBatches(train, TrainBench.BATCH, 0);
            for (int epoch = 0; epoch < epochs; epoch++) {
                for (MiniBatches.Batch b : batches.epoch(epoch)) {
                    step.run(b.x(), b.labels(), b.size(), TrainBench.LEARNING_RATE);
                }
            }
            return String.format("fingerprint %s epochs=%d threads=%d%s: sha256=%s test accuracy %.2f%%",
                    Mlp.architecture(widths), epochs, threads,
                    recipe ? "" : String.format(java.util.Locale.ROOT, " dropout=%.1f/%.1f", inputDropout, hiddenDropout),
                    sha256(net),
                    100 * Evaluator.evaluate(net, test).accuracy());
        }
    }

    /** SHA-256 of every parameter's values, first layer first, each float as its 4 bytes (big-endian). */
    static String sha256(Sequential net) {
        MessageDigest digest = Sha256.digest();
        for (Parameter p : net.parameters()) {
            ByteBuffer bytes = ByteBuffer.allocate(Float.BYTES * p.value().length);    // big-endian, Java's default
            bytes.asFloatBuffer().put(p.value());
            digest.update(bytes.array());
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
