package dev.knobs.bench;

import dev.knobs.data.Mnist;
import dev.knobs.nn.data.Dataset;
import dev.knobs.nn.data.MiniBatches;
import dev.knobs.nn.data.Scaling;
import dev.knobs.nn.init.HeNormal;
import dev.knobs.nn.kernel.Compute;
import dev.knobs.nn.layer.Mlp;
import dev.knobs.nn.layer.Sequential;
import dev.knobs.nn.metrics.Evaluator;
import dev.knobs.nn.optim.Momentum;
import dev.knobs.nn.train.TrainStep;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Training throughput: whole epochs of the benchmark recipe on the 60,000 MNIST training images,
 * everything an epoch does included (shuffling, batching, forward, dropout masks, loss,
 * backward, momentum updates), evaluation excluded.
 *
 * <p>The recipe is the one the numpy peer runs: batch 128, SGD with momentum 0.9 at η = 0.05,
 * inverted dropout 0.2 after every hidden ReLU, He-normal weights, softmax cross-entropy, float32.
 * One warm-up epoch lets the JIT compile everything; then each timed epoch is measured and the
 * median reported (the mean of the two middle epochs for an even count):
 * <pre>
 *   train 784-1024-1024-1024-10 batch=128 threads=2: 9876 examples/s, 6.08 s/epoch
 * </pre>
 *
 * <p>Why whole epochs: this is the figure a learner waits for and the one the numpy peer reports,
 * so the two can be compared as a ratio. The kernels' own speeds are in {@link GemmBench} and the
 * JMH benchmarks of this package. This is the only class of the module that reads MNIST.
 */
public final class TrainBench {
    static final int BATCH = 128;
    static final float LEARNING_RATE = 0.05f;
    static final float MOMENTUM = 0.9f;
    static final float DROPOUT = 0.2f;

    private TrainBench() {}

    /**
     * Trains {@code widths} for one warm-up and {@code epochs} timed epochs at {@code threads}
     * threads, prints the figure line and the test accuracy, and returns examples per second.
     */
    public static double run(PrintStream out, Dataset train, Dataset test, int[] widths, int threads, int epochs) {
        try (Compute.Scope scope = KernelThreads.use(threads)) {
            Sequential net = new Mlp(widths, "relu", 0f, new float[] {DROPOUT}, new HeNormal()).build(new SplittableRandom(0));
            TrainStep step = new TrainStep(net, new Momentum(MOMENTUM));
            MiniBatches batches = new MiniBatches(train, BATCH, 0);
            double[] seconds = new double[epochs];
            for (int epoch = 0; epoch <= epochs; epoch++) {
                long start = System.nanoTime();
                for (MiniBatches.Batch b : batches.epoch(epoch)) {
                    step.run(b.x(), b.labels(), b.size(), LEARNING_RATE);
                }
                if (epoch > 0) {
                    seconds[epoch - 1] = (System.nanoTime() - start) / 1e9;
                }
            }
            Arrays.sort(seconds);
            double median = median(seconds);
            double perSecond = train.size() / median;
            out.printf("train %s batch=%d threads=%d: %.0f examples/s, %.2f s/epoch%n", Mlp.architecture(widths), BATCH, threads,
                    perSecond, median);
            out.printf("  (min %.2f s, max %.2f s over %d timed epochs after 1 warm-up; test accuracy %.2f%%)%n",
                    seconds[0], seconds[epochs - 1], epochs, 100 * Evaluator.evaluate(net, test).accuracy());
            return perSecond;
        }
    }

    /** The middle value of sorted {@code values}, or the mean of the two middle ones when their number is even. */
    static double median(double[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    /**
     * Loads MNIST scaled to [0, 1] and runs both benchmark networks at 2 threads:
     * {@code 784-256-128-10} for 3 timed epochs, then {@code 784-1024-1024-1024-10} for 2.
     */
    public static void runBoth(PrintStream out) {
        var data = Mnist.load();
        Dataset train = Scaling.toUnitRange(data.train());
        Dataset test = Scaling.toUnitRange(data.test());
        run(out, train, test, new int[] {784, 256, 128, 10}, 2, 3);
        run(out, train, test, new int[] {784, 1024, 1024, 1024, 10}, 2, 2);
    }

    /** Runs both benchmark networks; see {@link #runBoth}. */
    public static void main(String[] args) {
        runBoth(System.out);
    }
}
