package dev.knobs.grader.checks;

import dev.knobs.nn.layer.Parameter;
import dev.knobs.nn.optim.Optimizer;
import java.util.List;

/**
 * The optimiser exercises' comparison with nn-core: the student's optimiser and the reference take
 * the same 25 steps on identical copies of two parameters, with random gradients and a learning
 * rate that changes from step to step, and must hold the same values after every step.
 */
final class ReferenceSteps {
    private ReferenceSteps() {}

    /**
     * Steps {@code mine} on {@code mineParams} and {@code reference} on {@code refParams} (equal
     * copies), comparing the values after each step within {@code tolerance}; {@code what} says
     * what a parameter's size counts in a failure message ("values", "weights, its own state").
     */
    static void agree(Optimizer mine, Parameter[] mineParams, Optimizer reference, Parameter[] refParams,
                      double tolerance, String what) {
        for (int t = 0; t < 25; t++) {
            float lr = 0.01f * (1 + t % 3);
            for (int k = 0; k < mineParams.length; k++) {
                float[] g = DenseChecks.random(mineParams[k].size(), 100 + 10L * t + k);
                System.arraycopy(g, 0, mineParams[k].grad(), 0, g.length);
                System.arraycopy(g, 0, refParams[k].grad(), 0, g.length);
            }
            mine.step(List.of(mineParams), lr);
            reference.step(List.of(refParams), lr);
            for (int k = 0; k < mineParams.length; k++) {
                Expect.close(mineParams[k].name() + " (" + mineParams[k].size() + " " + what + ") after step " + (t + 1)
                        + " of random gradients with η = " + lr, refParams[k].value(), mineParams[k].value(), tolerance);
            }
        }
    }
}
