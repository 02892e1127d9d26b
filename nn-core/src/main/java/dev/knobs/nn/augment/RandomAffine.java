package dev.knobs.nn.augment;

import java.util.Objects;
import java.util.SplittableRandom;

/**
 * A random rotation, zoom, shear and shift per image, like Keras' {@code ImageDataGenerator}
 * with {@code rotation_range}, {@code zoom_range}, {@code shear_range} and
 * {@code width/height_shift_range}.
 *
 * <p>For every image it draws, each uniformly and independently,
 * <pre>
 *   θ  in [-maxDegrees, maxDegrees]              rotation, counter-clockwise as shown
 *   s  in [1 - maxZoom, 1 + maxZoom]             zoom, the same on both axes (s &gt; 1 enlarges)
 *   φ  in [-maxShearDegrees, maxShearDegrees]    horizontal shear
 *   tx, ty in [-maxShiftPixels, maxShiftPixels]  shift right / down, in pixels
 * </pre>
 * and builds the forward map about the image centre {@code c = ((width-1)/2, (height-1)/2)}:
 * <pre>
 *   p' = Shear(φ)·Zoom(s)·Rot(θ)·(p - c) + c + (tx, ty)
 * </pre>
 * (see {@link AffineMatrix} for each factor). The image is then resampled through the inverse
 * map with bilinear interpolation, exactly as {@link FixedAffine} explains; pixels that come from
 * outside the input get {@code fill}. With all ranges 0 the output equals the input.
 *
 * <p>Keras gives shifts as a fraction of the image side; here they are pixels, so Keras'
 * {@code width_shift_range=0.1} on a 28-pixel MNIST digit is {@code maxShiftPixels = 2.8}.
 * Unlike Keras, the zoom is one factor for both axes, so digits keep their aspect ratio.
 *
 * <p>Why only small ranges: a 6 rotated by 180 degrees is a 9, and a digit shifted by 8 pixels
 * loses its edge. The point is to show the network the same digit as a slightly different writer
 * would have drawn it.
 */
public final class RandomAffine implements ImageTransform {
    private final double maxDegrees;
    private final double maxShiftPixels;
    private final double maxZoom;
    private final double maxShearDegrees;
    private final float fill;
    private final Resampler resampler;

    /**
     * How one drawn map is applied to an image: nn-core resamples with {@link FixedAffine}'s
     * bilinear interpolation; another implementation of the same transform (a student's) can take
     * its place with {@link #resampledBy}.
     */
    @FunctionalInterface
    public interface Resampler {
        /** The transform that moves an image by {@code forward}, filling with {@code fill}, like {@link FixedAffine}. */
        ImageTransform of(AffineMatrix forward, float fill);
    }

    /**
     * @param maxDegrees      largest rotation either way, in degrees, {@code [0, 180]}; 10 is typical for MNIST
     * @param maxShiftPixels  largest shift either way on each axis, in pixels, {@code >= 0}; 2 to 3 is typical
     * @param maxZoom         largest relative zoom, {@code [0, 1)}: the scale is drawn from {@code [1-maxZoom, 1+maxZoom]}; 0.1 is typical
     * @param maxShearDegrees largest shear angle either way, in degrees, {@code [0, 80]}; 0 to 15 is typical
     * @param fill            value of pixels that come from outside the image (0 = background for scaled MNIST)
     * @throws IllegalArgumentException naming the value and its allowed range if one is outside it or NaN
     */
    public RandomAffine(double maxDegrees, double maxShiftPixels, double maxZoom, double maxShearDegrees, float fill) {
        this.maxDegrees = ImageChecks.range("maxDegrees", maxDegrees, 0, 180, "0 to 180 degrees");
        this.maxShiftPixels = ImageChecks.range("maxShiftPixels", maxShiftPixels, 0, Double.MAX_VALUE,
                "a shift in pixels >= 0 (e.g. 2)");
        this.maxZoom = ImageChecks.range("maxZoom", maxZoom, 0, Math.nextDown(1.0),
                "a value in [0, 1), the scale is drawn from [1 - maxZoom, 1 + maxZoom] (e.g. 0.1)");
        this.maxShearDegrees = ImageChecks.range("maxShearDegrees", maxShearDegrees, 0, 80, "0 to 80 degrees");
        this.fill = ImageChecks.finite("fill", fill);
        this.resampler = null;
    }

    private RandomAffine(RandomAffine ranges, Resampler resampler) {
        this.maxDegrees = ranges.maxDegrees;
        this.maxShiftPixels = ranges.maxShiftPixels;
        this.maxZoom = ranges.maxZoom;
        this.maxShearDegrees = ranges.maxShearDegrees;
        this.fill = ranges.fill;
        this.resampler = resampler;
    }

    /**
     * The same random maps, each applied by the transform {@code resampler} makes instead of
     * nn-core's bilinear resampling. The maps drawn, and so the random numbers used, are the same.
     */
    public RandomAffine resampledBy(Resampler resampler) {
        return new RandomAffine(this, Objects.requireNonNull(resampler, "resampler"));
    }

    /** Shifts only: equivalent to {@code new RandomAffine(0, maxShiftPixels, 0, 0, 0f)}. */
    public static RandomAffine shiftOnly(double maxShiftPixels) {
        return new RandomAffine(0, maxShiftPixels, 0, 0, 0f);
    }

    /** Rotations only: equivalent to {@code new RandomAffine(maxDegrees, 0, 0, 0, 0f)}. */
    public static RandomAffine rotationOnly(double maxDegrees) {
        return new RandomAffine(maxDegrees, 0, 0, 0, 0f);
    }

    /**
     * The settings commonly used with Keras on MNIST ({@code rotation_range=10, zoom_range=0.1,
     * width_shift_range=0.1, height_shift_range=0.1}): equivalent to
     * {@code new RandomAffine(10, 2.8, 0.1, 0, 0f)} for 28x28 images.
     */
    public static RandomAffine kerasMnist() {
        return new RandomAffine(10, 2.8, 0.1, 0, 0f);
    }

    /**
     * Draws the forward map for one image of the given size, consuming exactly five numbers from
     * {@code random} (rotation, zoom, shear, shift x, shift y) whatever the ranges are.
     */
    public AffineMatrix draw(int height, int width, SplittableRandom random) {
        double degrees = symmetric(random, maxDegrees);
        double scale = 1 + symmetric(random, maxZoom);
        double shearDegrees = symmetric(random, maxShearDegrees);
        double tx = symmetric(random, maxShiftPixels);
        double ty = symmetric(random, maxShiftPixels);
        double cx = AffineMatrix.centre(width);
        double cy = AffineMatrix.centre(height);
        return AffineMatrix.rotation(degrees, cx, cy)
                .then(AffineMatrix.scaling(scale, cx, cy))
                .then(AffineMatrix.shear(shearDegrees, cx, cy))
                .then(AffineMatrix.translation(tx, ty));
    }

    /**
     * Draws a map with {@link #draw} and resamples (bilinearly, or with the {@link #resampledBy}
     * transform); {@code src} is not modified, {@code dst} is overwritten.
     */
    @Override
    public void apply(float[] src, int srcOff, float[] dst, int dstOff, int height, int width, SplittableRandom random) {
        ImageChecks.image("src", src, srcOff, height, width);
        ImageChecks.image("dst", dst, dstOff, height, width);
        AffineMatrix forward = draw(height, width, random);
        if (resampler == null) {
            FixedAffine.warp(src, srcOff, dst, dstOff, height, width, forward.inverse(), fill);
        } else {
            resampler.of(forward, fill).apply(src, srcOff, dst, dstOff, height, width, random);
        }
    }

    /** Uniform in {@code [-max, max]}; exactly 0 when {@code max} is 0. */
    private static double symmetric(SplittableRandom random, double max) {
        return (2 * random.nextDouble() - 1) * max;
    }

    @Override
    public String toString() {
        return "RandomAffine(maxDegrees=" + maxDegrees + ", maxShiftPixels=" + maxShiftPixels + ", maxZoom="
                + maxZoom + ", maxShearDegrees=" + maxShearDegrees + ", fill=" + fill
                + (resampler == null ? "" : ", resampled by another implementation") + ")";
    }
}
