package dev.knobs.nn.augment;

import java.util.SplittableRandom;

/** Small images for the augmentation tests. */
final class TestImages {
    private TestImages() {}

    /** A digit-like ring ("0") of stroke width about 3 with soft edges, values in [0, 1], background 0. */
    static float[] ring(int height, int width) {
        float[] img = new float[height * width];
        double cy = (height - 1) / 2.0;
        double cx = (width - 1) / 2.0;
        double radius = Math.min(height, width) / 4.0;
        for (int r = 0; r < height; r++) {
            for (int c = 0; c < width; c++) {
                double d = Math.hypot(r - cy, (c - cx) * 1.3);
                img[r * width + c] = (float) Math.max(0, Math.min(1, 2.0 - Math.abs(d - radius)));
            }
        }
        return img;
    }

    /** Distinct random values in [lo, hi), so that any misplaced pixel shows. */
    static float[] random(int n, float lo, float hi, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        float[] img = new float[n];
        for (int i = 0; i < n; i++) {
            img[i] = (float) (lo + (hi - lo) * rnd.nextDouble());
        }
        return img;
    }

    /** {@code batch} ring images, each slightly different, row after row. */
    static float[] batchOfRings(int batch, int height, int width) {
        float[] ring = ring(height, width);
        float[] x = new float[batch * height * width];
        for (int i = 0; i < batch; i++) {
            for (int p = 0; p < ring.length; p++) {
                x[i * ring.length + p] = ring[p] * (0.5f + 0.5f * ((i + p) % 7) / 6f);
            }
        }
        return x;
    }

    static float sum(float[] a, int from, int to) {
        double s = 0;
        for (int i = from; i < to; i++) {
            s += a[i];
        }
        return (float) s;
    }
}
