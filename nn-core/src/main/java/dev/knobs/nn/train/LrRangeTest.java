package dev.knobs.nn.train;

import dev.knobs.nn.data.MiniBatches;
import dev.knobs.nn.layer.Sequential;
import dev.knobs.nn.optim.Optimizer;
import java.util.ArrayList;
import java.util.List;

/**
 * The learning-rate range test (Smith 2017, "Cyclical learning rates for training neural
 * networks", section 3.3; popularised as fastai's {@code lr_find}).
 *
 * <pre>
 *   for step s = 0 .. steps-1:   η_s = η_min · (η_max / η_min)^(s / (steps-1))     (exponential sweep)
 *       train one mini-batch at η_s, record its loss
 *       smoothed_s = β·smoothed_{s-1} + (1-β)·loss_s, bias-corrected like Adam's moments
 *   stop early once smoothed_s > 4 · min(smoothed)
 * </pre>
 *
 * <p>Plotted against {@code log η}, the loss first stays flat (rate too small to matter), then
 * falls (useful range), then shoots up (too large). The suggestion is the rate where the
 * smoothed loss falls fastest: the steepest negative slope of smoothed loss against {@code ln η}.
 * A common, more cautious alternative is one tenth of the rate at the minimum loss; both are
 * returned. The test trains a copy of the model, so the model passed in is untouched.
 */
public final class LrRangeTest {
    private static final double SMOOTHING = 0.98;
    private static final double STOP_FACTOR = 4.0;

    private LrRangeTest() {}

    /**
     * @param rates      learning rate of each step taken
     * @param losses     raw mini-batch loss of each step
     * @param smoothed   smoothed loss of each step
     * @param steepest   the rate with the steepest descent of the smoothed loss (the suggestion)
     * @param minimumOverTen one tenth of the rate at the lowest smoothed loss
     */
    public record Result(List<Float> rates, List<Float> losses, List<Float> smoothed, float steepest, float minimumOverTen) {}

    /**
     * Runs the test.
     *
     * @param model     the network to test; a copy is trained, the original is not modified
     * @param optimizer the optimiser to test; a fresh copy is used
     * @param batches   training batches; epochs are taken in turn if {@code steps} exceeds one epoch
     * @param minRate   first rate, e.g. 1e-5
     * @param maxRate   last rate, e.g. 10
     * @param steps     number of mini-batches, e.g. 200
     */
    public static Result run(Sequential model, Optimizer optimizer, MiniBatches batches, float minRate, float maxRate, int steps) {
        if (!(minRate > 0f) || !(maxRate > minRate) || steps < 5) {
            throw new IllegalArgumentException("range test needs 0 < minRate < maxRate and at least 5 steps, got "
                    + minRate + ", " + maxRate + ", " + steps);
        }
        TrainStep step = new TrainStep(model.copy(), optimizer.copy());
        List<Float> rates = new ArrayList<>();
        List<Float> losses = new ArrayList<>();
        List<Float> smoothed = new ArrayList<>();
        double average = 0;
        double best = Double.POSITIVE_INFINITY;
        int s = 0;
        outer:
        for (int epoch = 0; ; epoch++) {
            for (MiniBatches.Batch b : batches.epoch(epoch)) {
                if (s == steps) {
                    break outer;
                }
                float rate = (float) (minRate * Math.pow(maxRate / minRate, (double) s / (steps - 1)));
                float loss = step.run(b.x(), b.labels(), b.size(), rate);
                if (!Float.isFinite(loss)) {
                    break outer;
                }
                average = SMOOTHING * average + (1 - SMOOTHING) * loss;
                double debiased = average / (1 - Math.pow(SMOOTHING, s + 1));
                rates.add(rate);
                losses.add(loss);
                smoothed.add((float) debiased);
                best = Math.min(best, debiased);
                s++;
                if (debiased > STOP_FACTOR * best && s > 10) {
                    break outer;
                }
            }
        }
        return new Result(rates, losses, smoothed, steepest(rates, smoothed), minimumOverTen(rates, smoothed));
    }

    /** The rate at which {@code d smoothed / d ln(rate)} is most negative. */
    static float steepest(List<Float> rates, List<Float> smoothed) {
        int best = 0;
        double slope = Double.POSITIVE_INFINITY;
        for (int i = 1; i < smoothed.size() - 1; i++) {
            double d = (smoothed.get(i + 1) - smoothed.get(i - 1)) / Math.log(rates.get(i + 1) / rates.get(i - 1));
            if (d < slope) {
                slope = d;
                best = i;
            }
        }
        return rates.isEmpty() ? Float.NaN : rates.get(best);
    }

    static float minimumOverTen(List<Float> rates, List<Float> smoothed) {
        int best = 0;
        for (int i = 1; i < smoothed.size(); i++) {
            if (smoothed.get(i) < smoothed.get(best)) {
                best = i;
            }
        }
        return rates.isEmpty() ? Float.NaN : rates.get(best) / 10f;
    }
}
