package dev.knobs.nn.optim;

import dev.knobs.nn.layer.Parameter;
import java.util.ArrayList;
import java.util.List;

/**
 * Adam (Kingma and Ba 2015, "Adam: a method for stochastic optimization").
 *
 * <pre>
 *   t ← t + 1
 *   m ← β₁·m + (1-β₁)·g              running mean of gradients (momentum)
 *   v ← β₂·v + (1-β₂)·g²             running mean of squared gradients (RMSProp)
 *   m̂ = m / (1-β₁ᵗ),  v̂ = v / (1-β₂ᵗ)  bias correction: m and v start at 0
 *   w ← w - η·m̂ / (√v̂ + ε)
 * </pre>
 *
 * <p>Momentum and per-weight step sizes together; the default η = 0.001 works for many problems
 * without tuning, which is why it is popular. Plain SGD with momentum and a good schedule often
 * generalises a little better on MNIST-sized problems; lesson 06 compares them.
 */
public final class Adam implements Optimizer {
    private final float beta1;
    private final float beta2;
    private final float epsilon;
    private final State mean = new State();
    private final State meanSquare = new State();
    private int t;

    /** Adam with the paper's defaults: β₁ = 0.9, β₂ = 0.999, ε = 1e-8. */
    public Adam() {
        this(0.9f, 0.999f, 1e-8f);
    }

    /**
     * @param beta1   decay of the mean of the gradients, in [0, 1)
     * @param beta2   decay of the mean of the squared gradients, in [0, 1)
     * @param epsilon added to the root to avoid dividing by zero, > 0
     */
    public Adam(float beta1, float beta2, float epsilon) {
        if (!(beta1 >= 0f && beta1 < 1f) || !(beta2 >= 0f && beta2 < 1f)) {
            throw new IllegalArgumentException("Adam betas must be in [0, 1), got beta1=" + beta1 + ", beta2=" + beta2
                    + " (0.9 and 0.999 are usual)");
        }
        if (!(epsilon > 0f)) {
            throw new IllegalArgumentException("Adam epsilon must be > 0, got " + epsilon + " (1e-8 is usual)");
        }
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.epsilon = epsilon;
    }

    @Override
    public void step(List<Parameter> parameters, float learningRate) {
        Optimizer.checkLearningRate(learningRate);
        t++;
        float correction1 = (float) (1 - Math.pow(beta1, t));
        float correction2 = (float) (1 - Math.pow(beta2, t));
        PerWeight.update(parameters, mean, meanSquare, (from, to, w, g, m, v) -> {
            for (int i = from; i < to; i++) {
                m[i] = beta1 * m[i] + (1f - beta1) * g[i];
                v[i] = beta2 * v[i] + (1f - beta2) * g[i] * g[i];
                float mHat = m[i] / correction1;
                float vHat = v[i] / correction2;
                w[i] -= learningRate * mHat / ((float) Math.sqrt(vHat) + epsilon);
            }
        });
    }

    /** The step count t, then m of every parameter, then v of every parameter. */
    @Override
    public Memory memory(List<Parameter> parameters) {
        List<float[]> buffers = new ArrayList<>(mean.copies(parameters));
        buffers.addAll(meanSquare.copies(parameters));
        return new Memory(t, buffers);
    }

    @Override
    public void restore(List<Parameter> parameters, Memory saved) {
        int next = mean.restore(parameters, saved.buffers(), 0);
        meanSquare.restore(parameters, saved.buffers(), next);
        t = Math.toIntExact(saved.steps());
    }

    @Override
    public Adam copy() {
        return new Adam(beta1, beta2, epsilon);
    }

    @Override
    public String name() {
        return "adam(" + beta1 + ", " + beta2 + ")";
    }
}
