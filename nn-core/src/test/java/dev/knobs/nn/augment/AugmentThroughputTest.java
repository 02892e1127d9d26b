package dev.knobs.nn.augment;

import dev.knobs.nn.kernel.Parallel;
import org.junit.jupiter.api.Test;

/**
 * Prints how many 28x28 images per second the augmenter handles on a 128-image batch, on 1 and 2
 * threads. It asserts nothing: timings depend on the machine and its load.
 */
class AugmentThroughputTest {

    @Test
    void printImagesPerSecond() {
        int batch = 128;
        float[] x = TestImages.batchOfRings(batch, 28, 28);
        float[] out = new float[x.length];
        int saved = Parallel.threads();
        try {
            for (ImageTransform t : new ImageTransform[] {RandomAffine.kerasMnist(), ElasticDistortion.simard2003()}) {
                Augmenter aug = new Augmenter(t, 1);
                for (int threads : new int[] {1, 2}) {
                    Parallel.setThreads(threads);
                    for (int warm = 0; warm < 60; warm++) {
                        aug.augment(x, batch, 28, 28, 0, warm, out);
                    }
                    int batches = 120;
                    long start = System.nanoTime();
                    for (int b = 0; b < batches; b++) {
                        aug.augment(x, batch, 28, 28, 1, b, out);
                    }
                    double seconds = (System.nanoTime() - start) / 1e9;
                    System.out.printf("augment %-45s threads=%d: %,9.0f images/s%n", t, threads, batches * batch / seconds);
                }
            }
        } finally {
            Parallel.setThreads(saved);
        }
    }
}
