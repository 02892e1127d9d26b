package dev.knobs.exercises.l03;

import dev.knobs.nn.data.Dataset;
import dev.knobs.nn.data.MiniBatches.Batch;

/**
 * Exercise 03.1: shuffled mini-batches, a new order every epoch.
 *
 * <pre>
 *   order = a random permutation of 0 .. n-1, drawn from new SplittableRandom(Seeds.mix(seed, epoch))
 *           Fisher-Yates: for i = n-1 down to 1:  j = rng.nextInt(i + 1);  swap order[i], order[j]
 *   batch b (b = 0 .. ⌈n / B⌉ - 1) holds the rows order[b·B] .. order[min((b+1)·B, n) - 1]
 *   new Batch(b, x, labels, rows, size):  x = those rows' pixels, [size, features], labels = their labels
 * </pre>
 *
 * <p>Why: a mini-batch step follows the gradient of {@code B} random examples, an unbiased and
 * cheap estimate of the gradient of the whole training loss. Every example is used exactly once
 * per epoch; the last batch holds the remainder {@code n mod B} when {@code B} does not divide
 * {@code n} (dropping it would never train on some examples). Shuffling again every epoch keeps
 * consecutive batches independent: an order fixed once would repeat the same sequence of steps.
 * The order depends only on (seed, epoch), so a run can be repeated exactly. Fisher-Yates gives
 * every permutation the same probability; swapping with {@code rng.nextInt(n)} instead does not.
 *
 * <p>Grading: every example exactly once per epoch with the right batch sizes, each batch holding
 * its rows' pixels and labels, a shuffled and unbiased order, a new order every epoch and the same
 * order for the same (seed, epoch), the iterator's contract, and the same batch sizes as nn-core's
 * {@link dev.knobs.nn.data.MiniBatches}, the reference solution.
 */
public final class ShuffledBatches {
    private final Dataset data;
    private final int batchSize;
    private final long seed;

    /**
     * @param data      the training set
     * @param batchSize examples per batch, at least 1; larger than the dataset means one batch of everything
     * @param seed      decides the shuffling
     */
    public ShuffledBatches(Dataset data, int batchSize, long seed) {
        if (batchSize < 1 || data.size() < 1) {
            throw new IllegalArgumentException("need a batch size of at least 1 and a non-empty dataset, got batch size "
                    + batchSize + " and " + data.size() + " examples");
        }
        this.data = data;
        this.batchSize = Math.min(batchSize, data.size());
        this.seed = seed;
    }

    /** Batches per epoch: ⌈n / batchSize⌉. */
    public int count() {
        return (data.size() + batchSize - 1) / batchSize;
    }

    /**
     * The batches of epoch {@code epoch} (0-based), in the order described in the class comment.
     * The iterator's {@code next()} throws {@link java.util.NoSuchElementException} after the last batch.
     */
    public Iterable<Batch> epoch(int epoch) {
        throw new UnsupportedOperationException("exercise 03.1: shuffled mini-batches: shuffle 0..n-1 with Fisher-Yates "
                + "from (seed, epoch), then cut it into batches of batchSize rows "
                + "(lessons/03-mini-batch/exercises/.../ShuffledBatches.java)");
    }
}
