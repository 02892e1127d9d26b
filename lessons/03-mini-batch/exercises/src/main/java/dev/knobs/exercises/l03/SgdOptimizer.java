package dev.knobs.exercises.l03;

import dev.knobs.nn.layer.Parameter;
import dev.knobs.nn.optim.Optimizer;
import java.util.List;

/**
 * Exercise 03.2: one step of plain stochastic gradient descent.
 *
 * <pre>
 *   for every parameter p and every weight i:
 *     w[i] ← w[i] - η·g[i]          w = p.value(), g = p.grad(), η the learning rate
 * </pre>
 *
 * <p>Why: the gradient of the mini-batch's loss points uphill, so a small step against it lowers
 * the loss (to first order, by {@code η·‖g‖²}). The mini-batch gradient is a noisy estimate of the
 * whole training set's, which is what makes the descent stochastic: many cheap, noisy steps get
 * further than a few exact ones. Every parameter is updated, biases as well as weights; the
 * gradients are only read.
 *
 * <p>Grading: a step by hand, weights and biases both moved, the learning rate taken as given
 * each step, the gradients left untouched, a comparison with nn-core's
 * {@link dev.knobs.nn.optim.Sgd} (the reference solution) over many random steps, and a short
 * run down a quadratic bowl.
 */
public final class SgdOptimizer implements Optimizer {

    /** Updates every {@code value()} in place from its {@code grad()}: see the class comment. */
    @Override
    public void step(List<Parameter> parameters, float learningRate) {
        Optimizer.checkLearningRate(learningRate);
        throw new UnsupportedOperationException("exercise 03.2: SGD step: w = w - lr·g for every weight of every "
                + "parameter (lessons/03-mini-batch/exercises/.../SgdOptimizer.java)");
    }

    @Override
    public SgdOptimizer copy() {
        return new SgdOptimizer();
    }

    @Override
    public String name() {
        return "sgd (exercise 03.2)";
    }
}
