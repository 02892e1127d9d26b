package dev.knobs.nn.augment;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Elastic distortion: every pixel is moved by a small, smoothly varying amount, as if the digit
 * were drawn on a rubber sheet that got gently pushed around. From P. Y. Simard, D. Steinkraus
 * and J. C. Platt, "Best practices for convolutional neural networks applied to visual document
 * analysis", ICDAR 2003, where it brought a plain two-layer MLP on MNIST to 0.7% test error.
 *
 * <p>For each image:
 * <ol>
 *   <li>Draw two displacement fields {@code dx, dy: [height, width]}, every value uniform in
 *       {@code [-1, 1]}. On its own that is noise: neighbouring pixels move in unrelated directions
 *       and the digit would shatter.</li>
 *   <li>Smooth each field with a Gaussian of standard deviation {@code sigma} pixels, so that
 *       nearby pixels move together. The 2-D Gaussian is separable, {@code G(i,j) = g(i)·g(j)},
 *       so we blur the rows with the 1-D kernel {@code g} and then the columns: {@code 2·(2R+1)}
 *       multiply-adds per pixel instead of {@code (2R+1)²}. The kernel is cut at radius
 *       {@code R = ceil(3·sigma)} (the tail beyond holds under 0.3% of the weight) and normalised
 *       to sum 1; values outside the image count as 0.</li>
 *   <li>Scale by {@code alpha} and read the input there with bilinear interpolation:
 *       <pre>  out(y, x) = bilinear(in, x + alpha·dx(y, x), y + alpha·dy(y, x))</pre>
 *       As in {@link FixedAffine}, each output pixel looks up where it comes from, so there are
 *       no holes. Positions outside the image read as {@code fill}.</li>
 * </ol>
 *
 * <p><b>How far pixels move.</b> Smoothing averages the uniform noise (variance 1/3) with weights
 * whose squares sum to about {@code 1/(4π·sigma²)}, so away from the border each displacement
 * has standard deviation about
 * <pre>  alpha · sqrt(1/3 · 1/(4π·sigma²)) = alpha · 0.163 / sigma   pixels, per axis.</pre>
 * Simard's MNIST setting {@code alpha = 34, sigma = 4} gives about 1.4 pixels; a larger
 * {@code sigma} gives smoother, more rigid warps, a smaller one more wiggly strokes. For a fully
 * connected network, which has no built-in tolerance to shifts, a milder {@code alpha} of about
 * 8 to 12 with {@code sigma} 3 to 4 (0.3 to 0.65 pixels) is a safer start; tune it against the
 * validation accuracy.
 *
 * <p>A warp squeezes some parts of a stroke and stretches others, so one image can gain or lose
 * ink while the average is kept: on a ring-shaped test digit the total ink changed by about
 * ±4% (one standard deviation) at {@code alpha = 10, sigma = 4} and ±14% at Simard's setting.
 *
 * <p>Cost per 28x28 image: 1,568 random draws, {@code 4·(2R+1)} multiply-adds per pixel for the
 * two blurs (25 taps at {@code sigma = 4}, most of the time) and 784 interpolations. The fields live in per-thread scratch buffers that are rewritten for every image, so nothing is
 * allocated per image and results do not depend on which thread runs them.
 */
public final class ElasticDistortion implements ImageTransform {
    private final double alpha;
    private final double sigma;
    private final float fill;
    private final int radius;
    private final float[] kernel;
    private final ThreadLocal<float[][]> scratch = new ThreadLocal<>();

    /**
     * @param alpha strength: the smoothed fields are multiplied by it, {@code >= 0}; 0 leaves images unchanged
     * @param sigma smoothness: standard deviation of the Gaussian in pixels, in {@code [0.1, 100]}
     * @param fill  value of pixels that come from outside the image (0 = background for scaled MNIST)
     * @throws IllegalArgumentException naming the value and its allowed range if one is outside it or NaN
     */
    public ElasticDistortion(double alpha, double sigma, float fill) {
        this.alpha = ImageChecks.range("alpha", alpha, 0, 1e6, "a strength >= 0 (Simard 2003 used 34 on MNIST)");
        this.sigma = ImageChecks.range("sigma", sigma, 0.1, 100, "a smoothing width from 0.1 to 100 pixels (Simard 2003 used 4)");
        this.fill = ImageChecks.finite("fill", fill);
        this.radius = (int) Math.ceil(3 * sigma);
        this.kernel = gaussian(sigma, radius);
    }

    /** Simard et al.'s MNIST setting: equivalent to {@code new ElasticDistortion(34, 4, 0f)} (about 1.4 pixels of movement). */
    public static ElasticDistortion simard2003() {
        return new ElasticDistortion(34, 4, 0f);
    }

    /** A milder setting for fully connected networks: equivalent to {@code new ElasticDistortion(10, 4, 0f)} (about 0.4 pixels). */
    public static ElasticDistortion mild() {
        return new ElasticDistortion(10, 4, 0f);
    }

    /** Draws the smoothed fields and resamples; {@code src} is not modified, {@code dst} is overwritten. */
    @Override
    public void apply(float[] src, int srcOff, float[] dst, int dstOff, int height, int width, SplittableRandom random) {
        ImageChecks.image("src", src, srcOff, height, width);
        ImageChecks.image("dst", dst, dstOff, height, width);
        float[][] s = buffers(height * width);
        float[] dx = s[0];
        float[] dy = s[1];
        displacement(height, width, random, dx, dy);
        for (int row = 0; row < height; row++) {
            int o = row * width;
            for (int col = 0; col < width; col++) {
                dst[dstOff + o + col] = Bilinear.sample(src, srcOff, height, width,
                        col + alpha * dx[o + col], row + alpha * dy[o + col], fill);
            }
        }
    }

    /**
     * Steps 1 and 2: fills {@code dx} and {@code dy} ({@code [height, width]}, overwritten) with
     * Gaussian-smoothed uniform noise, before the scaling by {@code alpha}. Draws all of
     * {@code dx} first, then {@code dy}.
     */
    void displacement(int height, int width, SplittableRandom random, float[] dx, float[] dy) {
        int n = height * width;
        for (int i = 0; i < n; i++) {
            dx[i] = (float) (2 * random.nextDouble() - 1);
        }
        for (int i = 0; i < n; i++) {
            dy[i] = (float) (2 * random.nextDouble() - 1);
        }
        float[] tmp = buffers(n)[2];
        smooth(dx, tmp, height, width);
        smooth(dy, tmp, height, width);
    }

    /**
     * Gaussian blur of {@code field} ({@code [height, width]}) in place: rows into {@code tmp}
     * (overwritten), then columns back into {@code field}. Both passes add one tap at a time
     * along a whole row, so the additions into different pixels are independent and the CPU can
     * overlap them.
     */
    private void smooth(float[] field, float[] tmp, int height, int width) {
        int r = radius;
        // rows: tmp(row, col) = sum_k g(k)·field(row, col + k)     (columns outside count as 0)
        for (int row = 0; row < height; row++) {
            int o = row * width;
            Arrays.fill(tmp, o, o + width, 0f);
            for (int k = Math.max(-r, 1 - width); k <= Math.min(r, width - 1); k++) {
                float w = kernel[k + r];
                int colFrom = Math.max(0, -k);
                int colTo = Math.min(width, width - k);
                for (int col = colFrom; col < colTo; col++) {
                    tmp[o + col] += w * field[o + col + k];
                }
            }
        }
        // columns: field(row, col) = sum_k g(k)·tmp(row + k, col)  (rows outside count as 0)
        for (int row = 0; row < height; row++) {
            int o = row * width;
            Arrays.fill(field, o, o + width, 0f);
            for (int k = Math.max(-r, -row); k <= Math.min(r, height - 1 - row); k++) {
                float w = kernel[k + r];
                int from = (row + k) * width;
                for (int col = 0; col < width; col++) {
                    field[o + col] += w * tmp[from + col];
                }
            }
        }
    }

    /** {@code g(k) ∝ exp(-k² / (2·sigma²))} for {@code k = -radius .. radius}, normalised to sum 1. */
    private static float[] gaussian(double sigma, int radius) {
        double[] g = new double[2 * radius + 1];
        double sum = 0;
        for (int k = -radius; k <= radius; k++) {
            g[k + radius] = Math.exp(-(double) k * k / (2 * sigma * sigma));
            sum += g[k + radius];
        }
        float[] kernel = new float[g.length];
        for (int i = 0; i < g.length; i++) {
            kernel[i] = (float) (g[i] / sum);
        }
        return kernel;
    }

    /** This thread's three scratch fields of {@code n} floats ({@code dx}, {@code dy}, row-pass output), reallocated only when the image size changes. */
    private float[][] buffers(int n) {
        float[][] s = scratch.get();
        if (s == null || s[0].length != n) {
            s = new float[][] {new float[n], new float[n], new float[n]};
            scratch.set(s);
        }
        return s;
    }

    @Override
    public String toString() {
        return "ElasticDistortion(alpha=" + alpha + ", sigma=" + sigma + ", fill=" + fill + ")";
    }
}
