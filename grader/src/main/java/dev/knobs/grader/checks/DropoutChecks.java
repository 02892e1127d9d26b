package dev.knobs.grader.checks;

import dev.knobs.nn.layer.Dropout;
import dev.knobs.nn.layer.Layer;
import java.util.SplittableRandom;

/**
 * Exercise 07.1, inverted dropout: the share of dropped units, the 1/(1-p) scale of the kept
 * ones, the expected output, backward against the forward mask, a new mask per call, the
 * evaluation mode, the input left untouched, and the same statistics as nn-core's {@link Dropout}.
 */
public final class DropoutChecks implements ExerciseChecks<DropoutChecks.Factory> {
    private static final float P = 0.3f;
    private static final int BATCH = 100;
    private static final int WIDTH = 200;
    private static final String INPUT = "a 100 x 200 batch of values in [0.5, 1.5) with p = 0.3";

    /** How the checks build a dropout layer: the skeleton's constructor. */
    @FunctionalInterface
    public interface Factory {
        /** A dropout layer dropping each unit with probability {@code rate}. */
        Layer create(float rate, SplittableRandom rng);
    }

    @Override
    public Factory adapt(Class<?> type) {
        Reflect.Call c = Reflect.constructor(type, float.class, SplittableRandom.class);
        return (rate, rng) -> Reflect.as(Layer.class, c.call(rate, rng));
    }

    @Override
    public void run(Factory f, Checker checker) {
        checker.check("evaluation passes the input through unchanged", () -> {
            float[] x = input(1);
            Layer layer = f.create(P, new SplittableRandom(2));
            Expect.close("forward(x, batch, training = false) for " + INPUT, x.clone(), layer.forward(x, BATCH, false), 0);
            float[] dy = input(3);
            Expect.close("backward after an evaluation forward (nothing was dropped, dx = dy)", dy.clone(),
                    layer.backward(dy, BATCH, true), 0);
        });
        checker.check("drops about a share p of the units in training", () -> {
            double dropped = share(f.create(P, new SplittableRandom(4)).forward(input(5), BATCH, true), 0f);
            Expect.that(Math.abs(dropped - P) < 0.02, "share of zeros in the training output for " + INPUT + ": expected "
                    + "about 0.3, got " + Expect.num(dropped) + (Math.abs(dropped - (1 - P)) < 0.02
                    ? " (that is 1 - p: p is the probability of dropping, not of keeping)" : ""));
        });
        checker.check("kept units are divided by 1 - p", () -> {
            float[] x = input(6);
            float[] y = f.create(P, new SplittableRandom(7)).forward(x, BATCH, true);
            for (int i = 0; i < x.length; i++) {
                if (y[i] != 0f) {
                    double ratio = y[i] / x[i];
                    Expect.that(Math.abs(ratio - 1 / (1 - P)) < 1e-4, "unit " + i + " of " + INPUT + " was kept: x = "
                            + Expect.num(x[i]) + ", expected y = x / (1 - p) = " + Expect.num(x[i] / (1 - P)) + ", got "
                            + Expect.num(y[i]) + (Math.abs(ratio - 1) < 1e-4 ? " (inverted dropout divides the kept "
                            + "units by 1 - p, so the expected output equals x)" : ""));
                }
            }
        });
        checker.check("the expected output equals the input", () -> {
            float[] x = input(8);
            float[] y = f.create(P, new SplittableRandom(9)).forward(x, BATCH, true);
            double ratio = sum(y) / sum(x);
            Expect.that(Math.abs(ratio - 1) < 0.03, "sum of the training output / sum of the input for " + INPUT
                    + ": expected about 1, got " + Expect.num(ratio));
        });
        checker.check("backward multiplies by the forward pass's mask", () -> {
            float[] x = input(10);
            Layer layer = f.create(P, new SplittableRandom(11));
            float[] y = layer.forward(x, BATCH, true).clone();
            float[] dy = input(12);
            float[] dx = layer.backward(dy, BATCH, true);
            float[] expected = new float[dy.length];
            for (int i = 0; i < dy.length; i++) {
                expected[i] = dy[i] * (y[i] / x[i]);
            }
            Expect.close("dx = dy ⊙ m, with m = y / x of the last training forward call", expected, dx, 1e-4);
        });
        checker.check("a new mask on every training forward call", () -> {
            Layer layer = f.create(P, new SplittableRandom(13));
            float[] x = input(14);
            float[] first = layer.forward(x, BATCH, true).clone();
            float[] second = layer.forward(x, BATCH, true);
            int same = 0;
            for (int i = 0; i < first.length; i++) {
                if ((first[i] == 0f) == (second[i] == 0f)) {
                    same++;
                }
            }
            double share = same / (double) first.length;
            Expect.that(share < 0.7, "two training forward calls on " + INPUT + " dropped the same units in "
                    + Expect.num(100 * share) + "% of the positions: draw a new mask every call");
        });
        checker.check("the input is not modified, and rate 0 drops nothing", () -> {
            float[] x = input(15);
            float[] before = x.clone();
            f.create(P, new SplittableRandom(16)).forward(x, BATCH, true);
            Expect.close("x after a training forward call (return your own array)", before, x, 0);
            Expect.close("training forward with p = 0", before, f.create(0f, new SplittableRandom(17)).forward(x, BATCH, true), 0);
        });
        checker.check("the same statistics as nn-core's Dropout", () -> {
            float[] x = input(18);
            float rate = 0.5f;
            float[] expected = new Dropout(rate, new SplittableRandom(19)).forward(x, BATCH, true).clone();
            float[] got = f.create(rate, new SplittableRandom(20)).forward(x, BATCH, true);
            Expect.that(Math.abs(share(got, 0f) - share(expected, 0f)) < 0.03 && Math.abs(sum(got) / sum(expected) - 1) < 0.04,
                    "with p = 0.5 nn-core's Dropout zeroes " + Expect.num(share(expected, 0f)) + " of the units and keeps "
                    + "a sum of " + Expect.num(sum(expected)) + "; yours zeroes " + Expect.num(share(got, 0f))
                    + " with a sum of " + Expect.num(sum(got)));
        });
    }

    private static float[] input(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        float[] x = new float[BATCH * WIDTH];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (0.5 + rng.nextDouble());
        }
        return x;
    }

    private static double share(float[] y, float value) {
        int n = 0;
        for (float v : y) {
            if (v == value) {
                n++;
            }
        }
        return n / (double) y.length;
    }

    private static double sum(float[] y) {
        double s = 0;
        for (float v : y) {
            s += v;
        }
        return s;
    }
}
