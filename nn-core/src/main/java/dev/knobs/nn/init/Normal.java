package dev.knobs.nn.init;

import java.util.SplittableRandom;

/**
 * Weights drawn from a normal distribution with mean 0 and a fixed standard deviation, whatever
 * the layer's size. With {@code std = 0.01} signals shrink in every layer; with {@code std = 1}
 * a 784-input layer multiplies their scale by about 28. Lesson 04 shows both.
 */
public final class Normal implements Initializer {
    private final float std;

    /** Weights drawn from N(0, std²), whatever the layer's size (the naive scheme He and Xavier correct). */
    public Normal(float std) {
        if (!(std >= 0f) || !Float.isFinite(std)) {
            throw new IllegalArgumentException("normal std must be a finite number >= 0, got " + std);
        }
        this.std = std;
    }

    @Override
    public void fill(float[] w, int fanIn, int fanOut, SplittableRandom rng) {
        fillNormal(w, std, rng);
    }

    /** Fills {@code w} (modified) with values from N(0, std²). */
    static void fillNormal(float[] w, double std, SplittableRandom rng) {
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) (rng.nextGaussian() * std);
        }
    }

    @Override
    public String name() {
        return "normal(" + std + ")";
    }
}
