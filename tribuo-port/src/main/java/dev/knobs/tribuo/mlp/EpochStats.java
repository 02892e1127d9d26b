package dev.knobs.tribuo.mlp;

import java.io.Serializable;

/**
 * What one epoch of {@link MlpTrainer} measured, kept in the trained {@link MlpModel} like
 * Keras' {@code History}.
 *
 * @param epoch              1-based
 * @param trainLoss          mean cross-entropy over the epoch's mini-batches (dropout and augmentation on, weights moving)
 * @param trainAccuracy      share of training examples the mini-batch predictions got right
 * @param validationLoss     cross-entropy on the held-out part after the epoch, NaN without a validation split
 * @param validationAccuracy accuracy on the held-out part after the epoch, NaN without a validation split
 * @param learningRate       the optimiser's rate multiplier from the schedule at the epoch's last step
 * @param seconds            wall-clock time of the epoch's training steps
 */
public record EpochStats(int epoch, double trainLoss, double trainAccuracy, double validationLoss,
                         double validationAccuracy, double learningRate, double seconds) implements Serializable {
}
