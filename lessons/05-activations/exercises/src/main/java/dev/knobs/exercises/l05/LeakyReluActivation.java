package dev.knobs.exercises.l05;

import dev.knobs.nn.layer.Activation;
import java.util.Map;

/**
 * Exercise 05.2: the backward pass of the leaky ReLU (Maas, Hannun and Ng 2013). The forward
 * pass is written for you; {@link #derivative} is yours.
 *
 * <pre>
 *   forward:   y = x        if x > 0,   α·x otherwise
 *   backward:  dx = dy      if x > 0,   α·dy otherwise
 * </pre>
 *
 * <p>Why: the small slope α for negative inputs keeps a gradient flowing through units that a
 * plain ReLU would switch off, so no unit can die completely. The slope depends on the sign of
 * the <em>input</em> {@code x}, not on the sign of the incoming gradient {@code dy}.
 *
 * <p>Grading: a finite-difference check away from 0, a hand-computed case with negative inputs
 * and negative gradients, and a comparison with nn-core's {@link dev.knobs.nn.layer.LeakyReLU},
 * the reference solution.
 */
public final class LeakyReluActivation extends Activation {
    private final float alpha;

    /** @param alpha the slope for negative inputs, in [0, 1); 0.01 is the usual choice */
    public LeakyReluActivation(float alpha) {
        if (!(alpha >= 0f && alpha < 1f)) {
            throw new IllegalArgumentException("leaky ReLU slope alpha must be in [0, 1), got " + alpha);
        }
        this.alpha = alpha;
    }

    /** The slope α for negative inputs. */
    public float alpha() {
        return alpha;
    }

    @Override
    protected void apply(int n, float[] x, float[] y) {
        for (int i = 0; i < n; i++) {
            y[i] = x[i] > 0f ? x[i] : alpha * x[i];
        }
    }

    /** Writes {@code dx[i] = dy[i]} where {@code x[i] > 0} and {@code α·dy[i]} elsewhere; modifies only {@code dx}. */
    @Override
    protected void derivative(int n, float[] x, float[] y, float[] dy, float[] dx) {
        throw new UnsupportedOperationException("exercise 05.2: leaky ReLU backward: dx = dy where x > 0, else "
                + "alpha · dy (lessons/05-activations/exercises/.../LeakyReluActivation.java)");
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
    public LeakyReluActivation copy() {
        return new LeakyReluActivation(alpha);
    }

    @Override
    public String toString() {
        return "LeakyReLU(" + alpha + ", exercise 05.2)";
    }
}
