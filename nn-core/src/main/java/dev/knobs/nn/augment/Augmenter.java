package dev.knobs.nn.augment;

import dev.knobs.nn.kernel.Parallel;
import dev.knobs.nn.random.Seeds;
import java.util.SplittableRandom;

/**
 * Applies an {@link ImageTransform} to every image of a training mini-batch, on all threads.
 *
 * <pre>
 *   x:   [batch, height*width]   the mini-batch as the shuffler produced it, not modified
 *   out: [batch, height*width]   the augmented copy the network trains on, overwritten
 * </pre>
 *
 * <p><b>Training data only.</b> Augmentation is part of how we train, not of the model: the
 * training loop calls {@link #augment} on each training mini-batch after shuffling and before the
 * forward pass. Evaluation code (validation, test, confusion matrix) never calls it, so there is
 * nothing to switch off when evaluating, and test images are always scored exactly as they are.
 * Because a new random transform is drawn every time, the network sees a fresh variant of each
 * digit in every epoch.
 *
 * <p><b>Deterministic on any number of threads.</b> Image {@code i} of a batch gets its own
 * generator, seeded with {@link Seeds#fold}{@code (stepSeed, i)} where {@code stepSeed}
 * is {@link Seeds#mix(long, long, long)}{@code (seed, epoch, step)}. Its pixels therefore depend only on
 * (seed, epoch, step, i) and the input, never on which thread ran it or in what order, so
 * the same seed gives bit-identical batches with 1 thread or 16.
 *
 * <p>Typical use inside the epoch loop:
 * <pre>{@code
 *   Augmenter augmenter = new Augmenter(RandomAffine.kerasMnist(), seed);
 *   ...
 *   augmenter.augment(xBatch, batch, 28, 28, epoch, step, xAugmented);   // xBatch unchanged
 *   // forward / backward on xAugmented
 * }</pre>
 */
public final class Augmenter {
    /** Images per thread task; a 28x28 affine warp takes a few microseconds, so smaller chunks would cost more to schedule than to run. */
    private static final int IMAGES_PER_TASK = 8;

    private final ImageTransform transform;
    private final long seed;

    /**
     * @param transform what to do to each image (it must be safe to call from several threads, as every {@link ImageTransform} is)
     * @param seed      the run's augmentation seed; with the epoch and step it fixes every random draw
     */
    public Augmenter(ImageTransform transform, long seed) {
        if (transform == null) {
            throw new IllegalArgumentException("Augmenter needs a transform (use new Identity() for none)");
        }
        this.transform = transform;
        this.seed = seed;
    }

    /** The transform applied to each image. */
    public ImageTransform transform() {
        return transform;
    }

    /**
     * Augments one training mini-batch: {@code out[i] = transform(x[i])} for every image {@code i}
     * in {@code [0, batch)}, with randomness fixed by (seed, {@code epoch}, {@code step}, i).
     *
     * @param x      input images {@code [batch, height*width]} (at least that many floats), not modified
     * @param batch  number of images
     * @param height rows per image
     * @param width  columns per image
     * @param epoch  the current epoch (0, 1, ...)
     * @param step   the mini-batch index within the epoch (0, 1, ...)
     * @param out    augmented images {@code [batch, height*width]}, overwritten; must be a different array from {@code x}
     */
    public void augment(float[] x, int batch, int height, int width, int epoch, int step, float[] out) {
        augment(x, batch, height, width, Seeds.mix(seed, epoch, step), out);
    }

    /**
     * Same as {@link #augment(float[], int, int, int, int, int, float[])} with the batch's seed
     * given directly; image {@code i} uses {@code new SplittableRandom(Seeds.fold(stepSeed, i))}.
     * {@code x} is not modified, the first {@code batch*height*width} floats of {@code out} are overwritten.
     */
    public void augment(float[] x, int batch, int height, int width, long stepSeed, float[] out) {
        check(x, batch, height, width, out);
        int features = height * width;
        Parallel.range(batch, IMAGES_PER_TASK, (from, to) -> {
            for (int i = from; i < to; i++) {
                SplittableRandom random = new SplittableRandom(Seeds.fold(stepSeed, i));
                transform.apply(x, i * features, out, i * features, height, width, random);
            }
        });
    }

    private static void check(float[] x, int batch, int height, int width, float[] out) {
        if (batch < 0) {
            throw new IllegalArgumentException("batch = " + batch + ": the number of images must be >= 0");
        }
        if (height < 1 || width < 1) {
            throw new IllegalArgumentException("image size " + height + "x" + width
                    + " is not valid: height and width must be at least 1");
        }
        if (x == null || out == null) {
            throw new IllegalArgumentException("x and out must both be float arrays of at least batch*height*width floats");
        }
        if (x == out) {
            throw new IllegalArgumentException("x and out are the same array: augmentation reads neighbouring pixels"
                    + " of x while writing out, so pass a separate output buffer");
        }
        long needed = (long) batch * height * width;
        if (x.length < needed || out.length < needed) {
            throw new IllegalArgumentException(batch + " images of " + height + "x" + width + " need " + needed
                    + " floats, but x has " + x.length + " and out has " + out.length);
        }
    }

    @Override
    public String toString() {
        return "Augmenter(" + transform + ", seed=" + seed + ")";
    }
}
