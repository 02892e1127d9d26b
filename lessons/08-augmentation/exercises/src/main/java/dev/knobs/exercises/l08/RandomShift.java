package dev.knobs.exercises.l08;

import dev.knobs.nn.augment.ImageTransform;
import java.util.SplittableRandom;

/**
 * Exercise 08.2: a random shift by whole pixels, the simplest augmentation, with the background
 * (0) filling in where the image moved away.
 *
 * <pre>
 *   dx = random.nextInt(-s, s + 1)        columns to the right, one of -s .. s, drawn first
 *   dy = random.nextInt(-s, s + 1)        rows down, drawn second
 *   out(row r, column c) = in(r - dy, c - dx)   if 0 ≤ r - dy ≤ height - 1 and 0 ≤ c - dx ≤ width - 1
 *                        = 0                    otherwise (nothing wraps around)
 * </pre>
 *
 * <p>Why: a digit written two pixels further left is the same digit, but a fully connected network
 * has no idea of that: to it, every pixel is a separate input, and a shifted 7 lights up other
 * inputs than the 7s it has seen. Showing it each training image at a new small offset every epoch
 * teaches it the tolerance that the data does not state. Why zero fill and not wrap-around: MNIST's
 * background is 0, and a stroke that leaves on the right and comes back on the left is a mark no real
 * digit has. Why read backwards (for each output pixel, where it came from): every output pixel
 * gets exactly one value, including those that come from outside. x is the column and y the row,
 * so a shift right moves a pixel along its row: pixel {@code (r, c)} is
 * {@code image[off + r·width + c]}. Shifting by whole pixels copies values, it does not blend them:
 * when nothing falls off the edge, the pixels (and their sum) are the same, only moved. Read only
 * {@code src}; overwrite exactly {@code dst[dstOff .. dstOff + height·width)}.
 *
 * <p>Grading: a single lit pixel moved by the shifts the generator draws (which catches x and y
 * swapped), zero fill at the edges (which catches wrap-around), every shift in {@code [-s, s]} drawn
 * and none outside, the pixel sum kept when nothing falls off, the offsets, and a comparison with
 * nn-core's {@link dev.knobs.nn.augment.FixedAffine} shifting by the same whole pixels
 * ({@code AffineMatrix.translation(dx, dy)}, fill 0), the reference solution, on random images.
 */
public final class RandomShift implements ImageTransform {
    private final int maxShift;

    /**
     * @param maxShift the largest shift, s, in pixels, in each direction (2 moves a digit by up to 2 pixels
     *                 left, right, up or down); 0 leaves images as they are
     */
    public RandomShift(int maxShift) {
        if (maxShift < 0) {
            throw new IllegalArgumentException("the largest shift is a number of pixels, 0 or more, got " + maxShift);
        }
        this.maxShift = maxShift;
    }

    /** Writes the shifted image into {@code dst}, drawing dx then dy from {@code random}. See the class comment. */
    @Override
    public void apply(float[] src, int srcOff, float[] dst, int dstOff, int height, int width, SplittableRandom random) {
        throw new UnsupportedOperationException("exercise 08.2: a random shift: draw dx then dy in [-s, s], then copy "
                + "each output pixel from (r - dy, c - dx), or 0 outside the image "
                + "(lessons/08-augmentation/exercises/.../RandomShift.java)");
    }
}
