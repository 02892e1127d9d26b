package dev.knobs.nn.loss;

import dev.knobs.nn.kernel.Ops;

/**
 * Softmax followed by cross-entropy, fused into one step.
 *
 * <pre>
 * forward:   pᵢ = softmax(zᵢ)                      z: [batch, classes] logits
 *            L  = -(1/B) Σᵢ log pᵢ[yᵢ]             mean over the batch of B examples
 *               = (1/B) Σᵢ (logΣⱼ e^{zᵢⱼ} - zᵢ[yᵢ])
 * backward:  dL/dzᵢⱼ = (pᵢⱼ - [j = yᵢ]) / B
 * </pre>
 *
 * <p>Why fused: the gradient of softmax alone is a full Jacobian per example, and of
 * cross-entropy alone is {@code -1/p}, which overflows when {@code p} underflows to 0. Together
 * they collapse to {@code p - onehot(y)}, cheap and stable. The loss is computed with the
 * log-sum-exp trick (subtract the row maximum) so it never takes {@code log(0)}.
 *
 * <p>An untrained network with small logits predicts about 1/10 for every digit, so the first
 * loss should be close to {@code ln 10 ≈ 2.303}; lesson 01 checks this.
 */
public final class SoftmaxCrossEntropy {
    private float[] probabilities;
    private float[] gradient;
    private double[] logSumExp;
    private int[] labels;
    private int batch;
    private int classes;

    /**
     * Computes the mean loss of a mini-batch and remembers what {@link #backward} needs.
     *
     * @param logits  {@code [batch, classes]}, not modified
     * @param labels  the true class of each row, not modified
     * @return the mean cross-entropy over the batch, in nats
     */
    public float forward(float[] logits, int[] labels, int batch, int classes) {
        if (logits.length != batch * classes || labels.length < batch) {
            throw new IllegalArgumentException("loss got " + logits.length + " logits and " + labels.length
                    + " labels for a batch of " + batch + " with " + classes + " classes");
        }
        this.labels = labels;
        this.batch = batch;
        this.classes = classes;
        if (probabilities == null || probabilities.length != logits.length) {
            probabilities = new float[logits.length];
            logSumExp = new double[batch];
        }
        Ops.softmaxRows(batch, classes, logits, probabilities, logSumExp);
        double sum = 0;
        for (int i = 0; i < batch; i++) {
            sum += logSumExp[i] - logits[i * classes + labels[i]];      // -log p_y = log Σ e^z - z_y
        }
        return (float) (sum / batch);
    }

    /** Softmax probabilities from the last {@link #forward}, {@code [batch, classes]}. */
    public float[] probabilities() {
        return probabilities;
    }

    /** {@code dL/dz = (p - onehot(y)) / batch}, {@code [batch, classes]}, owned by this loss. */
    public float[] backward() {
        if (gradient == null || gradient.length != probabilities.length) {
            gradient = new float[probabilities.length];
        }
        float inv = 1f / batch;
        for (int i = 0; i < batch; i++) {
            int o = i * classes;
            for (int j = 0; j < classes; j++) {
                gradient[o + j] = (probabilities[o + j] - (j == labels[i] ? 1f : 0f)) * inv;
            }
        }
        return gradient;
    }
}
