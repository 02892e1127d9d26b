package dev.knobs.tools.predict;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Locale;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/** Reading the user's pictures and writing the 28x28 images, with a one-line reason for every failure. */
public final class DigitImages {
    /** Larger pictures are refused before they are decoded (a 100-megapixel RGB image is 400 MB in memory). */
    public static final long MAX_PIXELS = 100_000_000L;

    private DigitImages() {}

    /** A picture that cannot be read; the message says what is wrong, and the caller puts the file's name before it. */
    public static final class UnreadableImageException extends Exception {
        private static final long serialVersionUID = 1L;

        UnreadableImageException(String message) {
            super(message);
        }
    }

    /**
     * Reads the first image in {@code file} with ImageIO (PNG, JPEG, GIF, BMP, WBMP and whatever
     * readers are installed).
     *
     * @throws UnreadableImageException if it is missing, not an image, corrupt or too large
     */
    public static BufferedImage read(Path file) throws UnreadableImageException {
        if (Files.isDirectory(file)) {
            throw new UnreadableImageException("a directory, not an image file");
        }
        if (!Files.exists(file)) {
            throw new UnreadableImageException("no such file");
        }
        ImageIO.setUseCache(false);
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            if (in == null) {
                throw new UnreadableImageException("cannot be opened");
            }
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw new UnreadableImageException("not an image: no PNG, JPEG, GIF or BMP reader recognises it");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                long pixels = (long) reader.getWidth(0) * reader.getHeight(0);
                if (pixels > MAX_PIXELS) {
                    throw new UnreadableImageException(String.format(Locale.ROOT, "%dx%d pixels, more than this tool "
                            + "reads (%,d); scale it down", reader.getWidth(0), reader.getHeight(0), MAX_PIXELS));
                }
                BufferedImage image = reader.read(0);
                if (image == null || image.getWidth() < 1 || image.getHeight() < 1) {
                    throw new UnreadableImageException("holds no picture");
                }
                return image;
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().replaceAll("\\s+", " ").trim();
            throw new UnreadableImageException("a damaged or unsupported image (" + why + "); save it again as PNG");
        }
    }

    /** Writes 784 grey levels as a 28x28 8-bit grey PNG, exactly those bytes. */
    public static void writePng(int[] pixels, Path file) throws IOException {
        BufferedImage image = new BufferedImage(MnistStyle.SIDE, MnistStyle.SIDE, BufferedImage.TYPE_BYTE_GRAY);
        image.getRaster().setPixels(0, 0, MnistStyle.SIDE, MnistStyle.SIDE, pixels);
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        if (!ImageIO.write(image, "png", file.toFile())) {
            throw new IOException("no PNG writer in this Java");
        }
    }
}
