package dev.knobs.exercises.l08;

import dev.knobs.nn.augment.AffineMatrix;
import dev.knobs.nn.augment.FixedAffine;
import dev.knobs.nn.augment.ImageTransform;
import java.util.SplittableRandom;

/** The reference solution of exercise 08.2: the drawn whole-pixel shift applied by nn-core's FixedAffine, fill 0. */
public final class RandomShift implements ImageTransform {
    private final int maxShift;

    public RandomShift(int maxShift) {
        this.maxShift = maxShift;
    }

    @Override
    public void apply(float[] src, int srcOff, float[] dst, int dstOff, int height, int width, SplittableRandom random) {
        int dx = random.nextInt(-maxShift, maxShift + 1);
        int dy = random.nextInt(-maxShift, maxShift + 1);
        new FixedAffine(AffineMatrix.translation(dx, dy), 0f).apply(src, srcOff, dst, dstOff, height, width, random);
    }
}
