package dev.knobs.exercises.l10;

import dev.knobs.nn.schedule.LearningRateSchedule;

/**
 * Exercise 10.2: the one-cycle policy (Smith 2018; Smith and Topin 2019), with cosine ramps as
 * in PyTorch's OneCycleLR.
 *
 * <pre>
 *   start = max / divFactor,   end = start / finalDivFactor,   up = max(1, ⌊pctStart · total⌋)
 *   ramp(a, b, f) = b + (a - b) · (1 + cos(π · f)) / 2          a at f = 0, b at f = 1
 *   t &lt; up:   η(t) = ramp(start, max, t / up)
 *   t ≥ up:   η(t) = ramp(max, end, min(1, (t - up) / down)),   down = max(1, total - 1 - up)
 * </pre>
 *
 * <p>Why: one rise from a small rate to {@code max}, then one long fall to a tiny rate over the
 * rest of the run. The short warm-up lets the network settle before large steps; the high rate
 * in the middle moves fast and regularises; the very low rate at the end (reached at the last
 * step, {@code total - 1}) settles into a minimum. Compute in {@code double}, return a float.
 *
 * <p>Grading: the start, the peak at step {@code up}, the end at {@code total - 1}, rising then
 * falling, and a comparison at every step with nn-core's {@link dev.knobs.nn.schedule.OneCycle},
 * the reference solution.
 *
 * @param max            the peak rate, > 0
 * @param total          the steps of the whole run, ≥ 1
 * @param pctStart       the share of the steps spent rising, in (0, 1); 0.3 is usual
 * @param divFactor      start = max / divFactor, ≥ 1; 25 is usual
 * @param finalDivFactor end = start / finalDivFactor, ≥ 1; 10⁴ is usual
 */
public record OneCycleSchedule(float max, int total, float pctStart, float divFactor, float finalDivFactor)
        implements LearningRateSchedule {

    /** Rejects settings that are not a schedule. */
    public OneCycleSchedule {
        LearningRateSchedule.checkRate("one-cycle maximum rate", max);
        LearningRateSchedule.checkSteps("one-cycle total steps", total);
        if (!(pctStart > 0f && pctStart < 1f) || !(divFactor >= 1f) || !(finalDivFactor >= 1f)) {
            throw new IllegalArgumentException("one-cycle needs pctStart in (0, 1) and div factors >= 1, got "
                    + pctStart + ", " + divFactor + ", " + finalDivFactor);
        }
    }

    /** η(step), see the class comment. */
    @Override
    public float rate(int step) {
        throw new UnsupportedOperationException("exercise 10.2: one-cycle schedule: a cosine rise from max/divFactor to "
                + "max, then a cosine fall to the end rate (lessons/10-lr-schedules/exercises/.../OneCycleSchedule.java)");
    }

    @Override
    public String name() {
        return "one_cycle(max " + max + ", " + total + " steps, exercise 10.2)";
    }
}
