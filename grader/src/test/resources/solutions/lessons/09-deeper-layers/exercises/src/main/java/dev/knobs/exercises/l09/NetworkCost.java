package dev.knobs.exercises.l09;

import dev.knobs.nn.init.HeNormal;
import dev.knobs.nn.layer.Mlp;
import java.util.SplittableRandom;

/** The reference solution of exercise 09.2: nn-core's parameter count, and the bench's FLOPs formula. */
public final class NetworkCost {
    private NetworkCost() {}

    public static long parameters(int[] widths) {
        return Mlp.relu(new HeNormal(), widths).build(new SplittableRandom(0)).parameterCount();
    }

    public static long stepFlops(int[] widths, int batch) {
        long perExample = 0;
        for (int l = 0; l + 1 < widths.length; l++) {
            perExample += (l == 0 ? 2L : 3L) * widths[l] * widths[l + 1];
        }
        return 2 * perExample * batch;
    }
}
