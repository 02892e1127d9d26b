package dev.knobs.exercises.l07;

import dev.knobs.nn.layer.Parameter;
import java.util.List;

/**
 * Exercise 07.2: the max-norm constraint (Srivastava et al. 2014, section 5.1), applied after
 * each optimiser step.
 *
 * <pre>
 *   for every weight matrix W, [rows, cols] = [out, in], and every unit j (a row):
 *     ‖W[j,:]‖ = sqrt( Σₖ W[j,k]² )                 the norm of unit j's incoming weights
 *     if ‖W[j,:]‖ > c:  W[j,:] ← W[j,:] · c / ‖W[j,:]‖
 * </pre>
 *
 * <p>Why: with dropout the paper trains with large learning rates, and the constraint keeps the
 * weights from growing without bound however large the steps are. It bounds each unit's incoming
 * weight vector, a row of {@code W} (not a column, which holds one input's weights to every
 * unit), and only when it left the ball of radius {@code c}: a vector inside the ball is left
 * alone, so this is a constraint, not a normalisation. Biases ({@code isWeight() == false}) are
 * not constrained. Compute the norm in {@code double}.
 *
 * <p>Grading: a matrix worked out by hand (one row outside the ball, one inside), rows rather
 * than columns, biases untouched, every row within {@code c} afterwards, and a comparison with
 * nn-core's {@link dev.knobs.nn.optim.MaxNorm} (the reference solution) on random layers.
 */
public final class MaxNormConstraint {
    private final float c;

    /** @param c the largest allowed norm of a unit's incoming weights, {@code > 0} (3 to 4 is typical) */
    public MaxNormConstraint(float c) {
        if (!(c > 0f) || !Float.isFinite(c)) {
            throw new IllegalArgumentException("max-norm radius must be a finite number > 0, got " + c + " (3 to 4 is typical)");
        }
        this.c = c;
    }

    /** Rescales, in place, every row of every weight matrix whose norm exceeds {@code c}: see the class comment. */
    public void apply(List<Parameter> parameters) {
        throw new UnsupportedOperationException("exercise 07.2: max-norm: scale each row of each weight matrix back "
                + "to norm c when its norm exceeds c (lessons/07-dropout/exercises/.../MaxNormConstraint.java)");
    }
}
