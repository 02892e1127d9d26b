package dev.knobs.exercises.l06;

import dev.knobs.nn.layer.Parameter;
import dev.knobs.nn.optim.Momentum;
import dev.knobs.nn.optim.Optimizer;
import java.util.List;

/** The reference solution of exercise 06.1: nn-core's Momentum. */
public final class MomentumOptimizer implements Optimizer {
    private final float mu;
    private final Momentum momentum;

    public MomentumOptimizer(float mu) { this.mu = mu; this.momentum = new Momentum(mu); }

    @Override public void step(List<Parameter> parameters, float learningRate) { momentum.step(parameters, learningRate); }
    @Override public MomentumOptimizer copy() { return new MomentumOptimizer(mu); }
    @Override public String name() { return momentum.name(); }
}
