package dev.knobs.nn.optim;

import java.util.List;

/**
 * What an optimiser remembers between steps, for a checkpoint: a step count (Adam's {@code t}
 * for its bias correction; 0 for the others) and its per-weight buffers, one per parameter and
 * kind of buffer, in the order {@link Optimizer#memory} lists them. Plain SGD remembers nothing.
 *
 * @param steps   the optimiser's own step counter
 * @param buffers velocities or running averages, copies owned by this record
 */
public record Memory(long steps, List<float[]> buffers) {
    /** The memory of an optimiser that keeps none. */
    public static final Memory NONE = new Memory(0, List.of());
}
