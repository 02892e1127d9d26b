package dev.knobs.nn.optim;

import dev.knobs.nn.kernel.Ops;
import dev.knobs.nn.layer.Parameter;
import java.util.List;

/**
 * L2 weight decay: adds {@code (λ/2)·Σ w²} to the loss, i.e. {@code λ·w} to each weight's
 * gradient, before the optimiser step.
 *
 * <pre>
 *   g ← g + λ·w          (weights only, not biases)
 * </pre>
 *
 * <p>It pulls weights toward zero, so the network prefers many small weights to a few large
 * ones, which usually generalises better. Call {@link #apply} between {@code backward} and
 * {@code Optimizer.step}.
 */
public final class WeightDecay {
    private final float lambda;

    /** @param lambda decay strength, {@code >= 0}; 1e-4 to 5e-4 is typical for MNIST MLPs */
    public WeightDecay(float lambda) {
        if (!(lambda >= 0f) || !Float.isFinite(lambda)) {
            throw new IllegalArgumentException("weight decay must be a finite number >= 0, got " + lambda
                    + " (1e-4 is typical; 0 turns it off)");
        }
        this.lambda = lambda;
    }

    /** Adds {@code λ·w} to the gradient of every weight matrix (modifies {@code grad()}). */
    public void apply(List<Parameter> parameters) {
        if (lambda == 0f) {
            return;
        }
        for (Parameter p : parameters) {
            if (p.isWeight()) {
                Ops.axpy(p.size(), lambda, p.value(), p.grad());
            }
        }
    }

    /** The decay strength λ. */
    public float lambda() {
        return lambda;
    }
}
