package dev.knobs.data;

import dev.knobs.nn.data.Dataset;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * Reads the IDX files in which MNIST (and Fashion-MNIST, KMNIST, ...) are published.
 *
 * <p>An IDX file is a big-endian header followed by raw unsigned bytes:
 * <pre>
 *   images:  int magic = 0x00000803, int count, int rows, int cols, then count*rows*cols bytes
 *   labels:  int magic = 0x00000801, int count,                     then count bytes
 * </pre>
 * The magic number encodes the element type in its third byte ({@code 0x08} = unsigned byte) and
 * the number of dimensions in its fourth ({@code 3} for images, {@code 1} for labels). Pixels are
 * stored row by row, 0 = background, 255 = full ink.
 *
 * <p>Files may be raw or gzip-compressed, as the mirrors serve them. Compression is recognised by
 * the first two bytes ({@code 1f 8b}), not by the name, so a renamed file still reads. The whole
 * file is read at once and converted in one loop: 47 MB of training images take a fraction of a
 * second.
 *
 * <p>Every way a file can be wrong (empty, too short, wrong magic number, truncated, too long,
 * counts that disagree, labels out of range, damaged compression) raises a {@link DataException}
 * whose message names the file, what was expected and what was found.
 */
public final class Idx {

    /** Magic number of an images file: unsigned bytes ({@code 0x08}) in 3 dimensions. */
    public static final int IMAGES_MAGIC = 0x00000803;
    /** Magic number of a labels file: unsigned bytes ({@code 0x08}) in 1 dimension. */
    public static final int LABELS_MAGIC = 0x00000801;

    private static final int IMAGES_HEADER_BYTES = 16;
    private static final int LABELS_HEADER_BYTES = 8;

    private Idx() {
    }

    /**
     * The images of one IDX file.
     *
     * @param file   where they were read from
     * @param count  number of images
     * @param rows   image height in pixels
     * @param cols   image width in pixels
     * @param pixels {@code [count, rows * cols]} row-major, grey levels 0..255 as floats
     */
    public record Images(Path file, int count, int rows, int cols, float[] pixels) {
    }

    /**
     * The labels of one IDX file.
     *
     * @param file   where they were read from
     * @param values one class index per example, each in {@code 0 .. classes-1}
     */
    public record Labels(Path file, int[] values) {
    }

    /**
     * Reads an images file and its labels file into one {@link Dataset}.
     *
     * @param name       the dataset's name, e.g. {@code "mnist-train"}
     * @param imagesFile IDX images file, raw or gzip
     * @param labelsFile IDX labels file, raw or gzip
     * @param classes    number of classes; every label must lie in {@code 0 .. classes-1}
     * @throws DataException if either file is broken or they disagree on the number of examples
     */
    public static Dataset read(String name, Path imagesFile, Path labelsFile, int classes) {
        Images images = readImages(imagesFile);
        Labels labels = readLabels(labelsFile, classes);
        if (images.count() != labels.values().length) {
            throw new DataException("The images file " + imagesFile + " holds " + images.count()
                    + " images but the labels file " + labelsFile + " holds " + labels.values().length
                    + " labels; the two must have the same count. Check that both files belong to the same"
                    + " half of the same dataset (train with train, t10k with t10k).");
        }
        return new Dataset(name, images.pixels(), labels.values(), images.count(), images.rows(), images.cols(),
                classes);
    }

    /**
     * Reads an IDX images file (magic {@code 0x00000803}), raw or gzip.
     *
     * @throws DataException if the file is missing, empty, too short, of the wrong kind, truncated or too long
     */
    public static Images readImages(Path file) {
        byte[] data = contents(file, "images");
        checkHeader(file, data, IMAGES_MAGIC, IMAGES_HEADER_BYTES, "images");
        long count = unsignedInt(data, 4);
        long rows = unsignedInt(data, 8);
        long cols = unsignedInt(data, 12);
        if (rows == 0 || cols == 0) {
            throw new DataException("The IDX images file " + file + " declares images of " + rows + "x" + cols
                    + " pixels; expected at least 1x1 (MNIST: 28x28). The header is damaged or this is not an"
                    + " images file.");
        }
        // count, rows and cols are below 2^32 each, so count*rows*cols could overflow a long: compare in double
        if ((double) count * rows * cols > Integer.MAX_VALUE - IMAGES_HEADER_BYTES) {
            throw new DataException("The IDX images file " + file + " declares " + count + " images of " + rows
                    + "x" + cols + " pixels, more bytes than one Java array can hold; the header is probably"
                    + " damaged.");
        }
        long expected = count * rows * cols;
        checkLength(file, data, IMAGES_HEADER_BYTES, expected,
                count + " images of " + rows + "x" + cols + " pixels", "pixels");

        // pixels[i] = unsigned value of byte i after the header: 0..255
        int n = (int) expected;
        float[] pixels = new float[n];
        for (int i = 0; i < n; i++) {
            pixels[i] = data[IMAGES_HEADER_BYTES + i] & 0xFF;
        }
        return new Images(file, (int) count, (int) rows, (int) cols, pixels);
    }

    /**
     * Reads an IDX labels file (magic {@code 0x00000801}), raw or gzip.
     *
     * @param classes number of classes; every label must lie in {@code 0 .. classes-1}
     * @throws DataException if the file is missing, empty, too short, of the wrong kind, truncated,
     *                       too long, or holds a label outside {@code 0 .. classes-1}
     */
    public static Labels readLabels(Path file, int classes) {
        byte[] data = contents(file, "labels");
        checkHeader(file, data, LABELS_MAGIC, LABELS_HEADER_BYTES, "labels");
        long count = unsignedInt(data, 4);
        checkLength(file, data, LABELS_HEADER_BYTES, count, count + " labels", "labels");

        int n = (int) count;
        int[] values = new int[n];
        for (int i = 0; i < n; i++) {
            int label = data[LABELS_HEADER_BYTES + i] & 0xFF;
            if (label >= classes) {
                throw new DataException("The IDX labels file " + file + " has label " + label + " at position " + i
                        + ", outside the expected range 0.." + (classes - 1) + " for " + classes + " classes. Is this"
                        + " the labels file of a different dataset, or is the number of classes wrong?");
            }
            values[i] = label;
        }
        return new Labels(file, values);
    }

    /** The bytes of {@code file}, decompressed if they start with the gzip signature. */
    private static byte[] contents(Path file, String kind) {
        byte[] raw;
        try {
            raw = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new DataException("The IDX " + kind + " file " + file + " does not exist.", e);
        } catch (IOException e) {
            throw new DataException("Could not read the IDX " + kind + " file " + file + ": " + e + ".", e);
        }
        if (raw.length == 0) {
            throw new DataException("The IDX " + kind + " file " + file + " is empty (0 bytes); expected an IDX "
                    + kind + " file starting with magic number " + hex(magicOf(kind)) + ". The download or copy was"
                    + " probably interrupted: delete the file and fetch it again.");
        }
        if (!isGzip(raw)) {
            return raw;
        }
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(raw), 1 << 16)) {
            byte[] unpacked = in.readAllBytes();
            if (unpacked.length == 0) {
                throw new DataException("The IDX " + kind + " file " + file + " is gzip-compressed but decompresses"
                        + " to nothing (0 bytes); expected an IDX " + kind + " file. Delete it and fetch it again.");
            }
            return unpacked;
        } catch (IOException e) {
            throw new DataException("The IDX " + kind + " file " + file + " starts with the gzip signature 1f 8b"
                    + " but cannot be decompressed (" + e.getMessage() + "); it is probably truncated or damaged."
                    + " Delete it and fetch it again.", e);
        }
    }

    /** True if {@code bytes} start with the gzip signature {@code 1f 8b}. */
    static boolean isGzip(byte[] bytes) {
        return bytes.length >= 2 && bytes[0] == (byte) 0x1f && bytes[1] == (byte) 0x8b;
    }

    private static void checkHeader(Path file, byte[] data, int magic, int headerBytes, String kind) {
        if (data.length < 4) {
            throw tooShort(file, data, headerBytes, kind);
        }
        int found = (int) unsignedInt(data, 0);
        if (found != magic) {
            throw new DataException("The IDX " + kind + " file " + file + " starts with magic number " + hex(found)
                    + " (" + describeMagic(data) + ") but an IDX " + kind + " file starts with " + hex(magic) + "."
                    + hint(found, magic));
        }
        if (data.length < headerBytes) {
            throw tooShort(file, data, headerBytes, kind);
        }
    }

    private static DataException tooShort(Path file, byte[] data, int headerBytes, String kind) {
        return new DataException("The IDX " + kind + " file " + file + " is only " + data.length + " bytes long,"
                + " too short for its " + headerBytes + "-byte header (magic number, count"
                + (headerBytes == IMAGES_HEADER_BYTES ? ", rows, columns)" : ")") + ". The file was probably cut"
                + " short: delete it and fetch it again.");
    }

    private static void checkLength(Path file, byte[] data, int headerBytes, long expected, String declared,
                                    String what) {
        long found = data.length - headerBytes;
        if (found < expected) {
            throw new DataException("The IDX file " + file + " is truncated: its header declares " + declared
                    + ", so expected " + expected + " bytes of " + what + " after the " + headerBytes
                    + "-byte header, found " + found + " (" + (expected - found) + " missing). The download was"
                    + " probably cut short: delete the file and fetch it again.");
        }
        if (found > expected) {
            throw new DataException("The IDX file " + file + " is longer than its header says: it declares "
                    + declared + ", so expected " + expected + " bytes of " + what + " after the " + headerBytes
                    + "-byte header, found " + found + " (" + (found - expected) + " too many). The header or the"
                    + " file is damaged, or two files were joined.");
        }
    }

    private static String hint(int found, int expected) {
        if (found == IMAGES_MAGIC && expected == LABELS_MAGIC) {
            return " Is this an image file passed as labels?";
        }
        if (found == LABELS_MAGIC && expected == IMAGES_MAGIC) {
            return " Is this a label file passed as images?";
        }
        if ((found >>> 16) == 0x1f8b) {
            return " The contents are gzip-compressed a second time: decompress the file once more.";
        }
        if ((found >>> 16) == 0) {
            return " This is an IDX file, but of another element type or number of dimensions.";
        }
        return " This is not an IDX file.";
    }

    /** What the first four bytes look like, for the wrong-magic message. */
    private static String describeMagic(byte[] data) {
        int magic = (int) unsignedInt(data, 0);
        if (magic == IMAGES_MAGIC) {
            return "an IDX images file";
        }
        if (magic == LABELS_MAGIC) {
            return "an IDX labels file";
        }
        if ((magic >>> 16) == 0) {
            return "an IDX file of element type " + String.format("0x%02X", (magic >>> 8) & 0xFF) + " with "
                    + (magic & 0xFF) + " dimensions";
        }
        if ((magic >>> 16) == 0x1f8b) {
            return "the gzip signature";
        }
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < Math.min(16, data.length); i++) {
            int c = data[i] & 0xFF;
            if (c < 0x20 || c > 0x7e) {
                break;
            }
            text.append((char) c);
        }
        if (text.length() >= 4) {
            return "text \"" + text + "\", perhaps an error page saved in place of the data";
        }
        return "unknown content";
    }

    private static int magicOf(String kind) {
        return kind.equals("images") ? IMAGES_MAGIC : LABELS_MAGIC;
    }

    private static String hex(int value) {
        return String.format("0x%08X", value);
    }

    /** The big-endian unsigned 32-bit integer at {@code offset}. */
    private static long unsignedInt(byte[] data, int offset) {
        return ((long) (data[offset] & 0xFF) << 24) | ((data[offset + 1] & 0xFF) << 16)
                | ((data[offset + 2] & 0xFF) << 8) | (data[offset + 3] & 0xFF);
    }
}
