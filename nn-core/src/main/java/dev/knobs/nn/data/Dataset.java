package dev.knobs.nn.data;

import java.util.Arrays;

/**
 * A set of labelled images: {@code size} rows of {@code features} floats, row-major, and one
 * integer label per row.
 *
 * <pre>
 *   x:      [size, features]   features = height * width  (MNIST: 28 * 28 = 784)
 *   labels: [size]             0 .. classes-1
 * </pre>
 *
 * <p>The arrays are shared, not copied: a transformation that changes pixel values returns a new
 * {@code Dataset} with a new {@code x} (see {@link Scaling}).
 *
 * @param name     where the data came from, e.g. {@code "mnist-train"}
 * @param x        pixel values, {@code size * features} floats
 * @param labels   class of each row
 * @param size     number of examples
 * @param height   image height in pixels
 * @param width    image width in pixels
 * @param classes  number of classes
 */
public record Dataset(String name, float[] x, int[] labels, int size, int height, int width, int classes) {

    public Dataset {
        if (size < 0 || height < 1 || width < 1 || classes < 1) {
            throw new IllegalArgumentException("dataset " + name + ": size " + size + ", image " + height + "x"
                    + width + " and " + classes + " classes do not describe a dataset");
        }
        if (x.length != (long) size * height * width) {
            throw new IllegalArgumentException("dataset " + name + ": expected " + (long) size * height * width
                    + " pixel values for " + size + " images of " + height + "x" + width + ", got " + x.length);
        }
        if (labels.length != size) {
            throw new IllegalArgumentException("dataset " + name + ": " + size + " images but " + labels.length + " labels");
        }
        for (int i = 0; i < size; i++) {
            if (labels[i] < 0 || labels[i] >= classes) {
                throw new IllegalArgumentException("dataset " + name + ": label " + labels[i] + " of example " + i
                        + " is outside 0.." + (classes - 1));
            }
        }
    }

    /** Pixels per image, the width of one row of {@code x}. */
    public int features() {
        return height * width;
    }

    /** The same images with new pixel values (same labels, shape and name suffix). */
    public Dataset withPixels(String newName, float[] newX) {
        return new Dataset(newName, newX, labels, size, height, width, classes);
    }

    /** Rows {@code [from, to)} as a new dataset (arrays copied). */
    public Dataset slice(String newName, int from, int to) {
        if (from < 0 || to > size || from > to) {
            throw new IllegalArgumentException("slice [" + from + ", " + to + ") is outside 0.." + size);
        }
        int f = features();
        return new Dataset(newName, Arrays.copyOfRange(x, from * f, to * f), Arrays.copyOfRange(labels, from, to),
                to - from, height, width, classes);
    }

    /**
     * The first {@code n} rows as a new dataset named {@code newName}, or this dataset itself when
     * it has no more than {@code n}: for subsets that must fit a time budget.
     */
    public Dataset first(String newName, int n) {
        return size <= n ? this : slice(newName, 0, n);
    }

    /** The rows listed in {@code rows}, in that order, as a new dataset. */
    public Dataset select(String newName, int[] rows) {
        int f = features();
        float[] nx = new float[rows.length * f];
        int[] ny = new int[rows.length];
        for (int r = 0; r < rows.length; r++) {
            System.arraycopy(x, rows[r] * f, nx, r * f, f);
            ny[r] = labels[rows[r]];
        }
        return new Dataset(newName, nx, ny, rows.length, height, width, classes);
    }

    /** Number of examples of each class. */
    public int[] classCounts() {
        int[] counts = new int[classes];
        for (int label : labels) {
            counts[label]++;
        }
        return counts;
    }
}
