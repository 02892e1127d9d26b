package dev.knobs.exercises.l10;

import dev.knobs.nn.schedule.LearningRateSchedule;
import dev.knobs.nn.schedule.OneCycle;

/** The reference solution of exercise 10.2: nn-core's OneCycle. */
public record OneCycleSchedule(float max, int total, float pctStart, float divFactor, float finalDivFactor)
        implements LearningRateSchedule {
    @Override public float rate(int step) { return new OneCycle(max, total, pctStart, divFactor, finalDivFactor).rate(step); }
    @Override public String name() { return "one-cycle"; }
}
