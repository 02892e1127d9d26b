package dev.knobs.nn.bench;

import dev.knobs.nn.data.Dataset;
import dev.knobs.nn.data.MiniBatches;
import dev.knobs.nn.data.Scaling;
import dev.knobs.nn.data.TrainTest;
import dev.knobs.nn.init.HeNormal;
import dev.knobs.nn.kernel.Compute;
import dev.knobs.nn.layer.Mlp;
import dev.knobs.nn.layer.Sequential;
import dev.knobs.nn.metrics.Evaluator;
import dev.knobs.nn.optim.Momentum;
import dev.knobs.nn.train.TrainStep;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
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
        return Compute.of(threads).call(() -> {
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
        });
    }

    /** The middle value of sorted {@code values}, or the mean of the two middle ones when their number is even. */
    static double median(double[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    /** Loads MNIST scaled to [0, 1] and runs both benchmark networks. */
    public static void main(String[] args) {
        var data = mnist();
        Dataset train = Scaling.toUnitRange(data.train());
        Dataset test = Scaling.toUnitRange(data.test());
        run(System.out, train, test, new int[] {784, 256, 128, 10}, 2, 3);
        run(System.out, train, test, new int[] {784, 1024, 1024, 1024, 10}, 2, 2);
    }

    /**
     * {@code dev.knobs.data.Mnist.load()}, called by name. MNIST is read by the data module
     * (knobs-data), which depends on nn-core, so nn-core cannot depend on it; the benchmark finds it
     * on the class path at run time instead (the {@code bench} execution in nn-core's pom adds the
     * data module's classes). Once the benchmark lives in a module of its own that depends on
     * knobs-data, this becomes a plain {@code Mnist.load()}.
     */
    static TrainTest mnist() {
        try {
            return (TrainTest) Class.forName("dev.knobs.data.Mnist").getMethod("load").invoke(null);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(e.getCause());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("The training benchmark reads MNIST with the data module (knobs-data), whose"
                    + " classes are not on the class path; compile it first: mvn -B -q -pl data -am compile", e);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("dev.knobs.data.Mnist has no public static load(): " + e, e);
        }
    }
}
