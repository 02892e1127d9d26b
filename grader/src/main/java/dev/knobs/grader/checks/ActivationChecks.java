package dev.knobs.grader.checks;

import dev.knobs.nn.layer.Layer;
import dev.knobs.nn.layer.LeakyReLU;
import dev.knobs.nn.layer.ReLU;
import java.util.SplittableRandom;
import java.util.function.Supplier;

/**
 * Exercises 05.1 (ReLU backward) and 05.2 (leaky ReLU backward): a hand-computed case with a
 * zero input and negative gradients, a finite-difference check away from the kink, a comparison
 * with nn-core's layer on random inputs, and the incoming gradient left untouched.
 */
public final class ActivationChecks implements ExerciseChecks<Supplier<Layer>> {
    /** The slope the leaky ReLU is graded with: large enough that using it in the wrong place shows. */
    static final float ALPHA = 0.1f;

    private final boolean leaky;

    private ActivationChecks(boolean leaky) {
        this.leaky = leaky;
    }

    /** The checks of exercise 05.1, ReLU. */
    public static ActivationChecks relu() {
        return new ActivationChecks(false);
    }

    /** The checks of exercise 05.2, leaky ReLU, graded with α = 0.1. */
    public static ActivationChecks leakyRelu() {
        return new ActivationChecks(true);
    }

    @Override
    public Supplier<Layer> adapt(Class<?> type) {
        if (leaky) {
            Reflect.Call c = Reflect.constructor(type, float.class);
            return () -> Reflect.as(Layer.class, c.call(ALPHA));
        }
        Reflect.Call c = Reflect.constructor(type);
        return () -> Reflect.as(Layer.class, c.call());
    }

    private float slope(float x) {
        return x > 0 ? 1 : leaky ? ALPHA : 0;
    }

    @Override
    public void run(Supplier<Layer> f, Checker checker) {
        String name = leaky ? "leaky ReLU (α = 0.1)" : "ReLU";
        checker.check("hand-computed case", () -> {
            float[] x = {-2, -0.5f, 0, 0.5f, 3};
            float[] dy = {1, -1, 2, -3, 0.5f};
            float[] expected = new float[x.length];
            for (int i = 0; i < x.length; i++) {
                expected[i] = dy[i] * slope(x[i]);
            }
            Layer layer = f.get();
            layer.forward(x, 1, true);
            Expect.close(name + " dx for x = " + Expect.show(x) + ", dy = " + Expect.show(dy)
                    + " (the slope follows the sign of x, and is " + (leaky ? "α" : "0") + " at x = 0)",
                    expected, layer.backward(dy, 1, true), 1e-6);
        });
        checker.check("gradient agrees with finite differences away from 0", () -> {
            float[] x = awayFromZero(40, 1);
            float[] r = DenseChecks.random(40, 2);
            Layer layer = f.get();
            layer.forward(x, 4, true);
            float[] dx = layer.backward(r, 4, true).clone();
            float h = 1e-3f;
            for (int i = 0; i < x.length; i++) {
                float keep = x[i];
                x[i] = keep + h;
                double plus = DenseChecks.dot(f.get().forward(x, 4, true), r);
                x[i] = keep - h;
                double minus = DenseChecks.dot(f.get().forward(x, 4, true), r);
                x[i] = keep;
                double numeric = (plus - minus) / (2 * h);
                if (!Expect.near(numeric, dx[i], 1e-2)) {
                    throw new CheckFailure(name + " dx[" + i + "] at x = " + Expect.num(keep) + ", dy = "
                            + Expect.num(r[i]) + ": finite differences give " + Expect.num(numeric) + ", your backward gives "
                            + Expect.num(dx[i]));
                }
            }
        });
        checker.check("agrees with nn-core's " + (leaky ? "LeakyReLU" : "ReLU") + " on random inputs", () -> {
            float[] x = DenseChecks.random(8 * 50, 3);
            float[] dy = DenseChecks.random(8 * 50, 4);
            Layer reference = leaky ? new LeakyReLU(ALPHA) : new ReLU();
            reference.forward(x, 8, true);
            float[] expected = reference.backward(dy, 8, true).clone();
            Layer layer = f.get();
            layer.forward(x, 8, true);
            Expect.close(name + " dx for a random 8 x 50 batch", expected, layer.backward(dy, 8, true), 1e-6);
        });
        checker.check("the incoming gradient dy is not modified", () -> {
            float[] x = DenseChecks.random(30, 5);
            float[] dy = DenseChecks.random(30, 6);
            float[] before = dy.clone();
            Layer layer = f.get();
            layer.forward(x, 3, true);
            layer.backward(dy, 3, true);
            Expect.close("dy after backward (write into dx, never into dy)", before, dy, 0);
        });
    }

    private static float[] awayFromZero(int n, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            double m = 0.1 + rng.nextDouble();
            v[i] = (float) (rng.nextBoolean() ? m : -m);
        }
        return v;
    }
}
