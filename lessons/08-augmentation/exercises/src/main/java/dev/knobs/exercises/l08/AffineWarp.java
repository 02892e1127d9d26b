package dev.knobs.exercises.l08;

import dev.knobs.nn.augment.AffineMatrix;
import dev.knobs.nn.augment.ImageTransform;
import java.util.SplittableRandom;

/**
 * Exercise 08.1: move an image by an affine map (shift, rotation, zoom, shear), resampling it
 * with bilinear interpolation.
 *
 * <pre>
 *   inverse = forward.inverse()                      where each output pixel comes from
 *   for every output pixel (column x', row y'):
 *     x = inverse.mapX(x', y'),  y = inverse.mapY(x', y')        a fractional input position
 *     x0 = ⌊x⌋, y0 = ⌊y⌋, fx = x - x0, fy = y - y0,  p(r, c) = input pixel, or fill outside the image
 *     out(y', x') = (1-fy)·[(1-fx)·p(y0, x0) + fx·p(y0, x0+1)] + fy·[(1-fx)·p(y0+1, x0) + fx·p(y0+1, x0+1)]
 * </pre>
 *
 * <p>Why map backwards: sending each input pixel forward lands on fractional positions, so some
 * output pixels are hit twice and others never (holes in a rotated or enlarged digit). Asking, for
 * each output pixel, where it came from gives every output pixel exactly one value. Why bilinear:
 * rounding to the nearest pixel makes shifted edges jagged and a half-pixel shift does nothing;
 * the four weights of bilinear interpolation are non-negative and sum to 1, so the result is a
 * smooth blend that never leaves the range of its four neighbours. Compute in {@code double},
 * round once to {@code float}.
 *
 * <p>Pixel {@code (row r, column c)} of an image is {@code image[off + r·width + c]}. Read only
 * {@code src}; overwrite exactly {@code dst[dstOff .. dstOff + height·width)}.
 *
 * <p>Grading: the identity, a one-pixel shift with its fill column, a half-pixel shift worked out
 * by hand, a 90-degree rotation, the range of the output, the offsets, and a comparison with
 * nn-core's {@link dev.knobs.nn.augment.FixedAffine} (the reference solution) on random images and
 * random rotations, zooms and shears.
 */
public final class AffineWarp implements ImageTransform {
    private final AffineMatrix forward;
    private final float fill;

    /**
     * @param forward where each input point goes, e.g. {@code AffineMatrix.translation(1, 0)} moves the image
     *                one pixel right
     * @param fill    the value of output pixels that come from outside the input (0, the background)
     */
    public AffineWarp(AffineMatrix forward, float fill) {
        this.forward = forward;
        this.fill = fill;
    }

    /** Writes the warped image into {@code dst}; {@code random} is not used. See the class comment. */
    @Override
    public void apply(float[] src, int srcOff, float[] dst, int dstOff, int height, int width, SplittableRandom random) {
        throw new UnsupportedOperationException("exercise 08.1: affine warp: for every output pixel, map it back with "
                + "the inverse matrix and read the input there by bilinear interpolation "
                + "(lessons/08-augmentation/exercises/.../AffineWarp.java)");
    }
}
