package dev.knobs.exercises.l10;

import dev.knobs.nn.schedule.LearningRateSchedule;

/**
 * Exercise 10.1: cosine annealing (Loshchilov and Hutter 2017), without restarts.
 *
 * <pre>
 *   η(t) = η_min + (η_max - η_min) · (1 + cos(π · t / T)) / 2      for 0 ≤ t &lt; T
 *   η(t) = η_min                                                   for t ≥ T
 * </pre>
 *
 * <p>Why: the rate starts at {@code η_max} (t = 0: cos 0 = 1), is exactly halfway at
 * {@code t = T/2}, and glides into {@code η_min}. The cosine stays near the top for a while
 * (large steps, exploring) and near the bottom for a while (small steps, settling), and the
 * only number to choose is the length {@code T}. Compute in {@code double}, return a float.
 *
 * <p>Grading: the values at 0, T/2, T and beyond, that the rate never rises, and a comparison
 * at every step with nn-core's {@link dev.knobs.nn.schedule.CosineSchedule#annealing}, the
 * reference solution.
 *
 * @param max    η_max, the rate at step 0, > 0
 * @param min    η_min, the rate from step T on, in [0, max]
 * @param period T, the number of steps of the descent, ≥ 1
 */
public record CosineAnnealing(float max, float min, int period) implements LearningRateSchedule {

    /** Rejects settings that are not a schedule. */
    public CosineAnnealing {
        LearningRateSchedule.checkRate("maximum learning rate", max);
        if (!(min >= 0f && min <= max)) {
            throw new IllegalArgumentException("cosine minimum rate must be in [0, max=" + max + "], got " + min);
        }
        LearningRateSchedule.checkSteps("cosine period", period);
    }

    /** η(step), see the class comment. */
    @Override
    public float rate(int step) {
        throw new UnsupportedOperationException("exercise 10.1: cosine schedule: min + (max - min)·(1 + cos(π·t/T))/2, "
                + "then min from T on (lessons/10-lr-schedules/exercises/.../CosineAnnealing.java)");
    }

    @Override
    public String name() {
        return "cosine(" + max + " -> " + min + " over " + period + ", exercise 10.1)";
    }
}
