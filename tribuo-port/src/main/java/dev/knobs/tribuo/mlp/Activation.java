package dev.knobs.tribuo.mlp;

import dev.knobs.nn.layer.Activations;

/**
 * The hidden-layer non-linearity of an {@link MlpTrainer}, as a configuration value
 * ({@code <property name="activation" value="RELU"/>}). The output layer never has one: its
 * logits go through softmax, which is part of the loss.
 *
 * <pre>
 *   RELU        f(z) = max(0, z)                   f'(z) = 1 if z &gt; 0 else 0
 *   LEAKY_RELU  f(z) = z if z &gt; 0 else 0.01·z      f'(z) = 1 or 0.01
 *   SIGMOID     f(z) = 1 / (1 + e^-z)              f'(z) = f(z)·(1 - f(z))   (at most 1/4)
 *   TANH        f(z) = tanh(z)                     f'(z) = 1 - f(z)²
 * </pre>
 *
 * <p>Sigmoid and tanh saturate: far from 0 their slope is almost 0, so gradients shrink layer
 * after layer. ReLU's slope is exactly 1 wherever the unit is on, which is why deep fully
 * connected networks train with it (Glorot, Bordes and Bengio 2011).
 */
public enum Activation {
    RELU("relu"),
    LEAKY_RELU("leaky_relu"),
    SIGMOID("sigmoid"),
    TANH("tanh");

    private final String layerName;

    Activation(String layerName) {
        this.layerName = layerName;
        Activations.create(layerName);
    }

    /** The name nn-core's {@link Activations#create} knows this activation by. */
    public String layerName() {
        return layerName;
    }
}
