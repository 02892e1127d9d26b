package dev.knobs.nn.init;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * All weights 0. Right for biases; wrong for weights: every unit of a layer then computes the
 * same output and receives the same gradient, so the units stay identical forever (and with
 * ReLU the gradient is exactly 0). Lesson 04 shows the flat loss curve.
 */
public final class Zeros implements Initializer {
    @Override
    public void fill(float[] w, int fanIn, int fanOut, SplittableRandom rng) {
        Arrays.fill(w, 0f);
    }

    @Override
    public String name() {
        return "zeros";
    }
}
