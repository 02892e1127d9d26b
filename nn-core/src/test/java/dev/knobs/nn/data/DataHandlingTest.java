package dev.knobs.nn.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class DataHandlingTest {

    /** n images of 1x2 pixels, image i = [i, 2i], label i % 3. */
    private static Dataset tiny(int n) {
        float[] x = new float[n * 2];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            x[2 * i] = i;
            x[2 * i + 1] = 2 * i;
            y[i] = i % 3;
        }
        return new Dataset("tiny", x, y, n, 1, 2, 3);
    }

    @Test
    void unitRangeDividesByTheMaximum() {
        Dataset d = Scaling.toUnitRange(new Dataset("d", new float[] {0, 51, 255, 102}, new int[] {0, 1}, 2, 1, 2, 2));
        assertArrayEquals(new float[] {0f, 0.2f, 1f, 0.4f}, d.x(), 1e-7f);
        assertThrows(IllegalArgumentException.class, () -> Scaling.toUnitRange(d, 0f));
    }

    @Test
    void standardizerUsesTrainingStatisticsForEveryDataset() {
        Dataset train = new Dataset("train", new float[] {0, 2, 4, 6}, new int[] {0, 0}, 2, 1, 2, 1);
        Dataset test = new Dataset("test", new float[] {3, 3}, new int[] {0}, 1, 1, 2, 1);
        Standardizer global = Standardizer.global(train);         // μ = 3, σ = √5
        assertArrayEquals(new float[] {0f, 0f}, global.apply(test).x(), 1e-6f);
        assertEquals(-3 / Math.sqrt(5), global.apply(train).x()[0], 1e-6);

        Standardizer perPixel = Standardizer.perPixel(train, 0.5f); // μ = [2, 4], σ = [2, 2]
        assertArrayEquals(new float[] {0.5f, -0.5f}, perPixel.apply(test).x(), 1e-6f);

        Dataset constant = new Dataset("c", new float[] {0, 1, 0, 3}, new int[] {0, 0}, 2, 1, 2, 1);
        Standardizer floored = Standardizer.perPixel(constant, 0.25f);  // pixel 0 always 0: σ floored
        assertEquals(0.25f, floored.std()[0]);
        assertArrayEquals(new float[] {0f, -1f, 0f, 1f}, floored.apply(constant).x(), 1e-6f);
    }

    @Test
    void holdOutSplitsWithoutLosingOrRepeatingExamples() {
        Dataset d = tiny(100);
        Split s = Split.holdOut(d, 20, 7);
        assertEquals(80, s.train().size());
        assertEquals(20, s.validation().size());
        List<Float> seen = new ArrayList<>();
        for (Dataset part : List.of(s.train(), s.validation())) {
            for (int i = 0; i < part.size(); i++) {
                seen.add(part.x()[2 * i]);
                assertEquals((int) part.x()[2 * i] % 3, part.labels()[i]);   // labels travel with images
            }
        }
        seen.sort(null);
        for (int i = 0; i < 100; i++) {
            assertEquals(i, seen.get(i).intValue());
        }
        assertArrayEquals(s.validation().x(), Split.holdOut(d, 20, 7).validation().x());
        assertThrows(IllegalArgumentException.class, () -> Split.holdOut(d, 100, 7));
    }

    @Test
    void holdOutRowsNameTheExamplesHoldOutPutsInEachPart() {
        Dataset d = tiny(100);
        Split s = Split.holdOut(d, 20, 7);
        Split.Rows rows = Split.holdOutRows(100, 20, 7);
        assertArrayEquals(s.train().x(), d.select("t", rows.train()).x());
        assertArrayEquals(s.validation().x(), d.select("v", rows.validation()).x());
        for (int[] part : List.of(rows.train(), rows.validation())) {
            for (int i = 1; i < part.length; i++) {
                assertTrue(part[i - 1] < part[i], "rows in increasing order");
            }
        }
        assertThrows(IllegalArgumentException.class, () -> Split.holdOutRows(100, 0, 7));
    }

    @Test
    void everyEpochVisitsEveryExampleOnceInANewOrder() {
        Dataset d = tiny(10);
        MiniBatches batches = new MiniBatches(d, 4, 11);
        assertEquals(3, batches.count());
        List<int[]> orders = new ArrayList<>();
        for (int epoch = 0; epoch < 3; epoch++) {
            int[] order = new int[10];
            int k = 0;
            List<Integer> sizes = new ArrayList<>();
            for (MiniBatches.Batch b : batches.epoch(epoch)) {
                sizes.add(b.size());
                for (int i = 0; i < b.size(); i++) {
                    int row = (int) b.x()[2 * i];
                    assertEquals(2f * row, b.x()[2 * i + 1]);
                    assertEquals(row % 3, b.labels()[i]);
                    order[k++] = row;
                }
            }
            assertEquals(List.of(4, 4, 2), sizes);
            int[] sorted = order.clone();
            Arrays.sort(sorted);
            assertArrayEquals(new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, sorted);
            orders.add(order);
        }
        assertFalse(Arrays.equals(orders.get(0), orders.get(1)));
        int[] again = new int[10];
        int k = 0;
        for (MiniBatches.Batch b : new MiniBatches(d, 4, 11).epoch(1)) {
            for (int i = 0; i < b.size(); i++) {
                again[k++] = (int) b.x()[2 * i];
            }
        }
        assertArrayEquals(orders.get(1), again);
        assertThrows(IllegalArgumentException.class, () -> new MiniBatches(d, 0, 1));
    }

    @Test
    void datasetRejectsInconsistentShapes() {
        assertThrows(IllegalArgumentException.class, () -> new Dataset("d", new float[3], new int[] {0}, 1, 1, 2, 2));
        assertThrows(IllegalArgumentException.class, () -> new Dataset("d", new float[2], new int[] {5}, 1, 1, 2, 2));
    }

    @Test
    void firstKeepsTheLeadingRowsOrTheWholeDataset() {
        Dataset d = tiny(5);
        Dataset two = d.first("two", 2);
        assertEquals("two", two.name());
        assertEquals(2, two.size());
        assertArrayEquals(new float[] {0, 0, 1, 2}, two.x());
        assertArrayEquals(new int[] {0, 1}, two.labels());
        assertSame(d, d.first("all", 5));
        assertSame(d, d.first("more", 9));
    }
}
