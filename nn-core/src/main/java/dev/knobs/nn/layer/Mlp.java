package dev.knobs.nn.layer;

import dev.knobs.nn.init.Initializer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Collectors;

/**
 * The shape of a multilayer perceptron, and how to build it.
 *
 * <p>{@code new Mlp(new int[] {784, 256, 128, 10}, "relu", 0.2f, new float[] {0.5f, 0.5f}, new HeNormal())}
 * expands to
 * <pre>
 *   Dropout(0.2) → Dense(784→256) → ReLU → Dropout(0.5) → Dense(256→128) → ReLU → Dropout(0.5) → Dense(128→10)
 * </pre>
 * The last Dense gives logits; softmax is part of the loss
 * ({@link dev.knobs.nn.loss.SoftmaxCrossEntropy}), not a layer. Dropout layers with rate 0 are
 * left out.
 *
 * @param widths        input width, hidden widths, number of classes; at least two entries
 * @param activation    hidden activation: {@code relu}, {@code leaky_relu}, {@code sigmoid} or {@code tanh}
 * @param inputDropout  dropout rate on the input pixels, in [0, 1)
 * @param hiddenDropout one rate per hidden layer (or a single rate for all), each in [0, 1)
 * @param init          how the weights start
 */
public record Mlp(int[] widths, String activation, float inputDropout, float[] hiddenDropout, Initializer init) {

    public Mlp {
        if (widths == null || widths.length < 2) {
            throw new IllegalArgumentException("an MLP needs at least an input width and an output width, got "
                    + Arrays.toString(widths));
        }
        if (Arrays.stream(widths).anyMatch(w -> w < 1)) {
            throw new IllegalArgumentException("every layer width must be at least 1, got " + Arrays.toString(widths));
        }
        int hidden = widths.length - 2;
        if (hiddenDropout.length != hidden && hiddenDropout.length != 1) {
            throw new IllegalArgumentException("give one hidden dropout rate per hidden layer (" + hidden
                    + ") or a single rate, got " + Arrays.toString(hiddenDropout));
        }
        Activations.create(activation);
        new Dropout(inputDropout, new SplittableRandom(0));
        for (float p : hiddenDropout) {
            new Dropout(p, new SplittableRandom(0));
        }
    }

    /** A ReLU MLP with He-normal weights and no dropout. */
    public static Mlp relu(Initializer init, int... widths) {
        return new Mlp(widths, "relu", 0f, new float[] {0f}, init);
    }

    /** Parses an architecture such as {@code "784-256-128-10"} into widths. */
    public static int[] parseWidths(String architecture) {
        try {
            return Arrays.stream(architecture.trim().split("[-x,]")).mapToInt(s -> Integer.parseInt(s.trim())).toArray();
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("architecture must look like 784-256-128-10, got '" + architecture + "'");
        }
    }

    /** Writes widths as an architecture such as {@code "784-256-128-10"}: the inverse of {@link #parseWidths}. */
    public static String architecture(int[] widths) {
        return Arrays.stream(widths).mapToObj(String::valueOf).collect(Collectors.joining("-"));
    }

    /** Dropout rate after hidden layer {@code i} (0-based). */
    public float hiddenDropoutAt(int i) {
        return hiddenDropout.length == 1 ? hiddenDropout[0] : hiddenDropout[i];
    }

    /**
     * Builds the network. The generator is split once per layer, so changing one layer's
     * dropout does not change another layer's initial weights.
     */
    public Sequential build(SplittableRandom rng) {
        return build(rng, LayerParts.LIBRARY);
    }

    /**
     * Builds the network from {@code parts} (nn-core's layers, or a student's): the same layers,
     * in the same order, from the same random generators as {@link #build(SplittableRandom)}.
     */
    public Sequential build(SplittableRandom rng, LayerParts parts) {
        List<Layer> layers = new ArrayList<>();
        if (inputDropout > 0f) {
            layers.add(parts.dropout(inputDropout, rng.split()));
        }
        for (int i = 0; i + 1 < widths.length; i++) {
            layers.add(parts.dense(widths[i], widths[i + 1], init, rng.split()));
            boolean hiddenLayer = i + 2 < widths.length;
            if (hiddenLayer) {
                layers.add(parts.activation(activation));
                if (hiddenDropoutAt(i) > 0f) {
                    layers.add(parts.dropout(hiddenDropoutAt(i), rng.split()));
                }
            }
        }
        return new Sequential(widths[0], layers);
    }

    @Override
    public String toString() {
        return architecture(widths) + " " + activation + " dropout(in " + inputDropout + ", hidden " + Arrays.toString(hiddenDropout)
                + ") init " + init.name();
    }
}
