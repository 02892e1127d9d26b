package dev.knobs.grader.checks;

import dev.knobs.nn.init.HeNormal;
import dev.knobs.nn.init.Initializer;
import dev.knobs.nn.layer.Dense;
import dev.knobs.nn.layer.Layer;
import dev.knobs.nn.layer.Parameter;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Exercise 01.1, the backward pass of a dense layer: a hand-computed case, a finite-difference
 * gradient check, a comparison with nn-core's {@link Dense}, gradients overwritten rather than
 * accumulated, and a short least-squares fit that only a right gradient finishes.
 */
public final class DenseChecks implements ExerciseChecks<DenseChecks.Factory> {

    /** How the checks build a dense layer: the skeleton's constructor. */
    @FunctionalInterface
    public interface Factory {
        /** A layer {@code in -> out} with weights from {@code init}. */
        Layer create(int in, int out, Initializer init, SplittableRandom rng);
    }

    @Override
    public Factory adapt(Class<?> type) {
        Reflect.Call c = Reflect.constructor(type, int.class, int.class, Initializer.class, SplittableRandom.class);
        return (in, out, init, rng) -> Reflect.as(Layer.class, c.call(in, out, init, rng));
    }

    @Override
    public void run(Factory f, Checker checker) {
        checker.check("hand-computed case", () -> handComputed(f));
        checker.check("gradients agree with finite differences", () -> finiteDifferences(f));
        checker.check("agrees with nn-core's Dense on random inputs", () -> againstReference(f));
        checker.check("backward overwrites the gradients instead of adding to them", () -> overwrites(f));
        checker.check("returns null when no input gradient is asked for", () -> {
            Layer layer = layer(f, 3, 2, 1);
            layer.forward(random(2 * 3, 2), 2, true);
            Expect.that(layer.backward(random(2 * 2, 3), 2, false) == null,
                    "backward(dz, batch, false) must return null (the first layer's input is data)");
        });
        checker.check("a least-squares fit converges with these gradients", () -> fit(f));
    }

    private static Layer layer(Factory f, int in, int out, long seed) {
        Layer layer = f.create(in, out, new HeNormal(), new SplittableRandom(seed));
        List<Parameter> p = layer.parameters();
        Expect.that(p.size() == 2 && p.get(0).size() == in * out && p.get(1).size() == out,
                "parameters() must be [W (out x in), b (out)] as in the skeleton");
        return layer;
    }

    private static void handComputed(Factory f) {
        Layer layer = layer(f, 2, 2, 1);
        set(layer, new float[] {1, 0, 2, -1}, new float[] {0.5f, -0.5f});
        float[] x = {1, 2, 3, -1};
        layer.forward(x, 2, true);
        float[] dx = layer.backward(new float[] {1, 0, 0, 2}, 2, true);
        String input = "for x = [[1, 2], [3, -1]], W = [[1, 0], [2, -1]], b = [0.5, -0.5], dz = [[1, 0], [0, 2]]";
        Expect.close("dW " + input, new float[] {1, 2, 6, -2}, layer.parameters().get(0).grad(), 1e-5);
        Expect.close("db " + input + " (sum over the batch, no division)", new float[] {1, 2},
                layer.parameters().get(1).grad(), 1e-5);
        Expect.close("dx " + input, new float[] {1, 0, 4, -2}, dx, 1e-5);
    }

    private static void finiteDifferences(Factory f) {
        int in = 5;
        int out = 4;
        int batch = 3;
        Layer layer = layer(f, in, out, 2);
        float[] x = random(batch * in, 3);
        float[] r = random(batch * out, 4);              // L = Σ r ⊙ z, so dL/dz = r
        layer.forward(x, batch, true);
        float[] dx = layer.backward(r, batch, true).clone();
        float[] dW = layer.parameters().get(0).grad().clone();
        float[] db = layer.parameters().get(1).grad().clone();
        numeric("dW", layer.parameters().get(0).value(), dW, layer, x, r, batch);
        numeric("db", layer.parameters().get(1).value(), db, layer, x, r, batch);
        numeric("dx", x, dx, layer, x, r, batch);
    }

    /** Compares {@code analytic} with central differences of L = Σ r ⊙ forward(x) in each element of {@code values}. */
    private static void numeric(String what, float[] values, float[] analytic, Layer layer, float[] x, float[] r, int batch) {
        float h = 1e-2f;
        for (int i = 0; i < values.length; i++) {
            float keep = values[i];
            values[i] = keep + h;
            double plus = dot(layer.forward(x, batch, true), r);
            values[i] = keep - h;
            double minus = dot(layer.forward(x, batch, true), r);
            values[i] = keep;
            double numericGrad = (plus - minus) / (2 * h);
            if (!Expect.near(numericGrad, analytic[i], 2e-2)) {
                throw new CheckFailure(what + "[" + i + "] for a random 3 x 5 input into a 5 -> 4 layer: finite "
                        + "differences give " + Expect.num(numericGrad) + ", your backward gives "
                        + Expect.num(analytic[i]));
            }
        }
    }

    private static void againstReference(Factory f) {
        int in = 30;
        int out = 20;
        int batch = 16;
        Dense reference = new Dense(in, out, new HeNormal(), new SplittableRandom(5));
        Layer layer = layer(f, in, out, 6);
        set(layer, reference.weights().value(), random(out, 7));
        System.arraycopy(layer.parameters().get(1).value(), 0, reference.bias().value(), 0, out);
        float[] x = random(batch * in, 8);
        float[] dz = random(batch * out, 9);
        reference.forward(x, batch, true);
        float[] expectedDx = reference.backward(dz, batch, true);
        layer.forward(x, batch, true);
        float[] dx = layer.backward(dz, batch, true);
        String input = "a random batch of 16 through a 30 -> 20 layer";
        Expect.close("dW for " + input, reference.weights().grad(), layer.parameters().get(0).grad(), 1e-4);
        Expect.close("db for " + input, reference.bias().grad(), layer.parameters().get(1).grad(), 1e-4);
        Expect.close("dx for " + input, expectedDx, dx, 1e-4);
    }

    private static void overwrites(Factory f) {
        Layer layer = layer(f, 4, 3, 10);
        float[] x = random(2 * 4, 11);
        float[] dz = random(2 * 3, 12);
        layer.forward(x, 2, true);
        layer.backward(dz, 2, true);
        float[] once = layer.parameters().get(0).grad().clone();
        float[] onceB = layer.parameters().get(1).grad().clone();
        layer.forward(x, 2, true);
        layer.backward(dz, 2, true);
        Expect.close("dW after a second identical backward call (it must equal the first, not twice it)", once,
                layer.parameters().get(0).grad(), 1e-5);
        Expect.close("db after a second identical backward call", onceB, layer.parameters().get(1).grad(), 1e-5);
    }

    /** Fits z = x·Wᵀ + b to a known linear map with plain gradient descent on the mean squared error. */
    private static void fit(Factory f) {
        int in = 4;
        int out = 2;
        int batch = 32;
        Layer layer = layer(f, in, out, 13);
        float[] trueW = random(out * in, 14);
        float[] x = random(batch * in, 15);
        float[] target = new float[batch * out];
        for (int r = 0; r < batch; r++) {
            for (int j = 0; j < out; j++) {
                double s = 0.3 * (j + 1);
                for (int i = 0; i < in; i++) {
                    s += x[r * in + i] * trueW[j * in + i];
                }
                target[r * out + j] = (float) s;
            }
        }
        double first = Double.NaN;
        double loss = Double.NaN;
        for (int step = 0; step < 300; step++) {
            float[] z = layer.forward(x, batch, true);
            float[] dz = new float[z.length];
            loss = 0;
            for (int k = 0; k < z.length; k++) {
                double e = z[k] - target[k];
                loss += e * e / (2 * batch);
                dz[k] = (float) (e / batch);
            }
            if (step == 0) {
                first = loss;
            }
            layer.backward(dz, batch, false);
            for (Parameter p : layer.parameters()) {
                for (int k = 0; k < p.size(); k++) {
                    p.value()[k] -= 0.1f * p.grad()[k];
                }
            }
        }
        Expect.that(loss < 1e-3 * first, "300 steps of gradient descent (η = 0.1) on a 4 -> 2 least-squares problem "
                + "should bring the loss from " + Expect.num(first) + " below " + Expect.num(1e-3 * first) + ", got "
                + Expect.num(loss));
    }

    private static void set(Layer layer, float[] w, float[] b) {
        System.arraycopy(w, 0, layer.parameters().get(0).value(), 0, w.length);
        System.arraycopy(b, 0, layer.parameters().get(1).value(), 0, b.length);
    }

    static double dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < b.length; i++) {
            s += (double) a[i] * b[i];
        }
        return s;
    }

    /** {@code n} values uniform in [-1, 1) from {@code seed}. */
    static float[] random(int n, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) (2 * rng.nextDouble() - 1);
        }
        return v;
    }
}
