package dev.knobs.tribuo.schedule;

import com.oracle.labs.mlrg.olcut.config.Config;
import com.oracle.labs.mlrg.olcut.provenance.ConfiguredObjectProvenance;
import com.oracle.labs.mlrg.olcut.provenance.impl.ConfiguredObjectProvenanceImpl;
import dev.knobs.nn.schedule.CosineSchedule;
import dev.knobs.nn.schedule.LearningRateSchedule;
import dev.knobs.nn.schedule.WarmUp;

/**
 * A linear warm-up, then one cosine from 1 down to {@code minFactor} over the rest of the run,
 * changed every mini-batch (Loshchilov and Hutter 2017; warm-up from Goyal et al. 2017).
 *
 * <pre>
 *   t &lt; W:    m(t) = (t + 1) / W                              W = warmupEpochs · stepsPerEpoch
 *   t ≥ W:    m(t) = f + (1 - f) · (1 + cos(π (t - W) / (T - W))) / 2      f = minFactor, T = all steps
 * </pre>
 *
 * <p>The warm-up keeps the first, unreliable gradients of random weights from throwing the
 * network far; the cosine spends long near the top (fast progress) and long near the bottom
 * (settling), with no drop points to tune.
 */
public final class CosineAnnealingSchedule implements RateSchedule {

    @Config(description = "Epochs of linear warm-up before the cosine starts (0 for none).")
    private double warmupEpochs = 0;

    @Config(description = "The multiplier reached at the end, in [0, 1).")
    private double minFactor = 0;

    private CosineAnnealingSchedule() {}

    public CosineAnnealingSchedule(double warmupEpochs, double minFactor) {
        this.warmupEpochs = warmupEpochs;
        this.minFactor = minFactor;
        postConfig();
    }

    @Override
    public void postConfig() {
        ScheduleChecks.range("warmupEpochs", warmupEpochs, 0, 1_000_000, "a number of epochs >= 0");
        ScheduleChecks.range("minFactor", minFactor, 0, Math.nextDown(1.0), "a multiplier in [0, 1)");
    }

    @Override
    public LearningRateSchedule multipliers(int stepsPerEpoch, int epochs) {
        int total = Math.max(1, stepsPerEpoch * epochs);
        int warmup = (int) Math.min(total - 1, Math.round(warmupEpochs * stepsPerEpoch));
        CosineSchedule cosine = CosineSchedule.annealing(1f, (float) minFactor, Math.max(1, total - warmup));
        return warmup > 0 ? new WarmUp(warmup, cosine) : cosine;
    }

    @Override
    public ConfiguredObjectProvenance getProvenance() {
        return new ConfiguredObjectProvenanceImpl(this, "RateSchedule");
    }

    @Override
    public String toString() {
        return "cosine(warm-up " + warmupEpochs + " epochs, down to x" + minFactor + ")";
    }
}
