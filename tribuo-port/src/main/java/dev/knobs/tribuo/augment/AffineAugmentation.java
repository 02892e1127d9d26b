package dev.knobs.tribuo.augment;

import com.oracle.labs.mlrg.olcut.config.Config;
import com.oracle.labs.mlrg.olcut.config.PropertyException;
import dev.knobs.nn.augment.ImageTransform;
import dev.knobs.nn.augment.RandomAffine;

/**
 * A random rotation, zoom, shear and shift of every training image, like Keras'
 * {@code ImageDataGenerator(rotation_range, zoom_range, shear_range, width/height_shift_range)}
 * (nn-core's {@link RandomAffine} explains the map and the resampling). The defaults are the
 * settings commonly used with Keras on MNIST: 10 degrees, 2.8 pixels (a tenth of the side), 10%
 * zoom, no shear.
 */
public final class AffineAugmentation implements Augmentation {

    @Config(description = "Largest rotation either way, in degrees [0, 180].")
    private double maxDegrees = 10;

    @Config(description = "Largest shift either way on each axis, in pixels (>= 0).")
    private double maxShiftPixels = 2.8;

    @Config(description = "Largest relative zoom, in [0, 1): the scale is drawn from [1 - maxZoom, 1 + maxZoom].")
    private double maxZoom = 0.1;

    @Config(description = "Largest horizontal shear either way, in degrees [0, 80].")
    private double maxShearDegrees = 0;

    private RandomAffine transform;

    private AffineAugmentation() {}

    public AffineAugmentation(double maxDegrees, double maxShiftPixels, double maxZoom, double maxShearDegrees) {
        this.maxDegrees = maxDegrees;
        this.maxShiftPixels = maxShiftPixels;
        this.maxZoom = maxZoom;
        this.maxShearDegrees = maxShearDegrees;
        postConfig();
    }

    @Override
    public void postConfig() {
        try {
            transform = new RandomAffine(maxDegrees, maxShiftPixels, maxZoom, maxShearDegrees, 0f);
        } catch (IllegalArgumentException e) {
            throw new PropertyException("", "", e.getMessage());
        }
    }

    @Override
    public ImageTransform transform() {
        return transform;
    }

    @Override
    public String toString() {
        return "affine(±" + maxDegrees + "°, ±" + maxShiftPixels + " px, zoom ±" + maxZoom + ", shear ±" + maxShearDegrees + "°)";
    }
}
