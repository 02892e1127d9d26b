package dev.knobs.nn.loss;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SoftmaxCrossEntropyTest {

    @Test
    void equalLogitsGiveLnOfTheClassCount() {
        float loss = new SoftmaxCrossEntropy().forward(new float[10], new int[] {3}, 1, 10);
        assertEquals(Math.log(10), loss, 1e-6);
    }

    @Test
    void hugeLogitsStayFiniteAndExact() {
        // z = [1000, -1000]: p = [1, e^-2000]; a naive softmax overflows, a naive log(p) gives log(0)
        SoftmaxCrossEntropy ce = new SoftmaxCrossEntropy();
        assertEquals(2000.0, ce.forward(new float[] {1000f, -1000f}, new int[] {1}, 1, 2), 1e-3);
        assertArrayEquals(new float[] {1f, 0f}, ce.probabilities());
        assertArrayEquals(new float[] {1f, -1f}, ce.backward());        // (p - onehot) / 1
    }

    @Test
    void gradientIsProbabilitiesMinusOneHotOverBatch() {
        SoftmaxCrossEntropy ce = new SoftmaxCrossEntropy();
        float ln2 = (float) Math.log(2);
        // row 1: z = [ln 2, 0] → p = [2/3, 1/3], label 0;  row 2: z = [0, 0] → p = [1/2, 1/2], label 1
        ce.forward(new float[] {ln2, 0f, 0f, 0f}, new int[] {0, 1}, 2, 2);
        assertArrayEquals(new float[] {(2f / 3 - 1) / 2, (1f / 3) / 2, 0.25f, -0.25f}, ce.backward(), 1e-6f);
    }
}
