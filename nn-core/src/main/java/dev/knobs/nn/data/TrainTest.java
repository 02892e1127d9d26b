package dev.knobs.nn.data;

/**
 * The two halves of a dataset as published: the examples to learn from and the examples to
 * measure on. Nothing learned may look at {@code test} (not even its pixel statistics for
 * scaling); a validation set, when one is needed, is cut from {@code train}.
 *
 * @param train the training examples (MNIST: 60,000)
 * @param test  the test examples (MNIST: 10,000)
 */
public record TrainTest(Dataset train, Dataset test) {
}
