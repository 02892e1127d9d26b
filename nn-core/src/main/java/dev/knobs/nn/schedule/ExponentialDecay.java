package dev.knobs.nn.schedule;

/**
 * Exponential decay: the rate shrinks by the same factor every step.
 *
 * <pre>
 *   η(t) = η₀ · γ^t
 * </pre>
 *
 * <p>A smooth version of {@link StepDecay}; with per-epoch steps γ = 0.9 to 0.95 is typical.
 */
public record ExponentialDecay(float initial, float gamma) implements LearningRateSchedule {

    public ExponentialDecay {
        LearningRateSchedule.checkRate("initial learning rate", initial);
        if (!(gamma > 0f && gamma <= 1f)) {
            throw new IllegalArgumentException("exponential decay gamma must be in (0, 1], got " + gamma);
        }
    }

    @Override
    public float rate(int step) {
        return (float) (initial * Math.pow(gamma, step));
    }

    @Override
    public String name() {
        return "exponential(" + initial + ", γ=" + gamma + ")";
    }
}
