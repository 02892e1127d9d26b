package dev.knobs.bench;

import dev.knobs.data.Mnist;
import dev.knobs.nn.data.Dataset;
import dev.knobs.nn.data.MiniBatches;
import dev.knobs.nn.data.Scaling;
import dev.knobs.nn.data.Split;
import dev.knobs.nn.init.HeNormal;
import dev.knobs.nn.kernel.Compute;
import dev.knobs.nn.layer.Mlp;
import dev.knobs.nn.layer.Sequential;
import dev.knobs.nn.metrics.Evaluator;
import dev.knobs.nn.optim.Momentum;
import dev.knobs.nn.schedule.LearningRateSchedule;
import dev.knobs.nn.schedule.OneCycle;
import dev.knobs.nn.train.TrainStep;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The speedrun: the fastest recipe, fixed in advance, whose mean test accuracy over 5 seeds is at
 * least 98%. Each seed is timed from the start of training to the end of its last epoch (building
 * the network before and evaluating after are outside the clock), on 2 threads:
 *
 * <pre>
 *   speedrun seed=1: test accuracy 98.12%, 4.81 s
 *   ...
 *   speedrun 98%: mean_test_accuracy=98.09 seconds=4.85 seeds=5
 * </pre>
 *
 * where {@code seconds} is the median of the 5 training times. The recipe ({@link #RECIPE}) was
 * chosen with {@code speedrun-search} ({@link #search}), which trains each candidate on 50,000 of
 * the training images and reports its accuracy on the other 10,000: the test set decided nothing.
 * (A candidate's seconds there are only a guide: the search ran on a busy machine.)
 * bench/README.md explains which knobs bought the speed.
 */
public final class Speedrun {
    static final int SEEDS = 5;
    static final int THREADS = 2;

    /**
     * A candidate recipe: ReLU MLP with He-normal weights, SGD with momentum 0.9, one-cycle
     * learning rate stepped per mini-batch, inputs scaled to [0, 1], no augmentation.
     *
     * @param widths   layer widths, input first
     * @param dropout  dropout after every hidden layer (0 for none)
     * @param batch    examples per step
     * @param epochs   passes over the training images
     * @param maxRate  the one-cycle schedule's peak learning rate
     */
    record Candidate(int[] widths, float dropout, int batch, int epochs, float maxRate) {
        String describe() {
            return String.format(Locale.ROOT, "%s dropout %.2f batch %d epochs %d one-cycle max %.3f momentum 0.9",
                    Mlp.architecture(widths), dropout, batch, epochs, maxRate);
        }
    }

    /**
     * The fixed recipe, chosen on validation data (see {@link #search}): of the candidates that
     * reached 98% on validation, the one with the fewest flops, and of those, the one whose two
     * seeds both did (98.07% and 98.06%).
     */
    static final Candidate RECIPE = new Candidate(new int[] {784, 512, 512, 10}, 0f, 128, 4, 0.2f);

    /**
     * What {@code speedrun-search} tried, in two rounds: first one seed of widths, depths, batch
     * sizes, epochs and dropout; then the cheapest that reached 98% on validation, around it, with
     * two seeds.
     */
    static final List<List<Candidate>> ROUNDS = List.of(
            List.of(new Candidate(new int[] {784, 1024, 1024, 10}, 0f, 128, 4, 0.1f),
                    new Candidate(new int[] {784, 1024, 1024, 10}, 0f, 128, 3, 0.1f),
                    new Candidate(new int[] {784, 1024, 1024, 10}, 0f, 256, 4, 0.2f),
                    new Candidate(new int[] {784, 512, 512, 10}, 0f, 128, 5, 0.1f),
                    new Candidate(new int[] {784, 512, 512, 10}, 0f, 128, 4, 0.1f),
                    new Candidate(new int[] {784, 768, 768, 10}, 0f, 128, 4, 0.1f),
                    new Candidate(new int[] {784, 1024, 1024, 10}, 0.2f, 128, 4, 0.1f),
                    new Candidate(new int[] {784, 1024, 1024, 1024, 10}, 0f, 128, 3, 0.1f)),
            List.of(new Candidate(new int[] {784, 512, 512, 10}, 0f, 128, 4, 0.1f),
                    new Candidate(new int[] {784, 512, 512, 10}, 0f, 128, 3, 0.1f),
                    new Candidate(new int[] {784, 512, 512, 10}, 0f, 128, 4, 0.2f),
                    new Candidate(new int[] {784, 384, 384, 10}, 0f, 128, 4, 0.1f),
                    new Candidate(new int[] {784, 512, 512, 10}, 0f, 256, 4, 0.2f)));
    /** Seeds per candidate in each round. */
    static final int[] ROUND_SEEDS = {1, 2};

    private Speedrun() {}

    /** One trained seed: its test (or validation) accuracy, training seconds, and the CPU-seconds they took. */
    record Trained(double accuracy, double seconds, double cpuSeconds) {}

    /** Trains the fixed recipe on all 60,000 training images for 5 seeds and reports test accuracy and time. */
    public static void run(PrintStream out) {
        var data = Mnist.load();
        Dataset train = Scaling.toUnitRange(data.train());
        Dataset test = Scaling.toUnitRange(data.test());
        out.println("speedrun recipe: " + RECIPE.describe() + ", " + THREADS + " threads");
        train(RECIPE, train, test, 0);                                  // warm-up: JIT compilation off the clock
        double[] accuracies = new double[SEEDS];
        double[] seconds = new double[SEEDS];
        double[] cpuSeconds = new double[SEEDS];
        for (int s = 0; s < SEEDS; s++) {
            Trained t = train(RECIPE, train, test, s + 1);
            accuracies[s] = t.accuracy();
            seconds[s] = t.seconds();
            cpuSeconds[s] = t.cpuSeconds();
            out.printf(Locale.ROOT, "speedrun seed=%d: test accuracy %.2f%%, %.2f s (%.2f CPU-seconds)%n", s + 1,
                    100 * t.accuracy(), t.seconds(), t.cpuSeconds());
        }
        double mean = Arrays.stream(accuracies).average().orElse(0);
        double[] sorted = seconds.clone();
        Arrays.sort(sorted);
        out.printf(Locale.ROOT, "speedrun 98%%: mean_test_accuracy=%.2f seconds=%.2f seeds=%d%n", 100 * mean,
                TrainBench.median(sorted), SEEDS);
        Arrays.sort(cpuSeconds);
        out.printf(Locale.ROOT, "  (training seconds min %.2f, max %.2f; median %.2f CPU-seconds, all threads;"
                + " the warm-up run is not counted)%n", sorted[0], sorted[SEEDS - 1], TrainBench.median(cpuSeconds));
    }

    /**
     * How the recipe was chosen: each candidate trained on 50,000 training images (seed 1) and
     * judged on the 10,000 held out, never on the test set.
     */
    public static void search(PrintStream out) {
        for (int round = 1; round <= ROUNDS.size(); round++) {
            search(out, round);
        }
    }

    /** One round of {@link #search}: its candidates, each with {@code ROUND_SEEDS[round - 1]} seeds. */
    public static void search(PrintStream out, int round) {
        var data = Mnist.load();
        Split split = Split.holdOut(Scaling.toUnitRange(data.train()), 10_000, 2024);
        for (Candidate c : ROUNDS.get(round - 1)) {
            for (int seed = 1; seed <= ROUND_SEEDS[round - 1]; seed++) {
                Trained t = train(c, split.train(), split.validation(), seed);
                out.printf(Locale.ROOT, "speedrun-search round %d %s seed %d: validation accuracy %.2f%%, %.2f s%n", round,
                        c.describe(), seed, 100 * t.accuracy(), t.seconds());
            }
        }
    }

    /** {@code speedrun-search} round N alone: {@code java ... dev.knobs.bench.Speedrun N}. */
    public static void main(String[] args) {
        search(System.out, Integer.parseInt(args[0]));
    }

    /** Trains {@code c} with the given seed on {@code train}; accuracy on {@code judge}, seconds of training only. */
    static Trained train(Candidate c, Dataset train, Dataset judge, long seed) {
        try (Compute.Scope scope = KernelThreads.use(THREADS)) {
            SplittableRandom rng = new SplittableRandom(seed);
            Sequential net = new Mlp(c.widths(), "relu", 0f, new float[] {c.dropout()}, new HeNormal()).build(rng.split());
            TrainStep step = new TrainStep(net, new Momentum(0.9f));
            MiniBatches batches = new MiniBatches(train, c.batch(), rng.nextLong());
            LearningRateSchedule schedule = OneCycle.of(c.maxRate(), c.epochs() * batches.count());
            long start = System.nanoTime();
            long cpu = PeakBench.cpuNanos();
            int t = 0;
            for (int epoch = 0; epoch < c.epochs(); epoch++) {
                for (MiniBatches.Batch b : batches.epoch(epoch)) {
                    step.run(b.x(), b.labels(), b.size(), schedule.rate(t++));
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            double cpuSeconds = (PeakBench.cpuNanos() - cpu) / 1e9;
            return new Trained(Evaluator.evaluate(net, judge).accuracy(), seconds, cpuSeconds);
        }
    }
}
