package dev.knobs.exercises.l04;

import dev.knobs.nn.init.Initializer;
import java.util.SplittableRandom;

/**
 * Exercise 04.1: He (Kaiming) normal initialisation, {@code W ~ N(0, 2 / fanIn)}.
 *
 * <pre>
 *   wₖ = σ · gₖ,   gₖ ~ N(0, 1) (rng.nextGaussian()),   σ = sqrt(2 / fanIn)
 * </pre>
 *
 * <p>Why: for {@code z = Σᵢ wᵢ xᵢ} with independent zero-mean weights,
 * {@code Var(z) = fanIn · Var(w) · E[x²]}, and after a ReLU {@code E[x²] = Var(z_prev) / 2}.
 * {@code Var(w) = 2 / fanIn} keeps {@code Var(z)} the same in every layer, so the signal neither
 * fades nor explodes with depth (He et al. 2015). It is the fan-in, the inputs per unit, that
 * matters: each unit sums {@code fanIn} products.
 *
 * <p>Grading: the mean, variance and shape of a large sample (with fan-in and fan-out different,
 * so using the wrong one shows), that every value comes from {@code rng} (the same seed gives the
 * same weights), and a comparison with nn-core's {@link dev.knobs.nn.init.HeNormal}, the reference.
 */
public final class HeNormalInitializer implements Initializer {

    /** Fills all of {@code w} ({@code fanOut * fanIn} floats) with draws from N(0, 2 / fanIn), using only {@code rng}. */
    @Override
    public void fill(float[] w, int fanIn, int fanOut, SplittableRandom rng) {
        throw new UnsupportedOperationException("exercise 04.1: He normal initialiser: fill w with "
                + "sqrt(2 / fanIn) · rng.nextGaussian() (lessons/04-initialization/exercises/.../HeNormalInitializer.java)");
    }

    @Override
    public String name() {
        return "he_normal";
    }
}
