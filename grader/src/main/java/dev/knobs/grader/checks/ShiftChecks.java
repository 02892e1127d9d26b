package dev.knobs.grader.checks;

import dev.knobs.nn.augment.AffineMatrix;
import dev.knobs.nn.augment.FixedAffine;
import dev.knobs.nn.augment.ImageTransform;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Exercise 08.2, a random shift by whole pixels: a single lit pixel moved by the drawn shifts
 * (which catches x and y swapped), zero fill at the edges (which catches wrap-around), the range of
 * the shifts, the pixel sum kept when nothing falls off, the offsets, and nn-core's
 * {@link FixedAffine} shifting by the same whole pixels on random images.
 */
public final class ShiftChecks implements ExerciseChecks<ShiftChecks.Factory> {

    /** How the checks build a shift: the skeleton's constructor. */
    @FunctionalInterface
    public interface Factory {
        /** A transform shifting by whole pixels, up to {@code maxShift} in each direction. */
        ImageTransform create(int maxShift);
    }

    private static final int SIDE = 28;

    @Override
    public Factory adapt(Class<?> type) {
        Reflect.Call c = Reflect.constructor(type, int.class);
        return s -> Reflect.as(ImageTransform.class, c.call(s));
    }

    /**
     * The reference: the shifts drawn as the skeleton says (dx, then dy, each
     * {@code nextInt(-s, s + 1)}), applied by nn-core's {@link FixedAffine} with
     * {@code AffineMatrix.translation(dx, dy)} and fill 0, which moves pixels onto pixels exactly.
     */
    public static Factory reference() {
        return s -> (src, srcOff, dst, dstOff, height, width, random) -> {
            int[] d = draw(s, random);
            new FixedAffine(AffineMatrix.translation(d[0], d[1]), 0f).apply(src, srcOff, dst, dstOff, height, width,
                    random);
        };
    }

    /** The shift {@code {dx, dy}} the skeleton draws from {@code random}: dx first. */
    static int[] draw(int s, SplittableRandom random) {
        int dx = random.nextInt(-s, s + 1);
        int dy = random.nextInt(-s, s + 1);
        return new int[] {dx, dy};
    }

    @Override
    public void run(Factory f, Checker checker) {
        checker.check("a single lit pixel moves by (dx, dy): dx columns right, dy rows down", () -> {
            for (long seed = 0; seed < 30; seed++) {
                float[] img = new float[SIDE * SIDE];
                img[10 * SIDE + 12] = 1f;
                int[] d = draw(2, new SplittableRandom(seed));
                float[] got = shift(f, 2, img, SIDE, SIDE, seed);
                int at = lit(got);
                int expected = (10 + d[1]) * SIDE + 12 + d[0];
                if (at != expected || sum(got) != 1f) {
                    int swapped = (10 + d[0]) * SIDE + 12 + d[1];
                    throw new CheckFailure("a 28x28 image lit only at row 10, column 12, with s = 2 and new "
                            + "SplittableRandom(" + seed + ") (dx = " + d[0] + ", dy = " + d[1] + "): expected it lit "
                            + "only at row " + (10 + d[1]) + ", column " + (12 + d[0]) + ", got " + where(got)
                            + (at == swapped && sum(got) == 1f ? " (x and y swapped: dx moves along a row, to the "
                            + "next column, and dy to the next row)" : ""));
                }
            }
        });
        checker.check("zero fill: what leaves one edge does not come back on the other", () -> {
            for (long seed = 0; seed < 30; seed++) {
                int[] d = draw(3, new SplittableRandom(seed));
                if (d[0] == 0 && d[1] == 0) {
                    continue;
                }
                float[] img = new float[SIDE * SIDE];
                int row = d[1] > 0 ? SIDE - 1 : 0;
                int col = d[0] > 0 ? SIDE - 1 : 0;
                img[row * SIDE + col] = 1f;
                float[] got = shift(f, 3, img, SIDE, SIDE, seed);
                if (sum(got) != 0f) {
                    int wrapped = Math.floorMod(row + d[1], SIDE) * SIDE + Math.floorMod(col + d[0], SIDE);
                    throw new CheckFailure("a 28x28 image lit only at the corner row " + row + ", column " + col
                            + ", with s = 3 and new SplittableRandom(" + seed + ") (dx = " + d[0] + ", dy = " + d[1]
                            + "): the pixel leaves the image, so the result is all 0, got " + where(got)
                            + (lit(got) == wrapped ? " (that is wrap-around: fill with 0, the background, instead)"
                            : ""));
                }
            }
        });
        checker.check("every shift in [-s, s] is drawn, none outside, and s = 0 changes nothing", () -> {
            boolean[][] seen = new boolean[5][5];
            for (long seed = 0; seed < 400; seed++) {
                float[] img = new float[SIDE * SIDE];
                img[14 * SIDE + 14] = 1f;
                float[] got = shift(f, 2, img, SIDE, SIDE, seed);
                int at = lit(got);
                int dy = at / SIDE - 14;
                int dx = at % SIDE - 14;
                Expect.that(at >= 0 && sum(got) == 1f && Math.abs(dx) <= 2 && Math.abs(dy) <= 2, "with s = 2 "
                        + "and new SplittableRandom(" + seed + "), a pixel at row 14, column 14 must move by at most 2 "
                        + "pixels each way, got it " + where(got));
                seen[dy + 2][dx + 2] = true;
            }
            for (int dy = -2; dy <= 2; dy++) {
                for (int dx = -2; dx <= 2; dx++) {
                    Expect.that(seen[dy + 2][dx + 2], "with s = 2, 400 seeds never shifted by dx = " + dx + ", dy = "
                            + dy + ": draw each of dx and dy with random.nextInt(-s, s + 1), both ends included");
                }
            }
            float[] img = image(SIDE, SIDE, 5);
            Expect.close("a random 28x28 image with s = 0", img, shift(f, 0, img, SIDE, SIDE, 5), 0);
        });
        checker.check("when nothing falls off, the same pixels move: the pixel sum is kept", () -> {
            for (long seed = 0; seed < 20; seed++) {
                float[] img = new float[SIDE * SIDE];
                SplittableRandom rng = new SplittableRandom(100 + seed);
                for (int r = 2; r < SIDE - 2; r++) {
                    for (int c = 2; c < SIDE - 2; c++) {
                        img[r * SIDE + c] = rng.nextInt(256) / 255f;
                    }
                }
                float[] got = shift(f, 2, img, SIDE, SIDE, seed);
                float[] a = img.clone();
                float[] b = got.clone();
                Arrays.sort(a);
                Arrays.sort(b);
                Expect.close("the sorted pixels of a 28x28 image with a 2-pixel empty border, shifted with s = 2 "
                        + "and new SplittableRandom(" + seed + ")", a, b, 0);
                Expect.close("the pixel sum of that image, shifted", sum(img), sum(got), 1e-3);
            }
        });
        checker.check("reads only src and writes exactly dst[dstOff .. dstOff + height·width)", () -> {
            float[] src = new float[3 + 20 + 2];
            System.arraycopy(image(5, 4, 4), 0, src, 3, 20);
            float[] before = src.clone();
            float[] dst = new float[7 + 20 + 5];
            Arrays.fill(dst, 99f);
            f.create(1).apply(src, 3, dst, 7, 5, 4, new SplittableRandom(1));
            Expect.close("src after apply", before, src, 0);
            for (int i = 0; i < dst.length; i++) {
                boolean inside = i >= 7 && i < 27;
                Expect.that(inside != (dst[i] == 99f), "dst[" + i + "] with dstOff 7 and a 5x4 image: "
                        + (inside ? "not written" : "written outside the image"));
            }
        });
        checker.check("agrees with nn-core's FixedAffine shifting by the same whole pixels", () -> {
            int[][] shapes = {{SIDE, SIDE}, {5, 9}, {11, 3}};
            for (int[] shape : shapes) {
                for (long seed = 0; seed < 20; seed++) {
                    float[] img = image(shape[0], shape[1], seed);
                    float[] expected = shift(reference(), 3, img, shape[0], shape[1], seed);
                    Expect.close("a random " + shape[0] + "x" + shape[1] + " image (height x width) with s = 3 and new "
                            + "SplittableRandom(" + seed + ")", expected, shift(f, 3, img, shape[0], shape[1], seed), 1e-6);
                }
            }
        });
    }

    private static float[] shift(Factory f, int s, float[] img, int h, int w, long seed) {
        float[] src = img.clone();
        float[] out = new float[h * w];
        Arrays.fill(out, Float.NaN);
        f.create(s).apply(src, 0, out, 0, h, w, new SplittableRandom(seed));
        Expect.close("the input image after apply (it must not change)", img, src, 0);
        return out;
    }

    /** The index of the first pixel that is not 0, or -1. */
    private static int lit(float[] img) {
        for (int i = 0; i < img.length; i++) {
            if (img[i] != 0f) {
                return i;
            }
        }
        return -1;
    }

    private static float sum(float[] img) {
        double s = 0;
        for (float v : img) {
            s += v;
        }
        return (float) s;
    }

    /** Where a 28x28 image is lit, in words. */
    private static String where(float[] img) {
        StringBuilder s = new StringBuilder();
        int count = 0;
        for (int i = 0; i < img.length; i++) {
            if (img[i] != 0f) {
                if (count < 4) {
                    s.append(count == 0 ? "" : ", ").append("row ").append(i / SIDE).append(" column ").append(i % SIDE)
                            .append(" = ").append(Expect.num(img[i]));
                }
                count++;
            }
        }
        return count == 0 ? "nothing lit" : count > 4 ? count + " pixels lit: " + s + ", ..." : "lit at " + s;
    }

    private static float[] image(int h, int w, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        float[] img = new float[h * w];
        for (int i = 0; i < img.length; i++) {
            img[i] = 0.05f + rng.nextInt(250) / 255f;
        }
        return img;
    }
}
