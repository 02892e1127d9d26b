package dev.knobs.grader.checks;

import dev.knobs.nn.layer.Parameter;
import dev.knobs.nn.optim.Optimizer;
import java.util.List;

/**
 * The test problem of the optimiser exercises: f(w) = ½ Σ aᵢ wᵢ² over 8 weights, with curvatures
 * aᵢ spread evenly on a log scale from 0.1 to 10, so that one learning rate is too small for the
 * flat directions and nearly too large for the steep ones. Its gradient is ∂f/∂wᵢ = aᵢ wᵢ and its
 * bottom is f = 0 at w = 0.
 */
final class QuadraticBowl {
    private QuadraticBowl() {}

    /** f(w) after {@code steps} steps of {@code opt} with learning rate {@code rate}, from w = 1; NaN counts as infinity. */
    static double after(Optimizer opt, int steps, float rate) {
        int n = 8;
        float[] a = new float[n];
        float[] w = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) (0.1 * Math.pow(100, i / (double) (n - 1)));
            w[i] = 1;
        }
        Parameter p = new Parameter("w", 1, n, w, new float[n], true);
        for (int t = 0; t < steps; t++) {
            for (int i = 0; i < n; i++) {
                p.grad()[i] = a[i] * w[i];
            }
            opt.step(List.of(p), rate);
        }
        double f = 0;
        for (int i = 0; i < n; i++) {
            f += 0.5 * a[i] * w[i] * w[i];
        }
        return Double.isNaN(f) ? Double.POSITIVE_INFINITY : f;
    }
}
