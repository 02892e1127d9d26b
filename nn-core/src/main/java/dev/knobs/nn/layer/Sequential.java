package dev.knobs.nn.layer;

import dev.knobs.nn.kernel.FusedOps;
import dev.knobs.nn.kernel.Ops;
import dev.knobs.nn.optim.Momentum;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;

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
        for (int i = 0; i < layers.size(); ) {
            int fused = fusedForward(i, h, batch, training);
            if (fused == 0) {
                h = layers.get(i).forward(h, batch, training);
                outputs[i++] = h;
            } else {
                i += fused;
                h = outputs[i - 1];
            }
        }
        return h;
    }

    /**
     * How many layers from {@code i} on form the library's {@code Dense → ReLU} or
     * {@code Dense → ReLU → Dropout} (exactly those classes), which run faster fused; else 0.
     */
    private int fusedRun(int i) {
        if (i + 1 >= layers.size() || layers.get(i).getClass() != Dense.class || layers.get(i + 1).getClass() != ReLU.class) {
            return 0;
        }
        return i + 2 < layers.size() && layers.get(i + 2).getClass() == Dropout.class ? 3 : 2;
    }

    /**
     * Runs a fused run of layers from {@code i} (see {@link #fusedRun}): the matrix multiply, then
     * bias, ReLU and dropout in one pass ({@link FusedOps#biasRelu}, {@link FusedOps#biasReluDropout}),
     * leaving every layer's output and state as its own {@code forward} would; with dropout, the
     * ReLU's output and the mask are computed only if something asks for them. Returns how many
     * layers it ran (0: none).
     */
    private int fusedForward(int i, float[] x, int batch, boolean training) {
        int run = fusedRun(i);
        if (run == 0) {
            return 0;
        }
        Dense dense = (Dense) layers.get(i);
        ReLU relu = (ReLU) layers.get(i + 1);
        Dropout dropout = run == 3 ? (Dropout) layers.get(i + 2) : null;
        float[] z = dense.product(x, batch);
        long step = dropout == null ? -1 : dropout.start(training, batch, z.length);
        outputs[i] = z;
        outputs[i + 1] = relu.adopt(z, step >= 0);
        if (step < 0) {
            FusedOps.biasRelu(batch, dense.out(), dense.bias().value(), z, outputs[i + 1]);
        } else {
            FusedOps.biasReluDropout(batch, dense.out(), dense.bias().value(), z, dropout.rate(), dropout.seed(), step,
                    dropout.output());
        }
        if (dropout != null) {
            outputs[i + 2] = step < 0 ? outputs[i + 1] : dropout.output();
        }
        return run;
    }

    /**
     * Backpropagates {@code dOutput = dLoss/dOutput} through every layer, last first, filling each
     * parameter's gradient. Call after {@link #forward} on the same batch.
     */
    public void backward(float[] dOutput, int batch) {
        backward(dOutput, batch, null, 0f);
    }

    /**
     * {@link #backward(float[], int)}, and with {@code momentum} not null also that optimiser's
     * step, fused into the weight-gradient products, on the weights of every {@code Dense → ReLU}
     * run (the runs the forward pass fuses). Returns those parameters: the caller steps the others with
     * {@code momentum.step} as usual. The result is the same, bit for bit, as backward then step.
     */
    public List<Parameter> backward(float[] dOutput, int batch, Momentum momentum, float learningRate) {
        List<Parameter> updated = new ArrayList<>();
        float[] g = dOutput;
        for (int i = layers.size() - 1; i >= 0 && g != null; ) {
            int start = i >= 2 && fusedRun(i - 2) == 3 ? i - 2 : i >= 1 && fusedRun(i - 1) == 2 ? i - 1 : -1;
            if (start >= 0 && needsInputGradient[start + 1]) {
                g = fusedBackward(start, i, g, batch, momentum, learningRate);
                if (momentum != null) {
                    updated.add(((Dense) layers.get(start)).weights());
                }
                i = start - 1;
            } else {
                g = layers.get(i).backward(g, batch, needsInputGradient[i]);
                i--;
            }
        }
        return updated;
    }

    /**
     * Backward through the fused run of layers {@code [first, last]}: dropout's mask, ReLU's
     * derivative and the bias gradient in one pass ({@link FusedOps#dropoutReluBackward}, which
     * reads the run's output instead of the mask and the ReLU's output), then the Dense layer's
     * two matrix multiplies. Fills the same gradients as the layers' own code.
     */
    private float[] fusedBackward(int first, int last, float[] g, int batch, Momentum momentum, float learningRate) {
        Dense dense = (Dense) layers.get(first);
        ReLU relu = (ReLU) layers.get(first + 1);
        Dropout dropout = last == first + 2 && ((Dropout) layers.get(last)).masked() ? (Dropout) layers.get(last) : null;
        float[] dz = relu.gradientBuffer(g.length);
        FusedOps.dropoutReluBackward(batch, dense.out(), g, dropout == null ? 1f : Ops.dropoutScale(dropout.rate()),
                dropout == null ? relu.output() : dropout.output(), dz, dense.bias().grad());
        return dense.products(dz, batch, needsInputGradient[first], momentum, learningRate);
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
        return parameters().stream().mapToLong(Parameter::size).sum();
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
        return layers.get(i) instanceof Activation a ? a.output() : outputs[i];
    }

    /** A deep copy: same parameter values, separate buffers and parameters. */
    public Sequential copy() {
        return new Sequential(inputWidth, layers.stream().map(Layer::copy).toList());
    }

    /** An architecture string such as {@code 784-256-128-10}. */
    public String architecture() {
        return inputWidth + layers.stream().filter(l -> l instanceof Dense).map(l -> "-" + ((Dense) l).out())
                .collect(Collectors.joining());
    }

    /** One line per layer: index, layer, output width and parameter count. */
    public String summary() {
        StringBuilder s = new StringBuilder();
        s.append(String.format("%-4s %-28s %8s %12s%n", "#", "layer", "output", "parameters"));
        for (int i = 0; i < layers.size(); i++) {
            long count = layers.get(i).parameters().stream().mapToLong(Parameter::size).sum();
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
