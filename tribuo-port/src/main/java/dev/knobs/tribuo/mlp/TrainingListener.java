package dev.knobs.tribuo.mlp;

/**
 * Watches an {@link MlpTrainer} train, for progress bars and logs. Listening never changes the
 * result, so a listener is not part of the trainer's configuration or provenance.
 */
@FunctionalInterface
public interface TrainingListener {

    /**
     * Called after each epoch, on the training thread.
     *
     * @param stats  what the epoch measured
     * @param epochs the total number of epochs of this run
     */
    void epochEnded(EpochStats stats, int epochs);
}
