package dev.knobs.nn.init;

import java.util.SplittableRandom;

/**
 * Xavier/Glorot normal (Glorot and Bengio 2010): {@code W ~ N(0, 2 / (fanIn + fanOut))}.
 * The same variance as {@link XavierUniform}, drawn from a normal distribution.
 */
public final class XavierNormal implements Initializer {
    @Override
    public void fill(float[] w, int fanIn, int fanOut, SplittableRandom rng) {
        Normal.fillNormal(w, Math.sqrt(2.0 / (fanIn + fanOut)), rng);
    }

    @Override
    public String name() {
        return "xavier_normal";
    }
}
