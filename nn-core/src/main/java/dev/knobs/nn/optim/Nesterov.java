package dev.knobs.nn.optim;

import dev.knobs.nn.layer.Parameter;
import java.util.List;

/**
 * Nesterov momentum (Nesterov 1983; Sutskever et al. 2013), in the form PyTorch uses.
 *
 * <pre>
 *   v ← μ·v + g
 *   w ← w - η·(g + μ·v)
 * </pre>
 *
 * <p>Plain momentum steps with the velocity it had; Nesterov looks ahead: it steps as if the
 * velocity had already been applied once more, which corrects overshooting one step earlier.
 */
public final class Nesterov implements Optimizer {
    private final float mu;
    private final State velocity = new State();

    /** @param mu momentum coefficient in [0, 1); 0.9 is the usual choice */
    public Nesterov(float mu) {
        if (!(mu >= 0f && mu < 1f)) {
            throw new IllegalArgumentException("Nesterov momentum must be in [0, 1), got " + mu + " (0.9 is usual)");
        }
        this.mu = mu;
    }

    @Override
    public void step(List<Parameter> parameters, float learningRate) {
        Optimizer.checkLearningRate(learningRate);
        PerWeight.update(parameters, velocity, (from, to, w, g, v) -> {
            for (int i = from; i < to; i++) {
                v[i] = mu * v[i] + g[i];
                w[i] -= learningRate * (g[i] + mu * v[i]);
            }
        });
    }

    @Override
    public Memory memory(List<Parameter> parameters) {
        return velocity.memory(parameters);
    }

    @Override
    public void restore(List<Parameter> parameters, Memory saved) {
        velocity.restore(parameters, saved);
    }

    @Override
    public Nesterov copy() {
        return new Nesterov(mu);
    }

    @Override
    public String name() {
        return "nesterov(" + mu + ")";
    }
}
