package dev.knobs.tribuo.schedule;

import com.oracle.labs.mlrg.olcut.provenance.ConfiguredObjectProvenance;
import com.oracle.labs.mlrg.olcut.provenance.impl.ConfiguredObjectProvenanceImpl;
import dev.knobs.nn.schedule.ConstantRate;
import dev.knobs.nn.schedule.LearningRateSchedule;

/** {@code m(t) = 1}: the optimiser's own rate throughout. Also what an absent schedule means. */
public final class ConstantSchedule implements RateSchedule {

    public ConstantSchedule() {}

    @Override
    public LearningRateSchedule multipliers(int stepsPerEpoch, int epochs) {
        return new ConstantRate(1f);
    }

    @Override
    public boolean isConstant() {
        return true;
    }

    @Override
    public ConfiguredObjectProvenance getProvenance() {
        return new ConfiguredObjectProvenanceImpl(this, "RateSchedule");
    }

    @Override
    public String toString() {
        return "constant";
    }
}
