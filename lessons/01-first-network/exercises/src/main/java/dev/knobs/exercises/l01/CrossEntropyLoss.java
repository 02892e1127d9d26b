package dev.knobs.exercises.l01;

/**
 * Exercise 01.2: softmax cross-entropy, the loss every lesson trains on, and its gradient with
 * respect to the logits.
 *
 * <pre>
 *   mᵢ = maxⱼ zᵢⱼ                                  the largest logit of row i
 *   ln softmax(zᵢ)_c = (zᵢc - mᵢ) - ln Σⱼ e^(zᵢⱼ - mᵢ)
 *   L = -(1/B) Σᵢ ln softmax(zᵢ)_yᵢ                the mean over the B rows of the batch
 *   dL/dzᵢⱼ = (softmax(zᵢ)ⱼ - [j = yᵢ]) / B        probabilities minus the one-hot label, over B
 * </pre>
 *
 * <p>Why subtract the row maximum: softmax does not change when the same number is taken from
 * every logit of a row, but {@code e^z} does: a float overflows to infinity above {@code z ≈ 88},
 * and {@code ∞/∞} is NaN. With {@code mᵢ} taken out the largest exponential is {@code e^0 = 1}
 * and the sum lies between 1 and the number of classes, so its logarithm is always finite. Why
 * the gradient is so simple: the softmax Jacobian and the {@code -1/p} of the logarithm cancel
 * into {@code p - onehot(y)}. Why divide by B: the loss is a mean over the batch, so each row
 * contributes 1/B of it; without the division the step grows with the batch size. Sum in
 * {@code double}. Do not modify the logits or the labels.
 *
 * <p>Grading: a batch worked out by hand, finite differences of the loss against the gradient,
 * logits of 1000 (which overflow without the maximum subtracted), the 1/B in the gradient, and a
 * comparison with nn-core's {@link dev.knobs.nn.loss.SoftmaxCrossEntropy} (the reference
 * solution) on random batches.
 */
public final class CrossEntropyLoss {
    private CrossEntropyLoss() {}

    /**
     * The mean cross-entropy of a batch, as in the class comment.
     *
     * @param logits  {@code [batch, classes]}, row-major, not modified
     * @param labels  the true class of each row, in {@code [0, classes)}
     * @return {@code L}, in nats
     */
    public static float loss(float[] logits, int[] labels, int batch, int classes) {
        checkShapes(logits, labels, batch, classes);
        throw new UnsupportedOperationException("exercise 01.2: softmax cross-entropy: the mean over the batch of "
                + "-ln softmax(z)_y, with each row's maximum subtracted first "
                + "(lessons/01-first-network/exercises/.../CrossEntropyLoss.java)");
    }

    /**
     * The gradient of {@link #loss} with respect to the logits, as in the class comment.
     *
     * @return {@code dL/dz}, a new {@code [batch, classes]} array
     */
    public static float[] gradient(float[] logits, int[] labels, int batch, int classes) {
        checkShapes(logits, labels, batch, classes);
        throw new UnsupportedOperationException("exercise 01.2: softmax cross-entropy gradient: "
                + "(softmax(z) - onehot(y)) / batch (lessons/01-first-network/exercises/.../CrossEntropyLoss.java)");
    }

    /** Refuses logits and labels that do not make a batch of {@code batch} rows of {@code classes}. */
    private static void checkShapes(float[] logits, int[] labels, int batch, int classes) {
        if (batch < 1 || classes < 1 || logits.length != batch * classes || labels.length != batch) {
            throw new IllegalArgumentException("cross-entropy needs " + batch + " x " + classes + " logits and "
                    + batch + " labels, got " + logits.length + " logits and " + labels.length + " labels");
        }
    }
}
