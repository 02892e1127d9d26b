package dev.knobs.bench;

import dev.knobs.data.Mnist;
import dev.knobs.nn.data.Dataset;
import dev.knobs.nn.data.Scaling;
import dev.knobs.nn.init.HeNormal;
import dev.knobs.nn.kernel.Compute;
import dev.knobs.nn.layer.Mlp;
import dev.knobs.nn.layer.Sequential;
import dev.knobs.nn.metrics.Evaluator;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Inference throughput: the predicted class of each of the 10,000 MNIST test images, forward
 * pass (dropout off) and arg-max included, in mini-batches of several sizes; then the latency of
 * one image at a time. Prints, per network:
 *
 * <pre>
 *   infer 784-1024-1024-1024-10 batch=1000 threads=2: 61234 images/s (best of batch 100, 250, 500, 1000, 2500, 10000; ...)
 *   infer 784-1024-1024-1024-10 batch=1 threads=1: 2345 images/s (latency 426 µs)
 * </pre>
 *
 * <p>The networks are the benchmark's big one and lesson 12's shape (784-1024-1024-10), with
 * He-normal weights: inference costs the same whatever the weights are. The test images are cut into
 * batches before the clock starts (a slice of a numpy array costs nothing either). Each figure is
 * the median of {@value #REPETITIONS} passes over the test set after warm-up passes.
 */
public final class InferBench {
    static final int[] BATCHES = {100, 250, 500, 1000, 2500, 10_000};
    static final int REPETITIONS = 5;
    static final int THREADS = 2;

    private InferBench() {}

    public static void run(PrintStream out) {
        Dataset test = Scaling.toUnitRange(Mnist.load().test());
        for (int[] widths : new int[][] {{784, 1024, 1024, 1024, 10}, {784, 1024, 1024, 10}}) {
            Sequential net = network(widths);
            String arch = Mlp.architecture(widths);
            bestBatch(out, net, arch, test);
            for (int threads : new int[] {1, THREADS}) {
                try (Compute.Scope scope = KernelThreads.use(threads)) {
                    double rate = imagesPerSecond(net, test, 1, 2000);
                    out.printf(Locale.ROOT, "infer %s batch=1 threads=%d: %.0f images/s (latency %.0f µs per image)%n",
                            arch, threads, rate, 1e6 / rate);
                }
            }
        }
    }

    /**
     * Throughput of {@code net} (architecture {@code arch}) on the whole test set at {@value #THREADS}
     * threads, at every batch size of {@link #BATCHES}: prints the best one with all of them and
     * returns its images per second.
     */
    static double bestBatch(PrintStream out, Sequential net, String arch, Dataset test) {
        try (Compute.Scope scope = KernelThreads.use(THREADS)) {
            double best = 0;
            int bestBatch = 0;
            StringBuilder all = new StringBuilder();
            for (int batch : BATCHES) {
                double rate = imagesPerSecond(net, test, batch, test.size());
                all.append(all.length() == 0 ? "" : ", ").append(batch).append(": ")
                        .append(String.format(Locale.ROOT, "%.0f", rate));
                if (rate > best) {
                    best = rate;
                    bestBatch = batch;
                }
            }
            out.printf(Locale.ROOT, "infer %s batch=%d threads=%d: %.0f images/s (best batch; images/s per batch %s)%n",
                    arch, bestBatch, THREADS, best, all);
            return best;
        }
    }

    /** The network {@code widths} with He-normal weights from seed 0 and no dropout: inference costs the same for any weights. */
    static Sequential network(int[] widths) {
        return new Mlp(widths, "relu", 0f, new float[] {0f}, new HeNormal()).build(new SplittableRandom(0));
    }

    /** Images per second classifying the first {@code images} test images in batches of {@code batch}. */
    static double imagesPerSecond(Sequential net, Dataset test, int batch, int images) {
        int f = test.features();
        int count = (images + batch - 1) / batch;
        float[][] xs = new float[count][];
        for (int i = 0; i < count; i++) {
            int from = i * batch;
            xs[i] = Arrays.copyOfRange(test.x(), from * f, Math.min(images, from + batch) * f);
        }
        int[] predicted = new int[images];
        double[] rates = new double[REPETITIONS];
        for (int r = -2; r < REPETITIONS; r++) {                         // two warm-up passes
            long start = System.nanoTime();
            for (int i = 0; i < count; i++) {
                int size = xs[i].length / f;
                float[] logits = net.forward(xs[i], size, false);
                int classes = net.outputWidth();
                for (int j = 0; j < size; j++) {
                    predicted[i * batch + j] = Evaluator.argmax(logits, j * classes, classes);
                }
            }
            if (r >= 0) {
                rates[r] = images / ((System.nanoTime() - start) / 1e9);
            }
        }
        Arrays.sort(rates);
        return rates[REPETITIONS / 2];
    }
}
