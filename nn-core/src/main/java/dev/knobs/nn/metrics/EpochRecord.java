package dev.knobs.nn.metrics;

/**
 * What happened in one epoch. Losses are mean cross-entropies; a field that was not measured is
 * {@code NaN} (written as {@code null} in JSON).
 *
 * @param epoch              1-based
 * @param trainLoss          mean of the mini-batch losses during the epoch (with dropout and augmentation on)
 * @param trainAccuracy      accuracy on the training batches as they were trained on
 * @param validationLoss     on held-out training data, in evaluation mode
 * @param validationAccuracy on held-out training data
 * @param testLoss           on the test set, in evaluation mode
 * @param testAccuracy       on the test set
 * @param learningRate       the rate at the end of the epoch
 * @param seconds            wall-clock time of the epoch's training steps (not evaluation)
 */
public record EpochRecord(int epoch, double trainLoss, double trainAccuracy, double validationLoss,
                          double validationAccuracy, double testLoss, double testAccuracy, double learningRate,
                          double seconds) {}
