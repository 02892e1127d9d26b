package dev.knobs.nn.layer;

import dev.knobs.nn.kernel.Ops;

/**
 * The logistic sigmoid, the classic activation of the 1980s.
 *
 * <pre>
 * forward:   y = 1 / (1 + e^-x)
 * backward:  dx = dy · y · (1 - y)
 * </pre>
 *
 * <p>Its slope is at most 1/4 and nearly 0 once |x| exceeds about 5, so each sigmoid layer
 * shrinks the gradient by 4x or more: deep sigmoid nets learn slowly (the vanishing gradient,
 * Glorot and Bengio 2010). Its outputs are also all positive, which biases the next layer's
 * updates. Lesson 05 compares it with ReLU.
 */
public final class Sigmoid extends Activation {
    @Override
    protected void apply(int n, float[] x, float[] y) {
        Ops.sigmoid(n, x, y);
    }

    @Override
    protected void derivative(int n, float[] x, float[] y, float[] dy, float[] dx) {
        Ops.sigmoidBackward(n, y, dy, dx);
    }

    @Override
    public String type() {
        return "sigmoid";
    }

    @Override
    public Sigmoid copy() {
        return new Sigmoid();
    }

    @Override
    public String toString() {
        return "Sigmoid";
    }
}
