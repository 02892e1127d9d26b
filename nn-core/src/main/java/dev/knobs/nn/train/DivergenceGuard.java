package dev.knobs.nn.train;

/**
 * Stops a run whose loss has blown up, instead of letting it produce NaN weights for the rest of
 * the epochs.
 *
 * <p>A loss is "diverged" when it is NaN or infinite, or larger than {@code factor} times the
 * first loss seen (at least {@code floor}). Cross-entropy starts near ln 10 ≈ 2.3 for 10
 * classes, so with the defaults (10x, floor 50) a loss of 50 means the network is confidently
 * wrong everywhere: almost always a learning rate that is too high.
 */
public final class DivergenceGuard {
    private final float factor;
    private final float floor;
    private float first = Float.NaN;

    /** The defaults: 10x the first loss, and never below 50. */
    public DivergenceGuard() {
        this(10f, 50f);
    }

    /**
     * @param factor a loss above this multiple of the first loss has diverged, > 1
     * @param floor  but never a loss below this, > 0
     */
    public DivergenceGuard(float factor, float floor) {
        if (!(factor > 1f) || !(floor > 0f)) {
            throw new IllegalArgumentException("divergence factor must be > 1 and floor > 0, got " + factor + " and " + floor);
        }
        this.factor = factor;
        this.floor = floor;
    }

    /** The first finite loss seen, or NaN before one: what a checkpoint keeps of this guard. */
    float first() {
        return first;
    }

    /** Continues a run whose first finite loss was {@code first} (NaN if none yet). */
    void remember(float first) {
        this.first = first;
    }

    /**
     * Throws {@link TrainingDivergedException} if {@code loss} has diverged.
     *
     * @param epoch        1-based epoch
     * @param step         1-based step over the whole run
     * @param learningRate the rate of this step, quoted in the message
     */
    public void check(float loss, int epoch, int step, float learningRate) {
        if (Float.isNaN(first) && Float.isFinite(loss)) {
            first = loss;
        }
        float limit = Math.max(floor, factor * (Float.isNaN(first) ? 0f : first));
        if (!Float.isFinite(loss) || loss > limit) {
            String what = Float.isNaN(loss) ? "NaN" : Float.isInfinite(loss) ? "infinite"
                    : String.format("%.4g, more than %.3g (%.0fx the first loss %.3g)", loss, limit, factor, first);
            throw new TrainingDivergedException(String.format(
                    "training diverged at epoch %d, step %d: the loss is %s with learning rate %.4g. "
                            + "The updates are too large: try a learning rate 3 to 10 times lower (e.g. %.2g), "
                            + "a warm-up, or scaled inputs.",
                    epoch, step, what, learningRate, learningRate / 5), epoch, step, loss);
        }
    }
}
