package dev.knobs.exercises.l01;

import dev.knobs.nn.init.Initializer;
import dev.knobs.nn.layer.Layer;
import dev.knobs.nn.layer.Parameter;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Exercise 01.1: the backward pass of a fully connected layer. The forward pass is written for
 * you; {@link #backward} is yours.
 *
 * <pre>
 * forward:   z = x·Wᵀ + b          x: [batch, in]   W: [out, in]   b: [out]   z: [batch, out]
 * backward:  dW = dzᵀ·x            dW[j][i] = Σ_r dz[r][j] · x[r][i]      (sum over the batch)
 *            db = Σ_batch dz       db[j]    = Σ_r dz[r][j]
 *            dx = dz·W             dx[r][i] = Σ_j dz[r][j] · W[j][i]
 * </pre>
 *
 * <p>Why: {@code z[r][j]} depends on {@code W[j][i]} through the single product
 * {@code x[r][i]·W[j][i]}, so each example contributes {@code dz[r][j]·x[r][i]}, and the batch's
 * contributions add up. The gradient arriving in {@code dz} is already divided by the batch size
 * (the loss is a mean), so do not divide again. {@code backward} overwrites the gradients of
 * {@link #parameters()}: it must not add to what an earlier call left there.
 *
 * <p>Grading: a finite-difference gradient check of dW, db and dx, a case small enough to do by
 * hand, and a comparison with nn-core's {@link dev.knobs.nn.layer.Dense} on random inputs.
 * nn-core's {@code Dense} is the reference solution: read it after you have tried.
 */
public final class DenseLayer implements Layer {
    private final int in;
    private final int out;
    private final Parameter weights;
    private final Parameter bias;
    private float[] x;      // the last input, kept for dW = dzᵀ·x
    private float[] z;
    private float[] dx;

    /**
     * A layer with weights drawn by {@code init} and zero biases.
     *
     * @param in   inputs per example
     * @param out  units in this layer
     * @param init how to draw the initial weights
     * @param rng  the random source for the initial weights
     */
    public DenseLayer(int in, int out, Initializer init, SplittableRandom rng) {
        if (in < 1 || out < 1) {
            throw new IllegalArgumentException("a dense layer needs at least 1 input and 1 output, got in=" + in
                    + ", out=" + out);
        }
        this.in = in;
        this.out = out;
        this.weights = Parameter.zeros("W", out, in, true);
        this.bias = Parameter.zeros("b", 1, out, false);
        init.fill(weights.value(), in, out, rng);
    }

    @Override
    public float[] forward(float[] x, int batch, boolean training) {
        if (x.length != batch * in) {
            throw new IllegalArgumentException("DenseLayer(" + in + " -> " + out + ") got " + x.length
                    + " input values for a batch of " + batch + ", expected " + batch * in);
        }
        this.x = x;
        if (z == null || z.length != batch * out) {
            z = new float[batch * out];
        }
        float[] w = weights.value();
        float[] b = bias.value();
        for (int r = 0; r < batch; r++) {
            for (int j = 0; j < out; j++) {
                float sum = b[j];
                for (int i = 0; i < in; i++) {
                    sum += x[r * in + i] * w[j * in + i];
                }
                z[r * out + j] = sum;
            }
        }
        return z;
    }

    /**
     * Fills {@code weights().grad()} with dW and {@code bias().grad()} with db (overwriting them),
     * and returns dx when {@code inputGradient} is true ({@code null} otherwise). See the class
     * comment for the formulas. Use the input {@code x} kept by the last {@link #forward} call.
     */
    @Override
    public float[] backward(float[] dz, int batch, boolean inputGradient) {
        throw new UnsupportedOperationException("exercise 01.1: dense layer backward pass: fill dW = dzᵀ·x and "
                + "db = Σ_batch dz, return dx = dz·W (lessons/01-first-network/exercises/.../DenseLayer.java)");
    }

    /** W, {@code [out, in]}: row {@code j} holds the incoming weights of unit {@code j}. */
    public Parameter weights() {
        return weights;
    }

    /** b, {@code [1, out]}. */
    public Parameter bias() {
        return bias;
    }

    @Override
    public int outputWidth(int inputWidth) {
        if (inputWidth != in) {
            throw new IllegalArgumentException("DenseLayer(" + in + " -> " + out + ") expects " + in
                    + " inputs but the previous layer gives " + inputWidth);
        }
        return out;
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(weights, bias);
    }

    @Override
    public String type() {
        return "dense";
    }

    @Override
    public Map<String, Object> settings() {
        return Map.of("in", in, "out", out);
    }

    @Override
    public Layer copy() {
        throw new UnsupportedOperationException("DenseLayer is for training in a lesson; save models built from "
                + "nn-core's Dense");
    }

    @Override
    public String toString() {
        return "DenseLayer(" + in + " -> " + out + ", exercise 01.1)";
    }
}
