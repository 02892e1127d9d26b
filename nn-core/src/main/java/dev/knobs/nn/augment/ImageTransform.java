package dev.knobs.nn.augment;

import java.util.SplittableRandom;

/**
 * Changes one grey image into another of the same size, e.g. a random shift or rotation.
 *
 * <p>An image is {@code height * width} floats, row-major: the pixel in row {@code r} (counted
 * from the top) and column {@code c} (from the left) is {@code image[off + r * width + c]}. In
 * formulas we write {@code x} for the column and {@code y} for the row, so {@code y} points down.
 *
 * <p>Contract for implementations:
 * <ul>
 *   <li>{@code src} is read only, never modified; {@code dst[dstOff .. dstOff + height*width)} is
 *       overwritten completely. The two regions must not overlap.</li>
 *   <li>All random choices come from {@code random}, so the same generator state gives the same
 *       output. A transform with no randomness ignores it.</li>
 *   <li>It must be safe to call from several threads at once (keep no mutable state other than
 *       per-thread scratch buffers): the {@link Augmenter} calls one instance on all threads.</li>
 * </ul>
 */
public interface ImageTransform {

    /**
     * Writes the transformed image.
     *
     * @param src    input pixels, not modified
     * @param srcOff index of the input's first pixel in {@code src}
     * @param dst    output pixels; {@code height * width} values from {@code dstOff} are overwritten
     * @param dstOff index of the output's first pixel in {@code dst}
     * @param height rows of the image
     * @param width  columns of the image
     * @param random source of this image's random draws (its state advances)
     */
    void apply(float[] src, int srcOff, float[] dst, int dstOff, int height, int width, SplittableRandom random);

    /**
     * One transformed copy of a single image, for showing original and augmented digits side by
     * side. {@code image} is not modified; the result is a new array. The same {@code seed} always
     * gives the same picture.
     */
    default float[] applyToCopy(float[] image, int height, int width, long seed) {
        ImageChecks.image("image", image, 0, height, width);
        float[] out = new float[height * width];
        apply(image, 0, out, 0, height, width, new SplittableRandom(seed));
        return out;
    }
}
