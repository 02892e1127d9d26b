package dev.knobs.nn.schedule;

/**
 * Reduce on plateau: lower the rate when the validation loss stops improving, as Keras'
 * ReduceLROnPlateau does.
 *
 * <pre>
 *   after each epoch: if loss < best · (1 - threshold): best = loss, wait = 0
 *                     else wait += 1; if wait > patience: η ← max(η · factor, η_min), wait = 0
 * </pre>
 *
 * <p>Unlike the other schedules it is not a function of time alone: the training loop calls
 * {@link #epochEnded(double)} with each epoch's validation loss, and {@link #rate(int)} returns
 * the current rate whatever the step. Use it per epoch, and {@link #fresh()} for each new run.
 */
public final class ReduceOnPlateau implements LearningRateSchedule {
    private final float initial;
    private final float factor;
    private final int patience;
    private final float minRate;
    private final float threshold;
    private float current;
    private double best = Double.POSITIVE_INFINITY;
    private int wait;

    /**
     * @param initial   starting rate
     * @param factor    multiply the rate by this on a plateau, in (0, 1); 0.1 to 0.5 is usual
     * @param patience  epochs without improvement to tolerate before reducing, {@code >= 0}
     * @param minRate   never go below this, {@code >= 0}
     * @param threshold relative improvement that counts, e.g. 1e-3 (0.1%)
     */
    public ReduceOnPlateau(float initial, float factor, int patience, float minRate, float threshold) {
        LearningRateSchedule.checkRate("initial learning rate", initial);
        if (!(factor > 0f && factor < 1f)) {
            throw new IllegalArgumentException("plateau factor must be in (0, 1), got " + factor);
        }
        if (patience < 0) {
            throw new IllegalArgumentException("plateau patience must be >= 0 epochs, got " + patience);
        }
        if (!(minRate >= 0f) || !(threshold >= 0f)) {
            throw new IllegalArgumentException("plateau minRate and threshold must be >= 0, got " + minRate + " and " + threshold);
        }
        this.initial = initial;
        this.factor = factor;
        this.patience = patience;
        this.minRate = minRate;
        this.threshold = threshold;
        this.current = initial;
    }

    /**
     * Records one epoch's validation loss and lowers the rate if the loss has not improved for
     * more than {@code patience} epochs.
     *
     * @return true if the rate was just reduced
     */
    @Override
    public boolean epochEnded(double validationLoss) {
        if (validationLoss < best * (1 - threshold)) {
            best = validationLoss;
            wait = 0;
            return false;
        }
        wait++;
        if (wait > patience && current > minRate) {
            current = Math.max(current * factor, minRate);
            wait = 0;
            return true;
        }
        return false;
    }

    @Override
    public float rate(int step) {
        return current;
    }

    /** The same settings, starting again from the initial rate: for a new run. */
    @Override
    public ReduceOnPlateau fresh() {
        return new ReduceOnPlateau(initial, factor, patience, minRate, threshold);
    }

    @Override
    public String name() {
        return "plateau(" + initial + ", x" + factor + " after " + patience + ")";
    }
}
