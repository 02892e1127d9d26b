package dev.knobs.data;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.zip.GZIPOutputStream;

/** Builds small IDX files byte by byte, independently of the reader under test. */
final class IdxBytes {

    private IdxBytes() {
    }

    /** An images file: magic 0x00000803, count, rows, cols, then the pixel bytes as given. */
    static byte[] images(int count, int rows, int cols, int... pixels) {
        ByteBuffer b = ByteBuffer.allocate(16 + pixels.length); // big-endian by default
        b.putInt(0x00000803).putInt(count).putInt(rows).putInt(cols);
        for (int p : pixels) {
            b.put((byte) p);
        }
        return b.array();
    }

    /** A labels file: magic 0x00000801, count, then the label bytes as given. */
    static byte[] labels(int count, int... labels) {
        ByteBuffer b = ByteBuffer.allocate(8 + labels.length);
        b.putInt(0x00000801).putInt(count);
        for (int l : labels) {
            b.put((byte) l);
        }
        return b.array();
    }

    static byte[] gzip(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Three 2x2 images; pixel values cover 0, 1, 127, 128 and 255 to catch sign errors. */
    static final int[] PIXELS = {0, 255, 128, 1, 10, 20, 30, 40, 127, 200, 254, 0};
    static final int[] LABELS = {7, 0, 9};
}
