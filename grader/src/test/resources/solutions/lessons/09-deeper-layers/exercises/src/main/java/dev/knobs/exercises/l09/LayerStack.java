package dev.knobs.exercises.l09;

import dev.knobs.nn.init.HeNormal;
import dev.knobs.nn.layer.Mlp;
import dev.knobs.nn.layer.Sequential;
import java.util.SplittableRandom;

/** The reference solution of exercise 09.1: nn-core's Mlp. */
public final class LayerStack {
    private LayerStack() {}

    public static Sequential build(int inputs, int[] hidden, int classes, SplittableRandom rng) {
        int[] widths = new int[hidden.length + 2];
        widths[0] = inputs;
        System.arraycopy(hidden, 0, widths, 1, hidden.length);
        widths[widths.length - 1] = classes;
        return Mlp.relu(new HeNormal(), widths).build(rng);
    }
}
