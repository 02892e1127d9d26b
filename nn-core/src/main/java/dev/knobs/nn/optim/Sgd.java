package dev.knobs.nn.optim;

import dev.knobs.nn.kernel.Ops;
import dev.knobs.nn.layer.Parameter;
import java.util.List;

/**
 * Plain stochastic gradient descent: step downhill along the mini-batch gradient.
 *
 * <pre>
 *   w ← w - η·g
 * </pre>
 */
public final class Sgd implements Optimizer {
    @Override
    public void step(List<Parameter> parameters, float learningRate) {
        Optimizer.checkLearningRate(learningRate);
        for (Parameter p : parameters) {
            Ops.axpy(p.size(), -learningRate, p.grad(), p.value());
        }
    }

    @Override
    public Memory memory(List<Parameter> parameters) {
        return Memory.NONE;
    }

    @Override
    public void restore(List<Parameter> parameters, Memory saved) {
        // plain SGD remembers nothing
    }

    @Override
    public Sgd copy() {
        return new Sgd();
    }

    @Override
    public String name() {
        return "sgd";
    }
}
