package dev.knobs.nn.data;

import dev.knobs.nn.kernel.Parallel;
import dev.knobs.nn.random.Seeds;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;

/**
 * Shuffled mini-batches of a dataset, a new order every epoch.
 *
 * <p>Mini-batch gradient descent estimates the gradient of the whole training loss from
 * {@code batchSize} random examples: cheap enough to take many steps per epoch, accurate enough
 * to go downhill. Shuffling every epoch keeps consecutive batches independent; the order of
 * epoch {@code e} depends only on (seed, e). The last batch of an epoch holds the remainder
 * ({@code size % batchSize} examples) when the size does not divide evenly.
 *
 * <p>Batches are copied into buffers that are reused: a {@link Batch} is valid until the
 * iterator moves on.
 */
public final class MiniBatches implements EpochBatches {
    private final Dataset data;
    private final int batchSize;
    private final long seed;

    /**
     * @param data      the training set
     * @param batchSize examples per step, at least 1
     * @param seed      decides the shuffling
     */
    public MiniBatches(Dataset data, int batchSize, long seed) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be at least 1, got " + batchSize);
        }
        if (data.size() < 1) {
            throw new IllegalArgumentException("cannot make mini-batches of an empty dataset (" + data.name() + ")");
        }
        this.data = data;
        this.batchSize = Math.min(batchSize, data.size());
        this.seed = seed;
    }

    /** Batches per epoch: ⌈size / batchSize⌉. */
    public int count() {
        return (data.size() + batchSize - 1) / batchSize;
    }

    /** Examples per batch; the last batch of an epoch may have fewer. */
    public int batchSize() {
        return batchSize;
    }

    /** The dataset the batches are cut from. */
    @Override
    public Dataset data() {
        return data;
    }

    /**
     * One mini-batch: {@code x: [size, features]}, {@code labels: [size]}, and which dataset rows
     * it holds.
     */
    public record Batch(int index, float[] x, int[] labels, int[] rows, int size) {}

    /**
     * The batches of epoch {@code epoch} (0-based), in a shuffled order decided by (seed, epoch).
     * While the caller trains on one batch, the next is copied out of the dataset by whichever
     * thread has nothing else to do ({@link Parallel#later}); it is ready, or finished, when the
     * caller asks for it. Full batches take turns in two buffers, so the one being trained on is
     * never written.
     */
    @Override
    public Iterable<Batch> epoch(int epoch) {
        int[] order = Split.permutation(data.size(), new SplittableRandom(Seeds.mix(seed, epoch)));
        return () -> new Iterator<>() {
            private final Buffers[] full = {new Buffers(batchSize, data.features()), new Buffers(batchSize, data.features())};
            private Buffers last;
            private int next;
            private Parallel.Later gathering;          // of batch next, if it has started

            @Override
            public boolean hasNext() {
                return next < count();
            }

            @Override
            public Batch next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                (gathering != null ? gathering : gather(next)).join();
                Buffers b = buffer(next);
                gathering = next + 1 < count() ? gather(next + 1) : null;
                return new Batch(next++, b.x, b.labels, b.rows, b.labels.length);
            }

            private Buffers buffer(int i) {
                int size = Math.min(batchSize, data.size() - i * batchSize);
                return size == batchSize ? full[i % 2] : (last = last != null ? last : new Buffers(size, data.features()));
            }

            /** Starts copying the rows of batch {@code i} into its buffer: {@code x} and {@code labels}. */
            private Parallel.Later gather(int i) {
                Buffers b = buffer(i);
                int f = data.features();
                System.arraycopy(order, i * batchSize, b.rows, 0, b.labels.length);
                return Parallel.later(b.labels.length, r -> {
                    System.arraycopy(data.x(), b.rows[r] * f, b.x, r * f, f);
                    b.labels[r] = data.labels()[b.rows[r]];
                });
            }
        };
    }

    private static final class Buffers {
        final float[] x;
        final int[] labels;
        final int[] rows;

        Buffers(int size, int features) {
            x = new float[size * features];
            labels = new int[size];
            rows = new int[size];
        }
    }
}
