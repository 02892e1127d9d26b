package dev.knobs.nn.layer;

import java.util.List;
import java.util.Map;

/**
 * One stage of a network, applied to a mini-batch at a time.
 *
 * <p>Call order for one training step: {@code forward(x, batch, true)}, then (after the loss)
 * {@code backward(dy, batch, ...)} with the gradient of the loss with respect to this layer's
 * output; {@code backward} fills the gradients of {@link #parameters()} and returns the gradient
 * with respect to the input. Evaluation calls {@code forward(x, batch, false)} only.
 *
 * <p>Shapes: {@code x: [batch, inputWidth]}, the returned {@code y: [batch, outputWidth]}; arrays
 * hold exactly that many floats ({@code x.length == batch * inputWidth}). The
 * returned arrays belong to the layer and are reused by the next call with the same batch size:
 * copy them if you need to keep them. Layers never modify their inputs.
 */
public interface Layer {

    /**
     * Computes the output for a mini-batch.
     *
     * @param x        input, {@code [batch, inputWidth]}, not modified
     * @param batch    number of rows in {@code x}
     * @param training true while training (dropout active), false for evaluation
     * @return the output {@code [batch, outputWidth]}, owned by the layer
     */
    float[] forward(float[] x, int batch, boolean training);

    /**
     * Backpropagates through the layer using what the last {@code forward} remembered.
     *
     * @param dy             dLoss/dy, {@code [batch, outputWidth]}, not modified
     * @param batch          number of rows
     * @param inputGradient  whether the caller needs dLoss/dx; the first layer of a network does
     *                       not (its input is data), which saves a matrix multiply
     * @return dLoss/dx {@code [batch, inputWidth]} owned by the layer, or {@code null} when not asked for
     */
    float[] backward(float[] dy, int batch, boolean inputGradient);

    /**
     * The output width for a given input width, or an {@link IllegalArgumentException} that says
     * why this layer cannot take that input.
     */
    int outputWidth(int inputWidth);

    /** Trainable parameters, empty for activations and dropout. */
    List<Parameter> parameters();

    /** A short type name used in model files and summaries, e.g. {@code "dense"}. */
    String type();

    /** The settings needed to rebuild this layer (sizes, rates), written into model files. */
    Map<String, Object> settings();

    /** A copy with the same settings and parameter values and fresh buffers. */
    Layer copy();
}
