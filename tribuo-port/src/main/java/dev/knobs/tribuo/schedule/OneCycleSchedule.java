package dev.knobs.tribuo.schedule;

import com.oracle.labs.mlrg.olcut.config.Config;
import com.oracle.labs.mlrg.olcut.provenance.ConfiguredObjectProvenance;
import com.oracle.labs.mlrg.olcut.provenance.impl.ConfiguredObjectProvenanceImpl;
import dev.knobs.nn.schedule.LearningRateSchedule;
import dev.knobs.nn.schedule.OneCycle;

/**
 * The one-cycle policy (Smith 2018; Smith and Topin 2019), as PyTorch's {@code OneCycleLR} with
 * cosine annealing, changed every mini-batch. The optimiser's rate is the peak.
 *
 * <pre>
 *   start = 1 / divFactor,   end = start / finalDivFactor,   U = ⌊pctStart · T⌋ steps up
 *   t &lt; U:   m(t) rises along half a cosine from start to 1
 *   t ≥ U:   m(t) falls along half a cosine from 1 to end at t = T - 1
 * </pre>
 *
 * <p>The high rate in the middle regularises and moves fast; the very low rate at the end settles
 * into a minimum. With momentum SGD it is the schedule of this project's best runs.
 */
public final class OneCycleSchedule implements RateSchedule {

    @Config(description = "Share of the run spent rising to the peak, in (0, 1).")
    private double pctStart = 0.3;

    @Config(description = "The first multiplier is 1/divFactor (>= 1).")
    private double divFactor = 25;

    @Config(description = "The last multiplier is 1/(divFactor·finalDivFactor) (>= 1).")
    private double finalDivFactor = 1e4;

    private OneCycleSchedule() {}

    public OneCycleSchedule(double pctStart, double divFactor, double finalDivFactor) {
        this.pctStart = pctStart;
        this.divFactor = divFactor;
        this.finalDivFactor = finalDivFactor;
        postConfig();
    }

    @Override
    public void postConfig() {
        ScheduleChecks.range("pctStart", pctStart, Double.MIN_VALUE, Math.nextDown(1.0), "a share in (0, 1) (0.3 is usual)");
        ScheduleChecks.range("divFactor", divFactor, 1, 1e9, "a divisor >= 1 (25 is usual)");
        ScheduleChecks.range("finalDivFactor", finalDivFactor, 1, 1e12, "a divisor >= 1 (1e4 is usual)");
    }

    @Override
    public LearningRateSchedule multipliers(int stepsPerEpoch, int epochs) {
        return new OneCycle(1f, Math.max(1, stepsPerEpoch * epochs), (float) pctStart, (float) divFactor,
                (float) finalDivFactor);
    }

    @Override
    public ConfiguredObjectProvenance getProvenance() {
        return new ConfiguredObjectProvenanceImpl(this, "RateSchedule");
    }

    @Override
    public String toString() {
        return "one-cycle(up " + pctStart + ", /" + divFactor + ", /" + finalDivFactor + ")";
    }
}
