package dev.knobs.exercises.l09;

/**
 * Exercise 09.2: what a fully connected network costs, in parameters to store and in arithmetic
 * per training step, from its layer widths alone.
 *
 * <pre>
 *   widths:      n₀ (inputs), n₁, ..., n_L (classes): L layers of weights, layer l maps n_{l-1} → n_l
 *   parameters:  Σ_l (n_{l-1}·n_l + n_l)                 the weights W_l [n_l, n_{l-1}] and the biases b_l [n_l]
 *   multiply-adds of layer l for a batch of B examples:
 *       forward          Y = X·W_lᵀ       B·n_{l-1}·n_l
 *       weight gradient  dW = dYᵀ·X        B·n_{l-1}·n_l
 *       input gradient   dX = dY·W_l       B·n_{l-1}·n_l, except for the first layer (l = 1)
 *   FLOPs of one step:  2 · B · (2·n₀·n₁ + Σ_{l≥2} 3·n_{l-1}·n_l)        2 flops per multiply-add
 * </pre>
 *
 * <p>Why: the parameter count is what a network stores and what the optimiser updates at every
 * step, and lesson 09 compares networks at equal parameter counts. The biases count too: they are
 * few, one per output, but they are trained like the weights. The matrix multiplies are nearly all
 * of a training step's work (activations, the loss and the optimiser's update are linear in the
 * widths, not their products), so the FLOPs, divided by a step's time, say how close training runs
 * to the machine's peak. The first layer's input gradient is not computed: its input is the
 * images, which nothing upstream learns from. The bias gradient (a column sum of dY) is not a matrix
 * multiply and is not counted. Use {@code long}: 784-1024-1024-10 needs 1.2 billion FLOPs per step
 * of 128, more than an {@code int} holds.
 *
 * <p>Grading: 784-1024-1024-10 (1,863,690 parameters) and small networks worked out by hand, the
 * same count as nn-core's {@link dev.knobs.nn.layer.Sequential#parameterCount} of the network built
 * from the widths, and the FLOPs of the formula above on random widths and batches, which grow in
 * proportion to the batch. The bench module's {@code TrainBench.epochFlops} uses the same formula.
 */
public final class NetworkCost {
    private NetworkCost() {}

    /**
     * Weights and biases of the fully connected network with these widths, as in the class comment.
     *
     * @param widths the layer widths, inputs first and classes last, at least two
     * @return the number of trainable numbers
     */
    public static long parameters(int[] widths) {
        checkWidths(widths);
        throw new UnsupportedOperationException("exercise 09.2: the parameter count: per layer of weights, "
                + "n_in · n_out weights and n_out biases (lessons/09-deeper-layers/exercises/.../NetworkCost.java)");
    }

    /**
     * Floating-point operations of the matrix multiplies of one training step, as in the class comment.
     *
     * @param widths the layer widths, inputs first and classes last, at least two
     * @param batch  examples per step, at least 1
     * @return 2 flops per multiply-add of the forward pass, the weight gradients and the input gradients
     *         (all but the first layer's)
     */
    public static long stepFlops(int[] widths, int batch) {
        checkWidths(widths);
        if (batch < 1) {
            throw new IllegalArgumentException("a training step needs at least one example, got a batch of " + batch);
        }
        throw new UnsupportedOperationException("exercise 09.2: the FLOPs of a training step: forward, weight "
                + "gradient and input gradient (not for the first layer), 2 per multiply-add "
                + "(lessons/09-deeper-layers/exercises/.../NetworkCost.java)");
    }

    /** Refuses fewer than two widths or a width below 1. */
    private static void checkWidths(int[] widths) {
        if (widths == null || widths.length < 2) {
            throw new IllegalArgumentException("a network needs at least two widths (inputs and classes), e.g. "
                    + "{784, 10}");
        }
        for (int w : widths) {
            if (w < 1) {
                throw new IllegalArgumentException("every width must be at least 1, got " + w);
            }
        }
    }
}
