package dev.knobs.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.knobs.nn.data.TrainTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MnistFilesTest {

    @TempDir
    Path dir;

    @Test
    void readsAnyMixOfRawGzipAndDottedNames() throws IOException {
        Files.write(dir.resolve("train-images-idx3-ubyte.gz"), IdxBytes.gzip(IdxBytes.images(3, 2, 2, IdxBytes.PIXELS)));
        Files.write(dir.resolve("train-labels.idx1-ubyte"), IdxBytes.labels(3, IdxBytes.LABELS));
        Files.write(dir.resolve("t10k-images.idx3-ubyte.gz"), IdxBytes.gzip(IdxBytes.images(1, 2, 2, 9, 8, 7, 6)));
        Files.write(dir.resolve("t10k-labels-idx1-ubyte"), IdxBytes.labels(1, 3));

        TrainTest tt = MnistFiles.in(dir).read("toy", 10);

        assertEquals("toy-train", tt.train().name());
        assertEquals("toy-test", tt.test().name());
        assertEquals(3, tt.train().size());
        assertEquals(1, tt.test().size());
        assertEquals(9f, tt.test().x()[0]);
        assertEquals(3, tt.test().labels()[0]);
    }

    @Test
    void rawNameIsPreferredOverGzip() throws IOException {
        Files.write(dir.resolve("train-images-idx3-ubyte"), new byte[1]);
        Files.write(dir.resolve("train-images-idx3-ubyte.gz"), new byte[1]);
        for (String name : MnistFiles.NAMES.subList(1, 4)) {
            Files.write(dir.resolve(name), new byte[1]);
        }
        assertEquals(dir.resolve("train-images-idx3-ubyte"), MnistFiles.in(dir).trainImages());
    }

    @Test
    void missingFilesAreListedWithTheFoundOnes() throws IOException {
        Files.write(dir.resolve("train-images-idx3-ubyte.gz"), new byte[1]);
        Files.write(dir.resolve("t10k-labels-idx1-ubyte"), new byte[1]);

        DataException e = assertThrows(DataException.class, () -> MnistFiles.in(dir));

        String m = e.getMessage();
        assertTrue(m.contains("Found: train-images-idx3-ubyte.gz, t10k-labels-idx1-ubyte."), m);
        assertTrue(m.contains("Missing: train-labels-idx1-ubyte, t10k-images-idx3-ubyte "), m);
        assertTrue(m.contains("Put the missing files into " + dir), m);
    }

    @Test
    void missingDirectory() {
        Path nowhere = dir.resolve("fashion-mnist");
        DataException e = assertThrows(DataException.class, () -> MnistFiles.in(nowhere));
        assertTrue(e.getMessage().contains("The directory " + nowhere + " does not exist"), e.getMessage());
        assertTrue(e.getMessage().contains("train-images-idx3-ubyte"), e.getMessage());
    }

    @Test
    void testImagesOfAnotherSizeAreRejected() throws IOException {
        Files.write(dir.resolve("train-images-idx3-ubyte"), IdxBytes.images(3, 2, 2, IdxBytes.PIXELS));
        Files.write(dir.resolve("train-labels-idx1-ubyte"), IdxBytes.labels(3, IdxBytes.LABELS));
        Files.write(dir.resolve("t10k-images-idx3-ubyte"), IdxBytes.images(1, 1, 4, 1, 2, 3, 4));
        Files.write(dir.resolve("t10k-labels-idx1-ubyte"), IdxBytes.labels(1, 3));

        DataException e = assertThrows(DataException.class, () -> MnistFiles.in(dir).read("toy", 10));
        assertTrue(e.getMessage().contains("are 2x2 pixels but the test images"), e.getMessage());
        assertTrue(e.getMessage().contains("are 1x4"), e.getMessage());
    }

    @Test
    void mnistLoadOfADirectoryNamesDatasetsAfterIt() throws IOException {
        Path fashion = Files.createDirectory(dir.resolve("fashion-mnist"));
        Files.write(fashion.resolve("train-images-idx3-ubyte.gz"), IdxBytes.gzip(IdxBytes.images(3, 2, 2, IdxBytes.PIXELS)));
        Files.write(fashion.resolve("train-labels-idx1-ubyte.gz"), IdxBytes.gzip(IdxBytes.labels(3, IdxBytes.LABELS)));
        Files.write(fashion.resolve("t10k-images-idx3-ubyte.gz"), IdxBytes.gzip(IdxBytes.images(1, 2, 2, 1, 2, 3, 4)));
        Files.write(fashion.resolve("t10k-labels-idx1-ubyte.gz"), IdxBytes.gzip(IdxBytes.labels(1, 0)));

        TrainTest tt = Mnist.load(fashion);

        assertEquals("fashion-mnist-train", tt.train().name());
        assertEquals("fashion-mnist-test", tt.test().name());
        assertEquals(10, tt.train().classes());
    }
}
