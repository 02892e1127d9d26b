package dev.knobs.nn.train;

import dev.knobs.nn.metrics.EpochRecord;

/**
 * What a {@link TrainingLoop} tells the outside world while it runs: a progress bar, a log, a
 * search that stops weak trials early. Every method has a default that does nothing, so a
 * listener implements only what it needs.
 *
 * <p>Call order: {@code stepEnded} after every mini-batch, {@code epochEnded} after every epoch's
 * evaluation, and {@code diverged} once if the loss blows up (then nothing else follows).
 */
public interface TrainingListener {
    /** Listens to nothing. */
    TrainingListener NONE = new TrainingListener() {};

    /**
     * After one mini-batch step.
     *
     * @param epoch 1-based epoch
     * @param step  1-based step counted over the whole run
     * @param loss  the mini-batch's mean loss before the update
     * @param rate  the learning rate of the step
     */
    default void stepEnded(int epoch, int step, float loss, float rate) {}

    /**
     * After an epoch has been trained and evaluated.
     *
     * @param record what the epoch measured
     * @param epochs how many epochs the run has in all
     * @return true to go on, false to stop here (early stopping; the run is then complete, not failed)
     */
    default boolean epochEnded(EpochRecord record, int epochs) {
        return true;
    }

    /** The loss blew up; training stops and the run reports why. */
    default void diverged(TrainingDivergedException reason) {}
}
