package dev.knobs.site.digit;

import dev.knobs.nn.io.ModelFile;
import dev.knobs.nn.layer.Dense;
import dev.knobs.nn.layer.Layer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A trained network as the browser will run it: dense layers with their weights, activations,
 * and the input preparation. Dropout layers are left out (at inference they pass inputs through).
 *
 * <p>Weights are kept as float32, or rounded to float16 when the network has more than
 * {@link #FLOAT16_ABOVE} parameters, to keep the page's download small. Either way the weights
 * here are exactly the ones the browser gets, so {@link ReferenceForward} on this model gives
 * the probabilities the page must reproduce.
 *
 * @param architecture e.g. {@code 784-128-10}
 * @param parameters   number of weights and biases
 * @param dtype        {@code float32} or {@code float16}
 * @param layers       the layers, input first
 * @param input        how grey levels become inputs
 * @param metadata     the model file's metadata, as saved by the lesson
 */
public record ExportedModel(String architecture, long parameters, String dtype, List<Step> layers, InputSpec input,
                            Map<String, String> metadata) {

    /** Networks larger than this are exported as float16. */
    public static final long FLOAT16_ABOVE = 1_000_000;

    /**
     * One layer. For {@code dense}: {@code weights} is {@code [out, in]} row-major and {@code bias} {@code [out]};
     * for {@code leaky_relu}: {@code alpha} is the slope below 0; other activations have no numbers.
     */
    public record Step(String type, int in, int out, float[] weights, float[] bias, double alpha) {}

    /** The model of a loaded model file; an unsupported layer is an {@link IllegalArgumentException}. */
    public static ExportedModel of(ModelFile.Loaded loaded) {
        long count = loaded.model().parameterCount();
        boolean half = count > FLOAT16_ABOVE;
        List<Step> steps = new ArrayList<>();
        int width = loaded.model().inputWidth();
        if (width != InputSpec.PIXELS) {
            throw new IllegalArgumentException("the model takes " + width + " inputs; the digit page draws 28x28 = 784 pixels");
        }
        for (Layer layer : loaded.model().layers()) {
            switch (layer.type()) {
                case "dense" -> {
                    Dense d = (Dense) layer;
                    steps.add(new Step("dense", d.in(), d.out(), round(d.weights().value(), half),
                            round(d.bias().value(), half), 0));
                    width = d.out();
                }
                case "relu", "sigmoid", "tanh" -> steps.add(new Step(layer.type(), width, width, null, null, 0));
                case "leaky_relu" -> steps.add(new Step("leaky_relu", width, width, null, null,
                        ((Number) layer.settings().get("alpha")).doubleValue()));
                case "dropout" -> { }
                default -> throw new IllegalArgumentException("the digit page cannot run a '" + layer.type() + "' layer");
            }
        }
        if (width != 10) {
            throw new IllegalArgumentException("the model gives " + width + " outputs; a digit classifier gives 10");
        }
        return new ExportedModel(loaded.model().architecture(), count, half ? "float16" : "float32", List.copyOf(steps),
                InputSpec.fromMetadata(loaded.metadata()), Map.copyOf(nonNull(loaded.metadata())));
    }

    private static float[] round(float[] values, boolean half) {
        float[] out = values.clone();
        if (half) {
            for (int i = 0; i < out.length; i++) {
                out[i] = Half.toFloat(Half.fromFloat(out[i]));
            }
        }
        return out;
    }

    private static Map<String, String> nonNull(Map<String, String> m) {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        m.forEach((k, v) -> {
            if (k != null && v != null) {
                out.put(k, v);
            }
        });
        return out;
    }
}
