package dev.knobs.nn.layer;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A network as a list of layers applied one after another.
 *
 * <pre>
 * forward:   h₀ = x,   hᵢ = layerᵢ(hᵢ₋₁),   output = h_L          (logits, [batch, classes])
 * backward:  g_L = dLoss/dh_L,   gᵢ₋₁ = layerᵢ.backward(gᵢ)        (chain rule, last layer first)
 * </pre>
 *
 * <p>The constructor checks that each layer accepts the previous layer's width, so a network
 * that cannot run is rejected before training starts.
 */
public final class Sequential {
    private final int inputWidth;
    private final List<Layer> layers;
    private final int[] widths;                 // widths[i] = output width of layer i-1; widths[0] = input
    private final boolean[] needsInputGradient; // false up to and including the first layer with parameters
    private final float[][] outputs;            // the last forward pass, layer by layer

    /**
     * @param inputWidth numbers per example (784 for MNIST)
     * @param layers     the layers, first to last; at least one
     */
    public Sequential(int inputWidth, List<Layer> layers) {
        if (layers == null || layers.isEmpty()) {
            throw new IllegalArgumentException("a network needs at least one layer, got an empty layer list");
        }
        if (inputWidth < 1) {
            throw new IllegalArgumentException("the input width must be at least 1, got " + inputWidth);
        }
        this.inputWidth = inputWidth;
        this.layers = List.copyOf(layers);
        this.widths = new int[layers.size() + 1];
        this.needsInputGradient = new boolean[layers.size()];
        this.outputs = new float[layers.size()][];
        widths[0] = inputWidth;
        boolean trainableBefore = false;
        for (int i = 0; i < layers.size(); i++) {
            Layer layer = layers.get(i);
            try {
                widths[i + 1] = layer.outputWidth(widths[i]);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("layer " + (i + 1) + " (" + layer + "): " + e.getMessage(), e);
            }
            needsInputGradient[i] = trainableBefore;
            trainableBefore |= !layer.parameters().isEmpty();
        }
    }

    /** Convenience for {@code new Sequential(inputWidth, List.of(layers))}. */
    public static Sequential of(int inputWidth, Layer... layers) {
        return new Sequential(inputWidth, List.of(layers));
    }

    /**
     * Runs every layer on a mini-batch.
     *
     * @param x        {@code [batch, inputWidth]}, not modified
     * @param training true to activate dropout
     * @return the last layer's output {@code [batch, outputWidth]}, owned by the network
     */
    public float[] forward(float[] x, int batch, boolean training) {
        if (batch < 1 || x.length != batch * inputWidth) {
            throw new IllegalArgumentException("the network expects " + inputWidth + " numbers per example; got "
                    + x.length + " numbers for a batch of " + batch);
        }
        float[] h = x;
        for (int i = 0; i < layers.size(); i++) {
            h = layers.get(i).forward(h, batch, training);
            outputs[i] = h;
        }
        return h;
    }

    /**
     * Backpropagates {@code dOutput = dLoss/dOutput} through every layer, last first, filling each
     * parameter's gradient. Call after {@link #forward} on the same batch.
     */
    public void backward(float[] dOutput, int batch) {
        float[] g = dOutput;
        for (int i = layers.size() - 1; i >= 0 && g != null; i--) {
            g = layers.get(i).backward(g, batch, needsInputGradient[i]);
        }
    }

    /** All trainable parameters, first layer first. */
    public List<Parameter> parameters() {
        List<Parameter> all = new ArrayList<>();
        for (Layer layer : layers) {
            all.addAll(layer.parameters());
        }
        return all;
    }

    /** Total number of trainable scalars. */
    public long parameterCount() {
        long n = 0;
        for (Parameter p : parameters()) {
            n += p.size();
        }
        return n;
    }

    /** The layers, first to last (read only). */
    public List<Layer> layers() {
        return Collections.unmodifiableList(layers);
    }

    /** Numbers per input example (784 for MNIST). */
    public int inputWidth() {
        return inputWidth;
    }

    /** Numbers per output row: the number of classes. */
    public int outputWidth() {
        return widths[widths.length - 1];
    }

    /** Output width of layer {@code i} (0-based). */
    public int widthAfter(int i) {
        return widths[i + 1];
    }

    /** What layer {@code i} produced in the last forward pass ({@code [batch, widthAfter(i)]}). */
    public float[] lastOutput(int i) {
        if (outputs[i] == null) {
            throw new IllegalStateException("no forward pass has run yet");
        }
        return outputs[i];
    }

    /** A deep copy: same parameter values, separate buffers and parameters. */
    public Sequential copy() {
        List<Layer> copies = new ArrayList<>();
        for (Layer layer : layers) {
            copies.add(layer.copy());
        }
        return new Sequential(inputWidth, copies);
    }

    /** An architecture string such as {@code 784-256-128-10}. */
    public String architecture() {
        StringBuilder s = new StringBuilder().append(inputWidth);
        for (Layer layer : layers) {
            if (layer instanceof Dense d) {
                s.append('-').append(d.out());
            }
        }
        return s.toString();
    }

    /** One line per layer: index, layer, output width and parameter count. */
    public String summary() {
        StringBuilder s = new StringBuilder();
        s.append(String.format("%-4s %-28s %8s %12s%n", "#", "layer", "output", "parameters"));
        for (int i = 0; i < layers.size(); i++) {
            long count = 0;
            for (Parameter p : layers.get(i).parameters()) {
                count += p.size();
            }
            s.append(String.format("%-4d %-28s %8d %,12d%n", i + 1, layers.get(i), widths[i + 1], count));
        }
        s.append(String.format("%-4s %-28s %8s %,12d%n", "", "total", "", parameterCount()));
        return s.toString();
    }

    @Override
    public String toString() {
        return "Sequential" + layers;
    }
}
