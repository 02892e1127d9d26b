package dev.knobs.nn.init;

import java.util.SplittableRandom;

/**
 * LeCun normal (LeCun, Bottou, Orr and Müller 1998, "Efficient BackProp"):
 * {@code W ~ N(0, 1 / fanIn)}, which keeps the variance of a linear or tanh layer's output equal
 * to its input's. The default for SELU networks.
 */
public final class LeCunNormal implements Initializer {
    @Override
    public void fill(float[] w, int fanIn, int fanOut, SplittableRandom rng) {
        Normal.fillNormal(w, Math.sqrt(1.0 / fanIn), rng);
    }

    @Override
    public String name() {
        return "lecun_normal";
    }
}
