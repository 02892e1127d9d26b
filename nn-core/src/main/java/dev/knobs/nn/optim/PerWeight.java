package dev.knobs.nn.optim;

import dev.knobs.nn.kernel.Parallel;
import dev.knobs.nn.layer.Parameter;
import java.util.List;

/**
 * The loop every per-weight optimiser shares ({@link Momentum}, {@link Nesterov}, {@link RmsProp},
 * {@link Adam}): for each parameter, fetch its state buffers, then apply the optimiser's rule to
 * every weight. Each weight's update reads only its own gradient and state, so the weights are cut
 * into contiguous chunks, one per thread, and the result is the same for any thread count.
 */
final class PerWeight {
    /** Below this many weights a parameter is updated on the calling thread: handing it out costs more. */
    private static final int GRAIN = 32_768;

    private PerWeight() {}

    /** The rule for weights {@code [from, to)} with one state buffer {@code s}; modifies {@code w} and {@code s}. */
    @FunctionalInterface
    interface OneBuffer {
        void update(int from, int to, float[] w, float[] g, float[] s);
    }

    /** The rule for weights {@code [from, to)} with two state buffers; modifies {@code w}, {@code s1}, {@code s2}. */
    @FunctionalInterface
    interface TwoBuffers {
        void update(int from, int to, float[] w, float[] g, float[] s1, float[] s2);
    }

    static void update(List<Parameter> parameters, State state, OneBuffer rule) {
        for (Parameter p : parameters) {
            float[] w = p.value();
            float[] g = p.grad();
            float[] s = state.of(p);
            Parallel.range(w.length, GRAIN, (from, to) -> rule.update(from, to, w, g, s));
        }
    }

    static void update(List<Parameter> parameters, State first, State second, TwoBuffers rule) {
        for (Parameter p : parameters) {
            float[] w = p.value();
            float[] g = p.grad();
            float[] s1 = first.of(p);
            float[] s2 = second.of(p);
            Parallel.range(w.length, GRAIN, (from, to) -> rule.update(from, to, w, g, s1, s2));
        }
    }
}
