package dev.knobs.grader.checks;

import dev.knobs.nn.loss.SoftmaxCrossEntropy;
import java.util.SplittableRandom;

/**
 * Exercise 01.2, softmax cross-entropy and its gradient: a batch by hand, finite differences,
 * logits of 1000, the logits left untouched, and a comparison with nn-core's
 * {@link SoftmaxCrossEntropy} on random batches.
 */
public final class CrossEntropyChecks implements ExerciseChecks<CrossEntropyChecks.Loss> {

    /** How the checks call the loss: the skeleton's two static methods. */
    public interface Loss {
        /** The mean of -ln softmax(z)_y over the batch. */
        float loss(float[] logits, int[] labels, int batch, int classes);

        /** (softmax(z) - onehot(y)) / batch. */
        float[] gradient(float[] logits, int[] labels, int batch, int classes);
    }

    @Override
    public Loss adapt(Class<?> type) {
        Class<?>[] shape = {float[].class, int[].class, int.class, int.class};
        Reflect.Call loss = Reflect.staticMethod(type, "loss", shape);
        Reflect.Call gradient = Reflect.staticMethod(type, "gradient", shape);
        return new Loss() {
            @Override
            public float loss(float[] logits, int[] labels, int batch, int classes) {
                return (Float) loss.call(logits, labels, batch, classes);
            }

            @Override
            public float[] gradient(float[] logits, int[] labels, int batch, int classes) {
                return (float[]) gradient.call(logits, labels, batch, classes);
            }
        };
    }

    @Override
    public void run(Loss f, Checker checker) {
        // row 0: z = (0, ln 2, 0), softmax (1/4, 1/2, 1/4), label 1; row 1: z = 0, softmax 1/3 each, label 2
        float[] handLogits = {0, (float) Math.log(2), 0, 0, 0, 0};
        int[] handLabels = {1, 2};
        String hand = "logits [[0, ln 2, 0], [0, 0, 0]] with labels [1, 2]";
        checker.check("hand-computed loss", () -> Expect.close("loss for " + hand + " (softmax rows [1/4, 1/2, 1/4] "
                + "and [1/3, 1/3, 1/3]: (ln 2 + ln 3) / 2)", Math.log(6) / 2,
                f.loss(handLogits.clone(), handLabels.clone(), 2, 3), 1e-5));
        checker.check("hand-computed gradient, divided by the batch size", () -> Expect.close("dL/dz for " + hand
                + " ((softmax - onehot) / B with B = 2)", new float[] {0.125f, -0.25f, 0.125f, 1f / 6, 1f / 6, -1f / 3},
                f.gradient(handLogits.clone(), handLabels.clone(), 2, 3), 1e-5));
        checker.check("the gradient matches finite differences of the loss", () -> {
            int batch = 4;
            int classes = 5;
            float[] z = scaled(DenseChecks.random(batch * classes, 11), 2);
            int[] y = {0, 3, 4, 3};
            float[] g = f.gradient(z.clone(), y.clone(), batch, classes);
            Expect.that(g != null && g.length == z.length, "gradient must be a new array of " + z.length + " values");
            float[] numeric = new float[z.length];
            float h = 1e-2f;
            for (int i = 0; i < z.length; i++) {
                float[] up = z.clone();
                float[] down = z.clone();
                up[i] += h;
                down[i] -= h;
                numeric[i] = (float) ((f.loss(up, y.clone(), batch, classes) - (double) f.loss(down, y.clone(), batch,
                        classes)) / (up[i] - down[i]));
            }
            Expect.close("dL/dz of a random batch of 4 rows of 5 logits, against (L(z + h) - L(z - h)) / 2h with h = "
                    + "0.01 (the loss is a mean, so the gradient carries 1/B)", numeric, g, 2e-3);
        });
        checker.check("logits of 1000 give a finite loss and gradient", () -> {
            float[] z = {1000, 1000, 990, 1000, 0, -1000};
            int[] y = {0, 1};
            double s = 2 + Math.exp(-10);
            String input = "logits [[1000, 1000, 990], [1000, 0, -1000]] with labels [0, 1] (e^1000 overflows a "
                    + "float: subtract each row's maximum before exponentiating)";
            Expect.close("loss for " + input, (Math.log(s) + 1000) / 2, f.loss(z.clone(), y.clone(), 2, 3), 1e-5);
            Expect.close("dL/dz for " + input, new float[] {(float) ((1 / s - 1) / 2), (float) (1 / s / 2),
                    (float) (Math.exp(-10) / s / 2), 0.5f, -0.5f, 0}, f.gradient(z.clone(), y.clone(), 2, 3), 1e-5);
        });
        checker.check("agrees with nn-core's SoftmaxCrossEntropy on random batches", () -> {
            SplittableRandom rng = new SplittableRandom(5);
            for (int batch : new int[] {1, 7, 32}) {
                int classes = 10;
                float[] z = scaled(DenseChecks.random(batch * classes, 20 + batch), 6);
                int[] y = rng.ints(batch, 0, classes).toArray();
                SoftmaxCrossEntropy reference = new SoftmaxCrossEntropy();
                float expected = reference.forward(z.clone(), y.clone(), batch, classes);
                float[] expectedGradient = reference.backward().clone();
                String input = "a random batch of " + batch + " rows of 10 logits in [-6, 6]";
                Expect.close("loss for " + input, expected, f.loss(z.clone(), y.clone(), batch, classes), 1e-5);
                Expect.close("dL/dz for " + input, expectedGradient, f.gradient(z.clone(), y.clone(), batch, classes),
                        1e-6);
            }
        });
        checker.check("the logits and labels are not modified", () -> {
            float[] z = scaled(DenseChecks.random(12, 3), 3);
            int[] y = {2, 0, 1, 2};
            float[] before = z.clone();
            f.loss(z, y, 4, 3);
            f.gradient(z, y, 4, 3);
            Expect.close("logits after loss and gradient (they must only read them)", before, z, 0);
            Expect.that(java.util.Arrays.equals(y, new int[] {2, 0, 1, 2}), "the labels [2, 0, 1, 2] were changed to "
                    + Expect.show(y) + ": loss and gradient must only read them");
        });
    }

    private static float[] scaled(float[] v, float by) {
        for (int i = 0; i < v.length; i++) {
            v[i] *= by;
        }
        return v;
    }
}
