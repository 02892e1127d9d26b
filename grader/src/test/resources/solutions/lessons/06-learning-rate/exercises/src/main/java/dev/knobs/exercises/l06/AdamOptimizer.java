package dev.knobs.exercises.l06;

import dev.knobs.nn.layer.Parameter;
import dev.knobs.nn.optim.Adam;
import dev.knobs.nn.optim.Optimizer;
import java.util.List;

/** The reference solution of exercise 06.2: nn-core's Adam. */
public final class AdamOptimizer implements Optimizer {
    private final float beta1;
    private final float beta2;
    private final float epsilon;
    private final Adam adam;

    public AdamOptimizer(float beta1, float beta2, float epsilon) {
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.epsilon = epsilon;
        this.adam = new Adam(beta1, beta2, epsilon);
    }

    @Override public void step(List<Parameter> parameters, float learningRate) { adam.step(parameters, learningRate); }
    @Override public AdamOptimizer copy() { return new AdamOptimizer(beta1, beta2, epsilon); }
    @Override public String name() { return adam.name(); }
}
