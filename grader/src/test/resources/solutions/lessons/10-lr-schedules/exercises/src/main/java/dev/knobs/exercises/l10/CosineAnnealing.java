package dev.knobs.exercises.l10;

import dev.knobs.nn.schedule.CosineSchedule;
import dev.knobs.nn.schedule.LearningRateSchedule;

/** The reference solution of exercise 10.1: nn-core's cosine annealing. */
public record CosineAnnealing(float max, float min, int period) implements LearningRateSchedule {
    @Override public float rate(int step) { return CosineSchedule.annealing(max, min, period).rate(step); }
    @Override public String name() { return "cosine"; }
}
