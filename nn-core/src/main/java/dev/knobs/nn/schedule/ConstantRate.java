package dev.knobs.nn.schedule;

/** The same rate at every step: {@code η(t) = η₀}. */
public record ConstantRate(float rate) implements LearningRateSchedule {

    public ConstantRate {
        LearningRateSchedule.checkRate("learning rate", rate);
    }

    @Override
    public float rate(int step) {
        return rate;
    }

    @Override
    public String name() {
        return "constant(" + rate + ")";
    }
}
