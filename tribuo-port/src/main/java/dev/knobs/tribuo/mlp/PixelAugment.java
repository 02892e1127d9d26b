package dev.knobs.tribuo.mlp;

import dev.knobs.nn.augment.Augmenter;
import dev.knobs.nn.train.TrainingLoop;
import dev.knobs.tribuo.data.PixelLayout;

/**
 * Augments a mini-batch whose columns are Tribuo's features rather than the image's pixels: the
 * features are laid out as images, distorted by nn-core's {@link Augmenter}, and read back.
 *
 * <pre>
 *   [batch, features] --toImages--> [batch, H·W] --augment--> [batch, H·W] --fromImages--> [batch, features]
 * </pre>
 */
final class PixelAugment implements TrainingLoop.Augment {
    private final PixelLayout layout;
    private final Augmenter augmenter;
    private final int height;
    private final int width;
    private float[] images;
    private float[] warped;

    PixelAugment(PixelLayout layout, Augmenter augmenter, int height, int width) {
        this.layout = layout;
        this.augmenter = augmenter;
        this.height = height;
        this.width = width;
    }

    @Override
    public void apply(float[] x, int batch, int epoch, int batchIndex, float[] out) {
        int pixels = layout.pixels();
        images = fit(images, batch * pixels);
        warped = fit(warped, batch * pixels);
        layout.toImages(x, batch, images);                                      // [b, F] -> [b, H·W]
        augmenter.augment(images, batch, height, width, epoch, batchIndex, warped);
        layout.fromImages(warped, batch, out);                                  // [b, H·W] -> [b, F]
    }

    private static float[] fit(float[] buffer, int length) {
        return buffer != null && buffer.length == length ? buffer : new float[length];
    }
}
