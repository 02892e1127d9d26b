package dev.knobs.nn.layer;

import dev.knobs.nn.init.Initializer;
import dev.knobs.nn.init.Zeros;
import dev.knobs.nn.kernel.Gemm;
import dev.knobs.nn.kernel.Ops;
import dev.knobs.nn.optim.Momentum;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A fully connected layer: every output is a weighted sum of every input plus a bias.
 *
 * <pre>
 * forward:   z = x·Wᵀ + b          x: [batch, in]   W: [out, in]   b: [out]   z: [batch, out]
 * backward:  dW = dzᵀ·x            dW: [out, in]    (sum over the batch)
 *            db = Σ_batch dz       db: [out]
 *            dx = dz·W             dx: [batch, in]
 * </pre>
 *
 * <p>W is stored {@code [out, in]}, so row {@code j} holds the incoming weights of unit {@code j}:
 * for the first MNIST layer it is a 28x28 picture of what that unit looks for.
 * The loss gradient arriving here is already divided by the batch size (see
 * {@link dev.knobs.nn.loss.SoftmaxCrossEntropy}), so dW and db are gradients of the mean loss.
 */
public final class Dense implements Layer {
    private final int in;
    private final int out;
    private final Parameter weights;
    private final Parameter bias;

    private float[] x;      // the last input, kept for dW = dzᵀ·x
    private float[] z;      // output buffer  [batch, out]
    private float[] dx;     // input gradient [batch, in]

    /**
     * A layer with weights drawn by {@code init} and zero biases.
     *
     * @param in   inputs per example (784 for MNIST pixels)
     * @param out  units in this layer
     * @param init how to draw the initial weights, e.g. {@code new HeNormal()}
     * @param rng  the random source for the initial weights
     */
    public Dense(int in, int out, Initializer init, SplittableRandom rng) {
        this(in, out);
        init.fill(weights.value(), in, out, rng);
        new Zeros().fill(bias.value(), in, out, rng);
    }

    private Dense(int in, int out) {
        if (in < 1 || out < 1) {
            throw new IllegalArgumentException("a Dense layer needs at least 1 input and 1 output, got in="
                    + in + ", out=" + out);
        }
        this.in = in;
        this.out = out;
        this.weights = Parameter.zeros("W", out, in, true);
        this.bias = Parameter.zeros("b", 1, out, false);
    }

    /** A layer with all parameters zero, to be filled from a model file or a copy. */
    public static Dense empty(int in, int out) {
        return new Dense(in, out);
    }

    /** Inputs per example. */
    public int in() {
        return in;
    }

    /** Units, i.e. outputs per example. */
    public int out() {
        return out;
    }

    /** W, {@code [out, in]}. */
    public Parameter weights() {
        return weights;
    }

    /** b, {@code [1, out]}. */
    public Parameter bias() {
        return bias;
    }

    @Override
    public float[] forward(float[] x, int batch, boolean training) {
        if (x.length != batch * in) {
            throw new IllegalArgumentException("Dense(" + in + " -> " + out + ") got " + x.length
                    + " input values for a batch of " + batch + ", expected " + batch * in);
        }
        product(x, batch);                                       // z = x·Wᵀ      [batch, out]
        Ops.addRowVector(batch, out, bias.value(), z);           // z += b
        return z;
    }

    /** The forward pass without the bias, {@code z = x·Wᵀ}, for {@link Sequential}'s fused pass that adds it. */
    float[] product(float[] x, int batch) {
        this.x = x;
        z = Buffers.fit(z, batch * out);
        Gemm.abt(batch, in, out, x, weights.value(), z);
        return z;
    }

    @Override
    public float[] backward(float[] dz, int batch, boolean inputGradient) {
        Ops.columnSums(batch, out, dz, bias.grad());             // db = Σ dz     [out]
        return products(dz, batch, inputGradient);
    }

    /** The backward pass without the bias gradient (dW, and dx if asked for), for {@link Sequential}'s fused pass. */
    float[] products(float[] dz, int batch, boolean inputGradient) {
        return products(dz, batch, inputGradient, null, 0f);
    }

    /**
     * As above; with {@code momentum} not null, also the optimiser's step on W, riding on the
     * product that computes dW ({@link Gemm#atbMomentum}). dx is computed first: it needs the old W.
     */
    float[] products(float[] dz, int batch, boolean inputGradient, Momentum momentum, float learningRate) {
        if (inputGradient) {
            dx = Buffers.fit(dx, batch * in);
            Gemm.ab(batch, out, in, dz, weights.value(), dx);    // dx = dz·W     [batch, in]
        }
        if (momentum == null) {
            Gemm.atb(out, batch, in, dz, x, weights.grad());     // dW = dzᵀ·x    [out, in]
        } else {
            Gemm.atbMomentum(out, batch, in, dz, x, weights.grad(), weights.value(), momentum.velocity(weights),
                    momentum.mu(), learningRate);
        }
        return inputGradient ? dx : null;
    }

    @Override
    public int outputWidth(int inputWidth) {
        if (inputWidth != in) {
            throw new IllegalArgumentException("Dense(" + in + " -> " + out + ") expects " + in
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
        Map<String, Object> settings = new LinkedHashMap<>();      // in a fixed order, so model files are the same bytes
        settings.put("in", in);
        settings.put("out", out);
        return settings;
    }

    @Override
    public Dense copy() {
        Dense c = empty(in, out);
        System.arraycopy(weights.value(), 0, c.weights.value(), 0, weights.size());
        System.arraycopy(bias.value(), 0, c.bias.value(), 0, bias.size());
        return c;
    }

    @Override
    public String toString() {
        return "Dense(" + in + " -> " + out + ")";
    }
}
