package dev.knobs.grader.checks;

import dev.knobs.nn.augment.AffineMatrix;
import dev.knobs.nn.augment.FixedAffine;
import dev.knobs.nn.augment.ImageTransform;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Exercise 08.1, an affine warp with bilinear sampling: the identity, a one-pixel shift and its
 * fill, a half-pixel shift by hand (which catches nearest-neighbour rounding), a 90-degree
 * rotation, the output's range, the offsets, and nn-core's {@link FixedAffine} on random maps.
 */
public final class WarpChecks implements ExerciseChecks<WarpChecks.Factory> {

    /** How the checks build a warp: the skeleton's constructor. */
    @FunctionalInterface
    public interface Factory {
        /** A transform applying {@code forward}, with {@code fill} outside the input. */
        ImageTransform create(AffineMatrix forward, float fill);
    }

    @Override
    public Factory adapt(Class<?> type) {
        Reflect.Call c = Reflect.constructor(type, AffineMatrix.class, float.class);
        return (m, fill) -> Reflect.as(ImageTransform.class, c.call(m, fill));
    }

    @Override
    public void run(Factory f, Checker checker) {
        checker.check("the identity map returns the image", () -> {
            float[] img = image(5, 4, 1);
            Expect.close("the identity map of a random 5x4 image", img, warp(f, AffineMatrix.IDENTITY, 0f, img, 5, 4), 1e-6);
        });
        checker.check("a one-pixel shift to the right, with the fill in the first column", () -> {
            float[] img = image(3, 4, 2);
            float[] expected = new float[12];
            for (int r = 0; r < 3; r++) {
                expected[r * 4] = -1f;
                for (int c = 1; c < 4; c++) {
                    expected[r * 4 + c] = img[r * 4 + c - 1];
                }
            }
            Expect.close("AffineMatrix.translation(1, 0) of a random 3x4 image with fill -1 (out(r, c) = in(r, c - 1))",
                    expected, warp(f, AffineMatrix.translation(1, 0), -1f, img, 3, 4), 1e-6);
        });
        checker.check("a half-pixel shift blends neighbours (bilinear, not nearest pixel)", () -> {
            float[] img = {0, 1, 2, 3, 4, 5, 6, 7, 8};
            float[] got = warp(f, AffineMatrix.translation(0.5, 0.5), 0f, img, 3, 3);
            // output (r, c) reads input at (c - 0.5, r - 0.5): the mean of the four neighbours, 0 outside
            float[] expected = {0, 0.25f, 0.75f, 0.75f, 2, 3, 2.25f, 5, 6};
            Expect.close("a 3x3 image [[0,1,2],[3,4,5],[6,7,8]] shifted by half a pixel right and down, fill 0",
                    expected, got, 1e-5);
        });
        checker.check("a 90-degree rotation about the centre moves pixels onto pixels", () -> {
            float[] img = image(4, 4, 3);
            float[] got = warp(f, AffineMatrix.rotation(90, 1.5, 1.5), 0f, img, 4, 4);
            float[] expected = new float[16];
            AffineMatrix m = AffineMatrix.rotation(90, 1.5, 1.5);
            for (int r = 0; r < 4; r++) {
                for (int c = 0; c < 4; c++) {
                    int tc = (int) Math.round(m.mapX(c, r));
                    int tr = (int) Math.round(m.mapY(c, r));
                    expected[tr * 4 + tc] = img[r * 4 + c];
                }
            }
            Expect.close("a random 4x4 image rotated by AffineMatrix.rotation(90, 1.5, 1.5)", expected, got, 1e-5);
        });
        checker.check("reads only src and writes exactly dst[dstOff .. dstOff + height·width)", () -> {
            float[] src = new float[3 + 20 + 2];
            float[] img = image(5, 4, 4);
            System.arraycopy(img, 0, src, 3, 20);
            float[] before = src.clone();
            float[] dst = new float[7 + 20 + 5];
            Arrays.fill(dst, 99f);
            f.create(AffineMatrix.rotation(20, 1.5, 2), 0f).apply(src, 3, dst, 7, 5, 4, new SplittableRandom(1));
            Expect.close("src after apply", before, src, 0);
            for (int i = 0; i < dst.length; i++) {
                boolean inside = i >= 7 && i < 27;
                Expect.that(inside != (dst[i] == 99f), "dst[" + i + "] with dstOff 7 and a 5x4 image: "
                        + (inside ? "was not written" : "was written, outside dst[7 .. 27)"));
            }
            float[] expected = new float[20];
            new FixedAffine(AffineMatrix.rotation(20, 1.5, 2), 0f).apply(img, 0, expected, 0, 5, 4, new SplittableRandom(1));
            Expect.close("the image written at dstOff 7 from srcOff 3", expected, Arrays.copyOfRange(dst, 7, 27), 1e-5);
        });
        checker.check("agrees with nn-core's FixedAffine on random images and random rotations, zooms and shears", () -> {
            SplittableRandom rng = new SplittableRandom(5);
            for (int t = 0; t < 20; t++) {
                double cx = AffineMatrix.centre(28);
                AffineMatrix m = AffineMatrix.rotation(rng.nextDouble(-30, 30), cx, cx)
                        .then(AffineMatrix.scaling(rng.nextDouble(0.8, 1.2), cx, cx))
                        .then(AffineMatrix.shear(rng.nextDouble(-15, 15), cx, cx))
                        .then(AffineMatrix.translation(rng.nextDouble(-3, 3), rng.nextDouble(-3, 3)));
                float[] img = image(28, 28, 10 + t);
                float[] expected = new float[784];
                new FixedAffine(m, 0f).apply(img, 0, expected, 0, 28, 28, new SplittableRandom(1));
                float[] got = warp(f, m, 0f, img, 28, 28);
                Expect.close("random 28x28 image " + t + " through " + m, expected, got, 1e-5);
                float lo = 0f;
                float hi = 1f;
                for (int i = 0; i < got.length; i++) {
                    Expect.that(got[i] >= lo - 1e-6f && got[i] <= hi + 1e-6f, "pixel " + i + " of image " + t + " is "
                            + got[i] + ", outside the input's range [0, 1]: bilinear weights are non-negative and sum to 1");
                }
            }
        });
    }

    private static float[] warp(Factory f, AffineMatrix m, float fill, float[] img, int h, int w) {
        float[] out = new float[h * w];
        Arrays.fill(out, Float.NaN);
        f.create(m, fill).apply(img, 0, out, 0, h, w, new SplittableRandom(1));
        return out;
    }

    /** A random image with values in [0, 1). */
    private static float[] image(int h, int w, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        float[] img = new float[h * w];
        for (int i = 0; i < img.length; i++) {
            img[i] = (float) rng.nextDouble();
        }
        return img;
    }
}
