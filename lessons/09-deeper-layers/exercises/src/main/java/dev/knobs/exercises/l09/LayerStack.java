package dev.knobs.exercises.l09;

import dev.knobs.nn.layer.Sequential;
import java.util.SplittableRandom;

/**
 * Exercise 09.1: a network of configurable depth, built layer by layer from its hidden widths.
 *
 * <pre>
 *   widths:   n₀ = inputs,  n₁ .. n_L = hidden[0] .. hidden[L-1],  n_{L+1} = classes
 *   layers:   Dense(n₀ → n₁), ReLU, Dense(n₁ → n₂), ReLU, ..., Dense(n_{L-1} → n_L), ReLU, Dense(n_L → n_{L+1})
 *             that is L + 1 Dense layers and L ReLUs; with no hidden layer (L = 0), one Dense(inputs → classes)
 *   weights:  He normal, N(0, 2 / fan-in), where the fan-in of layer l is n_{l-1}; biases 0
 *   each one: new Dense(n_{l-1}, n_l, new HeNormal(), rng.split()),  new ReLU()
 *   result:   new Sequential(inputs, layers)
 * </pre>
 *
 * <p>Why: the weight matrix of layer {@code l} is {@code [n_l, n_{l-1}]}, so its fan-in is the
 * width of the layer before it and the shapes chain from the pixels to the classes
 * ({@link Sequential} refuses a network whose widths do not). A ReLU follows every hidden layer
 * because without it two Dense layers collapse into one linear map,
 * {@code W₂(W₁x + b₁) + b₂ = (W₂W₁)x + (W₂b₁ + b₂)}, and the extra depth buys nothing. Nothing
 * follows the last Dense layer: its outputs are the logits, and softmax is part of the loss (lesson
 * 05 shows what a ReLU there does). He initialisation, because a ReLU zeroes about half of its
 * inputs and a variance of 2 / fan-in keeps the signal's scale through every layer (lesson 04).
 * One generator per Dense layer, split from {@code rng} in order, first layer first, and nothing
 * else drawn from it: that is what nn-core's {@link dev.knobs.nn.layer.Mlp} does, so your network
 * starts from exactly the weights the lesson's does.
 *
 * <p>Grading: the layers of hand-picked shapes (no hidden layer, unequal widths, five hidden
 * layers), the He variance in every layer, the same weights as nn-core's {@code Mlp} for the same
 * seed, the same outputs on random inputs, and a short training on a problem no linear model can
 * solve. {@code Mlp.relu(new HeNormal(), widths).build(rng)} is the reference solution.
 */
public final class LayerStack {
    private LayerStack() {}

    /**
     * The ReLU network {@code inputs → hidden[0] → ... → hidden[L-1] → classes}, as in the class comment.
     *
     * @param inputs  numbers per example (784 for MNIST)
     * @param hidden  the hidden layers' widths, first to last; may be empty
     * @param classes the network's outputs (10 for digits)
     * @param rng     the generator to split, once per Dense layer
     * @return the network, first layer first
     */
    public static Sequential build(int inputs, int[] hidden, int classes, SplittableRandom rng) {
        throw new UnsupportedOperationException("exercise 09.1: a network of configurable depth: a Dense layer (He "
                + "weights, fan-in = the previous width) and a ReLU per hidden width, then a Dense layer to the classes "
                + "(lessons/09-deeper-layers/exercises/.../LayerStack.java)");
    }
}
