package dev.knobs.tribuo.schedule;

import com.oracle.labs.mlrg.olcut.config.Config;
import com.oracle.labs.mlrg.olcut.provenance.ConfiguredObjectProvenance;
import com.oracle.labs.mlrg.olcut.provenance.impl.ConfiguredObjectProvenanceImpl;
import dev.knobs.nn.schedule.LearningRateSchedule;
import dev.knobs.nn.schedule.StepDecay;

/**
 * Step decay: the rate drops by a factor {@code gamma} every {@code everyEpochs} epochs.
 *
 * <pre>
 *   m(t) = gamma ^ ⌊epoch(t) / everyEpochs⌋        e.g. gamma 0.5 every 5 epochs: 1, 1, 1, 1, 1, 0.5, ...
 * </pre>
 *
 * <p>The classic hand-tuned schedule (Krizhevsky et al. 2012 divided by 10 when the validation
 * error stopped improving): big steps while far from a minimum, smaller ones to settle into it.
 */
public final class StepSchedule implements RateSchedule {

    @Config(description = "Epochs between two drops of the rate.")
    private int everyEpochs = 5;

    @Config(description = "Factor applied to the rate at each drop, in (0, 1].")
    private double gamma = 0.5;

    private StepSchedule() {}

    public StepSchedule(int everyEpochs, double gamma) {
        this.everyEpochs = everyEpochs;
        this.gamma = gamma;
        postConfig();
    }

    @Override
    public void postConfig() {
        ScheduleChecks.range("everyEpochs", everyEpochs, 1, 1_000_000, "a number of epochs >= 1");
        ScheduleChecks.range("gamma", gamma, Double.MIN_VALUE, 1, "a factor in (0, 1] (0.1 to 0.5 is usual)");
    }

    @Override
    public LearningRateSchedule multipliers(int stepsPerEpoch, int epochs) {
        return new StepDecay(1f, (float) gamma, everyEpochs * stepsPerEpoch);
    }

    @Override
    public ConfiguredObjectProvenance getProvenance() {
        return new ConfiguredObjectProvenanceImpl(this, "RateSchedule");
    }

    @Override
    public String toString() {
        return "step(x" + gamma + " every " + everyEpochs + " epochs)";
    }
}
