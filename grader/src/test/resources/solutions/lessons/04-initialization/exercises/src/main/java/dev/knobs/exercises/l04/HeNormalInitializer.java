package dev.knobs.exercises.l04;

import dev.knobs.nn.init.HeNormal;
import dev.knobs.nn.init.Initializer;
import java.util.SplittableRandom;

/** The reference solution: nn-core's HeNormal. */
public final class HeNormalInitializer implements Initializer {
    @Override
    public void fill(float[] w, int fanIn, int fanOut, SplittableRandom rng) {
        new HeNormal().fill(w, fanIn, fanOut, rng);
    }

    @Override
    public String name() {
        return new HeNormal().name();
    }
}
