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
            float[] z = z0.clone();
            float[] relu = new float[n];
            float[] mask = new float[n];
            float[] y = new float[n];
            float[] maskAlone = new float[n];
            Compute.of(1, Compute.Kernel.SCALAR).run(() -> {
                Ops.addRowVector(rows, cols, b, z);
                Ops.relu(n, z, relu);
                Ops.dropout(rows, cols, 0.2f, 99L, 7L, relu, mask, y);
                Ops.dropoutMask(rows, cols, 0.2f, 99L, 7L, maskAlone);
            });
            assertArrayEquals(mask, maskAlone, rows + "x" + cols + ": the mask drawn alone");
            for (Compute.Kernel kernel : kernels()) {
                for (int threads = 1; threads <= 3; threads++) {
                    String where = rows + "x" + cols + " " + kernel.label() + " " + threads + " threads";
                    float[] fz = z0.clone();
                    float[] frelu = new float[n];
                    Compute.of(threads, kernel).run(() -> FusedOps.biasRelu(rows, cols, b, fz, frelu));
                    assertArrayEquals(z, fz, where + ", without dropout");
                    assertArrayEquals(relu, frelu, where + ", without dropout");
                    float[] dz = z0.clone();
                    float[] dy = new float[n];
                    Compute.of(threads, kernel).run(() -> FusedOps.biasReluDropout(rows, cols, b, dz, 0.2f, 99L, 7L, dy));
                    assertArrayEquals(z, dz, where + ", with dropout");
                    assertArrayEquals(y, dy, where + ", with dropout");
                }
            }
        }
    }

    @Test
    void dropoutReluBackwardEqualsMultiplyThenReluBackwardOfTheOutputThenColumnSums() {
        SplittableRandom rng = new SplittableRandom(4);
        for (int[] shape : SHAPES) {
            int rows = shape[0];
            int cols = shape[1];
            int n = rows * cols;
            float[] dy = awkward(n, rng);
            float[] relu = awkward(n, rng);
            for (int i = 0; i < n; i++) {
                relu[i] = Math.max(0f, relu[i]);
            }
            for (boolean dropout : new boolean[] {false, true}) {
                float[] mask = new float[n];
                float[] out = dropout ? new float[n] : relu;
                float[] d = dropout ? new float[n] : dy;
                float[] dz = new float[n];
                float[] db = new float[cols];
                Compute.of(1, Compute.Kernel.SCALAR).run(() -> {
                    if (dropout) {
                        Ops.dropout(rows, cols, 0.2f, 5L, 2L, relu, mask, out);
                        Ops.multiply(n, dy, mask, d);
                    }
                    Ops.reluBackward(n, out, d, dz);
                    Ops.columnSums(rows, cols, dz, db);
                });
                float scale = dropout ? 1f / (1f - 0.2f) : 1f;
                for (Compute.Kernel kernel : kernels()) {
                    for (int threads = 1; threads <= 3; threads++) {
                        String where = rows + "x" + cols + " " + kernel.label() + " " + threads + " threads, dropout " + dropout;
                        float[] fdz = new float[n];
                        float[] fdb = new float[cols];
                        Compute.of(threads, kernel).run(() ->
                                FusedOps.dropoutReluBackward(rows, cols, dy, scale, out, fdz, fdb));
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
