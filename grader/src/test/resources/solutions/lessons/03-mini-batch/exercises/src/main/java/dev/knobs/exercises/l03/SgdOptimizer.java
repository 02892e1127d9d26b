package dev.knobs.exercises.l03;

import dev.knobs.nn.layer.Parameter;
import dev.knobs.nn.optim.Optimizer;
import dev.knobs.nn.optim.Sgd;
import java.util.List;

/** The reference solution of exercise 03.2: nn-core's Sgd. */
public final class SgdOptimizer implements Optimizer {
    private final Sgd sgd = new Sgd();

    @Override
    public void step(List<Parameter> parameters, float learningRate) {
        sgd.step(parameters, learningRate);
    }

    @Override
    public SgdOptimizer copy() {
        return new SgdOptimizer();
    }

    @Override
    public String name() {
        return sgd.name();
    }
}
