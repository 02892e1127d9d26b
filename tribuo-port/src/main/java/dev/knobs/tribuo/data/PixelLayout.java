package dev.knobs.tribuo.data;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.tribuo.ImmutableFeatureMap;
import org.tribuo.VariableInfo;

/**
 * Where each feature of a Tribuo feature map sits on the image grid.
 *
 * <p>Tribuo's {@code IDXDataSource} names the pixels of a {@code height x width} image by their
 * row-major index, zero-padded to the width of the pixel count ({@code "000"} to {@code "783"}
 * for MNIST), and leaves out every pixel whose value is 0, because Tribuo examples are sparse.
 * A feature map built from MNIST therefore knows only the 717 pixels that are inked in at least
 * one training image, and gives them ids 0..716 in name order. This class maps those ids back:
 *
 * <pre>
 *   pixel(id) = Integer.parseInt(name(id))        row = pixel / width,  column = pixel % width
 * </pre>
 *
 * <p>Used by augmentation (features to image, transform, back) and by the ONNX export (whose
 * input is the whole 784-pixel image, so any program can feed it without Tribuo).
 */
public final class PixelLayout {
    private final int height;
    private final int width;
    private final int[] pixelOfFeature;

    private PixelLayout(int height, int width, int[] pixelOfFeature) {
        this.height = height;
        this.width = width;
        this.pixelOfFeature = pixelOfFeature;
    }

    /**
     * Reads the pixel index out of every feature name.
     *
     * @throws IllegalArgumentException naming the first feature that is not a pixel index of a
     *                                  {@code height x width} image
     */
    public static PixelLayout of(ImmutableFeatureMap featureMap, int height, int width) {
        if (height < 1 || width < 1) {
            throw new IllegalArgumentException("image size " + height + "x" + width + " is not valid: both must be >= 1");
        }
        int[] pixels = new int[featureMap.size()];
        boolean[] taken = new boolean[height * width];
        for (VariableInfo info : featureMap) {
            int id = featureMap.getID(info.getName());
            int pixel;
            try {
                pixel = Integer.parseInt(info.getName());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("feature '" + info.getName() + "' is not a pixel index: image "
                        + "augmentation and the pixel ONNX input need features named as IDXDataSource names them "
                        + "(\"000\" to \"" + (height * width - 1) + "\")");
            }
            if (pixel < 0 || pixel >= height * width || taken[pixel]) {
                throw new IllegalArgumentException("feature '" + info.getName() + "' is not a distinct pixel of a "
                        + height + "x" + width + " image (indices 0 to " + (height * width - 1) + ")");
            }
            taken[pixel] = true;
            pixels[id] = pixel;
        }
        return new PixelLayout(height, width, pixels);
    }

    /** The name {@code IDXDataSource} gives pixel {@code index} of an image with {@code pixels} pixels. */
    public static String featureName(int index, int pixels) {
        int digits = String.valueOf(pixels).length();
        return String.format("%0" + digits + "d", index);
    }

    /** Every pixel's feature name with its index, in pixel order (for ONNX Runtime feature mappings). */
    public static Map<String, Integer> allPixelNames(int height, int width) {
        Map<String, Integer> names = new LinkedHashMap<>();
        for (int i = 0; i < height * width; i++) {
            names.put(featureName(i, height * width), i);
        }
        return names;
    }

    public int height() {
        return height;
    }

    public int width() {
        return width;
    }

    /** Pixels per image, {@code height · width}. */
    public int pixels() {
        return height * width;
    }

    /** Features in the feature map, at most {@link #pixels()}. */
    public int features() {
        return pixelOfFeature.length;
    }

    /** The pixel index of feature {@code id}. */
    public int pixel(int id) {
        return pixelOfFeature[id];
    }

    /**
     * Scatters feature rows onto image rows; pixels with no feature are 0.
     *
     * @param x      {@code [n, features]}, not modified
     * @param images {@code [n, pixels]}, overwritten
     */
    public void toImages(float[] x, int n, float[] images) {
        int f = features();
        int p = pixels();
        Arrays.fill(images, 0, n * p, 0f);
        for (int r = 0; r < n; r++) {
            for (int id = 0; id < f; id++) {
                images[r * p + pixelOfFeature[id]] = x[r * f + id];
            }
        }
    }

    /**
     * Gathers image rows back into feature rows (pixels with no feature are dropped).
     *
     * @param images {@code [n, pixels]}, not modified
     * @param x      {@code [n, features]}, overwritten
     */
    public void fromImages(float[] images, int n, float[] x) {
        int f = features();
        int p = pixels();
        for (int r = 0; r < n; r++) {
            for (int id = 0; id < f; id++) {
                x[r * f + id] = images[r * p + pixelOfFeature[id]];
            }
        }
    }
}
