package dev.knobs.nn.layer;

import dev.knobs.nn.kernel.Ops;

/**
 * Rectified linear unit.
 *
 * <pre>
 * forward:   y = max(0, x)
 * backward:  dx = dy · [x > 0]      (read from y: y > 0 exactly when x > 0)
 * </pre>
 *
 * <p>Why it trains deep MLPs better than sigmoid or tanh: its slope is 1 wherever the unit is
 * active, so gradients pass through many layers without shrinking (Glorot, Bordes and Bengio
 * 2011; Nair and Hinton 2010). The price: a unit whose input is negative for every example gets
 * no gradient at all and may stay "dead"; lesson 05 measures how many.
 */
public final class ReLU extends Activation {
    @Override
    protected void apply(int n, float[] x, float[] y) {
        Ops.relu(n, x, y);
    }

    @Override
    protected void derivative(int n, float[] x, float[] y, float[] dy, float[] dx) {
        Ops.reluBackward(n, y, dy, dx);
    }

    @Override
    public String type() {
        return "relu";
    }

    @Override
    public ReLU copy() {
        return new ReLU();
    }

    @Override
    public String toString() {
        return "ReLU";
    }
}
