package dev.knobs.tribuo.schedule;

import com.oracle.labs.mlrg.olcut.config.Config;
import com.oracle.labs.mlrg.olcut.provenance.ConfiguredObjectProvenance;
import com.oracle.labs.mlrg.olcut.provenance.impl.ConfiguredObjectProvenanceImpl;
import dev.knobs.nn.schedule.LearningRateSchedule;

/**
 * Exponential decay per epoch: {@code m(t) = gamma ^ epoch(t)}, e.g. gamma 0.9 gives 1, 0.9,
 * 0.81, ... A smooth version of {@link StepSchedule}, changed once per epoch as Keras'
 * {@code LearningRateScheduler} callback does.
 */
public final class ExponentialSchedule implements RateSchedule {

    @Config(description = "Factor applied to the rate after every epoch, in (0, 1].")
    private double gamma = 0.9;

    private ExponentialSchedule() {}

    public ExponentialSchedule(double gamma) {
        this.gamma = gamma;
        postConfig();
    }

    @Override
    public void postConfig() {
        ScheduleChecks.range("gamma", gamma, Double.MIN_VALUE, 1, "a factor in (0, 1] (0.8 to 0.95 is usual)");
    }

    @Override
    public LearningRateSchedule multipliers(int stepsPerEpoch, int epochs) {
        double g = gamma;
        return new LearningRateSchedule() {
            @Override
            public float rate(int step) {
                return (float) Math.pow(g, step / stepsPerEpoch);
            }

            @Override
            public String name() {
                return ExponentialSchedule.this.toString();
            }
        };
    }

    @Override
    public ConfiguredObjectProvenance getProvenance() {
        return new ConfiguredObjectProvenanceImpl(this, "RateSchedule");
    }

    @Override
    public String toString() {
        return "exponential(x" + gamma + " per epoch)";
    }
}
