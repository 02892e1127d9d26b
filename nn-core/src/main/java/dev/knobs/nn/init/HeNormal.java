package dev.knobs.nn.init;

import java.util.SplittableRandom;

/**
 * He/Kaiming normal (He, Zhang, Ren and Sun 2015, "Delving deep into rectifiers"):
 * {@code W ~ N(0, 2 / fanIn)}.
 *
 * <p>Why the 2: for {@code z = Σ wᵢ xᵢ} with independent zero-mean weights,
 * {@code Var(z) = fanIn · Var(w) · E[x²]}. A ReLU passes only the positive half of its input,
 * so {@code E[x²] = Var(z_prev) / 2}. Choosing {@code Var(w) = 2 / fanIn} makes
 * {@code Var(z) = Var(z_prev)}: the signal keeps its scale through any number of ReLU layers.
 * Without the 2 (Xavier/LeCun) it halves at each layer; lesson 04 measures this.
 */
public final class HeNormal implements Initializer {
    @Override
    public void fill(float[] w, int fanIn, int fanOut, SplittableRandom rng) {
        Normal.fillNormal(w, Math.sqrt(2.0 / fanIn), rng);
    }

    @Override
    public String name() {
        return "he_normal";
    }
}
