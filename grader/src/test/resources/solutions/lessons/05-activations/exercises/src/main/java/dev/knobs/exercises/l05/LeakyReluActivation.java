package dev.knobs.exercises.l05;

import dev.knobs.nn.kernel.Ops;
import dev.knobs.nn.layer.Activation;

/** The reference solution of exercise 05.2: nn-core's leaky ReLU kernels. */
public final class LeakyReluActivation extends Activation {
    private final float alpha;

    public LeakyReluActivation(float alpha) { this.alpha = alpha; }

    @Override protected void apply(int n, float[] x, float[] y) { Ops.leakyRelu(n, alpha, x, y); }
    @Override protected void derivative(int n, float[] x, float[] y, float[] dy, float[] dx) { Ops.leakyReluBackward(n, alpha, x, dy, dx); }
    @Override public String type() { return "leaky_relu"; }
    @Override public LeakyReluActivation copy() { return new LeakyReluActivation(alpha); }
}
