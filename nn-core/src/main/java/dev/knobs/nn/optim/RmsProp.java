package dev.knobs.nn.optim;

import dev.knobs.nn.layer.Parameter;
import java.util.List;

/**
 * RMSProp (Tieleman and Hinton 2012, Coursera lecture 6.5).
 *
 * <pre>
 *   s ← ρ·s + (1-ρ)·g²
 *   w ← w - η·g / (√s + ε)
 * </pre>
 *
 * <p>Each weight gets its own step size: divided by a running average of its recent gradient
 * magnitude, so weights with consistently large gradients take smaller steps and rarely-updated
 * ones take larger steps.
 */
public final class RmsProp implements Optimizer {
    private final float rho;
    private final float epsilon;
    private final State meanSquare = new State();

    /**
     * @param rho     decay of the squared-gradient average, in [0, 1); 0.9 is usual
     * @param epsilon added to the root to avoid dividing by zero; 1e-8 is usual
     */
    public RmsProp(float rho, float epsilon) {
        if (!(rho >= 0f && rho < 1f)) {
            throw new IllegalArgumentException("RMSProp rho must be in [0, 1), got " + rho + " (0.9 is usual)");
        }
        if (!(epsilon > 0f)) {
            throw new IllegalArgumentException("RMSProp epsilon must be > 0, got " + epsilon + " (1e-8 is usual)");
        }
        this.rho = rho;
        this.epsilon = epsilon;
    }

    @Override
    public void step(List<Parameter> parameters, float learningRate) {
        Optimizer.checkLearningRate(learningRate);
        PerWeight.update(parameters, meanSquare, (from, to, w, g, s) -> {
            for (int i = from; i < to; i++) {
                s[i] = rho * s[i] + (1f - rho) * g[i] * g[i];
                w[i] -= learningRate * g[i] / ((float) Math.sqrt(s[i]) + epsilon);
            }
        });
    }

    @Override
    public Memory memory(List<Parameter> parameters) {
        return meanSquare.memory(parameters);
    }

    @Override
    public void restore(List<Parameter> parameters, Memory saved) {
        meanSquare.restore(parameters, saved);
    }

    @Override
    public RmsProp copy() {
        return new RmsProp(rho, epsilon);
    }

    @Override
    public String name() {
        return "rmsprop(" + rho + ")";
    }
}
