package dev.knobs.nn.optim;

import dev.knobs.nn.layer.Parameter;
import java.util.List;

/**
 * Max-norm constraint (Srivastava et al. 2014, section 5.1): after each step, every unit's vector
 * of incoming weights is scaled back onto the ball of radius {@code c} if it left it.
 *
 * <pre>
 *   for each unit j:  if ‖W[j,:]‖ > c  then  W[j,:] ← W[j,:] · c / ‖W[j,:]‖
 * </pre>
 *
 * <p>With dropout this lets you use a large learning rate without the weights blowing up; the
 * paper uses {@code c} between 3 and 4. Call {@link #apply} right after {@code Optimizer.step}.
 */
public final class MaxNorm {
    private final float c;

    /** @param c the largest allowed norm of a unit's incoming weights, {@code > 0} */
    public MaxNorm(float c) {
        if (!(c > 0f) || !Float.isFinite(c)) {
            throw new IllegalArgumentException("max-norm radius must be a finite number > 0, got " + c + " (3 to 4 is typical)");
        }
        this.c = c;
    }

    /** Rescales the rows of every weight matrix whose norm exceeds {@code c} (modifies {@code value()}). */
    public void apply(List<Parameter> parameters) {
        for (Parameter p : parameters) {
            if (!p.isWeight()) {
                continue;
            }
            float[] w = p.value();
            for (int r = 0; r < p.rows(); r++) {
                int o = r * p.cols();
                double sq = 0;
                for (int j = 0; j < p.cols(); j++) {
                    sq += (double) w[o + j] * w[o + j];
                }
                double norm = Math.sqrt(sq);
                if (norm > c) {
                    float s = (float) (c / norm);
                    for (int j = 0; j < p.cols(); j++) {
                        w[o + j] *= s;
                    }
                }
            }
        }
    }

    /** The largest norm a unit's incoming weight vector may have. */
    public float radius() {
        return c;
    }
}
