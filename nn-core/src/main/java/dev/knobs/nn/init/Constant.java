package dev.knobs.nn.init;

import java.util.Arrays;
import java.util.SplittableRandom;

/** All weights equal to {@code value}: the same symmetry problem as {@link Zeros}. */
public final class Constant implements Initializer {
    private final float value;

    /** Every weight starts at {@code value}. */
    public Constant(float value) {
        if (!Float.isFinite(value)) {
            throw new IllegalArgumentException("constant initial value must be finite, got " + value);
        }
        this.value = value;
    }

    @Override
    public void fill(float[] w, int fanIn, int fanOut, SplittableRandom rng) {
        Arrays.fill(w, value);
    }

    @Override
    public String name() {
        return "constant(" + value + ")";
    }
}
