package dev.knobs.nn.schedule;

/**
 * Linear warm-up in front of any schedule (Goyal et al. 2017, "Accurate, large minibatch SGD").
 *
 * <pre>
 *   η(t) = after(0) · (t + 1) / warmupSteps      for t < warmupSteps
 *   η(t) = after(t - warmupSteps)                 afterwards
 * </pre>
 *
 * <p>At the start the weights are random and the gradients large and unreliable; a full-size
 * step can throw the network into a bad region (or NaN). Ramping the rate up over the first few
 * hundred steps avoids that, and lets the main schedule start from a higher peak.
 */
public record WarmUp(int warmupSteps, LearningRateSchedule after) implements LearningRateSchedule {

    public WarmUp {
        LearningRateSchedule.checkSteps("warm-up length", warmupSteps);
    }

    @Override
    public float rate(int step) {
        if (step < warmupSteps) {
            return after.rate(0) * (step + 1) / warmupSteps;
        }
        return after.rate(step - warmupSteps);
    }

    @Override
    public String name() {
        return "warmup(" + warmupSteps + ") + " + after.name();
    }
}
