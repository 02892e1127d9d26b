package dev.knobs.nn.layer;

import dev.knobs.nn.kernel.Ops;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Inverted dropout (Srivastava, Hinton, Krizhevsky, Sutskever and Salakhutdinov 2014, "Dropout:
 * a simple way to prevent neural networks from overfitting", JMLR 15).
 *
 * <pre>
 * training:    m_i = 1/(1-p) with probability 1-p, else 0      (a fresh mask every mini-batch)
 *              y = x ⊙ m,   dx = dy ⊙ m
 * evaluation:  y = x
 * </pre>
 *
 * <p>Each unit is switched off with probability {@code p}, so no unit can rely on a particular
 * other unit being there: the network learns redundant features and overfits less. Training
 * samples from 2^n thinned networks; evaluation should use their average, which is approximately
 * the full network with activations scaled by the keep probability {@code 1-p}. "Inverted"
 * dropout does that scaling during training instead (dividing the kept units by {@code 1-p}), so
 * the expected value of each unit is the same in both modes and evaluation is the plain network.
 *
 * <p>Rates can differ per layer: the paper uses about 0.2 on the input pixels and 0.5 on hidden
 * units. A rate of 1 would drop everything, so {@code p} must be in [0, 1).
 */
public final class Dropout implements Layer {
    private final float rate;
    private final long seed;
    private long calls;
    private float[] mask;
    private float[] y;
    private float[] dx;
    private boolean masked;
    private int unstoredRows;     // > 0: the last (fused) pass did not store its mask of this many rows

    /**
     * @param rate the probability p of dropping each unit, in [0, 1)
     * @param rng  where this layer's masks come from
     */
    public Dropout(float rate, SplittableRandom rng) {
        this(rate, rng.nextLong());
    }

    private Dropout(float rate, long seed) {
        if (!(rate >= 0f && rate < 1f)) {
            throw new IllegalArgumentException("dropout rate must be in [0, 1), got " + rate
                    + ": it is the probability of dropping a unit (0 = no dropout, 0.5 = half; 1 would drop everything)");
        }
        this.rate = rate;
        this.seed = seed;
    }

    /** A dropout layer for rebuilding a saved model, which only ever evaluates. */
    public static Dropout forEvaluation(float rate) {
        return new Dropout(rate, 0L);
    }

    /** The probability p of dropping a unit in training. */
    public float rate() {
        return rate;
    }

    /**
     * Masks drawn so far in training: the mask of a mini-batch is drawn from (seed, this count),
     * so a checkpoint keeps it and {@link #resumeAt} sets it to continue with the same masks.
     */
    public long calls() {
        return calls;
    }

    /** Continues a run whose training passes have drawn {@code calls} masks (see {@link #calls()}). */
    public void resumeAt(long calls) {
        if (calls < 0) {
            throw new IllegalArgumentException("a dropout layer's mask count must be >= 0, got " + calls);
        }
        this.calls = calls;
    }

    @Override
    public float[] forward(float[] x, int batch, boolean training) {
        masked = training && rate > 0f;
        if (!masked) {
            return x;
        }
        int n = x.length;
        mask = Buffers.fit(mask, n);
        y = Buffers.fit(y, n);
        unstoredRows = 0;
        // A new mask every call, one random stream per row: the same mask for any thread count.
        Ops.dropout(batch, n / batch, rate, seed, calls++, x, mask, y);     // y = x ⊙ m
        return y;
    }

    /**
     * For {@link Sequential}'s fused pass, which applies the mask itself without storing it: does
     * what {@link #forward} does before drawing, and returns the step (mini-batch number) to draw
     * for, or -1 when this pass drops nothing. Then {@link #output()} is the buffer to fill; the
     * mask is drawn again only if {@link #backward} needs it.
     */
    long start(boolean training, int rows, int n) {
        masked = training && rate > 0f;
        if (!masked) {
            return -1;
        }
        mask = Buffers.fit(mask, n);
        y = Buffers.fit(y, n);
        unstoredRows = rows;
        return calls++;
    }

    long seed() {
        return seed;
    }

    /** Whether the last forward pass dropped units (training, with a rate above 0). */
    boolean masked() {
        return masked;
    }

    float[] output() {
        return y;
    }

    @Override
    public float[] backward(float[] dy, int batch, boolean inputGradient) {
        if (!inputGradient || !masked) {
            return inputGradient ? dy : null;
        }
        if (unstoredRows > 0) {                               // drawn again: the last pass's step is calls - 1
            Ops.dropoutMask(unstoredRows, mask.length / unstoredRows, rate, seed, calls - 1, mask);
            unstoredRows = 0;
        }
        dx = Buffers.fit(dx, dy.length);
        Ops.multiply(dy.length, dy, mask, dx);                // dx = dy ⊙ m
        return dx;
    }

    @Override
    public int outputWidth(int inputWidth) {
        return inputWidth;
    }

    @Override
    public List<Parameter> parameters() {
        return List.of();
    }

    @Override
    public String type() {
        return "dropout";
    }

    @Override
    public Map<String, Object> settings() {
        return Map.of("rate", rate);
    }

    @Override
    public Dropout copy() {
        return new Dropout(rate, seed);
    }

    @Override
    public String toString() {
        return "Dropout(" + rate + ")";
    }
}
