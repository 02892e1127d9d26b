package dev.knobs.nn.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

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
}
