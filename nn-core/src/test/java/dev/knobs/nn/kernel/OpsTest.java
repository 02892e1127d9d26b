package dev.knobs.nn.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.knobs.nn.random.Seeds;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** Elementwise kernels against their definitions, on values worked out by hand or by java.lang.Math. */
class OpsTest {

    @Test
    void tanhMatchesMathTanhEverywhereIncludingTheTails() {
        float[] x = {-1000f, -20f, -3f, -0.5f, -1e-8f, 0f, 1e-8f, 0.5f, 3f, 20f, 1000f};
        float[] y = new float[x.length];
        Ops.tanh(x.length, x, y);
        for (int i = 0; i < x.length; i++) {
            assertEquals((float) Math.tanh(x[i]), y[i], 1e-7f, "tanh(" + x[i] + ")");
        }
    }

    @Test
    void sigmoidReluAndLeakyRelu() {
        float[] x = {-2f, 0f, 3f};
        float[] y = new float[3];
        Ops.sigmoid(3, x, y);
        assertArrayEquals(new float[] {(float) (1 / (1 + Math.exp(2))), 0.5f, (float) (1 / (1 + Math.exp(-3)))}, y, 1e-7f);
        Ops.relu(3, x, y);
        assertArrayEquals(new float[] {0f, 0f, 3f}, y);
        Ops.leakyRelu(3, 0.1f, x, y);
        assertArrayEquals(new float[] {-0.2f, 0f, 3f}, y, 1e-7f);
    }

    @Test
    void biasBroadcastAndColumnSumsOnATwoByThreeMatrix() {
        float[] z = {1, 2, 3, 4, 5, 6};
        Ops.addRowVector(2, 3, new float[] {10, 20, 30}, z);
        assertArrayEquals(new float[] {11, 22, 33, 14, 25, 36}, z);
        float[] sums = new float[3];
        Ops.columnSums(2, 3, z, sums);
        assertArrayEquals(new float[] {25, 47, 69}, sums);
    }

    @Test
    void softmaxRowsSumToOneAndReportLogSumExp() {
        float[] z = {0f, (float) Math.log(3), 5f, 5f};
        float[] p = new float[4];
        double[] lse = new double[2];
        Ops.softmaxRows(2, 2, z, p, lse);
        assertArrayEquals(new float[] {0.25f, 0.75f, 0.5f, 0.5f}, p, 1e-6f);
        assertEquals(Math.log(4), lse[0], 1e-6);
        assertEquals(5 + Math.log(2), lse[1], 1e-6);
    }

    /** Sizes around the vector widths (8 and 16 lanes), so both the vector loop and its tail run. */
    private static final int[] ODD_SIZES = {1, 7, 8, 15, 16, 17, 31, 33, 100, 257};

    private static float[] randomWithZeros(int n, SplittableRandom rng) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            int kind = rng.nextInt(6);
            x[i] = kind == 0 ? 0f : kind == 1 ? -0f : (float) rng.nextGaussian();
        }
        return x;
    }

    @Test
    void reluBackwardPassesTheGradientExactlyWhereTheOutputIsPositive() {
        SplittableRandom rng = new SplittableRandom(11);
        for (int n : ODD_SIZES) {
            float[] y = randomWithZeros(n, rng);
            y[n / 2] = Float.NaN;                                  // NaN > 0 is false: no gradient
            float[] dy = randomWithZeros(n, rng);
            float[] expected = new float[n];
            for (int i = 0; i < n; i++) {
                expected[i] = y[i] > 0f ? dy[i] : 0f;
            }
            float[] dx = new float[n];
            Ops.reluBackward(n, y, dy, dx);
            assertArrayEquals(expected, dx, "n=" + n);
            float[] scalar = new float[n];
            Ops.reluBackwardScalar(0, n, y, dy, scalar);
            assertArrayEquals(expected, scalar, "scalar, n=" + n);
            if (Compute.vectorAvailable()) {
                float[] vector = new float[n];
                VectorOps.reluBackward(0, n, y, dy, vector);
                assertArrayEquals(expected, vector, "vector, n=" + n);
            }
        }
    }

    @Test
    void reluBackwardGivesTheSameBitsForAnyThreadCount() {
        SplittableRandom rng = new SplittableRandom(14);
        int n = 100_003;                                           // above the size that is split over threads
        float[] y = randomWithZeros(n, rng);
        float[] dy = randomWithZeros(n, rng);
        float[] expected = new float[n];
        Ops.reluBackwardScalar(0, n, y, dy, expected);
        for (Compute.Kernel kernel : Compute.Kernel.values()) {
            for (int threads : new int[] {1, 2, 3}) {
                float[] dx = new float[n];
                Compute.of(threads, kernel).run(() -> Ops.reluBackward(n, y, dy, dx));
                assertArrayEquals(expected, dx, kernel.label() + ", " + threads + " threads");
            }
        }
    }

    @Test
    void uniform24IsTheNextFloatOfASplittableRandomTimesTwoToThe24() {
        for (long seed : new long[] {0L, 1L, -7L, 0x123456789abcdefL}) {
            SplittableRandom rng = new SplittableRandom(seed);
            for (int j = 0; j < 1000; j++) {
                assertEquals(rng.nextFloat(), Ops.uniform24(seed, j) * 0x1.0p-24f, "seed " + seed + ", j " + j);
            }
        }
    }

    /** The definition: one SplittableRandom per row, seeded from (seed, step, row); keep when nextFloat() < 1 - rate. */
    private static void dropoutReference(int rows, int cols, float rate, long seed, long step, float[] x, float[] mask,
                                         float[] y) {
        float keep = 1f - rate;
        for (int r = 0; r < rows; r++) {
            SplittableRandom rng = new SplittableRandom(Seeds.mix(seed, step, r));
            for (int j = 0; j < cols; j++) {
                mask[r * cols + j] = rng.nextFloat() < keep ? 1f / keep : 0f;
                y[r * cols + j] = x[r * cols + j] * mask[r * cols + j];
            }
        }
    }

    @Test
    void dropoutMatchesOneSplittableRandomPerRowForAnyWidthAndThreadCount() {
        SplittableRandom rng = new SplittableRandom(12);
        for (float rate : new float[] {0.2f, 0.5f, 0.9f}) {
            for (int cols : ODD_SIZES) {
                int rows = 1 + rng.nextInt(300);
                float[] x = randomWithZeros(rows * cols, rng);
                float[] mask = new float[x.length];
                float[] y = new float[x.length];
                dropoutReference(rows, cols, rate, 5L, 3L, x, mask, y);
                for (Compute.Kernel kernel : Compute.Kernel.values()) {
                    for (int threads : new int[] {1, 2, 3}) {
                        float[] m = new float[x.length];
                        float[] out = new float[x.length];
                        float r = rate;
                        int c = cols;
                        Compute.of(threads, kernel).run(() -> Ops.dropout(rows, c, r, 5L, 3L, x, m, out));
                        String where = kernel.label() + ", rate " + rate + ", " + rows + " x " + cols + ", "
                                + threads + " threads";
                        assertArrayEquals(mask, m, where);
                        assertArrayEquals(y, out, where);
                    }
                }
            }
        }
    }

    @Test
    void vectorAndScalarDropoutRowsAgreeBitForBit() {
        Assumptions.assumeTrue(Compute.vectorAvailable(), "needs --add-modules=jdk.incubator.vector");
        SplittableRandom rng = new SplittableRandom(13);
        long threshold = (long) Math.ceil(0.7f * 16_777_216.0);
        for (int cols : ODD_SIZES) {
            float[] x = randomWithZeros(cols + 5, rng);
            float[] m1 = new float[x.length];
            float[] y1 = new float[x.length];
            float[] m2 = new float[x.length];
            float[] y2 = new float[x.length];
            long rowSeed = rng.nextLong();
            Ops.dropoutRowScalar(rowSeed, 5, 0, cols, threshold, 1f / 0.7f, x, m1, y1);
            VectorOps.dropoutRow(rowSeed, 5, cols, threshold, 1f / 0.7f, x, m2, y2);
            assertArrayEquals(m1, m2, "cols " + cols);
            assertArrayEquals(y1, y2, "cols " + cols);
        }
    }
}
