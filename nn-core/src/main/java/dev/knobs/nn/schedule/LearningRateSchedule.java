package dev.knobs.nn.schedule;

/**
 * A learning rate as a function of time: {@code step -> rate}.
 *
 * <p>The unit of {@code step} is the caller's choice: pass the epoch number for a per-epoch
 * schedule, or the mini-batch number for a per-step schedule (smoother, and what warm-up and
 * one-cycle are usually given). Steps count from 0.
 *
 * <p>Call order in a run: {@link #fresh()} once before training, {@link #rate(int)} before every
 * step, {@link #epochEnded(double)} after every epoch. Most schedules are pure functions of the
 * step and ignore the last two; {@link ReduceOnPlateau} listens to the loss, so it needs both.
 */
public interface LearningRateSchedule {

    /** The learning rate to use at {@code step} (0-based). */
    float rate(int step);

    /** A short description for tables and legends, e.g. {@code "cosine(0.1 -> 0)"}. */
    String name();

    /**
     * The same settings with no memory of an earlier run, for a new run. A schedule that keeps
     * no memory (a function of the step alone) can return itself, which is the default.
     */
    default LearningRateSchedule fresh() {
        return this;
    }

    /**
     * Tells the schedule how an epoch went: the validation loss (or the training loss when there
     * is no validation set). The default ignores it.
     *
     * @return true if the rate changed because of it
     */
    default boolean epochEnded(double loss) {
        return false;
    }

    /** Rejects a rate that cannot be a learning rate. */
    static void checkRate(String what, float rate) {
        if (!(rate > 0f) || !Float.isFinite(rate)) {
            throw new IllegalArgumentException(what + " must be a finite number > 0, got " + rate);
        }
    }

    /** Rejects a step count below 1. */
    static void checkSteps(String what, int steps) {
        if (steps < 1) {
            throw new IllegalArgumentException(what + " must be at least 1, got " + steps);
        }
    }
}
