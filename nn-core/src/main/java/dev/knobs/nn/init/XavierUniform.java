package dev.knobs.nn.init;

import java.util.SplittableRandom;

/**
 * Xavier/Glorot uniform (Glorot and Bengio 2010, "Understanding the difficulty of training deep
 * feedforward neural networks"): {@code W ~ U(-a, a)} with {@code a = sqrt(6 / (fanIn + fanOut))},
 * so {@code Var(W) = 2 / (fanIn + fanOut)}.
 *
 * <p>It keeps the variance of activations (which wants {@code Var(W) = 1/fanIn}) and of
 * gradients (which wants {@code 1/fanOut}) about constant across layers, a compromise between the
 * two. It assumes an activation that is linear around 0 (tanh, sigmoid); ReLU zeroes half its
 * inputs, which is why {@link HeNormal} doubles the variance.
 */
public final class XavierUniform implements Initializer {
    @Override
    public void fill(float[] w, int fanIn, int fanOut, SplittableRandom rng) {
        Uniform.fillUniform(w, Math.sqrt(6.0 / (fanIn + fanOut)), rng);
    }

    @Override
    public String name() {
        return "xavier_uniform";
    }
}
