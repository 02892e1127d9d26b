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
public final class Tanh extends Activation {
    @Override
    protected void apply(int n, float[] x, float[] y) {
        Ops.tanh(n, x, y);
    }

    @Override
    protected void derivative(int n, float[] x, float[] y, float[] dy, float[] dx) {
        Ops.tanhBackward(n, y, dy, dx);
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
