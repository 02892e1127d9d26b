package dev.knobs.exercises.l05;

import dev.knobs.nn.layer.Activation;

/**
 * Exercise 05.1: the backward pass of the ReLU. The forward pass {@code y = max(0, x)} is written
 * for you; {@link #derivative} is yours.
 *
 * <pre>
 *   forward:   y = max(0, x)
 *   backward:  dx = dy · [x > 0]        1 where the unit was active, 0 where it was not (and at x = 0)
 * </pre>
 *
 * <p>Why: the slope of {@code max(0, x)} is 1 for positive inputs and 0 for negative ones, so
 * the gradient passes unchanged through active units and stops at inactive ones. By convention
 * the slope at exactly 0 is 0. {@link Activation} keeps the last input {@code x} and output
 * {@code y} for you; either tells you where the unit was active.
 *
 * <p>Grading: a finite-difference check away from 0, a hand-computed case (including x = 0 and
 * a negative {@code dy}), and a comparison with nn-core's {@link dev.knobs.nn.layer.ReLU}, the
 * reference solution.
 */
public final class ReluActivation extends Activation {

    @Override
    protected void apply(int n, float[] x, float[] y) {
        for (int i = 0; i < n; i++) {
            y[i] = x[i] > 0f ? x[i] : 0f;
        }
    }

    /** Writes {@code dx[i] = dy[i] · [x[i] > 0]} for the first {@code n} elements; modifies only {@code dx}. */
    @Override
    protected void derivative(int n, float[] x, float[] y, float[] dy, float[] dx) {
        throw new UnsupportedOperationException("exercise 05.1: ReLU backward: dx = dy where x > 0, else 0 "
                + "(lessons/05-activations/exercises/.../ReluActivation.java)");
    }

    @Override
    public String type() {
        return "relu";
    }

    @Override
    public ReluActivation copy() {
        return new ReluActivation();
    }

    @Override
    public String toString() {
        return "ReLU (exercise 05.1)";
    }
}
