package dev.knobs.nn.schedule;

/**
 * Cosine annealing, optionally with warm restarts (Loshchilov and Hutter 2017, "SGDR: stochastic
 * gradient descent with warm restarts").
 *
 * <pre>
 *   η(t) = η_min + (η_max - η_min) · (1 + cos(π · t_cur / T)) / 2
 * </pre>
 *
 * <p>{@code t_cur} counts steps since the last restart and {@code T} is the current cycle
 * length. Without restarts there is one cycle of {@code period} steps and the rate stays at
 * {@code η_min} afterwards. With restarts the rate jumps back to {@code η_max} at the end of each
 * cycle and the next cycle is {@code multiplier} times longer ({@code T₀, T₀·m, T₀·m², ...}).
 * The cosine spends a long time near the top (exploring) and near the bottom (settling), and
 * needs only one number, the length.
 */
public record CosineSchedule(float max, float min, int period, boolean restarts, int multiplier)
        implements LearningRateSchedule {

    public CosineSchedule {
        LearningRateSchedule.checkRate("maximum learning rate", max);
        if (!(min >= 0f && min <= max)) {
            throw new IllegalArgumentException("cosine minimum rate must be in [0, max=" + max + "], got " + min);
        }
        LearningRateSchedule.checkSteps("cosine period", period);
        if (multiplier < 1) {
            throw new IllegalArgumentException("cosine restart multiplier must be at least 1, got " + multiplier);
        }
    }

    /** One cosine from {@code max} down to {@code min} over {@code period} steps. */
    public static CosineSchedule annealing(float max, float min, int period) {
        return new CosineSchedule(max, min, period, false, 1);
    }

    /** SGDR: cycles of {@code period}, {@code period·multiplier}, ... steps, each restarting at {@code max}. */
    public static CosineSchedule withRestarts(float max, float min, int period, int multiplier) {
        return new CosineSchedule(max, min, period, true, multiplier);
    }

    @Override
    public float rate(int step) {
        long tCur = step;
        long cycle = period;
        if (restarts) {
            while (tCur >= cycle) {
                tCur -= cycle;
                cycle *= multiplier;
            }
        } else if (tCur >= cycle) {
            return min;
        }
        return (float) (min + (max - min) * (1 + Math.cos(Math.PI * tCur / cycle)) / 2);
    }

    @Override
    public String name() {
        return restarts ? "cosine_restarts(" + max + ", T0=" + period + ", x" + multiplier + ")"
                : "cosine(" + max + " -> " + min + " over " + period + ")";
    }
}
