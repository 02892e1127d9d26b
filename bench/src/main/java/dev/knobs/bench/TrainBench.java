package dev.knobs.bench;

import dev.knobs.data.Mnist;
import dev.knobs.nn.data.Dataset;
import dev.knobs.nn.data.MiniBatches;
import dev.knobs.nn.data.Scaling;
import dev.knobs.nn.init.HeNormal;
import dev.knobs.nn.kernel.Compute;
import dev.knobs.nn.kernel.Profile;
import dev.knobs.nn.layer.Mlp;
import dev.knobs.nn.layer.Sequential;
import dev.knobs.nn.metrics.Evaluator;
import dev.knobs.nn.optim.Momentum;
import dev.knobs.nn.train.TrainStep;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Training throughput: whole epochs of the benchmark recipe on the 60,000 MNIST training images,
 * everything an epoch does included (shuffling, batching, forward, dropout masks, loss,
 * backward, momentum updates), evaluation excluded.
 *
 * <p>The recipe is the one the numpy peer runs: batch 128, SGD with momentum 0.9 at η = 0.05,
 * inverted dropout 0.2 after every hidden ReLU, He-normal weights, softmax cross-entropy, float32.
 * First a throwaway network of the same widths trains for at least {@value #WARM_UP_SECONDS} s, so
 * that the JIT compiles everything; then the measured network trains one warm-up epoch, and each
 * timed epoch after it is measured and the median reported (the mean of the two middle epochs for
 * an even count):
 * <pre>
 *   train 784-1024-1024-1024-10 batch=128 threads=2: 9876 examples/s, 6.08 s/epoch
 * </pre>
 *
 * <p>Why whole epochs: this is the figure a learner waits for and the one the numpy peer reports,
 * so the two can be compared as a ratio. The kernels' own speeds are in {@link GemmBench} and the
 * JMH benchmarks of this package. This is the only class of the module that reads MNIST.
 *
 * <p>Why seconds of warm-up, not one epoch: a JVM that has trained one network and starts
 * another recompiles the layers' code (branches the first network never took were compiled as
 * traps; the new network's first steps take them, and the JIT compiler starts again, on the same
 * two cores: 872 compilation events in the 3 s after the switch, measured). The small network's
 * epochs (about 0.35 s each) after the big network's: 498, 434, 374, 434, 389 ms, then 350 to 380;
 * after a second switch 394, 387, 397, 414, then 350 to 370. Timed after one warm-up epoch, its
 * three epochs were 10 to 15% slower than its steady speed. A fresh JVM needs 6 to 8 s before the
 * small network's step runs at its speed. The throwaway network's epochs are printed, so the cost
 * stays in view, and the measured network trains exactly as before (the same test accuracy).
 */
public final class TrainBench {
    static final int BATCH = 128;
    static final float LEARNING_RATE = 0.05f;
    static final float MOMENTUM = 0.9f;
    static final float DROPOUT = 0.2f;
    /** The least time the throwaway network trains for before the measured one starts. */
    static final double WARM_UP_SECONDS = 8;

    private TrainBench() {}

    /**
     * Trains {@code widths} for one warm-up and {@code epochs} timed epochs at {@code threads}
     * threads, prints the figure line and the test accuracy, and returns examples per second.
     */
    public static double run(PrintStream out, Dataset train, Dataset test, int[] widths, int threads, int epochs) {
        return run(out, train, test, widths, threads, epochs, null);
    }

    /**
     * As above, then where the time of the timed epochs went, summed over them and divided by
     * their number, with the rate of the whole epoch as a fraction of the peak at {@code threads}
     * ({@code peaks} may be null):
     * <pre>
     *   epoch: 952.4 GFLOP at 227.1 GFLOP/s = 50% of peak; gemm 3.10 s (74%, 307.2 GFLOP/s = 68% of peak),
     *          elementwise 0.31 s (7%), optimiser 0.55 s (13%), data 0.05 s (1%), other 0.19 s (5%)
     * </pre>
     * The parts are timed by {@link Profile} inside the kernels (gemm, elementwise, the optimiser
     * step) and here around fetching each mini-batch (data); other is what is left: the loss,
     * the layers' own code, the loop.
     */
    public static double run(PrintStream out, Dataset train, Dataset test, int[] widths, int threads, int epochs,
                             PeakBench.Peak[] peaks) {
        try (Compute.Scope scope = KernelThreads.use(threads)) {
            MiniBatches batches = new MiniBatches(train, BATCH, 0);
            List<Double> jit = warmUpTheJit(widths, batches);
            Sequential net = network(widths);
            TrainStep step = new TrainStep(net, new Momentum(MOMENTUM));
            double[] seconds = new double[epochs];
            double[] peaksAround = new double[epochs + 1];
            long dataNanos = 0;
            long cpu = 0;
            long peakCpu = 0;
            for (int epoch = 0; epoch <= epochs; epoch++) {
                boolean timed = epoch > 0;
                if (epoch == 1) {
                    Profile.reset();
                    Profile.enable(true);
                    cpu = PeakBench.cpuNanos();
                }
                if (timed) {
                    long before = PeakBench.cpuNanos();
                    peaksAround[epoch - 1] = PeakBench.now(threads);
                    peakCpu += PeakBench.cpuNanos() - before;
                }
                long start = System.nanoTime();
                long fetch = start;
                for (MiniBatches.Batch b : batches.epoch(epoch)) {
                    if (timed) {
                        dataNanos += System.nanoTime() - fetch;
                    }
                    step.run(b.x(), b.labels(), b.size(), LEARNING_RATE);
                    fetch = System.nanoTime();
                }
                if (timed) {
                    seconds[epoch - 1] = (System.nanoTime() - start) / 1e9;
                }
            }
            Profile.enable(false);
            long before = PeakBench.cpuNanos();
            peaksAround[epochs] = PeakBench.now(threads);
            double cpuSeconds = (before - cpu - peakCpu) / 1e9;
            double flops = epochFlops(widths, train.size());
            double[] shares = GemmBench.sharesOfPeakBeside(rates(flops, seconds), peaksAround);     // epoch order
            double total = Arrays.stream(seconds).sum();
            Arrays.sort(seconds);
            double median = median(seconds);
            double perSecond = train.size() / median;
            out.printf("train %s batch=%d threads=%d: %.0f examples/s, %.2f s/epoch%n", Mlp.architecture(widths), BATCH, threads,
                    perSecond, median);
            out.printf("  (min %.2f s, max %.2f s over %d timed epochs after 1 warm-up; test accuracy %.2f%%)%n",
                    seconds[0], seconds[epochs - 1], epochs, 100 * Evaluator.evaluate(net, test).accuracy());
            out.println("  (before it, for the JIT: " + warmUp(jit) + ")");
            out.println("  " + breakdown(flops, total / epochs, dataNanos / 1e9 / epochs, epochs, threads, peaks));
            for (String line : products(Profile.products(), threads, peaks)) {
                out.println("    " + line);
            }
            out.println("  " + besideThePeak(shares, peaksAround));
            out.println("  (" + GemmBench.perCpuSecond(flops * epochs / cpuSeconds / 1e9, threads, peaks)
                    + " for the whole epoch: " + String.format(Locale.ROOT, "%.2f", cpuSeconds / total)
                    + " cores busy on average)");
            String warning = GemmBench.slowKernelWarning(flops * epochs / cpuSeconds / 1e9, threads, peaks);
            if (!warning.isEmpty()) {
                out.println("  " + warning);
            }
            return perSecond;
        }
    }

    /** The benchmark recipe's network of {@code widths}, always the same initial weights. */
    private static Sequential network(int[] widths) {
        return new Mlp(widths, "relu", 0f, new float[] {DROPOUT}, new HeNormal()).build(new SplittableRandom(0));
    }

    /**
     * Trains a throwaway network of {@code widths} for at least one epoch and at least
     * {@link #WARM_UP_SECONDS} s, and returns each epoch's seconds.
     */
    private static List<Double> warmUpTheJit(int[] widths, MiniBatches batches) {
        TrainStep step = new TrainStep(network(widths), new Momentum(MOMENTUM));
        List<Double> seconds = new ArrayList<>();
        long first = System.nanoTime();
        for (int epoch = 0; seconds.isEmpty() || (System.nanoTime() - first) / 1e9 < WARM_UP_SECONDS; epoch++) {
            long start = System.nanoTime();
            for (MiniBatches.Batch b : batches.epoch(epoch)) {
                step.run(b.x(), b.labels(), b.size(), LEARNING_RATE);
            }
            seconds.add((System.nanoTime() - start) / 1e9);
        }
        return seconds;
    }

    /**
     * "3 epochs of a throwaway network in 8.6 s: 3.10, 2.80, 2.70 s"; with more than five, the
     * first two and the last two: "24 epochs of a throwaway network in 8.2 s: 0.50, 0.43, ...,
     * 0.35, 0.34 s".
     */
    static String warmUp(List<Double> seconds) {
        List<String> shown = new ArrayList<>();
        int n = seconds.size();
        for (int e = 0; e < n; e++) {
            if (n <= 5 || e < 2 || e >= n - 2) {
                shown.add(String.format(Locale.ROOT, "%.2f", seconds.get(e)));
            } else if (e == 2) {
                shown.add("...");
            }
        }
        return String.format(Locale.ROOT, "%d epoch%s of a throwaway network in %.1f s: %s s", n, n == 1 ? "" : "s",
                seconds.stream().mapToDouble(Double::doubleValue).sum(), String.join(", ", shown));
    }

    /** GFLOP/s of each epoch of {@code seconds}, {@code flops} each. */
    static double[] rates(double flops, double[] seconds) {
        double[] rates = new double[seconds.length];
        for (int e = 0; e < seconds.length; e++) {
            rates[e] = flops / seconds[e] / 1e9;
        }
        return rates;
    }

    /**
     * "beside the peak: the median epoch at 61% of the peak loop run just before and after it
     * (each epoch: 58%, 63%; the peak runs 402.1 to 414.0 GFLOP/s)". The peak measured at the
     * start of the benchmark may come from a faster or slower moment than the epochs (on a shared
     * machine the peak loop alone spread from 240 to 410 GFLOP/s within a minute); a short run of
     * it between epochs ({@link PeakBench#now}) tells what the cores gave at about that time.
     * {@code shares} in epoch order, from {@link GemmBench#sharesOfPeakBeside}.
     */
    static String besideThePeak(double[] shares, double[] peaksAround) {
        StringBuilder each = new StringBuilder();
        for (double share : shares) {
            each.append(each.length() == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.0f%%", 100 * share));
        }
        double[] sorted = shares.clone();
        Arrays.sort(sorted);
        return String.format(Locale.ROOT, "beside the peak: the median epoch at %.0f%% of the peak loop run just before"
                        + " and after it (each epoch: %s; the peak runs %.1f to %.1f GFLOP/s)", 100 * median(sorted), each,
                Arrays.stream(peaksAround).min().orElse(0), Arrays.stream(peaksAround).max().orElse(0));
    }

    /** The breakdown line of {@link #run}, from {@link Profile}'s sums over {@code epochs} epochs. */
    static String breakdown(double flops, double epochSeconds, double data, int epochs, int threads, PeakBench.Peak[] peaks) {
        double gemm = Profile.nanos(Profile.Part.GEMM) / 1e9 / epochs;
        double elementwise = Profile.nanos(Profile.Part.ELEMENTWISE) / 1e9 / epochs;
        double optimiser = Profile.nanos(Profile.Part.OPTIMIZER) / 1e9 / epochs;
        double other = epochSeconds - gemm - elementwise - optimiser - data;
        double rate = flops / epochSeconds / 1e9;
        double gemmRate = flops / gemm / 1e9;
        return String.format(Locale.ROOT, "epoch: %.1f GFLOP at %.1f GFLOP/s = %s gemm %.2f s (%.0f%%, %.1f GFLOP/s = %s"
                        + " elementwise %.2f s (%.0f%%), optimiser %.2f s (%.0f%%), data %.2f s (%.0f%%), other %.2f s (%.0f%%)",
                flops / 1e9, rate, share(rate, threads, peaks, "whole epoch;"), gemm, 100 * gemm / epochSeconds, gemmRate,
                share(gemmRate, threads, peaks, "),"), elementwise, 100 * elementwise / epochSeconds, optimiser,
                100 * optimiser / epochSeconds, data, 100 * data / epochSeconds, other, 100 * other / epochSeconds);
    }

    /**
     * One line per matrix multiply of the step, in the order of the step's first calls: its mean
     * call and speed inside training, to set beside the same product alone (the {@code gemm}
     * part). A product with the momentum update on it also gives the update's own traffic: w and v
     * are read and written, 16 bytes a weight, from and to memory (the weights do not stay in the
     * caches from one step to the next). Shapes called less than a tenth as often as the most
     * called one (those of each epoch's last batch, 96 images instead of 128) are summed in one line.
     * <pre>
     *   atb+momentum 1024x128x1024: 1.478 ms a call (x 1872), 181.7 GFLOP/s = 43% of peak; update 16.8 MB
     * </pre>
     */
    static List<String> products(List<Profile.Product> products, int threads, PeakBench.Peak[] peaks) {
        List<String> lines = new ArrayList<>();
        long most = products.stream().mapToLong(Profile.Product::calls).max().orElse(0);
        long shortCalls = 0;
        long shortNanos = 0;
        for (Profile.Product p : products) {
            if (p.calls() * 10 < most) {                        // the shapes of an epoch's last, shorter batch
                shortCalls += p.calls();
                shortNanos += p.nanos();
                continue;
            }
            double seconds = p.nanos() / 1e9 / p.calls();
            double rate = p.flops() / seconds / 1e9;
            String of = GemmBench.ofPeak(rate, threads, peaks);
            String line = String.format(Locale.ROOT, "%s: %.3f ms a call (x %d), %.1f GFLOP/s%s", p.label(), seconds * 1e3,
                    p.calls(), rate, of.isEmpty() ? "" : " = " + of.substring(0, of.length() - 2));
            if (p.form().endsWith("+momentum")) {
                line += String.format(Locale.ROOT, "; update %.1f MB", 16.0 * p.m() * p.n() / 1e6);
            }
            lines.add(line);
        }
        if (shortCalls > 0) {
            lines.add(String.format(Locale.ROOT, "and %d calls of rarer shapes (each epoch's last, shorter batch): %.3f ms in all",
                    shortCalls, shortNanos / 1e6));
        }
        return lines;
    }

    private static String share(double gflops, int threads, PeakBench.Peak[] peaks, String after) {
        String of = GemmBench.ofPeak(gflops, threads, peaks);
        return of.isEmpty() ? "? of peak " + after : of.replace("; ", " ") + after;
    }

    /**
     * Floating-point operations of the matrix multiplies of one epoch over {@code examples} images,
     * 2 per multiply-add: per layer {@code in x out} multiply-adds per example forward, as many for
     * the weight gradient, and as many again for the input gradient except in the first layer
     * (its input is data). Elementwise work is not counted.
     */
    static double epochFlops(int[] widths, int examples) {
        double perExample = 0;
        for (int l = 0; l + 1 < widths.length; l++) {
            double products = (double) widths[l] * widths[l + 1];
            perExample += (l == 0 ? 2 : 3) * products;
        }
        return 2 * perExample * examples;
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
        runBoth(out, null);
    }

    /** {@link #runBoth(PrintStream)} with each epoch's breakdown as fractions of {@code peaks} (may be null). */
    public static void runBoth(PrintStream out, PeakBench.Peak[] peaks) {
        var data = Mnist.load();
        Dataset train = Scaling.toUnitRange(data.train());
        Dataset test = Scaling.toUnitRange(data.test());
        run(out, train, test, new int[] {784, 256, 128, 10}, 2, 3, peaks);
        run(out, train, test, new int[] {784, 1024, 1024, 1024, 10}, 2, 2, peaks);
    }

    /** Runs both benchmark networks; see {@link #runBoth}. */
    public static void main(String[] args) {
        runBoth(System.out);
    }
}
