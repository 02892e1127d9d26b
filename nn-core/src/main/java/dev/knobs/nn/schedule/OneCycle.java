package dev.knobs.nn.schedule;

/**
 * The one-cycle policy (Smith 2018, "A disciplined approach to neural network
 * hyper-parameters"; Smith and Topin 2019, "Super-convergence"), as in PyTorch's OneCycleLR with
 * cosine annealing.
 *
 * <pre>
 *   start = max / divFactor,   end = start / finalDivFactor,   up = ⌊pctStart · total⌋ steps
 *   t < up:   η(t) = cosine from start up to max
 *   t ≥ up:   η(t) = cosine from max down to end, reached at t = total - 1
 * </pre>
 *
 * <p>One rise then one long fall over the whole run. The high rate in the middle acts as a
 * regulariser and moves fast; the very low rate at the end settles into a minimum. With a
 * maximum found by the learning-rate range test it often trains in fewer epochs.
 */
public record OneCycle(float max, int total, float pctStart, float divFactor, float finalDivFactor)
        implements LearningRateSchedule {

    public OneCycle {
        LearningRateSchedule.checkRate("one-cycle maximum rate", max);
        LearningRateSchedule.checkSteps("one-cycle total steps", total);
        if (!(pctStart > 0f && pctStart < 1f)) {
            throw new IllegalArgumentException("one-cycle pctStart must be in (0, 1), got " + pctStart + " (0.3 is usual)");
        }
        if (!(divFactor >= 1f) || !(finalDivFactor >= 1f)) {
            throw new IllegalArgumentException("one-cycle divFactor and finalDivFactor must be >= 1, got "
                    + divFactor + " and " + finalDivFactor);
        }
    }

    /** PyTorch's defaults: 30% rising, start at max/25, end at max/25/10⁴. */
    public static OneCycle of(float max, int total) {
        return new OneCycle(max, total, 0.3f, 25f, 1e4f);
    }

    @Override
    public float rate(int step) {
        double start = max / divFactor;
        double end = start / finalDivFactor;
        int up = Math.max(1, (int) (pctStart * total));
        if (step < up) {
            return (float) cosine(start, max, (double) step / up);
        }
        int down = Math.max(1, total - 1 - up);
        return (float) cosine(max, end, Math.min(1.0, (double) (step - up) / down));
    }

    /** Goes from {@code a} (fraction 0) to {@code b} (fraction 1) along half a cosine. */
    private static double cosine(double a, double b, double fraction) {
        return b + (a - b) * (1 + Math.cos(Math.PI * fraction)) / 2;
    }

    @Override
    public String name() {
        return "one_cycle(max " + max + ", " + total + " steps)";
    }
}
