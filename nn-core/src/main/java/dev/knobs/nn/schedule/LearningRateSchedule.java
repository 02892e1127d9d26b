package dev.knobs.nn.schedule;

/**
 * A learning rate as a function of time: {@code step -> rate}.
 *
 * <p>The unit of {@code step} is the caller's choice: pass the epoch number for a per-epoch
 * schedule, or the mini-batch number for a per-step schedule (smoother, and what warm-up and
 * one-cycle are usually given). Steps count from 0. Schedules are pure functions, except
 * {@link ReduceOnPlateau}, which also listens to the validation loss.
 */
public interface LearningRateSchedule {

    /** The learning rate to use at {@code step} (0-based). */
    float rate(int step);

    /** A short description for tables and legends, e.g. {@code "cosine(0.1 -> 0)"}. */
    String name();

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
