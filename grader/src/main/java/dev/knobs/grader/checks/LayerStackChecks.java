package dev.knobs.grader.checks;

import dev.knobs.nn.data.Dataset;
import dev.knobs.nn.init.HeNormal;
import dev.knobs.nn.layer.Layer;
import dev.knobs.nn.layer.Mlp;
import dev.knobs.nn.layer.Parameter;
import dev.knobs.nn.layer.Sequential;
import dev.knobs.nn.metrics.Evaluator;
import dev.knobs.nn.optim.Momentum;
import dev.knobs.nn.train.TrainStep;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Exercise 09.1, a network of configurable depth: the layers of hand-picked shapes (which catch a
 * depth off by one, a fan-in that does not chain, a missing or extra ReLU), the He variance in
 * every layer, the same weights and outputs as nn-core's {@link Mlp}, and a short training on the
 * XOR of the quadrants, which no linear model can learn.
 */
public final class LayerStackChecks implements ExerciseChecks<LayerStackChecks.Builder> {

    /** How the checks build a network: the skeleton's static method. */
    @FunctionalInterface
    public interface Builder {
        /** The ReLU network {@code inputs → hidden... → classes} with He weights split from {@code rng}. */
        Sequential build(int inputs, int[] hidden, int classes, SplittableRandom rng);
    }

    /**
     * Fresh points of the XOR problem classified right after the short training, at least. nn-core's
     * Mlp reaches 0.9925 (observed); the same layers without their ReLUs are one linear map and
     * reach 0.42.
     */
    static final double XOR_BOUND = 0.9;

    @Override
    public Builder adapt(Class<?> type) {
        Reflect.Call m = Reflect.staticMethod(type, "build", int.class, int[].class, int.class, SplittableRandom.class);
        return (inputs, hidden, classes, rng) -> {
            Object result = m.call(inputs, hidden, classes, rng);
            Expect.that(result != null, "build returned null, expected a Sequential");
            return Reflect.as(Sequential.class, result);
        };
    }

    @Override
    public void run(Builder f, Checker checker) {
        checker.check("the layers of 784-256-128-10: Dense, ReLU, Dense, ReLU, Dense", () ->
                layers(f, 784, new int[] {256, 128}, 10));
        checker.check("any depth: no hidden layer, unequal widths, five hidden layers", () -> {
            layers(f, 5, new int[0], 3);
            layers(f, 20, new int[] {7, 11, 4}, 3);
            layers(f, 12, new int[] {6, 6, 6, 6, 6}, 2);
        });
        checker.check("He weights in every layer: variance 2 / fan-in, biases 0", () -> heWeights(f));
        checker.check("the same weights as nn-core's Mlp for the same seed", () -> {
            int[] hidden = {20, 10};
            Sequential got = build(f, 30, hidden, 5, 7);
            Sequential expected = reference(30, hidden, 5, 7);
            List<Parameter> e = expected.parameters();
            List<Parameter> g = got.parameters();
            Expect.that(g.size() == e.size(), "30-20-10-5 has " + e.size() + " parameter arrays (W and b of 3 Dense "
                    + "layers), yours " + g.size());
            for (int i = 0; i < e.size(); i++) {
                if (!Arrays.equals(e.get(i).value(), g.get(i).value())) {
                    throw new CheckFailure("30-20-10-5 from new SplittableRandom(7): " + e.get(i).name() + " of Dense layer "
                            + (i / 2 + 1) + " differs from nn-core's Mlp (expected " + Expect.show(e.get(i).value())
                            + ", got " + Expect.show(g.get(i).value()) + "): give each Dense layer rng.split(), first "
                            + "layer first, and draw nothing else from rng");
                }
            }
        });
        checker.check("the same outputs as nn-core's Mlp on random inputs", () -> sameOutputs(f));
        checker.check("a short training learns the XOR of the quadrants (no linear model can)", () -> xor(f));
    }

    /** Builds, turning the Sequential's refusal of widths that do not chain into a message about the fan-in. */
    private static Sequential build(Builder f, int inputs, int[] hidden, int classes, long seed) {
        try {
            return f.build(inputs, hidden.clone(), classes, new SplittableRandom(seed));
        } catch (IllegalArgumentException e) {
            throw new CheckFailure("building " + label(inputs, hidden, classes) + " failed: " + e.getMessage()
                    + ". Each Dense layer's fan-in is the width of the layer before it (inputs for the first, then the "
                    + "previous hidden width)");
        }
    }

    private static Sequential reference(int inputs, int[] hidden, int classes, long seed) {
        return Mlp.relu(new HeNormal(), widths(inputs, hidden, classes)).build(new SplittableRandom(seed));
    }

    private static void layers(Builder f, int inputs, int[] hidden, int classes) {
        List<String> expected = describe(reference(inputs, hidden, classes, 1));
        List<String> got = describe(build(f, inputs, hidden, classes, 1));
        if (!got.equals(expected)) {
            throw new CheckFailure("inputs " + inputs + ", hidden " + Arrays.toString(hidden) + ", classes " + classes
                    + ": expected the layers " + expected + ", got " + got + hint(expected, got, hidden.length));
        }
    }

    /** What went wrong, when the layers are not the expected ones. */
    private static String hint(List<String> expected, List<String> got, int hiddenLayers) {
        long dense = got.stream().filter(s -> s.startsWith("dense")).count();
        long relu = got.stream().filter(s -> s.equals("relu")).count();
        if (dense != hiddenLayers + 1) {
            return " (" + hiddenLayers + " hidden layers need " + (hiddenLayers + 1) + " Dense layers, one per hidden "
                    + "width and one to the classes; yours has " + dense + ")";
        }
        if (!got.isEmpty() && !got.get(got.size() - 1).startsWith("dense")) {
            return " (nothing follows the last Dense layer: its outputs are the logits, softmax is part of the loss)";
        }
        if (relu < hiddenLayers) {
            return " (a ReLU after every hidden Dense layer: without it two Dense layers collapse into one linear map)";
        }
        return got.size() == expected.size() ? " (check each Dense layer's fan-in and fan-out)" : "";
    }

    /** Each layer as {@code dense 784→256} or its type, e.g. {@code relu}. */
    private static List<String> describe(Sequential net) {
        List<String> s = new ArrayList<>();
        for (Layer layer : net.layers()) {
            List<Parameter> p = layer.parameters();
            if (layer.type().equals("dense") && p.size() == 2) {
                s.add("dense " + p.get(0).cols() + "→" + p.get(0).rows());
            } else {
                s.add(layer.type());
            }
        }
        return s;
    }

    private static void heWeights(Builder f) {
        int[] hidden = {400, 300};
        Sequential net = build(f, 500, hidden, 200, 3);
        List<Parameter> p = net.parameters();
        Expect.that(p.size() == 6, "500-400-300-200 has 6 parameter arrays (W and b of 3 Dense layers), yours " + p.size());
        for (int l = 0; l < 3; l++) {
            Parameter w = p.get(2 * l);
            Parameter b = p.get(2 * l + 1);
            int fanIn = w.cols();
            int fanOut = w.rows();
            double[] m = Moments.of(w.value());
            double expected = 2.0 / fanIn;
            if (Math.abs(m[1] / expected - 1) > 0.05 || Math.abs(m[0]) > 0.05 * Math.sqrt(expected)) {
                String why = near(m[1], 2.0 / fanOut) ? " (that is 2 / fan-out: He uses the fan-in)"
                        : near(m[1], 2.0 / (fanIn + fanOut)) ? " (that is Xavier's 2 / (fan-in + fan-out): ReLU layers want He)"
                        : near(m[1], 1.0 / fanIn) ? " (that is 1 / fan-in: He doubles it, because a ReLU zeroes half the signal)"
                        : "";
                throw new CheckFailure("Dense layer " + (l + 1) + " of 500-400-300-200 (" + fanIn + " → " + fanOut
                        + "): weights with mean 0 and variance 2 / " + fanIn + " = " + Expect.num(expected) + " expected, got "
                        + "mean " + Expect.num(m[0]) + ", variance " + Expect.num(m[1]) + why);
            }
            for (int j = 0; j < b.size(); j++) {
                Expect.that(b.value()[j] == 0f, "bias " + j + " of Dense layer " + (l + 1) + " is " + b.value()[j]
                        + ": biases start at 0");
            }
        }
    }

    private static boolean near(double got, double candidate) {
        return Math.abs(got / candidate - 1) < 0.05;
    }

    /** The reference's weights copied into the student's network: then both must compute the same logits. */
    private static void sameOutputs(Builder f) {
        int[] hidden = {40, 30, 20};
        Sequential expected = reference(50, hidden, 10, 11);
        Sequential got = build(f, 50, hidden, 10, 12);
        List<Parameter> e = expected.parameters();
        List<Parameter> g = got.parameters();
        Expect.that(g.size() == e.size(), "50-40-30-20-10 has " + e.size() + " parameter arrays, yours " + g.size());
        for (int i = 0; i < e.size(); i++) {
            Expect.that(g.get(i).size() == e.get(i).size(), "parameter array " + (i + 1) + " of 50-40-30-20-10 has "
                    + g.get(i).size() + " values, expected " + e.get(i).size());
            System.arraycopy(e.get(i).value(), 0, g.get(i).value(), 0, e.get(i).size());
        }
        int batch = 8;
        float[] x = DenseChecks.random(batch * 50, 13);
        float[] want = expected.forward(x, batch, false).clone();
        float[] have = got.forward(x, batch, false);
        Expect.close("logits of a random batch of 8 through 50-40-30-20-10, with nn-core's weights copied into yours",
                want, have, 1e-5);
    }

    /**
     * 400 points in [-1, 1]², labelled 1 where x·y &gt; 0 (the first and third quadrants): a 2-16-16-2
     * network, full-batch momentum (0.9, η = 0.1) for 300 steps, then 400 fresh points.
     */
    private static void xor(Builder f) {
        Dataset train = quadrants(400, 21);
        Dataset test = quadrants(400, 22);
        Sequential net = build(f, 2, new int[] {16, 16}, 2, 3);
        TrainStep step = new TrainStep(net, new Momentum(0.9f));
        for (int s = 0; s < 300; s++) {
            step.run(train.x(), train.labels(), train.size(), 0.1f);
        }
        double accuracy = Evaluator.evaluate(net, test).accuracy();
        Expect.that(accuracy >= XOR_BOUND, "2-16-16-2 trained for 300 full-batch momentum steps on the XOR of the "
                + "quadrants should classify at least " + Expect.num(XOR_BOUND) + " of fresh points, got "
                + Expect.num(accuracy) + " (near 0.5 means the network is linear: a ReLU after every hidden layer)");
    }

    private static Dataset quadrants(int n, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        float[] x = new float[2 * n];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            x[2 * i] = (float) (2 * rng.nextDouble() - 1);
            x[2 * i + 1] = (float) (2 * rng.nextDouble() - 1);
            y[i] = x[2 * i] * x[2 * i + 1] > 0 ? 1 : 0;
        }
        return new Dataset("quadrants", x, y, n, 1, 2, 2);
    }

    private static int[] widths(int inputs, int[] hidden, int classes) {
        int[] w = new int[hidden.length + 2];
        w[0] = inputs;
        System.arraycopy(hidden, 0, w, 1, hidden.length);
        w[w.length - 1] = classes;
        return w;
    }

    private static String label(int inputs, int[] hidden, int classes) {
        return Mlp.architecture(widths(inputs, hidden, classes));
    }
}
