package dev.knobs.nn.data;

import dev.knobs.nn.random.Seeds;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Training data split into the part we train on and a held-out validation part.
 *
 * <p>Why: the test set must be used only for the final number. Every choice made by looking at
 * results (learning rate, dropout, epochs) is a small fit to the data it was judged on, so those
 * choices are judged on validation data carved out of the training set instead.
 *
 * @param train      the examples to train on
 * @param validation the held-out examples
 */
public record Split(Dataset train, Dataset validation) {

    /**
     * Which rows of a dataset go where: row numbers in increasing order.
     *
     * @param train      the rows to train on
     * @param validation the held-out rows
     */
    public record Rows(int[] train, int[] validation) {}

    /**
     * Holds out {@code validationSize} randomly chosen examples (the same ones for the same seed).
     */
    public static Split holdOut(Dataset data, int validationSize, long seed) {
        Rows rows = holdOutRows(data.size(), validationSize, seed);
        return new Split(data.select(data.name() + "/train", rows.train()),
                data.select(data.name() + "/validation", rows.validation()));
    }

    /**
     * The rows {@link #holdOut} puts in each part of a dataset of {@code size} examples: for data
     * kept elsewhere (a framework's dataset) that must be split exactly as {@code holdOut} would.
     */
    public static Rows holdOutRows(int size, int validationSize, long seed) {
        if (validationSize < 1 || validationSize >= size) {
            throw new IllegalArgumentException("validation size must be between 1 and " + (size - 1)
                    + " for " + size + " examples, got " + validationSize);
        }
        int[] order = permutation(size, new SplittableRandom(Seeds.mix(seed, 0x5b1175L)));
        int[] val = Arrays.copyOfRange(order, 0, validationSize);
        int[] rest = Arrays.copyOfRange(order, validationSize, size);
        Arrays.sort(val);
        Arrays.sort(rest);
        return new Rows(rest, val);
    }

    /** A uniformly random permutation of {@code 0..n-1} (Fisher-Yates shuffle). */
    static int[] permutation(int n, SplittableRandom rng) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }
}
