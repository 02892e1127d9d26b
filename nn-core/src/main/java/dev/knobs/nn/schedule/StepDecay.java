package dev.knobs.nn.schedule;

/**
 * Step decay: multiply the rate by {@code factor} every {@code every} steps.
 *
 * <pre>
 *   η(t) = η₀ · factor^⌊t / every⌋
 * </pre>
 *
 * <p>The classic recipe: train at a high rate until progress stalls, then divide by 10 (or 2)
 * and continue. Each drop shows as a visible step down in the loss curve.
 */
public record StepDecay(float initial, float factor, int every) implements LearningRateSchedule {

    public StepDecay {
        LearningRateSchedule.checkRate("initial learning rate", initial);
        if (!(factor > 0f && factor <= 1f)) {
            throw new IllegalArgumentException("step-decay factor must be in (0, 1], got " + factor + " (0.1 or 0.5 are usual)");
        }
        LearningRateSchedule.checkSteps("step-decay interval", every);
    }

    @Override
    public float rate(int step) {
        return (float) (initial * Math.pow(factor, Math.floorDiv(step, every)));
    }

    @Override
    public String name() {
        return "step(" + initial + ", x" + factor + " every " + every + ")";
    }
}
