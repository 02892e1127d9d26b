package dev.knobs.nn.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Each fused kernel against the plain sequence of {@link Ops} kernels its Javadoc names, bit for
 * bit: both kernels, 1 to 3 threads, shapes around the vector width, and the awkward values
 * (signed zeros, NaN, infinities).
 */
class FusedOpsTest {
    private static final int[][] SHAPES = {{1, 1}, {3, 7}, {2, 16}, {5, 17}, {4, 33}, {128, 256}, {130, 1000}};

    private static float[] awkward(int n, SplittableRandom rng) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            int kind = rng.nextInt(12);
            x[i] = switch (kind) {
                case 0 -> 0f;
                case 1 -> -0f;
                case 2 -> Float.NaN;
                case 3 -> Float.POSITIVE_INFINITY;
                case 4 -> Float.NEGATIVE_INFINITY;
                default -> (float) rng.nextGaussian();
            };
        }
        return x;
    }

    @Test
    void biasReluDropoutEqualsAddRowVectorThenReluThenDropout() {
        SplittableRandom rng = new SplittableRandom(3);
        for (int[] shape : SHAPES) {
            int rows = shape[0];
            int cols = shape[1];
            int n = rows * cols;
            float[] z0 = awkward(n, rng);
            float[] b = awkward(cols, rng);
            for (boolean dropout : new boolean[] {false, true}) {
                float[] z = z0.clone();
                float[] relu = new float[n];
                float[] mask = new float[n];
                float[] y = new float[n];
                Compute.of(1, Compute.Kernel.SCALAR).run(() -> {
                    Ops.addRowVector(rows, cols, b, z);
                    Ops.relu(n, z, relu);
                    if (dropout) {
                        Ops.dropout(rows, cols, 0.2f, 99L, 7L, relu, mask, y);
                    }
                });
                for (Compute.Kernel kernel : kernels()) {
                    for (int threads = 1; threads <= 3; threads++) {
                        String where = rows + "x" + cols + " " + kernel.label() + " " + threads + " threads, dropout " + dropout;
                        float[] fz = z0.clone();
                        float[] frelu = new float[n];
                        float[] fmask = dropout ? new float[n] : null;
                        float[] fy = dropout ? new float[n] : null;
                        Compute.of(threads, kernel).run(() ->
                                FusedOps.biasReluDropout(rows, cols, b, fz, frelu, 0.2f, 99L, 7L, fmask, fy));
                        assertArrayEquals(z, fz, where);
                        assertArrayEquals(relu, frelu, where);
                        if (dropout) {
                            assertArrayEquals(mask, fmask, where);
                            assertArrayEquals(y, fy, where);
                        }
                    }
                }
            }
        }
    }

    @Test
    void dropoutReluBackwardEqualsMultiplyThenReluBackwardThenColumnSums() {
        SplittableRandom rng = new SplittableRandom(4);
        for (int[] shape : SHAPES) {
            int rows = shape[0];
            int cols = shape[1];
            int n = rows * cols;
            float[] dy = awkward(n, rng);
            float[] relu = awkward(n, rng);
            float[] mask = new float[n];
            for (int i = 0; i < n; i++) {
                mask[i] = rng.nextInt(5) == 0 ? 0f : 1.25f;
            }
            for (boolean dropout : new boolean[] {false, true}) {
                float[] d = dropout ? new float[n] : dy;
                float[] dz = new float[n];
                float[] db = new float[cols];
                Compute.of(1, Compute.Kernel.SCALAR).run(() -> {
                    if (dropout) {
                        Ops.multiply(n, dy, mask, d);
                    }
                    Ops.reluBackward(n, relu, d, dz);
                    Ops.columnSums(rows, cols, dz, db);
                });
                for (Compute.Kernel kernel : kernels()) {
                    for (int threads = 1; threads <= 3; threads++) {
                        String where = rows + "x" + cols + " " + kernel.label() + " " + threads + " threads, dropout " + dropout;
                        float[] fdz = new float[n];
                        float[] fdb = new float[cols];
                        Compute.of(threads, kernel).run(() ->
                                FusedOps.dropoutReluBackward(rows, cols, dy, dropout ? mask : null, relu, fdz, fdb));
                        assertArrayEquals(dz, fdz, where);
                        assertArrayEquals(db, fdb, where);
                    }
                }
            }
        }
    }

    private static Compute.Kernel[] kernels() {
        return Compute.vectorAvailable() ? Compute.Kernel.values() : new Compute.Kernel[] {Compute.Kernel.SCALAR};
    }
}
