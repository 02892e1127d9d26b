package dev.knobs.grader.checks;

import dev.knobs.nn.layer.Parameter;
import dev.knobs.nn.optim.MaxNorm;
import java.lang.reflect.Method;
import java.util.List;

/**
 * Exercise 07.2, the max-norm constraint: a matrix by hand, rows rather than columns, biases
 * untouched, every row within the radius with its direction kept, and nn-core's {@link MaxNorm}
 * on random layers.
 */
public final class MaxNormChecks implements ExerciseChecks<MaxNormChecks.Factory> {

    /** A constraint as the checks use it: {@code apply} after an optimiser step. */
    @FunctionalInterface
    public interface Constraint {
        /** Rescales the rows of every weight matrix whose norm exceeds the radius, in place. */
        void apply(List<Parameter> parameters);
    }

    /** How the checks build a constraint: the skeleton's constructor, taking the radius c. */
    @FunctionalInterface
    public interface Factory {
        /** A constraint of radius {@code c}. */
        Constraint create(float c);
    }

    @Override
    public Factory adapt(Class<?> type) {
        Reflect.Call c = Reflect.constructor(type, float.class);
        Method apply;
        try {
            apply = type.getMethod("apply", List.class);
        } catch (NoSuchMethodException e) {
            throw new CheckFailure(type.getSimpleName() + " has no public method apply(List): keep the skeleton's signature");
        }
        return radius -> {
            Object target = c.call(radius);
            return parameters -> Reflect.staticOrInstance(apply, target, parameters);
        };
    }

    @Override
    public void run(Factory f, Checker checker) {
        checker.check("hand-computed case: a row outside the ball, a row inside", () -> {
            Parameter w = weights(2, 3, 3, 4, 0, 0.6f, 0.8f, 0);
            f.create(2).apply(List.of(w));
            Expect.close("W = [[3, 4, 0], [0.6, 0.8, 0]] (row norms 5 and 1) with c = 2: the first row scaled by 2/5, "
                    + "the second, inside the ball, left alone", new float[] {1.2f, 1.6f, 0, 0.6f, 0.8f, 0}, w.value(), 1e-6);
        });
        checker.check("the norm is each unit's incoming weights, a row of W", () -> {
            Parameter w = weights(3, 2, 1, 0, 1, 0, 1, 0);
            f.create(1.5f).apply(List.of(w));
            Expect.close("W = [[1, 0], [1, 0], [1, 0]] ([out, in]: every row has norm 1, column 0 has norm √3) with "
                    + "c = 1.5: each row (a unit's incoming weights) is constrained, not each column, so nothing "
                    + "changes", new float[] {1, 0, 1, 0, 1, 0}, w.value(), 1e-6);
        });
        checker.check("biases are not constrained", () -> {
            Parameter w = weights(1, 2, 3, 4);
            Parameter b = new Parameter("b", 1, 2, new float[] {3, 4}, new float[2], false);
            f.create(1).apply(List.of(w, b));
            Expect.close("the weights [[3, 4]] with c = 1", new float[] {0.6f, 0.8f}, w.value(), 1e-6);
            Expect.close("the bias [3, 4] (isWeight() is false) with c = 1: biases are left alone", new float[] {3, 4},
                    b.value(), 0);
        });
        checker.check("every row ends within c, pointing the same way", () -> {
            float c = 2;
            Parameter w = new Parameter("W", 8, 5, scaled(DenseChecks.random(40, 6), 2), new float[40], true);
            float[] before = w.value().clone();
            f.create(c).apply(List.of(w));
            for (int r = 0; r < 8; r++) {
                double oldNorm = norm(before, r, 5);
                double newNorm = norm(w.value(), r, 5);
                double scale = oldNorm > c ? c / oldNorm : 1;
                float[] expected = new float[5];
                for (int k = 0; k < 5; k++) {
                    expected[k] = (float) (before[r * 5 + k] * scale);
                }
                Expect.that(newNorm <= c * (1 + 1e-5), "row " + r + " of a random 8x5 W has norm " + Expect.num(newNorm)
                        + " after the constraint with c = 2, expected at most 2");
                Expect.close("row " + r + " of a random 8x5 W with norm " + Expect.num(oldNorm) + " and c = 2 ("
                        + (oldNorm > c ? "scaled by c / norm, its direction kept" : "inside the ball: left alone") + ")",
                        expected, java.util.Arrays.copyOfRange(w.value(), r * 5, r * 5 + 5), 1e-5);
            }
        });
        checker.check("agrees with nn-core's MaxNorm on random layers", () -> {
            Parameter[] mine = layer();
            Parameter[] ref = layer();
            f.create(3).apply(List.of(mine));
            new MaxNorm(3).apply(List.of(ref));
            for (int k = 0; k < mine.length; k++) {
                Expect.close(mine[k].name() + " (" + mine[k].rows() + "x" + mine[k].cols() + ") of random layers with "
                        + "c = 3", ref[k].value(), mine[k].value(), 1e-5);
            }
        });
    }

    /** Two dense layers, 6 → 10 → 4, with weights large enough that some rows exceed 3. */
    private static Parameter[] layer() {
        return new Parameter[] {
            new Parameter("dense1.W", 10, 6, scaled(DenseChecks.random(60, 7), 2.5f), new float[60], true),
            new Parameter("dense1.b", 1, 10, scaled(DenseChecks.random(10, 8), 5), new float[10], false),
            new Parameter("dense2.W", 4, 10, scaled(DenseChecks.random(40, 9), 1.5f), new float[40], true)};
    }

    private static Parameter weights(int rows, int cols, float... values) {
        return new Parameter("W", rows, cols, values, new float[values.length], true);
    }

    private static double norm(float[] w, int row, int cols) {
        double sq = 0;
        for (int k = 0; k < cols; k++) {
            sq += (double) w[row * cols + k] * w[row * cols + k];
        }
        return Math.sqrt(sq);
    }

    private static float[] scaled(float[] v, float by) {
        for (int i = 0; i < v.length; i++) {
            v[i] *= by;
        }
        return v;
    }
}
