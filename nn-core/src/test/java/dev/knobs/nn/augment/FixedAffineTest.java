package dev.knobs.nn.augment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class FixedAffineTest {

    private static float[] apply(AffineMatrix m, float fill, float[] img, int h, int w) {
        float[] out = new float[h * w];
        new FixedAffine(m, fill).apply(img, 0, out, 0, h, w, null);
        return out;
    }

    @Test
    void identityLeavesTheImageUnchanged() {
        float[] img = TestImages.random(5 * 7, -3f, 3f, 1);
        assertArrayEquals(img, apply(AffineMatrix.IDENTITY, 0f, img, 5, 7), 0f);
    }

    @Test
    void shiftByOnePixelRightMovesEveryColumnAndFillsTheFirst() {
        int h = 5, w = 6;
        float[] img = TestImages.random(h * w, 0.1f, 1f, 2);
        float fill = -7f;
        float[] out = apply(AffineMatrix.translation(1, 0), fill, img, h, w);
        for (int r = 0; r < h; r++) {
            assertEquals(fill, out[r * w], 0f, "vacated column 0 is fill");
            for (int c = 1; c < w; c++) {
                assertEquals(img[r * w + c - 1], out[r * w + c], 0f, "pixel (" + r + "," + c + ")");
            }
        }
    }

    @Test
    void shiftByOnePixelUpMovesEveryRowAndFillsTheLast() {
        int h = 4, w = 3;
        float[] img = TestImages.random(h * w, 0.1f, 1f, 3);
        float[] out = apply(AffineMatrix.translation(0, -1), 0f, img, h, w);
        for (int c = 0; c < w; c++) {
            for (int r = 0; r < h - 1; r++) {
                assertEquals(img[(r + 1) * w + c], out[r * w + c], 0f);
            }
            assertEquals(0f, out[(h - 1) * w + c], 0f);
        }
    }

    @Test
    void rotationBy90EqualsTheHandRotatedImage() {
        // out[r][c] = in[c][n-1-r] (counter-clockwise, like numpy.rot90)
        float[] img = {
                1, 2, 3, 4,
                5, 6, 7, 8,
                9, 10, 11, 12,
                13, 14, 15, 16};
        float[] expected = {
                4, 8, 12, 16,
                3, 7, 11, 15,
                2, 6, 10, 14,
                1, 5, 9, 13};
        float[] out = apply(AffineMatrix.rotation(90, 1.5, 1.5), 0f, img, 4, 4);
        assertArrayEquals(expected, out, 1e-6f);
    }

    @Test
    void rotationBy90On28x28EqualsHandRotationAndFourTurnsGiveTheOriginal() {
        int n = 28;
        float[] img = TestImages.random(n * n, 0f, 1f, 4);
        AffineMatrix quarter = AffineMatrix.rotation(90, AffineMatrix.centre(n), AffineMatrix.centre(n));
        float[] out = apply(quarter, 0f, img, n, n);
        for (int r = 0; r < n; r++) {
            for (int c = 0; c < n; c++) {
                assertEquals(img[c * n + (n - 1 - r)], out[r * n + c], 1e-6f);
            }
        }
        float[] back = img;
        for (int k = 0; k < 4; k++) {
            back = apply(quarter, 0f, back, n, n);
        }
        assertArrayEquals(img, back, 1e-5f);
    }

    @Test
    void zoomBy2OfACentredBlockDoublesItsSize() {
        // 7x7, centre pixel (3, 3); a 3x3 block of ones on rows/columns 2..4.
        // Output u reads input 3 + (u - 3)/2, so along one axis the profile is
        //   u:       0    1  2  3  4  5  6
        //   input: 1.5    2 2.5 3 3.5 4 4.5
        //   value: 0.5    1  1  1  1  1 0.5     (1.5 and 4.5 sit halfway between 0 and 1)
        // and the 2-D result is profile(r) * profile(c).
        int n = 7;
        float[] img = new float[n * n];
        for (int r = 2; r <= 4; r++) {
            for (int c = 2; c <= 4; c++) {
                img[r * n + c] = 1f;
            }
        }
        float[] profile = {0.5f, 1, 1, 1, 1, 1, 0.5f};
        float[] out = apply(AffineMatrix.scaling(2, 3, 3), 0f, img, n, n);
        for (int r = 0; r < n; r++) {
            for (int c = 0; c < n; c++) {
                assertEquals(profile[r] * profile[c], out[r * n + c], 1e-6f, "pixel (" + r + "," + c + ")");
            }
        }
    }

    @Test
    void shear45SlidesEachRowByItsDistanceFromTheCentreRow() {
        // tan 45° = 1: output (row r, column c) reads input (row r, column c - (r - 2)) on a 5x5 image
        int n = 5;
        float[] img = TestImages.random(n * n, 1f, 2f, 5);
        float[] out = apply(AffineMatrix.shear(45, 2, 2), 0f, img, n, n);
        assertEquals(img[4 * n + 1], out[4 * n + 3], 1e-6f, "row 4 moved right by 2");
        assertEquals(img[0 * n + 3], out[0 * n + 1], 1e-6f, "row 0 moved left by 2");
        for (int c = 0; c < n; c++) {
            assertEquals(img[2 * n + c], out[2 * n + c], 1e-6f, "centre row unchanged");
        }
        assertEquals(0f, out[4 * n], 1e-6f, "row 4, column 0 comes from outside");
    }

    @Test
    void halfPixelShiftAveragesNeighbours() {
        float[] img = {0, 2, 4, 8};
        float[] out = apply(AffineMatrix.translation(0.5, 0), 0f, img, 1, 4);
        assertArrayEquals(new float[] {0, 1, 3, 6}, out, 1e-6f);
    }

    @Test
    void offsetsReadAndWriteTheRightRegion() {
        float[] src = {9, 9, 1, 2, 3, 4, 9};
        float[] dst = {-1, -1, -1, -1, -1, -1};
        new FixedAffine(AffineMatrix.translation(1, 0), 0f).apply(src, 2, dst, 1, 2, 2, null);
        assertArrayEquals(new float[] {-1, 0, 1, 0, 3, -1}, dst, 0f);
    }
}
