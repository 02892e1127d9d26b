package dev.knobs.exercises.l04;

import dev.knobs.nn.init.Initializer;
import java.util.SplittableRandom;

/**
 * Exercise 04.2: Xavier (Glorot) uniform initialisation, {@code W ~ U(-a, a)} with
 * {@code a = sqrt(6 / (fanIn + fanOut))}.
 *
 * <pre>
 *   wₖ = a · (2uₖ - 1),   uₖ ~ U(0, 1) (rng.nextDouble()),   a = sqrt(6 / (fanIn + fanOut))
 *   Var(w) = a² / 3 = 2 / (fanIn + fanOut)
 * </pre>
 *
 * <p>Why: keeping activations at the same scale wants {@code Var(w) = 1/fanIn}; keeping the
 * gradients flowing back at the same scale wants {@code 1/fanOut}. Glorot and Bengio (2010) take
 * the harmonic compromise {@code 2/(fanIn + fanOut)}; a uniform distribution on [-a, a] has
 * variance {@code a²/3}, hence the 6.
 *
 * <p>Grading: every value inside [-a, a], the variance and flatness of a large sample (fan-in and
 * fan-out differ), determinism given {@code rng}, and a comparison with nn-core's
 * {@link dev.knobs.nn.init.XavierUniform}, the reference solution.
 */
public final class XavierUniformInitializer implements Initializer {

    /** Fills all of {@code w} ({@code fanOut * fanIn} floats) with draws from U(-a, a), using only {@code rng}. */
    @Override
    public void fill(float[] w, int fanIn, int fanOut, SplittableRandom rng) {
        throw new UnsupportedOperationException("exercise 04.2: Xavier uniform initialiser: fill w with a · (2u - 1), "
                + "a = sqrt(6 / (fanIn + fanOut)) (lessons/04-initialization/exercises/.../XavierUniformInitializer.java)");
    }

    @Override
    public String name() {
        return "xavier_uniform";
    }
}
