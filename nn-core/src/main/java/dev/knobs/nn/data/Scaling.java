package dev.knobs.nn.data;

import dev.knobs.nn.kernel.Parallel;

/**
 * Scaling pixel values into a small range before training.
 *
 * <pre>
 *   x' = x / max          grey levels 0..255 become 0..1
 * </pre>
 *
 * <p>Why: the first layer computes {@code Σ wᵢ xᵢ} over 784 pixels. With raw values up to 255
 * that sum, and the gradient with respect to each weight (which is proportional to {@code xᵢ}),
 * is about 255 times larger than with values in [0, 1]; a learning rate that suits one scale is
 * far too big for the other. Lesson 02 shows raw pixels diverging or stalling. See
 * {@link Standardizer} for centring as well as scaling.
 */
public final class Scaling {
    private Scaling() {}

    /** A copy of {@code data} with every value divided by {@code max} (255 for 8-bit images). */
    public static Dataset toUnitRange(Dataset data, float max) {
        if (!(max > 0f) || !Float.isFinite(max)) {
            throw new IllegalArgumentException("the maximum pixel value must be a finite number > 0, got " + max);
        }
        float[] x = data.x();
        float[] out = new float[x.length];
        float inv = 1f / max;
        Parallel.range(x.length, 1 << 16, (from, to) -> {
            for (int i = from; i < to; i++) {
                out[i] = x[i] * inv;
            }
        });
        return data.withPixels(data.name() + "/" + (int) max, out);
    }

    /** {@link #toUnitRange(Dataset, float)} for 8-bit images: divide by 255. */
    public static Dataset toUnitRange(Dataset data) {
        return toUnitRange(data, 255f);
    }
}
