package dev.knobs.nn.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.knobs.nn.layer.Parameter;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Two or three steps of each optimiser computed by hand, with w = [1, -2], a constant gradient
 * g = [0.5, -1] and η = 0.1.
 */
class OptimizerTest {
    private static final float LR = 0.1f;

    private static Parameter param() {
        return new Parameter("W", 1, 2, new float[] {1f, -2f}, new float[] {0.5f, -1f}, true);
    }

    private static void step(Optimizer opt, Parameter p, float[]... expected) {
        for (float[] e : expected) {
            opt.step(List.of(p), LR);
            assertArrayEquals(e, p.value(), 1e-5f, opt.name());
        }
    }

    @Test
    void sgd() {
        // w ← w - η·g
        step(new Sgd(), param(), new float[] {0.95f, -1.9f}, new float[] {0.9f, -1.8f});
    }

    @Test
    void momentum() {
        // v = 0.5 → w = 0.95;  v = 0.9·0.5 + 0.5 = 0.95 → w = 0.855;  v = 1.355 → w = 0.7195
        step(new Momentum(0.9f), param(), new float[] {0.95f, -1.9f}, new float[] {0.855f, -1.71f},
                new float[] {0.7195f, -1.439f});
    }

    @Test
    void nesterov() {
        // v = 0.5, w = 1 - 0.1·(0.5 + 0.45) = 0.905;  v = 0.95, w = 0.905 - 0.1·(0.5 + 0.855) = 0.7695
        step(new Nesterov(0.9f), param(), new float[] {0.905f, -1.81f}, new float[] {0.7695f, -1.539f});
    }

    @Test
    void rmsProp() {
        // s = 0.1·0.25 = 0.025, w = 1 - 0.1·0.5/√0.025 = 0.683772
        // s = 0.9·0.025 + 0.025 = 0.0475, w = 0.683772 - 0.1·0.5/√0.0475 = 0.454356
        // second element: g² = 1, s = 0.1 then 0.19: w = -2 + 0.1/√0.1 = -1.683772, then + 0.1/√0.19 = -1.454356
        step(new RmsProp(0.9f, 1e-8f), param(), new float[] {0.683772f, -1.683772f}, new float[] {0.454356f, -1.454356f});
    }

    @Test
    void adamStepsByExactlyTheLearningRateForAConstantGradient() {
        // t=1: m = 0.05, v = 0.00025, m̂ = 0.5, v̂ = 0.25 → w = 1 - 0.1·0.5/0.5 = 0.9
        // t=2: m = 0.095, v = 0.00049975, m̂ = 0.095/0.19 = 0.5, v̂ = 0.00049975/0.001999 = 0.25 → w = 0.8
        step(new Adam(), param(), new float[] {0.9f, -1.9f}, new float[] {0.8f, -1.8f}, new float[] {0.7f, -1.7f});
    }

    @Test
    void weightDecayAddsLambdaTimesWeightsToWeightGradientsOnly() {
        Parameter w = param();
        Parameter b = new Parameter("b", 1, 2, new float[] {1f, -2f}, new float[] {0.5f, -1f}, false);
        new WeightDecay(0.1f).apply(List.of(w, b));
        assertArrayEquals(new float[] {0.6f, -1.2f}, w.grad(), 1e-6f);
        assertArrayEquals(new float[] {0.5f, -1f}, b.grad(), 1e-6f);
    }

    @Test
    void maxNormRescalesOnlyRowsThatAreTooLong() {
        Parameter w = new Parameter("W", 2, 2, new float[] {3f, 4f, 0.3f, 0.4f}, new float[4], true);
        new MaxNorm(1f).apply(List.of(w));
        assertArrayEquals(new float[] {0.6f, 0.8f, 0.3f, 0.4f}, w.value(), 1e-6f);
    }

    @Test
    void copyStartsWithFreshState() {
        Momentum m = new Momentum(0.9f);
        m.step(List.of(param()), LR);
        step(m.copy(), param(), new float[] {0.95f, -1.9f});   // no velocity carried over
    }

    @Test
    void nonsenseHyperparametersAreRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Sgd().step(List.of(param()), -0.1f));
        assertTrue(e.getMessage().contains("learning rate"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Sgd().step(List.of(param()), Float.NaN));
        assertThrows(IllegalArgumentException.class, () -> new Momentum(1f));
        assertThrows(IllegalArgumentException.class, () -> new Adam(0.9f, 1.5f, 1e-8f));
        assertThrows(IllegalArgumentException.class, () -> new RmsProp(0.9f, 0f));
        assertThrows(IllegalArgumentException.class, () -> new WeightDecay(-1e-4f));
        assertThrows(IllegalArgumentException.class, () -> new MaxNorm(0f));
    }
}
