package dev.knobs.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.knobs.nn.data.Dataset;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxTest {

    @TempDir
    Path dir;

    private Path write(String name, byte[] bytes) throws IOException {
        return Files.write(dir.resolve(name), bytes);
    }

    private static void assertMentions(String message, String... parts) {
        for (String part : parts) {
            assertTrue(message.contains(part), () -> "message should mention \"" + part + "\": " + message);
        }
    }

    @Test
    void rawFilesRoundTrip() throws IOException {
        Path images = write("imgs", IdxBytes.images(3, 2, 2, IdxBytes.PIXELS));
        Path labels = write("labs", IdxBytes.labels(3, IdxBytes.LABELS));

        Dataset d = Idx.read("tiny", images, labels, 10);

        assertEquals("tiny", d.name());
        assertEquals(3, d.size());
        assertEquals(2, d.height());
        assertEquals(2, d.width());
        assertEquals(10, d.classes());
        float[] expected = new float[IdxBytes.PIXELS.length];
        for (int i = 0; i < expected.length; i++) {
            expected[i] = IdxBytes.PIXELS[i];
        }
        assertArrayEquals(expected, d.x());
        assertArrayEquals(IdxBytes.LABELS, d.labels());
    }

    @Test
    void gzipFilesRoundTripWhateverTheirName() throws IOException {
        Path raw = write("raw", IdxBytes.images(3, 2, 2, IdxBytes.PIXELS));
        Path gzNamedGz = write("imgs.gz", IdxBytes.gzip(IdxBytes.images(3, 2, 2, IdxBytes.PIXELS)));
        Path gzPlainName = write("imgs-no-suffix", IdxBytes.gzip(IdxBytes.images(3, 2, 2, IdxBytes.PIXELS)));
        Path rawNamedGz = write("really-raw.gz", IdxBytes.images(3, 2, 2, IdxBytes.PIXELS));

        float[] expected = Idx.readImages(raw).pixels();
        assertArrayEquals(expected, Idx.readImages(gzNamedGz).pixels());
        assertArrayEquals(expected, Idx.readImages(gzPlainName).pixels());
        assertArrayEquals(expected, Idx.readImages(rawNamedGz).pixels());

        Path labels = write("labs.gz", IdxBytes.gzip(IdxBytes.labels(3, IdxBytes.LABELS)));
        assertArrayEquals(IdxBytes.LABELS, Idx.readLabels(labels, 10).values());
    }

    @Test
    void emptyFile() throws IOException {
        Path f = write("empty-images", new byte[0]);
        DataException e = assertThrows(DataException.class, () -> Idx.readImages(f));
        assertMentions(e.getMessage(), f.toString(), "empty", "0 bytes", "0x00000803");
    }

    @Test
    void tooShortForHeader() throws IOException {
        byte[] header = Arrays.copyOf(IdxBytes.images(3, 2, 2), 10); // magic, count, half of rows
        Path f = write("short-images", header);
        DataException e = assertThrows(DataException.class, () -> Idx.readImages(f));
        assertMentions(e.getMessage(), f.toString(), "only 10 bytes", "16-byte header");

        Path g = write("short-labels", new byte[] {0, 0});
        DataException l = assertThrows(DataException.class, () -> Idx.readLabels(g, 10));
        assertMentions(l.getMessage(), g.toString(), "only 2 bytes", "8-byte header");
    }

    @Test
    void imagesPassedAsLabels() throws IOException {
        Path f = write("train-images", IdxBytes.images(3, 2, 2, IdxBytes.PIXELS));
        DataException e = assertThrows(DataException.class, () -> Idx.readLabels(f, 10));
        assertMentions(e.getMessage(), f.toString(), "magic number 0x00000803", "starts with 0x00000801",
                "Is this an image file passed as labels?");
    }

    @Test
    void labelsPassedAsImages() throws IOException {
        Path f = write("train-labels", IdxBytes.labels(3, IdxBytes.LABELS));
        DataException e = assertThrows(DataException.class, () -> Idx.readImages(f));
        assertMentions(e.getMessage(), f.toString(), "magic number 0x00000801", "starts with 0x00000803",
                "label file passed as images");
    }

    @Test
    void errorPageInsteadOfData() throws IOException {
        Path f = write("page", "<!DOCTYPE html><html>Not Found</html>".getBytes());
        DataException e = assertThrows(DataException.class, () -> Idx.readImages(f));
        assertMentions(e.getMessage(), f.toString(), "<!DOCTYPE", "error page", "0x00000803");
    }

    @Test
    void truncatedPixels() throws IOException {
        byte[] full = IdxBytes.images(3, 2, 2, IdxBytes.PIXELS);
        Path f = write("cut-images", Arrays.copyOf(full, full.length - 1));
        DataException e = assertThrows(DataException.class, () -> Idx.readImages(f));
        assertMentions(e.getMessage(), f.toString(), "truncated", "3 images of 2x2", "expected 12 bytes",
                "found 11", "1 missing");
    }

    @Test
    void truncatedLabels() throws IOException {
        Path f = write("cut-labels", IdxBytes.labels(5, 1, 2, 3));
        DataException e = assertThrows(DataException.class, () -> Idx.readLabels(f, 10));
        assertMentions(e.getMessage(), f.toString(), "truncated", "expected 5 bytes", "found 3");
    }

    @Test
    void extraBytesAfterData() throws IOException {
        byte[] full = IdxBytes.images(3, 2, 2, IdxBytes.PIXELS);
        Path f = write("long-images", Arrays.copyOf(full, full.length + 4));
        DataException e = assertThrows(DataException.class, () -> Idx.readImages(f));
        assertMentions(e.getMessage(), f.toString(), "expected 12 bytes", "found 16", "4 too many");
    }

    @Test
    void countMismatch() throws IOException {
        Path images = write("imgs", IdxBytes.images(3, 2, 2, IdxBytes.PIXELS));
        Path labels = write("labs", IdxBytes.labels(2, 1, 2));
        DataException e = assertThrows(DataException.class, () -> Idx.read("x", images, labels, 10));
        assertMentions(e.getMessage(), images.toString(), labels.toString(), "3 images", "2 labels");
    }

    @Test
    void labelOutsideClasses() throws IOException {
        Path labels = write("labs", IdxBytes.labels(3, 4, 10, 1));
        DataException e = assertThrows(DataException.class, () -> Idx.readLabels(labels, 10));
        assertMentions(e.getMessage(), labels.toString(), "label 10", "position 1", "0..9");

        DataException three = assertThrows(DataException.class, () -> Idx.readLabels(labels, 3));
        assertMentions(three.getMessage(), "label 4", "position 0", "0..2");
    }

    @Test
    void corruptGzip() throws IOException {
        byte[] gz = IdxBytes.gzip(IdxBytes.images(3, 2, 2, IdxBytes.PIXELS));
        Path cut = write("cut.gz", Arrays.copyOf(gz, gz.length / 2));
        DataException e = assertThrows(DataException.class, () -> Idx.readImages(cut));
        assertMentions(e.getMessage(), cut.toString(), "gzip", "1f 8b", "cannot be decompressed");

        byte[] damaged = gz.clone();
        damaged[12] ^= (byte) 0xFF; // inside the deflate stream
        damaged[13] ^= (byte) 0xFF;
        Path bad = write("bad.gz", damaged);
        DataException b = assertThrows(DataException.class, () -> Idx.readImages(bad));
        assertMentions(b.getMessage(), bad.toString(), "gzip");
    }

    @Test
    void missingFile() {
        Path f = dir.resolve("nowhere");
        DataException e = assertThrows(DataException.class, () -> Idx.readImages(f));
        assertMentions(e.getMessage(), f.toString(), "does not exist");
    }
}
