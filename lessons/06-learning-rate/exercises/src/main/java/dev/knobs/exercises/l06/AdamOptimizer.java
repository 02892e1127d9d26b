package dev.knobs.exercises.l06;

import dev.knobs.nn.layer.Parameter;
import dev.knobs.nn.optim.Optimizer;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Exercise 06.2: one step of Adam (Kingma and Ba 2015).
 *
 * <pre>
 *   t ← t + 1                                 once per step, shared by all parameters
 *   for every parameter and every weight i:
 *     m[i] ← β₁·m[i] + (1-β₁)·g[i]              running mean of the gradients
 *     v[i] ← β₂·v[i] + (1-β₂)·g[i]²             running mean of the squared gradients
 *     m̂ = m[i] / (1-β₁ᵗ),   v̂ = v[i] / (1-β₂ᵗ)   bias correction
 *     w[i] ← w[i] - η·m̂ / (√v̂ + ε)
 * </pre>
 *
 * <p>Why the bias correction: m and v start at 0, so in the first steps they are far too small
 * (after one step {@code m = (1-β₁)·g}, a tenth of the gradient). Dividing by {@code 1-βᵗ}
 * removes that bias exactly: the first step moves every weight by about η, whatever the scale of
 * its gradient. Without it the first steps are badly sized, and the ratio of two wrongly scaled
 * averages is not the per-weight step Adam promises.
 *
 * <p>Grading: the first step by hand (about η per weight), a comparison with nn-core's
 * {@link dev.knobs.nn.optim.Adam} (the reference solution) over many random steps, a fresh state
 * after {@link #copy()}, and a short run on a quadratic bowl.
 */
public final class AdamOptimizer implements Optimizer {
    private final float beta1;
    private final float beta2;
    private final float epsilon;
    private final Map<Parameter, float[]> mean = new IdentityHashMap<>();
    private final Map<Parameter, float[]> meanSquare = new IdentityHashMap<>();
    private int t;

    /** Adam with the paper's defaults: β₁ = 0.9, β₂ = 0.999, ε = 1e-8. */
    public AdamOptimizer() {
        this(0.9f, 0.999f, 1e-8f);
    }

    /**
     * @param beta1   decay of the mean of the gradients, in [0, 1)
     * @param beta2   decay of the mean of the squared gradients, in [0, 1)
     * @param epsilon added to the root to avoid dividing by zero, > 0
     */
    public AdamOptimizer(float beta1, float beta2, float epsilon) {
        if (!(beta1 >= 0f && beta1 < 1f) || !(beta2 >= 0f && beta2 < 1f) || !(epsilon > 0f)) {
            throw new IllegalArgumentException("Adam needs betas in [0, 1) and epsilon > 0, got beta1=" + beta1
                    + ", beta2=" + beta2 + ", epsilon=" + epsilon);
        }
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.epsilon = epsilon;
    }

    /** The zero-initialised buffer of {@code p} in {@code state} ({@code mean} or {@code meanSquare}). */
    private static float[] bufferOf(Map<Parameter, float[]> state, Parameter p) {
        return state.computeIfAbsent(p, q -> new float[q.size()]);
    }

    /** Updates every {@code value()} in place from its {@code grad()}: see the class comment. */
    @Override
    public void step(List<Parameter> parameters, float learningRate) {
        Optimizer.checkLearningRate(learningRate);
        throw new UnsupportedOperationException("exercise 06.2: Adam step: update m and v, correct their bias with "
                + "1 - beta^t, then w -= lr·m̂/(√v̂ + eps) (lessons/06-learning-rate/exercises/.../AdamOptimizer.java)");
    }

    @Override
    public AdamOptimizer copy() {
        return new AdamOptimizer(beta1, beta2, epsilon);
    }

    @Override
    public String name() {
        return "adam(" + beta1 + ", " + beta2 + ", exercise 06.2)";
    }
}
