package dev.knobs.nn.augment;

import java.util.SplittableRandom;

/** Leaves the image as it is: the "no augmentation" baseline, handy in comparisons and tests. */
public final class Identity implements ImageTransform {

    /** Copies {@code src} into {@code dst} (overwritten); {@code src} is not modified and {@code random} is not used. */
    @Override
    public void apply(float[] src, int srcOff, float[] dst, int dstOff, int height, int width, SplittableRandom random) {
        ImageChecks.image("src", src, srcOff, height, width);
        ImageChecks.image("dst", dst, dstOff, height, width);
        System.arraycopy(src, srcOff, dst, dstOff, height * width);
    }

    @Override
    public String toString() {
        return "Identity()";
    }
}
