package dev.knobs.tribuo.schedule;

import com.oracle.labs.mlrg.olcut.config.Configurable;
import com.oracle.labs.mlrg.olcut.provenance.ConfiguredObjectProvenance;
import com.oracle.labs.mlrg.olcut.provenance.Provenancable;
import dev.knobs.nn.schedule.LearningRateSchedule;

/**
 * A learning-rate schedule for {@link dev.knobs.tribuo.mlp.MlpTrainer}: a multiplier {@code m(t)}
 * on the rate of whatever Tribuo optimiser is configured, for step {@code t} of the run.
 *
 * <pre>
 *   θ ← θ + m(t) · optimiser.step(-∇L(θ))      the rate in effect is m(t) · η_optimiser
 * </pre>
 *
 * <p>Why a multiplier outside the optimiser: Tribuo's optimisers carry their own fixed rate, and
 * only {@code SGD} has (simple) decays built in. Scaling the update the optimiser returns is
 * exactly the same as changing its rate for SGD with or without momentum, AdaGrad, RMSProp and
 * Adam, because none of them feeds the rate back into its running state. For AdaDelta, which
 * has no rate, it scales the step. {@link org.tribuo.math.optimisers.ParameterAveraging} averages
 * the updates its inner optimiser returns before the multiplier applies, so the trainer rejects a
 * non-constant schedule with it.
 *
 * <p>Implementations are OLCUT configurables: a schedule is a {@code <component>} in a
 * configuration file and is recorded in the model's provenance with all its settings.
 */
public interface RateSchedule extends Configurable, Provenancable<ConfiguredObjectProvenance> {

    /**
     * The multipliers for a run of {@code epochs} epochs of {@code stepsPerEpoch} mini-batches,
     * as an nn-core schedule over the global step {@code t = epoch · stepsPerEpoch + batch}.
     * {@code rate(0) } is the multiplier of the first step.
     */
    LearningRateSchedule multipliers(int stepsPerEpoch, int epochs);

    /** True if every multiplier is 1 (the optimiser's own rate, unchanged). */
    default boolean isConstant() {
        return false;
    }
}
