package dev.knobs.nn.optim;

import dev.knobs.nn.layer.Parameter;
import java.util.List;

/**
 * SGD with (heavy-ball) momentum (Polyak 1964; Sutskever et al. 2013), in the form PyTorch uses.
 *
 * <pre>
 *   v ← μ·v + g
 *   w ← w - η·v
 * </pre>
 *
 * <p>The velocity {@code v} is a running sum of past gradients: directions that agree from batch
 * to batch build up speed (up to {@code 1/(1-μ)} = 10x for μ = 0.9), while directions that flip
 * sign cancel out. That damps the zig-zag across narrow valleys of the loss.
 */
public final class Momentum implements Optimizer {
    private final float mu;
    private final State velocity = new State();

    /** @param mu momentum coefficient in [0, 1); 0.9 is the usual choice */
    public Momentum(float mu) {
        if (!(mu >= 0f && mu < 1f)) {
            throw new IllegalArgumentException("momentum must be in [0, 1), got " + mu + " (0.9 is usual)");
        }
        this.mu = mu;
    }

    @Override
    public void step(List<Parameter> parameters, float learningRate) {
        Optimizer.checkLearningRate(learningRate);
        PerWeight.update(parameters, velocity, (from, to, w, g, v) -> {
            for (int i = from; i < to; i++) {
                v[i] = mu * v[i] + g[i];
                w[i] -= learningRate * v[i];
            }
        });
    }

    /** μ. */
    public float mu() {
        return mu;
    }

    /**
     * The velocity of {@code p} (zeros before its first step), for a fused kernel that applies this
     * rule to {@code p} itself ({@code Gemm.atbMomentum}); then leave {@code p} out of {@link #step}.
     */
    public float[] velocity(Parameter p) {
        return velocity.of(p);
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
    public Momentum copy() {
        return new Momentum(mu);
    }

    @Override
    public String name() {
        return "momentum(" + mu + ")";
    }
}
