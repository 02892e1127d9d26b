package dev.knobs.exercises.l08;

import dev.knobs.nn.augment.AffineMatrix;
import dev.knobs.nn.augment.FixedAffine;
import dev.knobs.nn.augment.ImageTransform;
import java.util.SplittableRandom;

/** The reference solution of exercise 08.1: nn-core's FixedAffine. */
public final class AffineWarp implements ImageTransform {
    private final FixedAffine warp;

    public AffineWarp(AffineMatrix forward, float fill) {
        warp = new FixedAffine(forward, fill);
    }

    @Override
    public void apply(float[] src, int srcOff, float[] dst, int dstOff, int height, int width, SplittableRandom random) {
        warp.apply(src, srcOff, dst, dstOff, height, width, random);
    }
}
