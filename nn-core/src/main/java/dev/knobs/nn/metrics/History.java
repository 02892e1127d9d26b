package dev.knobs.nn.metrics;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The per-epoch record of a training run, plus the per-step learning rate and loss for
 * schedules that change within an epoch. Written to JSON by {@link dev.knobs.nn.io.Json} and
 * plotted by the lessons.
 *
 * @param label a name for legends, e.g. {@code "dropout 0.2"}
 */
public record History(String label, List<EpochRecord> epochs, List<Float> stepLearningRates, List<Float> stepLosses) {

    /** An empty history, to be filled one epoch at a time. */
    public History(String label) {
        this(label, new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
    }

    /** Records one finished epoch. */
    public void add(EpochRecord record) {
        epochs.add(record);
    }

    /** Records the learning rate and loss of one mini-batch step. */
    public void addStep(float learningRate, float loss) {
        stepLearningRates.add(learningRate);
        stepLosses.add(loss);
    }

    /**
     * The last epoch recorded.
     *
     * @throws IllegalStateException if no epoch was recorded
     */
    public EpochRecord last() {
        if (epochs.isEmpty()) {
            throw new IllegalStateException("history '" + label + "' has no epochs yet");
        }
        return epochs.get(epochs.size() - 1);
    }

    /** The epoch with the highest validation accuracy (the first on ties); the last if none was measured. */
    public EpochRecord bestByValidation() {
        EpochRecord best = null;
        for (EpochRecord e : epochs) {
            if (!Double.isNaN(e.validationAccuracy()) && (best == null || e.validationAccuracy() > best.validationAccuracy())) {
                best = e;
            }
        }
        return best != null ? best : last();
    }

    /** The epochs, read only. */
    public List<EpochRecord> epochsView() {
        return Collections.unmodifiableList(epochs);
    }

    /** Total training seconds over all epochs. */
    public double seconds() {
        return epochs.stream().mapToDouble(EpochRecord::seconds).sum();
    }
}
