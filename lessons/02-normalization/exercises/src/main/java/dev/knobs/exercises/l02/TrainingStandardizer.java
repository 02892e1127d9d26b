package dev.knobs.exercises.l02;

import dev.knobs.nn.data.Dataset;
import dev.knobs.nn.data.Standardizer;

/**
 * Exercise 02.1: a per-pixel standardiser fitted on the training set.
 *
 * <pre>
 *   μⱼ = (1/n) Σᵢ xᵢⱼ                         the mean of pixel j over the n training images
 *   σⱼ = max( sqrt( (1/n) Σᵢ (xᵢⱼ - μⱼ)² ), minStd )   its (population) standard deviation, floored
 *   x'ᵢⱼ = (xᵢⱼ - μⱼ) / σⱼ                     what {@link Standardizer#apply} then computes
 * </pre>
 *
 * <p>Why: centred inputs of similar scale make every weight's gradient about equally large, so
 * one learning rate suits them all (LeCun et al. 1998, "Efficient BackProp"). The statistics come
 * from the training set only and are applied unchanged to validation and test data; measuring them
 * on the test set would leak it into the model. The floor {@code minStd} keeps the MNIST border
 * pixels (always 0, so σ = 0) at 0 instead of dividing by zero. Accumulate sums in {@code double}:
 * 60,000 float additions lose digits.
 *
 * <p>Grading: a hand-computed case, the invariant that the standardised training set has mean 0
 * and standard deviation 1 in every pixel that varies, the floor, and a comparison with nn-core's
 * {@link Standardizer#perPixel} (the reference solution) on random data.
 */
public final class TrainingStandardizer {
    private TrainingStandardizer() {}

    /**
     * Measures μ and σ of every pixel position on {@code train}.
     *
     * @param train  the training images, {@code [size, features]} in {@code train.x()}, not modified
     * @param minStd the floor for σ, in the data's units (e.g. 1/255 for [0, 1] pixels)
     * @return a {@code new Standardizer(mean, std, "per-pixel")} with {@code features} floats in each array
     */
    public static Standardizer fit(Dataset train, float minStd) {
        throw new UnsupportedOperationException("exercise 02.1: standardiser from training statistics: compute the "
                + "mean and the floored standard deviation of every pixel over the training set "
                + "(lessons/02-normalization/exercises/.../TrainingStandardizer.java)");
    }
}
