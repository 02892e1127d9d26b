package dev.knobs.lessons.l13;

import dev.knobs.search.space.Space;
import dev.knobs.search.strategy.Configurations;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Bergstra and Bengio's argument (2012, figure 1) in numbers, without training anything: on an
 * objective where one knob matters much and the other little, a 3 x 3 grid of 9 trials tries only
 * 3 values of the knob that matters, while 9 random trials try 9. The objective is a stand-in shaped
 * like lesson 12's: accuracy falls with the squared distance of log10(peak-lr) from its best value,
 * and a little with hidden-dropout's distance from 0.2. Where the best learning rate lies is not
 * known in advance, so it is drawn anew (log-uniformly in the space's range) for each repetition, and
 * the shortfalls are averaged.
 */
final class GridVersusRandom {
    private GridVersusRandom() {}

    /** Accuracy (in [0, 1]) of the stand-in objective whose best learning rate is {@code best}. */
    static double accuracy(Map<String, String> knobs, double best) {
        double lr = Math.log10(Double.parseDouble(knobs.get("peak-lr")) / best);
        double dropout = Double.parseDouble(knobs.get("hidden-dropout")) - 0.2;
        return 0.99 - 0.03 * lr * lr - 0.004 * dropout * dropout;
    }

    /** How far the best of the first {@code n} configurations falls short of the best possible accuracy. */
    static double shortfall(Configurations c, int n, double best) {
        double top = 0;
        for (int i = 1; i <= n; i++) {
            top = Math.max(top, accuracy(c.get(i), best));
        }
        return 0.99 - top;
    }

    /**
     * The mean shortfall of a {@code points x points} grid and of as many random trials, over
     * {@code repeats} best learning rates drawn in [lo, hi] (random search with a new seed each time).
     */
    static double[] compare(Space space, int points, int repeats, double lo, double hi) {
        Configurations grid = Configurations.grid(space, points);
        double g = 0;
        double r = 0;
        for (int s = 1; s <= repeats; s++) {
            double best = lo * Math.exp(new SplittableRandom(s).nextDouble() * Math.log(hi / lo));
            g += shortfall(grid, points * points, best);
            r += shortfall(Configurations.random(space, s), points * points, best);
        }
        return new double[] {g / repeats, r / repeats};
    }
}
