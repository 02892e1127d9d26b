package dev.knobs.exercises.l07;

import dev.knobs.nn.layer.Layer;
import dev.knobs.nn.layer.Parameter;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Exercise 07.1: inverted dropout, forward and backward (Srivastava et al. 2014).
 *
 * <pre>
 *   training:    mᵢ = 1/(1-p) with probability 1-p, else 0     a fresh mask on every forward call
 *                y = x ⊙ m                                    element by element
 *                dx = dy ⊙ m                                  the same mask as the forward pass
 *   evaluation:  y = x,  and backward passes dy through unchanged
 * </pre>
 *
 * <p>Why the {@code 1/(1-p)}: a unit kept with probability {@code 1-p} contributes on average
 * {@code (1-p)·x}. Dividing the kept units by {@code 1-p} makes the expected output equal to
 * {@code x}, the same as at evaluation, where nothing is dropped; without it, the next layer
 * would see inputs that are {@code 1/(1-p)} times larger at test time than in training. The
 * backward pass is the derivative of {@code y = x ⊙ m}: {@code ∂yᵢ/∂xᵢ = mᵢ}.
 *
 * <p>Draw the mask from {@code rng} (e.g. {@code rng.nextDouble() < p} drops a unit). Keep the
 * mask for {@link #backward}. Never modify {@code x}: return your own output array.
 *
 * <p>Grading: the share of dropped units, the scale of the kept ones, the mean of the output,
 * the backward pass against the forward mask, fresh masks on every call, the evaluation mode, and
 * a comparison with nn-core's {@link dev.knobs.nn.layer.Dropout}, the reference solution.
 */
public final class InvertedDropout implements Layer {
    private final float rate;
    private final SplittableRandom rng;

    /**
     * @param rate the probability p of dropping each unit, in [0, 1)
     * @param rng  where this layer's masks come from
     */
    public InvertedDropout(float rate, SplittableRandom rng) {
        if (!(rate >= 0f && rate < 1f)) {
            throw new IllegalArgumentException("dropout rate must be in [0, 1), got " + rate);
        }
        this.rate = rate;
        this.rng = rng;
    }

    /** The probability p of dropping a unit in training. */
    public float rate() {
        return rate;
    }

    /**
     * In training, draws a new mask and returns {@code x ⊙ m}; in evaluation returns the input
     * values unchanged. See the class comment.
     */
    @Override
    public float[] forward(float[] x, int batch, boolean training) {
        throw new UnsupportedOperationException("exercise 07.1: inverted dropout forward: drop each unit with "
                + "probability p and divide the kept ones by 1 - p (lessons/07-dropout/exercises/.../InvertedDropout.java)");
    }

    /**
     * Returns {@code dy ⊙ m} with the mask of the last training forward pass ({@code dy} itself after an
     * evaluation pass), or {@code null} when {@code inputGradient} is false.
     */
    @Override
    public float[] backward(float[] dy, int batch, boolean inputGradient) {
        throw new UnsupportedOperationException("exercise 07.1: inverted dropout backward: dx = dy ⊙ m with the "
                + "forward pass's mask (lessons/07-dropout/exercises/.../InvertedDropout.java)");
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
    public InvertedDropout copy() {
        return new InvertedDropout(rate, rng.split());
    }

    @Override
    public String toString() {
        return "Dropout(" + rate + ", exercise 07.1)";
    }
}
