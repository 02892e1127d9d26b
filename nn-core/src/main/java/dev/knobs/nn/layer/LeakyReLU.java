package dev.knobs.nn.layer;

import dev.knobs.nn.kernel.Ops;
import java.util.Map;

/**
 * Leaky ReLU (Maas, Hannun and Ng 2013): a ReLU with a small slope α for negative inputs, so no
 * unit can die completely.
 *
 * <pre>
 * forward:   y = x        if x > 0,   α·x otherwise
 * backward:  dx = dy      if x > 0,   α·dy otherwise
 * </pre>
 */
public final class LeakyReLU extends Activation {
    private final float alpha;

    /** @param alpha the slope for negative inputs, in [0, 1); 0.01 is the usual choice */
    public LeakyReLU(float alpha) {
        if (!(alpha >= 0f && alpha < 1f)) {
            throw new IllegalArgumentException("LeakyReLU slope alpha must be in [0, 1), got " + alpha
                    + " (0.01 is the usual value; 0 gives a plain ReLU)");
        }
        this.alpha = alpha;
    }

    /** The slope α for negative inputs. */
    public float alpha() {
        return alpha;
    }

    @Override
    protected void apply(int n, float[] x, float[] y) {
        Ops.leakyRelu(n, alpha, x, y);
    }

    @Override
    protected void derivative(int n, float[] x, float[] y, float[] dy, float[] dx) {
        Ops.leakyReluBackward(n, alpha, x, dy, dx);
    }

    @Override
    public String type() {
        return "leaky_relu";
    }

    @Override
    public Map<String, Object> settings() {
        return Map.of("alpha", alpha);
    }

    @Override
    public LeakyReLU copy() {
        return new LeakyReLU(alpha);
    }

    @Override
    public String toString() {
        return "LeakyReLU(" + alpha + ")";
    }
}
