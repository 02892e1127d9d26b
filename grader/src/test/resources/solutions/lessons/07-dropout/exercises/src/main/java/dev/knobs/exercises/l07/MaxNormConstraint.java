package dev.knobs.exercises.l07;

import dev.knobs.nn.layer.Parameter;
import dev.knobs.nn.optim.MaxNorm;
import java.util.List;

/** The reference solution of exercise 07.2: nn-core's MaxNorm. */
public final class MaxNormConstraint {
    private final MaxNorm maxNorm;

    public MaxNormConstraint(float c) {
        maxNorm = new MaxNorm(c);
    }

    public void apply(List<Parameter> parameters) {
        maxNorm.apply(parameters);
    }
}
