package dev.knobs.nn.optim;

import dev.knobs.nn.layer.Parameter;
import java.util.List;

/**
 * A rule that turns gradients into parameter updates.
 *
 * <p>Call order: after {@code backward} has filled every {@code Parameter.grad()}, call
 * {@code step(parameters, learningRate)} once per mini-batch. The learning rate is passed in
 * each time because a schedule may change it from step to step. State such as momentum is kept
 * per parameter inside the optimiser; {@link #copy()} gives a fresh optimiser with the same
 * settings and no state, for a new run.
 */
public interface Optimizer {

    /** Updates every {@code Parameter.value()} in place using its {@code grad()}. */
    void step(List<Parameter> parameters, float learningRate);

    /** The same settings with empty state. */
    Optimizer copy();

    /** A short description, e.g. {@code "momentum(0.9)"}. */
    String name();

    /**
     * A copy of what this optimiser remembers about {@code parameters}, for a checkpoint; after
     * {@link #restore} of it, a fresh {@link #copy()} takes the same steps as this one would. The
     * default refuses: an optimiser that does not say what it remembers cannot be checkpointed.
     */
    default Memory memory(List<Parameter> parameters) {
        throw new UnsupportedOperationException("optimiser " + name() + " cannot be saved in a checkpoint: it does not "
                + "say what it remembers between steps; train it without a checkpoint");
    }

    /** Sets this optimiser's memory of {@code parameters} to {@code saved}, taken by {@link #memory} from the same kind. */
    default void restore(List<Parameter> parameters, Memory saved) {
        throw new UnsupportedOperationException("optimiser " + name() + " cannot be restored from a checkpoint");
    }

    /** Rejects a learning rate that cannot work, with a message saying why. */
    static void checkLearningRate(float learningRate) {
        if (!(learningRate > 0f) || !Float.isFinite(learningRate)) {
            throw new IllegalArgumentException("learning rate must be a finite number > 0, got " + learningRate
                    + " (typical values: 0.01 to 0.1 for SGD, 0.001 for Adam)");
        }
    }
}
