package dev.knobs.search.run;

import dev.knobs.data.Mnist;
import dev.knobs.nn.io.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * MNIST with the last {@code n} training images held out as validation images: an MNIST-format
 * folder whose training files hold the first {@code 60,000 - n} training images and whose "test"
 * files hold the last {@code n}. A lesson run with {@code --data-dir} on it trains on the first
 * part and reports, as its test accuracy, its accuracy on images it never trained on and that are
 * not MNIST's test set: a validation accuracy. Holding out the last 10,000 is the usual
 * 50,000/10,000 split of MNIST's training set.
 *
 * <p>The folder is made on each machine from that machine's verified MNIST cache (fetched there
 * if absent), next to it: {@code data/mnist-holdout-10000}.
 */
public final class Holdout {
    private static final int IMAGE_HEADER = 16;
    private static final int LABEL_HEADER = 8;
    private static final int PIXELS = Mnist.HEIGHT * Mnist.WIDTH;

    private Holdout() {}

    /** The folder holding MNIST with the last {@code n} training images held out, made if absent. */
    public static synchronized Path folder(int n) {
        if (n < 1 || n >= Mnist.TRAIN_SIZE) {
            throw new IllegalArgumentException("--holdout must be from 1 to " + (Mnist.TRAIN_SIZE - 1) + ", got " + n);
        }
        Path cache = Mnist.fetch();
        Path dir = cache.toAbsolutePath().normalize().resolveSibling(cache.getFileName() + "-holdout-" + n);
        int kept = Mnist.TRAIN_SIZE - n;
        try {
            byte[] images = Files.readAllBytes(cache.resolve("train-images-idx3-ubyte"));
            byte[] labels = Files.readAllBytes(cache.resolve("train-labels-idx1-ubyte"));
            write(dir.resolve("train-images-idx3-ubyte"), images(images, 0, kept));
            write(dir.resolve("train-labels-idx1-ubyte"), labels(labels, 0, kept));
            write(dir.resolve("t10k-images-idx3-ubyte"), images(images, kept, n));
            write(dir.resolve("t10k-labels-idx1-ubyte"), labels(labels, kept, n));
        } catch (IOException e) {
            throw new UncheckedIOException("could not make the validation split in " + dir + ": " + e.getMessage(), e);
        }
        return dir;
    }

    private static void write(Path file, byte[] bytes) throws IOException {
        if (Files.isRegularFile(file) && Arrays.equals(Files.readAllBytes(file), bytes)) {
            return;
        }
        AtomicFiles.write(file, bytes);
    }

    /** An IDX image file of {@code count} images from {@code first} on. */
    private static byte[] images(byte[] all, int first, int count) {
        ByteBuffer out = ByteBuffer.allocate(IMAGE_HEADER + count * PIXELS);
        out.putInt(0x00000803).putInt(count).putInt(Mnist.HEIGHT).putInt(Mnist.WIDTH);
        out.put(all, IMAGE_HEADER + first * PIXELS, count * PIXELS);
        return out.array();
    }

    /** An IDX label file of {@code count} labels from {@code first} on. */
    private static byte[] labels(byte[] all, int first, int count) {
        ByteBuffer out = ByteBuffer.allocate(LABEL_HEADER + count);
        out.putInt(0x00000801).putInt(count);
        out.put(all, LABEL_HEADER + first, count);
        return out.array();
    }
}
