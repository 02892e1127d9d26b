package dev.knobs.nn.init;

import java.util.SplittableRandom;

/**
 * Weights drawn uniformly from {@code [-limit, limit]}, whatever the layer's size: variance
 * {@code limit²/3}. The scale-aware rules below set the limit from the fan-in and fan-out.
 */
public final class Uniform implements Initializer {
    private final float limit;

    /** Weights drawn uniformly from [-limit, limit], whatever the layer's size. */
    public Uniform(float limit) {
        if (!(limit >= 0f) || !Float.isFinite(limit)) {
            throw new IllegalArgumentException("uniform limit must be a finite number >= 0, got " + limit);
        }
        this.limit = limit;
    }

    @Override
    public void fill(float[] w, int fanIn, int fanOut, SplittableRandom rng) {
        fillUniform(w, limit, rng);
    }

    /** Fills {@code w} (modified) with values uniform in {@code [-limit, limit)}. */
    static void fillUniform(float[] w, double limit, SplittableRandom rng) {
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) ((2 * rng.nextDouble() - 1) * limit);
        }
    }

    @Override
    public String name() {
        return "uniform(" + limit + ")";
    }
}
