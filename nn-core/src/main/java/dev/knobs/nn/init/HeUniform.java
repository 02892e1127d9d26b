package dev.knobs.nn.init;

import java.util.SplittableRandom;

/**
 * He/Kaiming uniform (He et al. 2015): {@code W ~ U(-a, a)} with {@code a = sqrt(6 / fanIn)},
 * the same variance {@code 2 / fanIn} as {@link HeNormal}.
 */
public final class HeUniform implements Initializer {
    @Override
    public void fill(float[] w, int fanIn, int fanOut, SplittableRandom rng) {
        Uniform.fillUniform(w, Math.sqrt(6.0 / fanIn), rng);
    }

    @Override
    public String name() {
        return "he_uniform";
    }
}
