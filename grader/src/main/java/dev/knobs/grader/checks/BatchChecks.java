package dev.knobs.grader.checks;

import dev.knobs.nn.data.Dataset;
import dev.knobs.nn.data.MiniBatches;
import dev.knobs.nn.data.MiniBatches.Batch;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * Exercise 03.1, shuffled mini-batches: every example once per epoch in batches of the right
 * sizes, each batch's pixels and labels, a shuffled and unbiased order, a new order per epoch and
 * a repeatable one per (seed, epoch), the iterator's contract, and nn-core's batch sizes.
 */
public final class BatchChecks implements ExerciseChecks<BatchChecks.Factory> {
    private static final int N = 103;
    private static final int B = 10;

    /** The batches of one epoch. */
    @FunctionalInterface
    public interface Epochs {
        /** The batches of epoch {@code epoch}. */
        Iterable<Batch> epoch(int epoch);
    }

    /** How the checks make batches: the skeleton's constructor and its {@code epoch} method. */
    @FunctionalInterface
    public interface Factory {
        /** Batches of {@code batchSize} from {@code data}, shuffled by {@code seed}. */
        Epochs create(Dataset data, int batchSize, long seed);
    }

    @Override
    public Factory adapt(Class<?> type) {
        Reflect.Call c = Reflect.constructor(type, Dataset.class, int.class, long.class);
        java.lang.reflect.Method epoch;
        try {
            epoch = type.getMethod("epoch", int.class);
        } catch (NoSuchMethodException e) {
            throw new CheckFailure(type.getSimpleName() + " has no public method epoch(int): keep the skeleton's signature");
        }
        return (data, batchSize, seed) -> {
            Object batches = c.call(data, batchSize, seed);
            return e -> {
                Object result = Reflect.staticOrInstance(epoch, batches, e);
                Expect.that(result instanceof Iterable<?>, "epoch(" + e + ") returned " + result + ", expected an Iterable");
                return () -> {
                    Iterator<?> it = ((Iterable<?>) result).iterator();
                    return new Iterator<>() {
                        @Override
                        public boolean hasNext() {
                            return it.hasNext();
                        }

                        @Override
                        public Batch next() {
                            return copy(Reflect.as(Batch.class, it.next()));
                        }
                    };
                };
            };
        };
    }

    @Override
    public void run(Factory f, Checker checker) {
        Dataset data = dataset(N);
        String input = N + " examples in batches of " + B;
        checker.check("every example exactly once per epoch, in batches of batchSize and a last one of the remainder", () -> {
            List<Batch> batches = batches(f.create(data, B, 1).epoch(0));
            Expect.that(batches.size() == 11, input + ": expected 11 batches (⌈103 / 10⌉), got " + batches.size());
            for (int b = 0; b < batches.size(); b++) {
                int expected = b < 10 ? B : N % B;
                Expect.that(batches.get(b).size() == expected, input + ": batch " + b + " should hold " + expected
                        + " examples, got " + batches.get(b).size());
            }
            int[] rows = rows(batches);
            int[] sorted = rows.clone();
            Arrays.sort(sorted);
            for (int i = 0; i < N; i++) {
                Expect.that(sorted[i] == i, input + ": the rows of one epoch should be 0..102 once each, got "
                        + Expect.show(sorted) + (i > 0 && sorted[i] == sorted[i - 1] ? " (row " + sorted[i] + " twice)" : ""));
            }
        });
        checker.check("each batch holds its rows' pixels and labels, and its index", () -> {
            List<Batch> batches = batches(f.create(data, B, 2).epoch(3));
            for (int b = 0; b < batches.size(); b++) {
                Batch batch = batches.get(b);
                Expect.that(batch.index() == b, "batch " + b + " of epoch 3 says it is batch " + batch.index());
                for (int i = 0; i < batch.size(); i++) {
                    int row = batch.rows()[i];
                    float[] expected = Arrays.copyOfRange(data.x(), row * 4, row * 4 + 4);
                    Expect.close("pixels of example " + i + " of batch " + b + " (row " + row + ")", expected,
                            Arrays.copyOfRange(batch.x(), i * 4, i * 4 + 4), 0);
                    Expect.that(batch.labels()[i] == data.labels()[row], "label of example " + i + " of batch " + b
                            + " (row " + row + "): expected " + data.labels()[row] + ", got " + batch.labels()[i]);
                }
            }
        });
        checker.check("the order is shuffled, and every position equally likely", () -> {
            int[] order = rows(batches(f.create(data, B, 3).epoch(0)));
            int inPlace = 0;
            for (int i = 0; i < N; i++) {
                inPlace += order[i] == i ? 1 : 0;
            }
            Expect.that(inPlace < 10, input + ": " + inPlace + " of " + N + " rows stay in their place; shuffle them");
            Epochs epochs = f.create(data, B, 4);
            double sum = 0;
            int runs = 300;
            for (int e = 0; e < runs; e++) {
                int[] o = rows(batches(epochs.epoch(e)));
                for (int i = 0; i < N; i++) {
                    if (o[i] == N - 1) {
                        sum += i;
                    }
                }
            }
            double mean = sum / runs;
            Expect.that(Math.abs(mean - (N - 1) / 2.0) < 7, "over " + runs + " epochs the last row should land on average "
                    + "in the middle (position " + (N - 1) / 2.0 + "), got " + Expect.num(mean) + ": is the shuffle biased?");
        });
        checker.check("a new order every epoch; the same order for the same seed and epoch", () -> {
            Epochs one = f.create(data, B, 5);
            int[] e0 = rows(batches(one.epoch(0)));
            int[] e1 = rows(batches(one.epoch(1)));
            Expect.that(!Arrays.equals(e0, e1), input + ": epochs 0 and 1 have the same order " + Expect.show(e0)
                    + "; shuffle again every epoch, from (seed, epoch)");
            int[] again = rows(batches(f.create(data, B, 5).epoch(1)));
            Expect.close("epoch 1 of a second iterator with the same seed (the order must depend only on seed and epoch)",
                    toFloat(e1), toFloat(again), 0);
            Expect.close("epoch 1 asked for twice", toFloat(e1), toFloat(rows(batches(one.epoch(1)))), 0);
            int[] otherSeed = rows(batches(f.create(data, B, 6).epoch(1)));
            Expect.that(!Arrays.equals(e1, otherSeed), "seeds 5 and 6 give the same order in epoch 1");
        });
        checker.check("next() after the last batch throws NoSuchElementException", () -> {
            Iterable<Batch> epoch = f.create(data, 50, 7).epoch(0);
            Iterator<Batch> it = epoch.iterator();
            int n = 0;
            while (it.hasNext() && n < 10) {
                it.next();
                n++;
            }
            Expect.that(n == 3, "103 examples in batches of 50 make 3 batches, the iterator gave " + n);
            try {
                it.next();
            } catch (NoSuchElementException expected) {
                return;
            }
            throw new CheckFailure("next() after the last of 3 batches should throw NoSuchElementException");
        });
        checker.check("the same batch sizes as nn-core's MiniBatches, a batch larger than the data included", () -> {
            for (int[] c : new int[][] {{7, 10}, {10, 10}, {64, 8}, {65, 8}, {1, 1}, {30, 1}}) {
                Dataset d = dataset(c[0]);
                List<Integer> expected = new ArrayList<>();
                for (Batch b : new MiniBatches(d, c[1], 9).epoch(0)) {
                    expected.add(b.size());
                }
                List<Integer> got = batches(f.create(d, c[1], 9).epoch(0)).stream().map(Batch::size).toList();
                Expect.that(expected.equals(got), c[0] + " examples in batches of " + c[1] + ": expected batch sizes "
                        + expected + ", got " + got);
            }
        });
    }

    private static List<Batch> batches(Iterable<Batch> epoch) {
        List<Batch> list = new ArrayList<>();
        for (Batch b : epoch) {
            list.add(copy(b));
            Expect.that(list.size() <= 10_000, "the iterator never ends: more than 10,000 batches");
        }
        return list;
    }

    /** A batch's arrays copied: an iterator may reuse its buffers. */
    private static Batch copy(Batch b) {
        return new Batch(b.index(), Arrays.copyOf(b.x(), b.size() * 4), Arrays.copyOf(b.labels(), b.size()),
                Arrays.copyOf(b.rows(), b.size()), b.size());
    }

    private static int[] rows(List<Batch> batches) {
        return batches.stream().flatMapToInt(b -> Arrays.stream(b.rows(), 0, b.size())).toArray();
    }

    private static float[] toFloat(int[] v) {
        float[] f = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            f[i] = v[i];
        }
        return f;
    }

    /** {@code n} 2x2 images whose pixels name their row: row i holds i, i + 0.1, i + 0.2, i + 0.3. */
    private static Dataset dataset(int n) {
        float[] x = new float[n * 4];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < 4; k++) {
                x[i * 4 + k] = i + k / 10f;
            }
            labels[i] = i % 10;
        }
        return new Dataset("grader", x, labels, n, 2, 2, 10);
    }
}
