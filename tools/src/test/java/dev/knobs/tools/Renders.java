package dev.knobs.tools;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/** MNIST digits drawn the ways people's pictures come: larger, inverted, off-centre, in colour, as JPEG. */
public final class Renders {
    private Renders() {}

    /** The 28x28 digit as it is: white on black, 8-bit grey. */
    public static BufferedImage original(int[] grey) {
        BufferedImage im = new BufferedImage(28, 28, BufferedImage.TYPE_BYTE_GRAY);
        im.getRaster().setPixels(0, 0, 28, 28, grey);
        return im;
    }

    /** The digit enlarged to {@code size x size} with bicubic interpolation, grey. */
    public static BufferedImage enlarged(int[] grey, int size) {
        BufferedImage im = new BufferedImage(size, size, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = im.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
        g.drawImage(original(grey), 0, 0, size, size, null);
        g.dispose();
        return im;
    }

    /** Every grey level {@code v} replaced by {@code 255 - v}: dark ink on white paper. */
    public static BufferedImage inverted(BufferedImage grey) {
        BufferedImage im = new BufferedImage(grey.getWidth(), grey.getHeight(), BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < grey.getHeight(); y++) {
            for (int x = 0; x < grey.getWidth(); x++) {
                im.getRaster().setSample(x, y, 0, 255 - grey.getRaster().getSample(x, y, 0));
            }
        }
        return im;
    }

    /** The digit, {@code size} pixels, dark on white, at {@code (left, top)} of a larger white page. */
    public static BufferedImage onPage(int[] grey, int size, int width, int height, int left, int top) {
        BufferedImage page = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = page.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        g.drawImage(inverted(enlarged(grey, size)), left, top, null);
        g.dispose();
        return page;
    }

    /** The digit as blue ink on cream paper, RGB. */
    public static BufferedImage blueOnCream(int[] grey, int size) {
        BufferedImage big = enlarged(grey, size);
        BufferedImage im = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        int[] paper = {245, 238, 215};
        int[] ink = {25, 45, 150};
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                double a = big.getRaster().getSample(x, y, 0) / 255.0;
                int r = (int) Math.round(paper[0] + a * (ink[0] - paper[0]));
                int gr = (int) Math.round(paper[1] + a * (ink[1] - paper[1]));
                int b = (int) Math.round(paper[2] + a * (ink[2] - paper[2]));
                im.setRGB(x, y, (r << 16) | (gr << 8) | b);
            }
        }
        return im;
    }

    /** Black ink whose opacity is the grey level, on a transparent background (ARGB). */
    public static BufferedImage blackOnTransparent(int[] grey, int size) {
        BufferedImage big = enlarged(grey, size);
        BufferedImage im = new BufferedImage(size, size, BufferedImage.TYPE_INT_ARGB);
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                im.setRGB(x, y, big.getRaster().getSample(x, y, 0) << 24);
            }
        }
        return im;
    }

    /** Writes a PNG. */
    public static Path png(BufferedImage image, Path file) {
        try {
            ImageIO.write(image, "png", file.toFile());
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes a JPEG of the given quality (0..1). */
    public static Path jpeg(BufferedImage image, float quality, Path file) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(file.toFile())) {
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(quality);
            writer.setOutput(out);
            writer.write(null, new IIOImage(image, null, null), param);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
    }
}
