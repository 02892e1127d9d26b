package dev.knobs.exercises.l02;

import dev.knobs.nn.data.Dataset;

/**
 * Exercise 02.2: per-pixel min-max scaling, fitted on the training set.
 *
 * <pre>
 *   minⱼ = minᵢ trainᵢⱼ,  maxⱼ = maxᵢ trainᵢⱼ      pixel j over the training images only
 *   x'ᵢⱼ = (xᵢⱼ - minⱼ) / (maxⱼ - minⱼ)           for every image of {@code data}
 *   x'ᵢⱼ = 0                                     where maxⱼ = minⱼ (a pixel constant in training)
 * </pre>
 *
 * <p>Why: min-max scaling puts every pixel of the training set in [0, 1], like dividing by 255,
 * but per pixel, so a pixel that only ever reaches 40 is stretched to the same range as one that
 * reaches 255. The statistics come from the training set and are applied unchanged to the data
 * being scaled, validation and test images included: measuring them on the test set would let it
 * shape the model, and an image scaled by its own batch's extremes would mean something different
 * in every batch. So scaled test pixels may fall a little outside [0, 1]; that is expected, do not
 * clip them. MNIST's border pixels are 0 in every training image: {@code max - min = 0} there, and
 * dividing would give NaN; such a pixel carries no information and is mapped to 0.
 *
 * <p>Grading: a hand-computed case, training data mapped onto [0, 1] with each varying pixel
 * reaching both ends, other data scaled with the training statistics (not its own), constant
 * pixels at 0 and never NaN, and a comparison with the grader's reference solution on random
 * images (nn-core only divides by a fixed maximum, see {@link dev.knobs.nn.data.Scaling}).
 */
public final class MinMaxScaling {
    private MinMaxScaling() {}

    /**
     * Scales {@code data} with the per-pixel minimum and maximum of {@code train}.
     *
     * @param train the training images, {@code [size, features]} in {@code train.x()}, not modified
     * @param data  the images to scale (the training set itself, or validation or test images), not modified
     * @return {@code data.withPixels(data.name() + "/min-max", scaled)}, a copy with the scaled pixels
     */
    public static Dataset scale(Dataset train, Dataset data) {
        if (train.features() != data.features()) {
            throw new IllegalArgumentException("min-max scaling fitted on images of " + train.features()
                    + " pixels cannot scale images of " + data.features() + " pixels");
        }
        throw new UnsupportedOperationException("exercise 02.2: min-max scaling: find each pixel's minimum and "
                + "maximum over the training set, then map data to (x - min) / (max - min), 0 where max = min "
                + "(lessons/02-normalization/exercises/.../MinMaxScaling.java)");
    }
}
