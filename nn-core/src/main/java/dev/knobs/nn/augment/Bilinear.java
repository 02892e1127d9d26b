package dev.knobs.nn.augment;

/**
 * Reads an image at a fractional position by bilinear interpolation.
 *
 * <p>With {@code x0 = floor(x)}, {@code y0 = floor(y)}, {@code fx = x - x0}, {@code fy = y - y0}
 * and {@code p(r, c)} the pixel in row {@code r}, column {@code c}:
 * <pre>
 *   value = (1-fy)·[(1-fx)·p(y0, x0)   + fx·p(y0, x0+1)]
 *         +    fy·[(1-fx)·p(y0+1, x0) + fx·p(y0+1, x0+1)]
 * </pre>
 * The four weights are non-negative and sum to 1, so the result always lies between the smallest
 * and the largest of the four pixels (a convex combination): interpolation never invents values
 * outside the input's range. At whole-number positions ({@code fx = fy = 0}) it returns the pixel
 * itself. Neighbours outside the image read as {@code fill}.
 *
 * <p>The sum is done in {@code double} and rounded once to {@code float}, so the convexity
 * survives rounding.
 */
final class Bilinear {
    private Bilinear() {}

    /** The value at column {@code x}, row {@code y} of the image {@code src[off ..]}; {@code src} is not modified. */
    static float sample(float[] src, int off, int height, int width, double x, double y, float fill) {
        double floorX = Math.floor(x);
        double floorY = Math.floor(y);
        double fx = x - floorX;
        double fy = y - floorY;
        int x0 = (int) floorX;
        int y0 = (int) floorY;
        double p00, p01, p10, p11;
        if (x0 >= 0 && y0 >= 0 && x0 < width - 1 && y0 < height - 1) {
            int i = off + y0 * width + x0;
            p00 = src[i];
            p01 = src[i + 1];
            p10 = src[i + width];
            p11 = src[i + width + 1];
        } else {
            p00 = pixel(src, off, height, width, y0, x0, fill);
            p01 = pixel(src, off, height, width, y0, x0 + 1, fill);
            p10 = pixel(src, off, height, width, y0 + 1, x0, fill);
            p11 = pixel(src, off, height, width, y0 + 1, x0 + 1, fill);
        }
        double top = (1 - fx) * p00 + fx * p01;
        double bottom = (1 - fx) * p10 + fx * p11;
        return (float) ((1 - fy) * top + fy * bottom);
    }

    private static double pixel(float[] src, int off, int height, int width, int row, int col, float fill) {
        if (row < 0 || row >= height || col < 0 || col >= width) {
            return fill;
        }
        return src[off + row * width + col];
    }
}
