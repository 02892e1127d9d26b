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
public final class Sigmoid implements Activation {
    private float[] y;
    private float[] dx;

    @Override
    public float[] forward(float[] x, int batch, boolean training) {
        y = Buffers.fit(y, x.length);
        Ops.sigmoid(x.length, x, y);
        return y;
    }

    @Override
    public float[] backward(float[] dy, int batch, boolean inputGradient) {
        if (!inputGradient) {
            return null;
        }
        dx = Buffers.fit(dx, y.length);
        Ops.sigmoidBackward(y.length, y, dy, dx);
        return dx;
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
