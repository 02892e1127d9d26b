package dev.knobs.nn.layer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.knobs.nn.init.HeNormal;
import dev.knobs.nn.init.Zeros;
import dev.knobs.nn.kernel.Compute;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LayerTest {

    @Test
    void denseForwardByHand() {
        Dense d = Dense.empty(3, 2);
        // W = [[1, 2, 3], [-1, 0, 1]], b = [0.5, -0.5]
        System.arraycopy(new float[] {1, 2, 3, -1, 0, 1}, 0, d.weights().value(), 0, 6);
        System.arraycopy(new float[] {0.5f, -0.5f}, 0, d.bias().value(), 0, 2);
        float[] z = d.forward(new float[] {1, 1, 1, 2, 0, -1}, 2, false);
        // row 1: [1+2+3+0.5, -1+0+1-0.5] ; row 2: [2+0-3+0.5, -2+0-1-0.5]
        assertArrayEquals(new float[] {6.5f, -0.5f, -0.5f, -3.5f}, z);
    }

    @Test
    void dropoutIsIdentityAtEvaluationAndRejectsNonsenseRates() {
        Dropout d = new Dropout(0.5f, new SplittableRandom(1));
        float[] x = {1, 2, 3, 4};
        assertSame(x, d.forward(x, 2, false));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Dropout(1f, new SplittableRandom(1)));
        assertTrue(e.getMessage().contains("[0, 1)"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Dropout(-0.1f, new SplittableRandom(1)));
        assertThrows(IllegalArgumentException.class, () -> new Dropout(Float.NaN, new SplittableRandom(1)));
    }

    @Test
    void invertedDropoutKeepsTheMeanAndDrawsANewMaskEachBatch() {
        int n = 200_000;
        float[] ones = new float[n];
        Arrays.fill(ones, 1f);
        Dropout d = new Dropout(0.4f, new SplittableRandom(2));
        float[] first = d.forward(ones, 1000, true).clone();
        float[] second = d.forward(ones, 1000, true);
        double mean = 0;
        for (float v : first) {
            mean += v;
        }
        mean /= n;
        assertEquals(1.0, mean, 0.01);            // E[m] = (1-p) · 1/(1-p) = 1
        assertFalse(Arrays.equals(first, second));
    }

    @Test
    void dropoutMasksDoNotDependOnTheThreadCount() {
        float[] x = new float[128 * 300];
        Arrays.fill(x, 1f);
        float[] one = Compute.of(1).call(() -> new Dropout(0.5f, new SplittableRandom(3)).forward(x, 128, true).clone());
        float[] three = Compute.of(3).call(() -> new Dropout(0.5f, new SplittableRandom(3)).forward(x, 128, true).clone());
        assertArrayEquals(one, three);
    }

    @Test
    void sequentialRejectsEmptyAndMismatchedNetworks() {
        IllegalArgumentException empty = assertThrows(IllegalArgumentException.class, () -> new Sequential(784, List.of()));
        assertTrue(empty.getMessage().contains("empty layer list"), empty.getMessage());
        SplittableRandom rng = new SplittableRandom(4);
        IllegalArgumentException mismatch = assertThrows(IllegalArgumentException.class,
                () -> Sequential.of(784, new Dense(784, 100, new HeNormal(), rng), new ReLU(), new Dense(128, 10, new HeNormal(), rng)));
        assertTrue(mismatch.getMessage().contains("layer 3") && mismatch.getMessage().contains("expects 128"), mismatch.getMessage());
    }

    @Test
    void mlpExpandsToTheDocumentedLayers() {
        Mlp spec = new Mlp(new int[] {784, 256, 128, 10}, "relu", 0.2f, new float[] {0.5f, 0f}, new HeNormal());
        Sequential net = spec.build(new SplittableRandom(5));
        assertEquals("[Dropout(0.2), Dense(784 -> 256), ReLU, Dropout(0.5), Dense(256 -> 128), ReLU, Dense(128 -> 10)]",
                net.layers().toString());
        assertEquals("784-256-128-10", net.architecture());
        assertEquals(784L * 256 + 256 + 256 * 128 + 128 + 128 * 10 + 10, net.parameterCount());
    }

    @Test
    void mlpRejectsNonsense() {
        assertThrows(IllegalArgumentException.class, () -> new Mlp(new int[] {784}, "relu", 0f, new float[] {0f}, new Zeros()));
        assertThrows(IllegalArgumentException.class, () -> new Mlp(new int[] {784, 0, 10}, "relu", 0f, new float[] {0f}, new Zeros()));
        assertThrows(IllegalArgumentException.class, () -> new Mlp(new int[] {784, 10}, "swish", 0f, new float[] {0f}, new Zeros()));
        assertThrows(IllegalArgumentException.class, () -> new Mlp(new int[] {784, 64, 10}, "relu", 1f, new float[] {0f}, new Zeros()));
        assertThrows(IllegalArgumentException.class, () -> new Mlp(new int[] {784, 64, 32, 10}, "relu", 0f, new float[] {0f, 0f, 0f}, new Zeros()));
    }

    @Test
    void sameSeedGivesBitIdenticalNetworks() {
        Mlp spec = new Mlp(new int[] {20, 16, 3}, "relu", 0f, new float[] {0.2f}, new HeNormal());
        Sequential a = spec.build(new SplittableRandom(6));
        Sequential b = spec.build(new SplittableRandom(6));
        Sequential c = spec.build(new SplittableRandom(7));
        assertArrayEquals(a.parameters().get(0).value(), b.parameters().get(0).value());
        assertFalse(Arrays.equals(a.parameters().get(0).value(), c.parameters().get(0).value()));
    }

    @Test
    void copyIsDeep() {
        Sequential a = Mlp.relu(new HeNormal(), 4, 3, 2).build(new SplittableRandom(8));
        Sequential b = a.copy();
        assertArrayEquals(a.parameters().get(0).value(), b.parameters().get(0).value());
        b.parameters().get(0).value()[0] += 1f;
        assertFalse(a.parameters().get(0).value()[0] == b.parameters().get(0).value()[0]);
    }

    @Test
    void architectureStringsRoundTrip() {
        int[] widths = {784, 1024, 1024, 10};
        assertEquals("784-1024-1024-10", Mlp.architecture(widths));
        assertArrayEquals(widths, Mlp.parseWidths(Mlp.architecture(widths)));
        assertArrayEquals(new int[] {784, 64, 10}, Mlp.parseWidths(" 784 - 64 - 10 "));
        assertEquals(Mlp.architecture(widths), Mlp.relu(new HeNormal(), widths).build(new SplittableRandom(1)).architecture());
        assertThrows(IllegalArgumentException.class, () -> Mlp.parseWidths("784-many-10"));
    }
}
