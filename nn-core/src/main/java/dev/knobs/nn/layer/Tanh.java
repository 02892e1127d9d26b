package dev.knobs.nn.layer;

import dev.knobs.nn.kernel.Ops;

/**
 * Hyperbolic tangent: a sigmoid rescaled to (-1, 1) and centred on zero.
 *
 * <pre>
 * forward:   y = tanh(x)
 * backward:  dx = dy · (1 - y²)
 * </pre>
 *
 * <p>Zero-centred outputs make it train faster than the sigmoid (LeCun et al. 1998, "Efficient
 * BackProp"), but it saturates the same way for large |x|.
 */
public final class Tanh implements Activation {
    private float[] y;
    private float[] dx;

    @Override
    public float[] forward(float[] x, int batch, boolean training) {
        y = Buffers.fit(y, x.length);
        Ops.tanh(x.length, x, y);
        return y;
    }

    @Override
    public float[] backward(float[] dy, int batch, boolean inputGradient) {
        if (!inputGradient) {
            return null;
        }
        dx = Buffers.fit(dx, y.length);
        Ops.tanhBackward(y.length, y, dy, dx);
        return dx;
    }

    @Override
    public String type() {
        return "tanh";
    }

    @Override
    public Tanh copy() {
        return new Tanh();
    }

    @Override
    public String toString() {
        return "Tanh";
    }
}
