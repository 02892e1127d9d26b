package dev.knobs.nn.augment;

import java.util.SplittableRandom;

/**
 * Applies one fixed {@link AffineMatrix} to every image, with bilinear interpolation. It draws no
 * random numbers; {@link RandomAffine} draws a new matrix per image and uses the same resampling.
 *
 * <p><b>Why map output pixels back to the input.</b> The obvious way, sending every input pixel
 * forward to where the matrix puts it, lands on fractional positions: some output pixels get hit
 * twice and others never (holes in a rotated or enlarged digit). Instead we walk over the
 * <em>output</em> pixels and ask, with the inverse matrix, where each one came from:
 * <pre>
 *   for every output pixel (x', y'):
 *       (x, y) = M⁻¹ · (x', y', 1)          a fractional position in the input
 *       out(y', x') = bilinear(in, x, y)     fill if (x, y) lies outside the input
 * </pre>
 * Every output pixel gets exactly one value, and no hole can appear.
 *
 * <p>Cost: about 784 interpolations for a 28x28 image; the inverse is computed once per image.
 */
public final class FixedAffine implements ImageTransform {
    private final AffineMatrix forward;
    private final AffineMatrix inverse;
    private final float fill;

    /**
     * @param forward where each input point goes (e.g. {@code AffineMatrix.translation(1, 0)} moves the image one pixel right)
     * @param fill    value of output pixels that come from outside the input (0 = background for scaled MNIST)
     */
    public FixedAffine(AffineMatrix forward, float fill) {
        this.forward = forward;
        this.inverse = forward.inverse();
        this.fill = ImageChecks.finite("fill", fill);
    }

    /** The forward map this transform applies. */
    public AffineMatrix matrix() {
        return forward;
    }

    /** Applies the fixed matrix; {@code random} is not used. {@code src} is not modified, {@code dst} is overwritten. */
    @Override
    public void apply(float[] src, int srcOff, float[] dst, int dstOff, int height, int width, SplittableRandom random) {
        ImageChecks.image("src", src, srcOff, height, width);
        ImageChecks.image("dst", dst, dstOff, height, width);
        warp(src, srcOff, dst, dstOff, height, width, inverse, fill);
    }

    /**
     * Resamples {@code src} through {@code inverse} (the map from output to input positions) into
     * {@code dst}, which is overwritten; {@code src} is not modified.
     */
    static void warp(float[] src, int srcOff, float[] dst, int dstOff, int height, int width,
                     AffineMatrix inverse, float fill) {
        for (int row = 0; row < height; row++) {
            // input position of output pixel (0, row); each step to the right adds (a, d)
            double x = inverse.b() * row + inverse.c();
            double y = inverse.e() * row + inverse.f();
            int o = dstOff + row * width;
            for (int col = 0; col < width; col++) {
                dst[o + col] = Bilinear.sample(src, srcOff, height, width,
                        x + inverse.a() * col, y + inverse.d() * col, fill);
            }
        }
    }
}
